// standardVariables() twice on one dashboard (Prometheus and Loki): the second set is prefixed,
// so names do not collide, each set chains its own variables and runs on its own data source.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboard, logs, loki, prometheus, row, timeseries } from '../../lib/index.js';
import { renderDashboard } from '../../lib/model/dashboard-render.js';
import { selector, withSelectors } from '../../lib/style/selector.js';
import { standardVariables, type TemplateLevel } from '../../lib/style/templating.js';
import { validateDashboard } from '../support/validate-schema.js';
import { importDashboard } from '../../lib/import/dashboard/import-dashboard.js';
import { buildGenerated } from '../import/dashboard/build-generated.js';

type Json = Record<string, unknown>;

describe('standardVariables prefix', () => {
  it('GIVEN a Prometheus set and a prefixed Loki set on one dashboard WHEN built THEN it validates, with no duplicate names', () => {
    const metrics = standardVariables({ levels: ['cluster'] });
    const logSet = standardVariables({ datasourceType: 'loki', levels: ['cluster'], prefix: 'loki_', labelPrefix: 'Logs ' });
    const board = dashboard('API')
      .variable(...metrics.all, ...logSet.all)
      .row(
        row('Traffic').panel(
          timeseries('Requests')
            .datasource(metrics.datasource)
            .target(prometheus(withSelectors('sum(rate(http_requests_total[5m]))', metrics.matchers))),
          logs('Errors')
            .datasource(logSet.datasource)
            .target(loki(`${selector({ app: 'api', ...logSet.matchers })} |= "error"`)),
        ),
      );
    const { json, problems } = renderDashboard(board.parts());
    expect(problems).toEqual([]);
    expect(validateDashboard(json).errors).toEqual([]);
    const list = json.templating!.list! as unknown as Json[];
    expect(list.map((v) => v.name)).toEqual(['datasource', 'cluster', 'job', 'instance', 'loki_datasource', 'loki_cluster', 'loki_job', 'loki_instance']);
    expect(list.map((v) => v.label)).toEqual(['Data source', 'Cluster', 'Job', 'Instance', 'Logs Data source', 'Logs Cluster', 'Logs Job', 'Logs Instance']);
    const lokiJob = list.find((v) => v.name === 'loki_job')!;
    expect(lokiJob.datasource).toEqual({ type: 'loki', uid: '${loki_datasource}' });
    expect(lokiJob.query).toBe('label_values({cluster=~"$loki_cluster"}, job)');
    const panels = (json.panels as unknown as Json[]).filter((p) => p.type !== 'row');
    expect((panels[1]!.targets as Json[])[0]!.expr).toBe('{app="api", cluster=~"$loki_cluster", job=~"$loki_job", instance=~"$loki_instance"} |= "error"');
  });

  it('GIVEN any valid prefix and levels WHEN two sets share a dashboard THEN every name is the prefixed one and every chained query uses only its own set', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
        fc.subarray<TemplateLevel>(['cluster', 'namespace']),
        fc.constantFrom<'prometheus' | 'loki'>('prometheus', 'loki'),
        (prefix, levels, kind) => {
          const first = standardVariables({ levels });
          const second = standardVariables({ datasourceType: kind, levels, prefix });
          const names = second.all.map((v) => v.name);
          expect(names).toEqual(first.all.map((v) => `${prefix}${v.name}`));
          const { problems, json } = renderDashboard(
            dashboard('Two sets')
              .variable(...first.all, ...second.all)
              .parts(),
          );
          expect(problems).toEqual([]);
          // Every variable the second set references is one of its own.
          const text = JSON.stringify((json.templating!.list as unknown as Json[]).slice(first.all.length));
          for (const m of text.matchAll(/\$\{?(\w+)/g)) expect(names).toContain(m[1]);
        },
      ),
      { numRuns: 100, seed: 91 },
    );
  });

  it('GIVEN a prefix that cannot start a variable name WHEN built THEN it throws, naming it', () => {
    for (const bad of ['1x', 'a-b', 'has space', '$x']) expect(() => standardVariables({ prefix: bad })).toThrow(`standardVariables prefix "${bad}"`);
  });

  it('GIVEN two sets without a prefix WHEN built THEN validation reports the collision (why the prefix exists)', () => {
    const { problems } = renderDashboard(
      dashboard('Clash')
        .variable(...standardVariables().all, ...standardVariables({ datasourceType: 'loki' }).all)
        .parts(),
    );
    expect(problems.map((p) => p.message)).toContain('duplicate variable name "datasource"');
  });

  it('GIVEN a dashboard with a Prometheus set and a prefixed Loki set WHEN imported THEN both come back as standardVariables() calls and it builds back exactly', async () => {
    const metrics = standardVariables({ levels: ['namespace'] });
    const logSet = standardVariables({ datasourceType: 'loki', levels: ['namespace'], prefix: 'loki_', labelPrefix: 'Logs ' });
    const json = dashboard('Two sets')
      .uid('two-sets')
      .variable(...metrics.all, ...logSet.all)
      .panel(
        logs('Errors')
          .datasource(logSet.datasource)
          .target(loki(`${selector(logSet.matchers)} |= "error"`)),
      )
      .build();
    const imported = await importDashboard(json, { source: 'two-sets.json' });
    expect(imported.code).toContain("standardVariables({ levels: ['namespace'] })");
    expect(imported.code).toContain("standardVariables({ datasourceType: 'loki', levels: ['namespace'], prefix: 'loki_', labelPrefix: 'Logs ' })");
    expect(imported.exact, imported.differences.join('\n')).toBe(true);
    const { typeErrors, built } = await buildGenerated([imported]);
    expect(typeErrors).toEqual([]);
    expect(built[0]!.problems).toEqual([]);
  }, 60_000);
});
