// Issue 15 on the server: the gate derived from readiness and consents (with fakes of the store's
// ports), and the neutral calendar file.
import { describe, expect, it } from 'vitest';
import { meetingIcs } from '../../../server/src/http/ics';
import { ICS_WORDS } from '../../../server/src/http/timingRoutes';
import { consentVersion, gateItems, type GateStore } from '../../../server/src/rooms/prepGate';
import type { ConsentRow, ReadinessRow } from '../../../server/src/store/ports';
import type { PersonRecord } from '../../../server/src/store/ports';

function fakeStore(kind: 'joint' | 'prep' = 'joint') {
  const people: PersonRecord[] = [
    {
      id: 'p1',
      caseId: 'c',
      displayName: 'Pat',
      party: 'patient',
      role: 'patient',
      language: 'en',
    },
    { id: 'h1', caseId: 'c', displayName: 'Casey', party: 'hcw', role: 'hcw', language: 'en' },
  ];
  const readiness: ReadinessRow[] = [];
  const consents = new Map<string, ConsentRow>();
  let members = ['p1', 'h1'];
  const store: GateStore = {
    meetingById: async () => ({
      id: 'm',
      caseId: 'c',
      title: 'Joint',
      createdAt: 0,
      status: 'open',
      floorMode: 'gentle',
      kind,
    }),
    personById: async (id) => people.find((p) => p.id === id),
    memberIdsOf: async () => members,
    setMeetingMembers: async (_m, ids) => void (members = ids),
    addMeetingMember: async (_m, id) => void members.push(id),
    latestReadiness: async () => readiness,
    latestConsent: async (_m, id) => consents.get(id),
  };
  const go = (party: string, decision = 'go') =>
    readiness.push({ party, decision, decided_on: '2030-01-01', note: '', at: 1 });
  const consent = async (id: string, known?: string, withdrawn: number | null = null) => {
    const version = known ?? (await consentVersion(store, 'm'));
    consents.set(id, { version, at: 1, withdrawn_at: withdrawn });
  };
  return { store, go, consent, people, setMembers: (ids: string[]) => (members = ids) };
}

describe('gateItems', () => {
  it('names each party without "go" and each member without current consent', async () => {
    const f = fakeStore();
    expect(await gateItems(f.store, 'm')).toEqual([
      { code: 'readiness', party: 'patient', decision: null },
      { code: 'readiness', party: 'hcw', decision: null },
      { code: 'consent', personId: 'p1', reason: 'missing' },
      { code: 'consent', personId: 'h1', reason: 'missing' },
    ]);
    f.go('patient');
    f.go('hcw', 'indirect_only');
    await f.consent('p1');
    await f.consent('h1', 'an-older-list');
    expect(await gateItems(f.store, 'm')).toEqual([
      { code: 'readiness', party: 'hcw', decision: 'indirect_only' },
      { code: 'consent', personId: 'h1', reason: 'outdated' },
    ]);
    f.go('hcw');
    await f.consent('h1', undefined, 5);
    expect(await gateItems(f.store, 'm')).toEqual([
      { code: 'consent', personId: 'h1', reason: 'withdrawn' },
    ]);
    await f.consent('h1');
    expect(await gateItems(f.store, 'm')).toEqual([]);
  });

  it('changes the consent version when who is present changes, and holds back no other kind', async () => {
    const f = fakeStore();
    const before = await consentVersion(f.store, 'm');
    f.setMembers(['p1']);
    expect(await consentVersion(f.store, 'm')).not.toBe(before);
    expect(await gateItems(fakeStore('prep').store, 'm')).toEqual([]);
  });
});

describe('meetingIcs', () => {
  it('is a valid, neutral calendar file: UTC times, escaped text, folded lines, CRLF', async () => {
    const ics = meetingIcs({
      uid: 'u1',
      startsAt: Date.UTC(2030, 2, 15, 14, 30),
      minutes: 90,
      now: Date.UTC(2030, 0, 1),
      ...ICS_WORDS,
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTART:20300315T143000Z\r\n');
    expect(ics).toContain('DTEND:20300315T160000Z\r\n');
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    // Unfolded, the description is the neutral words, with the comma escaped.
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DESCRIPTION:${ICS_WORDS.description.replace(/,/g, '\\,')}`);
    expect(ICS_WORDS.title + ICS_WORDS.description).not.toMatch(
      /harm|incident|error|clinical|complaint|patient|doctor|nurse/i,
    );
  });
});
