import type { Dashboard, TimePickerConfig } from '../generated/index.js';
import type { AnnotationBuilder } from './annotation.js';
import type { AutoGridBuilder } from './auto-grid.js';
import type { TabBuilder } from './tab.js';
import type { DashboardLinkBuilder } from './dashboard-link.js';
import type { DashboardProps, DashboardSchema, GraphTooltip } from './dashboard-props.js';
import type { Folder } from './folder.js';
import type { AnyPanel, RowBuilder } from './row.js';
import type { VariableBuilder } from './variables/variable-builder.js';
import { renderDashboard } from './dashboard-render.js';
import { ImmutableBuilder } from './immutable-builder.js';
import { appendTo } from './section-content.js';
import { ValidationError } from './validation-error.js';

export type { DashboardProps, DashboardSchema, GraphTooltip } from './dashboard-props.js';

const DASHBOARD_BRAND: unique symbol = Symbol.for('grafts.dashboard');

/**
 * A dashboard. Panels added with `.panel()` sit above the first row; rows follow in order.
 * `build()` lays everything out on the grid, numbers panels 1..n, checks the whole dashboard
 * and returns Grafana's JSON (schemaVersion 42), sparse and in a fixed key order.
 *
 * @example
 * const ds = datasourceVariable('datasource', 'prometheus');
 * const job = queryVariable('job').datasource(ds).query(labelValues('up', 'job'));
 * export default dashboard('API')
 *   .uid('api')
 *   .tags('team-a')
 *   .time('now-3h', 'now')
 *   .variable(ds, job)
 *   .row(row('Traffic').panel(
 *     timeseries('Requests').datasource(ds).target(prometheus(`sum(rate(http_requests_total{job=~"${job}"}[$__rate_interval]))`)).unit('reqps'),
 *   ));
 * // → { "uid": "api", "title": "API", "tags": ["team-a"], "time": { "from": "now-3h", "to": "now" },
 * //     "schemaVersion": 42, "annotations": { "list": [] }, "templating": { "list": [ … ] },
 * //     "panels": [ { "type": "row", "id": 1, … }, { "type": "timeseries", "id": 2, "gridPos": { "h": 8, "w": 12, "x": 0, "y": 1 }, … } ] }
 */
export class DashboardBuilder extends ImmutableBuilder<DashboardProps> {
  /** @internal */
  get [DASHBOARD_BRAND](): true {
    return true;
  }

  /** The uid (at most 40 of `A-Za-z0-9_-`); without one, it is derived from the title (see {@link deriveUid}). */
  uid(uid: string): this {
    return this.with({ uid });
  }

  /** The folder the dashboard lives in when applied (default: Grafana's root, "Dashboards"). */
  folder(folder: Folder): this {
    return this.with({ folder });
  }

  /** The folder set with {@link folder}, if any. */
  get folderRef(): Folder | undefined {
    return this.props.folder;
  }

  /** Description shown in dashboard search and settings. */
  description(description: string): this {
    return this.with({ description });
  }

  /** Adds tags (used by search and by tag-based dashboard links). */
  tags(...tags: string[]): this {
    return this.with({ tags: Object.freeze([...this.prop('tags'), ...tags]) });
  }

  /** `browser` (Grafana's default), `utc`, or an IANA zone such as `Europe/Berlin`. */
  timezone(timezone: string): this {
    return this.with({ timezone });
  }

  /** Whether users may edit the dashboard in Grafana (Grafana's default: true). */
  editable(editable: boolean): this {
    return this.with({ editable });
  }

  /** Shares the cursor between panels. */
  graphTooltip(mode: GraphTooltip): this {
    return this.with({ graphTooltip: mode });
  }

  /** The default time range, e.g. `('now-6h', 'now')`. */
  time(from: string, to = 'now'): this {
    return this.with({ time: { from, to } });
  }

  /** Auto-refresh interval, e.g. `30s`. */
  refresh(interval: string): this {
    return this.with({ refresh: interval });
  }

  /** Time picker settings: hidden, refresh intervals offered, now delay. */
  timepicker(timepicker: TimePickerConfig): this {
    return this.with({ timepicker: structuredClone(timepicker) });
  }

  /** First month of the fiscal year, 0 = January. */
  fiscalYearStartMonth(month: number): this {
    return this.with({ fiscalYearStartMonth: month });
  }

  /** First day of the week, e.g. `monday`. */
  weekStart(day: string): this {
    return this.with({ weekStart: day });
  }

  /** Redraws continuously so data keeps moving left. */
  liveNow(liveNow = true): this {
    return this.with({ liveNow });
  }

  /**
   * Accepts references to these variable names although the dashboard defines none of them.
   * Validation reports every `$name` that is not a variable (a typo is the usual cause); Grafana
   * itself leaves such text as written. Use it for text that only looks like a variable, or to
   * keep an imported dashboard exactly as it was (`dash import` emits it, with a note).
   *
   * @example
   * dashboard('Node').allowUndefinedVariables('hostname')
   *   .panel(stat('Up').target(prometheus('up{host="$hostname"}')))
   * // builds; without it: unknown variable $hostname in "up{host=\"$hostname\"}"
   */
  allowUndefinedVariables(...names: string[]): this {
    return this.with({ undefinedVariables: [...(this.prop('undefinedVariables') ?? []), ...names] });
  }

  /**
   * The schema this dashboard is written in: `v1` (classic JSON, Grafana 11 and later) or `v2`
   * (`dashboard.grafana.app/v2`, Grafana 12.x as v2beta1 and 13). Without it the project's
   * `schema` config decides; a `schema` on the target or `--schema` on the command line
   * overrides it.
   *
   * @example
   * dashboard('API').schema('v2').panel(text('Hi'))
   * // dash build → { "apiVersion": "dashboard.grafana.app/v2", "kind": "Dashboard", "metadata": { "name": "api" }, "spec": { … } }
   */
  schema(schema: DashboardSchema): this {
    return this.with({ schema });
  }

  /** The schema set with {@link schema}, if any. */
  get schemaChoice(): DashboardSchema | undefined {
    return this.props.schema;
  }

  /** Adds variables, shown in this order. */
  variable(...variables: VariableBuilder[]): this {
    return this.with({ variables: [...this.prop('variables'), ...variables] });
  }

  /** Adds annotation queries. */
  annotation(...annotations: AnnotationBuilder[]): this {
    return this.with({ annotations: [...this.prop('annotations'), ...annotations] });
  }

  /** Adds header links. */
  link(...links: DashboardLinkBuilder[]): this {
    return this.with({ links: [...this.prop('links'), ...links] });
  }

  // panel/row/tabs/autoGrid are thin typed delegates on purpose: each builder needs fluent methods
  // that return its own type, with its own doc; the logic they share is `appendTo` in section-content.ts.
  /** Adds panels above the first row. */
  panel(...panels: AnyPanel[]): this {
    return this.with(appendTo('panels', this.prop('panels'), panels));
  }

  /** Adds rows, in order. */
  row(...rows: RowBuilder[]): this {
    return this.with(appendTo('rows', this.prop('rows'), rows));
  }

  /**
   * Adds tabs (schema v2 only; a dashboard with tabs renders as v2 unless told otherwise). A
   * dashboard with tabs holds its panels and rows inside them.
   *
   * @example
   * dashboard('Checkout').tabs(tab('Overview').panel(stat('Up')), tab('Logs').panel(logs('Errors')))
   */
  tabs(...tabs: TabBuilder[]): this {
    return this.with(appendTo('tabs', this.prop('tabs'), tabs));
  }

  /**
   * Lays the panels above the first row out as an auto grid (schema v2 only).
   *
   * @example
   * dashboard('Fleet').autoGrid(autoGrid({ maxColumns: 4 }).panel(stat('Nodes'), stat('Pods')))
   */
  autoGrid(grid: AutoGridBuilder): this {
    return this.with({ autoGrid: grid });
  }

  /** The title as set. */
  get titleText(): string {
    return this.props.title;
  }

  /** Everything this dashboard holds, for rendering. @internal */
  parts(): DashboardProps {
    return this.props;
  }

  /**
   * The dashboard JSON, validated: throws a {@link ValidationError} listing every problem.
   * A fresh object every call.
   */
  build(): Dashboard {
    const { json, problems } = renderDashboard(this.props);
    if (problems.length > 0) throw new ValidationError(problems);
    return json;
  }
}

/** True for a dashboard builder (works across copies of the library). */
export function isDashboardBuilder(value: unknown): value is DashboardBuilder {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DASHBOARD_BRAND] === true;
}

/** A dashboard titled `title` (see {@link DashboardBuilder}). */
export function dashboard(title: string): DashboardBuilder {
  return new DashboardBuilder({
    title: String(title),
    tags: [],
    variables: [],
    annotations: [],
    links: [],
    panels: [],
    rows: [],
    tabs: [],
    merges: [],
  });
}
