import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../shared/protocol/http';
import { todayIn } from '../../server/src/followup/overdue';
import { meetingWithAgreedItems } from '../support/followup';
import { api } from '../support/server';
import { byTestId, signIn, waitForPresence, waitForScreen, waitForText } from './support/actors';
import { expectNoAxeViolations } from './support/axe';
import { startStack, type Stack } from './support/stack';

const DAY = 86_400_000;

/** The day before today in the case's time zone (UTC by default), as YYYY-MM-DD. */
const yesterday = () => todayIn('UTC', Date.now() - DAY);

describe('after the meeting: late and not-possible items and the questionnaire on the link; overdue and feedback for facilitators', () => {
  let stack: Stack;
  let patient: Page;
  let facilitator: Page;

  beforeAll(async () => {
    stack = await startStack();
    [patient, facilitator] = await Promise.all([
      stack.newPage('patient'),
      stack.newPage('facilitator'),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('shows an item due yesterday as late on the patient’s link and in the overdue list', async () => {
    const s = stack.server;
    const { m, itemIds, clients } = await meetingWithAgreedItems(s, [
      { text: 'Send a written answer to the questions', dueDate: yesterday() },
      { text: 'Meet again in the spring', dueDate: '2099-04-01' },
      { text: 'Review the checklist together', dueDate: '2099-05-01' },
    ]);
    const [late, onTrack, notPossible] = itemIds as [string, string, string];
    const cli = clients[2]!;
    expect(
      await cli.command({
        type: 'followup.update',
        itemId: notPossible,
        status: 'not_possible',
        reason: 'The team has changed',
      }),
    ).toMatchObject({ ok: true });
    for (const c of clients) c.close();
    // The written exchange is open for this case: after the meeting it is on the ended page too.
    await api(s, 'POST', `/cases/${m.caseId}/relay`, { open: true });

    // The patient's link, after the meeting: the agreed items, the late one said so plainly, the
    // one not possible with its reason, the one on track without a notice.
    await patient.goto(m.people.pat!.invite.url);
    await waitForScreen(patient, 'ended');
    await waitForText(
      patient,
      byTestId(`followup-late-${late}`),
      /^Late\. This was due on .+ and is not done yet\.$/,
    );
    await waitForText(
      patient,
      byTestId(`followup-not-possible-${notPossible}`),
      'Not possible. This will not happen as agreed. The reason given: The team has changed',
    );
    expect(await patient.locator(byTestId(`followup-late-${onTrack}`)).count()).toBe(0);
    expect(await patient.getByRole('heading', { name: 'Writing to the other side' }).count()).toBe(
      1,
    );
    await expectNoAxeViolations(patient, 'ended page with follow-up and questionnaire');

    // The anonymous questionnaire on the same page: answered once, then only a thank-you.
    const safe = patient.getByRole('group', { name: 'How safe did you feel?' });
    await safe.getByLabel('Mostly').check();
    await patient
      .getByRole('group', { name: 'How much did you feel heard?' })
      .getByLabel('Completely')
      .check();
    await patient.getByLabel(/Anything else you would like to tell/).fill('It was calm');
    await patient.getByRole('button', { name: 'Send my answers anonymously' }).click();
    await waitForText(
      patient,
      byTestId('feedback-thanks'),
      'Thank you. Your answers have been received.',
    );
    await patient.reload();
    await waitForScreen(patient, 'ended');
    await waitForPresence(patient, byTestId('feedback-thanks'));
    expect(await patient.getByRole('button', { name: 'Send my answers anonymously' }).count()).toBe(
      0,
    );
    const second = await fetch(`${s.url}/api/invite/${m.people.cli!.token}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify({ feltSafe: 3, comment: 'Useful' }),
    });
    expect(second.status).toBe(201);

    // The facilitator's case list: the overdue item across their cases, in the case's zone.
    await signIn(facilitator, s);
    await waitForPresence(facilitator, byTestId(`overdue-${late}`));
    const row = await facilitator.locator(byTestId(`overdue-${late}`)).textContent();
    expect(row).toContain('Send a written answer to the questions');
    expect(row).toContain('1 day late (UTC)');
    expect(await facilitator.locator(byTestId(`overdue-${onTrack}`)).count()).toBe(0);
    expect(await facilitator.locator(byTestId(`overdue-${notPossible}`)).count()).toBe(0);
    await expectNoAxeViolations(facilitator, 'case list with overdue items and feedback');

    // The case page adds the two answers up, never per person.
    await facilitator.goto(`${s.url}/cases/${m.caseId}`);
    await waitForScreen(facilitator, 'case');
    await waitForText(
      facilitator,
      byTestId('feedback-score-feltSafe'),
      'How safe did you feel?On average 3.5 out of 5 (2 answers)',
    );
    const fb = await facilitator.locator(byTestId('case-feedback')).textContent();
    expect(fb).toContain('It was calm');
    expect(fb).not.toContain('Pat Doe');
    expect(stack.offLoopback).toEqual([]);
  });
});
