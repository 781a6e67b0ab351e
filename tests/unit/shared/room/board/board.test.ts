// The agreement board's drafting commands: propose, edit, remove, reorder and merge
// (research/domain.md §5.6; anyone admitted proposes, facilitators edit, reorder and merge).
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../../shared/protocol/commands';
import type { BoardItem } from '../../../../../shared/room/board';
import { isAgreed } from '../../../../../shared/room/boardView';
import { agree, endMeeting, fields, item, liveRoom, openRoom, propose } from './fixtures';

const NON_FACILITATORS = ['pat', 'pat-sup', 'hcw', 'hcw-sup', 'org', 'int', 'obs'];

describe('board.propose', () => {
  it('creates version 1 with no consent and a planned follow-up, and a content-free event', () => {
    const h = liveRoom();
    h.ctx.now = 5_000_000;
    const text = 'Arrange a follow-up meeting in three months';
    const d = h.act('pat', { type: 'board.propose', fields: fields({ text }) });
    const [added] = h.state.board.items as [BoardItem];
    expect(h.state.board.items).toHaveLength(1);
    expect(added).toEqual({
      id: expect.stringMatching(/^id-/),
      version: 1,
      fields: fields({ text }),
      proposedBy: 'pat',
      proposedAt: 5_000_000,
      consents: {},
      followUp: { status: 'planned', reason: null, updatedAt: null, updatedBy: null },
    });
    expect(isAgreed(added)).toBe(false);
    expect(d.events).toEqual([{ type: 'board.proposed', actorId: 'pat', targetId: added.id }]);
    expect(JSON.stringify(d.events)).not.toContain('follow-up meeting');
  });

  it.each([
    ['fac', 'facilitator'],
    ['cofac', 'cofacilitator'],
    ['pat', 'patient'],
    ['pat-sup', 'patient support'],
    ['hcw', 'healthcare worker'],
    ['hcw-sup', 'healthcare-worker support'],
    ['org', 'organisation representative'],
  ])('lets %s (%s) propose', (actorId) => {
    const h = liveRoom();
    const everyone = fields({ visibleTo: ['patient', 'hcw', 'other'] });
    h.act(actorId, { type: 'board.propose', fields: everyone });
    expect(h.state.board.items).toHaveLength(1);
    expect(h.state.board.items[0]?.proposedBy).toBe(actorId);
  });

  it.each([
    ['int', 'interpreter'],
    ['obs', 'observer'],
  ])('refuses %s (%s)', (actorId) => {
    const h = liveRoom();
    const e = h.refuses(
      actorId,
      {
        type: 'board.propose',
        fields: fields({ visibleTo: ['patient', 'hcw', 'other'] }),
      },
      'FORBIDDEN',
    );
    expect(e.message).toBe('Your role does not propose agreement items.');
  });

  it('refuses people who are not in the room: waiting, left, never arrived, or unknown', () => {
    const h = liveRoom(['fac', 'pat', 'hcw']);
    h.act('pat-sup', { type: 'lobby.join' });
    h.refuses('pat-sup', { type: 'board.propose', fields: fields() }, 'FORBIDDEN');
    h.refuses('hcw2', { type: 'board.propose', fields: fields() }, 'FORBIDDEN');
    h.refuses('nobody', { type: 'board.propose', fields: fields() }, 'FORBIDDEN');
    h.act('pat', { type: 'self.leave' });
    expect(h.refuses('pat', { type: 'board.propose', fields: fields() }, 'FORBIDDEN').message).toBe(
      'You are not in the meeting room.',
    );
  });

  it('works before the meeting starts, but not once it has ended', () => {
    const h = openRoom(['fac', 'pat']);
    propose(h, 'pat');
    endMeeting(h);
    expect(
      h.refuses('pat', { type: 'board.propose', fields: fields() }, 'INVALID_STATE').message,
    ).toBe('The meeting has ended.');
  });

  it('is refused once the board is finalised', () => {
    const h = liveRoom();
    h.act('fac', { type: 'board.finalise', noAgreement: true });
    h.refuses('pat', { type: 'board.propose', fields: fields() }, 'INVALID_STATE');
  });

  it(`caps the board at ${LIMITS.boardItems} items`, () => {
    const h = liveRoom();
    propose(h, 'fac');
    // States from decide are frozen: a full board is set up on a copy.
    const full = structuredClone(h.state);
    const template = full.board.items[0]!;
    full.board.items = Array.from({ length: LIMITS.boardItems }, (_, i) => ({
      ...structuredClone(template),
      id: `x${i}`,
    }));
    h.state = full;
    expect(
      h.refuses('pat', { type: 'board.propose', fields: fields() }, 'INVALID_STATE').message,
    ).toBe('The board is full. Merge or remove items first.');
    h.act('fac', { type: 'board.remove', itemId: 'x0' });
    propose(h, 'pat');
    expect(h.state.board.items).toHaveLength(LIMITS.boardItems);
  });

  it('requires every affected party to be able to see the item', () => {
    const h = liveRoom();
    const e = h.refuses(
      'fac',
      {
        type: 'board.propose',
        fields: fields({ visibleTo: ['patient'], affectedParties: ['patient', 'hcw'] }),
      },
      'INVALID_STATE',
    );
    expect(e.message).toBe('Every party asked to agree must be able to see the item.');
  });

  it("requires a participant's own party to see what they propose (facilitators see everything)", () => {
    const h = liveRoom();
    const hcwOnly = fields({ visibleTo: ['hcw'], affectedParties: ['hcw'] });
    h.refuses('pat', { type: 'board.propose', fields: hcwOnly }, 'INVALID_STATE');
    h.refuses('org', { type: 'board.propose', fields: fields() }, 'INVALID_STATE');
    h.act('hcw', { type: 'board.propose', fields: hcwOnly });
    h.act('fac', { type: 'board.propose', fields: hcwOnly });
    expect(h.state.board.items).toHaveLength(2);
  });

  it('checks the owner: a person of this meeting, not removed or denied, who can see the item', () => {
    const h = liveRoom(['fac', 'pat', 'hcw', 'org']);
    h.act('pat-sup', { type: 'lobby.join' });
    h.act('fac', { type: 'lobby.deny', memberId: 'pat-sup' });
    h.act('fac', { type: 'member.remove', memberId: 'org' });
    const owned = (ownerMemberId: string) => ({
      type: 'board.propose' as const,
      fields: fields({ ownerMemberId }),
    });
    expect(h.refuses('pat', owned('ghost'), 'NOT_FOUND').message).toBe(
      'The owner is not part of this meeting.',
    );
    h.refuses('pat', owned('pat-sup'), 'INVALID_STATE');
    expect(h.refuses('pat', owned('org'), 'INVALID_STATE').message).toBe(
      'That person can no longer own an item.',
    );
    const hidden = fields({ visibleTo: ['patient'], affectedParties: ['patient'] });
    expect(
      h.refuses(
        'pat',
        { type: 'board.propose', fields: { ...hidden, ownerMemberId: 'hcw' } },
        'INVALID_STATE',
      ).message,
    ).toBe("The owner must be able to see the item: add the owner's party.");
    // A facilitator sees every item, so may own any; someone invited but not yet here may own one.
    h.act('pat', { type: 'board.propose', fields: { ...hidden, ownerMemberId: 'fac' } });
    h.act('pat', { type: 'board.propose', fields: fields({ ownerMemberId: 'hcw2' }) });
    expect(h.state.board.items.map((i) => i.fields.ownerMemberId)).toEqual(['fac', 'hcw2']);
  });

  it('stores party lists once each, in a fixed order', () => {
    const h = liveRoom();
    const id = propose(h, 'fac', {
      visibleTo: ['other', 'hcw', 'patient', 'hcw'],
      affectedParties: ['hcw', 'patient', 'hcw'],
    });
    expect(item(h, id).fields.visibleTo).toEqual(['patient', 'hcw', 'other']);
    expect(item(h, id).fields.affectedParties).toEqual(['patient', 'hcw']);
  });
});

describe('board.edit', () => {
  it('moves to a new version, replaces the fields and clears every consent', () => {
    const h = liveRoom();
    const id = propose(h, 'pat');
    agree(h, id);
    expect(isAgreed(item(h, id))).toBe(true);
    const next = fields({ text: 'Send the review findings by email', category: 'followup' });
    const d = h.act('fac', { type: 'board.edit', itemId: id, baseVersion: 1, fields: next });
    expect(item(h, id)).toMatchObject({
      version: 2,
      fields: next,
      consents: {},
      proposedBy: 'pat',
    });
    expect(isAgreed(item(h, id))).toBe(false);
    expect(d.events).toEqual([{ type: 'board.edited', actorId: 'fac', targetId: id }]);
  });

  it('refuses a stale edit with CONFLICT and changes nothing', () => {
    const h = liveRoom();
    const id = propose(h, 'pat');
    h.act('fac', { type: 'board.edit', itemId: id, baseVersion: 1, fields: fields({ text: 'A' }) });
    // The co-facilitator was still editing version 1.
    const e = h.refuses(
      'cofac',
      {
        type: 'board.edit',
        itemId: id,
        baseVersion: 1,
        fields: fields({ text: 'B' }),
      },
      'CONFLICT',
    );
    expect(e.message).toBe(
      'Someone changed this item while you were editing it. Look at the new version and try again.',
    );
    expect(item(h, id)).toMatchObject({ version: 2, fields: { text: 'A' } });
    h.refuses(
      'cofac',
      { type: 'board.edit', itemId: id, baseVersion: 3, fields: fields() },
      'CONFLICT',
    );
    h.act('cofac', {
      type: 'board.edit',
      itemId: id,
      baseVersion: 2,
      fields: fields({ text: 'B' }),
    });
    expect(item(h, id).version).toBe(3);
  });

  it('refuses an edit that changes nothing, so consent is not wiped by accident', () => {
    const h = liveRoom();
    const id = propose(h, 'pat', { visibleTo: ['hcw', 'patient'] });
    agree(h, id);
    const same = fields({ visibleTo: ['patient', 'hcw', 'hcw'] });
    expect(
      h.refuses(
        'fac',
        { type: 'board.edit', itemId: id, baseVersion: 1, fields: same },
        'INVALID_STATE',
      ).message,
    ).toBe('Nothing has changed.');
    expect(isAgreed(item(h, id))).toBe(true);
  });

  it.each(NON_FACILITATORS)('refuses %s: only facilitators edit', (actorId) => {
    const h = liveRoom();
    const id = propose(h, 'fac', { visibleTo: ['patient', 'hcw', 'other'] });
    const e = h.refuses(
      actorId,
      {
        type: 'board.edit',
        itemId: id,
        baseVersion: 1,
        fields: fields({ text: 'Changed' }),
      },
      'FORBIDDEN',
    );
    expect(e.message).toBe('Only a facilitator can do this.');
  });

  it('refuses a facilitator who is not in the room', () => {
    const h = liveRoom(['fac', 'pat', 'hcw']);
    const id = propose(h, 'pat');
    const cmd = {
      type: 'board.edit' as const,
      itemId: id,
      baseVersion: 1,
      fields: fields({ text: 'X' }),
    };
    h.refuses('cofac', cmd, 'FORBIDDEN');
  });

  it('refuses an unknown item, broken field rules and a finalised board', () => {
    const h = liveRoom();
    const id = propose(h, 'pat');
    expect(
      h.refuses(
        'fac',
        { type: 'board.edit', itemId: 'nope', baseVersion: 1, fields: fields() },
        'NOT_FOUND',
      ).message,
    ).toBe('That item is no longer on the board.');
    const hidden = fields({ visibleTo: ['hcw'], affectedParties: ['patient'] });
    h.refuses(
      'fac',
      { type: 'board.edit', itemId: id, baseVersion: 1, fields: hidden },
      'INVALID_STATE',
    );
    h.act('fac', { type: 'board.finalise', noAgreement: true });
    expect(
      h.refuses(
        'fac',
        { type: 'board.edit', itemId: id, baseVersion: 1, fields: fields({ text: 'Y' }) },
        'INVALID_STATE',
      ).message,
    ).toBe('The board has been finalised and can no longer change.');
  });

  it('is still possible after the meeting ended, until the board is finalised', () => {
    const h = liveRoom();
    const id = propose(h, 'pat');
    endMeeting(h);
    h.act('fac', { type: 'board.edit', itemId: id, baseVersion: 1, fields: fields({ text: 'Z' }) });
    expect(item(h, id).version).toBe(2);
  });
});

describe('board.remove', () => {
  it('removes the item', () => {
    const h = liveRoom();
    const a = propose(h, 'pat');
    const b = propose(h, 'hcw');
    const d = h.act('cofac', { type: 'board.remove', itemId: a });
    expect(h.state.board.items.map((i) => i.id)).toEqual([b]);
    expect(d.events).toEqual([{ type: 'board.removed', actorId: 'cofac', targetId: a }]);
  });

  it.each(NON_FACILITATORS)('refuses %s', (actorId) => {
    const h = liveRoom();
    const id = propose(h, 'pat');
    h.refuses(actorId, { type: 'board.remove', itemId: id }, 'FORBIDDEN');
  });

  it('refuses an unknown item and a finalised board', () => {
    const h = liveRoom();
    const id = propose(h, 'pat');
    h.refuses('fac', { type: 'board.remove', itemId: 'nope' }, 'NOT_FOUND');
    h.act('fac', { type: 'board.finalise', noAgreement: true });
    h.refuses('fac', { type: 'board.remove', itemId: id }, 'INVALID_STATE');
  });
});

describe('board.reorder', () => {
  function threeItems() {
    const h = liveRoom();
    const ids = [propose(h, 'pat'), propose(h, 'hcw'), propose(h, 'fac')] as [
      string,
      string,
      string,
    ];
    return { h, ids };
  }

  it('puts the items in the new order without touching versions or consent', () => {
    const { h, ids } = threeItems();
    const [a, b, c] = ids;
    agree(h, b);
    const d = h.act('fac', { type: 'board.reorder', itemIds: [c, a, b] });
    expect(h.state.board.items.map((i) => i.id)).toEqual([c, a, b]);
    expect(h.state.board.items.map((i) => i.version)).toEqual([1, 1, 1]);
    expect(isAgreed(item(h, b))).toBe(true);
    expect(d.events).toEqual([{ type: 'board.reordered', actorId: 'fac' }]);
  });

  it.each([
    ['an item left out', (a: string, b: string) => [a, b]],
    ['an item twice', (a: string, b: string) => [a, b, b]],
    ['an unknown item', (a: string, b: string) => [a, b, 'ghost']],
    ['an item too many', (a: string, b: string, c: string) => [a, b, c, 'ghost']],
    ['nothing at all', () => []],
  ])('refuses a list with %s', (_, make) => {
    const { h, ids } = threeItems();
    const e = h.refuses('fac', { type: 'board.reorder', itemIds: make(...ids) }, 'INVALID_STATE');
    expect(e.message).toBe('The board has changed: the new order must list every item once.');
  });

  it.each(NON_FACILITATORS)('refuses %s', (actorId) => {
    const { h, ids } = threeItems();
    h.refuses(actorId, { type: 'board.reorder', itemIds: [...ids].reverse() }, 'FORBIDDEN');
  });

  it('is refused once the board is finalised', () => {
    const { h, ids } = threeItems();
    h.act('fac', { type: 'board.finalise', noAgreement: true });
    h.refuses('fac', { type: 'board.reorder', itemIds: [...ids].reverse() }, 'INVALID_STATE');
  });
});

describe('board.merge', () => {
  it('keeps the first item, with the new text, the union of parties, a new version and no consent', () => {
    const h = liveRoom();
    const first = propose(h, 'pat', {
      visibleTo: ['patient'],
      affectedParties: ['patient'],
      category: 'learning',
      ownerMemberId: 'pat',
    });
    const middle = propose(h, 'fac');
    const second = propose(h, 'hcw', { visibleTo: ['hcw', 'other'], affectedParties: ['hcw'] });
    agree(h, first);
    const d = h.act('fac', {
      type: 'board.merge',
      itemIds: [first, second],
      text: 'Share what the ward learned, with the patient involved',
    });
    expect(h.state.board.items.map((i) => i.id)).toEqual([first, middle]);
    const merged = item(h, first);
    expect(merged).toMatchObject({
      version: 2,
      consents: {},
      proposedBy: 'pat',
      fields: {
        text: 'Share what the ward learned, with the patient involved',
        category: 'learning',
        ownerMemberId: 'pat',
        visibleTo: ['patient', 'hcw', 'other'],
        affectedParties: ['patient', 'hcw'],
      },
    });
    expect(d.events).toEqual([{ type: 'board.merged', actorId: 'fac', targetId: first }]);
  });

  it('merges into whichever item is named first, wherever it is on the board', () => {
    const h = liveRoom();
    const a = propose(h, 'pat');
    const b = propose(h, 'hcw');
    const c = propose(h, 'fac');
    h.act('fac', { type: 'board.merge', itemIds: [c, a], text: 'Together' });
    expect(h.state.board.items.map((i) => i.id)).toEqual([b, c]);
    expect(item(h, c).fields.text).toBe('Together');
  });

  it('refuses repeated or unknown items', () => {
    const h = liveRoom();
    const a = propose(h, 'pat');
    expect(
      h.refuses('fac', { type: 'board.merge', itemIds: [a, a], text: 'X' }, 'INVALID_STATE')
        .message,
    ).toBe('Choose each item to merge only once.');
    h.refuses('fac', { type: 'board.merge', itemIds: [a, 'ghost'], text: 'X' }, 'NOT_FOUND');
  });

  it.each(NON_FACILITATORS)('refuses %s', (actorId) => {
    const h = liveRoom();
    const ids = [propose(h, 'pat'), propose(h, 'hcw')];
    h.refuses(actorId, { type: 'board.merge', itemIds: ids, text: 'X' }, 'FORBIDDEN');
  });

  it('is refused once the board is finalised', () => {
    const h = liveRoom();
    const ids = [propose(h, 'pat'), propose(h, 'hcw')];
    agree(h, ids[0]!);
    h.act('fac', { type: 'board.finalise', noAgreement: false });
    h.refuses('fac', { type: 'board.merge', itemIds: ids, text: 'X' }, 'INVALID_STATE');
  });
});
