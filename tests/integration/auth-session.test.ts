import { describe, expect, it } from 'vitest';
import type { SessionDto } from '../../shared/protocol/http';
import type { Client, TestServer } from '../support/server';
import { apiCall, useTestServer } from '../support/lifecycle';

/**
 * Issue 14, finding 9: the sign-in page asks who is signed in without a failed request. Being
 * signed out is the normal case there, so `/api/auth/session` answers 200 either way (a 401 is
 * logged by the browser as a console error), while `/api/auth/me` keeps answering 401.
 */
describe('GET /api/auth/session', () => {
  let s: TestServer;
  const clients: Client[] = [];
  useTestServer((x) => (s = x), clients);

  it('answers 200 with the signed-in facilitator', async () => {
    const res = await apiCall(s, 'GET', '/auth/session');
    expect(res.status).toBe(200);
    expect(res.body as unknown as SessionDto).toEqual({
      facilitator: { id: s.facilitator.id, email: s.facilitator.email, name: expect.any(String) },
    });
  });

  it('answers 200 with no facilitator when signed out or with a forged cookie', async () => {
    for (const cookie of ['', 'cg_session=forged.value']) {
      const res = await apiCall(s, 'GET', '/auth/session', undefined, cookie);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ facilitator: null });
      // The strict probe is unchanged.
      expect((await apiCall(s, 'GET', '/auth/me', undefined, cookie)).status).toBe(401);
    }
  });

  it('answers no facilitator once signed out', async () => {
    expect((await apiCall(s, 'POST', '/auth/logout')).status).toBe(204);
    expect((await apiCall(s, 'GET', '/auth/session')).body).toEqual({ facilitator: null });
  });
});
