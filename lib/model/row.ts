import type { AutoGridBuilder } from './auto-grid.js';
import { ImmutableBuilder } from './immutable-builder.js';
import type { LibraryPanel } from './panels/library-panel.js';
import type { PanelBuilder } from './panels/panel-builder.js';
import { appendTo, type SectionProps } from './section-content.js';
import { ruleOf, type Condition, type ConditionGroup } from './show-hide-rule.js';
import type { TabBuilder } from './tab.js';
import type { VariableBuilder } from './variables/variable-builder.js';

const ROW_BRAND: unique symbol = Symbol.for('grafts.row');

/** Anything a row or dashboard can hold as a panel. */
export type AnyPanel = PanelBuilder<string, object, object> | LibraryPanel;

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface RowProps extends SectionProps {
  readonly collapsed: boolean;
}

/**
 * A row: a titled, collapsible group of panels. Positions are computed when the dashboard is
 * built: panels flow left to right and wrap on the 24-column grid; a panel with
 * `.position(x, y)` sits at that place (y from the line below the header) and the others flow
 * around it.
 *
 * @example
 * row('Checkout').panel(timeseries('Requests').width(12), timeseries('Latency').width(12))
 * // → { "type": "row", "title": "Checkout", "collapsed": false, "panels": [], "gridPos": {…}, "id": 1 },
 * //   followed by its two panels side by side
 */
export class RowBuilder extends ImmutableBuilder<RowProps> {
  /** @internal */
  get [ROW_BRAND](): true {
    return true;
  }

  // panel/row/tabs/autoGrid are thin typed delegates on purpose: each builder needs fluent methods
  // that return its own type, with its own doc; the logic they share is `appendTo` in section-content.ts.
  /** Adds panels, in layout order. A panel may be added to several rows. */
  panel(...panels: AnyPanel[]): this {
    return this.with(appendTo('panels', this.prop('panels'), panels));
  }

  /** Adds rows inside this row (schema v2 only). */
  row(...rows: RowBuilder[]): this {
    return this.with(appendTo('rows', this.prop('rows'), rows));
  }

  /**
   * Adds tabs inside this row (schema v2 only).
   *
   * @example
   * row('Per region').tabs(tab('EU').panel(…), tab('US').panel(…))
   */
  tabs(...tabs: TabBuilder[]): this {
    return this.with(appendTo('tabs', this.prop('tabs'), tabs));
  }

  /** Lays the row's panels out as an auto grid (schema v2 only). */
  autoGrid(grid: AutoGridBuilder): this {
    return this.with({ autoGrid: grid });
  }

  /**
   * Shows the row only when the conditions hold: all of them, or the one `anyOf` group given (schema v2
   * only). Replaces an earlier `showIf` / `hideIf`.
   *
   * @example
   * row('Logs').showIf(hasData())
   * row('Canary').showIf(variableEquals(env, 'prod'), timeRangeLessThan('1d'))
   */
  showIf(...given: (Condition | ConditionGroup)[]): this {
    return this.with({ rule: ruleOf('show', given) });
  }

  /** Hides the row when the conditions hold (see {@link showIf}; schema v2 only). */
  hideIf(...given: (Condition | ConditionGroup)[]): this {
    return this.with({ rule: ruleOf('hide', given) });
  }

  /** Everything the row holds. @internal */
  parts(): RowProps {
    return this.props;
  }

  /** Starts the row collapsed: its panels are stored inside it and load when it is opened. */
  collapsed(collapsed = true): this {
    return this.with({ collapsed });
  }

  /** Repeats the row for each selected value of a variable. */
  repeat(variable: VariableBuilder): this {
    return this.with({ repeat: variable.name });
  }

  /** The row's title as set. @internal */
  get titleText(): string {
    return this.props.title;
  }

  /** The row's panels. @internal */
  panels(): readonly AnyPanel[] {
    return this.props.panels;
  }

  /** Whether the row starts collapsed. @internal */
  get isCollapsed(): boolean {
    return this.props.collapsed;
  }

  /** The variable the row repeats over. @internal */
  get repeatVariable(): string | undefined {
    return this.props.repeat;
  }

  /** The row header as Grafana stores it, without `id`, `gridPos` and (for collapsed rows) `panels`. @internal */
  renderHeader(): Record<string, unknown> {
    const out: Record<string, unknown> = { type: 'row', title: this.props.title, collapsed: this.props.collapsed };
    if (this.props.repeat !== undefined) out.repeat = this.props.repeat;
    out.panels = [];
    return out;
  }

  /** Applies this row's `$merge` patches to its rendered header. @internal */
  finishHeader<T extends object>(header: T): T {
    return this.applyMerges(header);
  }
}

/** True for a row builder (works across copies of the library). */
export function isRow(value: unknown): value is RowBuilder {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ROW_BRAND] === true;
}

/** A row titled `title` (see {@link RowBuilder}). */
export function row(title: string): RowBuilder {
  return new RowBuilder({ title: String(title), collapsed: false, panels: [], rows: [], tabs: [], merges: [] });
}
