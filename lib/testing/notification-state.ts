/**
 * What one emulated org's Grafana Alertmanager holds for the notification side of the alerting
 * provisioning API (grafana-api.md §6.1, §6.5): contact point integrations, the policy tree, mute
 * timings and templates, each with its provenance (`''` = none, editable in the UI).
 */

/** `''` (none), `api` or `file` (provisioned from disk: never changed through the API). */
export type NotificationProvenance = '' | 'api' | 'file';

/** One integration of a contact point (`EmbeddedContactPoint`); contact points are integrations sharing a name. */
export interface StoredContactPoint {
  uid: string;
  name: string;
  type: string;
  /** Every setting, secure ones included (the API returns those as `[REDACTED]`). */
  settings: Record<string, unknown>;
  disableResolveMessage: boolean;
  provenance: NotificationProvenance;
}

export interface StoredMuteTiming {
  name: string;
  time_intervals: Record<string, unknown>[];
  provenance: NotificationProvenance;
  /** Changes on every write (Grafana: a hash of the content). */
  version: string;
}

export interface StoredTemplate {
  name: string;
  template: string;
  provenance: NotificationProvenance;
  version: string;
}

/** The name of the contact point a fresh Grafana has, and its default policy tree's receiver. */
export const DEFAULT_CONTACT_POINT = 'grafana-default-email';

/** The policy tree of a fresh Grafana (and what `DELETE /policies` resets it to). */
export function defaultPolicyTree(): Record<string, unknown> {
  return { receiver: DEFAULT_CONTACT_POINT, group_by: ['grafana_folder', 'alertname'] };
}

/** The notification resources of one org; a fresh Grafana's defaults after construction and `clear()`. */
export class NotificationState {
  readonly contactPoints = new Map<string, StoredContactPoint>();
  readonly muteTimings = new Map<string, StoredMuteTiming>();
  readonly templates = new Map<string, StoredTemplate>();
  policy: Record<string, unknown> = defaultPolicyTree();
  policyProvenance: NotificationProvenance = '';
  #versionCounter = 0;

  constructor() {
    this.clear();
  }

  /** A fresh opaque version string. */
  nextVersion(): string {
    this.#versionCounter += 1;
    return `v${this.#versionCounter.toString(16).padStart(8, '0')}`;
  }

  clear(): void {
    this.contactPoints.clear();
    this.muteTimings.clear();
    this.templates.clear();
    this.contactPoints.set('cdefaultemail', {
      uid: 'cdefaultemail',
      name: DEFAULT_CONTACT_POINT,
      type: 'email',
      settings: { addresses: '<example@email.com>' },
      disableResolveMessage: false,
      provenance: '',
    });
    this.policy = defaultPolicyTree();
    this.policyProvenance = '';
  }

  /** Names of every contact point (integrations grouped by name). */
  receiverNames(): Set<string> {
    return new Set([...this.contactPoints.values()].map((c) => c.name));
  }
}
