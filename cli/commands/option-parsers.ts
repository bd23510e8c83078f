import { InvalidArgumentError } from 'commander';

/**
 * Commander option parser: an integer from `min` to `max`.
 *
 * @example
 * intRange(1, 64)('8') // → 8; intRange(1, 64)('0') throws "expected an integer from 1 to 64, got "0""
 */
export function intRange(min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}, got "${value}"`);
    return n;
  };
}

/** Commander option collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
