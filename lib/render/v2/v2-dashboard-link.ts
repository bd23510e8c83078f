type Json = Record<string, unknown>;

const LINK_KEYS = new Set(['title', 'type', 'icon', 'tooltip', 'url', 'tags', 'asDropdown', 'targetBlank', 'includeVars', 'keepTime', 'placement']);

/**
 * A classic dashboard link in v2 form: the same object, with every field v2 requires written
 * (Grafana's defaults: icon `external link`, empty tooltip and tags, switches off).
 *
 * @example
 * v2DashboardLinkOf({ title: 'Runbook', type: 'link', url: 'https://runbooks/api' }, report)
 * // → { title: 'Runbook', type: 'link', icon: 'external link', tooltip: '', url: 'https://runbooks/api', tags: [],
 * //     asDropdown: false, targetBlank: false, includeVars: false, keepTime: false }
 */
export function v2DashboardLinkOf(link: Json, report: (message: string) => void): Json {
  for (const key of Object.keys(link)) {
    if (!LINK_KEYS.has(key)) report(`link key "${key}" has no place in dashboard schema v2`);
  }
  return {
    title: String(link.title ?? ''),
    type: link.type === 'dashboards' ? 'dashboards' : 'link',
    icon: typeof link.icon === 'string' ? link.icon : 'external link',
    tooltip: typeof link.tooltip === 'string' ? link.tooltip : '',
    ...(typeof link.url === 'string' && { url: link.url }),
    tags: Array.isArray(link.tags) ? link.tags : [],
    asDropdown: link.asDropdown === true,
    targetBlank: link.targetBlank === true,
    includeVars: link.includeVars === true,
    keepTime: link.keepTime === true,
    ...(typeof link.placement === 'string' && { placement: link.placement }),
  };
}
