import type { DatasourceLike } from '../datasource.js';
import { initialPanelProps, PanelBuilder } from './panel-builder.js';

/**
 * Options of Grafana's alert list panel (`alertlist`, unified alerting). Hand-written: Grafana
 * publishes no JSON Schema for this panel; the fields are those its options editor saves.
 */
export interface AlertListOptions {
  /** `list` of alerts or one `stat` counting them. */
  readonly viewMode?: 'list' | 'stat';
  /** `default` groups by rule; `custom` groups instances by the labels in `groupBy`. */
  readonly groupMode?: 'default' | 'custom';
  readonly groupBy?: readonly string[];
  readonly maxItems?: number;
  /** 1 name A–Z, 2 name Z–A, 3 importance, 4 time ascending, 5 time descending. */
  readonly sortOrder?: 1 | 2 | 3 | 4 | 5;
  /** Only the alerts of the dashboard the panel is on. */
  readonly dashboardAlerts?: boolean;
  /** Only rules whose name contains this text. */
  readonly alertName?: string;
  /** A label matcher on alert instances, e.g. `{job="api"}`. */
  readonly alertInstanceLabelFilter?: string;
  readonly showInstances?: boolean;
  readonly folder?: { readonly uid?: string; readonly title?: string; readonly id?: number };
  /** The alert states shown. */
  readonly stateFilter?: {
    readonly firing?: boolean;
    readonly pending?: boolean;
    readonly noData?: boolean;
    readonly normal?: boolean;
    readonly error?: boolean;
    readonly recovering?: boolean;
  };
  /** Only rules of this data source (`grafana` for Grafana-managed ones). */
  readonly datasource?: string | { readonly type?: string; readonly uid?: string };
}

/** The alert states the panel filters on. */
export type AlertState = keyof NonNullable<AlertListOptions['stateFilter']>;

const SORT_ORDERS = { nameAsc: 1, nameDesc: 2, importance: 3, timeAsc: 4, timeDesc: 5 } as const;

/**
 * Alert rules and their states (Grafana's `alertlist` panel). It needs no queries.
 *
 * @example
 * alertList('Firing').states('firing', 'pending').labelFilter('{job="api"}').maxItems(20)
 * // → { "type": "alertlist", "title": "Firing",
 * //     "options": { "stateFilter": { "firing": true, "pending": true }, "alertInstanceLabelFilter": "{job=\"api\"}", "maxItems": 20 } }
 */
export class AlertListPanel<K extends string = string> extends PanelBuilder<K, AlertListOptions, Record<string, never>> {
  override datasource<D extends string>(datasource: DatasourceLike<D>): AlertListPanel<D> {
    return super.datasource(datasource) as unknown as AlertListPanel<D>;
  }

  /** Shows only alerts in these states (each listed state is set to true). */
  states(...states: AlertState[]): this {
    return this.options({ stateFilter: Object.fromEntries(states.map((s) => [s, true])) });
  }

  /** Shows only alert instances whose labels match, e.g. `{job=~"$job"}`. */
  labelFilter(matcher: string): this {
    return this.options({ alertInstanceLabelFilter: matcher });
  }

  /** Shows only rules whose name contains `text`. */
  alertName(text: string): this {
    return this.options({ alertName: text });
  }

  /** The most alerts listed. */
  maxItems(maxItems: number): this {
    return this.options({ maxItems });
  }

  /** Sort order: `nameAsc`, `nameDesc`, `importance`, `timeAsc`, `timeDesc`. */
  sortBy(order: keyof typeof SORT_ORDERS): this {
    return this.options({ sortOrder: SORT_ORDERS[order] });
  }

  /** Only the alerts of this dashboard. */
  onlyThisDashboard(only = true): this {
    return this.options({ dashboardAlerts: only });
  }

  /** Groups alert instances by these labels (`custom` grouping); none means by rule. */
  groupBy(...labels: string[]): this {
    return this.options({ groupMode: labels.length > 0 ? 'custom' : 'default', groupBy: labels });
  }

  /** A `list` of alerts or a `stat` counting them. */
  viewMode(mode: 'list' | 'stat'): this {
    return this.options({ viewMode: mode });
  }

  /** @internal */
  override get needsTargets(): boolean {
    return false;
  }
}

/** An alert list panel (see {@link AlertListPanel}). */
export function alertList(title?: string): AlertListPanel {
  return new AlertListPanel(initialPanelProps('alertlist', title));
}
