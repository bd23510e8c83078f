import { escapeHtml, LAYOUT_PREVIEW_CSS, renderLayoutPreview } from './layout-preview.js';

/** A dashboard as the preview shows it. */
export interface PreviewDashboard {
  readonly uid: string;
  readonly title: string;
  readonly source: string;
  /** Where it lives: a Grafana URL (embedded) or a file path (shown). */
  readonly url: string;
  /** The rendered JSON (for the layout preview). */
  readonly json: Readonly<Record<string, unknown>>;
}

/** What a preview page shows. */
export interface PreviewPageModel {
  /** `grafana`: each dashboard embedded from Grafana (`<url>?kiosk` in an iframe); `layout`: drawn here. */
  readonly mode: 'grafana' | 'layout';
  readonly dashboards: readonly PreviewDashboard[];
  /** Problems of the last cycle (`file:line: message`), shown on top until fixed. */
  readonly problems: readonly string[];
  /** Bumped by every update; the page reloads when the server's is newer (also after a reconnect). */
  readonly generation: number;
  /** `describe()` of the target. */
  readonly target: string;
}

/**
 * The HTML of the preview page (or of one dashboard with `only`): the dashboards of the target,
 * embedded from Grafana or drawn as a layout preview, and a small script that listens to the
 * server's `/events` stream and reloads the page after each successful apply.
 *
 * @example
 * renderPreviewPage({ mode: 'layout', dashboards, problems: [], generation: 3, target: '.grafts-watch/alice' })
 * // → '<!doctype html><html>…<section class="dash" data-uid="api">…</html>'
 */
export function renderPreviewPage(model: PreviewPageModel, only?: string): string {
  const dashboards = only === undefined ? model.dashboards : model.dashboards.filter((d) => d.uid === only);
  const body = dashboards
    .map((d) => {
      if (model.mode === 'layout') return renderLayoutPreview({ ...d.json, uid: d.uid, title: d.title });
      const src = `${d.url}${d.url.includes('?') ? '&' : '?'}kiosk`;
      return `<section class="dash" data-uid="${escapeHtml(d.uid)}"><h2><a href="${escapeHtml(d.url)}" target="_blank" rel="noopener">${escapeHtml(d.title)}</a></h2><iframe title="${escapeHtml(d.title)}" src="${escapeHtml(src)}" loading="lazy"></iframe></section>`;
    })
    .join('\n');
  const problems =
    model.problems.length === 0
      ? ''
      : `<div class="problems"><strong>The last save did not apply:</strong><pre>${escapeHtml(model.problems.join('\n'))}</pre></div>`;
  const list = model.dashboards
    .map((d) => `<li><a href="/d/${encodeURIComponent(d.uid)}">${escapeHtml(d.title)}</a> <small>${escapeHtml(d.source)}</small></li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>grafts watch${only ? ` · ${escapeHtml(only)}` : ''}</title>
<style>
body { margin: 16px; font: 14px system-ui, sans-serif; color: rgb(30, 30, 36); background: white; }
header { display: flex; gap: 16px; align-items: baseline; }
header small, li small { color: rgb(110, 110, 120); }
nav ul { margin: 4px 0; padding-left: 18px; }
iframe { width: 1200px; height: 600px; border: 1px solid rgb(210, 210, 220); }
.problems { background: rgb(255, 235, 235); border: 1px solid rgb(220, 80, 80); padding: 8px; margin: 8px 0; }
.problems pre { margin: 4px 0 0; white-space: pre-wrap; }
${LAYOUT_PREVIEW_CSS}
</style></head>
<body data-generation="${model.generation}">
<header><strong>grafts watch</strong><small>${escapeHtml(model.target)}</small><small id="status">live</small></header>
${only === undefined ? `<nav><ul>${list}</ul></nav>` : '<nav><a href="/">all dashboards</a></nav>'}
${problems}
<main>${body}</main>
<script>
(() => {
  let generation = ${model.generation};
  const status = document.getElementById('status');
  const events = new EventSource('/events');
  // hello: the server's generation on (re)connect; reload: { generation, uids, titles, full }.
  events.addEventListener('hello', (event) => { if (Number(event.data) > generation) location.reload(); });
  events.addEventListener('reload', (event) => {
    const update = JSON.parse(event.data);
    if (update.generation <= generation) return;
    // Only the embedded dashboards that changed are reloaded (Grafana keeps its time range and
    // scroll); anything else (a dashboard added or removed, problems, a layout preview) reloads the page.
    const frames = update.uids.map((uid) => document.querySelector('section.dash[data-uid="' + CSS.escape(uid) + '"] iframe'));
    if (update.full || frames.some((f) => f === null)) { location.reload(); return; }
    generation = update.generation;
    document.body.dataset.generation = String(generation);
    for (const [i, uid] of update.uids.entries()) {
      frames[i].src = frames[i].src;
      const title = update.titles[uid];
      const heading = document.querySelector('section.dash[data-uid="' + CSS.escape(uid) + '"] h2 a');
      const link = document.querySelector('nav a[href="/d/' + encodeURIComponent(uid) + '"]');
      if (heading) heading.textContent = title;
      if (link) link.textContent = title;
    }
  });
  events.onerror = () => { status.textContent = 'reconnecting…'; };
  events.onopen = () => { status.textContent = 'live'; };
})();
</script>
</body></html>
`;
}
