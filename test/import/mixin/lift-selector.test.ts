import { describe, expect, it } from 'vitest';
import { findRepeatedSelector, liftSelector, matcherSpans } from '../../../lib/import/mixin/lift-selector.js';

describe('lift-selector', () => {
  it('finds label matchers with the parser, in PromQL and in label_values() variable queries, never inside strings', () => {
    expect(matcherSpans('sum by (job) (rate(x{job="node", mode!~"idle|iowait"}[$__rate_interval]))').map((m) => m.text)).toEqual([
      'job="node"',
      'mode!~"idle|iowait"',
    ]);
    expect(matcherSpans('label_values(node_uname_info{job="node"}, instance)').map((m) => m.text)).toEqual(['job="node"']);
    expect(matcherSpans('label_replace(up, "x", "{job=\\"node\\"}", "", "")').map((m) => m.text)).toEqual([]);
  });

  it('picks the constant matcher most selectors repeat, ignoring dashboard variables', () => {
    // GIVEN four selectors, three with job="node", all with the $instance variable
    const exprs = [
      'up{job="node", instance=~"$instance"}',
      'rate(x{instance=~"$instance",job="node"}[5m]) / z{job="node",instance=~"$instance"}',
      'y{instance=~"$instance"}',
    ];
    // THEN job="node" is lifted (3 of 4); instance=~"$instance" (4 of 4) is the dashboard's own variable
    expect(findRepeatedSelector(exprs)).toEqual({ text: 'job="node"', count: 3, of: 4 });
    // AND nothing is lifted without a strict majority, or with fewer than three occurrences
    expect(findRepeatedSelector(['a{job="x"}', 'b{job="x"}', 'c{job="x"}', 'd{job="y"}', 'e{job="y"}', 'f{job="y"}'])).toBeUndefined();
    expect(findRepeatedSelector(['a{op="read"}', 'b{op="read"}'])).toBeUndefined();
  });

  it('replaces exactly the lifted matcher, giving a template literal equal to the input at the default', () => {
    const expr = 'sum(up{job="node"}) / count(`${x}` or up{job="node",a="b"}) \\ $';
    const code = liftSelector(expr, 'job="node"', 'c.selector')!;
    expect(code).toBe('`sum(up{${c.selector}}) / count(\\`\\${x}\\` or up{${c.selector},a="b"}) \\\\ $`');
    // Evaluating the generated source shows it gives back the input.
    expect(new Function('c', `return ${code};`)({ selector: 'job="node"' })).toBe(expr);
    expect(liftSelector('up{job="other"}', 'job="node"', 'c.selector')).toBeUndefined();
    // A YAML `|` block of one line keeps its line break as an escape, not as a line of its own
    const block = liftSelector('up{job="node"} == 0\n', 'job="node"', 'c.selector')!;
    expect(block).toBe('`up{${c.selector}} == 0\\n`');
    expect(new Function('c', `return ${block};`)({ selector: 'job="node"' })).toBe('up{job="node"} == 0\n');
  });
});
