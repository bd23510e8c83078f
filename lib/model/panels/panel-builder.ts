import type { DataLink, DataTransformerConfig, FieldColor, FieldConfig, ValueMapping } from '../../generated/index.js';
import { deepMerge, type JsonObject } from '../deep-merge.js';
import { isDataLink, type DataLinkSpec } from '../data-link.js';
import type { DatasourceLike } from '../datasource.js';
import { toDynamicConfigValues, type OverrideMatcher, type OverrideProperties, type OverrideSpec } from '../field-config/overrides.js';
import { renderThresholds, type ThresholdStep } from '../field-config/thresholds.js';
import type { Unit } from '../field-config/units.js';
import { ImmutableBuilder } from '../immutable-builder.js';
import type { QueryBuilder } from '../queries/query-builder.js';
import type { VariableBuilder } from '../variables/variable-builder.js';
import { assignRefIds } from './ref-ids.js';
import { cloneJson } from '../clone-json.js';

const PANEL_BRAND: unique symbol = Symbol.for('grafts.panel');

/** Default size of a panel on the 24-column grid. */
export const DEFAULT_PANEL_SIZE = Object.freeze({ width: 12, height: 8 });

/** Props every panel kind shares (no entry exports it; public classes extend a builder of it). */
export interface PanelProps {
  readonly type: string;
  readonly title?: string;
  readonly description?: string;
  readonly transparent?: boolean;
  readonly datasource?: DatasourceLike;
  readonly targets: readonly QueryBuilder<string>[];
  readonly width?: number;
  readonly height?: number;
  readonly position?: { readonly x: number; readonly y: number };
  readonly links: readonly DataLink[];
  readonly repeat?: { readonly variable: string; readonly direction?: 'h' | 'v'; readonly maxPerRow?: number };
  readonly interval?: string;
  readonly maxDataPoints?: number;
  readonly timeFrom?: string;
  readonly timeShift?: string;
  readonly hideTimeOverride?: boolean;
  readonly cacheTimeout?: string;
  readonly queryCachingTTL?: number;
  readonly transformations: readonly DataTransformerConfig[];
  readonly defaults: Omit<FieldConfig, 'custom'>;
  readonly custom: JsonObject;
  readonly overrides: readonly OverrideSpec[];
  readonly options: JsonObject;
  readonly merges: readonly JsonObject[];
}

/**
 * The query type a panel on a data source of plugin `K` accepts: that plugin's queries, and
 * Grafana's server-side expressions (`__expr__`), which run next to any data source.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query model of the data source plugin K
export type QueryFor<K extends string> = QueryBuilder<K | '__expr__', any>;

/** A recursive partial, for option objects where any subset may be set. */
export type DeepPartial<T> = T extends readonly (infer U)[] ? readonly U[] : T extends object ? { [P in keyof T]?: DeepPartial<T[P]> } : T;

/** A panel as rendered by {@link PanelBuilder.build}: Grafana's panel JSON without id and gridPos. */
export type RenderedPanel = Record<string, unknown> & { type: string };

/**
 * What every panel kind is. `K` is the plugin id of the panel's data source (`string` until
 * one is set): a panel on a Prometheus data source only accepts Prometheus queries. `O` and `C`
 * are the kind's options and custom field config types.
 */
export abstract class PanelBuilder<K extends string, O extends object, C extends object> extends ImmutableBuilder<PanelProps> {
  /** @internal */
  get [PANEL_BRAND](): true {
    return true;
  }

  /** The panel's title (may reference variables, e.g. `` `CPU on ${instance}` ``). */
  title(title: string): this {
    return this.with({ title: String(title) });
  }

  /** Text shown in the panel's info tooltip (markdown). */
  description(description: string): this {
    return this.with({ description });
  }

  /** Draws the panel without background. */
  transparent(transparent = true): this {
    return this.with({ transparent });
  }

  /**
   * The data source the panel's queries run on; from then on the panel accepts only queries
   * for that data source's plugin.
   *
   * @example
   * timeseries('Requests').datasource(ds).target(prometheus('sum(rate(http_requests_total[$__rate_interval]))'))
   * // → "datasource": { "type": "prometheus", "uid": "${datasource}" }
   */
  datasource<D extends string>(datasource: DatasourceLike<D>): PanelBuilder<D, O, C> {
    return this.with({ datasource }) as unknown as PanelBuilder<D, O, C>;
  }

  /**
   * Adds queries; refIds are assigned A, B, … in order unless a query sets its own.
   *
   * @example
   * .target(prometheus('up').legend('{{instance}}'), prometheus('down'))
   * // → "targets": [{ "refId": "A", "expr": "up", "legendFormat": "{{instance}}" }, { "refId": "B", "expr": "down" }]
   */
  target(...queries: QueryFor<K>[]): this {
    return this.with({ targets: Object.freeze([...this.prop('targets'), ...queries]) });
  }

  /** Width in grid columns, 1–24 (default 12). */
  width(width: number): this {
    return this.with({ width });
  }

  /** Height in grid rows of 30 px (default 8). */
  height(height: number): this {
    return this.with({ height });
  }

  /** Width and height in one call. */
  size(width: number, height: number): this {
    return this.with({ width, height });
  }

  /**
   * Fixes the panel's place instead of letting it flow: column `x` (0–23, so that `x + width`
   * stays within 24) and grid row `y` counted from the top of its row's content (0 is the line
   * right below the row header; for panels above the first row, the top of the dashboard).
   * Flowing panels of the same row move below it rather than overlap it; explicit panels that
   * overlap each other are a validation problem. Needed only for layouts the flow cannot make,
   * such as panels stacked beside a taller one.
   *
   * @example
   * row('Overview').panel(
   *   stat('Up').size(8, 8),                      // flows to x 0, y 0
   *   timeseries('Requests').size(16, 4),         // flows to x 8, y 0
   *   timeseries('Errors').size(16, 4).position(8, 4), // stacked under Requests, beside Up
   * )
   * // → "gridPos": { "x": 8, "y": <row y + 1 + 4>, "w": 16, "h": 4 } for Errors
   */
  position(x: number, y: number): this {
    return this.with({ position: { x, y } });
  }

  /**
   * Adds a link shown in the panel's header menu: a title and URL, or a link built with
   * {@link urlLink}, {@link internalLink}, {@link traceLink} or {@link logsLink}.
   *
   * @example
   * .link('Runbook', 'https://runbooks.example.com/api', { targetBlank: true })
   * .link(logsLink('Logs of checkout', lokiDs, '{service="checkout"}'))
   */
  link(link: DataLinkSpec): this;
  link(title: string, url: string, options?: { targetBlank?: boolean }): this;
  link(titleOrLink: string | DataLinkSpec, url?: string, options: { targetBlank?: boolean } = {}): this {
    if (isDataLink(titleOrLink)) return this.with({ links: [...this.prop('links'), titleOrLink.build()] });
    const link: DataLink = { title: titleOrLink, url: url as string, ...(options.targetBlank !== undefined ? { targetBlank: options.targetBlank } : {}) };
    return this.with({ links: [...this.prop('links'), link] });
  }

  /**
   * Adds links to every field of the panel (`fieldConfig.defaults.links`): clicking a value,
   * a point or a cell offers them, with `${__value.raw}` and the field's labels filled in.
   *
   * @example
   * table('Slow traces').fieldLink(traceLink('Open trace', tempoDs))
   * // → "fieldConfig": { "defaults": { "links": [{ "title": "Open trace", "url": "", "internal": { … } }] } }
   */
  fieldLink(...links: DataLinkSpec[]): this {
    return this.withDefaults({ links: [...(this.prop('defaults').links ?? []), ...links.map((l) => l.build())] });
  }

  /**
   * Adds links to the field named `name` only (an override), e.g. the trace id column of a
   * table or the `traceID` field of log lines.
   *
   * @example
   * logs('Logs').fieldLinkFor('traceID', traceLink('Open trace', tempoDs))
   * // → { "matcher": { "id": "byName", "options": "traceID" }, "properties": [{ "id": "links", "value": [{ … }] }] }
   */
  fieldLinkFor(name: string, ...links: DataLinkSpec[]): this {
    return this.withOverride({ by: 'name', name }, { links: links.map((l) => l.build()) });
  }

  /**
   * Repeats the panel for each selected value of a variable, side by side (`h`, default) or
   * stacked (`v`).
   *
   * @example
   * timeseries(`CPU ${instance}`).repeat(instance, { maxPerRow: 4 })
   * // → "repeat": "instance", "repeatDirection": "h", "maxPerRow": 4
   */
  repeat(variable: VariableBuilder, options: { direction?: 'h' | 'v'; maxPerRow?: number } = {}): this {
    return this.with({ repeat: { variable: variable.name, ...options } });
  }

  /** Minimum query interval, e.g. `1m`. */
  interval(interval: string): this {
    return this.with({ interval });
  }

  /** The most data points a query returns. */
  maxDataPoints(maxDataPoints: number): this {
    return this.with({ maxDataPoints });
  }

  /** A relative time range for this panel only, e.g. `1h`. */
  timeFrom(timeFrom: string): this {
    return this.with({ timeFrom });
  }

  /** Shifts this panel's time range back, e.g. `1d` to compare with yesterday. */
  timeShift(timeShift: string): this {
    return this.with({ timeShift });
  }

  /** Hides the time override note in the panel header. */
  hideTimeOverride(hide = true): this {
    return this.with({ hideTimeOverride: hide });
  }

  /** Query cache lifetime in milliseconds (data sources with caching). */
  queryCachingTTL(ms: number): this {
    return this.with({ queryCachingTTL: ms });
  }

  /**
   * Adds a transformation (Grafana's transformation id and options), applied in order.
   *
   * @example
   * table('Pods').transformation('organize', { excludeByName: { Time: true } })
   * // → "transformations": [{ "id": "organize", "options": { "excludeByName": { "Time": true } } }]
   */
  transformation(id: string, options: JsonObject = {}, extra: { disabled?: boolean } = {}): this {
    const config = { id, options: structuredClone(options), ...extra } as DataTransformerConfig;
    return this.with({ transformations: [...this.prop('transformations'), config] });
  }

  /** The unit of values, e.g. `reqps`, `s`, `bytes`, `percentunit`. */
  unit(unit: Unit): this {
    return this.withDefaults({ unit });
  }

  /** Minimum of the value axis / scale. */
  min(min: number): this {
    return this.withDefaults({ min });
  }

  /** Maximum of the value axis / scale. */
  max(max: number): this {
    return this.withDefaults({ max });
  }

  /** Number of decimals shown. */
  decimals(decimals: number): this {
    return this.withDefaults({ decimals });
  }

  /** Overrides series names, e.g. `${__field.labels.instance}`. */
  displayName(displayName: string): this {
    return this.withDefaults({ displayName });
  }

  /** Text shown when there is no value. */
  noValue(text: string): this {
    return this.withDefaults({ noValue: text });
  }

  /**
   * The colour scheme: a mode id such as `palette-classic`, `thresholds`, `continuous-GrYlRd`,
   * or a full colour object.
   *
   * @example
   * .color('thresholds')                      // → "color": { "mode": "thresholds" }
   * .color({ mode: 'fixed', fixedColor: 'blue' })
   */
  color(color: FieldColor['mode'] | FieldColor): this {
    return this.withDefaults({ color: typeof color === 'string' ? ({ mode: color } as FieldColor) : { ...color } });
  }

  /**
   * Threshold steps; the first has no value (the base colour). `mode` is `absolute` (default) or
   * `percentage`.
   *
   * @example
   * .thresholds([{ color: 'green' }, { value: 0.01, color: 'orange' }, { value: 0.05, color: 'red' }])
   * // → "thresholds": { "mode": "absolute", "steps": [{ "color": "green", "value": null },
   * //      { "color": "orange", "value": 0.01 }, { "color": "red", "value": 0.05 }] }
   */
  thresholds(steps: readonly ThresholdStep[], mode: 'absolute' | 'percentage' = 'absolute'): this {
    return this.withDefaults({ thresholds: renderThresholds(steps, mode) });
  }

  /** Adds value mappings (see {@link valueMapping}, {@link rangeMapping}, …). */
  mappings(...mappings: ValueMapping[]): this {
    return this.withDefaults({ mappings: [...(this.prop('defaults').mappings ?? []), ...structuredClone(mappings)] });
  }

  /** Sets any standard field option not covered by a setter (merged into `fieldConfig.defaults`). */
  fieldDefaults(defaults: Omit<FieldConfig, 'custom'>): this {
    return this.withDefaults(structuredClone(defaults));
  }

  /** Sets the kind's custom field options (merged into `fieldConfig.defaults.custom`). */
  custom(custom: DeepPartial<C>): this {
    return this.with({ custom: deepMerge(this.prop('custom'), custom as object) });
  }

  /** Sets the kind's panel options (merged into `options`). */
  options(options: DeepPartial<O>): this {
    return this.with({ options: deepMerge(this.prop('options'), options as object) });
  }

  /**
   * Overrides field properties for the series named `name`.
   *
   * @example
   * .overrideByName('p99', { color: { mode: 'fixed', fixedColor: 'red' } })
   * // → { "matcher": { "id": "byName", "options": "p99" },
   * //     "properties": [{ "id": "color", "value": { "mode": "fixed", "fixedColor": "red" } }] }
   */
  overrideByName(name: string, properties: OverrideProperties<C>): this {
    return this.withOverride({ by: 'name', name }, properties);
  }

  /** Overrides field properties for series whose name matches `regex`. */
  overrideByRegex(regex: string, properties: OverrideProperties<C>): this {
    return this.withOverride({ by: 'regex', regex }, properties);
  }

  /** Overrides field properties for the series of one query (the query itself, or its refId). */
  overrideByQuery(query: QueryFor<K> | string, properties: OverrideProperties<C>): this {
    return this.withOverride({ by: 'query', query }, properties);
  }

  /** Overrides field properties for fields of a type (`number`, `string`, `time`, …). */
  overrideByType(fieldType: 'number' | 'string' | 'time' | 'boolean' | 'other', properties: OverrideProperties<C>): this {
    return this.withOverride({ by: 'type', fieldType }, properties);
  }

  /** The grid size this panel asks for. @internal */
  layoutSize(): { width: number; height: number } {
    return { width: this.props.width ?? DEFAULT_PANEL_SIZE.width, height: this.props.height ?? DEFAULT_PANEL_SIZE.height };
  }

  /** The explicit place set by {@link position}, if any. @internal */
  layoutPosition(): { x: number; y: number } | undefined {
    return this.props.position ? { ...this.props.position } : undefined;
  }

  /** The queries of this panel. @internal */
  queries(): readonly QueryBuilder<string>[] {
    return this.props.targets;
  }

  /** The panel's data source, if set. @internal */
  datasourceRef(): DatasourceLike | undefined {
    return this.props.datasource;
  }

  /** Whether this kind shows nothing without queries. @internal */
  get needsTargets(): boolean {
    return true;
  }

  /** The panel's title as set. @internal */
  get titleText(): string | undefined {
    return this.props.title;
  }

  /**
   * The panel as Grafana stores it, without `id` and `gridPos` (the dashboard assigns those).
   * A fresh object every call.
   *
   * @example
   * stat('Up').unit('none').build()
   * // → { "type": "stat", "title": "Up", "fieldConfig": { "defaults": { "unit": "none" }, "overrides": [] } }
   */
  build(): RenderedPanel {
    const p = this.props;
    const out: Record<string, unknown> = { type: p.type };
    if (p.title !== undefined) out.title = p.title;
    if (p.description !== undefined) out.description = p.description;
    if (p.transparent !== undefined) out.transparent = p.transparent;
    if (p.datasource) out.datasource = p.datasource.toRef();
    const refIds = this.refIds();
    if (p.targets.length > 0) out.targets = p.targets.map((q, i) => q.build(refIds[i]));
    const fieldConfig = this.renderFieldConfig(refIds);
    if (fieldConfig) out.fieldConfig = fieldConfig;
    if (hasKeys(p.options)) out.options = cloneJson(p.options);
    if (p.transformations.length > 0) out.transformations = cloneJson(p.transformations);
    if (p.links.length > 0) out.links = cloneJson(p.links);
    if (p.repeat) {
      out.repeat = p.repeat.variable;
      out.repeatDirection = p.repeat.direction ?? 'h';
      if (p.repeat.maxPerRow !== undefined) out.maxPerRow = p.repeat.maxPerRow;
    }
    if (p.interval !== undefined) out.interval = p.interval;
    if (p.maxDataPoints !== undefined) out.maxDataPoints = p.maxDataPoints;
    if (p.timeFrom !== undefined) out.timeFrom = p.timeFrom;
    if (p.timeShift !== undefined) out.timeShift = p.timeShift;
    if (p.hideTimeOverride !== undefined) out.hideTimeOverride = p.hideTimeOverride;
    if (p.cacheTimeout !== undefined) out.cacheTimeout = p.cacheTimeout;
    if (p.queryCachingTTL !== undefined) out.queryCachingTTL = p.queryCachingTTL;
    return this.applyMerges(out) as RenderedPanel;
  }

  /** The refIds of this panel's queries, in order (explicit ones kept, the others A, B, …). @internal */
  refIds(): readonly string[] {
    const targets = this.prop('targets');
    if (targets.length === 1) return [targets[0]!.explicitRefId ?? 'A'];
    return assignRefIds(targets.map((q) => q.explicitRefId));
  }

  private renderFieldConfig(refIds: readonly string[]): Record<string, unknown> | undefined {
    const p = this.props;
    const hasCustom = hasKeys(p.custom);
    if (!hasKeys(p.defaults) && !hasCustom && p.overrides.length === 0) return undefined;
    const defaults: Record<string, unknown> = cloneJson(p.defaults);
    if (hasCustom) defaults.custom = cloneJson(p.custom);
    const overrides = p.overrides.map((o) => ({
      matcher: this.renderMatcher(o.matcher, refIds),
      properties: cloneJson(o.properties),
    }));
    return { defaults, overrides };
  }

  private renderMatcher(matcher: OverrideMatcher, refIds: readonly string[]): { id: string; options: string } {
    switch (matcher.by) {
      case 'name':
        return { id: 'byName', options: matcher.name };
      case 'regex':
        return { id: 'byRegexp', options: matcher.regex };
      case 'type':
        return { id: 'byType', options: matcher.fieldType };
      case 'query': {
        if (typeof matcher.query === 'string') return { id: 'byFrameRefID', options: matcher.query };
        const index = this.props.targets.indexOf(matcher.query);
        // A query that is not one of this panel's targets can only be matched by its own refId.
        const refId = index >= 0 ? refIds[index] : matcher.query.explicitRefId;
        return { id: 'byFrameRefID', options: refId ?? '' };
      }
    }
  }

  private withDefaults(patch: Omit<FieldConfig, 'custom'>): this {
    return this.with({ defaults: { ...this.prop('defaults'), ...patch } });
  }

  private withOverride(matcher: OverrideMatcher, properties: OverrideProperties<C>): this {
    return this.with({ overrides: [...this.prop('overrides'), { matcher, properties: toDynamicConfigValues(properties) }] });
  }
}

/** True for any panel builder (works across copies of the library). */
export function isPanel(value: unknown): value is PanelBuilder<string, object, object> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PANEL_BRAND] === true;
}

/** Fresh props for a new panel of Grafana type `type`. @internal */
export function initialPanelProps(type: string, title?: string): PanelProps {
  return {
    type,
    ...(title !== undefined ? { title: String(title) } : {}),
    targets: [],
    links: [],
    transformations: [],
    defaults: {},
    custom: {},
    overrides: [],
    options: {},
    merges: [],
  };
}

// Whether an options-like object has any key (without listing them all).
function hasKeys(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}
