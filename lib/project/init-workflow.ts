import { readFileSync } from 'node:fs';

let workflow: string | undefined;

/**
 * The GitHub Actions workflow `dash init` writes to `.github/workflows/dashboards.yml`: `dash
 * build`, `dash lint` and a markdown diff as a PR comment on pull requests, `dash apply --prune`
 * on pushes to main in the `production` environment; the jobs that need the Grafana secrets fail
 * at once when one is missing. Kept byte-equal to `examples/github-actions/dashboards.yml` by a test.
 *
 * The text lives in `templates/github-workflow.yml` next to this module (the build copies it
 * into `dist/`, which the package ships), so it can be read and edited as YAML. It is read on
 * first use, not when the library loads (a project may bundle the library elsewhere).
 *
 * @example
 * githubWorkflow().startsWith('# Dashboards as code with grafts') // → true
 */
export function githubWorkflow(): string {
  workflow ??= readFileSync(new URL('./templates/github-workflow.yml', import.meta.url), 'utf8');
  return workflow;
}
