import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isPlainObject } from '../../model/deep-merge.js';
import { parseRuleFile } from '../rules/parse-rule-file.js';
import { MixinImportError } from './mixin-import-error.js';

/** One dashboard of a rendered mixin. */
export interface RenderedDashboardFile {
  /** The file name under `dashboards_out/` (what the imported package writes back). */
  readonly file: string;
  /** Path relative to the mixin dir, for messages. */
  readonly source: string;
  readonly json: Record<string, unknown>;
}

/** A rule file of a rendered mixin. */
export interface RenderedRuleFile {
  /** Path relative to the mixin dir. */
  readonly source: string;
  readonly groups: unknown[];
}

/** What a rendered mixin directory holds. */
export interface RenderedMixinDir {
  readonly dir: string;
  readonly dashboards: readonly RenderedDashboardFile[];
  readonly alerts: RenderedRuleFile | undefined;
  readonly rules: RenderedRuleFile | undefined;
}

/** Where mixtool (and the corpus) put each part, first match wins. */
export const RENDERED_MIXIN_LAYOUT = Object.freeze({
  dashboards: ['dashboards_out', 'dashboards'],
  alerts: ['prometheus_alerts.yaml', 'alerts.yaml', 'prometheus_alerts.yml', 'alerts.yml'],
  rules: ['prometheus_rules.yaml', 'rules.yaml', 'prometheus_rules.yml', 'rules.yml'],
});

/**
 * Reads a rendered mixin: dashboards from `dashboards_out/` or `dashboards/` (`*.json`), alerts
 * from `prometheus_alerts.yaml` or `alerts.yaml`, recording rules from `prometheus_rules.yaml` or
 * `rules.yaml`. Every problem of every file is collected and thrown at once.
 *
 * @example
 * await readRenderedMixin('../shared/corpus/mixins/node-exporter')
 * // → { dashboards: [{ file: 'nodes.json', … }, …], alerts: { source: 'alerts.yaml', groups: [...] }, rules: {...} }
 *
 * @throws {MixinImportError} no such directory, nothing to import, invalid JSON or rule files.
 */
export async function readRenderedMixin(dir: string): Promise<RenderedMixinDir> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new MixinImportError([`${dir}: not a directory`]);
  const problems: string[] = [];

  const dashboards: RenderedDashboardFile[] = [];
  const dashboardDir = await firstExisting(dir, RENDERED_MIXIN_LAYOUT.dashboards, 'dir');
  if (dashboardDir) {
    const files = (await readdir(path.join(dir, dashboardDir))).filter((f) => f.endsWith('.json')).sort();
    for (const file of files) {
      const source = `${dashboardDir}/${file}`;
      try {
        const json: unknown = JSON.parse(await readFile(path.join(dir, source), 'utf8'));
        if (!isPlainObject(json)) problems.push(`${source}: not a dashboard (the top level must be an object)`);
        else dashboards.push({ file, source, json: isPlainObject(json['dashboard']) ? json['dashboard'] : json });
      } catch (error) {
        problems.push(`${source}: invalid JSON: ${(error as Error).message}`);
      }
    }
  }

  const ruleFile = async (names: readonly string[]): Promise<RenderedRuleFile | undefined> => {
    const name = await firstExisting(dir, names, 'file');
    if (!name) return undefined;
    try {
      return { source: name, groups: parseRuleFile(await readFile(path.join(dir, name), 'utf8'), name) };
    } catch (error) {
      problems.push((error as Error).message);
      return undefined;
    }
  };
  const alerts = await ruleFile(RENDERED_MIXIN_LAYOUT.alerts);
  const rules = await ruleFile(RENDERED_MIXIN_LAYOUT.rules);

  if (problems.length > 0) throw new MixinImportError(problems);
  if (!dashboardDir && !alerts && !rules) {
    throw new MixinImportError([
      `${dir}: no rendered mixin here (expected ${RENDERED_MIXIN_LAYOUT.dashboards.join('/ or ')}/, ${RENDERED_MIXIN_LAYOUT.alerts[0]} or ${RENDERED_MIXIN_LAYOUT.rules[0]})`,
    ]);
  }
  return { dir, dashboards, alerts, rules };
}

async function firstExisting(dir: string, names: readonly string[], kind: 'file' | 'dir'): Promise<string | undefined> {
  for (const name of names) {
    const info = await stat(path.join(dir, name)).catch(() => undefined);
    if (info && (kind === 'dir' ? info.isDirectory() : info.isFile())) return name;
  }
  return undefined;
}
