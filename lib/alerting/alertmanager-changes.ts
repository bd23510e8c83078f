import { diffArrays } from 'diff';
import { isPlainObject } from '../model/deep-merge.js';
import { canonicalJson } from '../sync/normalize.js';

/** One route of an Alertmanager routing tree, flattened: where it is and what it does. */
interface RouteLine {
  /** `route` for the root, `routes[0].routes[2]` below it. */
  readonly path: string;
  readonly depth: number;
  /** `{severity="critical"} → page [continue]`. */
  readonly summary: string;
}

function quoted(map: unknown, op: string): string[] {
  return isPlainObject(map) ? Object.entries(map).map(([k, v]) => `${k}${op}${JSON.stringify(String(v))}`) : [];
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** What a route does, in one line: its matchers, receiver and settings (legacy `match`/`match_re` too). */
function summarize(route: Record<string, unknown>, root: boolean): string {
  const matchers = [...listOf(route['matchers']), ...quoted(route['match'], '='), ...quoted(route['match_re'], '=~')];
  const receiver = typeof route['receiver'] === 'string' ? route['receiver'] : '(inherited)';
  const settings: string[] = [];
  if (route['continue'] === true) settings.push('continue');
  if (Array.isArray(route['group_by'])) settings.push(`group_by ${listOf(route['group_by']).join(',')}`);
  for (const key of ['group_wait', 'group_interval', 'repeat_interval']) if (route[key] !== undefined) settings.push(`${key} ${String(route[key])}`);
  if (Array.isArray(route['mute_time_intervals'])) settings.push(`mute ${listOf(route['mute_time_intervals']).join(',')}`);
  if (Array.isArray(route['active_time_intervals'])) settings.push(`active ${listOf(route['active_time_intervals']).join(',')}`);
  const head = root ? 'root' : `{${matchers.join(', ')}}`;
  return `${head} → ${receiver}${settings.length > 0 ? ` [${settings.join('; ')}]` : ''}`;
}

function flatten(route: unknown, path: string, depth: number, out: RouteLine[]): RouteLine[] {
  if (!isPlainObject(route)) return out;
  out.push({ path, depth, summary: summarize(route, depth === 0) });
  const children = Array.isArray(route['routes']) ? route['routes'] : [];
  children.forEach((child, i) => flatten(child, depth === 0 ? `routes[${i}]` : `${path}.routes[${i}]`, depth + 1, out));
  return out;
}

/** `+`/`-`/`~` lines for the named entries of a list (receivers, time intervals) or a map (template files). */
function namedChanges(label: string, before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): string[] {
  const lines: string[] = [];
  for (const [name, value] of after) {
    if (!before.has(name)) lines.push(`+ ${label} ${JSON.stringify(name)}`);
    else if (canonicalJson(before.get(name)) !== canonicalJson(value)) lines.push(`~ ${label} ${JSON.stringify(name)}`);
  }
  for (const name of before.keys()) if (!after.has(name)) lines.push(`- ${label} ${JSON.stringify(name)}`);
  return lines;
}

function byName(list: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(list)) list.forEach((item, i) => out.set(isPlainObject(item) && typeof item['name'] === 'string' ? item['name'] : `#${i}`, item));
  return out;
}

/** The parts of an Alertmanager configuration {@link alertmanagerChanges} compares. */
export interface AlertmanagerParts {
  /** The parsed configuration (`route`, `receivers`, `time_intervals`, …); shown form, secrets redacted. */
  readonly config: unknown;
  /** Template file name → contents. */
  readonly templates: Readonly<Record<string, string>>;
}

/**
 * What changes between two Alertmanager configurations, one line per thing: the routes of the
 * policy tree that are added (`+`) or removed (`-`), in tree order with their matchers,
 * receiver and settings (a changed route is its old line removed and its new one added), then
 * receivers, time intervals and template files by name (`+`, `-`, `~`), then any other
 * top-level setting that differs. Pass redacted configurations: the lines hold names, matchers
 * and timings only, never a setting's value. Empty when they are equal. Pure.
 *
 * @example
 * alertmanagerChanges(
 *   { config: { route: { receiver: 'default', routes: [{ matchers: ['severity="critical"'], receiver: 'chat' }] } }, templates: {} },
 *   { config: { route: { receiver: 'default', routes: [{ matchers: ['severity="critical"'], receiver: 'page' }] } }, templates: {} },
 * )
 * // → ['- route routes[0]: {severity="critical"} → chat', '+ route routes[0]: {severity="critical"} → page']
 */
export function alertmanagerChanges(before: AlertmanagerParts | undefined, after: AlertmanagerParts | undefined): string[] {
  const b = isPlainObject(before?.config) ? before.config : {};
  const a = isPlainObject(after?.config) ? after.config : {};
  const lines: string[] = [];
  const oldRoutes = flatten(b['route'], 'route', 0, []);
  const newRoutes = flatten(a['route'], 'route', 0, []);
  // Matched on depth and summary, so a route inserted at the top does not show every later one as changed.
  const key = (r: RouteLine) => `${r.depth}\u0000${r.summary}`;
  let oi = 0;
  let ni = 0;
  for (const part of diffArrays(oldRoutes.map(key), newRoutes.map(key))) {
    const count = part.value.length;
    if (part.removed) {
      for (const r of oldRoutes.slice(oi, oi + count)) lines.push(`- route ${r.path}: ${r.summary}`);
      oi += count;
    } else if (part.added) {
      for (const r of newRoutes.slice(ni, ni + count)) lines.push(`+ route ${r.path}: ${r.summary}`);
      ni += count;
    } else {
      oi += count;
      ni += count;
    }
  }
  lines.push(...namedChanges('receiver', byName(b['receivers']), byName(a['receivers'])));
  lines.push(
    ...namedChanges(
      'time interval',
      byName([...asList(b['time_intervals']), ...asList(b['mute_time_intervals'])]),
      byName([...asList(a['time_intervals']), ...asList(a['mute_time_intervals'])]),
    ),
  );
  lines.push(...namedChanges('template', new Map(Object.entries(before?.templates ?? {})), new Map(Object.entries(after?.templates ?? {}))));
  const handled = new Set(['route', 'receivers', 'time_intervals', 'mute_time_intervals']);
  for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !handled.has(k)).sort()) {
    if (!(k in b)) lines.push(`+ ${k}`);
    else if (!(k in a)) lines.push(`- ${k}`);
    else if (canonicalJson(b[k]) !== canonicalJson(a[k])) lines.push(`~ ${k}`);
  }
  return lines;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
