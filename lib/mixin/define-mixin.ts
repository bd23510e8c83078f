import type { Dashboard } from '../generated/index.js';
import { isDashboardBuilder, type DashboardBuilder } from '../model/dashboard.js';
import { renderDashboard } from '../model/dashboard-render.js';
import { deriveUid } from '../model/uid.js';
import { ValidationError, type Problem } from '../model/validation-error.js';
import type { AlertRuleBuilder, AlertRuleJson } from './alert-rule.js';
import { resolveConfig, type ConfigDefaults, type ConfigOverrides } from './mixin-config.js';
import type { ExpectedAlert, PromtoolTest } from './promtool-test.js';
import type { RecordingRuleBuilder } from './recording-rule.js';
import type { RuleFileJson, RuleGroupBuilder } from './rule-group.js';
import { didYouMean } from '../util/did-you-mean.js';
import { isRoute, type Route } from '../alerting/notification-policy.js';
import type { RoutingTest } from '../alerting/routing-test.js';

const MIXIN_BRAND: unique symbol = Symbol.for('grafts.mixin');

/** What a mixin is made of: a name, typed config with defaults, and functions of that config. */
export interface MixinSpec<C extends object> {
  /** Short kebab-case name: the output folder and the default rule namespace. */
  readonly name: string;
  readonly description?: string;
  /** Every config key with its default; use {@link computed} for values derived from others. */
  readonly defaults: ConfigDefaults<C>;
  /** Dashboards keyed by output file name (`node-overview.json`), or a list (file name = uid + `.json`). */
  readonly dashboards?: (config: Readonly<C>) => readonly DashboardBuilder[] | Readonly<Record<string, DashboardBuilder>>;
  /** Alerting rule groups. */
  readonly alerts?: (config: Readonly<C>) => readonly RuleGroupBuilder[];
  /** Recording rule groups. */
  readonly rules?: (config: Readonly<C>) => readonly RuleGroupBuilder[];
  /** promtool unit tests of the alerts and rules as rendered with this config. */
  readonly tests?: (config: Readonly<C>) => readonly PromtoolTest[];
  /**
   * Default notification routes for the mixin's alerts (e.g. by `severity`), usually naming
   * contact points from config keys so a consumer can point them elsewhere. A project places
   * them first under its policy tree's root, each also matching only this mixin's alerts.
   */
  readonly routes?: (config: Readonly<C>) => readonly Route[];
  /** Routing tests of those routes: alert labels and the contact points they reach. */
  readonly routingTests?: (config: Readonly<C>) => readonly RoutingTest[];
}

/** One override a consumer applies, in order. */
type Override<C> =
  | { readonly kind: 'config'; readonly config: ConfigOverrides<C> }
  | { readonly kind: 'drop-alert' | 'drop-rule' | 'drop-dashboard'; readonly name: string }
  | { readonly kind: 'patch-alert'; readonly name: string; readonly patch: (rule: AlertRuleBuilder) => AlertRuleBuilder }
  | { readonly kind: 'patch-rule'; readonly name: string; readonly patch: (rule: RecordingRuleBuilder) => RecordingRuleBuilder }
  | { readonly kind: 'patch-dashboard'; readonly name: string; readonly patch: (dashboard: DashboardBuilder) => DashboardBuilder }
  | { readonly kind: 'alert-labels'; readonly labels: Readonly<Record<string, string>> }
  | { readonly kind: 'routes'; readonly patch: (routes: readonly Route[]) => readonly Route[] }
  | { readonly kind: 'alert-annotations'; readonly annotations: AnnotationsFor };

/** Annotations for every alert: fixed, or computed per alert (e.g. a runbook URL from its name). */
export type AnnotationsFor = Readonly<Record<string, string>> | ((alert: AlertRuleJson) => Readonly<Record<string, string>>);

/** A dashboard of a rendered mixin. */
export interface MixinDashboard {
  /** Output file name under `dashboards_out/`. */
  readonly file: string;
  readonly uid: string;
  readonly title: string;
  readonly json: Dashboard;
}

/** A mixin rendered with its config and overrides. */
export interface RenderedMixin<C extends object = object> {
  readonly name: string;
  readonly config: Readonly<C>;
  readonly dashboards: readonly MixinDashboard[];
  readonly alerts: RuleFileJson;
  readonly rules: RuleFileJson;
  readonly tests: readonly PromtoolTest[];
  /** The mixin's default notification routes (after {@link Mixin.patchRoutes}). */
  readonly routes: readonly Route[];
  /** Routing tests of those routes; left out when the consumer patched the routes. */
  readonly routingTests: readonly RoutingTest[];
}

/**
 * A mixin: dashboards, alerts and recording rules as functions of a typed config. It is
 * immutable: every override returns a new mixin, so a shared mixin can be configured
 * differently in two places. Overrides apply in order; naming an alert, rule or dashboard that
 * does not exist is an error at render, so a typo never silently keeps an alert.
 *
 * @example
 * const mine = nodeExporterMixin
 *   .config({ fsSpaceAvailableCriticalThreshold: 3 })
 *   .dropAlert('NodeClockNotSynchronising')
 *   .patchAlert('NodeFilesystemAlmostFull', (a) => a.for('1h'))
 *   .addAlertLabels({ team: 'platform' })
 *   .addAlertAnnotations((alert) => ({ runbook_url: `https://runbooks.example/${alert.alert}` }));
 */
export class Mixin<C extends object> {
  /** @internal */
  readonly [MIXIN_BRAND] = true;

  constructor(
    private readonly spec: MixinSpec<C>,
    private readonly overrides: readonly Override<C>[] = [],
  ) {
    Object.freeze(this);
  }

  /** The mixin's name. */
  get name(): string {
    return this.spec.name;
  }

  /** The mixin's description. */
  get description(): string | undefined {
    return this.spec.description;
  }

  /** Overrides config values (a typed subset; nested objects merge). */
  config(config: ConfigOverrides<C>): Mixin<C> {
    return this.add({ kind: 'config', config });
  }

  /** Removes alerts by name. */
  dropAlert(...names: string[]): Mixin<C> {
    return names.reduce<Mixin<C>>((m, name) => m.add({ kind: 'drop-alert', name }), this);
  }

  /** Removes recording rules by the series they record. */
  dropRecordingRule(...records: string[]): Mixin<C> {
    return records.reduce<Mixin<C>>((m, name) => m.add({ kind: 'drop-rule', name }), this);
  }

  /** Removes dashboards by file name, uid or title. */
  dropDashboard(...names: string[]): Mixin<C> {
    return names.reduce<Mixin<C>>((m, name) => m.add({ kind: 'drop-dashboard', name }), this);
  }

  /** Changes one alert, e.g. `(a) => a.for('1h').severity('warning')`. */
  patchAlert(name: string, patch: (rule: AlertRuleBuilder) => AlertRuleBuilder): Mixin<C> {
    return this.add({ kind: 'patch-alert', name, patch });
  }

  /** Replaces one alert with another rule (which may have another name). */
  replaceAlert(name: string, rule: AlertRuleBuilder): Mixin<C> {
    return this.add({ kind: 'patch-alert', name, patch: () => rule });
  }

  /** Changes one recording rule. */
  patchRecordingRule(record: string, patch: (rule: RecordingRuleBuilder) => RecordingRuleBuilder): Mixin<C> {
    return this.add({ kind: 'patch-rule', name: record, patch });
  }

  /** Changes one dashboard (by file name, uid or title), e.g. `(d) => d.tags('team-a')`. */
  patchDashboard(name: string, patch: (dashboard: DashboardBuilder) => DashboardBuilder): Mixin<C> {
    return this.add({ kind: 'patch-dashboard', name, patch });
  }

  /** Adds labels to every alert (e.g. a team for routing). */
  addAlertLabels(labels: Readonly<Record<string, string>>): Mixin<C> {
    return this.add({ kind: 'alert-labels', labels: { ...labels } });
  }

  /** Adds annotations to every alert: fixed, or computed from each alert. */
  addAlertAnnotations(annotations: AnnotationsFor): Mixin<C> {
    return this.add({ kind: 'alert-annotations', annotations });
  }

  /**
   * Changes the mixin's default notification routes, e.g. `() => []` to route its alerts with
   * the project's own tree only. The mixin's routing tests are then left out (they test the
   * defaults). To only rename contact points, prefer the mixin's config keys.
   *
   * @example
   * serviceRed.patchRoutes((routes) => [...routes, route({ severity: 'info' }).receiver('chat')])
   */
  patchRoutes(patch: (routes: readonly Route[]) => readonly Route[]): Mixin<C> {
    return this.add({ kind: 'routes', patch });
  }

  /**
   * Renders dashboards, alerts, rules and tests with the config and overrides applied.
   *
   * @throws {ValidationError} every problem at once: invalid dashboards, overrides naming
   *   nothing, duplicate dashboard files or uids.
   */
  render(): RenderedMixin<C> {
    const name = this.spec.name;
    const path = [`mixin "${name}"`];
    const problems: Problem[] = [];
    const config = resolveConfig(
      name,
      this.spec.defaults,
      this.overrides.flatMap((o) => (o.kind === 'config' ? [o.config] : [])),
    );
    const used = new Set<Override<C>>();

    const dashboards = this.dashboardEntries(config, problems, path);
    const dashboardNames = dashboards.flatMap(([file, builder]) => [
      file.replace(/\.json$/, ''),
      builderUid(builder),
      ...(builder.titleText !== undefined ? [builder.titleText] : []),
    ]);
    const keptDashboards = dashboards.flatMap(([file, builder]) => {
      const matches = (o: { name: string }) =>
        o.name === file || o.name === file.replace(/\.json$/, '') || o.name === builder.titleText || o.name === builderUid(builder);
      let result: DashboardBuilder | undefined = builder;
      for (const o of this.overrides) {
        if (o.kind === 'drop-dashboard' && matches(o)) {
          used.add(o);
          result = undefined;
        } else if (o.kind === 'patch-dashboard' && matches(o) && result) {
          used.add(o);
          result = o.patch(result);
        }
      }
      return result ? [[file, result] as const] : [];
    });
    const rendered: MixinDashboard[] = [];
    const seenUids = new Map<string, string>();
    for (const [file, builder] of keptDashboards) {
      const { json, problems: found } = renderDashboard(builder.parts(), [...path, file]);
      problems.push(...found);
      const uid = String(json.uid);
      const other = seenUids.get(uid);
      if (other !== undefined) problems.push({ path: [...path, file], message: `duplicate uid "${uid}" (also ${other})` });
      seenUids.set(uid, file);
      rendered.push({ file, uid, title: builder.titleText, json });
    }

    const decorated: DecoratedAlert[] = [];
    const alertNames = new Set<string>();
    const ruleNames = new Set<string>();
    const alerts = this.applyRuleOverrides(this.spec.alerts?.(config) ?? [], 'alert', used, alertNames, decorated);
    const rules = this.applyRuleOverrides(this.spec.rules?.(config) ?? [], 'rule', used, ruleNames);

    for (const o of this.overrides) {
      const named = o.kind !== 'config' && o.kind !== 'alert-labels' && o.kind !== 'alert-annotations' && o.kind !== 'routes';
      if (named && !used.has(o)) {
        const what = o.kind.endsWith('alert') ? 'alert' : o.kind.endsWith('rule') ? 'recording rule' : 'dashboard';
        const wanted = (o as { name: string }).name;
        const known = what === 'alert' ? alertNames : what === 'recording rule' ? ruleNames : dashboardNames;
        problems.push({ path, message: `${o.kind.split('-')[0]}: no ${what} named "${wanted}"${didYouMean(wanted, known)}` });
      }
    }
    const { routes, routingTests } = this.routingOf(config, problems, path);
    if (problems.length > 0) throw new ValidationError(problems);

    return {
      name,
      config,
      dashboards: rendered,
      alerts: { groups: alerts },
      rules: { groups: rules },
      tests: this.testsOf(config, decorated),
      routes,
      routingTests,
    };
  }

  // The mixin's tests describe the alerts as its author wrote them. A consumer's overrides change
  // that: tests of dropped alerts would fail for a reason that is not a bug, so they are left
  // out, and labels and annotations added to every alert are added to what the tests expect.
  private testsOf(config: Readonly<C>, decorated: readonly DecoratedAlert[]): PromtoolTest[] {
    return (this.spec.tests?.(config) ?? [])
      .map((test) => ({
        ...test,
        alertTests: (test.alertTests ?? [])
          .filter((t) => decorated.some((d) => d.original.alert === t.alertname))
          .map((t) => ({ ...t, expAlerts: t.expAlerts.map((e) => withAdditions(e, t.alertname, decorated)) })),
      }))
      .filter((test) => test.alertTests.length > 0 || (test.exprTests ?? []).length > 0);
  }

  private routingOf(config: Readonly<C>, problems: Problem[], path: readonly string[]): { routes: Route[]; routingTests: RoutingTest[] } {
    let routes: readonly Route[] = this.spec.routes?.(config) ?? [];
    let patched = false;
    for (const o of this.overrides) {
      if (o.kind !== 'routes') continue;
      routes = o.patch(routes);
      patched = true;
    }
    const checked = Array.isArray(routes) ? routes : [];
    if (!Array.isArray(routes)) problems.push({ path: [...path, 'routes'], message: 'must be a list of routes' });
    checked.forEach((r, i) => {
      if (!isRoute(r)) problems.push({ path: [...path, `routes[${i}]`], message: 'not a route (use route(...))' });
    });
    return { routes: [...checked], routingTests: patched ? [] : [...(this.spec.routingTests?.(config) ?? [])] };
  }

  private add(override: Override<C>): Mixin<C> {
    return new Mixin(this.spec, [...this.overrides, override]);
  }

  private dashboardEntries(config: Readonly<C>, problems: Problem[], path: string[]): [string, DashboardBuilder][] {
    const produced = this.spec.dashboards?.(config) ?? [];
    const entries: [string, DashboardBuilder][] = Array.isArray(produced)
      ? (produced as readonly DashboardBuilder[]).map((d) => [`${builderUid(d)}.json`, d])
      : Object.entries(produced as Readonly<Record<string, DashboardBuilder>>);
    const files = new Set<string>();
    return entries.filter(([file, builder]) => {
      if (!isDashboardBuilder(builder)) {
        problems.push({ path: [...path, file], message: 'not a dashboard' });
        return false;
      }
      if (files.has(file)) problems.push({ path: [...path, file], message: `two dashboards write ${file}` });
      files.add(file);
      return true;
    });
  }

  private applyRuleOverrides(
    groups: readonly RuleGroupBuilder[],
    kind: 'alert' | 'rule',
    used: Set<Override<C>>,
    names: Set<string>,
    decorated: DecoratedAlert[] = [],
  ) {
    return groups
      .map((group) => {
        const rules = group.rules.flatMap((rule) => {
          const ruleName = 'name' in rule ? rule.name : rule.record;
          names.add(ruleName);
          let result: AlertRuleBuilder | RecordingRuleBuilder | undefined = rule;
          for (const o of this.overrides) {
            const drops = (o.kind === 'drop-alert' && kind === 'alert') || (o.kind === 'drop-rule' && kind === 'rule');
            if (drops && o.name === ruleName) {
              used.add(o);
              result = undefined;
            } else if (o.kind === 'patch-alert' && kind === 'alert' && o.name === ruleName && result) {
              used.add(o);
              result = o.patch(result as AlertRuleBuilder);
            } else if (o.kind === 'patch-rule' && kind === 'rule' && o.name === ruleName && result) {
              used.add(o);
              result = o.patch(result as RecordingRuleBuilder);
            }
          }
          return result ? [result] : [];
        });
        return group.withRules(rules).build();
      })
      .filter((group) => group.rules.length > 0)
      .map((group) => {
        if (kind !== 'alert') return group;
        group.rules = group.rules.map((rule) => {
          const result = this.decorateAlert(rule as AlertRuleJson);
          decorated.push({ original: rule as AlertRuleJson, result });
          return result;
        });
        return group;
      });
  }

  private decorateAlert(rule: AlertRuleJson): AlertRuleJson {
    let labels = rule.labels;
    let annotations = rule.annotations;
    for (const o of this.overrides) {
      if (o.kind === 'alert-labels') labels = { ...labels, ...o.labels };
      if (o.kind === 'alert-annotations') {
        const extra = typeof o.annotations === 'function' ? o.annotations({ ...rule, labels, annotations }) : o.annotations;
        annotations = { ...annotations, ...extra };
      }
    }
    const out: AlertRuleJson = { ...rule };
    if (labels && Object.keys(labels).length > 0) out.labels = sorted(labels);
    if (annotations && Object.keys(annotations).length > 0) out.annotations = sorted(annotations);
    return out;
  }
}

/** An alert before and after the labels and annotations added to every alert. */
interface DecoratedAlert {
  readonly original: AlertRuleJson;
  readonly result: AlertRuleJson;
}

/** What an expected alert looks like after the consumer's additions to the alert it tests. */
function withAdditions(expected: ExpectedAlert, alertname: string, decorated: readonly DecoratedAlert[]): ExpectedAlert {
  // Of the rules named `alertname` (e.g. a warning and a critical variant), the one whose own
  // labels the expected alert carries.
  const match = decorated.find((d) => d.original.alert === alertname && Object.entries(d.original.labels ?? {}).every(([k, v]) => expected.labels?.[k] === v));
  if (!match) return expected;
  const added = (after: Record<string, string> | undefined, before: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(after ?? {}).filter(([k, v]) => before?.[k] !== v));
  const labels = added(match.result.labels, match.original.labels);
  const annotations = added(match.result.annotations, match.original.annotations);
  return {
    ...(expected.labels || Object.keys(labels).length > 0 ? { labels: sorted({ ...expected.labels, ...labels }) } : {}),
    ...(expected.annotations ? { annotations: sorted({ ...expected.annotations, ...annotations }) } : {}),
  };
}

function sorted(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function builderUid(builder: DashboardBuilder): string {
  return builder.parts().uid ?? deriveUid(builder.titleText);
}

/** True for a mixin (works across copies of the library). */
export function isMixin(value: unknown): value is Mixin<object> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MIXIN_BRAND] === true;
}

/**
 * Defines a mixin: a function from typed config to dashboards, alerts and recording rules.
 *
 * @example
 * interface MyConfig { selector: string; errorThreshold: number }
 * export const myMixin = defineMixin<MyConfig>({
 *   name: 'my-service',
 *   defaults: { selector: 'job="my-service"', errorThreshold: 0.05 },
 *   alerts: (c) => [ruleGroup('my-service').rule(alertRule('MyServiceErrors').expr(`… > ${c.errorThreshold}`))],
 * });
 */
export function defineMixin<C extends object>(spec: MixinSpec<C>): Mixin<C> {
  return new Mixin(spec);
}
