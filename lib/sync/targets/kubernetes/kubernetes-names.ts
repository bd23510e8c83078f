import { createHash } from 'node:crypto';

/** Longest DNS-1123 subdomain: the limit of most object names (ConfigMap, custom resources). */
export const DNS1123_SUBDOMAIN_MAX = 253;
/** Longest DNS-1123 label: the limit of namespaces and of label values. */
export const DNS1123_LABEL_MAX = 63;

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_PART = LABEL;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/**
 * Why `name` is not a DNS-1123 subdomain (the rule of Kubernetes object names), or undefined
 * when it is one: at most 253 characters, dot-separated parts of lowercase letters, digits and
 * `-` that start and end with a letter or digit.
 *
 * @example
 * dns1123SubdomainProblem('node-exporter.rules') // → undefined
 * dns1123SubdomainProblem('Node_Exporter')       // → 'must consist of lowercase letters, digits, "-" and "." …'
 */
export function dns1123SubdomainProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > DNS1123_SUBDOMAIN_MAX) return `must be at most ${DNS1123_SUBDOMAIN_MAX} characters (DNS-1123 subdomain), has ${name.length}`;
  if (!name.split('.').every((part) => SUBDOMAIN_PART.test(part))) {
    return 'must consist of lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit (DNS-1123 subdomain)';
  }
  return undefined;
}

/**
 * Why `name` is not a DNS-1123 label (the rule of namespace names), or undefined: at most 63
 * lowercase letters, digits and `-`, starting and ending with a letter or digit.
 *
 * @example
 * dns1123LabelProblem('monitoring') // → undefined
 * dns1123LabelProblem('a.b')        // → 'must consist of lowercase letters, digits and "-" …'
 */
export function dns1123LabelProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > DNS1123_LABEL_MAX) return `must be at most ${DNS1123_LABEL_MAX} characters (DNS-1123 label), has ${name.length}`;
  if (!LABEL.test(name)) return 'must consist of lowercase letters, digits and "-", starting and ending with a letter or digit (DNS-1123 label)';
  return undefined;
}

/**
 * Why `key` is not a Kubernetes label or annotation key, or undefined: an optional DNS-1123
 * subdomain prefix and `/`, then a name of at most 63 letters, digits, `-`, `_`, `.` that starts
 * and ends with a letter or digit.
 *
 * @example
 * labelKeyProblem('app.kubernetes.io/part-of') // → undefined
 * labelKeyProblem('team name')                 // → 'the name part must be …'
 */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined) {
    const problem = dns1123SubdomainProblem(prefix);
    if (problem) return `the prefix before "/" ${problem}`;
  }
  if (name.length > DNS1123_LABEL_MAX) return `the name part must be at most ${DNS1123_LABEL_MAX} characters, has ${name.length}`;
  if (!LABEL_NAME.test(name)) return 'the name part must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
}

/**
 * Why `value` is not a Kubernetes label value, or undefined: empty, or at most 63 letters,
 * digits, `-`, `_`, `.` starting and ending with a letter or digit.
 *
 * @example
 * labelValueProblem('1')        // → undefined
 * labelValueProblem('a b')      // → 'must be at most 63 letters, digits, …'
 */
export function labelValueProblem(value: string): string | undefined {
  if (value.length <= DNS1123_LABEL_MAX && LABEL_VALUE.test(value)) return undefined;
  return `must be at most ${DNS1123_LABEL_MAX} letters, digits, "-", "_" and ".", starting and ending with a letter or digit (got ${value.length} characters)`;
}

/**
 * The Kubernetes object name for a Grafana uid (or any identifier), deterministic and
 * collision-resistant: lowercased, every character a DNS-1123 name may not hold replaced by
 * `-` (dots included), leading and trailing `-` removed, and, whenever that changed anything, a `-` and 8
 * hex digits of the SHA-256 of the original appended, so `Checkout` and `checkout` (two
 * different Grafana uids) get different names. `prefix` is put in front unchanged. The result
 * is checked by the caller with {@link dns1123SubdomainProblem} (a long prefix can exceed 253).
 *
 * @example
 * kubernetesName('checkout')           // → 'checkout'
 * kubernetesName('Checkout')           // → 'checkout-3c5f0a1e' (hash of "Checkout")
 * kubernetesName('node_exporter', 'grafana-dashboard-') // → 'grafana-dashboard-node-exporter-…'
 */
export function kubernetesName(id: string, prefix = ''): string {
  const cleaned = id
    .toLowerCase()
    // Dots too: a name of one DNS label is valid in every place a name goes (files, selectors).
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = cleaned === id && cleaned !== '' ? cleaned : `${cleaned === '' ? 'x' : cleaned}-${shortHash(id)}`;
  return `${prefix}${base}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
