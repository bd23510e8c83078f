// Code generated from schemas/panels.schema.json by scripts/gen-types.ts. DO NOT EDIT.

/**
 * Legend layout.
 */
export type LegendDisplayMode = 'list' | 'table' | 'hidden';
/**
 * Legend position.
 */
export type LegendPlacement = 'bottom' | 'right';
/**
 * Which series the tooltip shows.
 */
export type TooltipDisplayMode = 'single' | 'multi' | 'none';
/**
 * Sort order of series in tooltips.
 */
export type SortOrder = 'asc' | 'desc' | 'none';
/**
 * Layout orientation.
 */
export type VizOrientation = 'auto' | 'vertical' | 'horizontal';
/**
 * When something is shown.
 */
export type VisibilityMode = 'auto' | 'never' | 'always';
/**
 * Where an axis is drawn.
 */
export type AxisPlacement = 'auto' | 'top' | 'right' | 'bottom' | 'left' | 'hidden';
/**
 * Axis colour: text colour or series colour.
 */
export type AxisColorMode = 'text' | 'series';
/**
 * Axis scale type.
 */
export type ScaleDistribution = 'linear' | 'log' | 'ordinal' | 'symlog';
/**
 * How series are drawn.
 */
export type GraphDrawStyle = 'line' | 'bars' | 'points';
/**
 * How points are joined.
 */
export type LineInterpolation = 'linear' | 'smooth' | 'stepBefore' | 'stepAfter';
/**
 * Gradient applied to fills.
 */
export type GraphGradientMode = 'none' | 'opacity' | 'hue' | 'scheme';
/**
 * Series transform.
 */
export type GraphTransform = 'constant' | 'negative-Y';
/**
 * How thresholds are drawn.
 */
export type GraphThresholdsStyleMode =
  'off' | 'line' | 'dashed' | 'area' | 'line+area' | 'dashed+area' | 'series';
/**
 * Bar position relative to the point: -1 before, 0 centered, 1 after.
 */
export type BarAlignment = -1 | 0 | 1;
/**
 * Stacking mode.
 */
export type StackingMode = 'none' | 'normal' | 'percent';
/**
 * What the stat colour applies to.
 */
export type BigValueColorMode = 'value' | 'background' | 'background_solid' | 'none';
/**
 * Sparkline behind the stat value.
 */
export type BigValueGraphMode = 'none' | 'line' | 'area';
/**
 * Alignment of the stat value.
 */
export type BigValueJustifyMode = 'auto' | 'center';
/**
 * What text the stat shows.
 */
export type BigValueTextMode = 'auto' | 'value' | 'value_and_name' | 'name' | 'none';
/**
 * Colouring of the percent change.
 */
export type PercentChangeColorMode = 'standard' | 'inverted' | 'same_as_value';
/**
 * Automatic or manual bar/gauge size.
 */
export type BarGaugeSizing = 'auto' | 'manual';
/**
 * Bar gauge style.
 */
export type BarGaugeDisplayMode = 'basic' | 'lcd' | 'gradient';
/**
 * How the value is shown next to the bar.
 */
export type BarGaugeValueMode = 'color' | 'text' | 'hidden';
/**
 * Where the series name goes.
 */
export type BarGaugeNamePlacement = 'auto' | 'top' | 'left' | 'hidden';
/**
 * Table row height.
 */
export type TableCellHeight = 'sm' | 'md' | 'lg' | 'auto';
/**
 * Text alignment in a column.
 */
export type FieldTextAlignment = 'auto' | 'left' | 'right' | 'center';
/**
 * Cell type ids (legacy displayMode and cellOptions.type).
 */
export type TableCellDisplayMode =
  | 'auto'
  | 'color-text'
  | 'color-background'
  | 'color-background-solid'
  | 'gradient-gauge'
  | 'lcd-gauge'
  | 'json-view'
  | 'basic'
  | 'image'
  | 'gauge'
  | 'sparkline'
  | 'data-links'
  | 'custom'
  | 'actions';
/**
 * Background style of coloured cells.
 */
export type TableCellBackgroundDisplayMode = 'basic' | 'gradient';
/**
 * How cells of a column render, discriminated by type. Extra keys are tolerated.
 */
export type TableCellOptions =
  | TableAutoCellOptions
  | TableColorTextCellOptions
  | TableColoredBackgroundCellOptions
  | TableBarGaugeCellOptions
  | TableSparklineCellOptions
  | TableImageCellOptions
  | TableDataLinksCellOptions
  | TableActionsCellOptions
  | TableJsonViewCellOptions;
/**
 * How text panel content is rendered.
 */
export type TextMode = 'markdown' | 'html' | 'code';
/**
 * Highlighting language in code mode.
 */
export type CodeLanguage =
  'json' | 'yaml' | 'xml' | 'typescript' | 'sql' | 'go' | 'markdown' | 'html' | 'plaintext';
/**
 * Log line order.
 */
export type LogsSortOrder = 'Descending' | 'Ascending';
/**
 * Deduplication of log lines.
 */
export type LogsDedupStrategy = 'none' | 'exact' | 'numbers' | 'signature';
/**
 * Colouring of heatmap cells.
 */
export type HeatmapColorMode = 'opacity' | 'scheme';
/**
 * Scale of the opacity mode.
 */
export type HeatmapColorScale = 'linear' | 'exponential';
/**
 * Whether bucket values are upper or lower bounds.
 */
export type HeatmapCellLayout = 'le' | 'ge' | 'unknown' | 'auto';
/**
 * Bucket by size or by count.
 */
export type HeatmapCalculationMode = 'size' | 'count';
/**
 * Drag-to-select direction.
 */
export type HeatmapSelectionMode = 'x' | 'y' | 'xy';
/**
 * Pie or donut.
 */
export type PieChartType = 'pie' | 'donut';
/**
 * Label shown on slices.
 */
export type PieChartLabels = 'name' | 'value' | 'percent';
/**
 * Values shown in the pie legend.
 */
export type PieChartLegendValues = 'value' | 'percent';
/**
 * Alignment of values in state regions.
 */
export type TimelineValueAlignment = 'center' | 'left' | 'right';

/**
 * Legend options.
 */
export interface VizLegendOptions {
  displayMode: LegendDisplayMode;
  placement: LegendPlacement;
  showLegend: boolean;
  /**
   * Reducers shown as legend values, e.g. "mean", "lastNotNull".
   */
  calcs: string[];
  asTable?: boolean;
  isVisible?: boolean;
  /**
   * Legend column to sort by.
   */
  sortBy?: string;
  sortDesc?: boolean;
  /**
   * Legend width when placed on the right.
   */
  width?: number;
}
/**
 * Tooltip options.
 */
export interface VizTooltipOptions {
  mode: TooltipDisplayMode;
  sort: SortOrder;
  maxWidth?: number;
  maxHeight?: number;
  /**
   * Leave out series whose value is zero.
   */
  hideZeros?: boolean;
}
/**
 * How series are reduced to single values.
 */
export interface ReduceDataOptions {
  /**
   * Show every row instead of reducing.
   */
  values?: boolean;
  /**
   * Maximum number of rows when values is true.
   */
  limit?: number;
  /**
   * Reducer ids, e.g. "lastNotNull".
   */
  calcs: string[];
  /**
   * Regex selecting the fields to reduce; empty means numeric fields.
   */
  fields?: string;
}
/**
 * Explicit text sizes.
 */
export interface VizTextDisplayOptions {
  /**
   * Title size in pixels.
   */
  titleSize?: number;
  /**
   * Value size in pixels.
   */
  valueSize?: number;
  /**
   * Percent change size in pixels.
   */
  percentSize?: number;
}
/**
 * Axis scale.
 */
export interface ScaleDistributionConfig {
  type: ScaleDistribution;
  /**
   * Log base (2 or 10).
   */
  log?: number;
  /**
   * Range around zero that stays linear (symlog).
   */
  linearThreshold?: number;
}
/**
 * Line dash style.
 */
export interface LineStyle {
  fill?: 'solid' | 'dash' | 'dot' | 'square';
  /**
   * Dash pattern in pixels.
   */
  dash?: number[];
}
/**
 * Threshold drawing.
 */
export interface GraphThresholdsStyleConfig {
  mode: GraphThresholdsStyleMode;
}
/**
 * Series stacking.
 */
export interface StackingConfig {
  mode?: StackingMode;
  /**
   * Series with the same group stack together.
   */
  group?: string;
}
/**
 * Hide a series from parts of the panel.
 */
export interface HideSeriesConfig {
  tooltip: boolean;
  legend: boolean;
  viz: boolean;
}
/**
 * Options of the "timeseries" panel.
 */
export interface TimeseriesOptions {
  legend?: VizLegendOptions;
  tooltip?: VizTooltipOptions;
  /**
   * Time zones shown on the x axis.
   */
  timezone?: string[];
  orientation?: VizOrientation;
}
/**
 * fieldConfig.defaults.custom of the "timeseries" panel.
 */
export interface TimeseriesFieldConfig {
  drawStyle?: GraphDrawStyle;
  gradientMode?: GraphGradientMode;
  thresholdsStyle?: GraphThresholdsStyleConfig;
  transform?: GraphTransform;
  lineColor?: string;
  /**
   * Line width in pixels.
   */
  lineWidth?: number;
  lineInterpolation?: LineInterpolation;
  lineStyle?: LineStyle;
  fillColor?: string;
  /**
   * Fill opacity, 0-100.
   */
  fillOpacity?: number;
  /**
   * Fill down to the series with this name.
   */
  fillBelowTo?: string;
  showPoints?: VisibilityMode;
  /**
   * Point size in pixels.
   */
  pointSize?: number;
  pointColor?: string;
  pointSymbol?: string;
  axisPlacement?: AxisPlacement;
  axisColorMode?: AxisColorMode;
  /**
   * Axis label.
   */
  axisLabel?: string;
  /**
   * Axis width in pixels.
   */
  axisWidth?: number;
  /**
   * Soft minimum; data may extend it.
   */
  axisSoftMin?: number;
  /**
   * Soft maximum; data may extend it.
   */
  axisSoftMax?: number;
  /**
   * Show grid lines.
   */
  axisGridShow?: boolean;
  /**
   * Center the axis on zero.
   */
  axisCenteredZero?: boolean;
  /**
   * Draw the axis border.
   */
  axisBorderShow?: boolean;
  scaleDistribution?: ScaleDistributionConfig;
  barAlignment?: BarAlignment;
  /**
   * Bar width relative to the interval.
   */
  barWidthFactor?: number;
  /**
   * Maximum bar width in pixels.
   */
  barMaxWidth?: number;
  stacking?: StackingConfig;
  hideFrom?: HideSeriesConfig;
  /**
   * Insert nulls into gaps longer than this (ms), or false.
   */
  insertNulls?: boolean | number;
  /**
   * Connect across nulls: true, false, or a maximum gap in ms.
   */
  spanNulls?: boolean | number;
}
/**
 * Options of the "stat" panel.
 */
export interface StatOptions {
  graphMode?: BigValueGraphMode;
  colorMode?: BigValueColorMode;
  justifyMode?: BigValueJustifyMode;
  textMode?: BigValueTextMode;
  /**
   * Put name and value side by side when wide.
   */
  wideLayout?: boolean;
  /**
   * Show the change over the time range.
   */
  showPercentChange?: boolean;
  percentChangeColorMode?: PercentChangeColorMode;
  reduceOptions?: ReduceDataOptions;
  text?: VizTextDisplayOptions;
  orientation?: VizOrientation;
}
/**
 * Options of the "gauge" panel.
 */
export interface GaugeOptions {
  showThresholdLabels?: boolean;
  showThresholdMarkers?: boolean;
  sizing?: BarGaugeSizing;
  /**
   * Minimum gauge width with manual sizing.
   */
  minVizWidth?: number;
  /**
   * Minimum gauge height with manual sizing.
   */
  minVizHeight?: number;
  reduceOptions?: ReduceDataOptions;
  text?: VizTextDisplayOptions;
  orientation?: VizOrientation;
}
/**
 * Options of the "bargauge" panel.
 */
export interface BarGaugeOptions {
  displayMode?: BarGaugeDisplayMode;
  valueMode?: BarGaugeValueMode;
  namePlacement?: BarGaugeNamePlacement;
  /**
   * Draw the unfilled part of the bar.
   */
  showUnfilled?: boolean;
  sizing?: BarGaugeSizing;
  minVizWidth?: number;
  minVizHeight?: number;
  maxVizHeight?: number;
  legend?: VizLegendOptions;
  reduceOptions?: ReduceDataOptions;
  text?: VizTextDisplayOptions;
  orientation?: VizOrientation;
}
/**
 * Initial sort of a table column.
 */
export interface TableSortByFieldState {
  displayName: string;
  desc?: boolean;
}
/**
 * Table footer.
 */
export interface TableFooterOptions {
  show?: boolean;
  /**
   * Reducer ids; Grafana uses the first.
   */
  reducer?: string[];
  /**
   * Fields to reduce; empty means all numeric fields.
   */
  fields?: string[];
  enablePagination?: boolean;
  countRows?: boolean;
}
/**
 * Options of the "table" panel.
 */
export interface TableOptions {
  /**
   * Which frame to show when there are several.
   */
  frameIndex?: number;
  showHeader?: boolean;
  showTypeIcons?: boolean;
  sortBy?: TableSortByFieldState[];
  footer?: TableFooterOptions;
  cellHeight?: TableCellHeight;
}
/**
 * Plain cell.
 */
export interface TableAutoCellOptions {
  type: 'auto';
  wrapText?: boolean;
  [k: string]: unknown;
}
/**
 * Coloured text.
 */
export interface TableColorTextCellOptions {
  type: 'color-text';
  wrapText?: boolean;
  [k: string]: unknown;
}
/**
 * Coloured background.
 */
export interface TableColoredBackgroundCellOptions {
  type: 'color-background';
  mode?: TableCellBackgroundDisplayMode;
  /**
   * Colour the whole row.
   */
  applyToRow?: boolean;
  wrapText?: boolean;
  [k: string]: unknown;
}
/**
 * Bar gauge in the cell.
 */
export interface TableBarGaugeCellOptions {
  type: 'gauge';
  mode?: BarGaugeDisplayMode;
  valueDisplayMode?: BarGaugeValueMode;
  [k: string]: unknown;
}
/**
 * Sparkline in the cell.
 */
export interface TableSparklineCellOptions {
  type: 'sparkline';
  drawStyle?: GraphDrawStyle;
  gradientMode?: GraphGradientMode;
  thresholdsStyle?: GraphThresholdsStyleConfig;
  transform?: GraphTransform;
  lineColor?: string;
  /**
   * Line width in pixels.
   */
  lineWidth?: number;
  lineInterpolation?: LineInterpolation;
  lineStyle?: LineStyle;
  fillColor?: string;
  /**
   * Fill opacity, 0-100.
   */
  fillOpacity?: number;
  /**
   * Fill down to the series with this name.
   */
  fillBelowTo?: string;
  showPoints?: VisibilityMode;
  /**
   * Point size in pixels.
   */
  pointSize?: number;
  pointColor?: string;
  pointSymbol?: string;
  axisPlacement?: AxisPlacement;
  axisColorMode?: AxisColorMode;
  /**
   * Axis label.
   */
  axisLabel?: string;
  /**
   * Axis width in pixels.
   */
  axisWidth?: number;
  /**
   * Soft minimum; data may extend it.
   */
  axisSoftMin?: number;
  /**
   * Soft maximum; data may extend it.
   */
  axisSoftMax?: number;
  /**
   * Show grid lines.
   */
  axisGridShow?: boolean;
  /**
   * Center the axis on zero.
   */
  axisCenteredZero?: boolean;
  /**
   * Draw the axis border.
   */
  axisBorderShow?: boolean;
  scaleDistribution?: ScaleDistributionConfig;
  barAlignment?: BarAlignment;
  /**
   * Bar width relative to the interval.
   */
  barWidthFactor?: number;
  /**
   * Maximum bar width in pixels.
   */
  barMaxWidth?: number;
  stacking?: StackingConfig;
  hideFrom?: HideSeriesConfig;
  /**
   * Insert nulls into gaps longer than this (ms), or false.
   */
  insertNulls?: boolean | number;
  /**
   * Connect across nulls: true, false, or a maximum gap in ms.
   */
  spanNulls?: boolean | number;
  hideValue?: boolean;
  [k: string]: unknown;
}
/**
 * Image from a URL value.
 */
export interface TableImageCellOptions {
  type: 'image';
  alt?: string;
  title?: string;
  [k: string]: unknown;
}
/**
 * Data links as cell content.
 */
export interface TableDataLinksCellOptions {
  type: 'data-links';
  [k: string]: unknown;
}
/**
 * Action buttons.
 */
export interface TableActionsCellOptions {
  type: 'actions';
  [k: string]: unknown;
}
/**
 * JSON viewer.
 */
export interface TableJsonViewCellOptions {
  type: 'json-view';
  [k: string]: unknown;
}
/**
 * fieldConfig.defaults.custom of the "table" panel.
 */
export interface TableFieldConfig {
  /**
   * Column width in pixels.
   */
  width?: number;
  /**
   * Minimum column width in pixels.
   */
  minWidth?: number;
  align?: FieldTextAlignment;
  displayMode?: TableCellDisplayMode;
  cellOptions?: TableCellOptions;
  /**
   * Hide the column.
   */
  hidden?: boolean;
  /**
   * Allow inspecting cell values.
   */
  inspect?: boolean;
  /**
   * Show a column filter.
   */
  filterable?: boolean;
  hideHeader?: boolean;
}
/**
 * Code mode settings.
 */
export interface CodeOptions {
  language?: CodeLanguage;
  showLineNumbers?: boolean;
  showMiniMap?: boolean;
}
/**
 * Options of the "text" panel.
 */
export interface TextOptions {
  mode?: TextMode;
  /**
   * Panel content.
   */
  content?: string;
  code?: CodeOptions;
}
/**
 * Options of the "logs" panel.
 */
export interface LogsOptions {
  showTime?: boolean;
  /**
   * Show unique labels per line.
   */
  showLabels?: boolean;
  showCommonLabels?: boolean;
  showLogContextToggle?: boolean;
  wrapLogMessage?: boolean;
  /**
   * Pretty-print JSON lines.
   */
  prettifyLogMessage?: boolean;
  enableLogDetails?: boolean;
  enableInfiniteScrolling?: boolean;
  sortOrder?: LogsSortOrder;
  dedupStrategy?: LogsDedupStrategy;
  showControls?: boolean;
  showFieldSelector?: boolean;
  syntaxHighlighting?: boolean;
  fontSize?: 'default' | 'small';
  detailsMode?: 'inline' | 'sidebar';
}
/**
 * Heatmap colours.
 */
export interface HeatmapColorOptions {
  mode?: HeatmapColorMode;
  /**
   * Colour scheme name, e.g. "Oranges".
   */
  scheme?: string;
  /**
   * Base colour in opacity mode.
   */
  fill?: string;
  scale?: HeatmapColorScale;
  /**
   * Exponent of the exponential scale.
   */
  exponent?: number;
  /**
   * Number of colour steps.
   */
  steps?: number;
  reverse?: boolean;
  min?: number;
  max?: number;
}
/**
 * Bucketing along one axis.
 */
export interface HeatmapCalculationBucketConfig {
  mode?: HeatmapCalculationMode;
  /**
   * Bucket size or count.
   */
  value?: string;
  scale?: ScaleDistributionConfig;
}
/**
 * Bucketing when calculate is true.
 */
export interface HeatmapCalculationOptions {
  xBuckets?: HeatmapCalculationBucketConfig;
  yBuckets?: HeatmapCalculationBucketConfig;
}
/**
 * Hide cells outside this range.
 */
export interface HeatmapFilterValueRange {
  le?: number;
  ge?: number;
}
/**
 * Settings for pre-bucketed data.
 */
export interface HeatmapRowsFrameOptions {
  /**
   * Value field name.
   */
  value?: string;
  layout?: HeatmapCellLayout;
}
/**
 * Cell value display.
 */
export interface HeatmapCellValues {
  unit?: string;
  decimals?: number;
}
/**
 * Y axis of the heatmap.
 */
export interface HeatmapYAxisConfig {
  axisPlacement?: AxisPlacement;
  axisColorMode?: AxisColorMode;
  /**
   * Axis label.
   */
  axisLabel?: string;
  /**
   * Axis width in pixels.
   */
  axisWidth?: number;
  /**
   * Soft minimum; data may extend it.
   */
  axisSoftMin?: number;
  /**
   * Soft maximum; data may extend it.
   */
  axisSoftMax?: number;
  /**
   * Show grid lines.
   */
  axisGridShow?: boolean;
  /**
   * Center the axis on zero.
   */
  axisCenteredZero?: boolean;
  /**
   * Draw the axis border.
   */
  axisBorderShow?: boolean;
  scaleDistribution?: ScaleDistributionConfig;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  reverse?: boolean;
}
/**
 * Heatmap legend.
 */
export interface HeatmapLegend {
  show?: boolean;
}
/**
 * Heatmap tooltip.
 */
export interface HeatmapTooltip {
  mode?: TooltipDisplayMode;
  /**
   * Show a histogram of the y buckets.
   */
  yHistogram?: boolean;
  showColorScale?: boolean;
  maxWidth?: number;
  maxHeight?: number;
}
/**
 * Exemplar markers.
 */
export interface HeatmapExemplarConfig {
  color?: string;
}
/**
 * Options of the "heatmap" panel.
 */
export interface HeatmapOptions {
  /**
   * Bucket raw series in the panel.
   */
  calculate?: boolean;
  calculation?: HeatmapCalculationOptions;
  color?: HeatmapColorOptions;
  filterValues?: HeatmapFilterValueRange;
  rowsFrame?: HeatmapRowsFrameOptions;
  showValue?: VisibilityMode;
  /**
   * Gap between cells in pixels.
   */
  cellGap?: number;
  cellRadius?: number;
  cellValues?: HeatmapCellValues;
  yAxis?: HeatmapYAxisConfig;
  legend?: HeatmapLegend;
  tooltip?: HeatmapTooltip;
  exemplars?: HeatmapExemplarConfig;
  selectionMode?: HeatmapSelectionMode;
}
/**
 * fieldConfig.defaults.custom of the "heatmap" panel.
 */
export interface HeatmapFieldConfig {
  scaleDistribution?: ScaleDistributionConfig;
  hideFrom?: HideSeriesConfig;
}
/**
 * Pie chart legend.
 */
export interface PieChartLegendOptions {
  displayMode: LegendDisplayMode;
  placement: LegendPlacement;
  showLegend: boolean;
  values: PieChartLegendValues[];
  calcs: string[];
  asTable?: boolean;
  isVisible?: boolean;
  sortBy?: string;
  sortDesc?: boolean;
  width?: number;
}
/**
 * Options of the "piechart" panel.
 */
export interface PieChartOptions {
  pieType?: PieChartType;
  displayLabels?: PieChartLabels[];
  legend?: PieChartLegendOptions;
  tooltip?: VizTooltipOptions;
  reduceOptions?: ReduceDataOptions;
  text?: VizTextDisplayOptions;
  orientation?: VizOrientation;
}
/**
 * fieldConfig.defaults.custom of the "piechart" panel.
 */
export interface PieChartFieldConfig {
  hideFrom?: HideSeriesConfig;
}
/**
 * Options of the "state-timeline" panel.
 */
export interface StateTimelineOptions {
  showValue?: VisibilityMode;
  /**
   * Row height as a fraction of available space.
   */
  rowHeight?: number;
  /**
   * Draws a run of identical neighbouring values as a single span.
   */
  mergeValues?: boolean;
  alignValue?: TimelineValueAlignment;
  /**
   * Rows per page.
   */
  perPage?: number;
  legend?: VizLegendOptions;
  tooltip?: VizTooltipOptions;
  /**
   * Time zones shown on the x axis.
   */
  timezone?: string[];
}
/**
 * fieldConfig.defaults.custom of the "state-timeline" panel.
 */
export interface StateTimelineFieldConfig {
  /**
   * Border width.
   */
  lineWidth?: number;
  /**
   * Fill opacity, 0-100.
   */
  fillOpacity?: number;
  axisPlacement?: AxisPlacement;
  axisColorMode?: AxisColorMode;
  /**
   * Axis label.
   */
  axisLabel?: string;
  /**
   * Axis width in pixels.
   */
  axisWidth?: number;
  /**
   * Soft minimum; data may extend it.
   */
  axisSoftMin?: number;
  /**
   * Soft maximum; data may extend it.
   */
  axisSoftMax?: number;
  /**
   * Show grid lines.
   */
  axisGridShow?: boolean;
  /**
   * Center the axis on zero.
   */
  axisCenteredZero?: boolean;
  /**
   * Draw the axis border.
   */
  axisBorderShow?: boolean;
  scaleDistribution?: ScaleDistributionConfig;
  hideFrom?: HideSeriesConfig;
  /**
   * Connect across nulls: true, false, or a maximum gap in ms.
   */
  spanNulls?: boolean | number;
  /**
   * Insert nulls into gaps longer than this (ms), or false.
   */
  insertNulls?: boolean | number;
}
/**
 * Options of the "histogram" panel.
 */
export interface HistogramOptions {
  /**
   * Approximate number of buckets.
   */
  bucketCount?: number;
  /**
   * Bucket width.
   */
  bucketSize?: number;
  /**
   * Offset of the first bucket.
   */
  bucketOffset?: number;
  /**
   * Combine all series into one histogram.
   */
  combine?: boolean;
  legend?: VizLegendOptions;
  tooltip?: VizTooltipOptions;
}
/**
 * fieldConfig.defaults.custom of the "histogram" panel.
 */
export interface HistogramFieldConfig {
  lineWidth?: number;
  fillOpacity?: number;
  gradientMode?: GraphGradientMode;
  axisPlacement?: AxisPlacement;
  axisColorMode?: AxisColorMode;
  /**
   * Axis label.
   */
  axisLabel?: string;
  /**
   * Axis width in pixels.
   */
  axisWidth?: number;
  /**
   * Soft minimum; data may extend it.
   */
  axisSoftMin?: number;
  /**
   * Soft maximum; data may extend it.
   */
  axisSoftMax?: number;
  /**
   * Show grid lines.
   */
  axisGridShow?: boolean;
  /**
   * Center the axis on zero.
   */
  axisCenteredZero?: boolean;
  /**
   * Draw the axis border.
   */
  axisBorderShow?: boolean;
  scaleDistribution?: ScaleDistributionConfig;
  hideFrom?: HideSeriesConfig;
  stacking?: StackingConfig;
}
/**
 * Options of the "barchart" panel.
 */
export interface BarChartOptions {
  /**
   * Field used for the x axis.
   */
  xField?: string;
  /**
   * Field whose colour is applied to bars.
   */
  colorByField?: string;
  orientation?: VizOrientation;
  barRadius?: number;
  xTickLabelRotation?: number;
  xTickLabelMaxLength?: number;
  xTickLabelSpacing?: number;
  stacking?: StackingMode;
  showValue?: VisibilityMode;
  barWidth?: number;
  groupWidth?: number;
  /**
   * Highlight the whole group on hover.
   */
  fullHighlight?: boolean;
  legend?: VizLegendOptions;
  tooltip?: VizTooltipOptions;
  text?: VizTextDisplayOptions;
}
/**
 * fieldConfig.defaults.custom of the "barchart" panel.
 */
export interface BarChartFieldConfig {
  lineWidth?: number;
  fillOpacity?: number;
  gradientMode?: GraphGradientMode;
  axisPlacement?: AxisPlacement;
  axisColorMode?: AxisColorMode;
  /**
   * Axis label.
   */
  axisLabel?: string;
  /**
   * Axis width in pixels.
   */
  axisWidth?: number;
  /**
   * Soft minimum; data may extend it.
   */
  axisSoftMin?: number;
  /**
   * Soft maximum; data may extend it.
   */
  axisSoftMax?: number;
  /**
   * Show grid lines.
   */
  axisGridShow?: boolean;
  /**
   * Center the axis on zero.
   */
  axisCenteredZero?: boolean;
  /**
   * Draw the axis border.
   */
  axisBorderShow?: boolean;
  scaleDistribution?: ScaleDistributionConfig;
  hideFrom?: HideSeriesConfig;
  thresholdsStyle?: GraphThresholdsStyleConfig;
}
