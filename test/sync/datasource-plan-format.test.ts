// How diff output shows the data source part of a plan: every changing step in text and
// markdown, counted in the summary, secrets by key only, and a plan whose only changes are data
// sources is never reported as "No changes".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lokiDatasource, prometheusDatasource, secret } from '../../lib/index.js';
import type { DatasourceStep } from '../../lib/datasources/datasource-plan.js';
import { formatPlanMarkdown, formatPlanText, planToJson } from '../../lib/sync/diff-format.js';
import { hasChanges, type Plan } from '../../lib/sync/plan.js';

const prom = prometheusDatasource({ uid: 'prom', name: 'Prometheus', url: 'http://p:9090' });
const loki = lokiDatasource({ uid: 'loki', name: 'Loki', url: 'http://l:3100', basicAuth: { user: 'u', password: secret('LOKI_PW') } });

const step = fc.oneof(
  fc.constant<DatasourceStep>({ action: 'create', uid: 'loki', desired: loki, secrets: ['basicAuthPassword'] }),
  fc.constant<DatasourceStep>({ action: 'unchanged', uid: 'prom' }),
  fc.constant<DatasourceStep>({ action: 'delete', uid: 'old', remote: { uid: 'old', name: 'Old', type: 'tempo' } }),
  fc.constant<DatasourceStep>({ action: 'conflict', uid: 'prom', reason: 'exists and was not created by this project' }),
  fc.constant<DatasourceStep>({
    action: 'update',
    uid: 'prom',
    desired: prom,
    remote: { uid: 'prom', name: 'Prometheus', type: 'prometheus' },
    changes: ['url'],
    secrets: [],
  }),
);

function planOf(datasources: DatasourceStep[]): Plan {
  return {
    steps: [],
    summary: { create: 0, update: 0, move: 0, delete: 0, unchanged: 0, conflict: 0 },
    orphans: [],
    prune: false,
    force: false,
    notes: [],
    datasources,
  };
}

describe('data source steps in diff output', () => {
  it('PROPERTY: changes are reported exactly when a step changes something, in text, markdown and JSON', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 5 }), (steps) => {
        const p = planOf(steps);
        const changing = steps.filter((s) => s.action !== 'unchanged');
        expect(hasChanges(p)).toBe(changing.length > 0);
        expect(planToJson(p, 't').changes).toBe(changing.length > 0);
        const text = formatPlanText(p, 't');
        const markdown = formatPlanMarkdown(p, 't');
        expect(markdown.includes('No changes')).toBe(changing.length === 0);
        for (const s of changing) {
          expect(text).toContain(` data source ${s.uid}`);
          expect(markdown).toContain(` data source ${s.uid}`);
        }
        expect(text).not.toContain('= data source');
        expect(text + markdown).not.toContain('LOKI_PW');
        const creates = steps.filter((s) => s.action === 'create').length;
        expect(text).toContain(`data sources: ${creates} to create`);
      }),
    );
  });
});
