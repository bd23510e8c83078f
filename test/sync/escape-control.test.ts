/**
 * Titles, uids and messages from a server are printed with their control characters escaped,
 * in the plan as text and as markdown, and in the apply report.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatApplyReport } from '../../cli/commands/apply.js';
import { palette } from '../../cli/io.js';
import { formatPlanMarkdown, formatPlanText } from '../../lib/sync/diff-format.js';
import { plan } from '../../lib/sync/plan.js';
import type { ApplyResult } from '../../lib/sync/run-apply.js';
import { escapeControl } from '../../lib/util/escape-control.js';

const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Characters a hostile server would put in a title. */
const hostileChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u2028', '\u2029', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\u001b[2J', '\u001b]8;;http://x\u0007'),
  fc.string({ maxLength: 3 }),
);
const hostile = fc.array(hostileChar, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

describe('escapeControl', () => {
  it('leaves no control character, and keeps every other character', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const escaped = escapeControl(text);
        expect(escaped).not.toMatch(UNSAFE);
        expect(escaped).not.toContain('\n');
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((t) => !UNSAFE.test(t) && !t.includes('\n')),
        (text) => escapeControl(text) === text,
      ),
    );
  });

  it('shows what was there', () => {
    expect(escapeControl('Prod\u001b[2J\nok\u202e')).toBe('Prod\\x1b[2J\\nok\\u202e');
    expect(escapeControl('Ünïcode — fine')).toBe('Ünïcode — fine');
  });
});

describe('plan and report output with hostile titles', () => {
  it('text, markdown and the apply report carry no control character from a title or uid', () => {
    fc.assert(
      fc.property(hostile, hostile, (title, uid) => {
        // GIVEN a remote managed dashboard whose title and uid are hostile, and that left the code
        const p = plan({ folders: [], dashboards: [] }, { folders: [], dashboards: [{ uid, title, managed: true }], details: new Map() }, { prune: true });
        const result: ApplyResult = {
          target: `grafana ${title}`,
          plan: p,
          dryRun: false,
          message: 'm',
          durationMs: 1,
          report: {
            target: `grafana ${title}`,
            results: [{ kind: 'Dashboard', action: 'delete', uid, title, outcome: 'failed', message: `500: ${title}` }],
            counts: { created: 0, updated: 0, moved: 0, deleted: 0, unchanged: 0, conflicts: 0, failed: 1, skipped: 0 },
            writes: 1,
            ok: false,
          },
        };
        // WHEN formatted (no colours: any ESC would come from the server)
        const outputs = [formatPlanText(p, `grafana ${title}`), formatPlanMarkdown(p, title), formatApplyReport(result, palette(false))];
        // THEN no line holds a control character
        for (const out of outputs) for (const line of out.split('\n')) expect(line).not.toMatch(UNSAFE);
      }),
      { numRuns: 200 },
    );
  });
});
