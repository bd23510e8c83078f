// The service selector is written as PromQL matchers (`job=~".+", env="prod"`), the mixin
// convention; the RED rows of the dashboard take them as a list.
import type { LabelMatcher, MatchOperator } from 'grafts';

const MATCHER = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;

/**
 * Parses PromQL matchers without braces into a list; throws, naming the selector, when the text
 * is not a comma-separated list of `label op "value"`.
 *
 * @example
 * parseSelector('job=~".+", env="prod"')
 * // → [{ label: 'job', op: '=~', value: '.+' }, { label: 'env', op: '=', value: 'prod' }]
 */
export function parseSelector(text: string): LabelMatcher[] {
  const out: LabelMatcher[] = [];
  MATCHER.lastIndex = 0;
  while (MATCHER.lastIndex < text.length) {
    const at = MATCHER.lastIndex;
    const m = MATCHER.exec(text);
    if (!m) throw new Error(`service selector ${JSON.stringify(text)} is not a list of PromQL matchers such as job=~".+" (at "${text.slice(at)}")`);
    out.push({ label: m[1]!, op: m[2] as MatchOperator, value: JSON.parse(`"${m[3]!}"`) as string });
    if (m[4] === '') break;
  }
  if (out.length === 0) throw new Error('the service selector is empty: write at least one matcher, e.g. job=~".+"');
  return out;
}

/**
 * A label value that every matcher of `matchers` on `label` accepts (for promtool test input
 * series), preferring `preferred`; undefined when none of the candidates fits.
 *
 * @example
 * sampleLabelValue([{ label: 'job', op: '=~', value: 'shop-.*' }], 'job', 'checkout') // → 'shop-checkout'
 */
export function sampleLabelValue(matchers: readonly LabelMatcher[], label: string, preferred: string): string | undefined {
  const on = matchers.filter((m) => m.label === label);
  const literal = on.find((m) => m.op === '=')?.value;
  const candidates = [
    ...(literal !== undefined ? [literal] : []),
    preferred,
    ...on.filter((m) => m.op === '=~').map((m) => m.value.replace(/\.\*|\.\+/g, preferred).replace(/[\\^$()|[\]{}?*+]/g, '')),
    'a',
  ];
  const accepts = (value: string, m: LabelMatcher) => {
    const re = new RegExp(`^(?:${m.value})$`);
    if (m.op === '=') return value === m.value;
    if (m.op === '!=') return value !== m.value;
    if (m.op === '=~') return re.test(value);
    return !re.test(value);
  };
  return candidates.find((value) => value !== '' && on.every((m) => accepts(value, m)));
}
