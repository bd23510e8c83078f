/** Options of variables that can select several values or "All". */
export interface MultiValueOptions {
  /** Allow selecting several values. */
  readonly multi?: boolean;
  /** Add an "All" option. */
  readonly includeAll?: boolean;
  /** The value "All" stands for, e.g. `.+` or `.*` for regex matchers (default: every value joined). */
  readonly allValue?: string;
}

/** Renders multi/includeAll/allValue in Grafana's field order, sparse. @internal */
export function renderMultiValue(options: MultiValueOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (options.multi !== undefined) out.multi = options.multi;
  if (options.includeAll !== undefined) out.includeAll = options.includeAll;
  if (options.allValue !== undefined) out.allValue = options.allValue;
  return out;
}
