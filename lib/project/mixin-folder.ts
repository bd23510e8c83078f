import { deriveUid } from '../model/uid.js';

/**
 * The folder a mixin's dashboards are applied to: titled with the mixin's name, uid derived
 * from it (`node-exporter` → uid `node-exporter`). Not configurable yet: a project that wants
 * them elsewhere can use the mixin's dashboards in its own `*.dash.ts` with `.folder()`.
 *
 * @example
 * mixinFolder('node-exporter') // → { uid: 'node-exporter', title: 'node-exporter' }
 */
export function mixinFolder(name: string): { uid: string; title: string } {
  return { uid: deriveUid(name), title: name };
}
