import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DashConfig } from '../project/define-config.js';

/**
 * The project named in owner markers (see ownership.ts): `project` from `dash.config.ts`, else
 * the `name` in the project directory's package.json, else `''`. Two projects that share a
 * Grafana need different names; renaming a project makes its existing resources foreign
 * (conflicts, never deletes) until `project` is set to the old name.
 *
 * @example
 * projectIdentity({ project: 'shop-dashboards' }, '/repo') // → 'shop-dashboards'
 * projectIdentity({}, '/repo')                             // → the name in /repo/package.json, or ''
 */
export function projectIdentity(config: Pick<DashConfig, 'project'>, projectDir: string): string {
  if (config.project !== undefined) return config.project;
  try {
    const pkg: unknown = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
    const name = typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>)['name'] : undefined;
    return typeof name === 'string' ? name : '';
  } catch {
    return '';
  }
}
