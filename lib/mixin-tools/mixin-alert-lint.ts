import type { RenderedMixin } from '../mixin/define-mixin.js';
import type { AlertRuleJson } from '../mixin/alert-rule.js';
import type { RuleGroupJson } from '../mixin/rule-group.js';

/** How bad a mixin lint finding is: `error` fails `dash mixin lint`; `info` only comes from dashboard rules. */
export type MixinLintSeverity = 'error' | 'warning' | 'info';

/** One finding of `dash mixin lint`. */
export interface MixinLintFinding {
  /** Mixin name. */
  mixin: string;
  /** Rule id (`alert-name-camelcase`, …, `promtool-check-rules`, or a `dash lint` rule id for dashboards). */
  rule: string;
  severity: MixinLintSeverity;
  message: string;
  /** The output file it is about (`prometheus_alerts.yaml`, `dashboards_out/x.json`). */
  file: string;
  /** Group, alert/record, dashboard or panel it is about. */
  location: { group?: string; alert?: string; record?: string; dashboard?: string; panel?: string };
}

/**
 * The alert conventions `mixtool lint` checks (pkg/mixer/lint.go), with its rule ids, plus
 * duplicate names and runbook URLs:
 *
 * | rule | severity | what |
 * |---|---|---|
 * | `alert-name-camelcase` | error | name matches `^([A-Z]+[a-z0-9]+)+$` |
 * | `alert-name-length` | warning | name at most 40 characters |
 * | `alert-severity-rule` | error | `severity` label is critical, warning or info |
 * | `alert-summary-missing-rule` | error | `summary` annotation present |
 * | `alert-summary-templating` | error | `summary` is static (no `{{`) |
 * | `alert-summary-style` | error | `summary` is a sentence: capital first, ends with "." |
 * | `alert-description-missing-rule` | error | `description` annotation present |
 * | `alert-description-templating` | error | `description` is templated (`{{ $labels.x }}`) |
 * | `alert-runbook-url` | error | `runbook_url` present, when the config has a `runbookUrlPattern` key |
 * | `alert-group-rule-count` | warning | at most 20 rules per group (alerts and recording rules) |
 * | `alert-group-name-length` | warning | group name at most 40 characters |
 * | `duplicate-alert` | error | no two alerts with the same name and the same labels (same name with another severity is fine: the warning/critical pair) |
 * | `duplicate-record` | error | one recording rule per recorded series and label set |
 *
 * @example
 * lintMixinAlerts(mixin.render()).filter((f) => f.severity === 'error')
 * // → [{ mixin: 'tiny', rule: 'alert-summary-style', severity: 'error', message: 'summary "target down" must be a sentence …', … }]
 */
export function lintMixinAlerts(rendered: RenderedMixin): MixinLintFinding[] {
  const findings: MixinLintFinding[] = [];
  const add = (rule: string, severity: MixinLintSeverity, file: string, location: MixinLintFinding['location'], message: string) =>
    findings.push({ mixin: rendered.name, rule, severity, message, file, location });
  const wantsRunbook = Object.keys(rendered.config).some((k) => RUNBOOK_KEY.test(k));

  const groups = (file: string, list: readonly RuleGroupJson[]) => {
    for (const group of list) {
      if (group.rules.length > 20)
        add('alert-group-rule-count', 'warning', file, { group: group.name }, `group "${group.name}" has ${group.rules.length} rules (more than 20)`);
      if (group.name.length > 40)
        add('alert-group-name-length', 'warning', file, { group: group.name }, `group name "${group.name}" is ${group.name.length} characters (more than 40)`);
    }
  };
  groups(FILES.alerts, rendered.alerts.groups);
  groups(FILES.rules, rendered.rules.groups);

  const seenAlerts = new Map<string, string>();
  for (const group of rendered.alerts.groups) {
    for (const rule of group.rules) {
      if (!('alert' in rule)) continue;
      const alert = rule as AlertRuleJson;
      const at = { group: group.name, alert: alert.alert };
      const name = alert.alert;
      if (!CAMEL_CASE.test(name)) add('alert-name-camelcase', 'error', FILES.alerts, at, `alert name "${name}" is not CamelCase`);
      if (name.length > 40) add('alert-name-length', 'warning', FILES.alerts, at, `alert name "${name}" is ${name.length} characters (more than 40)`);
      const key = `${name}{${labelKey(alert.labels)}}`;
      const other = seenAlerts.get(key);
      if (other !== undefined)
        add('duplicate-alert', 'error', FILES.alerts, at, `alert "${key}" is defined twice with the same labels (also in group "${other}")`);
      seenAlerts.set(key, group.name);

      const severity = alert.labels?.['severity'];
      if (severity === undefined) add('alert-severity-rule', 'error', FILES.alerts, at, 'no severity label (critical, warning or info)');
      else if (!SEVERITIES.includes(severity)) add('alert-severity-rule', 'error', FILES.alerts, at, `severity "${severity}" is not critical, warning or info`);

      const summary = alert.annotations?.['summary'];
      if (summary === undefined || summary.trim() === '') {
        add('alert-summary-missing-rule', 'error', FILES.alerts, at, 'no summary annotation');
      } else {
        if (summary.includes('{{'))
          add('alert-summary-templating', 'error', FILES.alerts, at, `summary "${summary}" is templated; keep it static and put the details in description`);
        if (!SENTENCE.test(summary))
          add('alert-summary-style', 'error', FILES.alerts, at, `summary "${summary}" must be a sentence: start with a capital letter and end with "."`);
      }
      const description = alert.annotations?.['description'];
      if (description === undefined || description.trim() === '') {
        add('alert-description-missing-rule', 'error', FILES.alerts, at, 'no description annotation');
      } else if (!description.includes('{{')) {
        add('alert-description-templating', 'error', FILES.alerts, at, 'description is not templated: say which target fired with {{ $labels.… }}');
      }
      if (wantsRunbook && !alert.annotations?.['runbook_url']?.trim()) {
        add('alert-runbook-url', 'error', FILES.alerts, at, 'no runbook_url annotation, though the mixin config has a runbook URL pattern');
      }
    }
  }

  const seenRecords = new Map<string, string>();
  for (const group of rendered.rules.groups) {
    for (const rule of group.rules) {
      if (!('record' in rule)) continue;
      const key = `${rule.record}{${labelKey(rule.labels)}}`;
      const other = seenRecords.get(key);
      const at = { group: group.name, record: rule.record };
      if (other !== undefined) add('duplicate-record', 'error', FILES.rules, at, `"${key}" is recorded twice (also in group "${other}")`);
      seenRecords.set(key, group.name);
    }
  }
  return findings;
}

function labelKey(labels: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(labels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
}

/** The config keys that ask for a runbook URL on every alert: `runbookUrlPattern` (and kubernetes-mixin's `runbookURLPattern`). */
export const RUNBOOK_KEY = /^runbook_?url_?pattern$/i;

const FILES = { alerts: 'prometheus_alerts.yaml', rules: 'prometheus_rules.yaml' } as const;
const CAMEL_CASE = /^([A-Z]+[a-z0-9]+)+$/;
const SENTENCE = /^[A-Z].*\.$/s;
const SEVERITIES = ['critical', 'warning', 'info'];
