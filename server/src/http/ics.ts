/**
 * A calendar file for one meeting time (PRE-11): neutral words only. No clinical or incident
 * words, no names of anyone, no link (a link is a key: calendars are synced and shared). RFC 5545:
 * CRLF line ends, UTC times, text escaped, lines folded at 75 octets.
 */
export function meetingIcs(opts: {
  uid: string;
  startsAt: number;
  minutes: number;
  now: number;
  title: string;
  description: string;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Common Ground//Meeting//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${opts.uid}@common-ground`,
    `DTSTAMP:${icsTime(opts.now)}`,
    `DTSTART:${icsTime(opts.startsAt)}`,
    `DTEND:${icsTime(opts.startsAt + opts.minutes * 60_000)}`,
    `SUMMARY:${icsText(opts.title)}`,
    `DESCRIPTION:${icsText(opts.description)}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

const icsTime = (ms: number) =>
  new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

const icsText = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

function fold(line: string): string {
  const out: string[] = [];
  let rest = Buffer.from(line, 'utf8');
  let first = true;
  while (rest.length > (first ? 75 : 74)) {
    let cut = first ? 75 : 74;
    // Never split a UTF-8 character.
    while ((rest[cut]! & 0xc0) === 0x80) cut--;
    out.push((first ? '' : ' ') + rest.subarray(0, cut).toString('utf8'));
    rest = rest.subarray(cut);
    first = false;
  }
  out.push((first ? '' : ' ') + rest.toString('utf8'));
  return out.join('\r\n');
}
