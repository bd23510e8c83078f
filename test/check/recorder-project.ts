// A grafts project for dash check tests: its config lists an inline mixin with a dashboard,
// an alert and the recording rule that dashboard graphs.
/** A project whose config lists an inline mixin that graphs the series its own recording rule records. */
export const RECORDER_PROJECT = {
  'dash.config.ts': `import { dashboard, defineConfig, defineMixin, prometheus, recordingRule, alertRule, ruleGroup, stat } from 'grafts';

const recorder = defineMixin<{ selector: string }>({
  name: 'recorder',
  defaults: { selector: 'job="api"' },
  dashboards: (c) => ({
    'recorder.json': dashboard('Recorder').uid('recorder-overview').panel(stat('Request rate').unit('reqps').target(prometheus(\`sum(job:requests:rate5m{\${c.selector}})\`))),
  }),
  rules: (c) => [ruleGroup('recorder.rules').rule(recordingRule('job:requests:rate5m').expr(\`sum by (job) (rate(http_requests_total{\${c.selector}}[5m]))\`))],
  alerts: (c) => [ruleGroup('recorder.alerts').rule(alertRule('ApiDown').expr(\`up{\${c.selector}} == 0\`).for('5m').severity('critical').summary('The API is down.').description('{{ $labels.instance }} is down.'))],
});

export default defineConfig({ mixins: [recorder] });
`,
  'api.dash.ts': `import { dashboard, prometheus, stat } from 'grafts';
export default dashboard('API').uid('api').panel(stat('Up').unit('none').target(prometheus('sum(up{job="api"})')));
`,
};
