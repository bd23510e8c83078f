// The mixtool alert conventions of `dash mixin lint` (lib/mixin-tools/mixin-alert-lint.ts).
import { describe, expect, it } from 'vitest';
import { alertRule, defineMixin, recordingRule, ruleGroup } from '../../lib/index.js';
import { lintMixinAlerts } from '../../lib/mixin-tools/mixin-alert-lint.js';
import tiny from '../fixtures/mixin-package/index.js';

const good = (name: string) => alertRule(name).expr('up == 0').severity('warning').summary('Target down.').description('{{ $labels.instance }} is down.');

describe('lintMixinAlerts', () => {
  it('finds nothing in a mixin that follows the conventions', () => {
    // WHEN the tiny fixture (runbookUrlPattern in its config, a runbook_url on each alert) is linted, THEN
    expect(lintMixinAlerts(tiny.render())).toEqual([]);
  });

  it('reports each convention mixtool checks, duplicates, runbooks and group sizes', () => {
    // GIVEN a mixin breaking every rule once
    const bad = defineMixin<{ runbookUrlPattern: string }>({
      name: 'bad',
      defaults: { runbookUrlPattern: 'https://rb/%s' },
      alerts: () => [
        ruleGroup('a-group-name-that-is-longer-than-forty-characters').rule(
          alertRule('target_down')
            .expr('up == 0')
            .severity('page' as never)
            .summary('{{ $labels.job }} down')
            .description('Down.')
            .runbookUrl('x'),
          alertRule('NoSummary').expr('up == 0').severity('critical').runbookUrl('x'),
          good('Dup').runbookUrl('x'),
          good('Dup').runbookUrl('x'),
          good('DupOtherSeverity').severity('warning').runbookUrl('x'),
          good('DupOtherSeverity').severity('critical').runbookUrl('x'),
          good('NoRunbook'),
        ),
        ruleGroup('big').rule(...Array.from({ length: 21 }, (_, i) => good(`Alert${String.fromCharCode(65 + i)}x`).runbookUrl('x'))),
      ],
      rules: () => [ruleGroup('r').rule(recordingRule('a:b:c').expr('1'), recordingRule('a:b:c').expr('2'))],
    });

    // WHEN linted
    const findings = lintMixinAlerts(bad.render()).map((f) => `${f.severity} ${f.rule} ${f.location.alert ?? f.location.record ?? f.location.group}`);

    // THEN each problem is reported once, with mixtool's rule ids
    expect(findings).toEqual([
      'warning alert-group-name-length a-group-name-that-is-longer-than-forty-characters',
      'warning alert-group-rule-count big',
      'error alert-name-camelcase target_down',
      'error alert-severity-rule target_down',
      'error alert-summary-templating target_down',
      'error alert-summary-style target_down',
      'error alert-description-templating target_down',
      'error alert-summary-missing-rule NoSummary',
      'error alert-description-missing-rule NoSummary',
      'error duplicate-alert Dup',
      'error alert-runbook-url NoRunbook',
      'error duplicate-record a:b:c',
    ]);
  });
});
