import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  admit,
  button,
  byTestId,
  CONSOLE,
  createMeetingThroughUi,
  enterMeetingRoom,
  openTab,
  poll,
  signIn,
  textOf,
  waitForScreen,
  waitForText,
} from './support/actors';
import { startStack, type Stack } from './support/stack';

/**
 * Issue 15 in real Chromium against the real LiveKit server: the facilitator holds a preparation
 * meeting with the patient alone (the clinician cannot be given a link to it), records readiness
 * for both sides, proposes times; the patient chooses one (the clinician sees it only then); both
 * consent through their own links; the facilitator starts the joint meeting; then the patient
 * withdraws consent from their link and the facilitator sees it at once.
 */

const PATIENT = 'Pat Doe';
const CLINICIAN = 'Dr Casey Lee';
const PEOPLE = [
  { name: PATIENT, party: 'patient', role: 'patient' },
  { name: CLINICIAN, party: 'hcw', role: 'hcw' },
];
const PREP_TITLE = 'Preparation with Pat';

/** A meeting's section on the case page, by its title. */
const meetingSection = (page: Page, title: string): Locator =>
  page.locator('section.meeting', { has: page.getByRole('heading', { name: title, exact: true }) });

/** From the welcome screen through the consent screen to the waiting area. */
async function consentAndWait(page: Page): Promise<void> {
  await button(page, 'Continue').click();
  await waitForScreen(page, 'consent');
  const agree = button(page, 'I agree, continue');
  expect(await agree.isDisabled()).toBe(true);
  await page.getByLabel('I agree to take part in this meeting.').check();
  await page.getByLabel('I agree to meet with the people listed above.').check();
  await page.getByLabel('I understand what happens to the summary of what we agree.').check();
  await agree.click();
  await waitForScreen(page, 'device-check');
  await button(page, 'Join the waiting area').click();
  await waitForScreen(page, 'waiting');
}

describe('before the joint meeting: preparation, readiness, timing and consent (real Chromium + LiveKit)', () => {
  let stack: Stack;
  let fac: Page;
  let patient: Page;
  let clinician: Page;

  beforeAll(async () => {
    stack = await startStack();
    [fac, patient, clinician] = await Promise.all([
      stack.newPage('facilitator'),
      stack.newPage('patient'),
      stack.newPage('clinician'),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('prepares each side apart, lets the patient choose the time, and gates the start on readiness and consent', async () => {
    await signIn(fac, stack.server);
    const created = await createMeetingThroughUi(fac, PEOPLE);
    const personId = (name: string) =>
      (
        stack.server.app.db!.prepare('SELECT id FROM people WHERE display_name = ?').get(name) as {
          id: string;
        }
      ).id;

    // 1. A preparation meeting with the patient alone.
    const form = fac.locator('form[aria-labelledby="new-kind-h"]');
    await form.getByLabel('Kind of meeting').selectOption('prep');
    await form.getByLabel('Title of this meeting').fill(PREP_TITLE);
    await form.getByLabel(`${PATIENT} (Patient and family)`).check();
    await button(fac, 'Create this meeting').click();
    const prep = meetingSection(fac, PREP_TITLE);
    await prep.waitFor();
    // The meeting's kind comes with its preparation data, loaded after the section appears.
    await expect.poll(() => prep.textContent()).toContain('Preparation meeting');
    // Only the patient can be given a link; the server refuses one for the clinician.
    expect(
      await prep.getByRole('button', { name: `Create invite link for ${CLINICIAN}` }).count(),
    ).toBe(0);
    await prep.getByRole('button', { name: `Create invite link for ${PATIENT}` }).click();
    const prepLink = prep.locator('[data-testid^="invite-url-"]').filter({ hasText: '/j/' });
    await prepLink.first().waitFor();
    const prepUrl = (await prepLink.first().textContent())!.trim();
    const prepHref = (await prep
      .getByRole('link', { name: 'Open the meeting room' })
      .getAttribute('href'))!;
    const prepMeetingId = prepHref.split('/').pop()!;
    const refused = await fac.evaluate(
      async ([m, p]) =>
        (
          await fetch(`/api/meetings/${m}/invites/${p}`, {
            method: 'POST',
            headers: { 'x-common-ground': '1' },
          })
        ).status,
      [prepMeetingId, personId(CLINICIAN)] as const,
    );
    expect(refused).toBe(403);
    stack.clearConsole();

    // The clinician's own link is for the joint meeting, not this one.
    await clinician.goto(created.invites[CLINICIAN]!);
    await waitForScreen(clinician, 'welcome');
    expect(await clinician.textContent('body')).not.toContain(PREP_TITLE);

    // The facilitator holds it: the patient consents to it through their link and is let in.
    await prep.getByRole('link', { name: 'Open the meeting room' }).click();
    await waitForScreen(fac, 'device-check');
    await button(fac, 'Go into the meeting room').click();
    await waitForScreen(fac, 'room');
    await patient.goto(prepUrl);
    await waitForScreen(patient, 'welcome');
    await consentAndWait(patient);
    await admit(fac, patient, PATIENT);
    // Nobody else is in it or waiting for it.
    await openTab(fac, CONSOLE.people);
    expect(await fac.getByRole('button', { name: `Admit ${CLINICIAN}` }).count()).toBe(0);
    await button(patient, 'Leave').click();
    await button(patient, 'Leave the meeting').click();
    await waitForScreen(patient, 'aftercare');

    // 2. Readiness for both sides, on the case page; the joint meeting still lacks consents.
    await fac.goto(created.caseUrl);
    await waitForScreen(fac, 'case');
    for (const side of ['Patient and family', 'Healthcare workers']) {
      await fac.getByLabel(`Readiness: ${side}`).selectOption('go');
      await button(fac, `Record readiness: ${side}`).click();
    }
    const joint = meetingSection(fac, 'Joint meeting');
    // The case page asks again every few seconds: the readiness lines go, the consents remain.
    const gate = await poll(
      () => textOf(fac, byTestId('gate-missing')),
      (t) => !!t && !t.includes('no readiness decision'),
      'the checklist without readiness lines',
    );
    expect(gate).toContain(`${PATIENT} has not agreed to take part yet`);
    expect(gate).toContain(`${CLINICIAN} has not agreed to take part yet`);

    // 3. Times proposed; the clinician sees none of them; the patient chooses the second.
    await joint.getByLabel('Time 1').fill('2030-03-14T09:00');
    await joint.getByLabel('Time 2').fill('2030-03-15T14:30');
    await joint.getByRole('button', { name: 'Propose these times' }).click();
    await joint.locator(byTestId(`proposals-${created.meetingId}`)).waitFor();
    await clinician.reload();
    await waitForScreen(clinician, 'welcome');
    await clinician.locator(byTestId('link-prep')).waitFor();
    expect(await clinician.locator(byTestId('chosen-time')).count()).toBe(0);
    expect(await clinician.getByRole('button', { name: /^Choose / }).count()).toBe(0);

    await patient.goto(created.invites[PATIENT]!);
    await waitForScreen(patient, 'welcome');
    const choices = patient.getByRole('button', { name: /^Choose / });
    await choices.first().waitFor();
    expect(await choices.count()).toBe(2);
    await choices.nth(1).click();
    await patient.locator(byTestId('chosen-time')).waitFor();
    await clinician.reload();
    await waitForScreen(clinician, 'welcome');
    await clinician.locator(byTestId('chosen-time')).waitFor();
    const ics = await clinician.evaluate(async () => {
      const a = document.querySelector<HTMLAnchorElement>('[data-testid="chosen-time"] a')!;
      return (await fetch(a.href)).text();
    });
    expect(ics).toContain('DTSTART:');
    for (const word of [PATIENT, 'Pat', 'Doe', CLINICIAN, 'Casey']) expect(ics).not.toContain(word);

    // 4. Both consent through their own links, before the device check.
    await Promise.all([consentAndWait(patient), consentAndWait(clinician)]);
    await waitForText(fac, byTestId('gate-ready'), /Everyone is ready/);

    // 5. The facilitator starts the joint meeting.
    await enterMeetingRoom(fac);
    await admit(fac, patient, PATIENT);
    await admit(fac, clinician, CLINICIAN);
    await openTab(fac, CONSOLE.start);
    await button(fac, 'Start the meeting').click();
    await fac.getByRole('tab', { name: /^Ending/ }).waitFor();

    // 6. The patient withdraws consent from their link; the facilitator sees it at once.
    const patientLink = await stack.newPage('patient-link');
    await patientLink.goto(created.invites[PATIENT]!);
    await waitForScreen(patientLink, 'welcome');
    await waitForText(patientLink, byTestId('consent-status'), /^You agreed to take part/);
    await button(patientLink, 'Withdraw my agreement').click();
    await button(patientLink, 'Yes, withdraw my agreement').click();
    await waitForText(patientLink, byTestId('consent-status'), /^You withdrew your agreement/);
    await openTab(fac, CONSOLE.people);
    await poll(
      () => fac.getByText(`${PATIENT} withdrew their consent.`).count(),
      (n) => n > 0,
      'the facilitator sees the withdrawal',
    );
    stack.assertCleanConsole([
      // The link refused for the clinician (checked above, on purpose).
      /Failed to load resource: the server responded with a status of 403/,
      // The patient leaving the preparation meeting: the server takes them out of the LiveKit
      // room as their page leaves it, and LiveKit aborts the page's data channels (the race
      // private.test.ts describes for side rooms). Reported to the lead; not this code.
      /DataChannel error on (lossy|reliable): User-Initiated Abort/,
      /publisher data channel '\w+' closed unexpectedly/,
      // The facilitator's page then loads the case page while still in that call: livekit-client
      // disconnects on page leave, and a renegotiation it had queued when the patient left (a
      // track gone) finds its peer connection closed. Seen once on a loaded machine; the page is
      // gone a moment later and nobody is affected.
      /could not createOffer with closed peer connection/,
    ]);
  });
});
