import { describe, expect, it } from 'vitest';
import {
  annotation,
  assignRefIds,
  canonicalKeys,
  customVariable,
  dashboard,
  dashboardLink,
  datasourceVariable,
  deepMerge,
  libraryPanel,
  prometheus,
  refIdAt,
  row,
  text,
  timeseries,
} from '../../lib/index.js';

const ds = datasourceVariable('datasource', 'prometheus');
type AnyJson = Record<string, any>;

describe('refIdAt', () => {
  it('counts like spreadsheet columns', () => {
    // GIVEN indexes at every boundary WHEN converted THEN A…Z, AA…ZZ, AAA…
    expect(refIdAt(0)).toBe('A');
    expect(refIdAt(1)).toBe('B');
    expect(refIdAt(25)).toBe('Z');
    expect(refIdAt(26)).toBe('AA');
    expect(refIdAt(27)).toBe('AB');
    expect(refIdAt(51)).toBe('AZ');
    expect(refIdAt(52)).toBe('BA');
    expect(refIdAt(701)).toBe('ZZ');
    expect(refIdAt(702)).toBe('AAA');
  });

  it('is a bijection over the first 20 000 indexes', () => {
    // GIVEN many indexes WHEN converted THEN every id is distinct and made of capital letters
    const ids = Array.from({ length: 20_000 }, (_, i) => refIdAt(i));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[A-Z]+$/.test(id))).toBe(true);
  });
});

describe('assignRefIds', () => {
  it('keeps explicit refIds and gives the others the next free letters, in order', () => {
    // GIVEN a mix of explicit and missing refIds WHEN assigned THEN explicit ones stay and others skip them
    expect(assignRefIds([undefined, 'A', undefined])).toEqual(['B', 'A', 'C']);
    expect(assignRefIds([undefined, undefined, 'B', undefined])).toEqual(['A', 'C', 'B', 'D']);
    expect(assignRefIds(['errors', undefined])).toEqual(['errors', 'A']);
    expect(assignRefIds([])).toEqual([]);
  });

  it('keeps duplicate explicit refIds as they are (validation reports them)', () => {
    // GIVEN two equal explicit refIds WHEN assigned THEN both are kept
    expect(assignRefIds(['X', 'X', undefined])).toEqual(['X', 'X', 'A']);
  });

  it('goes past Z', () => {
    // GIVEN 28 queries without refIds WHEN assigned THEN the last two are AA and AB
    expect(assignRefIds(new Array<undefined>(28).fill(undefined)).slice(-3)).toEqual(['Z', 'AA', 'AB']);
  });
});

describe('deepMerge', () => {
  it('merges objects, replaces arrays and scalars, deletes on undefined, and leaves inputs untouched', () => {
    // GIVEN a base and a patch
    const base = { a: { b: 1, c: 2, list: [1, 2, 3] }, keep: 'x', gone: true, scalarToObject: 1 };
    const patch = { a: { c: 3, list: [9], d: { e: 1 } }, gone: undefined, scalarToObject: { now: 'object' }, added: [1] };
    const baseCopy = structuredClone(base);
    const patchCopy = structuredClone(patch);
    // WHEN merged
    const merged = deepMerge(base, patch) as AnyJson;
    // THEN objects merge key by key, arrays replace, undefined removes
    expect(merged).toEqual({ a: { b: 1, c: 3, list: [9], d: { e: 1 } }, keep: 'x', scalarToObject: { now: 'object' }, added: [1] });
    expect('gone' in merged).toBe(false);
    // AND neither input changed, and the result shares no objects with them
    expect(base).toEqual(baseCopy);
    expect(patch).toEqual(patchCopy);
    merged.a.d.e = 2;
    merged.added.push(2);
    merged.a.list.push(10);
    expect(patch).toEqual(patchCopy);
    expect(base).toEqual(baseCopy);
  });

  it('an object replaces an array and an array replaces an object', () => {
    // GIVEN mismatched shapes WHEN merged THEN the patch wins
    expect(deepMerge({ x: [1], y: { a: 1 } }, { x: { a: 1 }, y: [2] })).toEqual({ x: { a: 1 }, y: [2] });
  });

  it('null replaces (it is a value, not a deletion)', () => {
    // GIVEN a null in the patch WHEN merged THEN the key is kept with null
    expect(deepMerge({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
  });
});

describe('$merge on every builder', () => {
  it('panel: applied last, able to set, override and remove any field including computed ones', () => {
    // GIVEN a panel whose setters conflict with a later $merge
    const panel = timeseries('CPU')
      .datasource(ds)
      .target(prometheus('up'))
      .unit('s')
      .$merge({ pluginVersion: '11.3.0', fieldConfig: { defaults: { unit: 'ms' } }, options: { legend: { width: 300 } } })
      .unit('bytes') // a setter after $merge still loses: merges apply last
      .$merge({ targets: [{ refId: 'Q', expr: 'raw' }], transparent: undefined, title: 'Raw title' });
    // WHEN placed on a dashboard
    const json = (dashboard('D').variable(ds).panel(panel).build().panels as unknown as AnyJson[])[0]!;
    // THEN the patches win, in order, over setters and over computed fields (targets)
    expect(json.pluginVersion).toBe('11.3.0');
    expect(json.fieldConfig.defaults.unit).toBe('ms');
    expect(json.options).toEqual({ legend: { width: 300 } });
    expect(json.targets).toEqual([{ refId: 'Q', expr: 'raw' }]);
    expect(json.title).toBe('Raw title');
    // AND id and gridPos are still assigned by the dashboard
    expect(json.id).toBe(1);
    expect(json.gridPos).toEqual({ x: 0, y: 0, w: 12, h: 8 });
  });

  it('dashboard: applied last, able to set any field including computed ones', () => {
    // GIVEN a dashboard patched to change schemaVersion, add an unsupported field and drop templating
    const d = dashboard('D')
      .uid('d')
      .panel(text('t'))
      .$merge({ schemaVersion: 39, version: 3, gnetId: null, templating: undefined, time: { from: 'now-1h' } })
      .time('now-6h', 'now');
    // WHEN built
    const json = d.build() as unknown as AnyJson;
    // THEN the patch wins and keys are still in canonical order
    expect(json.schemaVersion).toBe(39);
    expect(json.version).toBe(3);
    expect(json.gnetId).toBeNull();
    expect(json.templating).toBeUndefined();
    expect(json.time).toEqual({ from: 'now-1h', to: 'now' });
    expect(Object.keys(json)).toEqual(['uid', 'title', 'time', 'schemaVersion', 'version', 'annotations', 'panels', 'gnetId']);
  });

  it('row: patches the header, not its panels', () => {
    // GIVEN a row patched with a data source and a different title
    const r = row('R')
      .panel(text('t'))
      .$merge({ title: 'Patched', datasource: { type: 'prometheus', uid: 'x' } });
    // WHEN built THEN the header carries the patch and the panel follows unchanged
    const [header, panel] = dashboard('D').row(r).build().panels as unknown as AnyJson[];
    expect(header).toMatchObject({ type: 'row', title: 'Patched', datasource: { type: 'prometheus', uid: 'x' }, id: 1 });
    expect(panel).toMatchObject({ type: 'text', title: 't', id: 2 });
  });

  it('variable, query, annotation, dashboard link and library panel: applied last', () => {
    // GIVEN each builder with a $merge that overrides a set field and adds another
    const v = customVariable('env', ['a', 'b'])
      .multi()
      .$merge({ multi: false, options: [{ text: 'a', value: 'a', selected: true }] });
    const q = prometheus('up').legend('x').$merge({ legendFormat: '__auto', interval: '30s' });
    const a = annotation('A')
      .iconColor('blue')
      .$merge({ iconColor: 'green', filter: { exclude: false, ids: [1] } });
    const l = dashboardLink('L').url('https://a').$merge({ url: 'https://b', placement: 'inControlsMenu' });
    const lib = libraryPanel('u', 'n').$merge({ libraryPanel: { name: 'renamed' }, description: 'd' });
    // WHEN built THEN every patch wins
    expect(v.build()).toMatchObject({ multi: false, options: [{ text: 'a', value: 'a', selected: true }] });
    expect(q.build('A')).toEqual({ refId: 'A', expr: 'up', legendFormat: '__auto', interval: '30s' });
    expect(a.build()).toMatchObject({ iconColor: 'green', filter: { exclude: false, ids: [1] } });
    expect(l.build()).toMatchObject({ url: 'https://b', placement: 'inControlsMenu' });
    expect(lib.build()).toEqual({ title: 'n', libraryPanel: { uid: 'u', name: 'renamed' }, description: 'd' });
  });

  it('a query $merge can even replace the assigned refId', () => {
    // GIVEN a query patched with a refId WHEN placed on a panel THEN the patch wins over assignment
    const panel = timeseries('P')
      .datasource(ds)
      .target(prometheus('up').$merge({ refId: 'Z' }));
    const json = (dashboard('D').variable(ds).panel(panel).build().panels as unknown as AnyJson[])[0]!;
    expect(json.targets[0].refId).toBe('Z');
  });
});

describe('canonicalKeys', () => {
  it('puts well-known keys first in reading order, then the rest alphabetically', () => {
    // GIVEN an object with keys in arbitrary order WHEN canonicalised
    const out = canonicalKeys({ zeta: 1, panels: [], alpha: 2, title: 'A', uid: 'a', schemaVersion: 42, type: 't', id: 3 });
    // THEN the order is fixed
    expect(Object.keys(out)).toEqual(['type', 'id', 'uid', 'title', 'schemaVersion', 'panels', 'alpha', 'zeta']);
  });

  it('applies deeply, keeps array order, drops undefined values, and does not modify its input', () => {
    // GIVEN nested objects inside arrays
    const input = { b: [{ y: 1, x: 2, refId: 'A' }, 3, null], a: { d: undefined, c: 1 } };
    const copy = structuredClone(input);
    // WHEN canonicalised
    const out = canonicalKeys(input) as AnyJson;
    // THEN nested keys are ordered, array order is kept, undefined is dropped
    expect(JSON.stringify(out)).toBe('{"a":{"c":1},"b":[{"refId":"A","x":2,"y":1},3,null]}');
    // AND the input is unchanged and not shared
    expect(input).toEqual(copy);
    expect(out.b).not.toBe(input.b);
  });

  it('is idempotent and makes key order independent of insertion order', () => {
    // GIVEN the same object built in two insertion orders WHEN canonicalised THEN the JSON is equal
    const one = { options: { legend: { placement: 'bottom', displayMode: 'list' } }, type: 'x', title: 't' };
    const two = { title: 't', type: 'x', options: { legend: { displayMode: 'list', placement: 'bottom' } } };
    expect(JSON.stringify(canonicalKeys(one))).toBe(JSON.stringify(canonicalKeys(two)));
    expect(canonicalKeys(canonicalKeys(one))).toEqual(canonicalKeys(one));
    expect(JSON.stringify(canonicalKeys(canonicalKeys(one)))).toBe(JSON.stringify(canonicalKeys(one)));
  });

  it('leaves scalars as they are', () => {
    // GIVEN scalars WHEN canonicalised THEN they come back unchanged
    expect(canonicalKeys(1)).toBe(1);
    expect(canonicalKeys('s')).toBe('s');
    expect(canonicalKeys(null)).toBeNull();
  });
});
