import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRelayDto } from '../../shared/protocol/around';
import { createMeeting, type ScriptedMeeting } from '../support/server';
import { button, byTestId, signIn, waitForScreen, waitForText } from './support/actors';
import { expectNoAxeViolations } from './support/axe';
import { startStack, type Stack } from './support/stack';

const FIRST = 'I would like to know what changed on the ward since that night.';
const SECOND = 'You should all be ashamed of yourselves.';

describe('indirect path: a written exchange relayed by the facilitator', () => {
  let stack: Stack;
  let m: ScriptedMeeting;
  let facilitator: Page;
  let patient: Page;
  let clinician: Page;

  const linkRelay = async (token: string) =>
    (await (await fetch(`${stack.server.url}/api/invite/${token}/relay`)).json()) as LinkRelayDto;

  beforeAll(async () => {
    stack = await startStack();
    m = await createMeeting(stack.server, [
      { key: 'pat', name: 'Pat Doe', party: 'patient', role: 'patient' },
      { key: 'cli', name: 'Dr Casey Lee', party: 'hcw', role: 'hcw' },
    ]);
    [facilitator, patient, clinician] = await Promise.all([
      stack.newPage('facilitator'),
      stack.newPage('patient'),
      stack.newPage('clinician'),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('lets the patient’s message reach the clinician only after the facilitator releases it', async () => {
    await signIn(facilitator, stack.server);
    await facilitator.goto(`${stack.server.url}/cases/${m.caseId}`);
    await waitForScreen(facilitator, 'case');
    await button(facilitator, 'Open the written exchange').click();
    await waitForText(facilitator, '#case-relay-h + p + p', /is open/);

    // The patient writes from their own link.
    await patient.goto(m.people.pat!.invite.url);
    await waitForScreen(patient, 'welcome');
    await patient.getByLabel('Your message').fill(FIRST);
    await button(patient, 'Send to your facilitator').click();
    await expect.poll(() => patient.getByText('Waiting for your facilitator.').count()).toBe(1);

    // Not released yet: nothing reaches the clinician's link.
    await clinician.goto(m.people.cli!.invite.url);
    await waitForScreen(clinician, 'welcome');
    await waitForText(clinician, byTestId('relay-received'), '');
    expect(await clinician.getByText('No message has been passed on to you yet.').count()).toBe(1);
    expect((await linkRelay(m.people.cli!.token)).received).toEqual([]);

    // The facilitator reads it and releases it.
    await facilitator.reload();
    await waitForScreen(facilitator, 'case');
    await expect.poll(() => facilitator.getByText(FIRST).count()).toBe(1);
    await button(facilitator, 'Pass on to the other side').click();
    await expect.poll(() => facilitator.getByText('Passed on.').count()).toBe(1);

    // Now it reaches the clinician, without the writer's name.
    await clinician.reload();
    await waitForScreen(clinician, 'welcome');
    await waitForText(clinician, byTestId('relay-received'), /I would like to know what changed/);
    const received = await clinician.locator(byTestId('relay-received')).textContent();
    expect(received).toContain('From the');
    expect(received).not.toContain('Pat Doe');
    await patient.reload();
    await expect.poll(() => patient.getByText('Passed on to the other side.').count()).toBe(1);
    await expectNoAxeViolations(clinician, 'link page with the written exchange');

    // A second message is given back with a note: it never reaches the clinician.
    await patient.getByLabel('Your message').fill(SECOND);
    await button(patient, 'Send to your facilitator').click();
    await expect.poll(() => patient.getByText('Waiting for your facilitator.').count()).toBe(1);
    await facilitator.reload();
    await waitForScreen(facilitator, 'case');
    await button(facilitator, 'Give back with a note').click();
    await facilitator.getByLabel('Note to the writer').fill('Could we say how it felt instead?');
    await button(facilitator, 'Give back').click();
    await expect.poll(() => facilitator.getByText('Given back.').count()).toBe(1);
    await expectNoAxeViolations(facilitator, 'case page with the written exchange');
    await patient.reload();
    await expect
      .poll(() => patient.getByText(/Your facilitator says: Could we say how it felt/).count())
      .toBe(1);
    const cli = await linkRelay(m.people.cli!.token);
    expect(cli.received.map((r) => r.body)).toEqual([FIRST]);

    // The words are never written to the logs.
    const logs = stack.server.logLines.join('\n');
    expect(logs).not.toContain('ward since');
    expect(logs).not.toContain('ashamed');
    expect(stack.offLoopback).toEqual([]);
  });
});
