import { parseLogQL } from '../logql/parse-logql.js';
import { labelMatchers, renderMatchers, type LabelMatcher, type Matchers } from './selector.js';

/**
 * Adds matchers to EVERY stream selector of a LogQL expression, so no log query forgets
 * `job=~"$job"`: the LogQL counterpart of `withSelectors`. The expression is parsed with
 * Grafana's LogQL grammar (`@grafana/lezer-logql`, Grafana variables masked first), and the
 * matchers go after each selector's own; a label a selector already matches is left as written.
 * Line filters, parsers, label filters, `line_format` templates and everything else in the text,
 * spacing included, stay as they are. Throws on invalid LogQL, naming the offset.
 *
 * @example
 * withStreamSelectors('sum by (level) (count_over_time({app="api"} |= "error" | json [$__auto]))', { job, instance })
 * // → 'sum by (level) (count_over_time({app="api", job=~"$job", instance=~"$instance"} |= "error" | json [$__auto]))'
 */
export function withStreamSelectors(expr: string, matchers: Matchers | readonly LabelMatcher[]): string {
  const list = labelMatchers(matchers);
  if (list.length === 0) return expr;
  const parsed = parseLogQL(expr);
  const { error } = parsed;
  // an empty-compatible selector is still a place to add matchers; only syntax errors stop here
  if (error && !error.message.startsWith('stream selector needs'))
    throw new Error(`not valid LogQL at offset ${error.offset} (${error.message}: ${error.snippet}): ${expr}`);
  const sites: { at: number; labels: Set<string> }[] = [];
  parsed.tree.iterate({
    enter(ref) {
      if (ref.name !== 'Selector') return undefined;
      const labels = new Set<string>();
      let lastEnd = ref.from + 1;
      ref.node.cursor().iterate((m) => {
        if (m.name !== 'Matcher') return undefined;
        const name = m.node.getChild('Identifier');
        if (name) labels.add(expr.slice(name.from, name.to));
        lastEnd = Math.max(lastEnd, m.to);
        return false;
      });
      sites.push({ at: lastEnd, labels });
      return false;
    },
  });
  let out = '';
  let cursor = 0;
  for (const site of sites.sort((a, b) => a.at - b.at)) {
    const missing = list.filter((m) => !site.labels.has(m.label));
    if (missing.length === 0) continue;
    out += `${expr.slice(cursor, site.at)}, ${renderMatchers(missing)}`;
    cursor = site.at;
  }
  return out + expr.slice(cursor);
}
