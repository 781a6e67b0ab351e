/** Helpers for the language parity tests: every key in every language, same placeholders. */

export type Tree = { readonly [k: string]: string | Tree };

/** Flattens a language tree to `a.b.c` → words. */
export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** The {{placeholders}} of a text, sorted (i18next's interpolation syntax). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

/** Each difference between two languages, in words a person can act on; empty when they match. */
export function parityProblems(
  base: Tree,
  other: Tree,
  names: [string, string] = ['en', 'fr'],
): string[] {
  const a = flatten(base);
  const b = flatten(other);
  const problems: string[] = [];
  for (const key of a.keys()) if (!b.has(key)) problems.push(`${key}: missing in ${names[1]}`);
  for (const key of b.keys()) if (!a.has(key)) problems.push(`${key}: missing in ${names[0]}`);
  for (const [key, text] of a) {
    const there = b.get(key);
    if (there === undefined) continue;
    const pa = placeholders(text).join(',');
    const pb = placeholders(there).join(',');
    if (pa !== pb)
      problems.push(`${key}: placeholders {${pa}} in ${names[0]}, {${pb}} in ${names[1]}`);
    if (text.trim() !== '' && there.trim() === '') problems.push(`${key}: empty in ${names[1]}`);
  }
  return problems;
}
