import path from 'node:path';
import { renderMixins, type RenderedMixinFiles } from '../mixin/render-mixins.js';
import { ValidationError, type Problem } from '../model/validation-error.js';
import { renderProject, type RenderedProject } from '../render/render-project.js';
import type { LoadedProject } from './load-project.js';

/** A loaded project's dashboards and the mixins its config lists, all rendered. */
export interface RenderedProjectWithMixins {
  readonly dashboards: RenderedProject;
  readonly mixins: readonly RenderedMixinFiles[];
  /** The config file relative to the project, for problem paths (`dash.config.ts` when none). */
  readonly configFile: string;
}

/**
 * Renders a loaded project's dashboards and its config's mixins, checking both, and throws one
 * {@link ValidationError} with the problems of both when there are any.
 */
export function renderProjectWithMixins(project: LoadedProject): RenderedProjectWithMixins {
  const configFile = project.configFile ? path.relative(project.dir, project.configFile).split(path.sep).join('/') : 'dash.config.ts';
  const problems: Problem[] = [];
  let dashboards: RenderedProject = { dashboards: [] };
  let mixins: RenderedMixinFiles[] = [];
  try {
    dashboards = renderProject(project.entries);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.problems);
  }
  try {
    mixins = renderMixins((project.config.mixins ?? []).map((mixin, i) => ({ mixin, where: [configFile, `mixins[${i}]`] })));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { dashboards, mixins, configFile };
}
