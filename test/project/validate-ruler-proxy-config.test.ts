// `rules: { type: 'grafana-ruler-proxy', datasource: … }` in dash.config.ts: exactly one of a
// uid or a name, only on Grafana targets; every problem names its key path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateRulesConfig } from '../../lib/project/validate-rules-config.js';

const AT = 'targets.prod.rules';

function problems(value: unknown, targetType: 'grafana' | 'files' = 'grafana'): [string, string][] {
  const out: [string, string][] = [];
  validateRulesConfig(value, AT, targetType, (key, message) => out.push([key, message]));
  return out;
}

describe('validateRulesConfig for grafana-ruler-proxy', () => {
  it('accepts a data source by uid or by name, with namespaces and owns', () => {
    expect(problems({ type: 'grafana-ruler-proxy', datasource: { uid: 'grafanacloud-prom' } })).toEqual([]);
    expect(problems({ type: 'grafana-ruler-proxy', datasource: { name: 'grafanacloud-mystack-prom' }, namespaces: { include: ['a*'] }, owns: ['a'] })).toEqual(
      [],
    );
  });

  it('refuses both, neither, or an unknown key in datasource, naming the path', () => {
    expect(problems({ type: 'grafana-ruler-proxy', datasource: { uid: 'a', name: 'b' } })).toEqual([[`${AT}.datasource`, 'give exactly one of uid or name']]);
    expect(problems({ type: 'grafana-ruler-proxy', datasource: {} })).toEqual([[`${AT}.datasource`, 'give exactly one of uid or name']]);
    expect(problems({ type: 'grafana-ruler-proxy' }).map(([k]) => k)).toEqual([`${AT}.datasource`]);
    expect(problems({ type: 'grafana-ruler-proxy', datasource: { uid: 'a', id: 3 } }).map(([k]) => k)).toEqual([`${AT}.datasource.id`]);
  });

  it('refuses it on a target that is not a Grafana', () => {
    expect(problems({ type: 'grafana-ruler-proxy', datasource: { uid: 'a' } }, 'files').map(([k]) => k)).toEqual([`${AT}.type`]);
  });

  it('refuses a literal token and any uid that is not a Grafana uid', () => {
    expect(problems({ type: 'grafana-ruler-proxy', datasource: { uid: 'a' }, token: 'glsa_x' }).map(([k]) => k)).toEqual([`${AT}.token`]);
    fc.assert(
      fc.property(fc.string(), (uid) => {
        const bad = !/^[A-Za-z0-9_-]{1,40}$/.test(uid);
        const found = problems({ type: 'grafana-ruler-proxy', datasource: { uid } });
        expect(found.length > 0).toBe(bad);
        if (bad) expect(found.map(([k]) => k)).toEqual([`${AT}.datasource.uid`]);
      }),
    );
  });
});
