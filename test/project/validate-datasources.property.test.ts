// The `datasources` key of dash.config.ts: every entry must be a definition, and uids and names
// distinct; each problem names the config file and the entry's index.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { genericDatasource, prometheusDatasource } from '../../lib/index.js';
import { validateConfig } from '../../lib/project/load-project.js';
import { validateDatasources } from '../../lib/project/validate-datasources.js';

const definition = fc
  .record({ uid: fc.constantFrom('a', 'b', 'c'), name: fc.constantFrom('A', 'B', 'C'), generic: fc.boolean() })
  .map(({ uid, name, generic }) =>
    generic ? genericDatasource('my-plugin', { uid, name, url: 'http://x' }) : prometheusDatasource({ uid, name, url: 'http://p:9090' }),
  );
const notADefinition = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.integer(),
  fc.dictionary(fc.string(), fc.string()),
  fc.constant({ uid: 'a', name: 'A', type: 'prometheus' }),
);

describe('validateDatasources', () => {
  it('PROPERTY: a problem for each non-definition and each repeated uid or name, at its index, naming the file; none otherwise', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(definition, notADefinition), { maxLength: 6 }), (entries) => {
        const problems = validateDatasources(entries, 'dash.config.ts');
        const expected: string[] = [];
        const uids = new Map<string, number>();
        const names = new Map<string, number>();
        entries.forEach((entry, i) => {
          if (!(entry && typeof entry === 'object' && 'spec' in entry)) {
            expected.push(`"datasources[${i}]" is not a data source definition`);
            return;
          }
          const spec = (entry as ReturnType<typeof prometheusDatasource>).spec();
          if (uids.has(spec.uid)) expected.push(`"datasources[${i}]": the uid "${spec.uid}" is also used by datasources[${uids.get(spec.uid)}]`);
          else uids.set(spec.uid, i);
          if (names.has(spec.name)) expected.push(`"datasources[${i}]": the name "${spec.name}" is also used by datasources[${names.get(spec.name)}]`);
          else names.set(spec.name, i);
        });
        expect(problems.map((p) => p.file)).toEqual(expected.map(() => 'dash.config.ts'));
        expect(problems.map((p) => p.message.replace(/ \(use .*\)$/, ''))).toEqual(expected);
      }),
    );
  });

  it('GIVEN a value that is not an array THEN validateConfig refuses the config naming the file and the key', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.integer()), fc.boolean()), (value) => {
        expect(() => validateConfig({ datasources: value }, 'dash.config.ts')).toThrow(/dash\.config\.ts.*"datasources" must be an array/s);
      }),
    );
  });

  it('GIVEN distinct definitions THEN the config is accepted as is', () => {
    const list = [prometheusDatasource({ uid: 'p', name: 'P', url: 'http://p' }), genericDatasource('x', { uid: 'g', name: 'G' })];
    expect(validateConfig({ datasources: list }, 'dash.config.ts').datasources).toBe(list);
  });
});
