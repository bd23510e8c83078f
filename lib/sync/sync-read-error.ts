import { GraftsError } from '../errors/grafts-error.js';

/**
 * A dashboard the target holds but cannot give in a schema grafts reads (Grafana's
 * `status.conversion` failed): `dash pull` stops on it rather than write a default spec.
 *
 * @example
 * // https://grafana.example: dashboard "checkout" cannot be read: Grafana could not convert it from v2: …
 */
export class SyncReadError extends GraftsError {
  constructor(target: string, uid: string, detail: string) {
    super(`${target}: dashboard "${uid}" cannot be read: ${detail}`, {
      hint: 'open the dashboard in Grafana to see what it holds, or leave it out with --uid',
    });
  }
}
