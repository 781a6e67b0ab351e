import path from 'node:path';

/** A V8 profile's call frame (CPU and heap profiles alike). */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** "name path:line", the path relative to the repository, for the profile summaries. */
export function frameLabel({ functionName, url, lineNumber }: CallFrame): string {
  const where = url
    ? `${url.replace(/^file:\/\//, '').replace(ROOT + '/', '')}:${lineNumber + 1}`
    : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
}
