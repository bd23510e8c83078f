import { ownerToken, type OwnerScope } from '../sync/ownership.js';

/**
 * Which mute timings, templates and whether the policy tree belong to one project on one
 * Grafana. Those resources have no field grafts could mark (a mute timing is a name and
 * intervals; the tree is one per org), so the record is kept in a notification template of its
 * own, a Go template comment that renders nothing: Grafana stores template text as given, so it
 * survives every round trip. Contact points need no record: their uids are the marker.
 */
export interface AlertingLedger {
  readonly muteTimings: readonly string[];
  readonly templates: readonly string[];
  readonly policy: boolean;
}

export const EMPTY_LEDGER: AlertingLedger = { muteTimings: [], templates: [], policy: false };

/**
 * The name of the ledger template of a scope: `grafts-ownership-<owner token>`.
 *
 * @example
 * ledgerTemplateName({ project: 'shop', uidPrefix: '' }) // → 'grafts-ownership-7c0e…'
 */
export function ledgerTemplateName(scope: OwnerScope): string {
  return `grafts-ownership-${ownerToken(scope, 'alerting-ledger')}`;
}

const HEADER = '{{/* Written by grafts: the alerting resources this project manages here. Edits are overwritten. */}}';
const PAYLOAD = /\{\{\/\* grafts-ledger (\{.*\}) \*\/\}\}/s;

/**
 * The ledger as template text. A `*` is escaped in the JSON so a name cannot close the comment.
 *
 * @example
 * ledgerText({ muteTimings: ['weekends'], templates: [], policy: true })
 * // → '{{/* Written by grafts: … *\/}}\n{{/* grafts-ledger {"muteTimings":["weekends"],"templates":[],"policy":true} *\/}}'
 */
export function ledgerText(ledger: AlertingLedger): string {
  const json = JSON.stringify({ muteTimings: [...ledger.muteTimings].sort(), templates: [...ledger.templates].sort(), policy: ledger.policy }).replace(
    /\*/g,
    '\\u002a',
  );
  return `${HEADER}\n{{/* grafts-ledger ${json} */}}`;
}

/** The ledger in a template's text; undefined when the text is not one (edited by hand beyond repair). */
export function parseLedger(text: string): AlertingLedger | undefined {
  const m = PAYLOAD.exec(text);
  if (!m) return undefined;
  try {
    const v = JSON.parse(m[1]!) as Record<string, unknown>;
    const names = (x: unknown): string[] | undefined => (Array.isArray(x) && x.every((n) => typeof n === 'string') ? (x as string[]) : undefined);
    const muteTimings = names(v.muteTimings);
    const templates = names(v.templates);
    if (!muteTimings || !templates || typeof v.policy !== 'boolean') return undefined;
    return { muteTimings, templates, policy: v.policy };
  } catch {
    return undefined;
  }
}

/** Whether two ledgers record the same resources. */
export function sameLedger(a: AlertingLedger, b: AlertingLedger): boolean {
  return ledgerText(a) === ledgerText(b);
}
