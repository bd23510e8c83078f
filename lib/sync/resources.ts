import type { ResolvedAlerting } from '../alerting/alerting-config.js';
import type { RuleGroupResource } from './rule-resources.js';

/**
 * What the code wants to exist on a target. Every resource is identified by kind and uid.
 */
export interface FolderResource {
  readonly kind: 'Folder';
  readonly uid: string;
  readonly title: string;
  /** Absent for a top-level folder. */
  readonly parentUid?: string;
  /** Where it was declared, for messages. */
  readonly source: string;
}

/** A dashboard as the code renders it (Grafana's JSON, without the managed marker). */
export interface DashboardResource {
  readonly kind: 'Dashboard';
  readonly uid: string;
  readonly title: string;
  /** Absent for Grafana's root folder. */
  readonly folderUid?: string;
  /** `v1`: `json` is classic dashboard JSON (with `uid`); `v2`: `json` is the v2 **spec** (no uid; the resource is built by the target). */
  readonly schema: 'v1' | 'v2';
  readonly json: Readonly<Record<string, unknown>>;
  readonly source: string;
}

/** Any desired resource. */
export type DesiredResource = FolderResource | DashboardResource;

/** Everything a project wants on a target: folders (parents before children), dashboards, rule groups. */
export interface DesiredState {
  readonly folders: readonly FolderResource[];
  readonly dashboards: readonly DashboardResource[];
  /** Alerting and recording rule groups (from the project's mixins), for the target's rules destination. */
  readonly ruleGroups?: readonly RuleGroupResource[];
  /**
   * The config's `alerting` (contact points, policy tree with the mixins' routes, mute timings,
   * templates), checked; absent when the config has none.
   */
  readonly alerting?: ResolvedAlerting;
  /** Where `alerting` is declared, for messages: `dash.config.ts › alerting`. */
  readonly alertingSource?: string;
}
