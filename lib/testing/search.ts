import { json, messageError, queryInt, type Reply, type RequestContext, type Route } from './http.js';
import { dashboardUrl, folderUrl, slugify, type EmulatorState } from './state.js';

export const SEARCH_MAX_LIMIT = 5000;
const DEFAULT_LIMIT = 1000;

interface Hit {
  readonly sortKey: string;
  readonly isFolder: boolean;
  readonly body: Record<string, unknown>;
}

function parentFields(state: EmulatorState, folderUid: string): Record<string, unknown> {
  const parent = folderUid ? state.folders.get(folderUid) : undefined;
  if (!parent) return {};
  return { folderId: parent.id, folderUid: parent.uid, folderTitle: parent.title, folderUrl: folderUrl(parent) };
}

function stringTags(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * `GET /api/search` (§3): `query` (case-insensitive title substring), `tag` (repeatable, AND),
 * `type`, `dashboardUIDs`, `folderUIDs` (`""`/`general` = root), `limit` (≤ 5000, else 422),
 * `page`, `sort=alpha-asc|alpha-desc`. Default order: folders first, then title ascending.
 */
export function search(ctx: RequestContext): Reply {
  const q = ctx.query;
  const limit = queryInt(q, 'limit', DEFAULT_LIMIT);
  if (limit > SEARCH_MAX_LIMIT) {
    return messageError(422, 'Limit is above maximum allowed (5000), use page parameter to access hits beyond limit');
  }
  if ((q.has('dashboardIds') && (q.has('dashboardUIDs') || q.has('dashboardUID'))) || (q.has('folderIds') && q.has('folderUIDs'))) {
    return messageError(400, 'search supports UIDs or IDs, not both');
  }
  const page = Math.max(1, queryInt(q, 'page', 1));
  const size = limit > 0 ? limit : DEFAULT_LIMIT;
  const text = (q.get('query') ?? '').toLowerCase();
  const type = q.get('type') ?? '';
  const tags = q.getAll('tag').filter((t) => t !== '');
  const uids = [...q.getAll('dashboardUIDs'), ...q.getAll('dashboardUID')].flatMap((v) => v.split(',')).filter((v) => v !== '');
  const folderUids = q.has('folderUIDs')
    ? q
        .getAll('folderUIDs')
        .flatMap((v) => v.split(','))
        .map((v) => (v === 'general' ? '' : v))
    : undefined;
  const state = ctx.state;
  const hits: Hit[] = [];
  if (type !== 'dash-db' && tags.length === 0) {
    for (const f of state.folders.values()) {
      if (text && !f.title.toLowerCase().includes(text)) continue;
      if (uids.length > 0 && !uids.includes(f.uid)) continue;
      if (folderUids && !folderUids.includes(f.parentUid)) continue;
      hits.push({
        sortKey: f.title.toLowerCase(),
        isFolder: true,
        body: {
          id: f.id,
          uid: f.uid,
          orgId: state.orgId,
          title: f.title,
          uri: `db/${slugify(f.title)}`,
          url: folderUrl(f),
          slug: slugify(f.title),
          type: 'dash-folder',
          tags: [],
          isStarred: false,
          ...parentFields(state, f.parentUid),
          sortMeta: 0,
          isDeleted: false,
        },
      });
    }
  }
  if (type !== 'dash-folder') {
    for (const d of state.dashboards.values()) {
      const dashTags = stringTags(d.data.tags);
      if (text && !d.title.toLowerCase().includes(text)) continue;
      if (tags.some((t) => !dashTags.includes(t))) continue;
      if (uids.length > 0 && !uids.includes(d.uid)) continue;
      if (folderUids && !folderUids.includes(d.folderUid)) continue;
      hits.push({
        sortKey: d.title.toLowerCase(),
        isFolder: false,
        body: {
          id: d.id,
          uid: d.uid,
          orgId: state.orgId,
          title: d.title,
          uri: `db/${slugify(d.title)}`,
          url: dashboardUrl(d),
          slug: slugify(d.title),
          type: 'dash-db',
          tags: [...dashTags].sort(),
          isStarred: false,
          ...parentFields(state, d.folderUid),
          sortMeta: 0,
          isDeleted: false,
        },
      });
    }
  }
  const desc = q.get('sort') === 'alpha-desc';
  hits.sort((a, b) => {
    if (a.isFolder !== b.isFolder) return a.isFolder ? -1 : 1;
    const byTitle = a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
    return desc ? -byTitle : byTitle;
  });
  return json(
    200,
    hits.slice((page - 1) * size, page * size).map((h) => h.body),
  );
}

export const searchRoutes: readonly Route[] = [{ method: 'GET', pattern: '/api/search', handler: search }];
