import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDto, InviteDto } from '../../shared/protocol/http';
import { makeReady } from '../support/readiness';
import { api, createMeeting, type ScriptedMeeting } from '../support/server';
import {
  admit,
  button,
  CONSOLE,
  enterMeetingRoom,
  joinAndWait,
  openTab,
  poll,
  signIn,
  waitForScreen,
} from './support/actors';
import { expectNoAxeViolations } from './support/axe';
import { playingVideos, startStack, type Stack } from './support/stack';

/**
 * Issue 17, item 3 (A11Y-2, FAC-12): a sign-language interpreter linked to the patient on their
 * invite is pinned large on the patient's stage, beside the speaker; the clinician sees them as an
 * ordinary tile. The facilitator moves the link in the room, then back on the case page, and the
 * pin follows each time. The tile's share of the stage is measured in the real browser.
 */

const INTERPRETER = 'Sam Signs';

interface TileShare {
  pinned: string | null;
  layout: string | null;
  /** The tile's area over the video grid's area (the stage). */
  share: number;
}

/** The interpreter's tile on this page: pinned or not, and how much of the stage it takes. */
function tileOf(page: Page, id: string): Promise<TileShare | null> {
  return page.evaluate((id) => {
    const grid = document.querySelector('.room__stage .video-grid');
    const tile = grid?.querySelector(`[data-tile-id="${id}"]`);
    if (!grid || !tile) return null;
    const g = grid.getBoundingClientRect();
    const t = tile.getBoundingClientRect();
    return {
      pinned: tile.getAttribute('data-pinned'),
      layout:
        grid.getAttribute('data-paired') === 'true' ? 'paired' : grid.getAttribute('data-layout'),
      share: (t.width * t.height) / (g.width * g.height),
    };
  }, id);
}

describe('an interpreter in their place (issue 17)', () => {
  let stack: Stack;
  let m: ScriptedMeeting;
  let fac: Page;
  let patient: Page;
  let clinician: Page;
  let interpreter: Page;
  let interpreterId: string;

  beforeAll(async () => {
    stack = await startStack();
    m = await createMeeting(stack.server, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'cli', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
    ]);
    [fac, patient, clinician, interpreter] = await Promise.all([
      stack.newPage('facilitator', { viewport: { width: 1366, height: 768 } }),
      stack.newPage('patient', { viewport: { width: 1366, height: 768 } }),
      stack.newPage('clinician', { viewport: { width: 1366, height: 768 } }),
      stack.newPage('interpreter', { viewport: { width: 1366, height: 768 } }),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('the facilitator invites a sign-language interpreter for the patient on the case page', async () => {
    await signIn(fac, stack.server);
    await fac.goto(`${stack.server.url}/cases/${m.caseId}`);
    await waitForScreen(fac, 'case');
    const form = fac.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Display name').fill(INTERPRETER);
    await form.getByLabel('Party').selectOption({ label: 'Others' });
    await form.getByLabel('Role', { exact: true }).selectOption({ label: 'Interpreter' });
    await form.getByLabel('Interprets for').selectOption({ label: 'Pat Doe' });
    await form.getByLabel('Kind of interpreting').selectOption({ label: 'Sign language' });
    await expectNoAxeViolations(fac, 'case page with the interpreter fields');
    await button(fac, 'Add person').click();
    await fac.getByText('Sign language interpreter for Pat Doe').first().waitFor();

    // Their personal link and consent, as for anyone (the joint meeting's gate asks for it); the
    // others consent again, as the list of who will be there has changed (PRE-4).
    const c = await api<CaseDto>(stack.server, 'GET', `/cases/${m.caseId}`);
    const person = c.people.find((p) => p.displayName === INTERPRETER)!;
    expect(person.interpretsFor).toEqual({ memberId: m.people.pat!.id, mode: 'sign' });
    interpreterId = person.id;
    const invite = await api<InviteDto>(
      stack.server,
      'POST',
      `/meetings/${m.meetingId}/invites/${person.id}`,
    );
    await makeReady(stack.server, m, [
      invite.url.split('/j/')[1]!,
      m.people.pat!.token,
      m.people.cli!.token,
    ]);

    await fac.reload();
    await waitForScreen(fac, 'case');
    await enterMeetingRoom(fac);
    await joinAndWait(patient, m.people.pat!.invite.url);
    await joinAndWait(clinician, m.people.cli!.invite.url);
    await joinAndWait(interpreter, invite.url);
    await admit(fac, patient, 'Pat Doe');
    await admit(fac, clinician, 'Dr Casey Lee');
    await admit(fac, interpreter, INTERPRETER);
  });

  it('the patient sees the interpreter pinned large beside the speaker; the clinician does not', async () => {
    await openTab(fac, CONSOLE.start);
    await button(fac, 'Start the meeting').click();
    await openTab(fac, CONSOLE.turns);
    await button(fac, 'Give the floor to the healthcare workers').click();

    // The patient: the clinician (speaker) and the interpreter share the top of the stage.
    const mine = await poll(
      () => tileOf(patient, interpreterId),
      (t) => t?.pinned === 'sign' && t.layout === 'paired',
      'the interpreter pinned on the patient’s stage',
      60_000,
    );
    // At least a third of the stage: large enough for signs to be read (styles.css says why).
    expect(mine!.share).toBeGreaterThan(1 / 3);
    await poll(
      () => playingVideos(patient),
      (v) => v.includes(interpreterId),
      'the patient plays the interpreter’s video',
      60_000,
    );
    // The clinician: the interpreter is an ordinary tile of the strip.
    const theirs = await poll(
      () => tileOf(clinician, interpreterId),
      (t) => t !== null,
      'the interpreter on the clinician’s stage',
      60_000,
    );
    // (The clinician holds the floor: their stage is an even grid, the interpreter the same size
    // as the patient's tile there.)
    expect(theirs!.pinned).toBeNull();
    const patientTile = await tileOf(clinician, m.people.pat!.id);
    expect(Math.abs(theirs!.share - patientTile!.share)).toBeLessThan(0.02);
    expect(theirs!.share).toBeLessThan(mine!.share);
    // Everyone reads whom the interpreter is for, in the People tab.
    await openTab(clinician, 'People');
    await clinician
      .locator('.people__list')
      .getByText('Sign language interpreter for Pat Doe')
      .waitFor();
    await expectNoAxeViolations(patient, 'the patient’s room with the interpreter pinned');
    await expectNoAxeViolations(clinician, 'the clinician’s room');
    console.info(
      `interpreter tile share of the stage: patient ${mine!.share.toFixed(2)}, clinician ${theirs!.share.toFixed(2)}`,
    );
  });

  it('the facilitator links the interpreter to the clinician in the room: the pin follows', async () => {
    await openTab(fac, CONSOLE.people);
    const control = fac.getByRole('form', { name: `Who ${INTERPRETER} interprets for` });
    await control.getByLabel('Interprets for').selectOption({ label: 'Dr Casey Lee' });
    await control.getByLabel('Kind of interpreting').selectOption({ label: 'Spoken language' });
    await control.getByRole('button', { name: 'Save' }).click();
    await control.getByText('Saved.').waitFor();
    await expectNoAxeViolations(fac, 'the facilitator’s people list with the interpreter control');
    await poll(
      () => tileOf(clinician, interpreterId),
      (t) => t?.pinned === 'spoken',
      'the interpreter pinned for the clinician',
      30_000,
    );
    await poll(
      () => tileOf(patient, interpreterId),
      (t) => t !== null && t.pinned === null,
      'no longer pinned for the patient',
      30_000,
    );
    stack.assertCleanConsole();
  });

  it('the facilitator links the interpreter back to the patient on the case page: the label and the pin follow', async () => {
    // In a second window: the facilitator stays in the room (without them the meeting pauses).
    const casePage = await stack.newPage('facilitator case page');
    await signIn(casePage, stack.server);
    await casePage.goto(`${stack.server.url}/cases/${m.caseId}`);
    await waitForScreen(casePage, 'case');
    const roleOf = casePage
      .locator('.people__item', { hasText: INTERPRETER })
      .locator('.people__role');
    // The room's change is the person's link too.
    await roleOf.getByText('Interpreter for Dr Casey Lee').waitFor();
    const control = casePage.getByRole('form', { name: `Who ${INTERPRETER} interprets for` });
    await control.getByLabel('Interprets for').selectOption({ label: 'Pat Doe' });
    await control.getByLabel('Kind of interpreting').selectOption({ label: 'Sign language' });
    await control.getByRole('button', { name: 'Save' }).click();
    await control.getByText('Saved.').waitFor();
    await roleOf.getByText('Sign language interpreter for Pat Doe').waitFor();
    await expectNoAxeViolations(casePage, 'the case page with the interpreter’s link control');
    // The meeting still running follows at once: the patient's stage pins the interpreter again.
    await poll(
      () => tileOf(patient, interpreterId),
      (t) => t?.pinned === 'sign',
      'the interpreter pinned for the patient again',
      30_000,
    );
    const c = await api<CaseDto>(stack.server, 'GET', `/cases/${m.caseId}`);
    expect(c.people.find((p) => p.id === interpreterId)?.interpretsFor).toEqual({
      memberId: m.people.pat!.id,
      mode: 'sign',
    });
    stack.assertCleanConsole();
  });
});
