import type { LintRule, RuleFinding } from '../types.js';

/** `logql-syntax`: Loki (LogQL) and Tempo (TraceQL) queries parse with Grafana's own grammars. */
export const logqlSyntax: LintRule = {
  id: 'logql-syntax',
  severity: 'error',
  description:
    "LogQL and TraceQL queries parse with Grafana's grammars (@grafana/lezer-logql, @grafana/lezer-traceql), variables substituted, and every stream selector has a matcher that cannot match an empty value",
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const d of ctx.dashboards) {
      for (const panel of d.panels) {
        for (const target of panel.targets) {
          if ((target.language !== 'logql' && target.language !== 'traceql') || target.expr === undefined) continue;
          const { error } = target.grammar();
          if (!error) continue;
          findings.push({
            source: d.source,
            location: { ...d.location(panel, target), offset: error.offset },
            message: `invalid ${target.language === 'logql' ? 'LogQL' : 'TraceQL'} at offset ${error.offset}: ${error.message}: ${error.snippet}`,
          });
        }
      }
    }
    return findings;
  },
};
