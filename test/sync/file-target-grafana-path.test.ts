// The file target's `grafanaPath`: the provider file's `options.path` for a Grafana that sees
// the dashboards elsewhere (a container). Validated as an absolute path; the README's Docker
// example (config + compose volumes) agrees with what `dash apply` writes.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfig } from '../../lib/project/load-project.js';
import { makeProject, runDash } from '../cli/run-dash.js';
import { docBlocks, docProjectFiles } from '../support/doc-pages.js';

function configError(grafanaPath: unknown): string | undefined {
  try {
    validateConfig({ targets: { docker: { type: 'files', dir: 'grafana-provisioning', grafanaPath } } }, 'dash.config.ts');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('targets.<name>.grafanaPath', () => {
  it('GIVEN a relative path, an empty one, a non-string or a path with a newline THEN the config is refused naming the key', () => {
    for (const bad of ['dashboards', './grafana-provisioning/dashboards', '', 42, '/var/lib/grafana\n/dashboards', '~/dashboards']) {
      const message = configError(bad);
      expect(message, String(bad)).toContain(
        'dash.config.ts: targets.docker.grafanaPath: must be the absolute path at which Grafana sees "grafana-provisioning/dashboards"',
      );
    }
  });

  it('PROPERTY: any absolute POSIX or Windows path of printable characters is accepted, and the same path made relative is refused', () => {
    const segment = fc.stringMatching(/^[\w .@-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.boolean(), (segments, windows) => {
        const absolute = windows ? `C:\\${segments.join('\\')}` : `/${segments.join('/')}`;
        expect(configError(absolute)).toBeUndefined();
        expect(configError(segments.join('/'))).toContain('targets.docker.grafanaPath');
      }),
    );
  });
});

describe('the documented Docker example', () => {
  it('GIVEN the README config and compose file WHEN applying THEN the provider file names the path the compose file mounts the dashboards at', () => {
    // GIVEN the README's docker.config.ts as a project's config, and its compose volumes
    const config = docProjectFiles()['docker.config.ts'];
    const compose = docBlocks('yaml').find(({ block }) => block.startsWith('# docker-compose.yml'))?.block;
    expect(config).toBeDefined();
    expect(compose).toBeDefined();
    const volumes = (parse(compose!) as { services: { grafana: { volumes: string[] } } }).services.grafana.volumes.map((v) => v.split(':'));
    const dir = makeProject({
      'dash.config.ts': config!,
      'api.dash.ts': `import { dashboard, stat, prometheus } from 'grafts';\nexport default dashboard('API').uid('api').panel(stat('Up').target(prometheus('sum(up)')));\n`,
    });
    // WHEN applying to the default target
    const run = runDash(['apply', '--no-typecheck'], dir);
    expect(run.stderr).toContain('created dashboard api');
    expect(run.exitCode).toBe(0);
    // THEN the provider file sits in the folder mounted at Grafana's provisioning/dashboards
    const provisioning = volumes.find(([, container]) => container === '/etc/grafana/provisioning/dashboards');
    expect(provisioning).toBeDefined();
    const provider = parse(readFileSync(path.join(dir, provisioning![0]!, 'grafts.yaml'), 'utf8')) as { providers: { options: { path: string } }[] };
    // AND its options.path is where the compose file mounts the folder holding the dashboard
    const mounted = volumes.find(([, container]) => container === provider.providers[0]!.options.path);
    expect(mounted).toBeDefined();
    expect(existsSync(path.join(dir, mounted![0]!, 'api.json'))).toBe(true);
  });
});
