import { applyMerges, type JsonObject } from './deep-merge.js';

// Props `with()` has already copied and frozen, handed to the constructor it calls (subclass
// constructors pass their props through unchanged); a setter then freezes only what it changed
// instead of rescanning every prop.
let preparedProps: object | undefined;

/**
 * Base of every builder: props are frozen, every setter returns a new instance of the same
 * class, and rendering always produces fresh objects, so a builder can be shared between rows,
 * dashboards and mixins without one use changing another.
 */
export abstract class ImmutableBuilder<P extends { readonly merges: readonly JsonObject[] }> {
  readonly #props: Readonly<P>;

  constructor(props: P) {
    if (props === preparedProps) {
      preparedProps = undefined;
      this.#props = props;
      return;
    }
    // Lists are shared by a builder and every builder derived from it, and accessors hand them
    // out (row.panels(), dashboard.parts()); frozen copies keep them from changing any builder.
    const own: Record<string, unknown> = { ...props };
    for (const [key, value] of Object.entries(own)) own[key] = frozenList(value);
    this.#props = Object.freeze(own as P);
  }

  /** The frozen props of this builder. @internal */
  protected get props(): Readonly<P> {
    return this.#props;
  }

  /** A copy of this builder with `patch` applied to its props. @internal */
  protected with(patch: Partial<P>): this {
    const Ctor = this.constructor as new (props: P) => this;
    const next: Record<string, unknown> = { ...this.#props };
    for (const key in patch) next[key] = frozenList(patch[key]);
    preparedProps = Object.freeze(next);
    try {
      return new Ctor(next as P);
    } finally {
      preparedProps = undefined;
    }
  }

  /**
   * Escape hatch: deep-merges raw JSON into what this builder renders, after everything else,
   * so any field Grafana supports can be set even when no setter exists for it. Objects merge,
   * arrays and scalars replace, `undefined` removes a key.
   *
   * @example
   * timeseries('CPU').$merge({ pluginVersion: '11.0.0', options: { legend: { width: 300 } } })
   * // → { "type": "timeseries", "title": "CPU", "pluginVersion": "11.0.0", "options": { "legend": { "width": 300 } } }
   */
  $merge(raw: JsonObject): this {
    return this.with({ merges: [...this.#props.merges, structuredClone(raw)] } as unknown as Partial<P>);
  }

  /** Applies the `$merge` patches to a rendered object. @internal */
  protected applyMerges<T extends object>(rendered: T): T {
    return applyMerges(rendered, this.#props.merges);
  }
}

function frozenList(value: unknown): unknown {
  return Array.isArray(value) && !Object.isFrozen(value) ? Object.freeze([...value]) : value;
}
