import { dns1123LabelProblem, dns1123SubdomainProblem, labelKeyProblem, labelValueProblem } from '../sync/targets/kubernetes/kubernetes-names.js';
import { isPlainObject } from '../model/deep-merge.js';
import { describeConfigValue } from './describe-config-value.js';

const KUBERNETES_KEYS = [
  'type',
  'flavor',
  'dir',
  'layout',
  'streamFile',
  'namespace',
  'labels',
  'instanceSelector',
  'folderReference',
  'v2ApiVersion',
  'sidecarLabels',
  'folderAnnotation',
  'alertingSecret',
  'rules',
  'dev',
  'schema',
  'mixins',
] as const;
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const NO_DATA = ['NoData', 'Alerting', 'OK', 'KeepLast'];
const EXEC_ERR = ['Error', 'Alerting', 'OK', 'KeepLast'];

/**
 * Checks a `targets.<name>` entry of `type: 'kubernetes'`, reporting each problem with its key
 * path (`targets.eu.namespace: …`): known keys only, a flavor, a folder, Kubernetes' rules for
 * namespaces (DNS-1123 label), label keys and values, the selector's operators, the rules block.
 *
 * @example
 * validateKubernetesTarget({ type: 'kubernetes', flavor: 'sidecar', dir: 'deploy', namespace: 'Monitoring' }, 'targets.eu', add)
 * // add('targets.eu.namespace', 'must consist of lowercase letters, digits and "-" …')
 */
export function validateKubernetesTarget(entry: Record<string, unknown>, at: string, add: (key: string, message: string) => void): void {
  for (const key of Object.keys(entry)) {
    if (!(KUBERNETES_KEYS as readonly string[]).includes(key)) add(`${at}.${key}`, `unknown key (known: ${KUBERNETES_KEYS.join(', ')})`);
  }
  const flavor = entry['flavor'];
  if (flavor !== 'grafana-operator' && flavor !== 'sidecar') add(`${at}.flavor`, `must be 'grafana-operator' or 'sidecar', got ${describeConfigValue(flavor)}`);
  const dir = entry['dir'];
  if (typeof dir !== 'string' || dir === '') add(`${at}.dir`, `must be a folder path (relative to the project), got ${describeConfigValue(dir)}`);
  oneOf(entry, 'layout', ['files', 'stream'], at, add);
  oneOf(entry, 'folderReference', ['ref', 'uid'], at, add);
  oneOf(entry, 'v2ApiVersion', ['v2', 'v2beta1'], at, add);
  const streamFile = entry['streamFile'];
  if (streamFile !== undefined && (typeof streamFile !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/.test(streamFile))) {
    add(`${at}.streamFile`, `must be a file name ending in .yaml or .yml (no folders), got ${describeConfigValue(streamFile)}`);
  }
  const namespace = entry['namespace'];
  if (namespace !== undefined) {
    const problem = typeof namespace === 'string' ? dns1123LabelProblem(namespace) : `must be a string, got ${describeConfigValue(namespace)}`;
    if (problem) add(`${at}.namespace`, problem);
  }
  labels(entry['labels'], `${at}.labels`, add);
  labels(entry['sidecarLabels'], `${at}.sidecarLabels`, add);
  const annotation = entry['folderAnnotation'];
  if (annotation !== undefined) {
    const problem = typeof annotation === 'string' ? labelKeyProblem(annotation) : `must be a string, got ${describeConfigValue(annotation)}`;
    if (problem) add(`${at}.folderAnnotation`, problem);
  }
  if ((entry['sidecarLabels'] !== undefined || annotation !== undefined) && flavor === 'grafana-operator')
    add(at, 'sidecarLabels and folderAnnotation apply to flavor sidecar only');
  if ((entry['instanceSelector'] !== undefined || entry['folderReference'] !== undefined) && flavor === 'sidecar')
    add(at, 'instanceSelector and folderReference apply to flavor grafana-operator only');
  selector(entry['instanceSelector'], `${at}.instanceSelector`, add);
  alertingSecret(entry['alertingSecret'], `${at}.alertingSecret`, flavor, add);
  rules(entry['rules'], `${at}.rules`, flavor, add);
}

/** `alertingSecret`: `{ name }`, a DNS-1123 subdomain (the Secret's name); grafana-operator only. */
function alertingSecret(value: unknown, at: string, flavor: unknown, add: (key: string, message: string) => void): void {
  if (value === undefined) return;
  if (flavor === 'sidecar') return add(at, 'applies to flavor grafana-operator only (the sidecar takes no alerting)');
  if (!isPlainObject(value)) return add(at, `must be { name: '<Secret name>' }, got ${describeConfigValue(value)}`);
  for (const key of Object.keys(value)) if (key !== 'name') add(`${at}.${key}`, 'unknown key (known: name)');
  const name = value['name'];
  const problem = typeof name === 'string' ? dns1123SubdomainProblem(name) : `must be a string, got ${describeConfigValue(name)}`;
  if (problem) add(`${at}.name`, problem);
}

function selector(value: unknown, at: string, add: (key: string, message: string) => void): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) return add(at, `must be a label selector ({ matchLabels, matchExpressions }), got ${describeConfigValue(value)}`);
  for (const key of Object.keys(value))
    if (key !== 'matchLabels' && key !== 'matchExpressions') add(`${at}.${key}`, 'unknown key (known: matchLabels, matchExpressions)');
  labels(value['matchLabels'], `${at}.matchLabels`, add);
  const expressions = value['matchExpressions'];
  if (expressions === undefined) {
    if (value['matchLabels'] === undefined) add(at, 'selects every Grafana instance: give matchLabels or matchExpressions');
    return;
  }
  if (!Array.isArray(expressions)) return add(`${at}.matchExpressions`, `must be an array, got ${describeConfigValue(expressions)}`);
  expressions.forEach((expression: unknown, i) => {
    const here = `${at}.matchExpressions[${i}]`;
    if (!isPlainObject(expression)) return add(here, `must be { key, operator, values }, got ${describeConfigValue(expression)}`);
    const key = expression['key'];
    const problem = typeof key === 'string' ? labelKeyProblem(key) : `must be a label key, got ${describeConfigValue(key)}`;
    if (problem) add(`${here}.key`, problem);
    const operator = expression['operator'];
    if (typeof operator !== 'string' || !OPERATORS.includes(operator))
      return add(`${here}.operator`, `must be one of ${OPERATORS.join(', ')}, got ${describeConfigValue(operator)}`);
    const values = expression['values'];
    const needsValues = operator === 'In' || operator === 'NotIn';
    if (values !== undefined && (!Array.isArray(values) || !values.every((v) => typeof v === 'string'))) add(`${here}.values`, 'must be an array of strings');
    else if (needsValues && (!Array.isArray(values) || values.length === 0)) add(`${here}.values`, `operator ${operator} needs at least one value`);
    else if (!needsValues && Array.isArray(values) && values.length > 0) add(`${here}.values`, `operator ${operator} takes no values`);
  });
}

function rules(value: unknown, at: string, flavor: unknown, add: (key: string, message: string) => void): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) return add(at, `must be { type: 'prometheus-rule' | 'grafana-alert-rule-group' | 'none', … }, got ${describeConfigValue(value)}`);
  const type = value['type'];
  const known: Record<string, readonly string[]> = {
    'prometheus-rule': ['type', 'labels'],
    'grafana-alert-rule-group': ['type', 'datasourceUid', 'noDataState', 'execErrState', 'relativeTimeRangeSeconds'],
    none: ['type'],
  };
  if (typeof type !== 'string' || !(type in known))
    return add(`${at}.type`, `must be 'prometheus-rule', 'grafana-alert-rule-group' or 'none', got ${describeConfigValue(type)}`);
  for (const key of Object.keys(value))
    if (!known[type]!.includes(key)) add(`${at}.${key}`, `unknown key for type '${type}' (known: ${known[type]!.join(', ')})`);
  if (type === 'prometheus-rule') labels(value['labels'], `${at}.labels`, add);
  if (type === 'grafana-alert-rule-group') {
    if (flavor === 'sidecar') add(`${at}.type`, "'grafana-alert-rule-group' needs flavor grafana-operator");
    const uid = value['datasourceUid'];
    if (typeof uid !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(uid))
      add(`${at}.datasourceUid`, `must be the uid of the Prometheus data source the alert rules query, got ${describeConfigValue(uid)}`);
    oneOf(value, 'noDataState', NO_DATA, at, add);
    oneOf(value, 'execErrState', EXEC_ERR, at, add);
    const range = value['relativeTimeRangeSeconds'];
    if (range !== undefined && !(Number.isInteger(range) && (range as number) > 0))
      add(`${at}.relativeTimeRangeSeconds`, `must be a positive integer, got ${describeConfigValue(range)}`);
  }
}

function labels(value: unknown, at: string, add: (key: string, message: string) => void): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) return add(at, `must be an object of label names to values, got ${describeConfigValue(value)}`);
  for (const [key, v] of Object.entries(value)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) add(`${at}[${JSON.stringify(key)}]`, `is not a label key: ${keyProblem}`);
    const valueProblem = typeof v === 'string' ? labelValueProblem(v) : `must be a string, got ${describeConfigValue(v)}`;
    if (valueProblem) add(`${at}[${JSON.stringify(key)}]`, `value ${valueProblem}`);
  }
}

function oneOf(entry: Record<string, unknown>, key: string, allowed: readonly string[], at: string, add: (key: string, message: string) => void): void {
  const value = entry[key];
  if (value !== undefined && !allowed.includes(value as string))
    add(`${at}.${key}`, `must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${describeConfigValue(value)}`);
}
