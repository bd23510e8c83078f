// Code generated from schemas/dashboard.schema.json by scripts/gen-types.ts. DO NOT EDIT.

import type { Target } from './queries.gen.js';
/**
 * Cursor sharing between panels: 0 off, 1 shared crosshair, 2 shared tooltip.
 */
export type DashboardCursorSync = 0 | 1 | 2;
/**
 * A template variable.
 */
export type VariableModel =
  | QueryVariable
  | DatasourceVariable
  | CustomVariable
  | IntervalVariable
  | ConstantVariable
  | TextboxVariable
  | AdhocVariable;
/**
 * Picker visibility: 0 shown, 1 label hidden, 2 hidden.
 */
export type VariableHide = 0 | 1 | 2;
/**
 * When options are refreshed: 0 never, 1 on dashboard load, 2 on time range change.
 */
export type VariableRefresh = 0 | 1 | 2;
/**
 * Option sort: 0 none, 1/2 alphabetical asc/desc, 3/4 numerical asc/desc, 5/6 case-insensitive asc/desc, 7/8 natural asc/desc.
 */
export type VariableSort = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
/**
 * A URL link, or links to dashboards selected by tag.
 */
export type DashboardLinkType = 'link' | 'dashboards';
/**
 * Alternative placement of a dashboard link.
 */
export type DashboardLinkPlacement = 'inControlsMenu';
/**
 * A value mapping.
 */
export type ValueMapping = ValueMap | RangeMap | RegexMap | SpecialValueMap;
/**
 * Special values a mapping can match.
 */
export type SpecialValueMatch = 'true' | 'false' | 'null' | 'nan' | 'null+nan' | 'empty';
/**
 * Whether step values are absolute or percentages of min..max.
 */
export type ThresholdsMode = 'absolute' | 'percentage';
/**
 * Colour scheme.
 */
export type FieldColorModeId =
  | 'thresholds'
  | 'palette-classic'
  | 'palette-classic-by-name'
  | 'continuous-GrYlRd'
  | 'continuous-RdYlGr'
  | 'continuous-BlYlRd'
  | 'continuous-YlRd'
  | 'continuous-BlPu'
  | 'continuous-YlBl'
  | 'continuous-blues'
  | 'continuous-reds'
  | 'continuous-greens'
  | 'continuous-purples'
  | 'fixed'
  | 'shades';
/**
 * Which value picks the colour of a series in continuous modes.
 */
export type FieldColorSeriesByMode = 'min' | 'max' | 'last';

/**
 * A classic Grafana dashboard (JSON model, schemaVersion 42) as grafts emits it.
 */
export interface Dashboard {
  /**
   * Database id; null or absent for a new dashboard.
   */
  id?: number | null;
  /**
   * Stable unique identifier.
   */
  uid?: string;
  /**
   * Dashboard title.
   */
  title?: string;
  /**
   * Dashboard description.
   */
  description?: string;
  /**
   * Tags used for search and dashboard links.
   */
  tags?: string[];
  /**
   * "browser", "utc" or an IANA time zone.
   */
  timezone?: string;
  /**
   * Whether the dashboard can be edited in the UI.
   */
  editable?: boolean;
  graphTooltip?: DashboardCursorSync;
  /**
   * Default time range.
   */
  time?: {
    /**
     * Start, e.g. "now-6h".
     */
    from: string;
    /**
     * End, e.g. "now".
     */
    to: string;
  };
  timepicker?: TimePickerConfig;
  /**
   * First month of the fiscal year, 0 = January.
   */
  fiscalYearStartMonth?: number;
  /**
   * Continuously re-render time series panels.
   */
  liveNow?: boolean;
  /**
   * First day of the week, e.g. "monday"; empty means browser default.
   */
  weekStart?: string;
  /**
   * Auto-refresh interval, e.g. "30s"; empty disables it.
   */
  refresh?: string;
  /**
   * Version of the dashboard JSON model; grafts emits 42.
   */
  schemaVersion: number;
  /**
   * Revision counter maintained by Grafana.
   */
  version?: number;
  /**
   * Top-level panels and rows in layout order.
   */
  panels?: (Panel | RowPanel | LibraryPanelReference)[];
  /**
   * Template variables.
   */
  templating: {
    list?: VariableModel[];
  };
  /**
   * Annotation queries.
   */
  annotations: {
    list?: AnnotationQuery[];
  };
  /**
   * Links shown in the dashboard header.
   */
  links?: DashboardLink[];
  /**
   * grafana.com dashboard id this one was imported from.
   */
  gnetId?: string;
  /**
   * grafana.com revision of the imported dashboard.
   */
  revision?: number;
}
/**
 * Time picker settings.
 */
export interface TimePickerConfig {
  /**
   * Hide the time picker.
   */
  hidden?: boolean;
  /**
   * Choices offered in the refresh picker.
   */
  refresh_intervals?: string[];
  /**
   * Custom quick ranges.
   */
  quick_ranges?: TimeOption[];
  /**
   * Shift "now" back by this much, e.g. "1m".
   */
  nowDelay?: string;
}
/**
 * A quick time range.
 */
export interface TimeOption {
  display: string;
  from: string;
  to: string;
}
/**
 * Values come from a data source query.
 */
export interface QueryVariable {
  type: 'query';
  /**
   * Variable name, referenced as $name in queries and titles.
   */
  name: string;
  /**
   * Label shown in the variable picker instead of the name.
   */
  label?: string;
  /**
   * Tooltip text for the picker.
   */
  description?: string;
  hide?: VariableHide;
  /**
   * Do not sync the value to the URL.
   */
  skipUrlSync?: boolean;
  datasource?: DataSourceRef;
  /**
   * Query text, or a data-source specific query object.
   */
  query?:
    | string
    | {
        [k: string]: unknown;
      };
  /**
   * Human-readable form of the query.
   */
  definition?: string;
  refresh?: VariableRefresh;
  /**
   * Regex that filters or extracts values.
   */
  regex?: string;
  sort?: VariableSort;
  /**
   * Allow selecting several values.
   */
  multi?: boolean;
  /**
   * Offer an "All" option.
   */
  includeAll?: boolean;
  /**
   * Custom value used when "All" is selected.
   */
  allValue?: string;
  /**
   * Allow values that are not in the list.
   */
  allowCustomValue?: boolean;
  current?: VariableOption;
  /**
   * Known options (usually empty; filled by Grafana).
   */
  options?: VariableOption[];
}
/**
 * Reference to a data source.
 */
export interface DataSourceRef {
  /**
   * Data source plugin id, e.g. "prometheus".
   */
  type?: string;
  /**
   * Data source uid, or a variable such as "${datasource}".
   */
  uid?: string;
}
/**
 * A variable option or selection.
 */
export interface VariableOption {
  selected?: boolean;
  /**
   * Displayed text.
   */
  text: string | string[];
  /**
   * Value, or values for multi-select.
   */
  value: string | string[];
}
/**
 * Values are the data sources of a plugin type.
 */
export interface DatasourceVariable {
  type: 'datasource';
  /**
   * Variable name, referenced as $name in queries and titles.
   */
  name: string;
  /**
   * Label shown in the variable picker instead of the name.
   */
  label?: string;
  /**
   * Tooltip text for the picker.
   */
  description?: string;
  hide?: VariableHide;
  /**
   * Do not sync the value to the URL.
   */
  skipUrlSync?: boolean;
  /**
   * Data source plugin id, e.g. "prometheus".
   */
  query?: string;
  /**
   * Regex filtering data source names.
   */
  regex?: string;
  refresh?: VariableRefresh;
  /**
   * Allow selecting several values.
   */
  multi?: boolean;
  /**
   * Offer an "All" option.
   */
  includeAll?: boolean;
  /**
   * Custom value used when "All" is selected.
   */
  allValue?: string;
  current?: VariableOption;
  /**
   * Known options (usually empty; filled by Grafana).
   */
  options?: VariableOption[];
}
/**
 * Values are a fixed comma-separated list.
 */
export interface CustomVariable {
  type: 'custom';
  /**
   * Variable name, referenced as $name in queries and titles.
   */
  name: string;
  /**
   * Label shown in the variable picker instead of the name.
   */
  label?: string;
  /**
   * Tooltip text for the picker.
   */
  description?: string;
  hide?: VariableHide;
  /**
   * Do not sync the value to the URL.
   */
  skipUrlSync?: boolean;
  /**
   * Comma-separated values; "text : value" pairs allowed.
   */
  query?: string;
  /**
   * Allow selecting several values.
   */
  multi?: boolean;
  /**
   * Offer an "All" option.
   */
  includeAll?: boolean;
  /**
   * Custom value used when "All" is selected.
   */
  allValue?: string;
  /**
   * Allow values that are not in the list.
   */
  allowCustomValue?: boolean;
  current?: VariableOption;
  /**
   * Known options (usually empty; filled by Grafana).
   */
  options?: VariableOption[];
}
/**
 * Values are time intervals.
 */
export interface IntervalVariable {
  type: 'interval';
  /**
   * Variable name, referenced as $name in queries and titles.
   */
  name: string;
  /**
   * Label shown in the variable picker instead of the name.
   */
  label?: string;
  /**
   * Tooltip text for the picker.
   */
  description?: string;
  hide?: VariableHide;
  /**
   * Do not sync the value to the URL.
   */
  skipUrlSync?: boolean;
  /**
   * Comma-separated intervals, e.g. "1m,5m,1h".
   */
  query?: string;
  /**
   * Add an "auto" option.
   */
  auto?: boolean;
  /**
   * Lower bound for "auto".
   */
  auto_min?: string;
  /**
   * Number of steps the time range is divided into for "auto".
   */
  auto_count?: number;
  refresh?: VariableRefresh;
  current?: VariableOption;
  /**
   * Known options (usually empty; filled by Grafana).
   */
  options?: VariableOption[];
}
/**
 * A hidden constant.
 */
export interface ConstantVariable {
  type: 'constant';
  /**
   * Variable name, referenced as $name in queries and titles.
   */
  name: string;
  /**
   * Label shown in the variable picker instead of the name.
   */
  label?: string;
  /**
   * Tooltip text for the picker.
   */
  description?: string;
  hide?: VariableHide;
  /**
   * Do not sync the value to the URL.
   */
  skipUrlSync?: boolean;
  /**
   * The constant value.
   */
  query?: string;
  current?: VariableOption;
  /**
   * Known options (usually empty; filled by Grafana).
   */
  options?: VariableOption[];
}
/**
 * Free text input.
 */
export interface TextboxVariable {
  type: 'textbox';
  /**
   * Variable name, referenced as $name in queries and titles.
   */
  name: string;
  /**
   * Label shown in the variable picker instead of the name.
   */
  label?: string;
  /**
   * Tooltip text for the picker.
   */
  description?: string;
  hide?: VariableHide;
  /**
   * Do not sync the value to the URL.
   */
  skipUrlSync?: boolean;
  /**
   * Default value.
   */
  query?: string;
  current?: VariableOption;
  /**
   * Known options (usually empty; filled by Grafana).
   */
  options?: VariableOption[];
}
/**
 * Ad hoc label filters applied to queries of a data source.
 */
export interface AdhocVariable {
  type: 'adhoc';
  /**
   * Variable name, referenced as $name in queries and titles.
   */
  name: string;
  /**
   * Label shown in the variable picker instead of the name.
   */
  label?: string;
  /**
   * Tooltip text for the picker.
   */
  description?: string;
  hide?: VariableHide;
  /**
   * Do not sync the value to the URL.
   */
  skipUrlSync?: boolean;
  datasource?: DataSourceRef;
  /**
   * Filters currently set.
   */
  filters?: AdHocVariableFilter[];
  /**
   * Filters always applied.
   */
  baseFilters?: AdHocVariableFilter[];
  /**
   * Allow keys and values that are not suggested.
   */
  allowCustomValue?: boolean;
  current?: VariableOption;
  /**
   * Known options (usually empty; filled by Grafana).
   */
  options?: VariableOption[];
}
/**
 * One ad hoc filter.
 */
export interface AdHocVariableFilter {
  key: string;
  /**
   * e.g. "=", "!=", "=~".
   */
  operator: string;
  value: string;
  /**
   * Values for multi-value operators.
   */
  values?: string[];
  condition?: string;
}
/**
 * An annotation source.
 */
export interface AnnotationQuery {
  name: string;
  datasource?: DataSourceRef;
  /**
   * Enabled by default.
   */
  enable: boolean;
  /**
   * Hide the toggle.
   */
  hide?: boolean;
  /**
   * Colour of the annotation markers.
   */
  iconColor: string;
  filter?: AnnotationPanelFilter;
  /**
   * Data-source specific query.
   */
  target?: {
    [k: string]: unknown;
  };
  /**
   * Query expression (Prometheus, Loki).
   */
  expr?: string;
  /**
   * Title template.
   */
  titleFormat?: string;
  /**
   * Text template.
   */
  textFormat?: string;
  /**
   * Comma-separated label names turned into tags.
   */
  tagKeys?: string;
  /**
   * Query step.
   */
  step?: string;
  /**
   * Use series values as timestamps.
   */
  useValueForTime?: boolean;
  /**
   * 1 for the built-in Grafana annotations.
   */
  builtIn?: number;
  /**
   * Annotation type, e.g. "dashboard", "tags".
   */
  type?: string;
}
/**
 * Restrict an annotation to some panels.
 */
export interface AnnotationPanelFilter {
  /**
   * Show on all panels except these.
   */
  exclude?: boolean;
  /**
   * Panel ids.
   */
  ids: number[];
}
/**
 * A link in the dashboard header.
 */
export interface DashboardLink {
  title: string;
  type: DashboardLinkType;
  /**
   * Icon name, e.g. "external link".
   */
  icon: string;
  tooltip: string;
  /**
   * Target URL for type "link".
   */
  url?: string;
  /**
   * For type "dashboards": link dashboards having these tags.
   */
  tags: string[];
  /**
   * Show matching dashboards in a dropdown.
   */
  asDropdown: boolean;
  /**
   * Open in a new tab.
   */
  targetBlank: boolean;
  /**
   * Carry current variable values.
   */
  includeVars: boolean;
  /**
   * Carry the current time range.
   */
  keepTime: boolean;
  placement?: DashboardLinkPlacement;
}
/**
 * A visualisation panel. The shape of options and fieldConfig.defaults.custom depends on type.
 */
export interface Panel {
  /**
   * Panel plugin id, e.g. "timeseries".
   */
  type: string;
  /**
   * Panel id, unique within the dashboard.
   */
  id?: number;
  /**
   * Panel title.
   */
  title?: string;
  /**
   * Panel description, shown as a tooltip.
   */
  description?: string;
  /**
   * Render without a background.
   */
  transparent?: boolean;
  datasource?: DataSourceRef;
  gridPos?: GridPos;
  /**
   * Links in the panel header.
   */
  links?: DataLink[];
  /**
   * Name of the variable to repeat this panel for.
   */
  repeat?: string;
  /**
   * Repeat horizontally or vertically.
   */
  repeatDirection?: 'h' | 'v';
  /**
   * Maximum repeated panels per row.
   */
  maxPerRow?: number;
  /**
   * Upper bound on data points per series.
   */
  maxDataPoints?: number;
  /**
   * Transformations applied to query results, in order.
   */
  transformations?: DataTransformerConfig[];
  /**
   * Minimum query interval, e.g. "1m".
   */
  interval?: string;
  /**
   * Relative time override, e.g. "1h".
   */
  timeFrom?: string;
  /**
   * Time shift, e.g. "1d".
   */
  timeShift?: string;
  /**
   * Hide the time override note in the header.
   */
  hideTimeOverride?: boolean;
  libraryPanel?: LibraryPanelRef;
  /**
   * Query cache timeout.
   */
  cacheTimeout?: string;
  /**
   * Query cache time to live in milliseconds.
   */
  queryCachingTTL?: number;
  /**
   * Version of the panel plugin that last saved this panel.
   */
  pluginVersion?: string;
  /**
   * Queries.
   */
  targets?: Target[];
  /**
   * Panel options; see the *Options types for each panel kind.
   */
  options?: {
    [k: string]: unknown;
  };
  fieldConfig?: FieldConfigSource;
}
/**
 * Position and size on the 24-column grid.
 */
export interface GridPos {
  /**
   * Height in grid units.
   */
  h: number;
  /**
   * Width in columns.
   */
  w: number;
  /**
   * Column, 0-based.
   */
  x: number;
  /**
   * Row, 0-based.
   */
  y: number;
  /**
   * Panel cannot be moved or resized.
   */
  static?: boolean;
}
/**
 * A link on a panel or field.
 */
export interface DataLink {
  title: string;
  /**
   * Target URL; may contain variables.
   */
  url: string;
  /**
   * Open in a new tab.
   */
  targetBlank?: boolean;
  internal?: InternalDataLink;
}
/**
 * The target of a link that opens a query on a data source of the same Grafana (Explore, or a split view) instead of a URL; `url` is then empty.
 */
export interface InternalDataLink {
  /**
   * Uid of the data source the query runs on.
   */
  datasourceUid: string;
  /**
   * Name of that data source, as shown in the link.
   */
  datasourceName?: string;
  /**
   * The query, as that data source's plugin stores it (without refId); may contain ${__value.raw} and other data link variables.
   */
  query: {
    [k: string]: unknown;
  };
}
/**
 * One transformation step.
 */
export interface DataTransformerConfig {
  /**
   * Transformer id, e.g. "organize".
   */
  id: string;
  /**
   * Transformer-specific options.
   */
  options: {
    [k: string]: unknown;
  };
  /**
   * Skip this step.
   */
  disabled?: boolean;
  filter?: MatcherConfig;
  /**
   * Which data the step applies to.
   */
  topic?: 'series' | 'annotations' | 'alertStates';
}
/**
 * Field or frame matcher.
 */
export interface MatcherConfig {
  /**
   * Matcher id, e.g. "byName", "byRegexp".
   */
  id: string;
  /**
   * Matcher argument, e.g. the field name.
   */
  options?: unknown;
}
/**
 * Reference to a library panel.
 */
export interface LibraryPanelRef {
  name: string;
  uid: string;
}
/**
 * Field defaults plus per-field overrides.
 */
export interface FieldConfigSource {
  defaults: FieldConfig;
  overrides: FieldOverride[];
}
/**
 * Display settings shared by all panel kinds.
 */
export interface FieldConfig {
  /**
   * Overrides the field name in the display.
   */
  displayName?: string;
  /**
   * Display name as given by the data source.
   */
  displayNameFromDS?: string;
  /**
   * Field description.
   */
  description?: string;
  /**
   * Unit id, e.g. "percent", "bytes", "s".
   */
  unit?: string;
  /**
   * Number of decimals.
   */
  decimals?: number;
  /**
   * Minimum used for percentage thresholds and gauges.
   */
  min?: number;
  /**
   * Maximum used for percentage thresholds and gauges.
   */
  max?: number;
  /**
   * Value to text/colour mappings.
   */
  mappings?: ValueMapping[];
  thresholds?: ThresholdsConfig;
  color?: FieldColor;
  /**
   * Data links.
   */
  links?: DataLink[];
  /**
   * Text shown when there is no value.
   */
  noValue?: string;
  /**
   * Panel-kind specific settings; see the *FieldConfig types.
   */
  custom?: {
    [k: string]: unknown;
  };
  /**
   * Compute min/max per field rather than across fields.
   */
  fieldMinMax?: boolean;
}
/**
 * Maps exact values.
 */
export interface ValueMap {
  type: 'value';
  /**
   * Result per value.
   */
  options: {
    [k: string]: ValueMappingResult;
  };
}
/**
 * What a mapped value becomes.
 */
export interface ValueMappingResult {
  text?: string;
  color?: string;
  icon?: string;
  /**
   * Order in the legend.
   */
  index?: number;
}
/**
 * Maps a numeric range.
 */
export interface RangeMap {
  type: 'range';
  options: {
    /**
     * Inclusive lower bound; null for unbounded.
     */
    from: number | null;
    /**
     * Inclusive upper bound; null for unbounded.
     */
    to: number | null;
    result: ValueMappingResult;
  };
}
/**
 * Maps values matching a regular expression.
 */
export interface RegexMap {
  type: 'regex';
  options: {
    pattern: string;
    result: ValueMappingResult;
  };
}
/**
 * Maps special values such as null or NaN.
 */
export interface SpecialValueMap {
  type: 'special';
  options: {
    match: SpecialValueMatch;
    result: ValueMappingResult;
  };
}
/**
 * Thresholds.
 */
export interface ThresholdsConfig {
  mode: ThresholdsMode;
  /**
   * Steps in ascending order; the first has value null (base).
   */
  steps: Threshold[];
}
/**
 * One threshold step.
 */
export interface Threshold {
  /**
   * Lower bound; null for the base step.
   */
  value: number | null;
  /**
   * Colour name or hex.
   */
  color: string;
}
/**
 * How field colours are chosen.
 */
export interface FieldColor {
  mode: FieldColorModeId;
  /**
   * Colour for mode "fixed" and "shades".
   */
  fixedColor?: string;
  seriesBy?: FieldColorSeriesByMode;
}
/**
 * Properties applied to the fields a matcher selects.
 */
export interface FieldOverride {
  matcher: MatcherConfig;
  properties: DynamicConfigValue[];
}
/**
 * One overridden property.
 */
export interface DynamicConfigValue {
  /**
   * Property path, e.g. "unit" or "custom.lineWidth".
   */
  id: string;
  /**
   * New value.
   */
  value?: unknown;
}
/**
 * A library panel placed on the dashboard: Grafana stores only the reference and its position, and fills in the panel when the dashboard loads.
 */
export interface LibraryPanelReference {
  /**
   * Panel id, unique within the dashboard.
   */
  id?: number;
  /**
   * Panel title.
   */
  title?: string;
  gridPos?: GridPos;
  libraryPanel: LibraryPanelRef;
}
/**
 * A row. Collapsed rows carry their panels; expanded rows have panels: [] and are followed by them.
 */
export interface RowPanel {
  type: 'row';
  /**
   * Panel id, unique within the dashboard.
   */
  id: number;
  /**
   * Row title.
   */
  title?: string;
  /**
   * Whether the row is collapsed.
   */
  collapsed: boolean;
  gridPos?: GridPos;
  /**
   * Panels inside a collapsed row.
   */
  panels: (Panel | LibraryPanelReference)[];
  /**
   * Name of the variable to repeat this row for.
   */
  repeat?: string;
  datasource?: DataSourceRef;
}
