// Follow-up on agreed items (research/domain.md AGR-5, C2): owners and facilitators update the
// status, during the meeting once the board is final and afterwards through their own link.
import { describe, expect, it } from 'vitest';
import type { FollowUpStatus } from '../../../../../shared/protocol/commands';
import { agree, endMeeting, item, liveRoom, propose } from './fixtures';

function update(itemId: string, status: FollowUpStatus, reason: string | null = null) {
  return { type: 'followup.update' as const, itemId, status, reason };
}

/** A finalised board with one agreed item owned by h1 and one draft item owned by h1. */
function finalisedRoom(ids?: string[]) {
  const h = liveRoom(ids);
  const agreed = propose(h, 'fac', { ownerMemberId: 'hcw' });
  const draft = propose(h, 'fac', { ownerMemberId: 'hcw' });
  agree(h, agreed);
  h.act('fac', { type: 'board.finalise', noAgreement: false });
  return { h, agreed, draft };
}

describe('followup.update', () => {
  it('lets the owner update the status, recording who and when', () => {
    const { h, agreed } = finalisedRoom();
    h.ctx.now = 12_000_000;
    const d = h.act('hcw', update(agreed, 'in_progress'));
    expect(item(h, agreed).followUp).toEqual({
      status: 'in_progress',
      reason: null,
      updatedAt: 12_000_000,
      updatedBy: 'hcw',
    });
    expect(item(h, agreed).version).toBe(1);
    expect(d.events).toEqual([{ type: 'followup.updated', actorId: 'hcw', targetId: agreed }]);
  });

  it('lets a facilitator update any agreed item', () => {
    const { h, agreed } = finalisedRoom();
    h.act('cofac', update(agreed, 'done', 'Letter sent'));
    expect(item(h, agreed).followUp).toMatchObject({
      status: 'done',
      reason: 'Letter sent',
      updatedBy: 'cofac',
    });
  });

  it.each(['pat', 'pat-sup', 'hcw2', 'hcw-sup', 'org', 'int', 'obs'])(
    'refuses %s, who does not own the item',
    (id) => {
      const { h, agreed } = finalisedRoom();
      expect(h.refuses(id, update(agreed, 'done'), 'FORBIDDEN').message).toBe(
        "Only the item's owner or a facilitator can update its progress.",
      );
    },
  );

  it('needs a reason when something is not possible', () => {
    const { h, agreed } = finalisedRoom();
    for (const reason of [null, '', '   ']) {
      expect(
        h.refuses('hcw', update(agreed, 'not_possible', reason), 'INVALID_STATE').message,
      ).toBe('Please say briefly why this is not possible.');
    }
    h.act('hcw', update(agreed, 'not_possible', ' The unit has closed '));
    expect(item(h, agreed).followUp).toMatchObject({
      status: 'not_possible',
      reason: 'The unit has closed',
    });
  });

  it('is refused before the board is finalised', () => {
    const h = liveRoom();
    const id = propose(h, 'fac', { ownerMemberId: 'hcw' });
    agree(h, id);
    expect(h.refuses('hcw', update(id, 'done'), 'INVALID_STATE').message).toBe(
      'Follow-up starts once the board is finalised.',
    );
  });

  it('is refused for items that were not agreed, or when there is no agreement', () => {
    const { h, draft } = finalisedRoom();
    expect(h.refuses('fac', update(draft, 'done'), 'INVALID_STATE').message).toBe(
      'Only agreed items have follow-up.',
    );
    const none = liveRoom();
    const id = propose(none, 'fac', { ownerMemberId: 'hcw' });
    agree(none, id);
    none.act('fac', { type: 'board.finalise', noAgreement: true });
    none.refuses('hcw', update(id, 'done'), 'INVALID_STATE');
  });

  it('refuses an unknown item', () => {
    const { h } = finalisedRoom();
    h.refuses('fac', update('nope', 'done'), 'NOT_FOUND');
  });

  it('needs an owner who left to come back after the meeting, through their link', () => {
    const { h, agreed } = finalisedRoom();
    h.act('hcw', { type: 'self.leave' });
    expect(h.refuses('hcw', update(agreed, 'done'), 'FORBIDDEN').message).toBe(
      'You are not in the meeting room.',
    );
    endMeeting(h);
    h.act('hcw', update(agreed, 'done'));
    expect(item(h, agreed).followUp.status).toBe('done');
  });

  it('lets an owner who never came to the meeting update after it', () => {
    const h = liveRoom(['fac', 'pat', 'hcw']);
    const id = propose(h, 'fac', { ownerMemberId: 'org', visibleTo: ['patient', 'hcw', 'other'] });
    agree(h, id);
    h.act('fac', { type: 'board.finalise', noAgreement: false });
    h.refuses('org', update(id, 'in_progress'), 'FORBIDDEN');
    endMeeting(h);
    h.act('org', update(id, 'in_progress'));
    expect(item(h, id).followUp.updatedBy).toBe('org');
  });

  it('refuses owners who were removed or denied, even after the meeting', () => {
    const h = liveRoom(['fac', 'pat', 'hcw', 'org']);
    const removed = propose(h, 'fac', {
      ownerMemberId: 'org',
      visibleTo: ['patient', 'hcw', 'other'],
    });
    const denied = propose(h, 'fac', { ownerMemberId: 'hcw2' });
    agree(h, removed);
    agree(h, denied);
    h.act('fac', { type: 'board.finalise', noAgreement: false });
    h.act('fac', { type: 'member.remove', memberId: 'org' });
    h.act('hcw2', { type: 'lobby.join' });
    h.act('fac', { type: 'lobby.deny', memberId: 'hcw2' });
    endMeeting(h);
    h.refuses('org', update(removed, 'done'), 'FORBIDDEN');
    h.refuses('hcw2', update(denied, 'done'), 'FORBIDDEN');
  });
});
