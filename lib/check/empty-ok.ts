import { vectorSelectors } from './promql-selectors.js';

/** Label names that carry a request's outcome. */
const STATUS_LABEL = /(^|_)(code|status|status_code|statuscode|result|outcome)$/i;
/** Values (as written, regex or exact) that select failures: 5xx/4xx classes or codes, error words. */
const ERROR_VALUE = /(^|[|(^])\(?[45](\.\.|xx|\d\d|\[)|^[45]\d\d$|error|fail|fault|exception|internal|unavailable|deadline|aborted/i;

/**
 * Why an expression may legitimately return nothing, or undefined: it selects only failures
 * (a matcher such as `code=~"5.."`, `status="500"`, `status_code=~"4..|5.."`, `outcome="error"`),
 * like the numerator of an error ratio. Such series appear only once something has failed, so
 * an empty result is not a broken panel.
 *
 * @example
 * emptyOkReason('sum(rate(x{code=~"5.."}[1m])) / sum(rate(x[1m]))') // → 'selects errors only (code=~"5..")'
 * emptyOkReason('sum(rate(x[1m]))')                                  // → undefined
 */
export function emptyOkReason(expr: string): string | undefined {
  for (const selector of vectorSelectors(expr) ?? []) {
    for (const m of selector.matchers) {
      if ((m.op === '=' || m.op === '=~') && STATUS_LABEL.test(m.label) && ERROR_VALUE.test(m.value)) {
        return `selects errors only (${m.label}${m.op}"${m.value}")`;
      }
    }
  }
  return undefined;
}

/**
 * A panel that may be empty, named by dashboard and panel. `dashboard` matches a uid or title,
 * `panel` a panel title or id; `*` matches any run of characters.
 *
 * @example
 * const optional: OptionalPanel[] = [{ dashboard: 'shop-services', panel: 'Error*' }, { dashboard: '*', panel: 'Canary' }];
 */
export interface OptionalPanel {
  dashboard: string;
  panel: string;
}

/**
 * Parses the CLI form `<dashboard>/<panel>` (`shop-services/Error ratio`, `*\/Canary`); the first
 * `/` separates them.
 *
 * @example
 * parseOptionalPanel('shop-services/Error ratio') // → { dashboard: 'shop-services', panel: 'Error ratio' }
 */
export function parseOptionalPanel(text: string): OptionalPanel | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) return undefined;
  return { dashboard: text.slice(0, slash).trim(), panel: text.slice(slash + 1).trim() };
}

/** The marker in a panel description that makes the panel optional. */
export const OPTIONAL_MARKER = '[dash-check: optional]';

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[\\^$+?.()|[\]{}]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
}

/**
 * Whether a panel is declared optional: by an {@link OptionalPanel} entry, or by
 * {@link OPTIONAL_MARKER} in its description.
 */
export function isOptionalPanel(
  dashboard: { uid?: string; title?: string },
  panel: { id?: number; title?: string; description?: string },
  optional: readonly OptionalPanel[],
): boolean {
  if (panel.description?.includes(OPTIONAL_MARKER)) return true;
  return optional.some((o) => {
    const d = glob(o.dashboard);
    const p = glob(o.panel);
    const dashboardMatches = (dashboard.uid !== undefined && d.test(dashboard.uid)) || (dashboard.title !== undefined && d.test(dashboard.title));
    const panelMatches = (panel.title !== undefined && p.test(panel.title)) || (panel.id !== undefined && p.test(String(panel.id)));
    return dashboardMatches && panelMatches;
  });
}
