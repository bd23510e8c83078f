import type { LintRule, RuleFinding } from '../types.js';

/** `panel-title`: panels with queries have a title. */
export const panelTitle: LintRule = {
  id: 'panel-title',
  severity: 'warning',
  description: 'every panel with queries has a title saying what it shows',
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        if (panel.targets.length === 0 || panel.type === 'text' || panel.title.trim() !== '') continue;
        findings.push({ source: d.source, location: d.location(panel), message: `${panel.type || 'panel'} panel has no title` });
      }
    }
    return findings;
  },
};
