import i18next from 'i18next';
import { useEffect } from 'react';
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  pickLanguage,
  type Language,
} from '../../../shared/i18n/languages';
import { usePersonDisplay } from '../lib/display';
import { switchLanguage } from './load';

/**
 * Each person's language, kept in this browser per person (a shared family computer may serve a
 * patient and their support person): the language they chose here, else the one the facilitator
 * set on their invite, else the browser's, else English. Pages that know who is looking call
 * usePersonLanguage; the switch in the header then saves the choice for that person.
 */
const PREFIX = 'cg.language.';
/** Before a page knows who is looking (the sign-in page, a link loading): the last choice here. */
const DEVICE = 'device';

let current = DEVICE;

function read(key: string): Language | null {
  try {
    const v = window.localStorage.getItem(PREFIX + key);
    return isLanguage(v) ? v : null;
  } catch {
    return null; // storage can be blocked (private mode, policies): the choice lasts the page
  }
}

function write(key: string, lang: Language): void {
  try {
    window.localStorage.setItem(PREFIX + key, lang);
    window.localStorage.setItem(PREFIX + DEVICE, lang);
  } catch {
    // see read()
  }
}

export function browserLanguage(): Language | null {
  return pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function initialLanguage(): Language {
  return read(DEVICE) ?? browserLanguage() ?? DEFAULT_LANGUAGE;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
}

/** The header's switch: this person's choice, remembered in this browser. */
export function chooseLanguage(lang: Language): void {
  write(current, lang);
  void switchLanguage(lang);
}

/**
 * Declares who is looking at the page (`person:<id>`, `facilitator`), with the language their
 * invite sets, and switches to that person's language.
 */
export function usePersonLanguage(personKey: string | null, invited?: Language | null): void {
  // Their text size and contrast follow the same person (issue 17 item 6).
  usePersonDisplay(personKey);
  useEffect(() => {
    if (personKey === null) return;
    current = personKey;
    const lang = read(personKey) ?? invited ?? browserLanguage() ?? DEFAULT_LANGUAGE;
    if (lang !== i18next.language) void switchLanguage(lang);
    return () => {
      if (current === personKey) current = DEVICE;
    };
  }, [personKey, invited]);
}
