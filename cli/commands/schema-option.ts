import { Option } from 'commander';

/** `--schema v1|v2`, shared by build, diff, apply and watch. */
export function schemaOption(): Option {
  return new Option(
    '--schema <schema>',
    "render every dashboard in this schema: v1 (classic JSON) or v2 (dashboard.grafana.app/v2) (default: the target's schema, else each dashboard's .schema(), else v2 for dashboards using tabs, auto grid or show/hide rules, else dash.config.ts schema, else v1)",
  ).choices(['v1', 'v2']);
}
