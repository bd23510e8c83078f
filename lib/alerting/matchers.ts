/** A label matcher operator, as in Alertmanager and Grafana notification policies. */
export type MatcherOperator = '=' | '!=' | '=~' | '!~';

/** One label matcher of a notification policy. */
export interface Matcher {
  readonly label: string;
  readonly op: MatcherOperator;
  readonly value: string;
}

/**
 * Matchers given as an object are equality matchers (`{ severity: 'critical' }`); a list
 * allows every operator (`[matcher('team', '=~', 'db|storage')]`).
 */
export type MatchersInput = Readonly<Record<string, string>> | readonly Matcher[];

const OPERATORS: readonly MatcherOperator[] = ['=', '!=', '=~', '!~'];
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A label matcher.
 *
 * @example
 * matcher('severity', '=~', 'critical|warning') // → { label: 'severity', op: '=~', value: 'critical|warning' }
 */
export function matcher(label: string, op: MatcherOperator, value: string): Matcher {
  return Object.freeze({ label, op, value });
}

/** The matchers of a {@link MatchersInput}, in the order given (objects: key order). */
export function toMatchers(input: MatchersInput): Matcher[] {
  if (Array.isArray(input)) return (input as readonly Matcher[]).map((m) => matcher(m.label, m.op, m.value));
  return Object.entries(input as Readonly<Record<string, string>>).map(([label, value]) => matcher(label, '=', value));
}

/** What is wrong with a matcher (bad label name, operator, value), or undefined. */
export function matcherProblem(m: Matcher): string | undefined {
  if (typeof m.label !== 'string' || !LABEL_NAME.test(m.label)) return `invalid label name ${JSON.stringify(m.label)} in a matcher`;
  if (!OPERATORS.includes(m.op)) return `invalid matcher operator ${JSON.stringify(m.op)} (one of ${OPERATORS.join(' ')})`;
  if (typeof m.value !== 'string') return `matcher ${m.label}${m.op}: the value must be a string`;
  // Alertmanager's matcher syntax escapes only \, " and newline.
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(m.value)) return `matcher ${m.label}${m.op}: control characters are not allowed in the value`;
  return undefined;
}

/**
 * A matcher in Alertmanager's syntax, value always quoted.
 *
 * @example
 * alertmanagerMatcher(matcher('service', '=', 'say "hi"')) // → 'service="say \\"hi\\""'
 */
export function alertmanagerMatcher(m: Matcher): string {
  const quoted = m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `${m.label}${m.op}"${quoted}"`;
}
