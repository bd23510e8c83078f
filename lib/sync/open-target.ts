import type { DashConfig } from '../project/define-config.js';
import type { SyncRunOptions } from './sync-run-options.js';
import type { SyncTarget } from './sync-target.js';

/** Resolves the target a run talks to: the given one, or `resolveTarget` from the config and environment. */
export async function openTarget(options: SyncRunOptions, projectDir: string, config: DashConfig): Promise<SyncTarget> {
  if (options.target) return options.target;
  const { resolveTarget } = await import('./resolve-target.js');
  return resolveTarget({
    cwd: projectDir,
    config,
    ...(options.targetName !== undefined && { targetName: options.targetName }),
    env: options.env ?? process.env,
  });
}
