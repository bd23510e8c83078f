import type { AnnotationQuery } from '../generated/index.js';
import type { JsonObject } from './deep-merge.js';
import type { DatasourceLike } from './datasource.js';
import { ImmutableBuilder } from './immutable-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface AnnotationProps {
  readonly name: string;
  readonly datasource?: DatasourceLike;
  readonly enable: boolean;
  readonly hide?: boolean;
  readonly iconColor: string;
  readonly expr?: string;
  readonly step?: string;
  readonly titleFormat?: string;
  readonly textFormat?: string;
  readonly tagKeys?: string;
  readonly useValueForTime?: boolean;
  readonly merges: readonly JsonObject[];
}

/**
 * An annotation query: events drawn on every graph of the dashboard, e.g. deployments from a
 * Prometheus series or errors from Loki.
 *
 * @example
 * annotation('Deploys').datasource(ds).expr('changes(kube_deployment_status_observed_generation{namespace="shop"}[2m]) > 0')
 *   .titleFormat('Deploy').tagKeys('deployment').iconColor('purple')
 * // → { "name": "Deploys", "datasource": {…}, "enable": true, "iconColor": "purple",
 * //     "expr": "changes(…) > 0", "titleFormat": "Deploy", "tagKeys": "deployment" }
 */
export class AnnotationBuilder extends ImmutableBuilder<AnnotationProps> {
  /** The data source the annotation query runs on. */
  datasource(datasource: DatasourceLike): this {
    return this.with({ datasource });
  }

  /** The query (PromQL or LogQL); each non-zero point or log line becomes an event. */
  expr(expr: string): this {
    return this.with({ expr: String(expr) });
  }

  /** Step of the query, e.g. `60s`. */
  step(step: string): this {
    return this.with({ step });
  }

  /** Event title, may use labels: `{{deployment}}`. */
  titleFormat(titleFormat: string): this {
    return this.with({ titleFormat });
  }

  /** Event text, may use labels. */
  textFormat(textFormat: string): this {
    return this.with({ textFormat });
  }

  /** Comma-separated labels shown as event tags. */
  tagKeys(tagKeys: string): this {
    return this.with({ tagKeys });
  }

  /** Uses the series value (a timestamp in ms) as the event time. */
  useValueForTime(use = true): this {
    return this.with({ useValueForTime: use });
  }

  /** Colour of the event markers (default `red`). */
  iconColor(color: string): this {
    return this.with({ iconColor: color });
  }

  /** Starts switched off (the user turns it on in the dashboard). */
  disabled(): this {
    return this.with({ enable: false });
  }

  /** Hides the on/off toggle from the dashboard controls. */
  hideToggle(hide = true): this {
    return this.with({ hide });
  }

  /** Strings Grafana interpolates (for validation). @internal */
  referencedText(): string[] {
    return [this.props.expr, this.props.titleFormat, this.props.textFormat].filter((s): s is string => s !== undefined);
  }

  /** The annotation as Grafana stores it in `annotations.list`. A fresh object every call. */
  build(): AnnotationQuery {
    const p = this.props;
    const out: Record<string, unknown> = { name: p.name };
    if (p.datasource) out.datasource = p.datasource.toRef();
    out.enable = p.enable;
    if (p.hide !== undefined) out.hide = p.hide;
    out.iconColor = p.iconColor;
    if (p.expr !== undefined) out.expr = p.expr;
    if (p.step !== undefined) out.step = p.step;
    if (p.titleFormat !== undefined) out.titleFormat = p.titleFormat;
    if (p.textFormat !== undefined) out.textFormat = p.textFormat;
    if (p.tagKeys !== undefined) out.tagKeys = p.tagKeys;
    if (p.useValueForTime !== undefined) out.useValueForTime = p.useValueForTime;
    return this.applyMerges(out) as unknown as AnnotationQuery;
  }
}

/** An annotation query named `name` (see {@link AnnotationBuilder}). */
export function annotation(name: string): AnnotationBuilder {
  return new AnnotationBuilder({ name, enable: true, iconColor: 'red', merges: [] });
}
