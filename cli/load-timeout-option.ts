import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_LOAD_TIMEOUT_S } from './supervise.js';

/**
 * `--load-timeout <seconds>`: how long user code may take to load before it is stopped (the
 * supervisor reads the value from argv; the option is declared so that help lists it and its
 * value is checked).
 */
export function loadTimeoutOption(): Option {
  return new Option(
    '--load-timeout <seconds>',
    `stop user code that is still loading after this many seconds (default ${DEFAULT_LOAD_TIMEOUT_S}, or GRAFTS_LOAD_TIMEOUT)`,
  ).argParser((value: string) => {
    const seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400)
      throw new InvalidArgumentError(`expected a number of seconds from 0 to 86400, got "${value}"`);
    return seconds;
  });
}
