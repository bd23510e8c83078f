import { escapeControl } from '../util/escape-control.js';
import type { AlertmanagerStep } from './alertmanager-plan.js';

const SIGN: Record<AlertmanagerStep['action'], string> = { create: '+', update: '~', delete: '-', unchanged: '=', conflict: '!' };

/**
 * The headline of the Alertmanager step: `~ alertmanager config mimir alertmanager http://… (tenant ops): update`
 * (with the conflict's reason, or what `--force` overrides).
 *
 * @example
 * alertmanagerHeadline({ kind: 'Alertmanager', action: 'create', destination: 'alertmanager/alertmanager.yaml', changes: [], diff: '' })
 * // → '+ alertmanager config alertmanager/alertmanager.yaml: create'
 */
export function alertmanagerHeadline(step: AlertmanagerStep): string {
  const why = step.reason !== undefined ? ` (${step.forced ? `--force: ${step.reason}` : step.reason})` : '';
  return escapeControl(`${SIGN[step.action]} alertmanager config ${step.destination}: ${step.action}${why}`);
}

/**
 * The step for people: the headline, one indented line per route, receiver, time interval or
 * template that changes, then (with `full`, or always when `withDiff`) the redacted unified diff.
 * Nothing for an unchanged configuration.
 */
export function formatAlertmanagerStep(step: AlertmanagerStep | undefined, withDiff: boolean): string[] {
  if (!step || step.action === 'unchanged') return [];
  const lines = [alertmanagerHeadline(step), ...step.changes.map((c) => `    ${escapeControl(c)}`)];
  if (withDiff && step.diff !== '') lines.push(...step.diff.trimEnd().split('\n').map(escapeControl));
  return lines;
}

/** The step as JSON (`dash diff --json`): no secret is in any field. */
export function alertmanagerStepJson(step: AlertmanagerStep): Record<string, unknown> {
  return {
    destination: step.destination,
    action: step.action,
    changes: [...step.changes],
    ...(step.reason !== undefined && { reason: step.reason }),
    ...(step.forced && { forced: true }),
    ...(step.diff !== '' && { diff: step.diff }),
  };
}
