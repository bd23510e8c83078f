// Rule groups in plans: the deterministic cases of planRuleGroups, their text / markdown / JSON
// output, and the validation of `targets.<name>.rules`.
import { describe, expect, it } from 'vitest';
import type { RuleGroupJson } from '../../lib/mixin/rule-group.js';
import { validateConfig } from '../../lib/project/load-project.js';
import { formatPlanMarkdown, formatPlanText, planToJson } from '../../lib/sync/diff-format.js';
import { plan } from '../../lib/sync/plan.js';
import { planRuleGroups } from '../../lib/sync/rule-plan.js';
import type { RemoteRuleGroup, RuleGroupResource } from '../../lib/sync/rule-resources.js';
import { RulerTarget } from '../../lib/sync/rule-targets/ruler-target.js';

const NODE: RuleGroupJson = {
  name: 'node',
  rules: [
    { alert: 'NodeDown', expr: 'up{job="node"} == 0', for: '5m', labels: { severity: 'critical' } },
    { record: 'instance:cpu:rate5m', expr: 'sum by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))' },
  ],
};

function desired(namespace: string, group: RuleGroupJson): RuleGroupResource {
  return { kind: 'RuleGroup', namespace, group, source: 'dash.config.ts › mixins[0]' };
}

const EMPTY = { folders: [], dashboards: [], details: new Map() };

describe('planRuleGroups', () => {
  it('GIVEN a group stored with other formatting THEN it is unchanged; a changed threshold is an update naming the rule', () => {
    const reformatted: RemoteRuleGroup = {
      namespace: 'infra',
      group: {
        name: 'node',
        rules: [
          { alert: 'NodeDown', expr: 'up{job = "node"}  ==  0', for: '300s', labels: { severity: 'critical' } },
          { record: 'instance:cpu:rate5m', expr: 'sum by(instance)(\n  rate(node_cpu_seconds_total{mode!="idle"}[5m])\n)' },
        ],
      },
    };
    expect(planRuleGroups([desired('infra', NODE)], [reformatted]).steps.map((s) => s.action)).toEqual(['unchanged']);
    const changed = { ...NODE, rules: [{ ...NODE.rules[0]!, for: '10m' }, NODE.rules[1]!] };
    const [step] = planRuleGroups([desired('infra', changed)], [reformatted]).steps;
    expect(step).toMatchObject({ action: 'update', uid: 'infra/node', changes: ['~ NodeDown'] });
  });

  it('GIVEN an unmarked group with the desired name THEN conflict, and a forced update with --force', () => {
    const remote: RemoteRuleGroup = { namespace: 'infra', group: NODE, managed: false };
    expect(planRuleGroups([desired('infra', NODE)], [remote]).steps[0]).toMatchObject({ action: 'conflict' });
    expect(planRuleGroups([desired('infra', NODE)], [remote], { force: true }).steps[0]).toMatchObject({ action: 'update', forced: true });
  });

  it('GIVEN remote groups the code does not declare THEN only owned ones are orphans or, with prune, deleted', () => {
    const remote: RemoteRuleGroup[] = [
      { namespace: 'infra', group: { name: 'old', rules: NODE.rules } }, // declared namespace: owned
      { namespace: 'other', group: { name: 'theirs', rules: NODE.rules } }, // not owned
      { namespace: 'legacy', group: { name: 'gone', rules: NODE.rules } }, // owned through ownsNamespace
      { namespace: 'files', group: { name: 'hand', rules: NODE.rules }, managed: false }, // unmarked file
    ];
    const owns = (ns: string) => ns === 'legacy' || ns === 'files';
    const kept = planRuleGroups([desired('infra', NODE)], remote, { ownsNamespace: owns });
    expect(kept.orphans.map((o) => o.uid)).toEqual(['infra/old', 'legacy/gone']);
    const pruned = planRuleGroups([desired('infra', NODE)], remote, { ownsNamespace: owns, prune: true });
    expect(pruned.steps.map((s) => `${s.action} ${s.uid}`)).toEqual(['create infra/node', 'delete infra/old', 'delete legacy/gone']);
  });
});

describe('rule groups in the plan output', () => {
  const p = plan(
    { folders: [], dashboards: [], ruleGroups: [desired('infra', { ...NODE, rules: [{ ...NODE.rules[0]!, for: '10m' }] })] },
    {
      ...EMPTY,
      ruleGroups: [
        { namespace: 'infra', group: NODE },
        { namespace: 'infra', group: { name: 'stale', rules: NODE.rules } },
      ],
    },
    { notes: ['3 recording rules are not applied'] },
  );

  it('text: a headline with the rule changes, a YAML diff, orphans and notes', () => {
    const text = formatPlanText(p, 'mimir');
    expect(text).toContain('~ rule group infra/node: update (~ NodeDown, - instance:cpu:rate5m)');
    expect(text).toContain('--- remote/infra/node.yaml');
    expect(text).toContain('-    for: 5m');
    expect(text).toContain('+    for: 10m');
    expect(text).toContain('deleted with --prune): rule group infra/stale');
    expect(text).toContain('note: 3 recording rules are not applied');
    expect(text).toContain('Plan for mimir: 0 to create, 1 to update, 0 to move, 0 to delete, 0 unchanged, 0 conflicts');
  });

  it('markdown: a rule groups column and a diff block; JSON: the namespace and diff', () => {
    const md = formatPlanMarkdown(p, 'mimir');
    expect(md).toContain('| | Folders | Dashboards | Rule groups |');
    expect(md).toContain('| ~ update | 0 | 0 | 1 |');
    expect(md).toContain('update rule group <code>infra/node</code>');
    const json = planToJson(p, 'mimir');
    expect(json.steps).toEqual([
      expect.objectContaining({ kind: 'RuleGroup', action: 'update', namespace: 'infra', uid: 'infra/node', changes: ['~ NodeDown', '- instance:cpu:rate5m'] }),
    ]);
    expect(json.steps[0]!.diff).toContain('+    for: 10m');
    expect(json.notes).toEqual(['3 recording rules are not applied']);
  });
});

describe('targets.<name>.rules validation', () => {
  it('GIVEN a ruler flavor, spelled flavor or flavour WHEN validated THEN a bad value is named under the key it was given', () => {
    const messageOf = (rules: Record<string, unknown>): string[] => {
      try {
        validateConfig(
          {
            targets: { a: { type: 'grafana', url: 'https://g.example.com', tokenEnv: 'T', rules: { type: 'ruler', url: 'https://m.example.com', ...rules } } },
          },
          'dash.config.ts',
        );
        return [];
      } catch (e) {
        return (e as Error).message.split('\n');
      }
    };
    expect(messageOf({ flavor: 'loki' })).toEqual([]);
    expect(messageOf({ flavour: 'loki' })).toEqual([]);
    expect(messageOf({ flavor: 'thanos' })).toEqual(["dash.config.ts: targets.a.rules.flavor: must be one of 'mimir', 'cortex', 'loki', got \"thanos\""]);
  });

  it('lists every mistake with its key path and never repeats a literal secret', () => {
    const config = {
      targets: {
        a: {
          type: 'grafana',
          url: 'https://g.example.com',
          tokenEnv: 'T',
          rules: { type: 'ruler', url: 'ftp://x', key: 'glc_secret_value_123', flavour: 'thanos', owns: 'infra' },
        },
        b: { type: 'files', dir: 'out', rules: { type: 'grafana-alerting', datasourceUid: 'prom' } },
        c: { type: 'files', dir: 'out', rules: { type: 'cloud' } },
      },
      ruleNamespace: 42,
    };
    const error = (() => {
      try {
        validateConfig(config, 'dash.config.ts');
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message.split('\n').filter((l) => l.includes('rules') || l.includes('ruleNamespace'))).toEqual([
      'dash.config.ts: "ruleNamespace" must be a pattern like "{mixin}" or a map from mixin name to namespace, got 42',
      'dash.config.ts: targets.a.rules.key: a literal key does not belong in a committed file: put it in an environment variable and name it with keyEnv',
      'dash.config.ts: targets.a.rules.url: must be an absolute http(s) URL, got "ftp://x"',
      "dash.config.ts: targets.a.rules.flavour: must be one of 'mimir', 'cortex', 'loki', got \"thanos\"",
      'dash.config.ts: targets.a.rules.owns: must be an array of namespace globs, got "infra"',
      "dash.config.ts: targets.b.rules.type: 'grafana-alerting' needs a target of type 'grafana'",
      "dash.config.ts: targets.c.rules.type: must be 'ruler', 'grafana-ruler-proxy', 'rule-files', 'grafana-alerting' or 'none', got \"cloud\"",
    ]);
    expect(error?.message).not.toContain('glc_secret_value_123');
  });
});

describe('a ruler with a namespace filter', () => {
  it('leaves out desired groups outside the filter with a note, instead of a create that would fail', () => {
    const ruler = new RulerTarget({ url: 'http://127.0.0.1:9', namespaces: { include: ['infra-*'] } });
    const adapted = ruler.adapt([desired('infra-node', NODE), desired('apps', NODE)]);
    expect(adapted.groups.map((g) => g.namespace)).toEqual(['infra-node']);
    expect(adapted.notes).toEqual(['rule groups in namespace "apps" are not applied: outside this ruler\'s namespaces (include infra-*)']);
  });
});
