import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger';

/** res.locals keys the access log reads (set by app.ts where it mounts things). */
export const ROUTE_LABEL = 'cgRoute';
export const MOUNT_PATH = 'cgMount';

/** A mount path that is a pattern too (lowercase words), never an id or a token. */
const LITERAL_MOUNT = /^[a-z/-]*$/;

/**
 * The route a request matched, as its pattern (`/api/invite/:token`), or a fixed label: `static`
 * (a built client file), `spa` (the client's index.html), `unmatched`. Never the raw path or the
 * query: `/j/<token>` and `/api/invite/<token>` carry credentials. Routers are mounted at literal
 * paths; after an error leaves a router Express resets its base URL, so the mount app.ts noted
 * (res.locals[MOUNT_PATH]) stands in.
 */
function routeLabel(req: Request, res: Response): string {
  const fixed = res.locals[ROUTE_LABEL] as string | undefined;
  if (fixed) return fixed;
  const route = (req as { route?: { path?: unknown } }).route;
  if (!route) return 'unmatched';
  if (typeof route.path !== 'string') return 'spa';
  const base = LITERAL_MOUNT.test(req.baseUrl) ? req.baseUrl : '';
  const mount = base || ((res.locals[MOUNT_PATH] as string | undefined) ?? '');
  return `${mount}${route.path}`;
}

/**
 * One content-free line per HTTP request once it is answered: route pattern, method, status and
 * milliseconds. The API (a facilitator's few requests) logs at info; files, the page itself,
 * probes, metrics scrapes and webhooks at debug; any 5xx at warn.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      const route = routeLabel(req, res);
      const fields = {
        route,
        method: req.method,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      };
      if (res.statusCode >= 500) logger.warn('http.request', fields);
      else if (route.startsWith('/api/')) logger.info('http.request', fields);
      else logger.debug('http.request', fields);
    });
    next();
  };
}
