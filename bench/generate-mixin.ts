/**
 * Writes a synthetic mixin package the size of kubernetes-mixin (23 dashboards, 254 panels,
 * 65 alerts, 71 recording rules) for `npm run bench`: package.json with `grafts.source`, and
 * index.ts built with the grafts API, so `dash mixin build <dir>` loads it like a real package.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface MixinSize {
  dashboards: number;
  panels: number;
  alerts: number;
  rules: number;
}

/** kubernetes-mixin as rendered (reference/mixins.md). */
export const KUBERNETES_MIXIN_SIZE: MixinSize = { dashboards: 23, panels: 254, alerts: 65, rules: 71 };

export async function generateMixin(dir: string, size: MixinSize = KUBERNETES_MIXIN_SIZE): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-mixin', version: '0.0.0', type: 'module', grafts: { mixin: './dist/index.js', source: './index.ts' } }, null, 2),
  );
  const source = `import { alertRule, computed, dashboard, datasourceVariable, defineMixin, labelValues, prometheus, queryVariable, recordingRule, row, ruleGroup, timeseries } from 'grafts';

interface Config { selector: string; runbookUrlPattern: string; rateInterval: string; clusterLabel: string; groupBy: string }
const SIZE = ${JSON.stringify(size)};

export default defineMixin<Config>({
  name: 'bench',
  defaults: {
    selector: 'job="kube-state-metrics"',
    runbookUrlPattern: 'https://runbooks.example.com/%s',
    rateInterval: '5m',
    clusterLabel: 'cluster',
    groupBy: computed((c: Config) => \`\${c.clusterLabel}, namespace\`),
  },
  dashboards: (c) => {
    const ds = datasourceVariable('datasource', 'prometheus');
    const job = queryVariable('job').datasource(ds).query(labelValues('up', 'job')).multi().includeAll({ allValue: '.+' }).refresh('time-range-change');
    const instance = queryVariable('instance').datasource(ds).query(labelValues(\`up{job=~"\${job}"}\`, 'instance')).multi().includeAll({ allValue: '.+' }).refresh('time-range-change');
    return Array.from({ length: SIZE.dashboards }, (_, d) => {
      const panels = Math.floor(SIZE.panels / SIZE.dashboards) + (d < SIZE.panels % SIZE.dashboards ? 1 : 0);
      const rows = Array.from({ length: Math.ceil(panels / 4) }, (_, r) =>
        row(\`Row \${r + 1}\`).panel(
          ...Array.from({ length: Math.min(4, panels - r * 4) }, (_, p) =>
            timeseries(\`Panel \${r * 4 + p + 1}\`)
              .datasource(ds)
              .unit('short')
              .target(prometheus(\`sum by (\${c.groupBy}) (rate(metric_\${d}_\${r}_\${p}_total{\${c.selector}, job=~"\${job}", instance=~"\${instance}"}[$__rate_interval]))\`).legend('{{namespace}}')),
          ),
        ),
      );
      return dashboard(\`Bench \${d + 1}\`).uid(\`bench-\${d + 1}\`).variable(ds, job, instance).row(...rows);
    });
  },
  alerts: (c) => {
    const alerts = Array.from({ length: SIZE.alerts }, (_, i) =>
      alertRule(\`BenchAlert\${String.fromCharCode(65 + (i % 26))}\${String.fromCharCode(65 + Math.floor(i / 26))}x\`)
        .expr(\`sum by (\${c.groupBy}) (rate(errors_\${i}_total{\${c.selector}}[\${c.rateInterval}])) > 0.\${i + 1}\`)
        .for('15m')
        .severity(i % 3 === 0 ? 'critical' : 'warning')
        .summary('Something is wrong.')
        .description(\`{{ $labels.namespace }} has {{ $value }} errors (alert \${i}).\`)
        .runbookUrl(c.runbookUrlPattern.replace('%s', \`bench-\${i}\`)),
    );
    return Array.from({ length: Math.ceil(SIZE.alerts / 20) }, (_, g) => ruleGroup(\`bench-alerts-\${g}\`).rule(...alerts.slice(g * 20, g * 20 + 20)));
  },
  rules: (c) => {
    const rules = Array.from({ length: SIZE.rules }, (_, i) => recordingRule(\`namespace:metric_\${i}:rate5m\`).expr(\`sum by (\${c.groupBy}) (rate(metric_\${i}_total{\${c.selector}}[5m]))\`));
    return Array.from({ length: Math.ceil(SIZE.rules / 20) }, (_, g) => ruleGroup(\`bench-rules-\${g}\`).rule(...rules.slice(g * 20, g * 20 + 20)));
  },
});
`;
  await writeFile(path.join(dir, 'index.ts'), source);
}
