import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

/** A helper shared by some dashboards of {@link watchProject}. */
export const HELPER = (suffix = '') => `import { prometheus, timeseries } from 'grafts';

export function rate(service: string) {
  return timeseries(\`\${service} request rate${suffix}\`).target(prometheus(\`sum(rate(http_requests_total{service="\${service}"}[5m]))\`));
}
`;

/** A dashboard entry using the helper (or not). */
export function dashboardSource(name: string, options: { title?: string; helper?: boolean; folder?: string } = {}): string {
  const title = options.title ?? `Service ${name}`;
  const panel =
    options.helper === false ? `timeseries('${name} errors').target(prometheus('sum(rate(errors_total{service="${name}"}[5m]))'))` : `rate('${name}')`;
  return [
    `import { dashboard, ${options.folder ? 'folder, ' : ''}prometheus, row, timeseries } from 'grafts';`,
    options.helper === false ? '' : `import { rate } from '../lib/helpers.ts';`,
    '',
    `export default dashboard('${title}')`,
    `  .uid('${name}')`,
    options.folder ? `  .folder(folder('${options.folder}'))` : '',
    `  .row(row('Traffic').panel(${panel}, timeseries('${name} latency').target(prometheus('histogram_quantile(0.99, rate(x_bucket[5m]))'))));`,
    '',
  ]
    .filter((l, i, all) => l !== '' || i === 2 || i === all.length - 1)
    .join('\n');
}

/** A temp project: `a` and `b` use lib/helpers.ts, `c` does not. Removed when the test ends. */
export function watchProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grafts-watch-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  write(dir, 'lib/helpers.ts', HELPER());
  write(dir, 'dashboards/a.dash.ts', dashboardSource('a'));
  write(dir, 'dashboards/b.dash.ts', dashboardSource('b'));
  write(dir, 'dashboards/c.dash.ts', dashboardSource('c', { helper: false }));
  return dir;
}

export function write(dir: string, rel: string, text: string): void {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
