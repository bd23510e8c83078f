import type { DashboardLink } from '../generated/index.js';
import type { JsonObject } from './deep-merge.js';
import { ImmutableBuilder } from './immutable-builder.js';

/** What this builder holds: the type parameter of its base class (no entry exports it). */
export interface DashboardLinkProps {
  readonly title: string;
  readonly type: 'link' | 'dashboards';
  readonly url?: string;
  readonly tags: readonly string[];
  readonly icon: string;
  readonly tooltip: string;
  readonly asDropdown: boolean;
  readonly targetBlank: boolean;
  readonly includeVars: boolean;
  readonly keepTime: boolean;
  readonly merges: readonly JsonObject[];
}

/**
 * A link in the dashboard's header: to a URL, or to the dashboards with given tags.
 *
 * @example
 * dashboardLink('Runbook').url('https://runbooks.example/checkout').targetBlank()
 * dashboardLink('Related').toTags('checkout').asDropdown().keepTime().includeVars()
 * // → { "title": "Related", "type": "dashboards", "icon": "external link", "tooltip": "", "tags": ["checkout"],
 * //     "asDropdown": true, "targetBlank": false, "includeVars": true, "keepTime": true }
 */
export class DashboardLinkBuilder extends ImmutableBuilder<DashboardLinkProps> {
  /** Links to a URL. */
  url(url: string): this {
    return this.with({ type: 'link', url });
  }

  /** Links to every dashboard carrying all these tags. */
  toTags(...tags: string[]): this {
    return this.with({ type: 'dashboards', tags: [...tags] });
  }

  /** Shows tagged dashboards in one dropdown. */
  asDropdown(asDropdown = true): this {
    return this.with({ asDropdown });
  }

  /** Opens in a new tab. */
  targetBlank(targetBlank = true): this {
    return this.with({ targetBlank });
  }

  /** Passes the current variable values on. */
  includeVars(includeVars = true): this {
    return this.with({ includeVars });
  }

  /** Passes the current time range on. */
  keepTime(keepTime = true): this {
    return this.with({ keepTime });
  }

  /** Hover text. */
  tooltip(tooltip: string): this {
    return this.with({ tooltip });
  }

  /** Icon: `external link`, `dashboard`, `question`, `info`, `bolt`, `doc`, `cloud`. */
  icon(icon: string): this {
    return this.with({ icon });
  }

  /** The link as Grafana stores it in `links` (every field Grafana requires). */
  build(): DashboardLink {
    const p = this.props;
    const out: Record<string, unknown> = { title: p.title, type: p.type };
    if (p.url !== undefined) out.url = p.url;
    Object.assign(out, {
      icon: p.icon,
      tooltip: p.tooltip,
      tags: [...p.tags],
      asDropdown: p.asDropdown,
      targetBlank: p.targetBlank,
      includeVars: p.includeVars,
      keepTime: p.keepTime,
    });
    return this.applyMerges(out) as unknown as DashboardLink;
  }
}

/** A dashboard link titled `title` (see {@link DashboardLinkBuilder}). */
export function dashboardLink(title: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder({
    title,
    type: 'link',
    tags: [],
    icon: 'external link',
    tooltip: '',
    asDropdown: false,
    targetBlank: false,
    includeVars: false,
    keepTime: false,
    merges: [],
  });
}
