import type { AutoGridBuilder } from './auto-grid.js';
import { ImmutableBuilder } from './immutable-builder.js';
import type { AnyPanel, RowBuilder } from './row.js';
import { appendTo, type SectionProps } from './section-content.js';
import { ruleOf, type Condition, type ConditionGroup } from './show-hide-rule.js';
import type { VariableBuilder } from './variables/variable-builder.js';

const TAB_BRAND: unique symbol = Symbol.for('grafts.tab');

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export type TabProps = SectionProps;

/**
 * A tab (schema v2 only): a titled section shown one at a time with its siblings. A tab holds
 * panels, an auto grid, rows, or tabs (the schema allows a tab directly in a tab; Grafana's
 * editor does not offer it).
 *
 * @example
 * dashboard('Checkout').tabs(
 *   tab('Overview').autoGrid(autoGrid().panel(stat('Requests'), stat('Errors'))),
 *   tab('Details').row(row('Latency').panel(timeseries('p99'))),
 * )
 * // → "layout": { "kind": "TabsLayout", "spec": { "tabs": [
 * //      { "kind": "TabsLayoutTab", "spec": { "title": "Overview", "layout": { "kind": "AutoGridLayout", … } } },
 * //      { "kind": "TabsLayoutTab", "spec": { "title": "Details", "layout": { "kind": "RowsLayout", … } } } ] } }
 */
export class TabBuilder extends ImmutableBuilder<TabProps> {
  /** @internal */
  get [TAB_BRAND](): true {
    return true;
  }

  // panel/row/tabs/autoGrid are thin typed delegates on purpose: each builder needs fluent methods
  // that return its own type, with its own doc; the logic they share is `appendTo` in section-content.ts.
  /** Adds panels on the fixed 24-column grid (laid out like a row's panels). */
  panel(...panels: AnyPanel[]): this {
    return this.with(appendTo('panels', this.prop('panels'), panels));
  }

  /** Adds rows inside the tab. */
  row(...rows: RowBuilder[]): this {
    return this.with(appendTo('rows', this.prop('rows'), rows));
  }

  /** Adds tabs inside the tab (allowed by the schema; Grafana's editor does not offer it). */
  tabs(...tabs: TabBuilder[]): this {
    return this.with(appendTo('tabs', this.prop('tabs'), tabs));
  }

  /** Lays the tab's panels out as an auto grid. */
  autoGrid(grid: AutoGridBuilder): this {
    return this.with({ autoGrid: grid });
  }

  /** One tab per selected value of the variable. */
  repeat(variable: VariableBuilder): this {
    return this.with({ repeat: variable.name });
  }

  /**
   * Shows the tab only when the conditions hold (all of them, or one `anyOf` group). Replaces an
   * earlier `showIf` / `hideIf`.
   *
   * @example
   * tab('Canary').showIf(variableEquals(env, 'prod'))
   */
  showIf(...given: (Condition | ConditionGroup)[]): this {
    return this.with({ rule: ruleOf('show', given) });
  }

  /** Hides the tab when the conditions hold (see {@link showIf}). */
  hideIf(...given: (Condition | ConditionGroup)[]): this {
    return this.with({ rule: ruleOf('hide', given) });
  }

  /** Everything the tab holds. @internal */
  parts(): TabProps {
    return this.props;
  }

  /** Applies this tab's `$merge` patches to its rendered `TabsLayoutTab` spec. @internal */
  finish<T extends object>(spec: T): T {
    return this.applyMerges(spec);
  }
}

/** True for a tab (works across copies of the library). */
export function isTab(value: unknown): value is TabBuilder {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TAB_BRAND] === true;
}

/** A tab titled `title` (see {@link TabBuilder}). */
export function tab(title: string): TabBuilder {
  return new TabBuilder({ title: String(title), panels: [], rows: [], tabs: [], merges: [] });
}
