/**
 * A titled list of problems as the CLI prints it under `error: `; `count` is the number of
 * problems (one may take several lines).
 *
 * @example
 * problemList('invalid dashboards', ['api.dash.ts › panel "x": no query', 'db.dash.ts: no title'], 'problem')
 * // → 'invalid dashboards (2 problems):\n  api.dash.ts › panel "x": no query\n  db.dash.ts: no title'
 */
export function problemList(title: string, lines: readonly string[], noun: string, count: number = lines.length): string {
  return `${title} (${count} ${noun}${count === 1 ? '' : 's'}):\n${lines.map((line) => `  ${line}`).join('\n')}`;
}
