import { describe, expect, it } from 'vitest';
import { findDatasourceSettings, liftDatasource } from '../../../lib/import/mixin/lift-datasource.js';

const variable = (extra: Record<string, unknown>) => ({ templating: { list: [{ name: 'ds', type: 'datasource', query: 'prometheus', ...extra }] } });

describe('lift-datasource', () => {
  it('finds the default and regex most Prometheus data source variables share', () => {
    const dashboards = [
      variable({ regex: 'prod-.*', current: { text: 'default', value: 'default' } }),
      variable({ regex: 'prod-.*', current: { text: 'Prom', value: 'uid-1' } }),
      variable({ regex: 'other' }),
      { templating: { list: [{ name: 'logs', type: 'datasource', query: 'loki', regex: 'x' }] } },
    ];
    // THEN prod-.* (2 of 3) is lifted; no default reaches half (a text/value pair that differ is not a name)
    expect(findDatasourceSettings(dashboards)).toEqual({ datasourceRegex: { value: 'prod-.*', count: 2, of: 3 } });
    expect(findDatasourceSettings([{ title: 'no variables' }])).toEqual({});
  });

  it('replaces only the lifted literals of Prometheus data source variable chains', () => {
    const code = [
      "const ds = datasourceVariable('ds', 'prometheus').regex('prod-.*').defaultValue('default').label('prod-.*');",
      "const logs = datasourceVariable('logs', 'loki').regex('prod-.*').defaultValue('default');",
      "const job = queryVariable('job').regex('prod-.*');",
      "const other = datasourceVariable('x', 'prometheus').regex('other');",
    ].join('\n');
    const lifted = liftDatasource(code, { regex: { value: 'prod-.*', code: 'c.datasourceRegex' }, defaultValue: { value: 'default', code: 'c.datasource' } });
    expect(lifted.split('\n')).toEqual([
      "const ds = datasourceVariable('ds', 'prometheus').regex(c.datasourceRegex).defaultValue(c.datasource).label('prod-.*');",
      "const logs = datasourceVariable('logs', 'loki').regex('prod-.*').defaultValue('default');",
      "const job = queryVariable('job').regex('prod-.*');",
      "const other = datasourceVariable('x', 'prometheus').regex('other');",
    ]);
    expect(liftDatasource(code, {})).toBe(code);
  });
});
