import { isPlainObject } from '../model/deep-merge.js';

/** A path into a JSON value: object keys and array indexes. */
type JsonPath = readonly (string | number)[];

/**
 * For a dashboard's JSON, the title of the panel each line of its `canonicalJson` text
 * belongs to (undefined outside any panel), so a diff hunk can say which panel it changes.
 * Classic dashboards: `panels[i]`, and the panels a collapsed row carries (`panels[i].panels[j]`,
 * the innermost wins). Schema v2: `elements.<name>` (its `spec.title`, else the element name).
 *
 * @example
 * const titles = panelTitlesByLine({ panels: [{ title: 'CPU', type: 'timeseries' }] });
 * titles[3] // → 'CPU' (line 4 of the canonical text is `"title": "CPU",`)
 */
export function panelTitlesByLine(dashboard: unknown): (string | undefined)[] {
  const titles: (string | undefined)[] = [];
  walk(dashboard, [], '', undefined, (_line, panel) => titles.push(panel));
  return titles;
}

/** The lines {@link panelTitlesByLine} reads, joined: equals `canonicalJson(value)` without its last newline. */
export function canonicalLines(value: unknown): string[] {
  const lines: string[] = [];
  walk(value, [], '', undefined, (line) => lines.push(line));
  return lines;
}

/** A panel's display name for a hunk header: its title, or `untitled <type>`. */
function panelName(value: unknown, fallback: string): string {
  if (!isPlainObject(value)) return fallback;
  const spec = isPlainObject(value['spec']) ? value['spec'] : value;
  if (typeof spec['title'] === 'string' && spec['title'].trim() !== '') return spec['title'];
  return typeof value['type'] === 'string' ? `untitled ${value['type']}` : fallback;
}

/** Whether the value at `path` (relative to the dashboard) is a panel. */
function isPanelPath(path: JsonPath): boolean {
  const n = path.length;
  if (n >= 2 && path[n - 2] === 'panels' && typeof path[n - 1] === 'number') {
    // panels[i] at the top, or panels[i].panels[j] in a collapsed row
    return n === 2 || (n === 4 && path[0] === 'panels' && typeof path[1] === 'number');
  }
  return n === 2 && path[0] === 'elements' && typeof path[1] === 'string';
}

/**
 * Emits the lines of `JSON.stringify(sortedKeys(value), null, 2)` one by one, with the title of
 * the panel that holds each line. Same formatting rules as JSON.stringify: empty containers on
 * one line, undefined object members left out, undefined array items as null.
 */
function walk(
  value: unknown,
  path: JsonPath,
  prefix: string,
  panel: string | undefined,
  emit: (line: string, panel: string | undefined) => void,
  indent = '',
  suffix = '',
): void {
  const here = path.length > 0 && isPanelPath(path) ? panelName(value, String(path[path.length - 1])) : panel;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      emit(`${indent}${prefix}[]${suffix}`, here);
      return;
    }
    emit(`${indent}${prefix}[`, here);
    value.forEach((item, i) => walk(item === undefined ? null : item, [...path, i], '', here, emit, `${indent}  `, i < value.length - 1 ? ',' : ''));
    emit(`${indent}]${suffix}`, here);
    return;
  }
  if (isPlainObject(value)) {
    // the same object canonicalJson builds, so integer-like keys come first as they do there
    const ordered: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) if (value[key] !== undefined) ordered[key] = value[key];
    const keys = Object.keys(ordered).filter((k) => typeof ordered[k] !== 'function');
    if (keys.length === 0) {
      emit(`${indent}${prefix}{}${suffix}`, here);
      return;
    }
    emit(`${indent}${prefix}{`, here);
    keys.forEach((key, i) => walk(ordered[key], [...path, key], `${JSON.stringify(key)}: `, here, emit, `${indent}  `, i < keys.length - 1 ? ',' : ''));
    emit(`${indent}}${suffix}`, here);
    return;
  }
  emit(`${indent}${prefix}${JSON.stringify(value) ?? 'null'}${suffix}`, here);
}

/**
 * Adds the panel each hunk of a unified diff of two dashboards changes to its `@@` header, the
 * way git names the function a hunk is in: `@@ -40,7 +40,7 @@ panel "Latency"`. The panel is
 * the one holding the hunk's first changed line (in `after` for an added line, in `before` for
 * a removed one); hunks outside any panel keep a bare header.
 *
 * @example
 * nameHunkPanels(patch, remoteJson, desiredJson)
 * // '@@ -12,7 +12,7 @@\n …' → '@@ -12,7 +12,7 @@ panel "Latency"\n …'
 */
export function nameHunkPanels(patch: string, before: unknown, after: unknown): string {
  const beforeTitles = before === undefined ? [] : panelTitlesByLine(before);
  const afterTitles = after === undefined ? [] : panelTitlesByLine(after);
  const lines = patch.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@$/.exec(lines[i]!);
    if (!header) continue;
    let oldLine = Number(header[1]);
    let newLine = Number(header[2]);
    let title: string | undefined;
    for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('@@'); j++) {
      const line = lines[j]!;
      if (line.startsWith('-')) {
        title = beforeTitles[oldLine - 1];
        break;
      }
      if (line.startsWith('+')) {
        title = afterTitles[newLine - 1];
        break;
      }
      if (line.startsWith(' ')) {
        oldLine++;
        newLine++;
      }
    }
    if (title !== undefined) lines[i] = `${lines[i]} panel ${JSON.stringify(title)}`;
  }
  return lines.join('\n');
}
