import { createHash } from 'node:crypto';

/** Grafana's limit on dashboard uids. */
export const MAX_UID_LENGTH = 40;

const UID_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * The uid a dashboard gets when none is set: the title in lowercase, with every run of
 * characters other than `a-z` and `0-9` turned into one `-`, and no leading or trailing `-`.
 * When that is longer than 40 characters (or empty), the first 31 characters (or `dashboard`)
 * plus `-` and the first 8 hex digits of the title's SHA-256 are used, so long titles stay
 * unique. The rule only depends on the title: renaming a dashboard changes its derived uid,
 * so set `.uid()` on dashboards that others link to.
 *
 * @example
 * deriveUid('Checkout / API (prod)') // → 'checkout-api-prod'
 */
export function deriveUid(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > 0 && slug.length <= MAX_UID_LENGTH) return slug;
  const hash = createHash('sha256').update(title).digest('hex').slice(0, 8);
  const stem = slug.length > 0 ? slug.slice(0, 31).replace(/-+$/, '') : 'dashboard';
  return `${stem}-${hash}`;
}

/** Why `uid` is not a valid Grafana uid, or undefined when it is. */
export function uidProblem(uid: string): string | undefined {
  if (uid.length === 0) return 'uid is empty';
  if (uid.length > MAX_UID_LENGTH) return `uid "${uid}" is ${uid.length} characters long; Grafana allows at most ${MAX_UID_LENGTH}`;
  if (!UID_PATTERN.test(uid)) return `uid "${uid}" may only contain letters, digits, "-" and "_"`;
  return undefined;
}
