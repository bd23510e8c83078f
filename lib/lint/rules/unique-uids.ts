import type { LintRule, RuleFinding } from '../types.js';

/** `unique-uids`: no two linted dashboards share a uid. */
export const uniqueUids: LintRule = {
  id: 'unique-uids',
  severity: 'error',
  description: 'dashboard uids are unique across all inputs; Grafana keeps only one dashboard per uid',
  check(ctx) {
    const findings: RuleFinding[] = [];
    const first = new Map<string, string>();
    for (const d of ctx.dashboards) {
      if (d.uid === undefined || d.uid === '') continue;
      const previous = first.get(d.uid);
      if (previous === undefined) {
        first.set(d.uid, `${d.source} › dashboard "${d.title}"`);
        continue;
      }
      findings.push({ source: d.source, location: d.location(), message: `duplicate dashboard uid "${d.uid}" (also ${previous})` });
    }
    return findings;
  },
};
