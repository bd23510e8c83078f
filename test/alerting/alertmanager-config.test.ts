// The Alertmanager rendering of alerting-as-code (lib/alerting/render-alertmanager.ts) checked
// by the real amtool 0.25 (Debian's prometheus-alertmanager, installed by .ci/run): generated
// trees pass `amtool check-config`, amtool routes generated alerts exactly as
// receiversFor() predicts, and no secret is ever written except in `env` mode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alertmanagerYaml,
  contactPoint,
  MissingSecretError,
  notificationPolicy,
  receiversFor,
  renderAlertmanagerConfig,
  resolveAlerting,
  route,
  secret,
  type AlertingSpec,
  type ResolvedAlerting,
} from '../../lib/index.js';
import { amtoolCheckConfig, amtoolVersion, runRoutingTests } from '../../lib/testing/index.js';
import { isValidationError } from '../../lib/model/validation-error.js';
import { alertLabels, everyKind, policyTree, SENTINEL_PREFIX, specWith, teamsContactPoint } from './arbitraries.js';

function resolved(spec: AlertingSpec): ResolvedAlerting {
  const { resolved: out, problems } = resolveAlerting(spec, [], ['dash.config.ts', 'alerting']);
  expect(problems).toEqual([]);
  return out!;
}

describe('amtool is installed', () => {
  it('has amtool 0.25 or later on the PATH (a missing amtool fails here: no skip)', () => {
    expect(amtoolVersion()).toMatch(/^amtool, version 0\.(2[5-9]|[3-9]\d)/);
  });
});

describe('Alertmanager configuration', () => {
  it('GIVEN generated policy trees over every contact point kind WHEN rendered with secrets as files THEN amtool check-config accepts each', () => {
    fc.assert(
      fc.property(policyTree, (policy) => {
        const run = amtoolCheckConfig(resolved(specWith(policy)));
        expect(run.output).toContain('SUCCESS');
        expect(run.ok).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('GIVEN generated trees and alerts WHEN amtool routes each alert THEN it names the receivers receiversFor() computes, in order', () => {
    fc.assert(
      fc.property(policyTree, fc.array(alertLabels, { minLength: 1, maxLength: 4 }), (policy, alerts) => {
        const config = resolved(specWith(policy));
        const tests = alerts.map((labels, i) => ({ labels, receivers: receiversFor(config.policy, labels), source: `alert ${i}` }));
        const results = runRoutingTests(config, tests);
        for (const r of results)
          expect({ labels: r.labels, actual: r.actual, error: r.error }).toEqual({ labels: r.labels, actual: r.expected, error: undefined });
      }),
      { numRuns: 20 },
    );
  });

  it('GIVEN a routing test expecting the wrong receiver WHEN run THEN it fails and reports what amtool said', () => {
    const config = resolved({ ...specWith(notificationPolicy('default').route(route({ severity: 'critical' }).receiver('page'))) });
    const [result] = runRoutingTests(config, [{ labels: { severity: 'critical' }, receivers: ['ticket'], source: 't' }]);
    expect(result).toMatchObject({ passed: false, expected: ['ticket'], actual: ['page'] });
  });

  it('renders matchers, timings, continue, time intervals and templates in Alertmanager form', () => {
    const policy = notificationPolicy('default')
      .groupBy('alertname', 'job')
      .groupWait('30s')
      .groupInterval('5m')
      .repeatInterval('4h')
      .route(route({ severity: 'critical' }).receiver('page').continue().muteTimeIntervals('weekends'))
      .route(
        route([{ label: 'team', op: '=~', value: 'db|storage' }])
          .receiver('team db')
          .activeTimeIntervals('weekends'),
      );
    const config = renderAlertmanagerConfig(resolved(specWith(policy)), { secrets: { kind: 'redact' } });
    expect(config['route']).toEqual({
      receiver: 'default',
      group_by: ['alertname', 'job'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        { receiver: 'page', matchers: ['severity="critical"'], continue: true, mute_time_intervals: ['weekends'] },
        { receiver: 'team db', matchers: ['team=~"db|storage"'], active_time_intervals: ['weekends'] },
      ],
    });
    expect(config['templates']).toEqual(['templates/*.tmpl']);
    expect(config['time_intervals']).toEqual([
      {
        name: 'weekends',
        time_intervals: [
          { weekdays: ['saturday', 'sunday'], location: 'Europe/Berlin' },
          { times: [{ start_time: '22:00', end_time: '24:00' }], days_of_month: ['-1'], months: ['december'], years: ['2026:2027'] },
        ],
      },
    ]);
  });
});

describe('secrets', () => {
  const { contactPoints, env } = everyKind(true);
  const withTeams = [...contactPoints, teamsContactPoint(env)];
  const config = resolved({ contactPoints: withTeams, policy: notificationPolicy('default') });
  const fileable = resolved({ contactPoints: withTeams.filter((c) => c.name !== 'chat-ops'), policy: notificationPolicy('default') });

  it('GIVEN a sentinel in every secret of every kind WHEN rendered redacted or as files THEN no sentinel appears, and each secret is named', () => {
    const redacted = alertmanagerYaml(config, { secrets: { kind: 'redact' } });
    const files = alertmanagerYaml(fileable, { secrets: { kind: 'files', dir: '/run/secrets' } });
    for (const text of [redacted, files]) expect(text).not.toContain(SENTINEL_PREFIX);
    for (const name of Object.keys(env)) {
      expect(redacted).toContain(`<secret:${name}>`);
      if (name !== 'TG_TOKEN') expect(files).toContain(`/run/secrets/${name}`);
    }
    expect(() => alertmanagerYaml(config, { secrets: { kind: 'files', dir: '/run/secrets' } })).toThrow(
      /"chat-ops" › telegram\[0\]: bot_token is secret\('TG_TOKEN'\)/,
    );
    expect(files).toContain('api_url_file: /run/secrets/SLACK_URL');
    expect(files).toContain('routing_key_file: /run/secrets/PD_KEY');
    expect(files).toContain('credentials_file: /run/secrets/HOOK_TOKEN');
  });

  it('GIVEN env mode WHEN the variables are set THEN the values are in the config (for sending only), and when one is unset the error names it but no value', () => {
    const sent = JSON.stringify(renderAlertmanagerConfig(config, { secrets: { kind: 'env', env } }));
    for (const value of Object.values(env)) expect(sent).toContain(value);
    const partial = { ...env, PD_KEY: undefined, SLACK_URL: '' };
    let error: unknown;
    try {
      renderAlertmanagerConfig(config, { secrets: { kind: 'env', env: partial } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingSecretError);
    const message = (error as Error).message;
    expect(message).toContain('PD_KEY');
    expect(message).toContain('SLACK_URL');
    expect(message).toContain('contactPoints › [1] "page" › pagerduty[0] › routing_key');
    expect(message).not.toContain(SENTINEL_PREFIX);
  });

  it('GIVEN a secret webhook URL WHEN rendered as an Alertmanager file THEN it is an error naming the contact point (0.25 has no url_file)', () => {
    const hook = resolved({ contactPoints: [contactPoint('default').webhook({ url: secret('HOOK_URL') })], policy: notificationPolicy('default') });
    expect(() => renderAlertmanagerConfig(hook, { secrets: { kind: 'files', dir: '/s' } })).toThrow(
      /\[0\] "default" › webhook\[0\]: url is secret\('HOOK_URL'\)/,
    );
    expect(() => renderAlertmanagerConfig(hook, { secrets: { kind: 'redact' } })).not.toThrow();
  });

  it('rejects names that are not environment variables', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)),
        (name) => {
          expect(() => secret(name)).toThrow(TypeError);
        },
      ),
    );
  });
});

describe('validation', () => {
  const problemsOf = (spec: AlertingSpec) =>
    resolveAlerting(spec, [], ['dash.config.ts', 'alerting']).problems.map((p) => `${p.path.join(' › ')}: ${p.message}`);

  it('GIVEN a route naming a contact point or mute timing that does not exist THEN both are problems with the route path', () => {
    const problems = problemsOf({
      contactPoints: [contactPoint('default')],
      policy: notificationPolicy('default').route(route().route(route({ a: 'b' }).receiver('pgae').muteTimeIntervals('weekend'))),
    });
    expect(problems).toEqual([
      'dash.config.ts › alerting › policy › routes[0] › routes[0]: receiver "pgae" is not a contact point (known: default)',
      'dash.config.ts › alerting › policy › routes[0] › routes[0]: time interval "weekend" is not a mute timing (none defined)',
    ]);
  });

  it('collects bad durations, label names, matchers, duplicate names, root restrictions and bad intervals at once', () => {
    const problems = problemsOf({
      contactPoints: [contactPoint('a'), contactPoint('a'), contactPoint('x,y'), contactPoint('e').email({ to: [] })],
      policy: notificationPolicy('a')
        .continue()
        .groupWait('soon')
        .groupBy('al-ert')
        .route(route([{ label: '1x', op: '=', value: 'v' }]).receiver('a')),
      muteTimings: [{ name: 'm', intervals: [{ times: [{ start: '25:00', end: '26:00' }], weekdays: ['funday'], location: 'Mars/Olympus' }] } as never],
      routingTests: [{ labels: { severity: 'critical' }, receivers: [] }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'dash.config.ts › alerting › contactPoints › [1]: two contact points are named "a"',
        'dash.config.ts › alerting › contactPoints › [2]: invalid contact point name "x,y"',
        'dash.config.ts › alerting › contactPoints › [3] "e" › email[0]: to: at least one address is required',
        'dash.config.ts › alerting › muteTimings › [0]: not a mute timing (muteTiming(...))',
        'dash.config.ts › alerting › policy: the root policy cannot set continue',
        'dash.config.ts › alerting › policy: group_by: invalid label name "al-ert"',
        'dash.config.ts › alerting › policy: group_wait "soon" is not a positive duration (e.g. 30s, 5m, 4h)',
        'dash.config.ts › alerting › policy › routes[0]: invalid label name "1x" in a matcher',
        'dash.config.ts › alerting › routingTests[0]: receivers is empty: every alert goes to at least one contact point',
      ]),
    );
  });

  it('GIVEN an email without smarthost WHEN rendered for Alertmanager THEN the render fails naming it', () => {
    const spec = resolved({ contactPoints: [contactPoint('default').email({ to: ['a@b.c'] })], policy: notificationPolicy('default') });
    let error: unknown;
    try {
      renderAlertmanagerConfig(spec, { secrets: { kind: 'files', dir: '/s' }, where: ['dash.config.ts', 'alerting'] });
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toContain('dash.config.ts › alerting › contactPoints › [0] "default" › email[0]: Alertmanager needs from and smarthost');
  });

  it('GIVEN mute timings with generated out-of-range fields THEN each is a problem', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ daysOfMonth: fc.constant(['0']) }),
          fc.record({ daysOfMonth: fc.integer({ min: 32, max: 1000 }).map((n) => [String(n)]) }),
          fc.record({ months: fc.integer({ min: 13, max: 99 }).map((n) => [`1:${n}`]) }),
          fc.record({ weekdays: fc.constantFrom(['mon'], ['1'], ['monday:']) }),
          fc.record({ times: fc.constantFrom([{ start: '10:00', end: '09:00' }], [{ start: '9:00', end: '10:00' }], [{ start: '00:00', end: '24:01' }]) }),
        ),
        (interval) => {
          const problems = resolveAlerting(
            { contactPoints: [contactPoint('d')], policy: notificationPolicy('d'), muteTimings: [muteTimingOf(interval)] },
            [],
            ['a'],
          ).problems;
          expect(problems.length).toBe(1);
        },
      ),
    );
  });
});

import { muteTiming, type TimeInterval } from '../../lib/index.js';
function muteTimingOf(interval: TimeInterval) {
  return muteTiming('m').interval(interval);
}
