// Issue 17: an interpreter's link changed on the case page reaches each open meeting as
// system.linkInterpreter, under the same rules as interpreter.link with nobody acting in the room.
import { describe, expect, it } from 'vitest';
import { COMMAND_ENVELOPE_SCHEMA } from '../../../../../shared/protocol/commands';
import type { NewMember } from '../../../../../shared/room/state';
import type { SystemCommand } from '../../../../../shared/room/types';
import { cast, FAC, HCW, INT, meeting, OBS, PAT, PAT_SUP, room } from '../helpers';

const INT2 = 'int-2';
const link = (memberId: string, mode: 'spoken' | 'sign' = 'spoken') => ({ memberId, mode });
const linkFromCase = (
  interpretsFor: { memberId: string; mode: 'spoken' | 'sign' } | null,
  memberId: string = INT,
): SystemCommand => ({ type: 'system.linkInterpreter', memberId, interpretsFor });

describe('system.linkInterpreter', () => {
  it('links, relinks and unlinks; everyone sees it; the events have no actor', () => {
    const h = meeting();
    const d = h.system(linkFromCase(link(PAT, 'sign')));
    expect(h.member(INT).interpretsFor).toEqual(link(PAT, 'sign'));
    expect(d.events).toEqual([{ type: 'interpreter.linked', actorId: null, targetId: INT }]);
    for (const viewer of [PAT, HCW, OBS, FAC]) {
      const seen = h.view(viewer).members.find((m) => m.id === INT);
      expect(seen?.interpretsFor, viewer).toEqual(link(PAT, 'sign'));
    }
    h.system(linkFromCase(link(HCW)));
    expect(h.member(INT).interpretsFor).toEqual(link(HCW));
    const off = h.system(linkFromCase(null));
    expect(h.member(INT).interpretsFor).toBeNull();
    expect(off.events).toEqual([{ type: 'interpreter.unlinked', actorId: null, targetId: INT }]);
  });

  it('needs no facilitator in the room, and works before the start', () => {
    const h = room();
    expect(h.member(FAC).status).not.toBe('admitted');
    h.system(linkFromCase(link(PAT)));
    expect(h.member(INT).interpretsFor).toEqual(link(PAT));
  });

  it('leaves the link as it is when the person is not part of this meeting', () => {
    const members: NewMember[] = cast().filter((m) => m.id !== HCW);
    const h = meeting({ members, present: members.map((m) => m.id) });
    h.system(linkFromCase(link(PAT)));
    const d = h.system(linkFromCase(link(HCW, 'sign')));
    expect(h.member(INT).interpretsFor).toEqual(link(PAT));
    expect(d.events).toEqual([]);
  });

  it('refuses a non-interpreter, an unknown interpreter, a facilitator or another interpreter', () => {
    const members: NewMember[] = [
      ...cast(),
      { id: INT2, name: 'Second interpreter', role: 'interpreter', party: 'other' },
    ];
    const h = meeting({ members, present: members.map((m) => m.id) });
    const cases: [SystemCommand, string, string][] = [
      [
        linkFromCase(link(PAT), PAT_SUP),
        'INVALID_STATE',
        'Only an interpreter can be linked to someone.',
      ],
      [
        linkFromCase(link(FAC)),
        'INVALID_STATE',
        'An interpreter is linked to a participant, not to a facilitator.',
      ],
      [
        linkFromCase(link(INT2)),
        'INVALID_STATE',
        'An interpreter cannot be linked to another interpreter.',
      ],
      [
        linkFromCase(link(INT)),
        'INVALID_STATE',
        'An interpreter cannot be linked to another interpreter.',
      ],
      [linkFromCase(link(PAT), 'ghost'), 'NOT_FOUND', 'That person is not part of this meeting.'],
    ];
    for (const [command, code, message] of cases) {
      expect(h.rejects(command, code as 'INVALID_STATE').message).toBe(message);
    }
    expect(h.member(INT).interpretsFor).toBeNull();
  });

  it('refuses a person or an interpreter no longer part of the meeting', () => {
    const h = meeting();
    h.act(FAC, { type: 'member.remove', memberId: PAT_SUP });
    const gone = h.rejects(linkFromCase(link(PAT_SUP)), 'INVALID_STATE');
    expect(gone.message).toBe('That person is no longer part of this meeting.');
    h.act(FAC, { type: 'member.remove', memberId: INT });
    h.rejects(linkFromCase(link(PAT)), 'INVALID_STATE');
    h.rejects(linkFromCase(null), 'INVALID_STATE');
  });

  it('refuses a person denied entry', () => {
    const h = meeting({ present: [FAC, INT] });
    h.system({ type: 'system.connect', memberId: PAT });
    h.act(PAT, { type: 'lobby.join' });
    h.act(FAC, { type: 'lobby.deny', memberId: PAT });
    h.rejects(linkFromCase(link(PAT)), 'INVALID_STATE');
  });

  it('refuses after the end, and the ended meeting keeps its link', () => {
    const h = meeting();
    h.system(linkFromCase(link(PAT)));
    h.act(FAC, { type: 'meeting.end' });
    expect(h.rejects(linkFromCase(link(HCW)), 'INVALID_STATE').message).toBe(
      'The meeting has ended.',
    );
    h.rejects(linkFromCase(null), 'INVALID_STATE');
    expect(h.member(INT).interpretsFor).toEqual(link(PAT));
  });

  it('is never accepted from a client: the command schema refuses it', () => {
    const sent = { id: 'abcdefgh12', command: linkFromCase(link(PAT)) };
    expect(COMMAND_ENVELOPE_SCHEMA.safeParse(sent).success).toBe(false);
    const asActor = { id: 'abcdefgh12', command: { ...linkFromCase(link(PAT)), actorId: FAC } };
    expect(COMMAND_ENVELOPE_SCHEMA.safeParse(asActor).success).toBe(false);
  });
});
