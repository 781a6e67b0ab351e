// Consent per affected party, finalisation and the summary (research/domain.md §5.6 AGR-1,
// "no agreement" is a valid outcome, and the permission matrix's "Consent to agreement items").
import { describe, expect, it } from 'vitest';
import type { ClientCommand } from '../../../../../shared/protocol/commands';
import {
  summaryAvailable,
  summaryItems,
  summaryParties,
} from '../../../../../shared/room/board/summary';
import { isAgreed } from '../../../../../shared/room/boardView';
import {
  agree,
  boardCast,
  endMeeting,
  fields,
  item,
  liveRoom,
  openRoom,
  propose,
} from './fixtures';

function consent(itemId: string, baseVersion = 1, decision: 'consent' | 'decline' = 'consent') {
  return { type: 'board.consent' as const, itemId, baseVersion, decision };
}

describe('board.consent', () => {
  it('records the answer for the actor’s party, with who and when, and a content-free event', () => {
    const h = liveRoom();
    const id = propose(h, 'fac');
    h.ctx.now = 7_000_000;
    const d = h.act('pat', consent(id));
    expect(item(h, id).consents).toEqual({
      patient: { decision: 'consent', memberId: 'pat', at: 7_000_000 },
    });
    expect(d.events).toEqual([
      { type: 'board.consented', actorId: 'pat', targetId: id, party: 'patient' },
    ]);
    const declined = h.act('hcw', consent(id, 1, 'decline'));
    expect(item(h, id).consents.hcw).toEqual({
      decision: 'decline',
      memberId: 'hcw',
      at: 7_000_000,
    });
    expect(declined.events).toEqual([
      { type: 'board.declined', actorId: 'hcw', targetId: id, party: 'hcw' },
    ]);
  });

  it('is agreed only when every affected party has consented', () => {
    const h = liveRoom();
    const both = propose(h, 'fac');
    const patientOnly = propose(h, 'fac', { affectedParties: ['patient'] });
    h.act('pat', consent(both));
    expect(isAgreed(item(h, both))).toBe(false);
    h.act('pat', consent(patientOnly));
    expect(isAgreed(item(h, patientOnly))).toBe(true);
    h.act('hcw', consent(both, 1, 'decline'));
    expect(isAgreed(item(h, both))).toBe(false);
    // A later answer from the same party replaces the earlier one, whoever in the party gives it.
    h.act('hcw2', consent(both));
    expect(item(h, both).consents.hcw?.memberId).toBe('hcw2');
    expect(isAgreed(item(h, both))).toBe(true);
    h.act('pat', consent(both, 1, 'decline'));
    expect(isAgreed(item(h, both))).toBe(false);
  });

  it('is cleared by an edit, and an answer to the old version is a CONFLICT', () => {
    const h = liveRoom();
    const id = propose(h, 'fac');
    h.act('pat', consent(id));
    h.act('fac', {
      type: 'board.edit',
      itemId: id,
      baseVersion: 1,
      fields: fields({ text: 'New' }),
    });
    expect(item(h, id).consents).toEqual({});
    expect(h.refuses('hcw', consent(id, 1), 'CONFLICT').message).toBe(
      'This item has changed since you read it. Please read the new wording first.',
    );
    h.refuses('hcw', consent(id, 3), 'CONFLICT');
    h.act('hcw', consent(id, 2));
    h.act('pat', consent(id, 2));
    expect(isAgreed(item(h, id))).toBe(true);
  });

  it.each([
    ['fac', 'Facilitators guide the agreement; the parties give consent.'],
    ['cofac', 'Facilitators guide the agreement; the parties give consent.'],
    ['hcw-sup', 'The healthcare worker answers for their party; support people do not.'],
    [
      'org',
      'Organisation representatives do not answer for the patient or healthcare-worker party.',
    ],
    ['int', 'Your role does not give consent to agreement items.'],
    ['obs', 'Your role does not give consent to agreement items.'],
  ])('refuses %s', (actorId, message) => {
    const h = liveRoom();
    const id = propose(h, 'fac', { visibleTo: ['patient', 'hcw', 'other'] });
    expect(h.refuses(actorId, consent(id), 'FORBIDDEN').message).toBe(message);
  });

  it('lets a patient support person answer only when no patient is in the room', () => {
    const h = liveRoom();
    const id = propose(h, 'fac');
    expect(h.refuses('pat-sup', consent(id), 'FORBIDDEN').message).toBe(
      'The patient is here and answers for the patient party.',
    );
    h.act('pat', { type: 'self.leave' });
    h.act('pat-sup', consent(id));
    expect(item(h, id).consents.patient?.memberId).toBe('pat-sup');
  });

  it('lets a patient support person answer when the patient never joins (e.g. bereaved family)', () => {
    const h = liveRoom(['fac', 'pat-sup', 'hcw']);
    const id = propose(h, 'fac');
    h.act('pat-sup', consent(id));
    expect(item(h, id).consents.patient?.decision).toBe('consent');
  });

  it('refuses a patient or healthcare-worker role placed outside its story party', () => {
    const members = boardCast().map((m) =>
      m.id === 'pat' || m.id === 'hcw' ? { ...m, party: 'other' as const } : m,
    );
    const h = liveRoom(['fac', 'pat', 'hcw'], members);
    const id = propose(h, 'fac', { visibleTo: ['patient', 'hcw', 'other'] });
    for (const actorId of ['pat', 'hcw']) {
      expect(h.refuses(actorId, consent(id), 'FORBIDDEN').message).toBe(
        'Your party does not give consent to agreement items.',
      );
    }
  });

  it('refuses a party the item does not ask to agree', () => {
    const h = liveRoom();
    const id = propose(h, 'fac', { affectedParties: ['patient'] });
    expect(h.refuses('hcw', consent(id), 'FORBIDDEN').message).toBe(
      'This item does not ask your party to agree.',
    );
  });

  it('refuses someone not in the room, an unknown item and a finalised board', () => {
    const h = liveRoom(['fac', 'pat', 'hcw']);
    const id = propose(h, 'fac');
    h.act('hcw2', { type: 'lobby.join' });
    h.refuses('hcw2', consent(id), 'FORBIDDEN');
    expect(h.refuses('pat', consent('nope'), 'NOT_FOUND').message).toBe(
      'That item is no longer on the board.',
    );
    agree(h, id);
    h.act('fac', { type: 'board.finalise', noAgreement: false });
    expect(h.refuses('pat', consent(id, 1, 'decline'), 'INVALID_STATE').message).toBe(
      'The board has been finalised and can no longer change.',
    );
  });

  it('can still be given after the meeting ended, until the board is finalised', () => {
    const h = liveRoom();
    const id = propose(h, 'fac');
    h.act('hcw', { type: 'self.leave' });
    endMeeting(h);
    h.act('pat', consent(id));
    // People who left come back through their own link once the meeting is over.
    h.act('hcw', consent(id));
    expect(isAgreed(item(h, id))).toBe(true);
  });
});

describe('board.finalise', () => {
  it('finalises with at least one agreed item', () => {
    const h = liveRoom();
    const id = propose(h, 'fac');
    propose(h, 'pat');
    agree(h, id);
    h.ctx.now = 9_000_000;
    const d = h.act('cofac', { type: 'board.finalise', noAgreement: false });
    expect(h.state.board).toMatchObject({ finalisedAt: 9_000_000, noAgreement: false });
    expect(d.events).toEqual([{ type: 'board.finalised', actorId: 'cofac' }]);
  });

  it('refuses to finalise an agreement when nothing is agreed', () => {
    const h = liveRoom();
    const id = propose(h, 'fac');
    h.act('pat', consent(id));
    expect(
      h.refuses('fac', { type: 'board.finalise', noAgreement: false }, 'INVALID_STATE').message,
    ).toBe('No item is agreed yet; finalise with no agreement instead.');
  });

  it('accepts "no agreement" as an outcome, with or without items', () => {
    const empty = liveRoom();
    empty.act('fac', { type: 'board.finalise', noAgreement: true });
    expect(empty.state.board).toMatchObject({ noAgreement: true, finalisedAt: empty.ctx.now });
    const drafts = liveRoom();
    propose(drafts, 'pat');
    drafts.act('fac', { type: 'board.finalise', noAgreement: true });
    expect(drafts.state.board.noAgreement).toBe(true);
  });

  it('finalises once only', () => {
    const h = liveRoom();
    h.act('fac', { type: 'board.finalise', noAgreement: true });
    expect(
      h.refuses('cofac', { type: 'board.finalise', noAgreement: true }, 'INVALID_STATE').message,
    ).toBe('The board is already finalised.');
  });

  it.each(['pat', 'pat-sup', 'hcw', 'hcw-sup', 'org', 'int', 'obs'])('refuses %s', (actorId) => {
    const h = liveRoom();
    h.refuses(actorId, { type: 'board.finalise', noAgreement: true }, 'FORBIDDEN');
  });

  it('is refused before the meeting starts (issue 14), and works after it ends', () => {
    const before = openRoom(['fac']);
    for (const noAgreement of [true, false]) {
      expect(
        before.refuses('fac', { type: 'board.finalise', noAgreement }, 'INVALID_STATE').message,
      ).toBe('The board can be finalised once the meeting has started.');
    }
    expect(before.view('fac').me.can.finalise).toBeUndefined();
    before.act('fac', { type: 'meeting.start' });
    expect(before.view('fac').me.can.finalise).toBe(true);
    before.act('fac', { type: 'board.finalise', noAgreement: true });
    const after = liveRoom();
    agree(after, propose(after, 'pat'));
    endMeeting(after);
    after.act('fac', { type: 'board.finalise', noAgreement: false });
    expect(after.state.board.finalisedAt).not.toBeNull();
  });

  it('freezes the board: no drafting command is accepted afterwards', () => {
    const h = liveRoom();
    const a = propose(h, 'pat');
    const b = propose(h, 'hcw');
    agree(h, a);
    h.act('fac', { type: 'board.finalise', noAgreement: false });
    const frozen: [string, ClientCommand][] = [
      ['pat', { type: 'board.propose', fields: fields() }],
      ['fac', { type: 'board.edit', itemId: b, baseVersion: 1, fields: fields({ text: 'X' }) }],
      ['fac', { type: 'board.remove', itemId: b }],
      ['fac', { type: 'board.reorder', itemIds: [b, a] }],
      ['fac', { type: 'board.merge', itemIds: [a, b], text: 'X' }],
      ['hcw', consent(b)],
    ];
    for (const [actorId, cmd] of frozen) {
      h.refuses(actorId, cmd, 'INVALID_STATE');
    }
  });
});

describe('board.consentSummary and the summary', () => {
  function finalised(ids?: string[]) {
    const h = liveRoom(ids);
    const agreed = propose(h, 'fac');
    const draft = propose(h, 'fac');
    agree(h, agreed);
    h.act('fac', { type: 'board.finalise', noAgreement: false });
    return { h, agreed, draft };
  }

  it('is refused before the board is finalised', () => {
    const h = liveRoom();
    expect(h.refuses('pat', { type: 'board.consentSummary' }, 'INVALID_STATE').message).toBe(
      'The summary can be agreed once the board is finalised.',
    );
  });

  it('becomes available once every story party has agreed to it', () => {
    const { h } = finalised();
    expect(summaryParties(h.state)).toEqual(['patient', 'hcw']);
    expect(summaryAvailable(h.state)).toBe(false);
    h.ctx.now = 11_000_000;
    const d = h.act('pat', { type: 'board.consentSummary' });
    expect(h.state.board.summaryConsents).toEqual({
      patient: { memberId: 'pat', at: 11_000_000 },
    });
    expect(d.events).toEqual([
      { type: 'board.summaryConsented', actorId: 'pat', party: 'patient' },
    ]);
    expect(summaryAvailable(h.state)).toBe(false);
    h.act('hcw2', { type: 'board.consentSummary' });
    expect(summaryAvailable(h.state)).toBe(true);
  });

  it('records each party once', () => {
    const { h } = finalised();
    h.act('hcw', { type: 'board.consentSummary' });
    expect(h.refuses('hcw2', { type: 'board.consentSummary' }, 'INVALID_STATE').message).toBe(
      'Your party has already agreed to the summary.',
    );
  });

  it.each(['fac', 'cofac', 'pat-sup', 'hcw-sup', 'org', 'int', 'obs'])(
    'refuses %s (same rule as consent to items)',
    (actorId) => {
      const { h } = finalised();
      h.refuses(actorId, { type: 'board.consentSummary' }, 'FORBIDDEN');
    },
  );

  it('needs only the story parties that have someone who can answer for them', () => {
    const { h } = finalised(['fac', 'pat', 'hcw']);
    expect(summaryParties(h.state)).toEqual(['patient', 'hcw']);
    const noHcw = liveRoom(
      ['fac', 'pat'],
      boardCast().filter((m) => m.party !== 'hcw'),
    );
    propose(noHcw, 'fac', { affectedParties: ['patient'] });
    expect(summaryParties(noHcw.state)).toEqual(['patient']);
    noHcw.act('fac', { type: 'board.finalise', noAgreement: true });
    expect(summaryAvailable(noHcw.state)).toBe(false);
    noHcw.act('pat', { type: 'board.consentSummary' });
    expect(summaryAvailable(noHcw.state)).toBe(true);
  });

  it('does not wait for people who were removed or denied', () => {
    const members = boardCast().filter((m) => m.id !== 'hcw2');
    const h = liveRoom(['fac', 'pat', 'hcw', 'hcw-sup'], members);
    h.act('fac', { type: 'member.remove', memberId: 'hcw' });
    // Only a support person is left in the hcw party: nobody can answer for it.
    expect(summaryParties(h.state)).toEqual(['patient']);
    const denied = liveRoom(['fac', 'pat'], members);
    denied.act('hcw', { type: 'lobby.join' });
    denied.act('fac', { type: 'lobby.deny', memberId: 'hcw' });
    expect(summaryParties(denied.state)).toEqual(['patient']);
    h.act('fac', { type: 'board.finalise', noAgreement: true });
    h.act('pat', { type: 'board.consentSummary' });
    expect(summaryAvailable(h.state)).toBe(true);
  });

  it('is never available before finalisation, even with nobody to ask', () => {
    const h = openRoom(
      [],
      boardCast().filter((m) => m.party === 'facilitation'),
    );
    expect(summaryParties(h.state)).toEqual([]);
    expect(summaryAvailable(h.state)).toBe(false);
  });

  it('can be given after the meeting by people who left or never came', () => {
    const { h } = finalised(['fac', 'pat', 'hcw', 'hcw-sup']);
    h.act('pat', { type: 'self.leave' });
    h.refuses('pat', { type: 'board.consentSummary' }, 'FORBIDDEN');
    endMeeting(h);
    h.act('pat', { type: 'board.consentSummary' });
    h.act('hcw2', { type: 'board.consentSummary' });
    expect(summaryAvailable(h.state)).toBe(true);
  });

  it('holds only agreed items, in board order, and only those the viewer may see', () => {
    const h = liveRoom();
    const a = propose(h, 'fac', { visibleTo: ['hcw'], affectedParties: ['hcw'] });
    const b = propose(h, 'fac');
    const c = propose(h, 'fac');
    agree(h, c);
    agree(h, a);
    h.act('fac', { type: 'board.reorder', itemIds: [c, b, a] });
    h.act('fac', { type: 'board.finalise', noAgreement: false });
    expect(summaryItems(h.state).map((i) => i.id)).toEqual([c, a]);
    expect(summaryItems(h.state, h.state.members['pat']!).map((i) => i.id)).toEqual([c]);
    expect(summaryItems(h.state, h.state.members['hcw']!).map((i) => i.id)).toEqual([c, a]);
    expect(summaryItems(h.state, h.state.members['cofac']!).map((i) => i.id)).toEqual([c, a]);
  });

  it('holds no items when the outcome is "no agreement"', () => {
    const h = liveRoom();
    agree(h, propose(h, 'fac'));
    h.act('fac', { type: 'board.finalise', noAgreement: true });
    expect(summaryItems(h.state)).toEqual([]);
  });
});
