import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Language } from '../../shared/i18n/languages';
import { en } from '../../client/src/i18n/en';
import { fr } from '../../client/src/i18n/fr';
import { makeReady } from '../support/readiness';
import { addCofacilitator, connect, createMeeting, type Client } from '../support/server';
import { button, poll, screen, waitForScreen } from './support/actors';
import { axeViolations, formatViolations } from './support/axe';
import { startStack, type Stack } from './support/stack';

/**
 * Issue 17, "axe-core on every screen, in both languages": every screen a facilitator and a patient
 * reach (sign-in, set-up, case list, case page, the link's welcome, device check, waiting area, the
 * room as patient and as facilitator, the pause screen, the ended screens, the summary, and a page
 * or link that does not exist), in English
 * and in French, has no WCAG 2.2 AA violation (axe-core, tests/e2e/support/axe.ts). Each screen is
 * also checked to be in the language chosen (<html lang> and a heading in its words): the
 * facilitator picks French with the header's switch, the patient's link is set to French by the
 * facilitator. Room states (start, pause, end) are driven by a co-facilitator's socket so that the
 * browsers only look; the summary comes from a second meeting run to its end through sockets.
 */

const WORDS = { en, fr } as const;
const PATIENT = 'Pat Doe';
const CLINICIAN = 'Dr Casey Lee';

describe('accessibility: axe-core WCAG 2.2 AA on every screen, in English and French (real Chromium + LiveKit)', () => {
  let stack: Stack;
  const sockets: Client[] = [];

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    for (const c of sockets) c.close();
    await stack?.close();
  });

  /**
   * A meeting whose patient's link is in `lang`, with a co-facilitator (assigned before the
   * consents: who will be there is part of what people agree to), ready to start.
   */
  async function meeting(lang: Language, access = false) {
    const m = await createMeeting(
      stack.server,
      [
        { key: 'patient', name: PATIENT, party: 'patient', role: 'patient', language: lang },
        { key: 'clinician', name: CLINICIAN, party: 'hcw', role: 'hcw' },
        // Issue 17: a captioner and the patient's sign-language interpreter.
        ...(access
          ? [
              {
                key: 'captioner',
                name: 'Kim Captioner',
                party: 'other' as const,
                role: 'captioner' as const,
                language: lang,
              },
              {
                key: 'interpreter',
                name: 'Sam Signs',
                party: 'other' as const,
                role: 'interpreter' as const,
                interpretsFor: { key: 'patient', mode: 'sign' as const },
              },
            ]
          : []),
      ],
      'gentle',
      { ready: false },
    );
    const cofac = await addCofacilitator(stack.server, m.caseId, 'Cory Cofac');
    await makeReady(
      stack.server,
      m,
      Object.values(m.people).map((p) => p.token),
    );
    return { ...m, cofac };
  }

  /** A socket client that answers ok, or fails the test with the refusal. */
  async function sock(auth: Parameters<typeof connect>[1]) {
    const c = await connect(stack.server, auth);
    sockets.push(c);
    return async (command: object) => {
      const res = await c.command(command);
      expect(res, JSON.stringify(command)).toMatchObject({ ok: true });
      return c;
    };
  }

  for (const lang of ['en', 'fr'] as const) {
    it(`every screen in ${lang === 'en' ? 'English' : 'French'}: 0 violations`, async () => {
      const T = WORDS[lang];
      const found: string[] = [];
      /** Checks the screen is in `lang`, then runs axe and keeps what it found. */
      const check = async (page: Page, name: string) => {
        await poll(
          () => page.evaluate(() => document.documentElement.lang),
          (l) => l === lang,
          `${name} in ${lang}`,
        );
        const v = await axeViolations(page);
        if (v.length) found.push(formatViolations(`[${lang}] ${name}`, v));
      };
      const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
      const fac = await stack.newPage(`facilitator-${lang}`, { locale: 'en-GB' });
      const patient = await stack.newPage(`patient-${lang}`, { locale });

      // The facilitator's pages: the switch in the header makes them French.
      await fac.goto(stack.server.url + '/');
      await waitForScreen(fac, 'signin');
      await button(fac, lang === 'fr' ? 'Français' : 'English').click();
      await fac.getByRole('heading', { level: 1, name: T.auth.title }).waitFor();
      await check(fac, 'sign-in');
      if (lang === 'en') {
        // The check can fail: an image without a text alternative is found, then taken away.
        await fac.evaluate(() => {
          const img = document.createElement('img');
          img.id = 'axe-probe';
          img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
          document.getElementById('main')!.append(img);
        });
        const probe = await axeViolations(fac);
        expect(probe.map((v) => v.id)).toContain('image-alt');
        expect(formatViolations('probe', probe)).toContain('#axe-probe');
        await fac.evaluate(() => document.getElementById('axe-probe')!.remove());
      }
      await fac.getByLabel(T.auth.email).fill(stack.server.facilitator.email);
      await fac.getByLabel(T.auth.password).fill(stack.server.facilitator.password);
      await button(fac, T.auth.signIn).click();
      await waitForScreen(fac, 'cases');
      const m = await meeting(lang, true);
      await fac.reload();
      await waitForScreen(fac, 'cases');
      await fac.getByRole('heading', { level: 1, name: T.cases.heading }).waitFor();
      await check(fac, 'case list');
      await fac.goto(`${stack.server.url}/no-such-page`);
      await waitForScreen(fac, 'not-found');
      await check(fac, 'page not found');
      await fac.goto(`${stack.server.url}/setup`);
      await waitForScreen(fac, 'setup');
      await check(fac, 'set-up');
      await fac.goto(`${stack.server.url}/cases/${m.caseId}`);
      await waitForScreen(fac, 'case');
      await fac.getByRole('heading', { level: 2, name: T.case.people }).waitFor();
      await check(fac, 'case page');

      // A link that does not work (in the browser's language: nobody is known yet).
      await patient.goto(`${stack.server.url}/j/not-a-real-link-at-all`);
      await waitForScreen(patient, 'invite-problem');
      await check(patient, 'link problem');

      // The patient's link: welcome, device check, waiting area, in the language set for them.
      await patient.goto(`${stack.server.url}/j/${m.people.patient!.token}`);
      await waitForScreen(patient, 'welcome');
      await patient.getByText(T.welcome.nothingRecorded).first().waitFor();
      await check(patient, 'welcome (invite link)');
      await button(patient, T.welcome.continue).click();
      await waitForScreen(patient, 'device-check');
      await check(patient, 'device check');
      await button(patient, T.devices.join).click();
      await waitForScreen(patient, 'waiting');
      await check(patient, 'waiting area');

      // The room: the facilitator through their own device check, the patient once let in.
      const co = await sock({ meetingId: m.meetingId, cookie: m.cofac.cookie });
      const cli = await sock({ invite: m.people.clinician!.token });
      await cli({ type: 'lobby.join' });
      await fac.goto(`${stack.server.url}/meet/${m.meetingId}`);
      await waitForScreen(fac, 'device-check');
      await check(fac, 'facilitator device check');
      await button(fac, T.facilitatorRoom.enterRoom).click();
      await waitForScreen(fac, 'room');
      await co({ type: 'lobby.admit', memberId: m.people.clinician!.id });
      await co({ type: 'lobby.admit', memberId: m.people.patient!.id });
      await waitForScreen(patient, 'room');
      await check(patient, 'room as patient, before the start');
      await co({ type: 'meeting.start' });
      await patient.getByText(T.floor.facilitators).first().waitFor();
      await check(patient, 'room as patient');
      await check(fac, 'room as facilitator');

      // Issue 17: the captioner's desk, and the patient's room with captions on and their
      // interpreter there.
      const interp = await sock({ invite: m.people.interpreter!.token });
      await interp({ type: 'lobby.join' });
      await co({ type: 'lobby.admit', memberId: m.people.interpreter!.id });
      const captioner = await stack.newPage(`captioner-${lang}`, { locale });
      await captioner.goto(`${stack.server.url}/j/${m.people.captioner!.token}`);
      await waitForScreen(captioner, 'welcome');
      await button(captioner, T.welcome.continue).click();
      await waitForScreen(captioner, 'device-check');
      await button(captioner, T.devices.join).click();
      await waitForScreen(captioner, 'waiting');
      await co({ type: 'lobby.admit', memberId: m.people.captioner!.id });
      await waitForScreen(captioner, 'room');
      const desk = captioner.getByLabel(T.captions.deskLabel);
      await desk.waitFor();
      await check(captioner, 'captioner desk');
      await button(patient, T.captions.toggle).click();
      await desk.pressSequentially('Welcome everyone', { delay: 20 });
      await patient.getByTestId('captions').getByText('Welcome everyone').waitFor();
      await check(patient, 'room as patient, captions on, an interpreter there');

      // The pause screen, for the patient, and the facilitator's view of the pause.
      await co({ type: 'pause.start', message: null, breakMinutes: 5 });
      await patient.getByRole('heading', { name: T.pause.title }).first().waitFor();
      await check(patient, 'pause screen');
      await check(fac, 'room as facilitator, paused');
      await co({ type: 'pause.resume' });

      // The end.
      await co({ type: 'meeting.end' });
      await waitForScreen(patient, 'ended');
      await check(patient, 'ended (patient)');
      await waitForScreen(fac, 'ended');
      await check(fac, 'ended (facilitator)');

      // The summary of a meeting that reached an agreement, through the patient's link.
      const m2 = await meeting(lang);
      const lead = await sock({ meetingId: m2.meetingId, cookie: stack.server.facilitator.cookie });
      const pat = await sock({ invite: m2.people.patient!.token });
      const hcw = await sock({ invite: m2.people.clinician!.token });
      for (const [join, key] of [
        [pat, 'patient'],
        [hcw, 'clinician'],
      ] as const) {
        await join({ type: 'lobby.join' });
        await lead({ type: 'lobby.admit', memberId: m2.people[key]!.id });
      }
      await lead({ type: 'meeting.start' });
      const client = await pat({
        type: 'board.propose',
        fields: {
          text: 'A letter explaining what the review found',
          category: 'answers',
          owner: CLINICIAN,
          ownerMemberId: m2.people.clinician!.id,
          dueDate: '2030-01-31',
          completionEvidence: '',
          visibleTo: ['patient', 'hcw', 'facilitation'],
          affectedParties: ['patient', 'hcw'],
        },
      });
      const item = (await client.waitFor((v) => (v.board?.items.length ?? 0) === 1)).board!
        .items[0]!;
      for (const answer of [pat, hcw]) {
        await answer({
          type: 'board.consent',
          itemId: item.id,
          baseVersion: item.version,
          decision: 'consent',
        });
      }
      await lead({ type: 'board.finalise', noAgreement: false });
      await pat({ type: 'board.consentSummary' });
      await hcw({ type: 'board.consentSummary' });
      await patient.goto(`${stack.server.url}/j/${m2.people.patient!.token}/summary`);
      await waitForScreen(patient, 'summary');
      await patient.getByRole('heading', { level: 1, name: T.summary.title }).waitFor();
      await patient.getByText('A letter explaining what the review found').waitFor();
      await check(patient, 'summary');
      expect(await screen(patient)).toBe('summary');

      expect(found, found.join('\n')).toEqual([]);
    });
  }
});
