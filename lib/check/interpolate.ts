/**
 * The value of a variable as it is interpolated: what the user selected, and how the
 * variable is declared (which decides how Grafana formats it).
 */
export interface VariableValue {
  /** Selected values; for "All" without an `allValue`, every option's value. */
  values: readonly string[];
  /** Selected texts, parallel to `values` (`${var:text}`). */
  texts?: readonly string[];
  /** "All" is selected. */
  all?: boolean;
  /** The custom all value (`.+`), used as is when "All" is selected. */
  allValue?: string;
  multi?: boolean;
  includeAll?: boolean;
}

/** Values by variable name; plain strings are single values interpolated raw (built-ins). */
export type VariableScope = ReadonlyMap<string, VariableValue | string>;

// Grafana's reference syntaxes: $name, [[name(:format)]], ${name(.fieldPath)(:format)}.
const REFERENCE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

/** Grafana's `kbn.regexEscape`. */
export function regexEscape(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

/**
 * The Prometheus data source's escaping of a value inside a PromQL string: a regex escape whose
 * backslashes are doubled, since the string literal consumes one level.
 */
function promRegexEscape(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]'+?.()|]/g, '\\\\$&');
}

function promRegularEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

/**
 * How the Prometheus data source formats a variable without an explicit format
 * (`interpolateQueryExpr`): a single-valued variable is inserted as it is (backslashes
 * escaped); a multi-value or include-all variable is regex-escaped, several values become
 * `(a|b)`.
 */
function prometheusDefault(v: VariableValue): string {
  if (!v.multi && !v.includeAll) return promRegularEscape(v.values[0] ?? '');
  const escaped = v.values.map(promRegexEscape);
  return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
}

function applyFormat(format: string, v: VariableValue, variable: string): string {
  const [name] = format.split(':');
  const values = v.values;
  const one = values.length === 1;
  switch (name) {
    case 'raw':
      return values.join(',');
    case 'regex': {
      const escaped = values.map(regexEscape);
      return one ? escaped[0]! : `(${escaped.join('|')})`;
    }
    case 'pipe':
      return values.join('|');
    case 'csv':
      return values.join(',');
    case 'distributed':
      return values.join(',');
    case 'json':
      return JSON.stringify(one && !v.multi ? values[0] : values);
    case 'singlequote':
      return values.map((s) => `'${s.replace(/'/g, "\\'")}'`).join(',');
    case 'doublequote':
      return values.map((s) => `"${s.replace(/"/g, '\\"')}"`).join(',');
    case 'sqlstring':
      return values.map((s) => `'${s.replace(/'/g, "''")}'`).join(',');
    case 'glob':
      return one ? values[0]! : `{${values.join(',')}}`;
    case 'lucene':
      return one ? luceneEscape(values[0]!) : `(${values.map((s) => `"${luceneEscape(s)}"`).join(' OR ')})`;
    case 'percentencode':
    case 'uriencode':
      return encodeURIComponent(one ? values[0]! : `{${values.join(',')}}`);
    case 'queryparam':
      return values.map((s) => `var-${variable}=${encodeURIComponent(s)}`).join('&');
    case 'text':
      return (v.all ? ['All'] : (v.texts ?? values)).join(' + ');
    default:
      return values.join(',');
  }
}

function luceneEscape(value: string): string {
  return value.replace(/[+\-&|!(){}[\]^"~*?:\\/ ]/g, '\\$&');
}

function formatDate(ms: number, args: readonly string[]): string {
  if (args[0] !== 'date') return String(ms);
  const kind = args[1];
  if (kind === 'seconds') return String(Math.floor(ms / 1000));
  return new Date(ms).toISOString();
}

/**
 * Interpolates Grafana variables in a query the way Grafana does for a Prometheus data
 * source: `$var`, `${var}`, `${var:format}` (regex, pipe, csv, raw, json, glob, text, …) and
 * `[[var]]`. "All" with an `allValue` inserts the all value untouched; without one, every
 * value, regex-escaped and joined as `(a|b)`. Unknown variables are left as they are, like
 * Grafana does.
 *
 * @example
 * const scope = new Map([
 *   ['job', { values: ['cart', 'checkout'], multi: true, includeAll: true }],
 *   ['__rate_interval', '1m'],
 * ]);
 * interpolate('rate(x{job=~"$job"}[$__rate_interval])', scope)
 * // → 'rate(x{job=~"(cart|checkout)"}[1m])'
 */
export function interpolate(text: string, scope: VariableScope): string {
  return text.replace(REFERENCE, (match, plain?: string, bracket?: string, bracketFormat?: string, braced?: string, _field?: string, bracedFormat?: string) => {
    const name = plain ?? bracket ?? braced;
    if (name === undefined) return match;
    const format = bracketFormat ?? bracedFormat;
    const value = scope.get(name);
    if (value === undefined) return match;
    if (typeof value === 'string') {
      if ((name === '__from' || name === '__to') && format) return formatDate(Number(value), format.split(':'));
      return value;
    }
    if (value.all && value.allValue !== undefined && format !== 'text' && format !== 'percentencode') return value.allValue;
    return format ? applyFormat(format, value, name) : prometheusDefault(value);
  });
}
