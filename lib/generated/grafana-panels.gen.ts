// Code generated from schemas/grafana-panels.schema.json by scripts/gen-types.ts. DO NOT EDIT.

import type {
  AxisColorMode,
  AxisPlacement,
  BarAlignment,
  GraphDrawStyle,
  GraphGradientMode,
  GraphThresholdsStyleConfig,
  GraphTransform,
  HideSeriesConfig,
  LineInterpolation,
  LineStyle,
  ScaleDistributionConfig,
  StackingConfig,
  VisibilityMode,
  VizLegendOptions,
  VizTooltipOptions,
} from './panels.gen.js';
export type CandlestickVizDisplayMode = 'candles+volume' | 'candles' | 'volume';
export type CandlestickCandleStyle = 'candles' | 'ohlcbars';
export type CandlestickColorStrategy = 'open-close' | 'close-close';
export type CandlestickFieldConfig = CandlestickGraphFieldConfig;
export type CanvasHorizontalConstraint = 'left' | 'right' | 'leftright' | 'center' | 'scale';
export type CanvasVerticalConstraint = 'top' | 'bottom' | 'topbottom' | 'center' | 'scale';
export type CanvasBackgroundImageSize = 'original' | 'contain' | 'cover' | 'fill' | 'tile';
export type CanvasResourceDimensionMode = 'fixed' | 'field' | 'mapping';
export type CanvasHttpRequestMethod = 'GET' | 'POST' | 'PUT';
export type CanvasConnectionPath = 'straight';
export type CanvasScaleDimensionMode = 'linear' | 'quad';
export type GeomapFrameGeometrySourceMode = 'auto' | 'geohash' | 'coords' | 'lookup';
export type GeomapTooltipMode = 'none' | 'details';
export type GeomapMapCenterID = 'zero' | 'coords' | 'fit';
export type NodeGraphZoomMode = 'cooperative' | 'greedy';
/**
 * A specific timezone from https://en.wikipedia.org/wiki/Tz_database
 */
export type StatusHistoryTimeZone = string;
export type TrendFieldConfig = CandlestickGraphFieldConfig;
export type XYChartPointShape = 'circle' | 'square';
export type XYChartSeriesMapping = 'auto' | 'manual';
export type XYChartXYShowMode = 'points' | 'lines' | 'points+lines';

export interface AnnotationsListOptions {
  onlyFromThisDashboard?: boolean;
  onlyInTimeRange?: boolean;
  tags?: string[];
  limit?: number;
  showUser?: boolean;
  showTime?: boolean;
  showTags?: boolean;
  navigateToPanel?: boolean;
  navigateBefore?: string;
  navigateAfter?: string;
}
export interface CandlestickFieldMap {
  /**
   * Corresponds to the starting value of the given period
   */
  open?: string;
  /**
   * Corresponds to the highest value of the given period
   */
  high?: string;
  /**
   * Corresponds to the lowest value of the given period
   */
  low?: string;
  /**
   * Corresponds to the final (end) value of the given period
   */
  close?: string;
  /**
   * Corresponds to the sample count in the given period. (e.g. number of trades)
   */
  volume?: string;
}
export interface CandlestickColors {
  up: string;
  down: string;
  flat: string;
}
export interface CandlestickOptions {
  mode?: CandlestickVizDisplayMode;
  candleStyle?: CandlestickCandleStyle;
  colorStrategy?: CandlestickColorStrategy;
  fields?: CandlestickFieldMap;
  colors?: CandlestickColors;
  legend?: VizLegendOptions;
  tooltip?: VizTooltipOptions;
  /**
   * When enabled, all fields will be sent to the graph
   */
  includeAllFields?: boolean;
}
/**
 * TODO docs
 */
export interface CandlestickGraphFieldConfig {
  drawStyle?: GraphDrawStyle;
  gradientMode?: GraphGradientMode;
  thresholdsStyle?: GraphThresholdsStyleConfig;
  transform?: GraphTransform;
  lineColor?: string;
  lineWidth?: number;
  lineInterpolation?: LineInterpolation;
  lineStyle?: LineStyle;
  fillColor?: string;
  fillOpacity?: number;
  showPoints?: VisibilityMode;
  pointSize?: number;
  pointColor?: string;
  axisPlacement?: AxisPlacement;
  axisColorMode?: AxisColorMode;
  axisLabel?: string;
  axisWidth?: number;
  axisSoftMin?: number;
  axisSoftMax?: number;
  axisGridShow?: boolean;
  scaleDistribution?: ScaleDistributionConfig;
  axisCenteredZero?: boolean;
  barAlignment?: BarAlignment;
  barWidthFactor?: number;
  stacking?: StackingConfig;
  hideFrom?: HideSeriesConfig;
  insertNulls?: boolean | number;
  /**
   * Indicate if null values should be treated as gaps or connected.
   * When the value is a number, it represents the maximum delta in the
   * X axis that should be considered connected.  For timeseries, this is milliseconds
   */
  spanNulls?: boolean | number;
  fillBelowTo?: string;
  pointSymbol?: string;
  axisBorderShow?: boolean;
  barMaxWidth?: number;
}
export interface CanvasConstraint {
  horizontal?: CanvasHorizontalConstraint;
  vertical?: CanvasVerticalConstraint;
}
export interface CanvasPlacement {
  top?: number;
  left?: number;
  right?: number;
  bottom?: number;
  width?: number;
  height?: number;
  rotation?: number;
}
export interface CanvasBackgroundConfig {
  color?: CanvasColorDimensionConfig;
  image?: CanvasResourceDimensionConfig;
  size?: CanvasBackgroundImageSize;
}
export interface CanvasColorDimensionConfig {
  /**
   * color value
   */
  fixed?: string;
  /**
   * fixed: T -- will be added by each element
   */
  field?: string;
}
/**
 * Links to a resource (image/svg path)
 */
export interface CanvasResourceDimensionConfig {
  mode: CanvasResourceDimensionMode;
  /**
   * fixed: T -- will be added by each element
   */
  field?: string;
  fixed?: string;
}
export interface CanvasLineConfig {
  color?: CanvasColorDimensionConfig;
  width?: number;
  radius?: number;
}
export interface CanvasConnectionCoordinates {
  x: number;
  y: number;
}
export interface CanvasConnection {
  source: CanvasConnectionCoordinates;
  target: CanvasConnectionCoordinates;
  targetName?: string;
  path: CanvasConnectionPath & string;
  color?: CanvasColorDimensionConfig;
  size?: CanvasScaleDimensionConfig;
  vertices?: CanvasConnectionCoordinates[];
  sourceOriginal?: CanvasConnectionCoordinates;
  targetOriginal?: CanvasConnectionCoordinates;
}
export interface CanvasScaleDimensionConfig {
  min: number;
  max: number;
  fixed?: number;
  /**
   * fixed: T -- will be added by each element
   */
  field?: string;
  mode?: CanvasScaleDimensionMode;
}
export interface CanvasElementOptions {
  name: string;
  type: string;
  /**
   * TODO: figure out how to define this (element config(s))
   */
  config?: {
    [k: string]: unknown;
  };
  constraint?: CanvasConstraint;
  placement?: CanvasPlacement;
  background?: CanvasBackgroundConfig;
  border?: CanvasLineConfig;
  connections?: CanvasConnection[];
}
export interface CanvasOptions {
  /**
   * Enable inline editing
   */
  inlineEditing?: boolean;
  /**
   * Show all available element types
   */
  showAdvancedTypes?: boolean;
  /**
   * Enable pan and zoom
   */
  panZoom?: boolean;
  /**
   * Enable infinite pan
   */
  infinitePan?: boolean;
  /**
   * The root element of canvas (frame), where all canvas elements are nested
   * TODO: Figure out how to define a default value for this
   */
  root?: {
    /**
     * Name of the root element
     */
    name: string;
    /**
     * Type of root element (frame)
     */
    type: 'frame';
    /**
     * The list of canvas elements attached to the root element
     */
    elements: CanvasElementOptions[];
  };
}
export interface DashboardListOptions {
  keepTime?: boolean;
  includeVars?: boolean;
  showStarred?: boolean;
  showRecentlyViewed?: boolean;
  showSearch?: boolean;
  showHeadings?: boolean;
  showFolderNames?: boolean;
  maxItems?: number;
  query?: string;
  tags?: string[];
  /**
   * folderId is deprecated, and migrated to folderUid on panel init
   */
  folderId?: number;
  folderUID?: string;
}
export interface DatagridOptions {
  selectedSeries?: number;
}
export interface GeomapOptions {
  view?: GeomapMapViewConfig;
  controls?: GeomapControlsOptions;
  basemap?: GeomapMapLayerOptions;
  layers?: GeomapMapLayerOptions[];
  tooltip?: GeomapTooltipOptions;
}
export interface GeomapMapViewConfig {
  id: string;
  lat?: number;
  lon?: number;
  zoom?: number;
  minZoom?: number;
  maxZoom?: number;
  padding?: number;
  allLayers?: boolean;
  lastOnly?: boolean;
  layer?: string;
  shared?: boolean;
}
export interface GeomapControlsOptions {
  /**
   * Zoom (upper left)
   */
  showZoom?: boolean;
  /**
   * let the mouse wheel zoom
   */
  mouseWheelZoom?: boolean;
  /**
   * Lower right
   */
  showAttribution?: boolean;
  /**
   * Scale options
   */
  showScale?: boolean;
  /**
   * Show debug
   */
  showDebug?: boolean;
  /**
   * Show measure
   */
  showMeasure?: boolean;
}
export interface GeomapMapLayerOptions {
  type: string;
  /**
   * configured unique display name
   */
  name: string;
  /**
   * Custom options depending on the type
   */
  config?: {
    [k: string]: unknown;
  };
  location?: GeomapFrameGeometrySource;
  /**
   * Defines a frame MatcherConfig that may filter data for the given layer
   */
  filterData?: {
    [k: string]: unknown;
  };
  /**
   * Common properties:
   * https://openlayers.org/en/latest/apidoc/module-ol_layer_Base-BaseLayer.html
   * Layer opacity (0-1)
   */
  opacity?: number;
  /**
   * Check tooltip (defaults to true)
   */
  tooltip?: boolean;
}
export interface GeomapFrameGeometrySource {
  mode: GeomapFrameGeometrySourceMode;
  /**
   * Field mappings
   */
  geohash?: string;
  latitude?: string;
  longitude?: string;
  wkt?: string;
  lookup?: string;
  /**
   * Path to Gazetteer
   */
  gazetteer?: string;
}
export interface GeomapTooltipOptions {
  mode: GeomapTooltipMode;
}
export interface NewsOptions {
  /**
   * empty/missing will default to grafana blog
   */
  feedUrl?: string;
  showImage?: boolean;
}
export interface NodeGraphArcOption {
  /**
   * Field from which to get the value. Values should be less than 1, representing fraction of a circle.
   */
  field?: string;
  /**
   * The color of the arc.
   */
  color?: string;
}
export interface NodeGraphNodeOptions {
  /**
   * Unit for the main stat to override what ever is set in the data frame.
   */
  mainStatUnit?: string;
  /**
   * Unit for the secondary stat to override what ever is set in the data frame.
   */
  secondaryStatUnit?: string;
  /**
   * Define which fields are shown as part of the node arc (colored circle around the node).
   */
  arcs?: NodeGraphArcOption[];
}
export interface NodeGraphEdgeOptions {
  /**
   * Unit for the main stat to override what ever is set in the data frame.
   */
  mainStatUnit?: string;
  /**
   * Unit for the secondary stat to override what ever is set in the data frame.
   */
  secondaryStatUnit?: string;
}
export interface NodeGraphOptions {
  nodes?: NodeGraphNodeOptions;
  edges?: NodeGraphEdgeOptions;
  zoomMode?: NodeGraphZoomMode;
}
export interface StatusHistoryOptions {
  /**
   * Set the height of the rows
   */
  rowHeight?: number;
  showValue?: VisibilityMode;
  /**
   * Controls the column width
   */
  colWidth?: number;
  legend?: VizLegendOptions;
  tooltip?: VizTooltipOptions;
  timezone?: StatusHistoryTimeZone[];
  /**
   * Enables pagination when > 0
   */
  perPage?: number;
}
export interface StatusHistoryFieldConfig {
  lineWidth?: number;
  axisPlacement?: AxisPlacement;
  axisColorMode?: AxisColorMode;
  axisLabel?: string;
  axisWidth?: number;
  axisSoftMin?: number;
  axisSoftMax?: number;
  axisGridShow?: boolean;
  scaleDistribution?: ScaleDistributionConfig;
  axisCenteredZero?: boolean;
  hideFrom?: HideSeriesConfig;
  fillOpacity?: number;
  axisBorderShow?: boolean;
}
/**
 * Identical to timeseries... except it does not have timezone settings
 */
export interface TrendOptions {
  legend?: VizLegendOptions;
  tooltip?: VizTooltipOptions;
  /**
   * Name of the x field to use (defaults to first number)
   */
  xField?: string;
}
/**
 * NOTE: (copied from dashboard_kind.cue, since not exported)
 * Matcher is a predicate configuration. Based on the config a set of field(s) or values is filtered in order to apply override / transformation.
 * It comes with in id ( to resolve implementation from registry) and a configuration that’s specific to a particular matcher type.
 */
export interface XYChartMatcherConfig {
  /**
   * The matcher id. This is used to find the matcher implementation from registry.
   */
  id: string;
  /**
   * The matcher options. This is specific to the matcher implementation.
   */
  options?: {
    [k: string]: unknown;
  };
}
export interface XYChartFieldConfig {
  show?: XYChartXYShowMode;
  pointSize?: {
    fixed?: number;
    min?: number;
    max?: number;
  };
  pointShape?: XYChartPointShape;
  pointStrokeWidth?: number;
  fillOpacity?: number;
  lineWidth?: number;
  hideFrom?: HideSeriesConfig;
  axisPlacement?: AxisPlacement;
  axisColorMode?: AxisColorMode;
  axisLabel?: string;
  axisWidth?: number;
  axisSoftMin?: number;
  axisSoftMax?: number;
  axisGridShow?: boolean;
  scaleDistribution?: ScaleDistributionConfig;
  axisCenteredZero?: boolean;
  lineStyle?: LineStyle;
  axisBorderShow?: boolean;
}
export interface XYChartXYSeriesConfig {
  name?: {
    fixed?: string;
  };
  frame?: {
    matcher: XYChartMatcherConfig;
  };
  x?: {
    matcher: XYChartMatcherConfig;
  };
  y?: {
    matcher: XYChartMatcherConfig;
  };
  color?: {
    matcher: XYChartMatcherConfig;
  };
  size?: {
    matcher: XYChartMatcherConfig;
  };
}
export interface XYChartOptions {
  mapping?: XYChartSeriesMapping;
  legend?: VizLegendOptions;
  tooltip?: VizTooltipOptions;
  series?: XYChartXYSeriesConfig[];
}
