/**
 * "Ana, Ben and Chloé" / "Ana, Ben et Chloé": a list of names in the words of the language
 * (Intl.ListFormat), not joined with commas.
 */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
