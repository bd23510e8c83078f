import { describe, expect, it } from 'vitest';
import {
  adhocVariable,
  customVariable,
  dashboard,
  datasourceVariable,
  intervalVariable,
  prometheus,
  rawQuery,
  row,
  stat,
  table,
  text,
  timeseries,
  toJson,
  valueMapping,
  type JsonObject,
} from '../../lib/index.js';

const ds = datasourceVariable('datasource', 'prometheus');
const cpu = timeseries('CPU')
  .datasource(ds)
  .target(prometheus('sum(rate(process_cpu_seconds_total[$__rate_interval]))').legend('cpu'))
  .unit('percentunit')
  .legend({ displayMode: 'table', calcs: ['mean'] })
  .thresholds([{ color: 'green' }, { value: 0.9, color: 'red' }])
  .overrideByName('cpu', { custom: { lineWidth: 2 } });

type AnyJson = Record<string, any>;

describe('a panel shared between rows', () => {
  it('renders correctly and independently in both places', () => {
    // GIVEN one panel placed in two rows (once as is, once re-titled), both rows in one dashboard
    const a = row('Frontend').panel(cpu, cpu.title('CPU (frontend)'));
    const b = row('Backend').panel(cpu);
    const json = dashboard('Shared').variable(ds).row(a, b).build();

    // WHEN the placed panels are compared
    const panels = json.panels as unknown as AnyJson[];
    const placed = panels.filter((p) => p.type === 'timeseries');

    // THEN there are three distinct objects with distinct ids and positions, titles as set,
    // and otherwise identical content
    expect(placed.map((p) => [p.id, p.title, p.gridPos])).toEqual([
      [2, 'CPU', { x: 0, y: 1, w: 12, h: 8 }],
      [3, 'CPU (frontend)', { x: 12, y: 1, w: 12, h: 8 }],
      [5, 'CPU', { x: 0, y: 10, w: 12, h: 8 }],
    ]);
    const strip = ({ id: _id, gridPos: _g, ...rest }: AnyJson) => rest;
    expect(strip(placed[2]!)).toEqual(strip(placed[0]!));
    expect(new Set(placed.map((p) => p.fieldConfig)).size).toBe(3);
    expect(new Set(placed.map((p) => p.targets)).size).toBe(3);

    // AND mutating one placement leaves the other untouched
    placed[0]!.fieldConfig.defaults.unit = 'bytes';
    placed[0]!.targets[0].expr = 'changed';
    expect(placed[2]!.fieldConfig.defaults.unit).toBe('percentunit');
    expect(placed[2]!.targets[0].expr).toBe('sum(rate(process_cpu_seconds_total[$__rate_interval]))');
  });

  it('the shared panel builder itself is unchanged by being placed', () => {
    // GIVEN the panel's JSON before it is placed
    const before = toJson(cpu.build());
    // WHEN it is placed in two rows and built
    dashboard('Twice').variable(ds).row(row('a').panel(cpu), row('b').collapsed().panel(cpu)).build();
    // THEN its own build is the same and has no id or gridPos
    const after = cpu.build();
    expect(toJson(after)).toBe(before);
    expect(after).not.toHaveProperty('id');
    expect(after).not.toHaveProperty('gridPos');
  });
});

describe('setters return new builders', () => {
  it('a setter does not change the original builder', () => {
    // GIVEN a panel, a row, a dashboard, a variable and a query with their JSON
    const q = prometheus('up');
    const v = customVariable('env', ['a', 'b']);
    const r = row('R').panel(cpu);
    const d = dashboard('D').variable(ds).panel(cpu);
    const before = [cpu, q, v].map((b) => toJson(b.build()));
    const dashBefore = toJson(d.build());
    const rowBefore = toJson(dashboard('x').variable(ds).row(r).build());

    // WHEN every kind of setter is called on them (results discarded)
    cpu.title('x').unit('s').legend({ placement: 'right' }).target(prometheus('down')).overrideByRegex('.*', { unit: 'ms' }).$merge({ pluginVersion: '1' });
    q.legend('x').instant().refId('Z').$merge({ expr: 'other' });
    v.multi().defaultValue('b').label('Env');
    r.collapsed().panel(stat('S').datasource(ds).target(prometheus('1')));
    d.uid('other').tags('t').panel(cpu).row(r);

    // THEN the originals build exactly as before
    expect([cpu, q, v].map((b) => toJson(b.build()))).toEqual(before);
    expect(toJson(d.build())).toBe(dashBefore);
    expect(toJson(dashboard('x').variable(ds).row(r).build())).toBe(rowBefore);
  });

  it('each setter returns a distinct instance of the same class', () => {
    // GIVEN a panel WHEN a setter is called THEN a new instance of the same class comes back
    const next = cpu.unit('s');
    expect(next).not.toBe(cpu);
    expect(next).toBeInstanceOf(cpu.constructor);
  });
});

describe('build() returns fresh objects', () => {
  it('deep mutation of a panel build does not reach the next build', () => {
    // GIVEN a built panel
    const first = cpu.build() as AnyJson;
    const expected = toJson(cpu.build());
    // WHEN it is mutated deeply: options, targets, fieldConfig, datasource
    first.options.legend.calcs.push('max');
    first.options.legend.displayMode = 'list';
    first.targets[0].expr = 'mutated';
    first.targets.push({ refId: 'B' });
    first.fieldConfig.defaults.thresholds.steps[1].value = 0;
    first.fieldConfig.overrides[0].properties[0].value = 99;
    first.datasource.uid = 'other';
    // THEN the next build is unaffected
    expect(toJson(cpu.build())).toBe(expected);
  });

  it('deep mutation of a dashboard build does not reach the next build', () => {
    // GIVEN a built dashboard with variables, rows and panels
    const d = dashboard('D')
      .variable(ds, customVariable('env', ['a']))
      .tags('x')
      .row(row('R').collapsed().panel(cpu));
    const expected = toJson(d.build());
    const first = d.build() as unknown as AnyJson;
    // WHEN it is mutated deeply
    first.tags.push('y');
    first.templating.list[1].query = 'zzz';
    first.panels[0].panels[0].options.legend.calcs = [];
    first.panels[0].panels[0].targets[0].legendFormat = 'mutated';
    first.panels[0].gridPos.y = 40;
    // THEN the next build is unaffected
    expect(toJson(d.build())).toBe(expected);
  });

  it('deep mutation of a variable or query build does not reach the next build', () => {
    // GIVEN built variables and a raw query
    const filters = adhocVariable('filters', ds).baseFilters({ key: 'a', operator: '=', value: 'b' });
    const raw = rawQuery('elasticsearch', { query: 'x', metrics: [{ type: 'count', id: '1' }] });
    const expected = [toJson(filters.build()), toJson(raw.build())];
    // WHEN their outputs are mutated
    const f = filters.build() as unknown as AnyJson;
    f.baseFilters[0].value = 'c';
    f.datasource.uid = 'x';
    const r = raw.build() as AnyJson;
    r.metrics[0].type = 'avg';
    // THEN the next builds are unaffected
    expect([toJson(filters.build()), toJson(raw.build())]).toEqual(expected);
  });
});

describe('inputs are copied when passed in', () => {
  it('.options(obj) copies obj', () => {
    // GIVEN an options object passed to a builder
    const options: AnyJson = { sortBy: [{ displayName: 'a', desc: false }], footer: { show: true } };
    const t = table('T').options(options as never);
    const expected = toJson(t.build());
    // WHEN the caller mutates it afterwards
    options.sortBy[0].displayName = 'b';
    options.footer.show = false;
    options.extra = 1;
    // THEN the builder is unchanged
    expect(toJson(t.build())).toBe(expected);
  });

  it('.$merge(obj) copies obj', () => {
    // GIVEN a raw patch passed to $merge
    const patch: JsonObject = { options: { legend: { width: 300 } }, pluginVersion: '11.0.0' };
    const p = cpu.$merge(patch);
    const expected = toJson(p.build());
    // WHEN the caller mutates it afterwards
    (patch.options as AnyJson).legend.width = 1;
    patch.pluginVersion = 'x';
    // THEN the builder is unchanged
    expect(toJson(p.build())).toBe(expected);
  });

  it('customVariable(name, values) copies the values array and its labelled entries', () => {
    // GIVEN a values array with a labelled entry
    const values: (string | { text: string; value: string })[] = ['a', { text: 'B', value: 'b' }];
    const v = customVariable('x', values);
    const expected = toJson(v.build());
    // WHEN the caller mutates the array and the entry
    values.push('c');
    (values[1] as { text: string }).text = 'changed';
    // THEN the builder is unchanged
    expect(toJson(v.build())).toBe(expected);
  });

  it('other object inputs (mappings, transformations, custom, overrides, thresholds, intervals, filters, raw fields, timepicker) are copied', () => {
    // GIVEN objects passed to many setters
    const mapping = valueMapping({ '0': { text: 'down' } });
    const transformOptions: AnyJson = { excludeByName: { Time: true } };
    const custom: AnyJson = { lineWidth: 1, stacking: { mode: 'normal' } };
    const override: AnyJson = { color: { mode: 'fixed', fixedColor: 'red' } };
    const steps = [{ color: 'green' }, { value: 1, color: 'red' }];
    const intervals = ['1m', '5m'];
    const filter = { key: 'a', operator: '=' as const, value: 'b' };
    const fields: AnyJson = { query: 'x', nested: { a: 1 } };
    const timepicker: AnyJson = { refresh_intervals: ['1m'] };
    const p = timeseries('P')
      .datasource(ds)
      .target(prometheus('up'))
      .mappings(mapping)
      .transformation('organize', transformOptions)
      .custom(custom)
      .overrideByName('x', override)
      .thresholds(steps);
    const iv = intervalVariable('i', intervals);
    const ad = adhocVariable('f', ds).baseFilters(filter);
    const raw = rawQuery('x', fields);
    const d = dashboard('D').timepicker(timepicker).panel(text());
    const snapshot = () => [p, iv, ad, raw, d].map((b) => toJson(b.build()));
    const expected = snapshot();
    // WHEN all of them are mutated afterwards
    (mapping.options as AnyJson)['0'].text = 'up';
    transformOptions.excludeByName.Time = false;
    custom.stacking.mode = 'percent';
    override.color.fixedColor = 'blue';
    steps[1]!.color = 'blue';
    intervals.push('1h');
    filter.value = 'c';
    fields.nested.a = 2;
    timepicker.refresh_intervals.push('5m');
    // THEN every builder is unchanged
    expect(snapshot()).toEqual(expected);
  });
});

describe('builder props are frozen', () => {
  // props are protected in TypeScript; at runtime they are observable through the getter.
  const propsOf = (b: object): AnyJson => (b as unknown as { props: AnyJson }).props;

  it('the props object of every builder kind is frozen', () => {
    // GIVEN one builder of each kind WHEN their props are inspected THEN they are frozen
    const builders = [cpu, prometheus('up'), customVariable('x', ['a']), row('R'), dashboard('D'), ds];
    for (const b of builders) expect(Object.isFrozen(propsOf(b))).toBe(true);
  });

  it('assigning to frozen props throws (ES modules are strict) and changes nothing', () => {
    // GIVEN a panel's props WHEN a field is assigned THEN it throws and build() is unchanged
    const expected = toJson(cpu.build());
    expect(() => {
      propsOf(cpu).title = 'hacked';
    }).toThrow(TypeError);
    expect(toJson(cpu.build())).toBe(expected);
  });

  it('lists handed out by internal accessors are frozen, so they cannot change a builder', () => {
    // GIVEN a row, a dashboard and a panel with lists
    const r = row('R').panel(cpu);
    const d = dashboard('D').panel(cpu).tags('a');
    // WHEN their lists are obtained through the accessors the renderer uses
    // THEN they are frozen: pushing throws and the builders keep their content
    expect(Object.isFrozen(r.panels())).toBe(true);
    expect(Object.isFrozen(cpu.queries())).toBe(true);
    expect(Object.isFrozen(d.parts().panels)).toBe(true);
    expect(Object.isFrozen(d.parts().tags)).toBe(true);
    expect(() => (r.panels() as unknown[]).push(cpu)).toThrow(TypeError);
    expect(r.panels()).toHaveLength(1);
  });
});
