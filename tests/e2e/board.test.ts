import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { SummaryDto } from '../../shared/protocol/http';
import { CSRF_HEADER } from '../../shared/protocol/http';
import {
  CONSOLE,
  createMeetingThroughUi,
  endMeeting,
  enterMeetingRoom,
  joinAndWait,
  openTab,
  poll,
  readyToStart,
  screen,
  signIn,
  waitForScreen,
} from './support/actors';
import { startStack, type Stack } from './support/stack';

/**
 * Issue 4, the agreement board in real Chromium: both parties propose, the facilitator edits,
 * the parties consent (or not), the facilitator finalises, the parties agree to a written summary
 * that holds exactly the agreed items, and after the meeting the owner of an item marks it done
 * through their own link and the patient sees it through theirs. Everything people do goes through
 * the UI, found by the labels people read (client/src/i18n/en.ts).
 */

const A_PROPOSED = 'Share the findings of the review with me';
const A_EDITED = 'Share the findings of the review with Pat in a letter by the end of June';
const B_OWNED = 'I will write to Pat about the changes to the night handover';
const C_DECLINED = 'Meet again in three months to hear how the changes are going';
const AGREED = [A_EDITED, B_OWNED];
const COMPENSATION = 'Pay $5,000 compensation';
/** The sentence in the Markdown (server/src/http/summary.ts) and on every board and summary page. */
const NOT_A_CONTRACT = 'It is not a legal contract.';
const UI_NOT_A_CONTRACT = 'This is not a legal contract.';

const board = (p: Page) => p.getByRole('region', { name: 'Agreements', exact: true });
const proposeForm = (p: Page) => p.getByRole('region', { name: 'Suggest an item', exact: true });
const followUp = (p: Page) =>
  p.getByRole('region', { name: 'What was agreed, and how it is going', exact: true });

/** The card of one item within a part of the page: the list item that shows this text. */
const card = (within: Locator, page: Page, text: string) =>
  within.getByRole('listitem').filter({ has: page.getByText(text, { exact: true }) });

/** Waits until a locator is on the page (Playwright polls). */
const shows = (l: Locator, ms = 30_000) => l.first().waitFor({ state: 'visible', timeout: ms });
/** Waits until nothing matches the locator any more. */
const gone = (l: Locator) => expect.poll(() => l.count(), { timeout: 30_000 }).toBe(0);

/** Someone proposes an item through the board's form. */
async function propose(
  page: Page,
  text: string,
  opts: { category?: string; owner?: string; ownerMember?: string; dueDate?: string } = {},
): Promise<void> {
  const form = proposeForm(page);
  await form.getByLabel('What should happen').fill(text);
  if (opts.category) await form.getByLabel('Category').selectOption({ label: opts.category });
  if (opts.owner || opts.ownerMember || opts.dueDate) {
    await form.getByText('More details (optional)', { exact: true }).click();
    if (opts.owner) await form.getByLabel('Who will do it').fill(opts.owner);
    if (opts.ownerMember) {
      await form
        .getByLabel('Who updates its progress afterwards')
        .selectOption({ label: opts.ownerMember });
    }
    if (opts.dueDate) await form.getByLabel('By when').fill(opts.dueDate);
  }
  await form.getByRole('button', { name: 'Propose', exact: true }).click();
  await shows(card(board(page), page, text));
  // The form empties after a successful proposal, ready for the next one.
  await expect.poll(() => form.getByLabel('What should happen').inputValue()).toBe('');
}

/** A party answers one item; waits until the answer is shown as theirs. */
async function answer(page: Page, text: string, decision: 'Consent' | 'Decline'): Promise<void> {
  const button = card(board(page), page, text).getByRole('button', { name: decision, exact: true });
  await button.click();
  await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
}

/** The text of each item a summary page lists, in order. */
const summaryTexts = (page: Page) =>
  page
    .getByRole('main')
    .getByRole('listitem')
    .evaluateAll((lis) => lis.map((li) => li.querySelector('p')?.textContent?.trim() ?? ''));

describe('agreement board: propose, edit, consent, finalise, summary, follow-up (real Chromium)', () => {
  let stack: Stack;
  let facilitator: Page;
  let patient: Page;
  let clinician: Page;

  beforeAll(async () => {
    stack = await startStack();
    [facilitator, patient, clinician] = await Promise.all([
      stack.newPage('facilitator'),
      stack.newPage('patient'),
      stack.newPage('clinician'),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('records exactly what both parties agreed, and its follow-up after the meeting', async () => {
    // --- set-up: a meeting with a patient and a clinician, both admitted -----------------------
    await signIn(facilitator, stack.server);
    const created = await createMeetingThroughUi(facilitator, [
      { name: 'Pat Doe', party: 'patient', role: 'patient' },
      { name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
    ]);
    const { invites } = created;
    await readyToStart(stack.server, created);
    const patientLink = invites['Pat Doe']!;
    const clinicianLink = invites['Dr Casey Lee']!;
    const token = (url: string) => url.split('/j/')[1]!;

    await enterMeetingRoom(facilitator);
    const meetingId = new URL(facilitator.url()).pathname.split('/')[2]!;
    await Promise.all([joinAndWait(patient, patientLink), joinAndWait(clinician, clinicianLink)]);
    await openTab(facilitator, CONSOLE.people);
    await facilitator.getByRole('button', { name: 'Admit Pat Doe' }).click();
    await facilitator.getByRole('button', { name: 'Admit Dr Casey Lee' }).click();
    await Promise.all([waitForScreen(patient, 'room'), waitForScreen(clinician, 'room')]);
    // The board is a tab beside the stage, for everyone (issue 14: faces first).
    await openTab(facilitator, CONSOLE.agreements);
    await openTab(patient, 'Agreements');
    await openTab(clinician, 'Agreements');
    // Finalising cannot be undone: it is offered only once the meeting has started (issue 14).
    const finaliseButton = board(facilitator).getByRole('button', { name: 'Finalise the board' });
    await shows(board(facilitator));
    expect(await finaliseButton.count()).toBe(0);
    await openTab(facilitator, CONSOLE.start);
    await facilitator.getByRole('button', { name: 'Start the meeting' }).click();
    await openTab(facilitator, CONSOLE.agreements);
    await shows(finaliseButton);

    // --- the gentle note: money or fault is not decided here (AGR-6), a note, never a block -----
    const form = proposeForm(patient);
    await form.getByLabel('What should happen').fill(COMPENSATION);
    const note = form.getByRole('status').filter({ hasText: 'compensation or money' });
    await shows(note);
    expect(await note.textContent()).toContain('referral to the organisation’s resolution process');
    await shows(form.getByRole('button', { name: 'Make it a referral' }));
    expect(await form.getByRole('button', { name: 'Propose', exact: true }).isEnabled()).toBe(true);

    // --- each party proposes ----------------------------------------------------------------------
    // The patient replaces the compensation wording with their own request; the note goes away.
    await form.getByLabel('What should happen').fill(A_PROPOSED);
    await gone(note);
    // What is being typed survives a lost connection and a reload of the page.
    await patient.context().setOffline(true);
    await shows(patient.getByText('Reconnecting…', { exact: false }));
    await patient.context().setOffline(false);
    await gone(patient.getByText('Reconnecting…', { exact: false }));
    expect(await form.getByLabel('What should happen').inputValue()).toBe(A_PROPOSED);
    // After a reload the person passes the welcome and device check again (the browser asks for
    // the camera anew) and, already admitted, goes straight back into the room.
    await patient.reload();
    await waitForScreen(patient, 'welcome');
    await patient.getByRole('button', { name: 'Continue' }).click();
    await waitForScreen(patient, 'device-check');
    await patient.getByRole('button', { name: 'Join the waiting area' }).click();
    await waitForScreen(patient, 'room');
    // The tab chosen before is remembered for this browser tab.
    await poll(
      () => patient.getByRole('tab', { name: 'Agreements' }).getAttribute('aria-selected'),
      (v) => v === 'true',
      'the Agreements tab still selected after the reload',
    );
    // Away longer than the party's grace (1 s here), the patient's party dropping paused the
    // meeting; the pause holds the focus and the room behind it is inert until the facilitator
    // resumes, as they would once the person is back.
    await shows(patient.getByTestId('pause-screen'));
    await facilitator.getByRole('button', { name: 'Resume', exact: true }).click();
    await gone(patient.getByTestId('pause-screen'));
    // The lost connection and the reload above cut the call on purpose (LiveKit logs its aborted
    // channels): the console is checked from here on.
    stack.clearConsole();
    expect(await proposeForm(patient).getByLabel('What should happen').inputValue()).toBe(
      A_PROPOSED,
    );
    await propose(patient, A_PROPOSED, { category: 'Answers and information' });
    await propose(patient, C_DECLINED, { category: 'Follow-up and keeping in touch' });
    // The clinician's own commitment, which they will report on afterwards through their link.
    await propose(clinician, B_OWNED, {
      category: 'Personal commitments and wishes',
      owner: 'Dr Casey Lee',
      ownerMember: 'Dr Casey Lee',
      dueDate: '2027-06-30',
    });
    for (const page of [facilitator, patient, clinician]) {
      for (const text of [A_PROPOSED, B_OWNED, C_DECLINED]) {
        await shows(card(board(page), page, text));
      }
    }
    await shows(
      card(board(facilitator), facilitator, B_OWNED).getByText('Suggested by Dr Casey Lee'),
    );

    // --- the patient agrees early; the facilitator's edit clears that answer -------------------
    await answer(patient, A_PROPOSED, 'Consent');
    await shows(
      card(board(clinician), clinician, A_PROPOSED).getByText('Patient and family: agreed'),
    );
    const aCard = card(board(facilitator), facilitator, A_PROPOSED);
    await aCard.getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = board(facilitator)
      .getByRole('listitem')
      .filter({ has: facilitator.getByRole('button', { name: 'Save changes' }) });
    await editor.getByLabel('What should happen').fill(A_EDITED);
    await editor.getByRole('button', { name: 'Save changes' }).click();
    for (const page of [facilitator, patient, clinician]) {
      const edited = card(board(page), page, A_EDITED);
      await shows(edited);
      await gone(card(board(page), page, A_PROPOSED));
      await shows(edited.getByText('Patient and family: not answered yet'));
      await shows(edited.getByText('Healthcare workers: not answered yet'));
    }
    expect(
      await card(board(patient), patient, A_EDITED)
        .getByRole('button', { name: 'Consent', exact: true })
        .getAttribute('aria-pressed'),
    ).toBe('false');

    // --- both parties answer: A and B agreed; C agreed by the patient only ----------------------
    await answer(patient, A_EDITED, 'Consent');
    await answer(clinician, A_EDITED, 'Consent');
    await answer(patient, B_OWNED, 'Consent');
    await answer(clinician, B_OWNED, 'Consent');
    await answer(patient, C_DECLINED, 'Consent');
    await answer(clinician, C_DECLINED, 'Decline');
    const facBoard = board(facilitator);
    for (const text of AGREED) {
      await shows(card(facBoard, facilitator, text).getByText('Everyone has agreed to this.'));
    }
    const cCard = card(facBoard, facilitator, C_DECLINED);
    await shows(cCard.getByText('Healthcare workers: did not agree'));
    await shows(cCard.getByText('Patient and family: agreed'));
    expect(await cCard.getByText('Everyone has agreed to this.').count()).toBe(0);
    // The facilitator guides; the parties answer.
    expect(await facBoard.getByRole('button', { name: 'Consent', exact: true }).count()).toBe(0);

    mkdirSync('test-results', { recursive: true });
    await facilitator.screenshot({ path: 'test-results/board-facilitator.png', fullPage: true });

    // --- the facilitator finalises; each party agrees to a written summary ----------------------
    // "No agreement" asks first and says what happens next; Cancel changes nothing.
    await facBoard.getByRole('button', { name: 'Record that there is no agreement' }).click();
    const noAgreement = facilitator.getByRole('group', {
      name: 'Record that there is no agreement?',
    });
    await expect
      .poll(() => noAgreement.textContent())
      .toContain('the outcome is recorded as no agreement');
    await noAgreement.getByRole('button', { name: 'Cancel', exact: true }).click();
    await gone(noAgreement);
    // Finalise asks too, and says which items become the outcome.
    await facBoard.getByRole('button', { name: 'Finalise the board' }).click();
    const confirmFinalise = facilitator.getByRole('group', { name: 'Finalise the board?' });
    await expect
      .poll(() => confirmFinalise.textContent())
      .toContain('The 2 items every side agreed to become the written outcome');
    expect(await board(patient).getByRole('status').filter({ hasText: 'finalised' }).count()).toBe(
      0,
    );
    await facBoard
      .locator('.finalise')
      .screenshot({ path: 'test-results/board-finalise-confirm.png' });
    await confirmFinalise.getByRole('button', { name: 'Yes, finalise the board' }).click();
    for (const page of [facilitator, patient, clinician]) {
      await shows(
        board(page).getByRole('status').filter({ hasText: 'The board was finalised on' }),
      );
    }
    await gone(facBoard.getByRole('button', { name: 'Edit', exact: true }));
    await gone(proposeForm(patient));
    expect(
      await board(patient).getByRole('link', { name: 'Open the written summary' }).count(),
    ).toBe(0);

    await board(patient).getByRole('button', { name: 'Yes, keep a written summary' }).click();
    await shows(board(clinician).getByText('Patient and family: said yes'));
    await board(clinician).getByRole('button', { name: 'Yes, keep a written summary' }).click();
    for (const page of [facilitator, patient, clinician]) {
      await shows(board(page).getByText('Healthcare workers: said yes'));
    }
    await gone(board(patient).getByRole('button', { name: 'Yes, keep a written summary' }));

    // --- the summary holds exactly the agreed items ----------------------------------------------
    // During the meeting the summary opens in a new tab: the patient stays in the room.
    const [summaryTab] = await Promise.all([
      patient.context().waitForEvent('page'),
      board(patient)
        .getByRole('link', { name: /Open the written summary/ })
        .click(),
    ]);
    await waitForScreen(summaryTab, 'summary');
    expect(await screen(patient)).toBe('room');
    await shows(summaryTab.getByRole('heading', { name: 'Summary of what was agreed', level: 1 }));
    await shows(summaryTab.getByText(A_EDITED, { exact: true }));
    expect((await summaryTexts(summaryTab)).sort()).toEqual([...AGREED].sort());
    expect(await summaryTab.getByText(C_DECLINED).count()).toBe(0);
    expect(await summaryTab.getByText(A_PROPOSED, { exact: true }).count()).toBe(0);
    await shows(summaryTab.getByRole('main').getByText(UI_NOT_A_CONTRACT));
    // A document on its own: no way back into the join screens, which would join the meeting a
    // second time from this tab and cut the video in the room's tab (issue 14).
    expect(await summaryTab.getByRole('link', { name: 'Back' }).count()).toBe(0);
    expect(await summaryTab.locator('a[href^="/j/"], a[href^="/meet/"]').count()).toBe(0);

    // The Markdown download: the agreed texts as its items, and the not-a-contract sentence.
    const [download] = await Promise.all([
      summaryTab.waitForEvent('download'),
      summaryTab.getByRole('button', { name: 'Download as a text file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('common-ground-summary.md');
    const markdown = readFileSync((await download.path())!, 'utf8');
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    const mdItems = markdown
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => unescape(l.slice(2)));
    expect(mdItems.sort()).toEqual([...AGREED].sort());
    expect(markdown).toContain(NOT_A_CONTRACT);
    expect(markdown).toContain('  - Who: Dr Casey Lee');
    expect(markdown).toContain('  - By: June 30, 2027');
    expect(markdown).not.toContain('Meet again');

    // The same through each person's link and the facilitator's page (the JSON API).
    const summaries: SummaryDto[] = [];
    for (const link of [patientLink, clinicianLink]) {
      const res = await fetch(`${stack.server.url}/api/summary/${token(link)}`);
      expect(res.status).toBe(200);
      summaries.push((await res.json()) as SummaryDto);
    }
    const facRes = await fetch(`${stack.server.url}/api/meetings/${meetingId}/summary`, {
      headers: { cookie: stack.server.facilitator.cookie, [CSRF_HEADER]: '1' },
    });
    expect(facRes.status).toBe(200);
    summaries.push((await facRes.json()) as SummaryDto);
    for (const s of summaries) {
      expect(s.items.map((i) => i.fields.text).sort()).toEqual([...AGREED].sort());
      expect(s.noAgreement).toBe(false);
      expect(s.markdown).toBe(markdown);
      expect(s.markdown).toContain(NOT_A_CONTRACT);
    }

    // A whole meeting with no console error or warning on any page, up to its end (the end tears
    // the LiveKit rooms down, which is LiveKit's own business).
    stack.assertCleanConsole();

    // --- the facilitator ends the meeting --------------------------------------------------------
    await endMeeting(facilitator);
    await Promise.all([waitForScreen(facilitator, 'ended'), waitForScreen(clinician, 'ended')]);

    // --- later: the clinician comes back through their own link and marks their item done -------
    await clinician.goto(clinicianLink);
    await waitForScreen(clinician, 'ended');
    const mine = card(followUp(clinician), clinician, B_OWNED);
    await shows(mine);
    // Only agreed items have follow-up; only the owner's own item has a form for them.
    expect(await followUp(clinician).getByRole('listitem').count()).toBe(2);
    expect(await followUp(clinician).getByRole('button', { name: 'Update progress' }).count()).toBe(
      1,
    );
    // The owner reads the progress once, in their own field (no "Progress: Planned" line above it).
    await expect.poll(() => mine.getByLabel('Progress').inputValue()).toBe('planned');
    expect(await mine.getByText('Progress: Planned').count()).toBe(0);
    await mine.getByLabel('Progress').selectOption({ label: 'Done' });
    await mine.getByRole('button', { name: 'Update progress' }).click();
    await shows(mine.getByText('Saved.', { exact: true }));
    await expect.poll(() => mine.getByLabel('Progress').inputValue()).toBe('done');

    // --- the patient opens their own link and sees it done ---------------------------------------
    await patient.goto(patientLink);
    await waitForScreen(patient, 'ended');
    const theirs = card(followUp(patient), patient, B_OWNED);
    await shows(theirs.getByText('Progress: Done'));
    await shows(theirs.getByText('Last updated on', { exact: false }));
    await shows(card(followUp(patient), patient, A_EDITED).getByText('Progress: Planned'));
    expect(await followUp(patient).getByText(C_DECLINED).count()).toBe(0);
    // The patient does not own that item: no form to change it.
    expect(await followUp(patient).getByRole('button', { name: 'Update progress' }).count()).toBe(
      0,
    );
    // Their written summary shows the progress too.
    await patient.getByRole('link', { name: 'Open the written summary' }).click();
    await waitForScreen(patient, 'summary');
    const bInSummary = card(patient.getByRole('main'), patient, B_OWNED);
    await shows(bInSummary.getByText('Done', { exact: true }));
    expect((await summaryTexts(patient)).sort()).toEqual([...AGREED].sort());

    expect(stack.offLoopback).toEqual([]);
  });
});
