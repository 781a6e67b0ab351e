/**
 * A gentle note for items that read like a finding of fault or a compensation amount
 * (research/domain.md AGR-6, UX-3, NOT-4): the client suggests recording a referral to the right
 * process instead. The rules are plain word lists so anyone can see why a note appeared; they only
 * ever suggest, never block.
 */
export const FAULT_NOTES = ['compensation', 'fault'] as const;
export type FaultNote = (typeof FAULT_NOTES)[number];

const CURRENCY_SYMBOLS = '[$£€¥]';
/** Currency codes only where they cannot be read as a clinical abbreviation (not CAD, AUD). */
const CURRENCY_CODES = 'usd|eur|gbp';
const CURRENCY_WORDS = `dollars?|euros?|${CURRENCY_CODES}`;

/** Money: "$5,000", "£ 200", "1.500 €", "5000 dollars", "USD 300", "300 eur". */
const MONEY = [
  new RegExp(`${CURRENCY_SYMBOLS}\\s?\\d`, 'i'),
  new RegExp(`\\d\\s?${CURRENCY_SYMBOLS}`, 'i'),
  new RegExp(`\\d(?:[\\d.,]*\\d)?\\s?(?:k\\s)?(?:${CURRENCY_WORDS})\\b`, 'i'),
  new RegExp(`\\b(?:${CURRENCY_CODES})\\s?\\d`, 'i'),
];

/** Whole words, case-insensitive. */
const COMPENSATION_WORDS = [
  'compensation',
  'compensate',
  'compensated',
  'damages',
  'settlement',
  'settlements',
  'payout',
];

const FAULT_WORDS = [
  'fault',
  'to blame',
  'liable',
  'liability',
  'negligent',
  'negligence',
  'malpractice',
  'culpable',
  'culpability',
];

function wordsPattern(words: readonly string[]): RegExp {
  const alternatives = words.map((w) => w.split(' ').join('\\s+'));
  return new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'i');
}

const COMPENSATION = wordsPattern(COMPENSATION_WORDS);
const FAULT = wordsPattern(FAULT_WORDS);

/**
 * Returns the note to show for an item's text, or null. Compensation wins when both apply, since
 * its suggestion (a referral to the organisation's resolution process) covers both.
 *
 * @example
 * faultNote('The hospital will pay $5,000'); // 'compensation'
 * faultNote('The nurse was negligent');      // 'fault'
 * faultNote('Share the review by June');     // null
 */
export function faultNote(text: string): FaultNote | null {
  if (MONEY.some((r) => r.test(text)) || COMPENSATION.test(text)) return 'compensation';
  if (FAULT.test(text)) return 'fault';
  return null;
}
