/** A stream the CLI writes to: `process.stdout`, or a buffer in tests. */
export interface CliOutput {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Everything a command reads from or writes to the outside world. */
export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: CliOutput;
  stderr: CliOutput;
}

/** The real process. */
export function processIO(): CliIO {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/**
 * Whether to colour output written to `stream`: never with `NO_COLOR` (non-empty) or
 * `FORCE_COLOR=0`, always with another `FORCE_COLOR`, otherwise only on a terminal.
 */
export function colorEnabled(stream: CliOutput, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** ANSI styles, or identity functions when colour is off. */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
  yellow(text: string): string;
}

export function palette(enabled: boolean): Palette {
  const style =
    (open: number, close: number) =>
    (text: string): string =>
      enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: style(1, 22), dim: style(2, 22), green: style(32, 39), red: style(31, 39), cyan: style(36, 39), yellow: style(33, 39) };
}
