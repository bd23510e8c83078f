import { recordingRule, ruleGroup, type RuleGroupBuilder } from 'grafts';
import { braces, type PrometheusMixinConfig } from './config.js';

/** The recording rule group's name. */
export const RULE_GROUP = 'prometheus.scrape-health';

/** Series recorded by the mixin; the overview dashboard's scrape target row reads them. */
export const RECORDED = Object.freeze({
  targets: 'job:up:count',
  targetsUp: 'job:up:sum',
  targetsUpRatio: 'job:up:ratio',
  slowestScrape: 'job:scrape_duration_seconds:max',
  samplesScraped: 'job:scrape_samples_scraped:sum',
});

/**
 * Scrape health per job, so the dashboard's target panels stay cheap however many targets
 * there are: targets, targets up and their share, the slowest scrape, samples per scrape.
 */
export function prometheusRules(c: Readonly<PrometheusMixinConfig>): RuleGroupBuilder[] {
  const t = braces(c.targetSelector);
  return [
    ruleGroup(RULE_GROUP).rule(
      recordingRule(RECORDED.targets).expr(`count by (job) (up${t})`),
      recordingRule(RECORDED.targetsUp).expr(`sum by (job) (up${t})`),
      recordingRule(RECORDED.targetsUpRatio).expr(`avg by (job) (up${t})`),
      recordingRule(RECORDED.slowestScrape).expr(`max by (job) (scrape_duration_seconds${t})`),
      recordingRule(RECORDED.samplesScraped).expr(`sum by (job) (scrape_samples_scraped${t})`),
    ),
  ];
}
