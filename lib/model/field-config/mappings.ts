import type { ValueMapping, ValueMappingResult } from '../../generated/index.js';

/** What a mapped value shows: a text, a colour, or both. */
export type MappingResult = ValueMappingResult;

/**
 * Maps exact values to texts and colours.
 *
 * @example
 * valueMapping({ '0': { text: 'Down', color: 'red' }, '1': { text: 'Up', color: 'green' } })
 * // → { "type": "value", "options": { "0": { "text": "Down", "color": "red", "index": 0 },
 * //                                   "1": { "text": "Up", "color": "green", "index": 1 } } }
 */
export function valueMapping(values: Readonly<Record<string, MappingResult>>): ValueMapping {
  const options: Record<string, ValueMappingResult> = {};
  Object.entries(values).forEach(([value, result], index) => {
    options[value] = { ...result, index: result.index ?? index };
  });
  return { type: 'value', options } as ValueMapping;
}

/**
 * Maps a numeric range (inclusive; omit a bound for an open range) to a text and colour.
 *
 * @example
 * rangeMapping({ from: 0, to: 0.5 }, { text: 'Low', color: 'green' })
 * // → { "type": "range", "options": { "from": 0, "to": 0.5, "result": { "text": "Low", "color": "green" } } }
 */
export function rangeMapping(range: { from?: number; to?: number }, result: MappingResult): ValueMapping {
  return { type: 'range', options: { from: range.from ?? null, to: range.to ?? null, result: { ...result } } } as ValueMapping;
}

/**
 * Maps values matching a regex; `$1` in the text refers to a capture group.
 *
 * @example
 * regexMapping('^5\\d\\d$', { text: 'server error', color: 'red' })
 */
export function regexMapping(pattern: string, result: MappingResult): ValueMapping {
  return { type: 'regex', options: { pattern, result: { ...result } } } as ValueMapping;
}

/**
 * Maps special values: null, NaN, true, false, empty.
 *
 * @example
 * specialMapping('null+nan', { text: 'no data', color: 'gray' })
 */
export function specialMapping(match: 'true' | 'false' | 'null' | 'nan' | 'null+nan' | 'empty', result: MappingResult): ValueMapping {
  return { type: 'special', options: { match, result: { ...result } } } as ValueMapping;
}
