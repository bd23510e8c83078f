import { isPlainObject } from '../model/deep-merge.js';
import { GraftsError } from '../errors/grafts-error.js';

const COMPUTED: unique symbol = Symbol.for('grafts.computed-config');

/** A config value computed from the resolved config (see {@link computed}). */
export interface Computed<C, T> {
  readonly [COMPUTED]: (config: C) => T;
}

/**
 * A config value derived from other config values, resolved after every override is applied:
 * overriding the values it reads changes it too, as in Jsonnet's late binding.
 *
 * @example
 * defaults: {
 *   fsTypes: ['ext4', 'xfs'],
 *   fsSelector: computed((c: NodeConfig) => `fstype=~"${c.fsTypes.join('|')}"`),
 * }
 * // .config({ fsTypes: ['btrfs'] }) → fsSelector 'fstype=~"btrfs"'
 */
export function computed<C, T>(compute: (config: C) => T): Computed<C, T> {
  return { [COMPUTED]: compute };
}

function isComputed(value: unknown): value is Computed<unknown, unknown> {
  return typeof value === 'object' && value !== null && COMPUTED in value;
}

/** A mixin's defaults: every config key, as a value or computed from the others. */
export type ConfigDefaults<C> = { readonly [K in keyof C]: C[K] | Computed<C, C[K]> };

/**
 * A consumer's overrides: any subset of keys, each a value, a computed value, or (for nested
 * plain objects) a partial object merged into the default.
 */
export type ConfigOverrides<C> = {
  readonly [K in keyof C]?: C[K] | Computed<C, C[K]> | (C[K] extends readonly unknown[] ? never : C[K] extends object ? Partial<C[K]> : never);
};

/** A problem with a config, e.g. a computed value that depends on itself. */
export class MixinConfigError extends GraftsError {}

/**
 * Applies overrides over defaults (plain objects merge key by key; arrays and other values
 * replace), then resolves computed values against the final config. Returns a frozen config.
 *
 * @throws {MixinConfigError} on a cycle between computed values, or an override of an unknown key.
 */
export function resolveConfig<C extends object>(mixinName: string, defaults: ConfigDefaults<C>, overrides: readonly ConfigOverrides<C>[]): Readonly<C> {
  const layered: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const override of overrides) {
    for (const [key, value] of Object.entries(override)) {
      if (!(key in layered)) {
        const known = Object.keys(layered).join(', ');
        throw new MixinConfigError(`mixin "${mixinName}": unknown config key "${key}" (known: ${known})`);
      }
      const base = layered[key];
      layered[key] = isPlainObject(value) && !isComputed(value) && isPlainObject(base) && !isComputed(base) ? { ...base, ...value } : value;
    }
  }

  const resolved = new Map<string, unknown>();
  const resolving: string[] = [];
  const view = new Proxy({} as Record<string, unknown>, {
    get(_target, key) {
      if (typeof key !== 'string') return undefined;
      return resolve(key);
    },
  });
  function resolve(key: string): unknown {
    if (resolved.has(key)) return resolved.get(key);
    const value = layered[key];
    if (!isComputed(value)) {
      resolved.set(key, value);
      return value;
    }
    if (resolving.includes(key)) {
      throw new MixinConfigError(`mixin "${mixinName}": config values depend on each other: ${[...resolving, key].join(' → ')}`);
    }
    resolving.push(key);
    const result = value[COMPUTED](view);
    resolving.pop();
    resolved.set(key, result);
    return result;
  }
  const config: Record<string, unknown> = {};
  for (const key of Object.keys(layered)) config[key] = resolve(key);
  return Object.freeze(config) as Readonly<C>;
}
