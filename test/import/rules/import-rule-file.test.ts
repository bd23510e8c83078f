import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importRuleFile } from '../../../lib/import/rules/import-rule-file.js';
import { RuleImportError } from '../../../lib/import/rules/rule-import-error.js';
import { tsString, tsTemplate, tsText } from '../../../lib/import/rules/ts-literal.js';
import { evaluateRuleModules, groupsOf } from './evaluate-rule-modules.js';

// Inputs that must come back exactly: each is imported, type-checked and evaluated (all in one
// program and one bundle), and the groups built again must equal the parsed input.
const ROUND_TRIP: Record<string, string> = {
  'plain.yaml': `
groups:
  - name: api
    interval: 30s
    rules:
      - alert: ApiDown
        expr: up{job="api"} == 0
        for: 5m
        keep_firing_for: 10m
        labels: { severity: critical, team: web }
        annotations:
          summary: The API is down.
          description: '{{ $labels.instance }} is down.'
          runbook_url: https://runbooks.example/ApiDown
          dashboard: https://grafana.example/d/api
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
        labels: { source: mixin }
`,
  'fields-without-builder.yaml': `
groups:
  - name: tenants
    limit: 10
    query_offset: 1m
    partial_response_strategy: warn
    source_tenants: [a, b]
    labels: { cluster: eu }
    rules:
      - alert: Paged
        expr: vector(1)
        labels: { severity: page }
        annotations: {}
        custom_field: { nested: [1, 2.5, true, null] }
      - record: r
        expr: vector(1)
        labels: {}
`,
  'hostile-strings.yaml': `
groups:
  - name: "\`); process.exit(1); (\`"
    rules:
      - alert: "Inject'); throw new Error('x'); //"
        expr: "x{a=\\"\`\${process.exit(1)}\`\\"} # \\\\ */ /*\\r\\n\\u2028\\u2029\\ud800 end\\n"
        annotations:
          summary: "\${1+1} \\\\\` */ </script> \\u0000 \\u001b[31m"
          description: "line 1\\r\\nline 2 \`\${x}\` \\\\n"
        labels:
          __proto__: polluted
          constructor: x
          "key with spaces": "v"
`,
  'odd-types.yaml': `
groups:
  - name: 42
    interval: 60
    rules:
      - alert: 7
        expr: 1
        for: 300
        labels: { severity: 3 }
        annotations: { summary: [a, b] }
      - record: x
      - alert: Big
        expr: vector(1e308) > .inf
        annotations: { value: .nan }
        weird: -.inf
  - name: no-rules
  - name: strange-rules
    rules: [just a string, { neither: alert nor record }, 3]
`,
  'empty.yaml': '',
  'null.yaml': 'null\n',
  'no-groups.yaml': '{}\n',
};

describe('importRuleFile', () => {
  it('writes groups the way a person would, with one constant per group and the list as default export', () => {
    // GIVEN a rule file with an alert and a recording rule
    const { fileName, code, notes } = importRuleFile(ROUND_TRIP['plain.yaml']!, { source: 'mixins/api/alerts.yaml' });

    // THEN the module reads like hand-written builder code
    expect(fileName).toBe('alerts.rules.ts');
    expect(notes).toEqual([]);
    expect(code).toContain("import { alertRule, recordingRule, ruleGroup, type RuleGroupBuilder } from 'grafts';");
    expect(code).toContain("export const api = ruleGroup('api')\n  .interval('30s')\n  .rule(\n    alertRule('ApiDown')");
    expect(code).toContain(".for('5m')\n      .keepFiringFor('10m')\n      .labels({ team: 'web' })\n      .severity('critical')");
    expect(code).toContain(".annotations({ dashboard: 'https://grafana.example/d/api' })\n      .summary('The API is down.')");
    expect(code).toContain(".runbookUrl('https://runbooks.example/ApiDown')");
    expect(code).toContain(
      "    recordingRule('job:http_requests:rate5m')\n      .expr('sum by (job) (rate(http_requests_total[5m]))')\n      .labels({ source: 'mixin' }),\n  );",
    );
    expect(code).toMatch(/const groups: RuleGroupBuilder\[\] = \[api\];\nexport default groups;\n$/);
  });

  it('keeps fields that have no builder method through $merge and says so', () => {
    // GIVEN a group with Thanos/Mimir fields and a rule with an unknown field
    const { code, notes } = importRuleFile(ROUND_TRIP['fields-without-builder.yaml']!, { source: 'x.yml' });

    // THEN limit uses its builder method, the rest is merged verbatim, and the notes name each place
    expect(code).toContain('.limit(10)');
    expect(code).toContain("query_offset: '1m'");
    expect(code).toContain("source_tenants: ['a', 'b']");
    expect(code).toContain(".labels({ severity: 'page' })");
    expect(notes).toEqual([
      'groups[0].rules[0]: annotations, custom_field kept through $merge (no builder method or unexpected type)',
      'groups[0].rules[1]: labels kept through $merge (no builder method or unexpected type)',
      'groups[0]: query_offset, partial_response_strategy, source_tenants, labels kept through $merge (no builder method)',
    ]);
  });

  it('builds every input back to the same rule file, hostile strings and odd types included, and the code type-checks', async () => {
    // GIVEN the inputs above / WHEN imported, type-checked and evaluated
    const names = Object.keys(ROUND_TRIP);
    const imported = names.map((name) => importRuleFile(ROUND_TRIP[name]!, { source: name }));
    const { problems, results } = await evaluateRuleModules(imported.map((m) => ({ file: m.fileName, code: m.code })));

    // THEN no type errors, nothing ran that the input smuggled in, and the groups are the same values
    expect(problems).toEqual([]);
    results.forEach((r, i) => {
      expect(groupsOf(r.doc), names[i]).toEqual(groupsOf(parse(ROUND_TRIP[names[i]!]!)));
    });
    const hostile = groupsOf(results[names.indexOf('hostile-strings.yaml')]!.doc)[0] as { rules: { labels: object }[] };
    expect(Object.getOwnPropertyNames(hostile.rules[0]!.labels)).toContain('__proto__');
    expect(Object.getPrototypeOf(hostile.rules[0]!.labels)).toBe(Object.prototype);
  }, 60_000);

  it('rejects what is not a rule file with the file and the place in it', () => {
    const cases: [string, string][] = [
      ['groups: [\n', 'bad.yaml: invalid YAML: '],
      ['- a\n- b\n', 'bad.yaml: not a Prometheus rule file'],
      ['groups: {}\n', 'bad.yaml › groups: must be a list of rule groups'],
      ['groups: []\nextra: 1\n', 'bad.yaml › extra: not a Prometheus rule file'],
      ['groups:\n  - just a string\n', 'bad.yaml › groups[0]: a rule group must be a mapping, got the string'],
      ['groups:\n  - name: g\n    name: h\n', 'bad.yaml: invalid YAML: Map keys must be unique'],
      [
        `a: &a [x, x, x, x, x, x, x, x, x, x]\n${'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n'}c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\ngroups: []\n`,
        'bad.yaml: invalid YAML',
      ],
      [`groups:\n  - name: g\n    deep: ${'['.repeat(150)}${']'.repeat(150)}\n    rules: []\n`, 'bad.yaml › groups[0].deep'],
      ['groups:\n  - name: g\n    __proto__: { x: 1 }\n    rules: []\n', 'bad.yaml › groups[0]: a key named __proto__ cannot be kept through $merge'],
    ];
    for (const [text, message] of cases) {
      // WHEN a broken file is imported / THEN a RuleImportError names the file and where
      let error: unknown;
      try {
        importRuleFile(text, { source: 'bad.yaml' });
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(RuleImportError);
      expect((error as Error).message, text).toContain(message);
    }
    // AND YAML that is no rule file at all (what a folder walk may skip) is told apart from a broken one
    const kindOf = (text: string) => {
      try {
        importRuleFile(text, { source: 'x.yaml' });
      } catch (e) {
        return (e as RuleImportError).kind;
      }
      return 'imported';
    };
    expect(['services:\n  web: {}\n', '- a\n', 'groups: []\nextra: 1\n', 'groups: {}\n', 'groups: [\n', '{}\n'].map(kindOf)).toEqual([
      'not-a-rule-file',
      'not-a-rule-file',
      'invalid',
      'invalid',
      'invalid',
      'imported',
    ]);
  });

  it('names the output after the input and keeps the banner and import path on one line', () => {
    const { fileName, code } = importRuleFile('groups: []\n', { source: 'odd\nname *.YML', importPath: "../lib'x" });
    expect(fileName).toBe('odd-name-.rules.ts');
    expect(code.split('\n').slice(0, 2)).toEqual(['// Imported from odd name *.YML by `dash import`.', "import { type RuleGroupBuilder } from '../lib\\'x';"]);
  });
});

describe('ts-literal', () => {
  it('escapes what would end or interpolate a literal', () => {
    expect(tsString("a'b\\c\n")).toBe("'a\\'b\\\\c\\n'");
    expect(tsTemplate('a`b${c}\\d\r\n')).toBe('`a\\`b\\${c}\\\\d\\u000d\n`');
    expect(tsTemplate('\ud83d\ude00 \ud800')).toBe('`\ud83d\ude00 \\ud800`');
    expect(tsText('up == 0\n')).toBe("'up == 0\\n'");
    expect(tsText('a\nb\n')).toBe('`a\nb\n`');
  });
});
