// `grafts/import`: existing Grafana dashboards, Prometheus rule files and jsonnet mixins to
// grafts TypeScript (what `dash import` does, as functions). Loads ts-morph and prettier.

export { importDashboard, type ImportedDashboard, type ImportDashboardOptions, type ImportConfigHook } from './dashboard/import-dashboard.js';
export { ImportError, isImportError, MAX_JSON_DEPTH } from './dashboard/import-error.js';
export { normalizeForRoundTrip } from './dashboard/round-trip-normalize.js';
export { normalizeV2ForRoundTrip, type NormalizedV2 } from './dashboard/normalize-v2-for-round-trip.js';
export { importRuleFile, type ImportedRuleFile, type ImportRuleFileOptions } from './rules/import-rule-file.js';
export { RuleImportError } from './rules/rule-import-error.js';
export { importMixin, type ImportMixinOptions, type ImportedMixin, type LiftedConfigKey } from './mixin/import-mixin.js';
export { MixinImportError } from './mixin/mixin-import-error.js';
