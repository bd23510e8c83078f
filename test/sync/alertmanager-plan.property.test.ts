// The Alertmanager configuration's plan (lib/sync/alertmanager-plan.ts), on generated policy
// trees with every contact point kind and sentinel secrets: what grafts wrote plans as
// unchanged; an edit, an unmarked or another project's configuration is a conflict until
// --force; prune deletes only grafts' own; the route lines name exactly the routes that
// differ; no secret value is in any field of a step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertmanagerChanges } from '../../lib/alerting/alertmanager-changes.js';
import { resolveAlerting, type ResolvedAlerting, type Route } from '../../lib/index.js';
import { MimirAlertmanagerDestination, FileAlertmanagerDestination } from '../../lib/sync/alertmanager-destination.js';
import {
  ALERTMANAGER_EDITED,
  ALERTMANAGER_OTHER_OWNER,
  ALERTMANAGER_UNMANAGED,
  alertmanagerFingerprint,
  planAlertmanager,
  type DesiredAlertmanager,
  type StoredAlertmanager,
} from '../../lib/sync/alertmanager-plan.js';
import { RulerTarget } from '../../lib/sync/rule-targets/ruler-target.js';
import { everyKind, policyTree, SENTINEL_PREFIX, specWith } from '../alerting/arbitraries.js';

const { env } = everyKind(true);
const OWNER = 'aaaaaaaaaaaa';
const OTHER = 'bbbbbbbbbbbb';
const options = { owner: OWNER, prune: false, force: false, destination: 'mimir alertmanager http://mimir/api/v1/alerts' };
const mimir = new MimirAlertmanagerDestination(new RulerTarget({ url: 'http://127.0.0.1:9', tenant: 't' }), env);
const file = new FileAlertmanagerDestination('/nonexistent', '/run/secrets');

function resolved(policy: Route): ResolvedAlerting {
  const out = resolveAlerting(specWith(policy), [], ['alerting']);
  expect(out.problems).toEqual([]);
  return out.resolved!;
}

/** What a destination holds after grafts wrote `desired` (the marker as grafts writes it). */
function storedAfterApply(desired: DesiredAlertmanager, owner = OWNER): StoredAlertmanager {
  return {
    config: structuredClone(desired.config),
    templates: { ...desired.templates },
    marker: { owner, hash: alertmanagerFingerprint(desired.config, desired.templates, desired.secrets) },
  };
}

/** Every string anywhere in a step. */
function textOf(value: unknown): string {
  return JSON.stringify(value);
}

const destinations = fc.constantFrom(mimir, file);

describe('planAlertmanager', () => {
  it('GIVEN what grafts wrote WHEN planned again (keys reordered by the server) THEN unchanged, with no diff', () => {
    fc.assert(
      fc.property(policyTree, destinations, (policy, destination) => {
        const desired = destination.desired(resolved(policy), ['alerting']);
        const stored = storedAfterApply(desired);
        // A server that re-marshals the configuration puts keys in another order.
        const reordered = { ...stored, config: reverseKeys(stored.config) };
        for (const actual of [stored, reordered]) {
          const { step } = planAlertmanager(desired, actual, options);
          expect(step).toMatchObject({ action: 'unchanged', diff: '', changes: [] });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('GIVEN two trees WHEN planned THEN update iff they differ, the route lines are exactly the routes that differ, and no secret value is in the step', () => {
    fc.assert(
      fc.property(policyTree, policyTree, (before, after) => {
        const old = mimir.desired(resolved(before), ['alerting']);
        const next = mimir.desired(resolved(after), ['alerting']);
        const { step } = planAlertmanager(next, storedAfterApply(old), options);
        const same = JSON.stringify(old.config) === JSON.stringify(next.config);
        expect(step?.action).toBe(same ? 'unchanged' : 'update');
        const routeLines = step!.changes.filter((l) => / route /.test(l));
        // Removing the old lines and adding the new ones turns the old tree's route list into the new one's.
        const list = (d: DesiredAlertmanager) =>
          alertmanagerChanges(undefined, { config: d.config, templates: {} })
            .filter((l) => l.includes(' route '))
            .map((l) => l.replace(/^\+ route [^:]+: /, ''));
        const removed = routeLines.filter((l) => l.startsWith('-')).length;
        const added = routeLines.filter((l) => l.startsWith('+')).length;
        expect(list(old).length - removed + added).toBe(list(next).length);
        expect(routeLines.length === 0).toBe(
          JSON.stringify((old.config as { route: unknown }).route) === JSON.stringify((next.config as { route: unknown }).route),
        );
        expect(textOf(step)).not.toContain(SENTINEL_PREFIX);
      }),
      { numRuns: 40 },
    );
  });

  it("GIVEN a configuration without the marker, or with another project's WHEN planned THEN a conflict naming why, and --force turns it into an update", () => {
    fc.assert(
      fc.property(policyTree, fc.boolean(), fc.constantFrom('none', 'other'), (policy, same, marker) => {
        const desired = mimir.desired(resolved(policy), ['alerting']);
        const theirs = same ? desired : mimir.desired(resolved(policy.receiver('page')), ['alerting']);
        const stored = storedAfterApply(theirs, OTHER);
        const actual = marker === 'none' ? { config: stored.config, templates: stored.templates } : stored;
        const reason = marker === 'none' ? ALERTMANAGER_UNMANAGED : ALERTMANAGER_OTHER_OWNER;
        expect(planAlertmanager(desired, actual, options).step).toMatchObject({ action: 'conflict', reason });
        expect(planAlertmanager(desired, actual, { ...options, force: true }).step).toMatchObject({ action: 'update', forced: true, reason });
        // With nothing desired, someone else's configuration is never touched, with or without prune.
        expect(planAlertmanager(undefined, actual, { ...options, prune: true, force: true })).toEqual({});
      }),
      { numRuns: 30 },
    );
  });

  it("GIVEN grafts' configuration edited since (a route, a receiver, a template) WHEN planned THEN a conflict, unless the edit is what the code now wants", () => {
    const desired = mimir.desired(resolved(policyFromSeed()), ['alerting']);
    const stored = storedAfterApply(desired);
    const edits: ((s: StoredAlertmanager) => StoredAlertmanager)[] = [
      (s) => ({ ...s, config: { ...(s.config as object), route: { receiver: 'page' } } }),
      (s) => ({ ...s, templates: { ...s.templates, 'extra.tmpl': '{{ define "x" }}{{ end }}' } }),
      (s) => ({ ...s, config: { ...(s.config as object), inhibit_rules: [{ source_matchers: ['a="b"'], target_matchers: ['c="d"'] }] } }),
    ];
    for (const edit of edits) {
      const edited = edit(stored);
      expect(planAlertmanager(desired, edited, options).step).toMatchObject({ action: 'conflict', reason: ALERTMANAGER_EDITED });
      expect(planAlertmanager(desired, edited, { ...options, force: true }).step).toMatchObject({ action: 'update', forced: true });
      // The code changed to what was edited in: nothing to do.
      const wanted = { ...desired, config: edited.config as Record<string, unknown>, templates: edited.templates };
      expect(planAlertmanager(wanted, edited, options).step?.action).toBe('unchanged');
    }
  });

  it('GIVEN a rotated secret WHEN planned THEN an update (the value is compared), not a conflict, and neither value is shown', () => {
    const policy = policyFromSeed();
    const old = mimir.desired(resolved(policy), ['alerting']);
    const rotatedEnv = { ...env, PD_KEY: `${SENTINEL_PREFIX}ROTATED` };
    const rotated = new MimirAlertmanagerDestination(new RulerTarget({ url: 'http://127.0.0.1:9' }), rotatedEnv).desired(resolved(policy), ['alerting']);
    const { step } = planAlertmanager(rotated, storedAfterApply(old), options);
    expect(step).toMatchObject({ action: 'update', changes: ['~ receiver "page"'] });
    expect(step?.reason).toBeUndefined();
    expect(textOf(step)).not.toContain(SENTINEL_PREFIX);
    expect(step?.diff).toContain('<secret:PD_KEY>');
  });

  it("GIVEN no alerting in the code WHEN planned THEN grafts' configuration is a note without --prune and a delete with it; an edited one is a conflict until --force", () => {
    const desired = mimir.desired(resolved(policyFromSeed()), ['alerting']);
    const stored = storedAfterApply(desired);
    expect(planAlertmanager(undefined, stored, options)).toEqual({ note: expect.stringContaining('--prune deletes it') });
    expect(planAlertmanager(undefined, stored, { ...options, prune: true }).step).toMatchObject({ action: 'delete' });
    expect(planAlertmanager(undefined, undefined, { ...options, prune: true })).toEqual({});
    const edited = { ...stored, config: { ...(stored.config as object), route: { receiver: 'x' } } };
    expect(planAlertmanager(undefined, edited, { ...options, prune: true }).step).toMatchObject({ action: 'conflict', reason: ALERTMANAGER_EDITED });
    expect(planAlertmanager(undefined, edited, { ...options, prune: true, force: true }).step).toMatchObject({ action: 'delete', forced: true });
  });

  it('GIVEN any config WHEN fingerprinted THEN no secret can be read back: every credential is redacted before hashing, so values do not change it', () => {
    fc.assert(
      fc.property(policyTree, fc.string({ minLength: 3 }), (policy, value) => {
        const a = mimir.desired(resolved(policy), ['alerting']);
        const otherEnv = Object.fromEntries(Object.keys(env).map((k) => [k, `${value}-${k}`]));
        const b = new MimirAlertmanagerDestination(new RulerTarget({ url: 'http://127.0.0.1:9' }), otherEnv).desired(resolved(policy), ['alerting']);
        expect(alertmanagerFingerprint(a.config, a.templates, a.secrets)).toBe(alertmanagerFingerprint(b.config, b.templates, b.secrets));
      }),
      { numRuns: 30 },
    );
  });
});

/** The same value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  return value;
}

function policyFromSeed(): Route {
  return fc.sample(policyTree, { numRuns: 1, seed: 7 })[0]!;
}
