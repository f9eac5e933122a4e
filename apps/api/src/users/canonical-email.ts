/**
 * The one form of an email address that sign-in, the failed-attempt counters and the uniqueness
 * of accounts all use: trimmed, compatibility-normalised (NFKC: full-width `ａ` is `a`) and
 * lower-cased by Unicode's locale-independent rules, the same on every machine and database.
 * `İ` (U+0130) lower-cases to `i̇` (`i` + U+0307), not to `i`: `admİn@localhost` is another
 * address than `admin@localhost`, and signs in to no account of that name.
 */
export function canonicalEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
}
