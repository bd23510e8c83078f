/**
 * Whether the run is in CI: `CI` set to anything but empty, `false` or `0` (GitHub Actions,
 * GitLab, CircleCI, Buildkite and Jenkins' plugins set `CI=true`).
 *
 * @example
 * isCi({ CI: 'true' }) // → true
 * isCi({ CI: 'false' }) // → false
 */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env['CI']?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
