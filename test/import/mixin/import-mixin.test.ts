import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importMixin } from '../../../lib/import/mixin/import-mixin.js';
import { MixinImportError } from '../../../lib/import/mixin/mixin-import-error.js';
import { readRenderedMixin } from '../../../lib/import/mixin/read-rendered-mixin.js';
import { loadMixinTargets } from '../../../lib/mixin-tools/load-mixin-targets.js';
import { runMixinBuild } from '../../../lib/mixin-tools/run-mixin-build.js';
import { buildBackDifferences } from './build-imported-mixins.js';

// A small rendered mixin in mixtool's layout, written by hand for these tests.
const RENDERED: Record<string, string> = {
  'prometheus_alerts.yaml': `groups:
  - name: shop
    rules:
      - alert: ShopDown
        expr: up{job="shop"} == 0
        for: 5m
        labels: { severity: critical }
        annotations: { summary: The shop is down. }
      - alert: ShopErrors
        expr: |
          sum(rate(http_requests_total{job="shop", code=~"5.."}[5m]))
            / sum(rate(http_requests_total{job="shop"}[5m])) > 0.05
        keep_firing_for: 10m
        labels: { severity: warning }
`,
  'prometheus_rules.yaml': `groups:
  - name: shop.rules
    interval: 1m
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total{job="shop"}[5m]))
`,
  'dashboards_out/shop-overview.json': JSON.stringify({
    uid: 'shop-overview',
    title: 'Shop overview',
    tags: ['shop'],
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus', regex: 'prod-.*', current: { text: 'default', value: 'default' } },
        {
          name: 'instance',
          type: 'query',
          datasource: { type: 'prometheus', uid: '${datasource}' },
          query: 'label_values(up{job="shop"}, instance)',
          refresh: 2,
        },
      ],
    },
    panels: [
      {
        type: 'timeseries',
        title: 'Requests',
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        datasource: { type: 'prometheus', uid: '${datasource}' },
        targets: [{ refId: 'A', expr: 'sum(rate(http_requests_total{job="shop", instance=~"$instance"}[$__rate_interval]))' }],
      },
      {
        type: 'stat',
        title: 'Up',
        gridPos: { x: 12, y: 0, w: 12, h: 8 },
        datasource: { type: 'prometheus', uid: '${datasource}' },
        targets: [{ refId: 'A', expr: 'sum(up{job="shop"})' }],
      },
    ],
  }),
};

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-import-mixin-'));
  temps.push(dir);
  return dir;
}
function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

describe('importMixin', () => {
  it('writes a mixin package whose config lifts the repeated selector, and which builds back to the same files', async () => {
    // GIVEN a rendered mixin whose queries all select job="shop"
    const root = tempDir();
    const input = path.join(root, 'shop-mixin');
    writeTree(input, RENDERED);

    // WHEN it is imported
    const out = path.join(root, 'packages', 'shop');
    const result = await importMixin(input, { outDir: out });

    // THEN the package has the expected files, a typed config and a manifest dash mixin understands
    expect(result.name).toBe('shop-mixin');
    expect(result.files).toEqual(['README.md', 'alerts.ts', 'config.ts', 'dashboards/shop-overview.ts', 'index.ts', 'package.json', 'rules.ts']);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toContain(
      '| `selector` | `job="shop"` | the label matcher the alerts, rules and dashboards select on (7 of 7) |',
    );
    expect(result.config).toEqual([
      { key: 'selector', value: 'job="shop"', what: 'the label matcher the alerts, rules and dashboards select on', count: 7, of: 7 },
      { key: 'datasource', value: 'default', what: 'the Prometheus data source the dashboards select by default', count: 1, of: 1 },
      { key: 'datasourceRegex', value: 'prod-.*', what: 'the regex limiting the Prometheus data sources the dashboards offer', count: 1, of: 1 },
    ]);
    const pkg = JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8')) as { name: string; grafts: unknown };
    expect(pkg.name).toBe('mixin-shop-mixin');
    expect(pkg.grafts).toEqual({ mixin: './dist/index.js', source: './index.ts' });
    const alerts = readFileSync(path.join(out, 'alerts.ts'), 'utf8');
    expect(alerts).toContain('export function alerts(c: Readonly<ShopMixinConfig>): RuleGroupBuilder[] {');
    expect(alerts).toContain('.expr(`up{${c.selector}} == 0`)');
    expect(readFileSync(path.join(out, 'config.ts'), 'utf8')).toContain(`selector: 'job="shop"',`);
    expect(readFileSync(path.join(out, 'index.ts'), 'utf8')).toContain("'shop-overview.json': shopOverview(c),");

    // AND dash mixin build of the package writes the same dashboards and rule files
    const built = await runMixinBuild({ cwd: out, outDir: path.join(root, 'built') });
    expect(built.mixins[0]!.files.sort()).toEqual(['dashboards_out/shop-overview.json', 'prometheus_alerts.yaml', 'prometheus_rules.yaml']);
    const rebuilt = new Map(built.mixins[0]!.files.map((f) => [f, readFileSync(path.join(root, 'built', f), 'utf8')]));
    expect(buildBackDifferences(await readRenderedMixin(input), { files: rebuilt })).toEqual([]);

    // AND the lifted selector is config: overriding it changes alerts, rules and dashboards alike
    const { mixins } = await loadMixinTargets({ cwd: out });
    const rendered = mixins[0]!.mixin.config({ selector: 'job="shop-eu"', datasourceRegex: 'eu-.*' }).render();
    expect(rendered.dashboards[0]!.json.templating?.list?.[0]).toMatchObject({ name: 'datasource', regex: 'eu-.*', current: { value: 'default' } });
    const exprs = JSON.stringify([rendered.alerts, rendered.rules, rendered.dashboards.map((d) => d.json)]);
    expect(exprs).not.toContain('job=\\"shop\\"');
    // (7 queries hold it; a variable's query may be rendered twice, as `query` and `definition`)
    expect(exprs.split('job=\\"shop-eu\\"').length - 1).toBeGreaterThanOrEqual(7);
  }, 60_000);

  it('refuses a non-empty output folder unless forced, and then replaces only its own files', async () => {
    const root = tempDir();
    writeTree(path.join(root, 'in'), { 'prometheus_rules.yaml': RENDERED['prometheus_rules.yaml']! });
    writeTree(path.join(root, 'out'), { 'keep.txt': 'mine', 'rules.ts': 'old' });

    // WHEN importing over it without force / THEN an error and nothing written
    await expect(importMixin(path.join(root, 'in'), { outDir: path.join(root, 'out') })).rejects.toThrow(/already exists and is not empty \(use --force/);
    expect(readdirSync(path.join(root, 'out')).sort()).toEqual(['keep.txt', 'rules.ts']);

    // WHEN forced as a dry run / THEN the files are listed and nothing is written
    const dry = await importMixin(path.join(root, 'in'), { outDir: path.join(root, 'out'), force: true, dryRun: true });
    expect(dry.files).toEqual(['README.md', 'config.ts', 'index.ts', 'package.json', 'rules.ts']);
    expect(readFileSync(path.join(root, 'out', 'rules.ts'), 'utf8')).toBe('old');

    // WHEN forced / THEN the package files are written and other files kept
    await importMixin(path.join(root, 'in'), { outDir: path.join(root, 'out'), force: true });
    expect(readdirSync(path.join(root, 'out')).sort()).toEqual(['README.md', 'config.ts', 'index.ts', 'keep.txt', 'package.json', 'rules.ts']);
    expect(readFileSync(path.join(root, 'out', 'keep.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(root).sort()).toEqual(['in', 'out']);
  });

  it('reports every broken input file at once and writes nothing', async () => {
    const root = tempDir();
    writeTree(path.join(root, 'in'), { 'dashboards/a.json': '{ nope', 'dashboards/b.json': '[1]', 'alerts.yaml': 'groups: {}\n', 'rules.yaml': 'groups: [\n' });
    const error = await importMixin(path.join(root, 'in'), { outDir: path.join(root, 'out') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MixinImportError);
    expect((error as MixinImportError).problems).toEqual([
      expect.stringMatching(/^dashboards\/a\.json: invalid JSON: /),
      'dashboards/b.json: not a dashboard (the top level must be an object)',
      'alerts.yaml › groups: must be a list of rule groups',
      expect.stringMatching(/^rules\.yaml: invalid YAML: /),
    ]);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
    expect(readdirSync(root)).toEqual(['in']);

    await expect(importMixin(path.join(root, 'missing'), { outDir: path.join(root, 'out') })).rejects.toThrow(/missing: not a directory/);
    mkdirSync(path.join(root, 'empty'));
    await expect(importMixin(path.join(root, 'empty'), { outDir: path.join(root, 'out') })).rejects.toThrow(/no rendered mixin here/);
  });
});
