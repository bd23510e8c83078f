import { annotation } from '../../model/annotation.js';
import { dashboard } from '../../model/dashboard.js';
import { dashboardLink } from '../../model/dashboard-link.js';
import { datasource } from '../../model/datasource.js';
import { folder } from '../../model/folder.js';
import { libraryPanel } from '../../model/panels/library-panel.js';
import { barChart } from '../../model/panels/bar-chart-panel.js';
import { barGauge } from '../../model/panels/bar-gauge-panel.js';
import { gauge } from '../../model/panels/gauge-panel.js';
import { heatmap } from '../../model/panels/heatmap-panel.js';
import { histogram } from '../../model/panels/histogram-panel.js';
import { logs } from '../../model/panels/logs-panel.js';
import { pieChart } from '../../model/panels/pie-chart-panel.js';
import { stat } from '../../model/panels/stat-panel.js';
import { stateTimeline } from '../../model/panels/state-timeline-panel.js';
import { table } from '../../model/panels/table-panel.js';
import { text } from '../../model/panels/text-panel.js';
import { panel } from '../../model/panels/generic-panel.js';
import { timeseries } from '../../model/panels/timeseries-panel.js';
import { alertList } from '../../model/panels/alert-list-panel.js';
import { annotationsList } from '../../model/panels/annotations-list-panel.js';
import { candlestick } from '../../model/panels/candlestick-panel.js';
import { canvas } from '../../model/panels/canvas-panel.js';
import { dashboardList } from '../../model/panels/dashboard-list-panel.js';
import { datagrid } from '../../model/panels/datagrid-panel.js';
import { flameGraph } from '../../model/panels/flame-graph-panel.js';
import { geomap } from '../../model/panels/geomap-panel.js';
import { news } from '../../model/panels/news-panel.js';
import { nodeGraph } from '../../model/panels/node-graph-panel.js';
import { statusHistory } from '../../model/panels/status-history-panel.js';
import { traces } from '../../model/panels/traces-panel.js';
import { trend } from '../../model/panels/trend-panel.js';
import { xyChart } from '../../model/panels/xy-chart-panel.js';
import { loki } from '../../model/queries/loki-query.js';
import { prometheus } from '../../model/queries/prometheus-query.js';
import { rawQuery } from '../../model/queries/raw-query.js';
import { row } from '../../model/row.js';
import { tab } from '../../model/tab.js';
import { autoGrid } from '../../model/auto-grid.js';
import {
  allOf,
  anyOf,
  hasData,
  timeRangeLessThan,
  variableEquals,
  variableMatches,
  variableNotEquals,
  variableNotMatches,
} from '../../model/show-hide-rule.js';
import { adhocVariable } from '../../model/variables/adhoc-variable.js';
import { constantVariable } from '../../model/variables/constant-variable.js';
import { customVariable } from '../../model/variables/custom-variable.js';
import { datasourceVariable } from '../../model/variables/datasource-variable.js';
import { intervalVariable } from '../../model/variables/interval-variable.js';
import { labelValues, queryVariable } from '../../model/variables/query-variable.js';
import { textboxVariable } from '../../model/variables/textbox-variable.js';
import { red } from '../../style/red.js';
import { standardVariables } from '../../style/templating.js';

/** The builder factories generated code may call, by their exported name in `grafts`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- factories of every arity and argument type, called by evaluated code
export const BUILDER_FACTORIES: Readonly<Record<string, (...args: any[]) => unknown>> = Object.freeze({
  annotation,
  dashboard,
  dashboardLink,
  datasource,
  folder,
  libraryPanel,
  barChart,
  barGauge,
  gauge,
  heatmap,
  histogram,
  logs,
  pieChart,
  panel,
  stat,
  stateTimeline,
  table,
  text,
  timeseries,
  alertList,
  annotationsList,
  candlestick,
  canvas,
  dashboardList,
  datagrid,
  flameGraph,
  geomap,
  news,
  nodeGraph,
  statusHistory,
  traces,
  trend,
  xyChart,
  loki,
  prometheus,
  rawQuery,
  row,
  adhocVariable,
  constantVariable,
  customVariable,
  datasourceVariable,
  intervalVariable,
  labelValues,
  queryVariable,
  textboxVariable,
  standardVariables,
  // Schema v2 layout and show/hide rules.
  tab,
  autoGrid,
  allOf,
  anyOf,
  hasData,
  timeRangeLessThan,
  variableEquals,
  variableMatches,
  variableNotEquals,
  variableNotMatches,
  // The RED helpers, called as `red.row(…)` (generated code imports `red`).
  'red.row': red.row,
  'red.logsRow': red.logsRow,
  'red.dashboard': red.dashboard,
});

/** Panel `type` → builder factory name, for the kinds that have a builder. */
export const PANEL_FACTORIES: Readonly<Record<string, string>> = Object.freeze({
  timeseries: 'timeseries',
  stat: 'stat',
  gauge: 'gauge',
  bargauge: 'barGauge',
  table: 'table',
  text: 'text',
  logs: 'logs',
  heatmap: 'heatmap',
  piechart: 'pieChart',
  'state-timeline': 'stateTimeline',
  histogram: 'histogram',
  barchart: 'barChart',
  alertlist: 'alertList',
  annolist: 'annotationsList',
  candlestick: 'candlestick',
  canvas: 'canvas',
  dashlist: 'dashboardList',
  datagrid: 'datagrid',
  flamegraph: 'flameGraph',
  geomap: 'geomap',
  news: 'news',
  nodeGraph: 'nodeGraph',
  'status-history': 'statusHistory',
  traces: 'traces',
  trend: 'trend',
  xychart: 'xyChart',
});

/** Other names generated code may import from `grafts`. */
export const OTHER_IMPORTS: readonly string[] = ['mixedDatasource', 'DashboardBuilder', 'red'];
