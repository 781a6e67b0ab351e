import { describe, expect, it } from 'vitest';
import type { BoardFields } from '../../shared/protocol/commands';
import type { BoardItemView } from '../../shared/room/boardView';
import type { RoomView } from '../../shared/room/views';
import {
  addCofacilitator,
  connect,
  createMeeting,
  type Client,
  type TestServer,
} from '../support/server';
import { useTestServer } from '../support/lifecycle';

/**
 * Issue 4: two facilitators edit the same agreement item at the same moment. One edit wins, the
 * other is told CONFLICT, and no text is lost: the loser still holds their text and can apply it
 * again on top of the new version.
 */

const PEOPLE = [
  { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient' },
  { key: 'clinician', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
] as const;

const ORIGINAL = 'Share the findings of the review with Pat';
const LEAD_TEXT = 'Share the findings of the review with Pat in a letter by the end of June';
const COFAC_TEXT = 'Share the findings of the review with Pat at a meeting with the ward manager';

function fields(text: string): BoardFields {
  return {
    text,
    category: 'answers',
    owner: '',
    ownerMemberId: null,
    dueDate: null,
    completionEvidence: '',
    visibleTo: ['patient', 'hcw', 'facilitation', 'other'],
    affectedParties: ['patient', 'hcw'],
  };
}

const itemIn = (v: RoomView | undefined, id: string): BoardItemView | undefined =>
  v?.board?.items.find((i) => i.id === id);

describe('agreement board: two facilitators edit the same item at once (real sockets)', () => {
  let s: TestServer;
  const clients: Client[] = [];

  useTestServer((x) => (s = x), clients, { each: true });

  it('one edit wins, the other gets CONFLICT, and the losing text can be re-applied', async () => {
    const m = await createMeeting(s, [...PEOPLE]);
    // The co-facilitator is a colleague's facilitator account, assigned to the case (issue 12).
    const cofacAccount = await addCofacilitator(s, m.caseId);
    const ids = {
      cofac: cofacAccount.id,
      patient: m.people.patient!.id,
      clinician: m.people.clinician!.id,
    };

    // Both facilitators through their own session cookies: a facilitator skips the lobby on
    // connect (shared/room/decide.ts, system.connect).
    const lead = await connect(s, { meetingId: m.meetingId, cookie: s.facilitator.cookie });
    clients.push(lead);
    const cofac = await connect(s, { meetingId: m.meetingId, cookie: cofacAccount.cookie });
    clients.push(cofac);
    const cofacView = await cofac.waitFor((v) => v.me.status === 'admitted');
    expect(cofacView.me.isFacilitator).toBe(true);
    expect(cofacView.me.role).toBe('cofacilitator');
    await lead.waitFor((v) => v.me.status === 'admitted');

    // The two parties, admitted from their waiting areas.
    const patient = await connect(s, { invite: m.people.patient!.token });
    clients.push(patient);
    const clinician = await connect(s, { invite: m.people.clinician!.token });
    clients.push(clinician);
    for (const [c, id] of [
      [patient, ids.patient],
      [clinician, ids.clinician],
    ] as const) {
      await c.waitFor((v) => v.me.status === 'invited');
      expect(await c.command({ type: 'lobby.join' })).toMatchObject({ ok: true });
      await lead.waitFor(
        (v) => !!v.facilitator?.lobby.some((e) => e.id === id && e.status === 'waiting'),
      );
      expect(await lead.command({ type: 'lobby.admit', memberId: id })).toMatchObject({
        ok: true,
      });
      await c.waitFor((v) => v.me.status === 'admitted');
    }

    // The patient proposes; both parties consent to version 1.
    expect(
      await patient.command({ type: 'board.propose', fields: fields(ORIGINAL) }),
    ).toMatchObject({ ok: true });
    const proposed = await lead.waitFor((v) => v.board?.items.length === 1);
    const itemId = proposed.board!.items[0]!.id;
    expect(proposed.board!.items[0]!.version).toBe(1);
    for (const c of [patient, clinician]) {
      await c.waitFor((v) => itemIn(v, itemId)?.version === 1);
      expect(
        await c.command({ type: 'board.consent', itemId, baseVersion: 1, decision: 'consent' }),
      ).toMatchObject({ ok: true });
    }
    const agreed = await lead.waitFor((v) => itemIn(v, itemId)?.agreed === true);
    expect(Object.keys(itemIn(agreed, itemId)!.consents).sort()).toEqual(['hcw', 'patient']);

    // Both facilitators have version 1 on screen and save their edits at the same moment.
    await cofac.waitFor((v) => itemIn(v, itemId)?.agreed === true);
    const base = itemIn(lead.latest(), itemId)!.version;
    expect(itemIn(cofac.latest(), itemId)!.version).toBe(base);
    const [leadAck, cofacAck] = await Promise.all([
      lead.command({ type: 'board.edit', itemId, baseVersion: base, fields: fields(LEAD_TEXT) }),
      cofac.command({ type: 'board.edit', itemId, baseVersion: base, fields: fields(COFAC_TEXT) }),
    ]);

    // Exactly one wins; the other is told CONFLICT (not a generic failure).
    const acks = [
      { who: 'lead', ack: leadAck, text: LEAD_TEXT, client: lead },
      { who: 'cofac', ack: cofacAck, text: COFAC_TEXT, client: cofac },
    ];
    const winners = acks.filter((a) => a.ack.ok);
    const losers = acks.filter((a) => !a.ack.ok);
    expect(winners.map((w) => w.who)).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = winners[0]!;
    const loser = losers[0]!;
    expect(loser.ack.error?.code).toBe('CONFLICT');

    // Everyone sees the winner's text at version base + 1, with every consent cleared: the parties
    // agreed to a text that no longer exists.
    for (const c of [lead, cofac, patient, clinician]) {
      const v = await c.waitFor((x) => itemIn(x, itemId)?.version === base + 1);
      const item = itemIn(v, itemId)!;
      expect(item.fields.text).toBe(winner.text);
      expect(item.consents).toEqual({});
      expect(item.agreed).toBe(false);
    }

    // No text is lost: the loser still holds theirs (the client keeps it in the conflict view) and
    // applies it again on top of the version they now see.
    const seenByLoser = itemIn(loser.client.latest(), itemId)!;
    expect(seenByLoser.version).toBe(base + 1);
    expect(seenByLoser.fields.text).toBe(winner.text);
    // Re-sending the stale version is still a conflict; only the current one is accepted.
    expect(
      await loser.client.command({
        type: 'board.edit',
        itemId,
        baseVersion: base,
        fields: fields(loser.text),
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      await loser.client.command({
        type: 'board.edit',
        itemId,
        baseVersion: seenByLoser.version,
        fields: fields(loser.text),
      }),
    ).toMatchObject({ ok: true });

    // The final item holds the re-applied text, two versions on from where both started; both
    // texts were on the board in turn, and nobody's consent carried over to either of them.
    for (const c of [lead, cofac, patient, clinician]) {
      const v = await c.waitFor((x) => itemIn(x, itemId)?.version === base + 2);
      const item = itemIn(v, itemId)!;
      expect(item.fields.text).toBe(loser.text);
      expect(item.consents).toEqual({});
      expect(item.agreed).toBe(false);
    }
    const history = lead.views
      .map((v) => itemIn(v, itemId))
      .filter((i): i is BoardItemView => !!i)
      .map((i) => `${i.version}:${i.fields.text}`);
    expect([...new Set(history)]).toEqual([
      `${base}:${ORIGINAL}`,
      `${base + 1}:${winner.text}`,
      `${base + 2}:${loser.text}`,
    ]);

    // A consent given to the overtaken version is refused too: nobody agrees to a text unseen.
    expect(
      await patient.command({
        type: 'board.consent',
        itemId,
        baseVersion: base + 1,
        decision: 'consent',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      await patient.command({
        type: 'board.consent',
        itemId,
        baseVersion: base + 2,
        decision: 'consent',
      }),
    ).toMatchObject({ ok: true });
    const after = await lead.waitFor((x) => {
      const i = itemIn(x, itemId);
      return i?.version === base + 2 && !!i.consents.patient;
    });
    expect(Object.keys(itemIn(after, itemId)!.consents)).toEqual(['patient']);
  });
});
