import type { FleetMember } from '../../lib/sync/run-fleet.js';
import { escapeControl } from '../../lib/util/escape-control.js';
import type { Palette } from '../io.js';
import { userErrorText } from '../report.js';

/** One target of a fleet run, ready to print: its section and its exit code. */
export interface FleetSection {
  readonly target: string;
  readonly exitCode: number;
  /** What the target's own run printed (its plan or apply report), or its error text. */
  readonly text: string;
  /** The error text when the target failed. */
  readonly error?: string;
}

/**
 * Each member of a fleet run as a section: `render` gives a result's text and exit code; a
 * failed member gets its error text and exit code 1. A bug (an error that is no user error) is
 * rethrown, after every target has finished.
 */
export async function fleetSections<T>(members: readonly FleetMember<T>[], render: (result: T) => { text: string; exitCode: number }): Promise<FleetSection[]> {
  const out: FleetSection[] = [];
  for (const member of members) {
    if (member.error === undefined) {
      const { text, exitCode } = render(member.result as T);
      out.push({ target: member.target, exitCode, text });
      continue;
    }
    const error = userErrorText(member.error);
    if (error === undefined) throw member.error;
    out.push({ target: member.target, exitCode: 1, text: error, error });
  }
  return out;
}

/**
 * The exit code of a fleet run: 1 when a target failed, else the worst of the others in the
 * order `worst` gives (e.g. diff: 2 changes; apply: 3 partial before 4 conflicts), else 0.
 */
export function fleetExitCode(sections: readonly FleetSection[], worst: readonly number[]): number {
  if (sections.some((s) => s.exitCode === 1)) return 1;
  for (const code of worst) if (sections.some((s) => s.exitCode === code)) return code;
  return 0;
}

/**
 * The combined text report: one section per target under a `target "<name>"` heading, then a
 * summary of every target's exit code, so a failure never hides another target's result.
 *
 * @example
 * fleetText(sections, 'diff', palette)
 * // ── target "eu" ──
 * // Plan for …: 1 to create, …
 * // ── target "us" ──
 * // error: Grafana at https://us… is unreachable
 * // Fleet diff: 2 targets — eu: exit 2 (changes), us: exit 1 (failed)
 */
export function fleetText(sections: readonly FleetSection[], command: 'diff' | 'apply', meaning: Readonly<Record<number, string>>, c: Palette): string {
  const out: string[] = [];
  for (const s of sections) {
    out.push(c.bold(`── target "${escapeControl(s.target)}" ──`));
    out.push(s.error !== undefined ? c.red(s.text.trimEnd()) : s.text.trimEnd());
  }
  out.push(
    `Fleet ${command}: ${sections.length} target${sections.length === 1 ? '' : 's'} — ${sections.map((s) => `${escapeControl(s.target)}: exit ${s.exitCode}${meaning[s.exitCode] ? ` (${meaning[s.exitCode]})` : ''}`).join(', ')}`,
  );
  return `${out.join('\n')}\n`;
}

/**
 * The combined PR comment: one `## target` section per target holding that target's own
 * markdown (or its error in a code block), under one heading.
 */
export function fleetMarkdown(sections: readonly FleetSection[], meaning: Readonly<Record<number, string>>): string {
  const out: string[] = ['## grafts diff — fleet', '', '| target | result |', '| --- | --- |'];
  for (const s of sections) out.push(`| \`${s.target}\` | ${meaning[s.exitCode] ?? `exit ${s.exitCode}`} |`);
  for (const s of sections) {
    out.push('', `## target \`${s.target}\``, '');
    out.push(s.error !== undefined ? `\`\`\`\n${s.text.replace(/```/g, '`\u200b``').trimEnd()}\n\`\`\`` : s.text.trimEnd());
  }
  return `${out.join('\n')}\n`;
}
