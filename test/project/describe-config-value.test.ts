// Config validation messages name the value they got in one short line: the kind of an object or
// array (never its content), a string quoted and cut at 40 characters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeConfigValue } from '../../lib/project/describe-config-value.js';

describe('describeConfigValue', () => {
  it('GIVEN any string WHEN described THEN it is quoted, cut to 40 characters with an ellipsis', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (text) => {
        const shown = JSON.parse(describeConfigValue(text)) as string;
        expect(shown).toBe(text.length > 40 ? `${text.slice(0, 40)}…` : text);
      }),
    );
  });

  it('GIVEN objects and arrays WHEN described THEN only their kind is named, never a key or an item', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), fc.array(fc.string()), (object, array) => {
        expect(describeConfigValue(object)).toBe('an object');
        expect(describeConfigValue(array)).toBe('an array');
      }),
    );
    expect([undefined, null, 3, true].map(describeConfigValue)).toEqual(['nothing', 'null', '3', 'true']);
  });
});
