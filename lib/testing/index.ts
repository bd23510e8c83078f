/**
 * `grafts/testing`: an in-process Grafana HTTP API for your own tests.
 *
 * The emulator serves what grafts' sync needs — `/api/health`, `/api/user`,
 * `/api/frontend/settings`, `/api/search`, `/api/folders`, `/api/dashboards/*` and (for
 * Grafana 12+) the k8s-style `/apis/dashboard.grafana.app` and `/apis/folder.grafana.app` —
 * with Grafana's status codes and error bodies, on 127.0.0.1 and a free port; also the alerting
 * provisioning API (`/api/v1/provisioning/alert-rules`, `…/folder/:folderUid/rule-groups/:group`).
 * `startRulerEmulator` serves a Mimir / Cortex / Loki ruler config API (YAML, tenants by
 * `X-Scope-OrgID`, optional Basic auth) on its own port.
 *
 * @example
 * ```ts
 * import { afterAll, beforeAll, expect, test } from 'vitest';
 * import { startGrafanaEmulator, type GrafanaEmulator } from 'grafts/testing';
 *
 * let grafana: GrafanaEmulator;
 * beforeAll(async () => {
 *   grafana = await startGrafanaEmulator({ version: '12.1.0' });
 * });
 * afterAll(() => grafana.stop());
 *
 * test('GIVEN my dashboards WHEN applied THEN Grafana holds them', async () => {
 *   await applyMyDashboards({ url: grafana.url, token: grafana.token }); // your code
 *   expect([...grafana.state.dashboards.keys()]).toContain('checkout');
 *
 *   // Someone edits it in the UI (unknown top-level keys are dropped, updatedBy = admin) …
 *   grafana.simulateUiEdit('checkout', (d) => ({ ...d, title: 'Checkout (edited)' }));
 *   // … and Grafana Cloud is flaky for a while:
 *   grafana.faults.set({ errorRate: 0.3, rateLimit: { everyN: 5, retryAfterSeconds: 1 }, seed: 42 });
 * });
 * ```
 */
export {
  startGrafanaEmulator,
  type EmulatorRequestLogEntry,
  type GrafanaEmulator,
  type GrafanaEmulatorOptions,
} from './grafana-emulator.js';
export type { FaultConfig } from './faults.js';
export {
  RULER_PREFIXES,
  RulerState,
  startRulerEmulator,
  type RulerEmulator,
  type RulerEmulatorOptions,
  type RulerFlavor,
  type RulerRule,
  type RulerRuleGroup,
} from './ruler-emulator.js';
export { DEFAULT_RULE_GROUP_INTERVAL_SECONDS, SCHEDULER_INTERVAL_SECONDS } from './alerting.js';
export {
  EmulatorState,
  MAX_FOLDER_DEPTH,
  UI_ADMIN,
  type DashboardVersionRow,
  type AlertRuleProvenance,
  type EmulatorIdentity,
  type StoredAlertRule,
  type StoredDashboard,
  type StoredFolder,
} from './state.js';
export { DASHBOARD_SCHEMA_KEYS } from './ui-edit.js';
export type { DashboardWriteRecord } from './write-log.js';
export { MANAGED_BY_ANNOTATION, MANAGER_ID_ANNOTATION } from './managers.js';

// promtool, for a mixin's rule checks and unit tests (`dash mixin lint|test` use the same).
export { promtoolCheckRules, promtoolTestRules, promtoolVersion, promtoolBinary, type PromtoolRun } from '../mixin/promtool.js';

// amtool, for an Alertmanager config's checks and routing tests.
export { amtoolCheckConfig, runRoutingTests, amtoolVersion, amtoolBinary, AmtoolMissingError, type AmtoolRun, type RoutingTestResult } from '../alerting/amtool.js';
