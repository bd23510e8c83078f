// What Prometheus reports of the rule groups it loaded, for the mixin integration tests.
import { prometheusApi } from './prometheus-stack.js';

/** One rule as `/api/v1/rules` reports it. */
export interface RuleState {
  name: string;
  type: 'alerting' | 'recording';
  health: string;
  state?: string;
  lastError?: string;
  lastEvaluation: string;
}

/** The body of `/api/v1/rules`. */
export interface RulesData {
  groups: { name: string; file: string; rules: RuleState[] }[];
}

/** Polls `probe` every 250 ms until it returns a value; bounded by the test's timeout. */
export async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The groups Prometheus loaded from a mixin's two rule files. */
export async function loadedGroups(prometheusUrl: string, files: { alerts: string; rules: string }) {
  const data = await prometheusApi<RulesData>(prometheusUrl, '/api/v1/rules');
  return data.groups.filter((g) => g.file === files.alerts || g.file === files.rules);
}

/**
 * A mixin's groups once Prometheus evaluated every rule at least twice (each lastEvaluation
 * moved on after a first read where none was still unknown).
 */
export async function groupsEvaluatedTwice(prometheusUrl: string, files: { alerts: string; rules: string }) {
  const first = await eventually(async () => {
    const rules = (await loadedGroups(prometheusUrl, files)).flatMap((g) => g.rules);
    return rules.length > 0 && rules.every((r) => r.health !== 'unknown') ? rules : undefined;
  });
  return eventually(async () => {
    const now = await loadedGroups(prometheusUrl, files);
    const moved = now.flatMap((g) => g.rules).every((r) => r.lastEvaluation !== first.find((f) => f.name === r.name && f.type === r.type)?.lastEvaluation);
    return moved ? now : undefined;
  });
}

/** The names of the rules of one type, sorted. */
export function ruleNamesOfType(rules: readonly RuleState[], type: RuleState['type']): string[] {
  return rules
    .filter((r) => r.type === type)
    .map((r) => r.name)
    .sort();
}
