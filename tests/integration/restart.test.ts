import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PersonDto } from '../../shared/protocol/http';
import type { RoomView } from '../../shared/room/views';
import { freeTcpPort } from '../support/livekit';
import { NODE_PASSWORD, nodeClient, seedMeeting, until, type NodeClient } from '../support/nodes';
import { spawnServer, type ServerProcess } from '../support/process';
import type { ClientSocket } from '../support/server';

const EMAIL = 'restart@example.org';
const N = 30;

describe('a server killed with SIGKILL mid-meeting loses nothing it acknowledged or showed', () => {
  const procs: ServerProcess[] = [];
  const sockets: ClientSocket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const p of procs) await p.kill('SIGKILL');
  });

  it('restores the meeting and every client converges on the same version', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cg-restart-'));
    const port = await freeTcpPort();
    const env = {
      DATA_DIR: dataDir,
      FACILITATOR_EMAIL: EMAIL,
      FACILITATOR_PASSWORD: NODE_PASSWORD,
      FACILITATOR_NAME: 'Fran',
    };
    let server = await spawnServer(env, port);
    procs.push(server);
    const seeded = await seedMeeting(server.url, EMAIL, [
      { displayName: 'Pat', party: 'patient', role: 'patient' },
      { displayName: 'Casey', party: 'hcw', role: 'hcw' },
    ]);
    const { cookie, meeting: m } = seeded;
    const [pat, cli] = seeded.people as [PersonDto, PersonDto];
    const [patToken, cliToken] = seeded.tokens as [string, string];
    const client = (auth: object, c?: string) => nodeClient(server.url, auth, c, 200);
    const fac = client({ meetingId: m.id }, cookie);
    const patient = client({ invite: patToken });
    const clinician = client({ invite: cliToken });
    const all = [fac, patient, clinician];
    sockets.push(...all.map((x) => x.socket));
    await until(() => all.every((x) => !!x.state.view), 'first views');

    const send = (x: NodeClient, command: object, id: string) => x.command(command, id);
    expect(await send(patient, { type: 'lobby.join' }, 'join-patient-1')).toMatchObject({
      ok: true,
    });
    expect(await send(clinician, { type: 'lobby.join' }, 'join-clinic-1')).toMatchObject({
      ok: true,
    });
    expect(
      await send(fac, { type: 'lobby.admit', memberId: pat.id }, 'admit-patient'),
    ).toMatchObject({ ok: true });
    expect(
      await send(fac, { type: 'lobby.admit', memberId: cli.id }, 'admit-clinician'),
    ).toMatchObject({ ok: true });
    expect(await send(fac, { type: 'meeting.start' }, 'start-meeting')).toMatchObject({ ok: true });

    // A steady stream of commands; the server is killed right after the N-th acknowledgement,
    // while later ones are still in flight.
    const acked: string[] = [];
    let k = 0;
    let killed = false;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (killed) return;
        const text = `note-${++k}`;
        void send(patient, { type: 'message.toFacilitators', text }, `msg-${k}-abcdef`)
          .then((r) => {
            if (r.ok && !killed) acked.push(text);
            if (acked.length >= N && !killed) {
              killed = true;
              clearInterval(timer);
              server.child.kill('SIGKILL');
              resolve();
            }
          })
          .catch(() => undefined);
      }, 70);
    });
    await new Promise<void>((r) =>
      server.child.exitCode !== null || server.child.signalCode
        ? r()
        : server.child.once('exit', () => r()),
    );
    expect(server.child.signalCode).toBe('SIGKILL');
    // What the facilitator was shown before the kill, acknowledged or not: a view goes out only
    // once its command is written, so the restart must have all of it too.
    const shown = fac.state.view!.facilitator!.messages.map((x) => x.text);
    expect(shown.length).toBeGreaterThanOrEqual(acked.length);

    const t0 = Date.now();
    server = await spawnServer(env, port);
    procs.push(server);

    // Every client reconnects by itself and lands on the same, current version.
    await until(() => all.every((x) => x.socket.connected), 'clients reconnected');
    const sync = await fac.socket.timeout(5000).emitWithAck('room:sync', {});
    if (!sync.ok) throw new Error('sync failed');
    await until(() => {
      const versions = all.map((x) => x.state.view?.version);
      return versions.every((v) => v === versions[0]) && (versions[0] ?? 0) >= sync.data.version;
    }, 'same version everywhere');
    const convergedMs = Date.now() - t0;

    const view = fac.state.view!;
    const texts = view.facilitator!.messages.map((x) => x.text);
    for (const text of [...acked, ...shown]) expect(texts).toContain(text);
    expect(view.status).toBe('live');
    expect(view.members.map((x) => x.id).sort()).toEqual([view.me.id, pat.id, cli.id].sort());
    // A retried command (same client id) applies once, across the restart too.
    const before = texts.filter((t) => t === 'note-1').length;
    expect(
      await send(patient, { type: 'message.toFacilitators', text: 'note-1' }, 'msg-1-abcdef'),
    ).toMatchObject({ ok: true });
    const after = (await fac.socket.timeout(5000).emitWithAck('room:sync', {})) as {
      ok: true;
      data: RoomView;
    };
    expect(after.data.facilitator!.messages.filter((x) => x.text === 'note-1').length).toBe(before);
    process.stdout.write(
      `restart: ${acked.length} acknowledged commands kept; clients converged in ${convergedMs} ms\n`,
    );
  }, 90_000);
});
