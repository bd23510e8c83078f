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
  open?: string;
  high?: string;
  low?: string;
  close?: string;
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
  includeAllFields?: boolean;
}
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
  fixed?: string;
  field?: string;
}
export interface CanvasResourceDimensionConfig {
  mode: CanvasResourceDimensionMode;
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
  field?: string;
  mode?: CanvasScaleDimensionMode;
}
export interface CanvasElementOptions {
  name: string;
  type: string;
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
  inlineEditing?: boolean;
  showAdvancedTypes?: boolean;
  panZoom?: boolean;
  infinitePan?: boolean;
  root?: {
    name: string;
    type: 'frame';
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
  showZoom?: boolean;
  mouseWheelZoom?: boolean;
  showAttribution?: boolean;
  showScale?: boolean;
  showDebug?: boolean;
  showMeasure?: boolean;
}
export interface GeomapMapLayerOptions {
  type: string;
  name: string;
  config?: {
    [k: string]: unknown;
  };
  location?: GeomapFrameGeometrySource;
  filterData?: {
    [k: string]: unknown;
  };
  opacity?: number;
  tooltip?: boolean;
}
export interface GeomapFrameGeometrySource {
  mode: GeomapFrameGeometrySourceMode;
  geohash?: string;
  latitude?: string;
  longitude?: string;
  wkt?: string;
  lookup?: string;
  gazetteer?: string;
}
export interface GeomapTooltipOptions {
  mode: GeomapTooltipMode;
}
export interface NewsOptions {
  feedUrl?: string;
  showImage?: boolean;
}
export interface NodeGraphArcOption {
  field?: string;
  color?: string;
}
export interface NodeGraphNodeOptions {
  mainStatUnit?: string;
  secondaryStatUnit?: string;
  arcs?: NodeGraphArcOption[];
}
export interface NodeGraphEdgeOptions {
  mainStatUnit?: string;
  secondaryStatUnit?: string;
}
export interface NodeGraphOptions {
  nodes?: NodeGraphNodeOptions;
  edges?: NodeGraphEdgeOptions;
  zoomMode?: NodeGraphZoomMode;
}
export interface StatusHistoryOptions {
  rowHeight?: number;
  showValue?: VisibilityMode;
  colWidth?: number;
  legend?: VizLegendOptions;
  tooltip?: VizTooltipOptions;
  timezone?: StatusHistoryTimeZone[];
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
export interface TrendOptions {
  legend?: VizLegendOptions;
  tooltip?: VizTooltipOptions;
  xField?: string;
}
export interface XYChartMatcherConfig {
  id: string;
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
