import { mkdir, readdir, readFile, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ResolvedAlerting } from '../alerting/alerting-config.js';
import type { KnownSecret } from '../alerting/alertmanager-redact.js';
import { secretRefsOf } from '../alerting/mimir-alertmanager.js';
import { alertmanagerTemplateFiles, DEFAULT_SECRETS_DIR, renderAlertmanagerConfig, TEMPLATES_DIR } from '../alerting/render-alertmanager.js';
import { GraftsError } from '../errors/grafts-error.js';
import { isPlainObject } from '../model/deep-merge.js';
import { toYaml } from '../render/to-yaml.js';
import { writeAtomic } from '../util/write-atomic.js';
import {
  alertmanagerMarkerText,
  parseAlertmanagerMarker,
  type AlertmanagerMarker,
  type DesiredAlertmanager,
  type StoredAlertmanager,
} from './alertmanager-plan.js';
import { RulerError, ALERTMANAGER_CONFIG_API, type RulerTarget } from './rule-targets/ruler-target.js';

/**
 * Where a project's Alertmanager configuration goes: a Mimir/Cortex tenant, or a file beside the
 * file target's dashboards. Implementations do I/O only; errors never hold a secret.
 */
export interface AlertmanagerDestination {
  /** Safe to print. */
  readonly description: string;
  /** The configuration in this destination's form (`where` starts problem paths, e.g. `['dash.config.ts', 'alerting']`). */
  desired(alerting: ResolvedAlerting, where: readonly string[]): DesiredAlertmanager;
  /** What the destination holds, or undefined when it has no configuration. */
  read(): Promise<StoredAlertmanager | undefined>;
  write(desired: DesiredAlertmanager, marker: AlertmanagerMarker): Promise<void>;
  remove(): Promise<void>;
}

/** The template file that carries grafts' marker on Mimir (a Go template comment: it renders nothing). */
export const MIMIR_MARKER_TEMPLATE = 'grafts-managed.tmpl';

/**
 * A Mimir/Cortex tenant's Alertmanager (`/api/v1/alerts` on the ruler's URL, with its tenant and
 * credentials, as mimirtool does). Mimir refuses `*_file` settings, so secrets are read from the
 * environment and sent; the marker is a template file holding only a comment.
 *
 * @example
 * new MimirAlertmanagerDestination(rulerTargetFromEnv(process.env), process.env).description
 * // → 'mimir alertmanager http://mimir:8080/api/v1/alerts (tenant ops)'
 */
export class MimirAlertmanagerDestination implements AlertmanagerDestination {
  readonly description: string;

  constructor(
    private readonly ruler: RulerTarget,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {
    this.description = ruler.describeAlertmanager();
  }

  desired(alerting: ResolvedAlerting, where: readonly string[]): DesiredAlertmanager {
    const config = renderAlertmanagerConfig(alerting, { secrets: { kind: 'env', env: this.env }, templates: 'inline', where });
    const secrets: KnownSecret[] = [];
    for (const ref of secretRefsOf(alerting.contactPoints)) {
      const value = this.env[ref.env];
      if (value !== undefined && !secrets.some((s) => s.env === ref.env)) secrets.push({ env: ref.env, value });
    }
    return { config, templates: alertmanagerTemplateFiles(alerting), secrets };
  }

  async read(): Promise<StoredAlertmanager | undefined> {
    const text = await this.ruler.readAlertmanagerConfig();
    if (text === undefined) return undefined;
    const wrongShape = (detail: string) =>
      new RulerError({
        kind: 'protocol',
        url: this.ruler.url,
        method: 'GET',
        path: ALERTMANAGER_CONFIG_API,
        detail,
        suggestion: 'is this a Mimir or Cortex with its Alertmanager enabled?',
      });
    let body: unknown;
    try {
      body = parseYaml(text);
    } catch {
      throw wrongShape('the answer is not YAML');
    }
    if (!isPlainObject(body) || typeof body['alertmanager_config'] !== 'string')
      throw wrongShape('the answer is not an Alertmanager configuration ({ alertmanager_config, template_files })');
    const files = body['template_files'] ?? {};
    if (!isPlainObject(files) || !Object.values(files).every((v) => typeof v === 'string'))
      throw wrongShape('template_files is not a map of file names to text');
    let config: unknown;
    try {
      config = parseYaml(body['alertmanager_config']) ?? {};
    } catch {
      throw wrongShape('alertmanager_config is not YAML');
    }
    const { [MIMIR_MARKER_TEMPLATE]: markerFile, ...templates } = files as Record<string, string>;
    const marker = markerFile === undefined ? undefined : parseAlertmanagerMarker(markerFile);
    return { config, templates, ...(marker && { marker }) };
  }

  async write(desired: DesiredAlertmanager, marker: AlertmanagerMarker): Promise<void> {
    const body = toYaml({
      template_files: { ...desired.templates, [MIMIR_MARKER_TEMPLATE]: `{{/* ${alertmanagerMarkerText(marker)} */}}\n` },
      alertmanager_config: toYaml(desired.config),
    });
    await this.ruler.saveAlertmanagerConfig(
      body,
      desired.secrets.map((s) => s.value),
    );
  }

  remove(): Promise<void> {
    return this.ruler.deleteAlertmanagerConfig();
  }
}

/** Where the file target writes the Alertmanager configuration, relative to its folder. */
export const ALERTMANAGER_FILE = path.join('alertmanager', 'alertmanager.yaml');

/**
 * A plain Alertmanager's configuration as files beside a file target's dashboards:
 * `<dir>/alertmanager/alertmanager.yaml` (what `dash build` writes: secrets as `*_file` paths
 * under `secretsDir`, valid for `amtool check-config`) and `<dir>/alertmanager/templates/*.tmpl`.
 * The marker is the file's first line, a YAML comment. Every file is written atomically.
 *
 * @example
 * new FileAlertmanagerDestination('/repo/grafana-provisioning', '/etc/alertmanager/secrets').description
 * // → 'alertmanager/alertmanager.yaml'
 */
export class FileAlertmanagerDestination implements AlertmanagerDestination {
  readonly description = ALERTMANAGER_FILE.split(path.sep).join('/');
  readonly #file: string;
  readonly #templates: string;

  constructor(
    dir: string,
    private readonly secretsDir: string = DEFAULT_SECRETS_DIR,
  ) {
    this.#file = path.join(dir, ALERTMANAGER_FILE);
    this.#templates = path.join(path.dirname(this.#file), TEMPLATES_DIR);
  }

  desired(alerting: ResolvedAlerting, where: readonly string[]): DesiredAlertmanager {
    return {
      config: renderAlertmanagerConfig(alerting, { secrets: { kind: 'files', dir: this.secretsDir }, where }),
      templates: alertmanagerTemplateFiles(alerting),
      secrets: [],
    };
  }

  async read(): Promise<StoredAlertmanager | undefined> {
    const text = await readFile(this.#file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (text === undefined) return undefined;
    let config: unknown;
    try {
      config = parseYaml(text) ?? {};
    } catch (error) {
      throw new GraftsError(`${this.description}: not YAML: ${(error as Error).message.split('\n')[0]}`, {
        hint: 'fix the file, or delete it and apply again',
      });
    }
    const firstLine = text.split('\n', 1)[0] ?? '';
    const marker = firstLine.startsWith('#') ? parseAlertmanagerMarker(firstLine) : undefined;
    const templates: Record<string, string> = {};
    const names = await readdir(this.#templates).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const name of names.filter((n) => n.endsWith('.tmpl')).sort()) templates[name] = await readFile(path.join(this.#templates, name), 'utf8');
    return { config, templates, ...(marker && { marker }) };
  }

  async write(desired: DesiredAlertmanager, marker: AlertmanagerMarker): Promise<void> {
    await mkdir(path.dirname(this.#file), { recursive: true });
    const names = Object.keys(desired.templates);
    if (names.length > 0) await mkdir(this.#templates, { recursive: true });
    for (const [name, contents] of Object.entries(desired.templates)) await writeAtomic(path.join(this.#templates, name), contents);
    await this.#removeTemplates((name) => !names.includes(name));
    // Written last: the configuration never names a template that is not there yet.
    await writeAtomic(this.#file, `# ${alertmanagerMarkerText(marker)}\n${toYaml(desired.config)}`);
  }

  async remove(): Promise<void> {
    await unlink(this.#file).catch(ignoreMissing);
    await this.#removeTemplates(() => true);
    await rmdir(this.#templates).catch(() => undefined);
    await rmdir(path.dirname(this.#file)).catch(() => undefined);
  }

  async #removeTemplates(which: (name: string) => boolean): Promise<void> {
    const names = await readdir(this.#templates).catch(() => [] as string[]);
    for (const name of names) if (name.endsWith('.tmpl') && which(name)) await unlink(path.join(this.#templates, name)).catch(ignoreMissing);
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
