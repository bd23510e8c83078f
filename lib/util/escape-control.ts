/**
 * Control characters a server could use to rewrite a terminal or a log: C0 (newlines and tabs
 * too: a title is one line), DEL, C1 (`\u009b` is a one-byte CSI), the line and paragraph
 * separators, and the bidirectional overrides and isolates that reorder what is shown.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text that came from a server (titles, uids, error messages), made safe to print: every
 * control character becomes a visible `\xNN` / `\uNNNN` escape, so a hostile title cannot
 * clear the screen, forge an output line or hide text.
 *
 * @example
 * escapeControl('Prod\u001b[2J\nfake: ok') // → 'Prod\\x1b[2J\\nfake: ok'
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
