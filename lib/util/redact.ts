/**
 * A URL as it may be shown: user info (`user:password@`), query string and fragment removed,
 * no trailing slash. Invalid URLs are shown as `<invalid URL>` rather than echoed, since they
 * may hold a secret.
 *
 * @example
 * displayUrl('https://bob:s3cret@prom.example.com/prometheus/?x=1') // → 'https://prom.example.com/prometheus'
 */
export function displayUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url.toString());
  } catch {
    return '<invalid URL>';
  }
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.replace(/\/+$/, '');
}

/**
 * Replaces every occurrence of each secret (and its URL-encoded form) in `text` by `***`.
 * Secrets shorter than 3 characters are left alone: they would mask ordinary text.
 *
 * @example
 * redactSecrets('token abc123 refused', ['abc123']) // → 'token *** refused'
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  }
  return out;
}
