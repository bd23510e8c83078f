import { ValidationError, type Problem } from '../model/validation-error.js';
import { isMixin, type Mixin, type RenderedMixin } from './define-mixin.js';
import { MIXIN_FILES, mixinFiles, type MixinFile } from './mixin-files.js';

/** A mixin to render and where it comes from (for problem paths), e.g. `['dash.config.ts', 'mixins[0]']`. */
export interface MixinToRender {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Mixin<C> is not assignable to Mixin<object>: any config
  readonly mixin: Mixin<any>;
  readonly where: readonly string[];
}

/** A mixin rendered to mixtool's files, with counts for summaries. */
export interface RenderedMixinFiles {
  readonly name: string;
  readonly rendered: RenderedMixin;
  /**
   * The deployable files, relative to the mixin's output folder: `dashboards_out/x.json`,
   * `prometheus_alerts.yaml`, `prometheus_rules.yaml` (not the promtool tests: a rules folder
   * loaded by glob must not pick them up).
   */
  readonly files: readonly MixinFile[];
  readonly counts: { readonly dashboards: number; readonly alerts: number; readonly rules: number; readonly tests: number };
}

/**
 * Renders mixins for output: each one's problems (invalid dashboards, overrides naming nothing,
 * config errors, exceptions thrown by its functions) are collected with `where` in front, and
 * two mixins with the same name (they would write the same folder) are a problem too. Throws one
 * {@link ValidationError} with every problem; returns the mixins in order otherwise.
 *
 * @example
 * renderMixins([{ mixin: nodeExporter.dropAlert('NodeClockSkewDetected'), where: ['dash.config.ts', 'mixins[0]'] }])
 * // → [{ name: 'node-exporter', files: [{ path: 'dashboards_out/nodes.json', … }, …], counts: { dashboards: 2, alerts: 25, rules: 15, tests: 3 } }]
 */
export function renderMixins(mixins: readonly MixinToRender[]): RenderedMixinFiles[] {
  const problems: Problem[] = [];
  const out: RenderedMixinFiles[] = [];
  const names = new Map<string, string>();
  for (const { mixin, where } of mixins) {
    if (!isMixin(mixin)) {
      problems.push({ path: [...where], message: 'not a mixin (use defineMixin(...) or a mixin package’s default export)' });
      continue;
    }
    const other = names.get(mixin.name);
    if (other !== undefined) {
      problems.push({ path: [...where], message: `two mixins are named "${mixin.name}" (also ${other}); their output folders would clash` });
    }
    names.set(mixin.name, where.join(' › '));
    try {
      const rendered = mixin.render();
      const files = mixinFiles(rendered).filter((f) => f.path !== MIXIN_FILES.tests);
      const count = (groups: RenderedMixin['alerts']['groups']) => groups.reduce((n, g) => n + g.rules.length, 0);
      out.push({
        name: mixin.name,
        rendered,
        files,
        counts: {
          dashboards: rendered.dashboards.length,
          alerts: count(rendered.alerts.groups),
          rules: count(rendered.rules.groups),
          tests: rendered.tests.length,
        },
      });
    } catch (error) {
      problems.push(...problemsOf(error, [...where, `mixin "${mixin.name}"`]));
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return out;
}

function problemsOf(error: unknown, where: string[]): Problem[] {
  if (error instanceof Error && error.name === 'ValidationError' && Array.isArray((error as ValidationError).problems)) {
    // Mixin.render paths start with `mixin "<name>"`, already in `where`.
    return (error as ValidationError).problems.map((p) => ({
      path: [...where, ...p.path.filter((segment, i) => !(i === 0 && segment === where[where.length - 1]))],
      message: p.message,
    }));
  }
  if (error instanceof Error && error.name === 'MixinConfigError') {
    return [{ path: where, message: error.message.replace(/^mixin "[^"]*": /, '') }];
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return [{ path: where, message: `render threw ${message}` }];
}
