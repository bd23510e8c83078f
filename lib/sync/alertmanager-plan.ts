import { createHash } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import { alertmanagerChanges } from '../alerting/alertmanager-changes.js';
import { redactAlertmanagerConfig, type KnownSecret } from '../alerting/alertmanager-redact.js';
import { toYaml } from '../render/to-yaml.js';
import { canonicalJson } from './normalize.js';

/**
 * grafts' mark on an Alertmanager configuration it wrote: the owner token of the project
 * (ownership.ts, for the uid `alertmanager`) and a fingerprint of what it wrote, so an edit made
 * since (in Mimir's UI, with mimirtool, by hand) is told apart from grafts' own last apply.
 */
export interface AlertmanagerMarker {
  readonly owner: string;
  readonly hash: string;
}

/** The uid the owner token of an Alertmanager configuration is computed for (one per destination). */
export const ALERTMANAGER_OWNER_UID = 'alertmanager';

const MARKER = /Managed by grafts: owner ([0-9a-f]{12}) hash ([0-9a-f]{16})/;

/**
 * The marker's text, as it is stored (a Go template comment on Mimir, a YAML comment in a file).
 *
 * @example
 * alertmanagerMarkerText({ owner: '5c1f0a9b2d3e', hash: '0123456789abcdef' })
 * // → 'Managed by grafts: owner 5c1f0a9b2d3e hash 0123456789abcdef'
 */
export function alertmanagerMarkerText(marker: AlertmanagerMarker): string {
  return `Managed by grafts: owner ${marker.owner} hash ${marker.hash}`;
}

/** The marker found in `text`, if any. */
export function parseAlertmanagerMarker(text: string): AlertmanagerMarker | undefined {
  const m = MARKER.exec(text);
  return m ? { owner: m[1] as string, hash: m[2] as string } : undefined;
}

/** An Alertmanager configuration as a destination holds it, the marker set apart. */
export interface StoredAlertmanager {
  /** The parsed configuration. */
  readonly config: unknown;
  /** Template file name → contents (without the marker). */
  readonly templates: Readonly<Record<string, string>>;
  readonly marker?: AlertmanagerMarker;
}

/** The configuration the code wants, in the destination's form (secret values for Mimir, `*_file` paths for a file). */
export interface DesiredAlertmanager {
  readonly config: Readonly<Record<string, unknown>>;
  readonly templates: Readonly<Record<string, string>>;
  /** The secret values in `config` (Mimir), shown as `<secret:ENV>`. */
  readonly secrets: readonly KnownSecret[];
}

/** What applying does to the Alertmanager configuration, which is one resource. */
export interface AlertmanagerStep {
  readonly kind: 'Alertmanager';
  readonly action: 'create' | 'update' | 'delete' | 'unchanged' | 'conflict';
  /** Where it goes, safe to print: `mimir alertmanager http://mimir:8080/api/v1/alerts (tenant ops)`, `alertmanager/alertmanager.yaml`. */
  readonly destination: string;
  /** Routes added and removed, receivers, time intervals and templates by name (see `alertmanagerChanges`). */
  readonly changes: readonly string[];
  /** Unified diff of the configuration and its templates, secrets redacted; empty when unchanged. */
  readonly diff: string;
  /** Why a conflict, or what `--force` overrode. */
  readonly reason?: string;
  readonly forced?: boolean;
  /** The marker to write with the configuration (create, update). */
  readonly marker?: AlertmanagerMarker;
}

/** The conflict of a configuration without grafts' marker. */
export const ALERTMANAGER_UNMANAGED = 'exists and was not written by grafts; use --force to take it over';
/** The conflict of a configuration another grafts project wrote. */
export const ALERTMANAGER_OTHER_OWNER = "was written by another grafts project (its owner token is not this project's); use --force to take it over";
/** The conflict of a configuration changed since grafts wrote it. */
export const ALERTMANAGER_EDITED = 'was changed outside grafts since the last apply; use --force to overwrite it';

/**
 * A fingerprint of a configuration and its templates with every credential redacted (see
 * `redactAlertmanagerConfig`, anonymous): stored in the marker, so no secret can be recovered
 * from it, and rotating a secret at a credential setting does not count as an edit. Equal inputs,
 * equal fingerprints; key order does not matter.
 */
export function alertmanagerFingerprint(config: unknown, templates: Readonly<Record<string, string>>, secrets: readonly KnownSecret[]): string {
  const shown = redactAlertmanagerConfig(config, secrets, { anonymous: true });
  return createHash('sha256')
    .update(canonicalJson({ config: shown, templates }))
    .digest('hex')
    .slice(0, 16);
}

/** Options of {@link planAlertmanager}. */
export interface AlertmanagerPlanOptions {
  /** This project's owner token for the configuration (`ownerToken(scope, ALERTMANAGER_OWNER_UID)`). */
  readonly owner: string;
  readonly prune: boolean;
  readonly force: boolean;
  /** Printed in the step (see {@link AlertmanagerStep.destination}). */
  readonly destination: string;
}

function shownYaml(config: unknown, templates: Readonly<Record<string, string>>, secrets: readonly KnownSecret[]): string {
  const redacted = redactAlertmanagerConfig(config, secrets) as Record<string, unknown>;
  return toYaml(Object.keys(templates).length > 0 ? { ...redacted, template_files: { ...templates } } : redacted);
}

/**
 * Plans the Alertmanager configuration (pure). Ownership works as for dashboards: a
 * configuration without this project's marker is a conflict unless `force` (which takes it
 * over); one with the marker whose content no longer matches the marker's fingerprint was
 * edited outside grafts and is a conflict unless `force`. Equal content (parsed configuration
 * and templates, key order and YAML style aside, secret values included) is `unchanged`. When
 * the code has no alerting, a configuration grafts wrote is deleted with `prune`, else a note
 * says so; anyone else's is never touched.
 *
 * @example
 * planAlertmanager(desired, undefined, { owner, prune: false, force: false, destination: 'alertmanager/alertmanager.yaml' })
 * // → { step: { kind: 'Alertmanager', action: 'create', changes: ['+ route route: root → default', …], diff: '…', … } }
 */
export function planAlertmanager(
  desired: DesiredAlertmanager | undefined,
  actual: StoredAlertmanager | undefined,
  options: AlertmanagerPlanOptions,
): { step?: AlertmanagerStep; note?: string } {
  const secrets = desired?.secrets ?? [];
  const base = { kind: 'Alertmanager' as const, destination: options.destination };
  const ours = actual?.marker?.owner === options.owner;
  const edited = actual !== undefined && ours && actual.marker?.hash !== alertmanagerFingerprint(actual.config, actual.templates, secrets);
  const before = actual && { config: redactAlertmanagerConfig(actual.config, secrets), templates: actual.templates };
  const beforeText = actual ? shownYaml(actual.config, actual.templates, secrets) : '';
  if (desired === undefined) {
    if (actual === undefined || !ours) return {};
    if (!options.prune)
      return { note: `the Alertmanager configuration on ${options.destination} was written by grafts and the code has no alerting: --prune deletes it` };
    const step = {
      ...base,
      changes: alertmanagerChanges(before, undefined),
      diff: createTwoFilesPatch('remote/alertmanager.yaml', '/dev/null', beforeText, ''),
    };
    if (edited && !options.force) return { step: { ...step, action: 'conflict', reason: ALERTMANAGER_EDITED } };
    return { step: { ...step, action: 'delete', ...(edited && { forced: true, reason: ALERTMANAGER_EDITED }) } };
  }
  const marker = { owner: options.owner, hash: alertmanagerFingerprint(desired.config, desired.templates, secrets) };
  const after = { config: redactAlertmanagerConfig(desired.config, secrets), templates: desired.templates };
  const afterText = shownYaml(desired.config, desired.templates, secrets);
  const changes = alertmanagerChanges(before, after);
  if (actual === undefined) {
    return { step: { ...base, action: 'create', changes, diff: createTwoFilesPatch('/dev/null', 'desired/alertmanager.yaml', '', afterText), marker } };
  }
  const same = canonicalJson(actual.config) === canonicalJson(desired.config) && canonicalJson(actual.templates) === canonicalJson(desired.templates);
  const reason = !ours ? (actual.marker ? ALERTMANAGER_OTHER_OWNER : ALERTMANAGER_UNMANAGED) : edited && !same ? ALERTMANAGER_EDITED : undefined;
  if (same && reason === undefined) return { step: { ...base, action: 'unchanged', changes: [], diff: '' } };
  const diff = same ? '' : createTwoFilesPatch('remote/alertmanager.yaml', 'desired/alertmanager.yaml', beforeText, afterText);
  if (reason !== undefined && !options.force) return { step: { ...base, action: 'conflict', changes, diff, reason } };
  return { step: { ...base, action: 'update', changes, diff, marker, ...(reason !== undefined && { forced: true, reason }) } };
}
