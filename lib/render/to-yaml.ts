import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

// yaml is some 70 CommonJS files: loaded on the first call, not when `grafts` is imported (a
// dashboard-only script never needs it). In Node, `import 'yaml'` loads the same CommonJS build.
const require = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
function stringify(value: unknown, options: Yaml.ToStringOptions & Yaml.DocumentOptions & Yaml.SchemaOptions & Yaml.CreateNodeOptions): string {
  yaml ??= require('yaml') as typeof Yaml;
  return yaml.stringify(value, options);
}

/**
 * YAML as grafts writes rule files, promtool tests and Alertmanager config: plain keys in the
 * order given, no line folding (long PromQL stays on one line unless it has its own line
 * breaks), `|` blocks for multi-line text. Same value, same bytes.
 *
 * @example
 * toYaml({ groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0' }] }] })
 * // → 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n'
 */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, indentSeq: true });
}

/**
 * One Kubernetes object as YAML: literal blocks for multi-line strings (dashboard JSON in a
 * ConfigMap), no folding and no anchors, so the same object always gives the same bytes and a
 * diff of two versions shows the changed JSON lines.
 *
 * @example
 * toManifestYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api' }, data: { 'api.json': '{\n  "uid": "api"\n}' } })
 * // → 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\ndata:\n  api.json: |-\n    {\n      "uid": "api"\n    }\n'
 */
export function toManifestYaml(object: object): string {
  return stringify(object, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false });
}
