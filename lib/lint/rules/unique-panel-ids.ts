import type { LintRule, RuleFinding } from '../types.js';

/** `unique-panel-ids`: no two panels of a dashboard share an id. */
export const uniquePanelIds: LintRule = {
  id: 'unique-panel-ids',
  severity: 'error',
  description: 'panel ids are unique within a dashboard (rows and nested panels included); links, repeats and alerts refer to panels by id',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      const first = new Map<number, string>();
      for (const panel of d.allPanels) {
        if (panel.id === undefined) continue;
        const previous = first.get(panel.id);
        if (previous === undefined) {
          first.set(panel.id, panel.title || '(untitled)');
          continue;
        }
        findings.push({ source: d.source, location: d.location(panel), message: `duplicate panel id ${panel.id} (also panel "${previous}")` });
      }
    }
    return findings;
  },
};
