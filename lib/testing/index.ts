/**
 * `grafts/testing`: the kit to test dashboards and mixins with, and an in-process Grafana HTTP
 * API for your own tests.
 *
 * For mixin authors: `assertMixinRenders` (renders, every dashboard valid by grafts' schema),
 * `assertMixinLints` (mixtool's alert conventions and the `dash lint` rules),
 * `assertPromtoolTestsPass` and `assertPromtoolRulesValid` (promtool), `validateDashboardSchema`
 * and `assertValidDashboard` for any dashboard JSON. They work in any test runner: a failure
 * throws a `GraftsAssertionError` listing every problem.
 *
 * @example
 * ```ts
 * import { test } from 'vitest';
 * import { assertMixinLints, assertMixinRenders, assertPromtoolTestsPass } from 'grafts/testing';
 * import apiMixin from './index.js';
 *
 * test('the mixin renders, lints clean and passes its promtool tests', () => {
 *   assertMixinRenders(apiMixin);
 *   assertMixinLints(apiMixin);
 *   assertPromtoolTestsPass(apiMixin.config({ job: 'payments' }));
 * });
 * ```
 *
 * The emulator serves what grafts' sync needs — `/api/health`, `/api/user`,
 * `/api/frontend/settings`, `/api/search`, `/api/folders`, `/api/dashboards/*` and (for
 * Grafana 12+) the k8s-style `/apis/dashboard.grafana.app` and `/apis/folder.grafana.app` —
 * with Grafana's status codes and error bodies, on 127.0.0.1 and a free port; also the alerting
 * provisioning API (`/api/v1/provisioning/alert-rules`, `…/folder/:folderUid/rule-groups/:group`,
 * `…/contact-points`, `…/policies`, `…/mute-timings`, `…/templates`).
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
export { GraftsAssertionError } from './grafts-assertion-error.js';
export {
  assertValidDashboard,
  formatSchemaErrors,
  validateDashboardSchema,
  type CompiledSchema,
  type SchemaErrorObject,
  type SchemaValidation,
} from './dashboard-schema.js';
export type { MixinUnderTest } from './mixin-under-test.js';
export { assertMixinRenders } from './assert-mixin-renders.js';
export { assertMixinLints, type MixinLintAssertionOptions } from './assert-mixin-lints.js';
export { assertPromtoolRulesValid, assertPromtoolTestsPass, type PromtoolAssertionOptions, type PromtoolOutcome } from './assert-promtool.js';
export { startGrafanaEmulator, type EmulatorRequestLogEntry, type GrafanaEmulator, type GrafanaEmulatorOptions } from './grafana-emulator.js';
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
export { serveAlertmanagerConfig, ALERTMANAGER_CONFIG_PATH, type StoredAlertmanagerConfig, type AlertmanagerConfigReply } from './alertmanager-config-api.js';
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
export {
  amtoolCheckConfig,
  runRoutingTests,
  amtoolVersion,
  amtoolBinary,
  AmtoolMissingError,
  type AmtoolRun,
  type RoutingTestResult,
} from '../alerting/amtool.js';
