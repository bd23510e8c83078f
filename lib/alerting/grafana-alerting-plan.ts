import { isDeepStrictEqual } from 'node:util';
import type { OwnerScope } from '../sync/ownership.js';
import { EMPTY_LEDGER, ledgerTemplateName, ledgerText, parseLedger, sameLedger, type AlertingLedger } from './grafana-alerting-ledger.js';
import { isOwnedIntegration, type DesiredGrafanaAlerting, type DesiredIntegration, type GrafanaMuteTiming } from './grafana-alerting-resources.js';
import { canonicalPolicyTree, policyTreeChanges, samePolicyTree } from './policy-tree-lines.js';
import { isSecret } from './secret.js';

/** One integration as `GET /api/v1/provisioning/contact-points` lists it (secure settings `[REDACTED]`). */
export interface RemoteIntegration {
  readonly uid: string;
  readonly name: string;
  readonly type: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly disableResolveMessage?: boolean;
  readonly provenance?: string;
}

/** What Grafana holds: the four provisioning listings. */
export interface RemoteGrafanaAlerting {
  readonly contactPoints: readonly RemoteIntegration[];
  readonly policy: Readonly<Record<string, unknown>>;
  readonly muteTimings: readonly (GrafanaMuteTiming & { readonly version?: string; readonly provenance?: string })[];
  readonly templates: readonly { readonly name: string; readonly template: string; readonly version?: string; readonly provenance?: string }[];
}

/** The kinds of alerting resource a plan has steps for. */
export type AlertingResourceKind = 'contact point' | 'policy tree' | 'mute timing' | 'template';

/** One resource's step; `changes` name settings or routes, never values. */
export interface AlertingStep {
  readonly kind: AlertingResourceKind;
  readonly name: string;
  readonly action: 'create' | 'update' | 'delete' | 'unchanged' | 'conflict';
  /** Settings that differ (`pagerduty[0] settings.severity`), or for the policy tree the routes that change (`+ …`/`- …`). */
  readonly changes?: readonly string[];
  readonly reason?: string;
  /** Taking over a resource that is not this project's (`--force`). */
  readonly forced?: boolean;
}

/** One request of an apply, in order; bodies may hold `secret(...)` references (resolved when sent). */
export interface AlertingWrite {
  readonly method: 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: Record<string, unknown>;
  /** `create contact point "page" (pagerduty[0])`: what the request does, for reports. */
  readonly label: string;
  /** Where the integration's secrets are used, for messages (contact point writes). */
  readonly where?: string;
}

/** A plan of Grafana's notification resources. */
export interface GrafanaAlertingPlan {
  readonly steps: readonly AlertingStep[];
  /** The requests an apply sends, in order (none when nothing changed). */
  readonly writes: readonly AlertingWrite[];
  /** This project's resources no longer in the code (`--prune` deletes them). */
  readonly orphans: readonly { readonly kind: AlertingResourceKind; readonly name: string }[];
  readonly notes: readonly string[];
  readonly provenance: 'api' | 'none';
}

/** Options of {@link planGrafanaAlerting}. */
export interface GrafanaAlertingPlanOptions {
  readonly owner: OwnerScope;
  readonly prune?: boolean;
  readonly force?: boolean;
  /** Sends every contact point's secrets again (Grafana never returns them, so a changed value cannot be seen). */
  readonly rotateSecrets?: boolean;
  /** `api` (default): Grafana's UI cannot edit what grafts writes; `none`: every write sends `X-Disable-Provenance`. */
  readonly provenance?: 'api' | 'none';
}

const BASE = '/api/v1/provisioning';
const REDACTED = '[REDACTED]';
const DEFAULT_TREE = { receiver: 'grafana-default-email', group_by: ['grafana_folder', 'alertname'] };
const NOT_OURS = 'exists and was not created by this project (use --force to take it over)';
const FROM_FILE = 'provisioned from a file on the Grafana server (the API cannot change it)';
const API_TO_NONE =
  "is provisioned with provenance 'api', and Grafana refuses to make it editable through the API (alertingProvenance 'none'); keep 'api' or remove it in Grafana first";

// Requests run in this order: everything a reference points to exists before the reference, and
// nothing is deleted while the tree may still refer to it.
const PHASES = [
  'claim',
  'templates',
  'mute timings',
  'contact points',
  'policy tree',
  'contact point deletes',
  'mute timing deletes',
  'template deletes',
  'ledger',
] as const;
type Phase = (typeof PHASES)[number];

function hasSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  return typeof value === 'object' && value !== null && Object.values(value).some(hasSecret);
}

function integrationChanges(d: DesiredIntegration, r: RemoteIntegration, rotate: boolean, index: number): string[] {
  const at = `${d.type}[${index}]`;
  const out: string[] = [];
  if (r.type !== d.type) out.push(`${at} type`);
  if ((r.disableResolveMessage ?? false) !== d.disableResolveMessage) out.push(`${at} disableResolveMessage`);
  for (const key of [...new Set([...Object.keys(d.settings), ...Object.keys(r.settings)])].sort()) {
    const want = d.settings[key];
    const have = r.settings[key];
    if (want === undefined) {
      if (have !== undefined) out.push(`${at} settings.${key}`);
    } else if (hasSecret(want) || have === REDACTED) {
      // Grafana never answers a secret: only whether it is set can be compared.
      if (have === undefined) out.push(`${at} settings.${key}`);
      else if (rotate && hasSecret(want)) out.push(`${at} settings.${key} (secret sent again)`);
    } else if (!isDeepStrictEqual(want, have)) out.push(`${at} settings.${key}`);
  }
  return out;
}

function integrationBody(d: DesiredIntegration): Record<string, unknown> {
  return { uid: d.uid, name: d.name, type: d.type, settings: { ...d.settings }, disableResolveMessage: d.disableResolveMessage };
}

function canonicalIntervals(intervals: readonly Record<string, unknown>[] | undefined): unknown {
  return (intervals ?? []).map((iv) => canonicalPolicyTree(iv));
}

/**
 * What to do to make Grafana's contact points, policy tree, mute timings and templates match the
 * code: pure, from the desired resources and the four listings.
 *
 * Ownership: a contact point's integrations are this project's when their uid is the one grafts
 * derives for the scope and name ({@link isOwnedIntegration}); mute timings, templates and the
 * policy tree when the scope's ledger template lists them ({@link AlertingLedger}). The policy
 * tree is also taken when it is Grafana's default. Anything else of the same name is a conflict
 * (with `force`: taken over); resources provisioned from files are always conflicts.
 *
 * @example
 * planGrafanaAlerting(desired, remote, { owner: { project: 'shop', uidPrefix: '' } })
 * // → { steps: [{ kind: 'contact point', name: 'page', action: 'create' }, …], writes: [{ method: 'POST', path: '/api/v1/provisioning/contact-points', … }], … }
 */
export function planGrafanaAlerting(desired: DesiredGrafanaAlerting, remote: RemoteGrafanaAlerting, options: GrafanaAlertingPlanOptions): GrafanaAlertingPlan {
  const scope = options.owner;
  const force = options.force ?? false;
  const prune = options.prune ?? false;
  const provenance = options.provenance ?? 'api';
  const ledgerName = ledgerTemplateName(scope);
  const ledgerTemplate = remote.templates.find((t) => t.name === ledgerName);
  const ledger = (ledgerTemplate && parseLedger(ledgerTemplate.template)) ?? EMPTY_LEDGER;
  const steps: AlertingStep[] = [];
  const writes: { phase: Phase; write: AlertingWrite }[] = [];
  const orphans: { kind: AlertingResourceKind; name: string }[] = [];
  const write = (phase: Phase, w: AlertingWrite) => writes.push({ phase, write: w });
  // Whether a write to a resource stored with this provenance would be refused.
  const refusal = (stored: string | undefined): string | undefined =>
    stored === 'file' ? FROM_FILE : stored === 'api' && provenance === 'none' ? API_TO_NONE : undefined;

  // Contact points, grouped by name.
  const desiredNames = [...new Set(desired.contactPoints.map((c) => c.name))];
  for (const name of desiredNames) {
    const want = desired.contactPoints.filter((c) => c.name === name);
    const have = remote.contactPoints.filter((c) => c.name === name);
    const foreign = have.filter((r) => !isOwnedIntegration(scope, r.uid, name));
    if (have.some((r) => r.provenance === 'file')) {
      steps.push({ kind: 'contact point', name, action: 'conflict', reason: FROM_FILE });
      continue;
    }
    if (foreign.length > 0 && !force) {
      steps.push({
        kind: 'contact point',
        name,
        action: 'conflict',
        reason: `${NOT_OURS}; its integration uid${foreign.length === 1 ? '' : 's'}: ${foreign.map((f) => f.uid).join(', ')}`,
      });
      continue;
    }
    const changes: string[] = [];
    const pending: { write: AlertingWrite; remote?: RemoteIntegration }[] = [];
    want.forEach((d, i) => {
      const r = remote.contactPoints.find((c) => c.uid === d.uid);
      if (!r) {
        changes.push(`+ ${d.type}[${i}]`);
        pending.push({
          write: {
            method: 'POST',
            path: `${BASE}/contact-points`,
            body: integrationBody(d),
            label: `create contact point "${name}" (${d.type}[${i}])`,
            where: d.where,
          },
        });
        return;
      }
      const diff = integrationChanges(d, r, options.rotateSecrets ?? false, i);
      if (diff.length === 0) return;
      changes.push(...diff);
      pending.push({
        write: {
          method: 'PUT',
          path: `${BASE}/contact-points/${encodeURIComponent(d.uid)}`,
          body: integrationBody(d),
          label: `update contact point "${name}" (${d.type}[${i}])`,
          where: d.where,
        },
        remote: r,
      });
    });
    const wanted = new Set(want.map((d) => d.uid));
    const removed = have.filter((h) => !wanted.has(h.uid));
    for (const r of removed) changes.push(`- ${r.type} integration ${r.uid}`);
    // A write Grafana would refuse (provenance) stops the whole contact point before any request.
    const blocked = [...removed, ...pending.flatMap((p) => (p.remote ? [p.remote] : []))].map((r) => refusal(r.provenance)).find((x) => x !== undefined);
    if (blocked) {
      steps.push({ kind: 'contact point', name, action: 'conflict', reason: blocked });
      continue;
    }
    for (const p of pending) write('contact points', p.write);
    for (const r of removed)
      write('contact point deletes', {
        method: 'DELETE',
        path: `${BASE}/contact-points/${encodeURIComponent(r.uid)}`,
        label: `delete integration ${r.uid} of contact point "${name}"`,
      });
    const forced = foreign.length > 0 ? { forced: true, reason: 'replacing integrations not created by this project (--force)' } : {};
    if (have.length === 0) steps.push({ kind: 'contact point', name, action: 'create', changes: want.map((d, i) => `${d.type}[${i}]`) });
    else if (changes.length === 0) steps.push({ kind: 'contact point', name, action: 'unchanged' });
    else steps.push({ kind: 'contact point', name, action: 'update', changes, ...forced });
  }
  const leftoverNames = [
    ...new Set(remote.contactPoints.filter((r) => !desiredNames.includes(r.name) && isOwnedIntegration(scope, r.uid, r.name)).map((r) => r.name)),
  ].sort();
  for (const name of leftoverNames) {
    if (!prune) {
      orphans.push({ kind: 'contact point', name });
      continue;
    }
    const integrations = remote.contactPoints.filter((r) => r.name === name && isOwnedIntegration(scope, r.uid, name));
    steps.push({ kind: 'contact point', name, action: 'delete', changes: integrations.map((r) => `- ${r.type} integration ${r.uid}`) });
    for (const r of integrations)
      write('contact point deletes', {
        method: 'DELETE',
        path: `${BASE}/contact-points/${encodeURIComponent(r.uid)}`,
        label: `delete integration ${r.uid} of contact point "${name}"`,
      });
  }

  // Mute timings and templates: by name, owned through the ledger.
  const owned = { muteTimings: new Set(ledger.muteTimings), templates: new Set(ledger.templates) };
  const kept = { muteTimings: new Set<string>(), templates: new Set<string>() };
  const named = <D extends { name: string }, T extends { name: string; version?: string; provenance?: string }>(
    kind: 'mute timing' | 'template',
    key: 'muteTimings' | 'templates',
    want: readonly D[],
    have: readonly T[],
    same: (d: D, r: T) => boolean,
    create: (d: D) => AlertingWrite,
    update: (d: D, r: T) => AlertingWrite,
    remove: (name: string) => AlertingWrite,
    phase: Phase,
    deletePhase: Phase,
  ) => {
    const wantNames = new Set(want.map((d) => d.name));
    for (const d of want) {
      const r = have.find((h) => h.name === d.name);
      if (!r) {
        steps.push({ kind, name: d.name, action: 'create' });
        write(phase, create(d));
        kept[key].add(d.name);
        continue;
      }
      const mine = owned[key].has(d.name);
      const blocked = refusal(r.provenance);
      const unchanged = same(d, r);
      if (r.provenance === 'file' || (blocked && !unchanged && (mine || force))) {
        steps.push({ kind, name: d.name, action: 'conflict', reason: r.provenance === 'file' ? FROM_FILE : blocked! });
        continue;
      }
      if (!mine && !force) {
        steps.push({ kind, name: d.name, action: 'conflict', reason: NOT_OURS });
        continue;
      }
      kept[key].add(d.name);
      const forced = mine ? {} : { forced: true, reason: 'taking over a resource not created by this project (--force)' };
      if (unchanged) steps.push({ kind, name: d.name, action: 'unchanged', ...forced });
      else {
        steps.push({ kind, name: d.name, action: 'update', changes: [kind === 'template' ? 'text' : 'time_intervals'], ...forced });
        write(phase, update(d, r));
      }
    }
    for (const name of [...owned[key]].sort()) {
      if (wantNames.has(name) || !have.some((h) => h.name === name)) continue;
      if (!prune) {
        orphans.push({ kind, name });
        kept[key].add(name);
        continue;
      }
      steps.push({ kind, name, action: 'delete' });
      write(deletePhase, remove(name));
    }
  };
  named(
    'mute timing',
    'muteTimings',
    desired.muteTimings,
    remote.muteTimings,
    (d, r) => isDeepStrictEqual(canonicalIntervals(d.time_intervals), canonicalIntervals(r.time_intervals)),
    (d) => ({ method: 'POST', path: `${BASE}/mute-timings`, body: { ...d }, label: `create mute timing "${d.name}"` }),
    (d, r) => ({
      method: 'PUT',
      path: `${BASE}/mute-timings/${encodeURIComponent(d.name)}`,
      body: { ...d, ...(r.version !== undefined && { version: r.version }) },
      label: `update mute timing "${d.name}"`,
    }),
    (name) => ({ method: 'DELETE', path: `${BASE}/mute-timings/${encodeURIComponent(name)}`, label: `delete mute timing "${name}"` }),
    'mute timings',
    'mute timing deletes',
  );
  named(
    'template',
    'templates',
    desired.templates,
    remote.templates.filter((t) => t.name !== ledgerName),
    (d, r) => d.template === r.template,
    (d) => ({ method: 'PUT', path: `${BASE}/templates/${encodeURIComponent(d.name)}`, body: { template: d.template }, label: `create template "${d.name}"` }),
    (d, r) => ({
      method: 'PUT',
      path: `${BASE}/templates/${encodeURIComponent(d.name)}`,
      body: { template: d.template, ...(r.version !== undefined && { version: r.version }) },
      label: `update template "${d.name}"`,
    }),
    (name) => ({ method: 'DELETE', path: `${BASE}/templates/${encodeURIComponent(name)}`, label: `delete template "${name}"` }),
    'templates',
    'template deletes',
  );

  // The policy tree: one resource.
  let policyOwned = ledger.policy;
  if (desired.policy !== undefined) {
    const same = samePolicyTree(desired.policy, remote.policy);
    const mine = ledger.policy || samePolicyTree(remote.policy, DEFAULT_TREE);
    const blocked = refusal(remote.policy.provenance as string | undefined);
    if (remote.policy.provenance === 'file' || (blocked && !same && (mine || force))) {
      steps.push({ kind: 'policy tree', name: 'policies', action: 'conflict', reason: remote.policy.provenance === 'file' ? FROM_FILE : blocked! });
    } else if (!mine && !force) {
      steps.push({
        kind: 'policy tree',
        name: 'policies',
        action: 'conflict',
        reason: 'was set outside this project (it is not the default tree and no apply of this project wrote it); use --force to replace it',
      });
    } else {
      policyOwned = true;
      const forced = mine ? {} : { forced: true, reason: 'replacing a tree not written by this project (--force)' };
      if (same) steps.push({ kind: 'policy tree', name: 'policies', action: 'unchanged', ...forced });
      else {
        steps.push({ kind: 'policy tree', name: 'policies', action: 'update', changes: policyTreeChanges(remote.policy, desired.policy), ...forced });
        write('policy tree', { method: 'PUT', path: `${BASE}/policies`, body: { ...desired.policy }, label: 'replace the notification policy tree' });
      }
    }
  } else if (ledger.policy) {
    if (!prune) orphans.push({ kind: 'policy tree', name: 'policies' });
    else {
      policyOwned = false;
      steps.push({ kind: 'policy tree', name: 'policies', action: 'delete', changes: policyTreeChanges(remote.policy, DEFAULT_TREE) });
      write('policy tree', { method: 'DELETE', path: `${BASE}/policies`, label: 'reset the notification policy tree to the default' });
    }
  }

  // The ledger: claimed (old ∪ new) before the first write, trimmed after the deletes.
  const final: AlertingLedger = { muteTimings: [...kept.muteTimings], templates: [...kept.templates], policy: policyOwned };
  const claim: AlertingLedger = {
    muteTimings: [...new Set([...ledger.muteTimings, ...final.muteTimings])],
    templates: [...new Set([...ledger.templates, ...final.templates])],
    policy: ledger.policy || final.policy,
  };
  const ledgerWrite = (l: AlertingLedger): AlertingWrite => ({
    method: 'PUT',
    path: `${BASE}/templates/${encodeURIComponent(ledgerName)}`,
    body: { template: ledgerText(l) },
    label: `record ownership in template "${ledgerName}"`,
  });
  const current = ledgerTemplate ? parseLedger(ledgerTemplate.template) : undefined;
  if (!current || !sameLedger(current, claim)) write('claim', ledgerWrite(claim));
  if (!sameLedger(claim, final)) write('ledger', ledgerWrite(final));
  const ordered = [...writes].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase)).map((w) => w.write);
  return { steps, writes: ordered, orphans, notes: [...desired.notes], provenance };
}

/**
 * The plan for people, one line per changed resource (the policy tree: one line per route that
 * changes below its headline). Never a setting's value.
 *
 * @example
 * formatGrafanaAlertingPlan(plan)
 * // → ['+ contact point page (pagerduty[0])', '~ policy tree:', '    +   route {severity="critical"} → page']
 */
export function formatGrafanaAlertingPlan(plan: GrafanaAlertingPlan): string[] {
  const out: string[] = [];
  for (const s of plan.steps) {
    if (s.action === 'unchanged') continue;
    const forced = s.forced ? ' (--force)' : '';
    if (s.kind === 'policy tree') {
      if (s.action === 'conflict') out.push(`! policy tree: ${s.reason ?? ''}`);
      else {
        out.push(`${s.action === 'delete' ? '- policy tree: reset to the default' : '~ policy tree'}${forced}:`);
        for (const line of s.changes ?? []) out.push(`    ${line}`);
      }
      continue;
    }
    switch (s.action) {
      case 'create':
        out.push(`+ ${s.kind} ${s.name}${s.changes && s.changes.length > 0 ? ` (${s.changes.join(', ')})` : ''}`);
        break;
      case 'update':
        out.push(`~ ${s.kind} ${s.name}${forced}: ${(s.changes ?? []).join(', ')}`);
        break;
      case 'delete':
        out.push(`- ${s.kind} ${s.name}`);
        break;
      case 'conflict':
        out.push(`! ${s.kind} ${s.name}: ${s.reason ?? ''}`);
        break;
    }
  }
  // The ownership record alone changes on the first apply over resources that already match.
  if (out.length === 0 && plan.writes.length > 0) out.push(`~ ownership record: ${plan.writes.map((w) => w.label).join(', ')}`);
  if (plan.orphans.length > 0) out.push(`  no longer in the code (deleted with --prune): ${plan.orphans.map((o) => `${o.kind} ${o.name}`).join(', ')}`);
  return out;
}

/**
 * Counts for summary lines.
 *
 * @example
 * grafanaAlertingSummary(plan) // → '1 to create, 1 to update, 0 to delete, 4 unchanged, 0 conflicts'
 */
export function grafanaAlertingSummary(plan: GrafanaAlertingPlan): string {
  const n = (a: AlertingStep['action']) => plan.steps.filter((s) => s.action === a).length;
  return `${n('create')} to create, ${n('update')} to update, ${n('delete')} to delete, ${n('unchanged')} unchanged, ${n('conflict')} conflict${n('conflict') === 1 ? '' : 's'}`;
}

/** Whether applying the plan writes anything (the ownership record included). */
export function grafanaAlertingChanges(plan: GrafanaAlertingPlan): boolean {
  return plan.writes.length > 0 || plan.steps.some((s) => s.action !== 'unchanged');
}
