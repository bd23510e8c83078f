// A rule file's managed marker covers the whole file: adding grafts' group to a file someone else
// wrote would make their groups grafts' (and `--prune` would delete them), so it is a conflict
// unless --force, which takes the file over as a whole. Real RuleFileTarget in a temporary folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../lib/sync/apply.js';
import { plan, readActualState } from '../../lib/sync/plan.js';
import type { DesiredState } from '../../lib/sync/resources.js';
import { RULE_FILE_MARKER, RuleFileTarget } from '../../lib/sync/rule-targets/rule-file-target.js';
import { MemoryTarget } from './memory-target.js';

const HAND_WRITTEN = 'groups:\n  - name: humans\n    rules:\n      - record: team:up:sum\n        expr: sum(up)\n';
const desired: DesiredState = {
  folders: [],
  dashboards: [],
  ruleGroups: [
    { kind: 'RuleGroup', namespace: 'infra', group: { name: 'mine', rules: [{ alert: 'NodeDown', expr: 'up == 0', for: '5m' }] }, source: 'test' },
    {
      kind: 'RuleGroup',
      namespace: 'apps',
      group: { name: 'http', rules: [{ record: 'job:requests:rate5m', expr: 'sum by (job) (rate(requests_total[5m]))' }] },
      source: 'test',
    },
  ],
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'grafts-rule-file-ownership-'));
  writeFileSync(path.join(dir, 'infra.yaml'), HAND_WRITTEN);
  writeFileSync(path.join(dir, 'other.yaml'), HAND_WRITTEN);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function sync(options: { prune?: boolean; force?: boolean }) {
  const ruleTarget = new RuleFileTarget({ dir });
  const dashboards = new MemoryTarget();
  const p = plan(desired, await readActualState(dashboards, desired, { ruleTarget }), options);
  const report = await applyPlan(p, dashboards, { message: 'm', ruleTarget });
  const steps = p.steps.map((s) => `${s.action}${s.forced ? ' (forced)' : ''} ${s.uid}`);
  return { p, report, steps };
}

const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('rule groups in a rule file grafts did not write', () => {
  it("GIVEN a hand-written infra.yaml WHEN a group is desired in namespace infra THEN it is a conflict naming the file's groups, and neither file is written even with prune", async () => {
    const { p, report, steps } = await sync({ prune: true });
    expect(steps).toEqual(['conflict infra/mine', 'create apps/http']);
    expect(p.steps[0]).toMatchObject({ reason: expect.stringContaining('namespace "infra", whose rule file is not managed by grafts (it holds humans)') });
    expect(report.writes).toBe(1);
    expect(read('infra.yaml')).toBe(HAND_WRITTEN);
    expect(read('other.yaml')).toBe(HAND_WRITTEN);

    // The next apply sees the same conflict and nothing else.
    expect((await sync({ prune: true })).steps).toEqual(['conflict infra/mine', 'unchanged apps/http']);
    expect(read('infra.yaml')).toBe(HAND_WRITTEN);
  });

  it('GIVEN --force without prune WHEN applying THEN the file is taken over: its other group stays, listed as an orphan, and the next apply is a no-op', async () => {
    const { p, steps } = await sync({ force: true });
    expect(steps).toEqual(['create (forced) infra/mine', 'create apps/http']);
    expect(read('infra.yaml').startsWith(`${RULE_FILE_MARKER}\n`)).toBe(true);
    expect(read('infra.yaml')).toContain('name: humans');
    // Taken over with the file: grafts' now, so reported as what --prune would delete.
    expect(p.orphans).toEqual([{ kind: 'RuleGroup', uid: 'infra/humans', title: 'humans' }]);
    const again = await sync({ force: true });
    expect(again.steps).toEqual(['unchanged infra/mine', 'unchanged apps/http']);
    expect(again.p.orphans).toEqual([{ kind: 'RuleGroup', uid: 'infra/humans', title: 'humans' }]);
    expect(read('other.yaml')).toBe(HAND_WRITTEN);
  });

  it("GIVEN --force --prune WHEN applying THEN the taken-over file keeps only grafts' groups in one apply, the undeclared namespace is untouched, and the next apply is a no-op", async () => {
    const { report, steps } = await sync({ force: true, prune: true });
    expect(steps).toEqual(['create (forced) infra/mine', 'create apps/http', 'delete (forced) infra/humans']);
    expect(report.ok).toBe(true);
    expect(read('infra.yaml')).not.toContain('humans');
    expect(read('other.yaml')).toBe(HAND_WRITTEN);
    const again = await sync({ force: true, prune: true });
    expect(again.steps).toEqual(['unchanged infra/mine', 'unchanged apps/http']);
    expect(again.report.writes).toBe(0);
  });
});
