import { describe, expect, it } from 'vitest';
import {
  dashboard,
  datasourceVariable,
  formatProblem,
  isValidationError,
  libraryPanel,
  prometheus,
  row,
  stat,
  text,
  timeseries,
  type ValidationError,
} from '../../lib/index.js';

const ds = datasourceVariable('datasource', 'prometheus');
const gridPositions = (panels: unknown) => (panels as { title: string; gridPos: unknown; panels?: unknown[] }[]).map((p) => [p.title, p.gridPos]);

function problemsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    expect(isValidationError(error)).toBe(true);
    return (error as ValidationError).problems.map(formatProblem);
  }
  throw new Error('expected a ValidationError, but build() succeeded');
}

describe('panel.position(x, y)', () => {
  it('places a panel beside a taller one, y counted from the row content top', () => {
    // GIVEN a row under top-level panels: a tall panel with two panels stacked beside it, the lower one explicit
    const d = dashboard('Stacked')
      .uid('stacked')
      .variable(ds)
      .panel(text('Intro').size(24, 3))
      .row(
        row('Overview').panel(
          stat('Up').datasource(ds).target(prometheus('up')).size(8, 8),
          timeseries('Requests').datasource(ds).target(prometheus('rate(x[5m])')).size(16, 4),
          timeseries('Errors').datasource(ds).target(prometheus('rate(y[5m])')).size(16, 4).position(8, 4),
          text('Footer').size(24, 2),
        ),
      );
    // WHEN built
    const json = d.build();
    // THEN Errors sits at row content top (3 + 1) + 4, beside Up, and the footer flows below both
    expect(gridPositions(json.panels)).toEqual([
      ['Intro', { x: 0, y: 0, w: 24, h: 3 }],
      ['Overview', { x: 0, y: 3, w: 24, h: 1 }],
      ['Up', { x: 0, y: 4, w: 8, h: 8 }],
      ['Requests', { x: 8, y: 4, w: 16, h: 4 }],
      ['Errors', { x: 8, y: 8, w: 16, h: 4 }],
      ['Footer', { x: 0, y: 12, w: 24, h: 2 }],
    ]);
  });

  it('flowing panels declared before an explicit one move below it; the next row starts below everything', () => {
    // GIVEN an explicit panel at the top left declared last, two flowing panels and a next row
    const d = dashboard('Order')
      .uid('order')
      .row(row('A').panel(text('Flow 1').size(12, 2), text('Flow 2').size(12, 2), text('Fixed').size(6, 10).position(0, 0)))
      .row(row('B').panel(text('Next').size(24, 1)));
    // WHEN built
    const json = d.build();
    // THEN Flow 1 moves below Fixed, Flow 2 stays at the top, and row B follows Flow 1
    expect(gridPositions(json.panels)).toEqual([
      ['A', { x: 0, y: 0, w: 24, h: 1 }],
      ['Fixed', { x: 0, y: 1, w: 6, h: 10 }],
      ['Flow 2', { x: 12, y: 1, w: 12, h: 2 }],
      ['Flow 1', { x: 0, y: 11, w: 12, h: 2 }],
      ['B', { x: 0, y: 13, w: 24, h: 1 }],
      ['Next', { x: 0, y: 14, w: 24, h: 1 }],
    ]);
  });

  it('works in collapsed rows and on library panels; the setter returns a new builder', () => {
    // GIVEN a collapsed row holding a library panel with an explicit position, and a shared base builder
    const base = text('Base').size(4, 4);
    const moved = base.position(20, 0);
    const d = dashboard('Collapsed')
      .uid('collapsed')
      .row(row('Hidden').collapsed().panel(libraryPanel('lib-1', 'Shared').size(8, 4).position(12, 2), base, moved));
    // WHEN built
    const [header] = d.build().panels as unknown as { panels: unknown[] }[];
    // THEN the positions are inside the row's panels, and the base builder still flows
    expect(gridPositions(header!.panels)).toEqual([
      ['Base', { x: 0, y: 1, w: 4, h: 4 }],
      ['Base', { x: 20, y: 1, w: 4, h: 4 }],
      ['Shared', { x: 12, y: 3, w: 8, h: 4 }],
    ]);
  });

  it('reports positions outside the 24 columns, negative or fractional, and explicit panels overlapping, with paths', () => {
    // GIVEN explicit positions that are invalid in each way
    const d = dashboard('Bad')
      .uid('bad')
      .row(
        row('R').panel(
          text('Wide').size(8, 2).position(20, 0),
          text('Negative').size(4, 2).position(-1, 0),
          text('Fraction').size(4, 2).position(4, 0.5),
          text('Above').size(4, 2).position(8, -3),
          text('One').size(6, 6).position(12, 4),
          text('Two').size(6, 6).position(14, 6),
        ),
      );
    // WHEN built THEN every problem is reported with the panel's path
    expect(problemsOf(() => d.build())).toEqual([
      'dashboard "Bad" › row "R" › panel "Wide": position x 20 with width 8 is outside the 24 columns (x must be a whole number from 0 to 16)',
      'dashboard "Bad" › row "R" › panel "Negative": position x -1 with width 4 is outside the 24 columns (x must be a whole number from 0 to 20)',
      'dashboard "Bad" › row "R" › panel "Fraction": position y 0.5 is not a whole number of at least 0',
      'dashboard "Bad" › row "R" › panel "Above": position y -3 is not a whole number of at least 0',
      'dashboard "Bad" › row "R" › panel "Two": position (14, 6) overlaps panel "One"',
    ]);
  });
});
