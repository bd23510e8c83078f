import type { JsonObject } from './deep-merge.js';
import { ImmutableBuilder } from './immutable-builder.js';
import type { AnyPanel } from './row.js';
import { ruleOf, type Condition, type ConditionGroup, type ShowHideRule } from './show-hide-rule.js';
import type { VariableBuilder } from './variables/variable-builder.js';

const AUTO_GRID_BRAND: unique symbol = Symbol.for('grafts.auto-grid');

/** Column widths Grafana offers, or a width in pixels. */
export type AutoGridColumnWidth = 'narrow' | 'standard' | 'wide' | number;
/** Row heights Grafana offers, or a height in pixels. */
export type AutoGridRowHeight = 'short' | 'standard' | 'tall' | number;

/** Options of {@link autoGrid}. */
export interface AutoGridOptions {
  /** At most this many panels side by side (Grafana's default: 3). */
  readonly maxColumns?: number;
  /** @default 'standard' */
  readonly columnWidth?: AutoGridColumnWidth;
  /** @default 'standard' */
  readonly rowHeight?: AutoGridRowHeight;
  /** Stretches the rows so the grid fills the screen height. */
  readonly fillScreen?: boolean;
}

/** One panel of an auto grid, with its own show/hide rule and repeat. */
export interface AutoGridItem {
  readonly panel: AnyPanel;
  readonly rule?: ShowHideRule;
  readonly repeat?: string;
}

/** Options of {@link AutoGridBuilder.item}. */
export interface AutoGridItemOptions {
  /** Shows the panel only when the condition (or group) holds. */
  readonly showIf?: Condition | ConditionGroup;
  /** Hides the panel when the condition (or group) holds. */
  readonly hideIf?: Condition | ConditionGroup;
  /** One copy of the panel per selected value of the variable (the grid places the copies). */
  readonly repeat?: VariableBuilder;
}

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface AutoGridProps extends AutoGridOptions {
  readonly items: readonly AutoGridItem[];
  readonly merges: readonly JsonObject[];
}

/**
 * An auto grid (schema v2 only): panels flow into equal columns that Grafana sizes to the
 * screen, so no panel has a width, height or position. Items can carry show/hide rules, which
 * only auto-grid panels can (a fixed grid cannot hide a single panel).
 *
 * @example
 * autoGrid({ maxColumns: 3, rowHeight: 'short' })
 *   .panel(stat('Requests'), stat('Errors'))
 *   .item(logs('Errors'), { showIf: hasData() })
 * // → { "kind": "AutoGridLayout", "spec": { "maxColumnCount": 3, "columnWidthMode": "standard", "rowHeightMode": "short",
 * //      "items": [ { "kind": "AutoGridLayoutItem", "spec": { "element": { "kind": "ElementReference", "name": "panel-1" } } }, … ] } }
 */
export class AutoGridBuilder extends ImmutableBuilder<AutoGridProps> {
  /** @internal */
  get [AUTO_GRID_BRAND](): true {
    return true;
  }

  /** Adds panels, in order. A panel's width, height and position are ignored: the grid sizes it. */
  panel(...panels: AnyPanel[]): this {
    return this.with({ items: [...this.prop('items'), ...panels.map((panel) => ({ panel }))] });
  }

  /**
   * Adds one panel with a show/hide rule and/or a repeat.
   *
   * @example
   * autoGrid().item(logs('Errors').target(loki('{job="api"} |= "error"')), { showIf: hasData() })
   */
  item(panel: AnyPanel, options: AutoGridItemOptions): this {
    const rule =
      options.showIf !== undefined && options.hideIf !== undefined
        ? { ...ruleOf('show', [options.showIf]), problem: 'an item takes showIf or hideIf, not both' }
        : options.showIf !== undefined
          ? ruleOf('show', [options.showIf])
          : options.hideIf !== undefined
            ? ruleOf('hide', [options.hideIf])
            : undefined;
    const item: AutoGridItem = { panel, ...(rule && { rule }), ...(options.repeat && { repeat: options.repeat.name }) };
    return this.with({ items: [...this.prop('items'), item] });
  }

  /** The grid's items. @internal */
  items(): readonly AutoGridItem[] {
    return this.props.items;
  }

  /** The grid's sizing options. @internal */
  options(): AutoGridOptions {
    const { maxColumns, columnWidth, rowHeight, fillScreen } = this.props;
    return {
      ...(maxColumns !== undefined && { maxColumns }),
      ...(columnWidth !== undefined && { columnWidth }),
      ...(rowHeight !== undefined && { rowHeight }),
      ...(fillScreen !== undefined && { fillScreen }),
    };
  }

  /** Applies this grid's `$merge` patches to its rendered layout spec. @internal */
  finish<T extends object>(spec: T): T {
    return this.applyMerges(spec);
  }
}

/** True for an auto grid (works across copies of the library). */
export function isAutoGrid(value: unknown): value is AutoGridBuilder {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[AUTO_GRID_BRAND] === true;
}

/** An auto grid with these sizing options (see {@link AutoGridBuilder}). */
export function autoGrid(options: AutoGridOptions = {}): AutoGridBuilder {
  return new AutoGridBuilder({ ...options, items: [], merges: [] });
}
