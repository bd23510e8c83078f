// Setters record a patch over their parent builder and the full props are assembled on first
// read. Whatever the setters and wherever the props happen to be assembled, a builder must build
// what copying the props at every setter builds, and no setter may change a builder made before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalKeys, dashboard, datasource, prometheus, row, timeseries, toJson, type TimeseriesPanel } from '../../lib/index.js';
import { renderDashboard } from '../../lib/model/dashboard-render.js';

const RUNS = { numRuns: 150, seed: 20261207 } as const;
const prom = datasource('prometheus', 'prom');

type Panel = TimeseriesPanel<string>;
const setter: fc.Arbitrary<[string, (p: Panel) => Panel]> = fc.oneof(
  fc.string({ maxLength: 5 }).map((t): [string, (p: Panel) => Panel] => [`title ${t}`, (p) => p.title(t)]),
  fc.string({ maxLength: 5 }).map((t): [string, (p: Panel) => Panel] => [`description ${t}`, (p) => p.description(t)]),
  fc.constantFrom('s', 'reqps', 'bytes').map((u): [string, (p: Panel) => Panel] => [`unit ${u}`, (p) => p.unit(u)]),
  fc.integer({ min: -5, max: 5 }).map((n): [string, (p: Panel) => Panel] => [`min ${n}`, (p) => p.min(n)]),
  fc.string({ maxLength: 8 }).map((e): [string, (p: Panel) => Panel] => [`target ${e}`, (p) => p.target(prometheus(e).legend('{{x}}'))]),
  fc.constant<[string, (p: Panel) => Panel]>(['datasource', (p) => p.datasource(prom)]),
  fc.integer({ min: 1, max: 24 }).map((w): [string, (p: Panel) => Panel] => [`width ${w}`, (p) => p.width(w)]),
  fc.constant<[string, (p: Panel) => Panel]>(['link', (p) => p.link('Runbook', 'https://example.com')]),
  fc.constant<[string, (p: Panel) => Panel]>(['transformation', (p) => p.transformation('organize', { a: { b: 1 } })]),
  fc.integer({ min: 0, max: 100 }).map((n): [string, (p: Panel) => Panel] => [`fillOpacity ${n}`, (p) => p.fillOpacity(n)]),
  fc.constant<[string, (p: Panel) => Panel]>(['legend', (p) => p.legend({ displayMode: 'table', calcs: ['mean'] })]),
  fc.constant<[string, (p: Panel) => Panel]>(['override', (p) => p.overrideByName('x', { unit: 'ms' })]),
  fc.integer().map((n): [string, (p: Panel) => Panel] => [`$merge ${n}`, (p) => p.$merge({ pluginVersion: String(n), options: { z: n } })]),
);
// Up to 30 setters: longer than the chain of patches kept before they are folded together.
const setters = fc.array(setter, { maxLength: 30 });

const propsOf = (b: object): Record<string, unknown> => (b as unknown as { props: Record<string, unknown> }).props;

describe('builders made of patches', () => {
  it('GIVEN any setters WHEN props are assembled only at the end or after every setter THEN the panel builds the same JSON', () => {
    fc.assert(
      fc.property(setters, (steps) => {
        let lazy: Panel = timeseries('P');
        let eager: Panel = timeseries('P');
        for (const [, apply] of steps) {
          lazy = apply(lazy);
          eager = apply(eager);
          eager.build(); // assembles the props of every intermediate builder
        }
        expect(toJson(lazy.build())).toBe(toJson(eager.build()));
      }),
      RUNS,
    );
  });

  it('GIVEN a chain of setters WHEN later setters run THEN no earlier builder builds differently, and every props object and list is frozen', () => {
    fc.assert(
      fc.property(setters, setters, (first, second) => {
        const made: { builder: Panel; json: string }[] = [];
        let panel: Panel = timeseries('S');
        for (const [, apply] of first) {
          panel = apply(panel);
          made.push({ builder: panel, json: toJson(panel.build()) });
        }
        // a branch off the middle and one off the end
        let branch = made[Math.floor(made.length / 2)]?.builder ?? panel;
        for (const [, apply] of second) branch = apply(branch);
        for (const [, apply] of second) panel = apply(panel);
        branch.build();
        panel.build();
        for (const { builder, json } of made) {
          expect(toJson(builder.build())).toBe(json);
          const props = propsOf(builder);
          expect(Object.isFrozen(props)).toBe(true);
          for (const value of Object.values(props)) if (Array.isArray(value)) expect(Object.isFrozen(value)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('GIVEN any dashboard WHEN built THEN keys are in canonical order and deep changes to the result never reach the next build', () => {
    fc.assert(
      fc.property(fc.array(setters, { minLength: 1, maxLength: 4 }), fc.boolean(), (panels, collapsed) => {
        const built = panels.map((steps) => steps.reduce<Panel>((p, [, apply]) => apply(p), timeseries('T').datasource(prom)));
        const d = dashboard('D')
          .panel(built[0]!)
          .row(
            row('R')
              .collapsed(collapsed)
              .panel(...built),
          )
          .$merge({ editable: false, zz: { b: 1, a: 2 } });
        // renderDashboard, not build(): random titles may reference unknown $variables.
        const render = () => renderDashboard(d.parts()).json as unknown as Record<string, unknown>;
        const first = render();
        const expected = toJson(first);
        expect(expected).toBe(toJson(canonicalKeys(first)));
        // every object and array of the result is changed
        const scribble = (value: unknown): void => {
          if (Array.isArray(value)) {
            value.forEach(scribble);
            value.push('scribbled');
          } else if (typeof value === 'object' && value !== null) {
            for (const v of Object.values(value)) scribble(v);
            (value as Record<string, unknown>).scribbled = true;
          }
        };
        scribble(first);
        expect(toJson(render())).toBe(expected);
      }),
      RUNS,
    );
  });
});
