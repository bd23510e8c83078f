import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Shape of the synthetic project. */
export interface SyntheticProject {
  dashboards: number;
  rowsPerDashboard: number;
  panelsPerRow: number;
}

const HELPER = `import { datasource, prometheus, timeseries, stat } from 'grafts';

export const prom = datasource('prometheus', 'prometheus');

export function requestRate(service: string, shard: number) {
  return timeseries(\`\${service} request rate (shard \${shard})\`)
    .datasource(prom)
    .unit('reqps')
    .target(prometheus(\`sum by (code) (rate(http_requests_total{service="\${service}", shard="\${shard}"}[5m]))\`).legend('{{code}}'));
}

export function errorRatio(service: string, shard: number) {
  return stat(\`\${service} error ratio (shard \${shard})\`)
    .datasource(prom)
    .unit('percentunit')
    .target(
      prometheus(
        \`sum(rate(http_requests_total{service="\${service}", shard="\${shard}", code=~"5.."}[5m])) / sum(rate(http_requests_total{service="\${service}", shard="\${shard}"}[5m]))\`,
      ),
    );
}
`;

function dashboardSource(index: number, shape: SyntheticProject): string {
  const service = `service-${String(index).padStart(4, '0')}`;
  const rows: string[] = [];
  let shard = 0;
  for (let r = 0; r < shape.rowsPerDashboard; r++) {
    const panels: string[] = [];
    for (let p = 0; p < shape.panelsPerRow; p++) {
      panels.push(`${p % 2 === 0 ? 'requestRate' : 'errorRatio'}(service, ${shard++})`);
    }
    rows.push(`    row('Row ${r + 1}').panel(\n      ${panels.join(',\n      ')},\n    ),`);
  }
  return `import { dashboard, row } from 'grafts';
import { requestRate, errorRatio } from '../lib/panels.ts';

const service = '${service}';

export default dashboard('Service ${service}')
  .tags('synthetic')
  .row(
${rows.join('\n')}
  );
`;
}

/** Writes the synthetic project into `dir` (dashboards/*.dash.ts + lib/panels.ts). */
export async function generateProject(dir: string, shape: SyntheticProject): Promise<void> {
  await mkdir(path.join(dir, 'dashboards'), { recursive: true });
  await mkdir(path.join(dir, 'lib'), { recursive: true });
  await writeFile(path.join(dir, 'lib', 'panels.ts'), HELPER);
  await Promise.all(
    Array.from({ length: shape.dashboards }, (_, i) =>
      writeFile(path.join(dir, 'dashboards', `svc-${String(i).padStart(4, '0')}.dash.ts`), dashboardSource(i, shape)),
    ),
  );
}
