import { applyMerges, type JsonObject } from './deep-merge.js';

// What `with()` hands the constructor it calls (subclass constructors pass their props through
// unchanged): the parent builder and the patch, so the new builder can record just those.
let pendingParent: object | undefined;
let pendingPatch: object | undefined;

// A chain of patches longer than this is folded into full props on the next setter, so reading
// one prop stays cheap and long setter loops do not keep every intermediate builder alive.
const MAX_PATCH_CHAIN = 8;

/**
 * Base of every builder: props are frozen, every setter returns a new instance of the same
 * class, and rendering always produces fresh objects, so a builder can be shared between rows,
 * dashboards and mixins without one use changing another.
 *
 * Setters share structure instead of copying: a builder made by a setter holds its parent and
 * the (private, never changed) patch, and assembles its full frozen props once, the first time
 * they are read. `prop(key)` reads one prop without assembling them.
 */
export abstract class ImmutableBuilder<P extends { readonly merges: readonly JsonObject[] }> {
  #props: Readonly<P> | undefined;
  #parent: ImmutableBuilder<P> | undefined;
  #patch: Partial<P> | undefined;
  #depth = 0;

  constructor(props: P) {
    if (pendingPatch !== undefined && pendingPatch === props) {
      const parent = pendingParent as ImmutableBuilder<P>;
      pendingParent = pendingPatch = undefined;
      this.#parent = parent;
      this.#patch = props;
      this.#depth = parent.#depth + 1;
      return;
    }
    // Lists are shared by a builder and every builder derived from it, and accessors hand them
    // out (row.panels(), dashboard.parts()); frozen copies keep them from changing any builder.
    const own: Record<string, unknown> = {};
    for (const key of Object.keys(props)) own[key] = frozenList((props as Record<string, unknown>)[key]);
    this.#props = Object.freeze(own as P);
  }

  /** The frozen props of this builder (assembled from the patches on first read). @internal */
  protected get props(): Readonly<P> {
    return this.#props ?? this.#assemble();
  }

  /** One prop, read without assembling the full props (what setters that append use). @internal */
  protected prop<K extends keyof P>(key: K): P[K] {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks up the chain of parents
    let builder: ImmutableBuilder<P> = this;
    while (builder.#props === undefined) {
      const patch = builder.#patch!;
      if (Object.hasOwn(patch, key)) return patch[key] as P[K];
      builder = builder.#parent!;
    }
    return builder.#props[key];
  }

  /**
   * A copy of this builder with `patch` applied to its props. The patch object becomes the new
   * builder's (setters pass a fresh literal); lists in it that are not frozen are replaced by
   * frozen copies, so a caller's array never reaches the builder. @internal
   */
  protected with(patch: Partial<P>): this {
    if (this.#depth >= MAX_PATCH_CHAIN) this.#assemble();
    const Ctor = this.constructor as new (props: P) => this;
    for (const key in patch) {
      const value = patch[key];
      const frozen = frozenList(value);
      if (frozen !== value) patch[key] = frozen as typeof value;
    }
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the new builder records its parent
    pendingParent = this;
    pendingPatch = patch;
    try {
      return new Ctor(patch as P);
    } finally {
      pendingParent = pendingPatch = undefined;
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
    return this.with({ merges: [...this.prop('merges'), structuredClone(raw)] } as unknown as Partial<P>);
  }

  /** Applies the `$merge` patches to a rendered object. @internal */
  protected applyMerges<T extends object>(rendered: T): T {
    const merges = this.prop('merges');
    return merges.length === 0 ? rendered : applyMerges(rendered, merges);
  }

  // Folds the patches up to the nearest assembled ancestor into full frozen props, in the
  // order the setters ran, and lets go of the parents.
  #assemble(): Readonly<P> {
    if (this.#props !== undefined) return this.#props;
    const patches: Partial<P>[] = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks up the chain of parents
    let builder: ImmutableBuilder<P> = this;
    while (builder.#props === undefined) {
      patches.push(builder.#patch!);
      builder = builder.#parent!;
    }
    const props: Record<string, unknown> = { ...builder.#props };
    for (let i = patches.length - 1; i >= 0; i--) Object.assign(props, patches[i]);
    this.#props = Object.freeze(props as P);
    this.#parent = undefined;
    this.#patch = undefined;
    this.#depth = 0;
    return this.#props;
  }
}

/** The list every empty list prop can share: frozen, so no builder can change it. @internal */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);

function frozenList(value: unknown): unknown {
  if (!Array.isArray(value) || Object.isFrozen(value)) return value;
  return value.length === 0 ? EMPTY_LIST : Object.freeze([...value]);
}
