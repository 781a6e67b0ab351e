import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Language } from '../../shared/i18n/languages';
import { en } from '../../client/src/i18n/en';
import { fr } from '../../client/src/i18n/fr';
import { connect, createMeeting, type Client } from '../support/server';
import { button, openTab, poll, waitForScreen } from './support/actors';
import { startStack, type Stack } from './support/stack';

/**
 * Issue 17, "a French-speaking clinician and an English-speaking patient in the same meeting": the
 * facilitator sets each person's language on the case; both browsers are set to British English,
 * so what the clinician sees in French comes from that setting. Each sees every screen in their
 * own language (welcome, device check, waiting area, room, agreements, ended, summary), the
 * clinician's own switch to English is kept for them over a reload, and the summary's Markdown
 * downloads in each person's language. The facilitator acts through a socket.
 */

const WORDS = { en, fr } as const;
const ITEM = 'A letter explaining what the review found';

describe('languages: a French-speaking clinician and an English-speaking patient (real Chromium + LiveKit)', () => {
  let stack: Stack;
  let facilitator: Client;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    facilitator?.close();
    await stack?.close();
  });

  const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);
  const inLanguage = (page: Page, l: Language) =>
    poll(
      () => lang(page),
      (x) => x === l,
      `page in ${l}`,
    );
  const ok = async (command: object) =>
    expect(await facilitator.command(command), JSON.stringify(command)).toMatchObject({ ok: true });

  it('each person sees the meeting, and downloads its summary, in their own language', async () => {
    const m = await createMeeting(stack.server, [
      { key: 'patient', name: 'Pat Doe', party: 'patient', role: 'patient', language: 'en' },
      { key: 'clinician', name: 'Dr Claire Martin', party: 'hcw', role: 'hcw', language: 'fr' },
    ]);
    const people = [
      {
        key: 'patient',
        l: 'en' as const,
        page: await stack.newPage('patient', { locale: 'en-GB' }),
      },
      {
        key: 'clinician',
        l: 'fr' as const,
        page: await stack.newPage('clinician', { locale: 'en-GB' }),
      },
    ];

    for (const { key, l, page } of people) {
      const T = WORDS[l];
      await page.goto(`${stack.server.url}/j/${m.people[key]!.token}`);
      await waitForScreen(page, 'welcome');
      await inLanguage(page, l);
      await page.getByText(T.welcome.nothingRecorded).first().waitFor();
      await button(page, T.welcome.continue).click();
      await waitForScreen(page, 'device-check');
      await page.getByRole('heading', { level: 1, name: T.devices.title }).waitFor();
      await button(page, T.devices.join).click();
      await waitForScreen(page, 'waiting');
      await page.getByRole('heading', { level: 1, name: T.waiting.title }).waitFor();
    }

    // The clinician switches to English for a moment: kept for them over a reload, then back.
    const clinician = people[1]!.page;
    await button(clinician, 'English').click();
    await inLanguage(clinician, 'en');
    await clinician.reload();
    await waitForScreen(clinician, 'welcome');
    await inLanguage(clinician, 'en');
    await clinician.getByText(en.welcome.nothingRecorded).first().waitFor();
    await button(clinician, 'Français').click();
    await inLanguage(clinician, 'fr');
    await button(clinician, fr.welcome.continue).click();
    await waitForScreen(clinician, 'device-check');
    await button(clinician, fr.devices.join).click();
    await waitForScreen(clinician, 'waiting');

    facilitator = await connect(stack.server, {
      meetingId: m.meetingId,
      cookie: stack.server.facilitator.cookie,
    });
    for (const { key } of people) await ok({ type: 'lobby.admit', memberId: m.people[key]!.id });
    await ok({ type: 'meeting.start' });
    await ok({
      type: 'board.propose',
      fields: {
        text: ITEM,
        category: 'answers',
        owner: 'Dr Claire Martin',
        ownerMemberId: m.people.clinician!.id,
        dueDate: '2030-01-31',
        completionEvidence: '',
        visibleTo: ['patient', 'hcw', 'facilitation'],
        affectedParties: ['patient', 'hcw'],
      },
    });

    // The room and its agreements, each in their language: both consent there.
    for (const { l, page } of people) {
      const T = WORDS[l];
      await waitForScreen(page, 'room');
      await inLanguage(page, l);
      await page.getByText(T.floor.facilitators).first().waitFor();
      await openTab(page, T.roomTabs.agreements);
      await page.getByText(ITEM).first().waitFor();
      await button(page, T.board.consent).click();
    }
    await facilitator.waitFor((v) => {
      const item = v.board?.items[0];
      return (
        item?.consents.patient?.decision === 'consent' && item.consents.hcw?.decision === 'consent'
      );
    });
    await ok({ type: 'board.finalise', noAgreement: false });
    for (const { l, page } of people) {
      await button(page, WORDS[l].board.summaryAgree).click();
    }
    await facilitator.waitFor(
      (v) => !!v.board?.summaryConsents.patient && !!v.board.summaryConsents.hcw,
    );
    // Two languages in one meeting leave no console error or warning (a missing key, a bad
    // interpolation); the call's own teardown at the end is LiveKit's business.
    stack.assertCleanConsole();
    await ok({ type: 'meeting.end' });

    // The end, and the summary: on the page and as the Markdown download.
    const markdown: Record<string, string> = {};
    for (const { key, l, page } of people) {
      const T = WORDS[l];
      await waitForScreen(page, 'ended');
      await inLanguage(page, l);
      await page.getByRole('heading', { level: 1, name: T.ended.title }).waitFor();
      await page.goto(`${stack.server.url}/j/${m.people[key]!.token}/summary`);
      await waitForScreen(page, 'summary');
      await inLanguage(page, l);
      await page.getByRole('heading', { level: 1, name: T.summary.title }).waitFor();
      await page.getByText(ITEM).first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        button(page, T.summary.download).click(),
      ]);
      markdown[l] = readFileSync((await download.path())!, 'utf8');
    }
    expect(markdown.en).toContain('## Answers and information');
    expect(markdown.en).toContain('  - By: January 31, 2030');
    expect(markdown.en).toContain('It is not a legal contract.');
    expect(markdown.fr).toContain('## Réponses et informations');
    expect(markdown.fr).toContain('  - Pour quand\u00a0: 31 janvier 2030');
    expect(markdown.fr).toContain('Ce n’est pas un contrat juridique.');
    expect(markdown.fr).not.toMatch(/legal contract|Answers and information/);
  });
});
