/**
 * The shapes of Grafana's dashboard schema v2 (`dashboard.grafana.app/v2`) that grafts emits.
 * Every sub-object is a `{ kind, spec }` pair; the dashboard spec has no uid (the uid is the
 * resource's `metadata.name`). Loosely typed below the layout level: panel options and field
 * config are the same objects v1 uses.
 */

type Json = Record<string, unknown>;

/** A reference to a data source: its uid, or a variable such as `${datasource}`. */
export interface V2DatasourceName {
  readonly name?: string;
}

/** A query as v2 stores it (panels, query variables and annotations). */
export interface DataQueryKind {
  readonly kind: 'DataQuery';
  /** The data source plugin type, e.g. `prometheus`. */
  readonly group: string;
  readonly version: string;
  readonly datasource?: V2DatasourceName;
  readonly spec: Json;
}

/** A panel element. */
export interface PanelKind {
  readonly kind: 'Panel';
  readonly spec: {
    readonly id: number;
    readonly title: string;
    readonly description: string;
    readonly links: readonly Json[];
    readonly transparent?: boolean;
    readonly data: {
      readonly kind: 'QueryGroup';
      readonly spec: {
        readonly queries: readonly {
          readonly kind: 'PanelQuery';
          readonly spec: { readonly refId: string; readonly hidden: boolean; readonly query: DataQueryKind };
        }[];
        readonly transformations: readonly Json[];
        readonly queryOptions: Json;
      };
    };
    readonly vizConfig: {
      readonly kind: 'VizConfig';
      readonly group: string;
      readonly version: string;
      readonly spec: { readonly options: Json; readonly fieldConfig: { readonly defaults: Json; readonly overrides: readonly Json[] } };
    };
  };
}

/** A library panel element: only the reference is stored. */
export interface LibraryPanelKind {
  readonly kind: 'LibraryPanel';
  readonly spec: { readonly id: number; readonly title: string; readonly libraryPanel: { readonly uid: string; readonly name: string } };
}

/** Anything `elements` holds. */
export type V2Element = PanelKind | LibraryPanelKind;

/** A pointer from a layout item to an element. */
export interface ElementReference {
  readonly kind: 'ElementReference';
  readonly name: string;
}

/** Repeat over a variable's values (`value` is the variable name, without `$`). */
export interface V2Repeat {
  readonly mode: 'variable';
  readonly value: string;
  /** Grid items only. */
  readonly direction?: 'h' | 'v';
  /** Grid items only. */
  readonly maxPerRow?: number;
}

/** One leaf of a show/hide rule. */
export type ConditionalRenderingItem =
  | {
      readonly kind: 'ConditionalRenderingVariable';
      readonly spec: { readonly variable: string; readonly operator: 'equals' | 'notEquals' | 'matches' | 'notMatches'; readonly value: string };
    }
  | { readonly kind: 'ConditionalRenderingData'; readonly spec: { readonly value: boolean } }
  | { readonly kind: 'ConditionalRenderingTimeRangeSize'; readonly spec: { readonly value: string } };

/** A show/hide rule: when the items hold (all of them, or any), the target is shown (or hidden). */
export interface ConditionalRenderingGroupKind {
  readonly kind: 'ConditionalRenderingGroup';
  readonly spec: {
    readonly visibility: 'show' | 'hide';
    readonly condition: 'and' | 'or';
    readonly items: readonly ConditionalRenderingItem[];
  };
}

/** Panels at fixed places on the 24-column grid. */
export interface GridLayoutKind {
  readonly kind: 'GridLayout';
  readonly spec: {
    readonly items: readonly {
      readonly kind: 'GridLayoutItem';
      readonly spec: {
        readonly x: number;
        readonly y: number;
        readonly width: number;
        readonly height: number;
        readonly element: ElementReference;
        readonly repeat?: V2Repeat;
      };
    }[];
  };
}

/** Panels that flow into columns sized by Grafana. */
export interface AutoGridLayoutKind {
  readonly kind: 'AutoGridLayout';
  readonly spec: {
    readonly maxColumnCount?: number;
    readonly columnWidthMode: 'narrow' | 'standard' | 'wide' | 'custom';
    readonly columnWidth?: number;
    readonly rowHeightMode: 'short' | 'standard' | 'tall' | 'custom';
    readonly rowHeight?: number;
    readonly fillScreen?: boolean;
    readonly items: readonly {
      readonly kind: 'AutoGridLayoutItem';
      readonly spec: { readonly element: ElementReference; readonly repeat?: V2Repeat; readonly conditionalRendering?: ConditionalRenderingGroupKind };
    }[];
  };
}

/** Collapsible rows, each with its own layout. */
export interface RowsLayoutKind {
  readonly kind: 'RowsLayout';
  readonly spec: {
    readonly rows: readonly {
      readonly kind: 'RowsLayoutRow';
      readonly spec: {
        readonly title?: string;
        readonly collapse?: boolean;
        readonly hideHeader?: boolean;
        readonly fillScreen?: boolean;
        readonly conditionalRendering?: ConditionalRenderingGroupKind;
        readonly repeat?: V2Repeat;
        readonly layout: V2Layout;
      };
    }[];
  };
}

/** Tabs, each with its own layout. */
export interface TabsLayoutKind {
  readonly kind: 'TabsLayout';
  readonly spec: {
    readonly tabs: readonly {
      readonly kind: 'TabsLayoutTab';
      readonly spec: {
        readonly title?: string;
        readonly conditionalRendering?: ConditionalRenderingGroupKind;
        readonly repeat?: V2Repeat;
        readonly layout: V2Layout;
      };
    }[];
  };
}

/** Any of the four layouts. */
export type V2Layout = GridLayoutKind | AutoGridLayoutKind | RowsLayoutKind | TabsLayoutKind;

/** A variable: `{ kind: 'QueryVariable' | 'CustomVariable' | …, spec }`. */
export interface V2Variable {
  readonly kind: string;
  readonly group?: string;
  readonly datasource?: V2DatasourceName;
  readonly spec: Json & { readonly name: string };
}

/** Time range, refresh and time picker settings. */
export interface TimeSettingsSpec {
  readonly timezone?: string;
  readonly from: string;
  readonly to: string;
  readonly autoRefresh: string;
  readonly autoRefreshIntervals: readonly string[];
  readonly quickRanges?: readonly Json[];
  readonly hideTimepicker: boolean;
  readonly weekStart?: string;
  readonly fiscalYearStartMonth: number;
  readonly nowDelay?: string;
}

/**
 * A dashboard in schema v2: the `spec` of a `dashboard.grafana.app/v2` Dashboard resource.
 *
 * @example
 * { title: 'API', tags: [], cursorSync: 'Off', preload: false, annotations: [], links: [], variables: [],
 *   timeSettings: { from: 'now-6h', to: 'now', autoRefresh: '', autoRefreshIntervals: […], hideTimepicker: false, fiscalYearStartMonth: 0 },
 *   elements: { 'panel-1': { kind: 'Panel', spec: {…} } },
 *   layout: { kind: 'GridLayout', spec: { items: [ … ] } } }
 */
export interface DashboardV2Spec {
  readonly title: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly editable?: boolean;
  readonly liveNow?: boolean;
  readonly preload: boolean;
  readonly cursorSync: 'Off' | 'Crosshair' | 'Tooltip';
  readonly annotations: readonly Json[];
  readonly links: readonly Json[];
  readonly variables: readonly V2Variable[];
  readonly timeSettings: TimeSettingsSpec;
  readonly elements: Readonly<Record<string, V2Element>>;
  readonly layout: V2Layout;
  /** v2 only (not in v2beta1): the default layout for new containers. */
  readonly preferences?: { readonly layout?: GridLayoutKind | AutoGridLayoutKind };
}

/** The API versions of `dashboard.grafana.app` that serve schema v2. */
export type DashboardV2ApiVersion = 'v2' | 'v2beta1';

/** A v2 dashboard in resource form, as `dash build` writes it and `/apis` stores it. */
export interface DashboardV2Resource {
  readonly apiVersion: `dashboard.grafana.app/${DashboardV2ApiVersion}`;
  readonly kind: 'Dashboard';
  readonly metadata: {
    readonly name: string;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly spec: Json;
}
