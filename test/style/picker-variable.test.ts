import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasourceVariable, labelValues, pickerVariable } from '../../lib/index.js';

type Json = Record<string, unknown>;
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/);
const text = fc.string({ minLength: 1, maxLength: 20 });

describe('pickerVariable', () => {
  it('GIVEN any name, label and label_values query WHEN built THEN it is a multi-select "All" picker refreshed on time change, sorted, with all-value .+', () => {
    fc.assert(
      fc.property(name, text, name, name, (variable, label, metric, onLabel) => {
        const ds = datasourceVariable('datasource', 'prometheus');
        const query = labelValues(metric, onLabel);
        const json = pickerVariable(variable, { label, datasource: ds, query }).build() as unknown as Json;
        expect(json).toEqual({
          type: 'query',
          name: variable,
          label,
          datasource: { type: 'prometheus', uid: '${datasource}' },
          query,
          definition: query,
          multi: true,
          includeAll: true,
          allValue: '.+',
          refresh: 2,
          sort: 1,
        });
      }),
    );
  });

  it('GIVEN an allValue WHEN built THEN "All" stands for it', () => {
    fc.assert(
      fc.property(fc.constantFrom('.*', '.+', 'a|b'), (allValue) => {
        const json = pickerVariable('cluster', {
          label: 'Cluster',
          datasource: datasourceVariable('datasource', 'prometheus'),
          query: 'label_values(up, cluster)',
          allValue,
        }).build() as unknown as Json;
        expect(json.allValue).toBe(allValue);
      }),
    );
  });
});
