import type { FieldColorModeId } from '../../generated/index.js';

/**
 * Every `fieldConfig.defaults.color.mode` grafts' schema knows, for the importer to tell a colour
 * it can write as `.color()` from one it must keep raw. Typed against the generated union, and
 * checked complete by `MissingMode` below, so a schema change shows up here at compile time.
 *
 * @example
 * FIELD_COLOR_MODES.has('palette-classic'); // true
 */
export const FIELD_COLOR_MODES: ReadonlySet<string> = new Set(
  (() => {
    const ids = [
      'thresholds',
      'palette-classic',
      'palette-classic-by-name',
      'continuous-GrYlRd',
      'continuous-RdYlGr',
      'continuous-BlYlRd',
      'continuous-YlRd',
      'continuous-BlPu',
      'continuous-YlBl',
      'continuous-blues',
      'continuous-reds',
      'continuous-greens',
      'continuous-purples',
      'fixed',
      'shades',
    ] as const satisfies readonly FieldColorModeId[];
    // Fails to compile when the generated union gains a mode this list lacks.
    type MissingMode = Exclude<FieldColorModeId, (typeof ids)[number]>;
    const complete: [MissingMode] extends [never] ? true : MissingMode = true;
    void complete;
    return ids;
  })(),
);
