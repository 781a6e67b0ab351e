import { describe, expect, it } from 'vitest';
import {
  problemOf,
  problemWithMicrophone,
} from '../../../../../client/src/features/join/useMediaPreview';

/** getUserMedia rejects with a DOMException; only its name matters here. */
const failure = (name: string) => ({ name });

describe('the device check names what is wrong (issue 17: nobody needs a camera)', () => {
  it.each([
    ['NotAllowedError', 'blocked'],
    ['SecurityError', 'blocked'],
    ['NotFoundError', 'none'],
    ['OverconstrainedError', 'none'],
    ['NotReadableError', 'unavailable'],
    ['AbortError', 'unavailable'],
  ])('camera and microphone both failing with %s: %s', (name, problem) => {
    expect(problemOf(failure(name))).toBe(problem);
  });

  it.each([
    // No camera at all, the microphone works: join with sound only.
    ['NotFoundError', 'noCamera'],
    ['OverconstrainedError', 'noCamera'],
    // The camera refused or busy: still said as it is.
    ['NotAllowedError', 'blocked'],
    ['NotReadableError', 'unavailable'],
  ])('with the microphone alone working, %s: %s', (name, problem) => {
    expect(problemWithMicrophone(failure(name))).toBe(problem);
  });

  it('an error without a name is "unavailable"', () => {
    expect(problemOf(null)).toBe('unavailable');
    expect(problemWithMicrophone(new Error('x'))).toBe('unavailable');
  });
});
