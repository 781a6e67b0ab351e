// The gentle note for items that read like a finding of fault or a compensation amount
// (research/domain.md AGR-6, UX-3, NOT-4).
import { describe, expect, it } from 'vitest';
import { faultNote } from '../../../../../shared/room/board/faultNote';

describe('faultNote', () => {
  it.each([
    // money
    ['The hospital will pay $5,000', 'compensation'],
    ['A payment of $ 250', 'compensation'],
    ['£200 towards travel', 'compensation'],
    ['€1.500 for the family', 'compensation'],
    ['1500 € for the family', 'compensation'],
    ['5000 dollars', 'compensation'],
    ['a 5k dollar payment', 'compensation'],
    ['300 EUR', 'compensation'],
    ['USD 300', 'compensation'],
    ['¥10000', 'compensation'],
    // compensation words
    ['Agree the compensation', 'compensation'],
    ['COMPENSATION will be discussed', 'compensation'],
    ['The trust will compensate the family', 'compensation'],
    ['Damages to be agreed', 'compensation'],
    ['A settlement by March', 'compensation'],
    ['A payout for lost earnings', 'compensation'],
    // fault words
    ['Dr A was at fault', 'fault'],
    ['The nurse is to blame', 'fault'],
    ['The nurse is to   Blame', 'fault'],
    ['The hospital is liable', 'fault'],
    ['Accept liability', 'fault'],
    ['It was negligent care', 'fault'],
    ['Negligence by the team', 'fault'],
    ['A malpractice finding', 'fault'],
    ['The surgeon was culpable', 'fault'],
    ['No-fault review', 'fault'],
    // both: compensation wins (a referral covers both)
    ['Liable for $10,000 damages', 'compensation'],
  ])('%s → %s', (text, note) => {
    expect(faultNote(text)).toBe(note);
  });

  it.each([
    'Share the review findings by letter before June',
    'Dr A will explain the medication chart',
    'A follow-up meeting in 3 months',
    'Nerve damage will be assessed at the clinic',
    'The faulty pump will be replaced',
    'Check the default settings of the infusion pump',
    'Settle in to the new ward routine',
    'Blameless reporting will be explained',
    'A history of CAD 2 vessels is noted',
    'AUD 4 screening offered',
    'The baby weighed 5 pounds',
    'Reading 100 mg is the usual dose',
    'Support for the nurse from the peer team',
    '',
  ])('%j → no note', (text) => {
    expect(faultNote(text)).toBeNull();
  });
});
