// The pages whose examples CI proves: README.md and every docs/*.md. The README tests build
// their `// file:` blocks and run their `npm run dash --` lines, so moving an example from the
// README into docs/ (or adding a new page) keeps it tested.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** One documentation page: its path relative to the root (`README.md`, `docs/sync.md`) and text. */
export interface DocPage {
  file: string;
  text: string;
}

/** README.md first, then every `docs/*.md` in name order (a stable order for test names). */
export function docPages(root: string = REPO_ROOT): DocPage[] {
  const files = ['README.md'];
  const docsDir = path.join(root, 'docs');
  if (existsSync(docsDir)) {
    const pages = readdirSync(docsDir)
      .filter((name) => name.endsWith('.md'))
      .sort();
    files.push(...pages.map((name) => `docs/${name}`));
  }
  return files.map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));
}

/**
 * Every ```ts block that starts with `// file: <name>` on any page, as one project: file name →
 * contents. A name shown twice with different contents is an error naming both pages, since
 * the project could only hold one of them and the other would go untested.
 */
export function docProjectFiles(pages: readonly DocPage[] = docPages()): Record<string, string> {
  const files: Record<string, string> = {};
  const shownIn: Record<string, string> = {};
  for (const page of pages) {
    for (const match of page.text.matchAll(/```ts\n\/\/ file: (\S+)\n([\s\S]*?)```/g)) {
      const [, name, contents] = match as unknown as [string, string, string];
      if (name in files && files[name] !== contents) {
        throw new Error(`${page.file}: \`// file: ${name}\` differs from the block of that name in ${shownIn[name]}; give one of them another name`);
      }
      files[name] = contents;
      shownIn[name] ??= page.file;
    }
  }
  return files;
}

/** A fenced block of one language on one page. */
export interface DocBlock {
  file: string;
  block: string;
}

/** Every fenced ```<lang> block on every page, trimmed, with the page it is on. */
export function docBlocks(lang: string, pages: readonly DocPage[] = docPages()): DocBlock[] {
  const fence = new RegExp('```' + lang.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\n([\\s\\S]*?)```', 'g');
  return pages.flatMap((page) => [...page.text.matchAll(fence)].map((m) => ({ file: page.file, block: m[1]!.trim() })));
}

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to `-`. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The page's text outside fenced code blocks (links and headings in code are not markdown). */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/** The anchors of a page's headings. */
export function pageAnchors(text: string): Set<string> {
  return new Set([...prose(text).matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingAnchor(m[1]!)));
}

/**
 * Every relative link on the pages (`[text](path)`, `[text](path#anchor)`, `[text](#anchor)`)
 * that does not resolve: a file that does not exist under `root`, or an anchor that is no
 * heading of the markdown page it names. Each as `<page>: <target>`.
 */
export function brokenDocLinks(pages: readonly DocPage[] = docPages(), root: string = REPO_ROOT): string[] {
  const broken: string[] = [];
  for (const page of pages) {
    for (const match of prose(page.text).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [file, anchor] = target.split('#', 2) as [string, string | undefined];
      const resolved = file === '' ? page.file : path.posix.normalize(path.posix.join(path.posix.dirname(page.file), file));
      const absolute = path.join(root, resolved);
      if (!existsSync(absolute)) {
        broken.push(`${page.file}: ${target}`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !pageAnchors(readFileSync(absolute, 'utf8')).has(anchor)) {
        broken.push(`${page.file}: ${target}`);
      }
    }
  }
  return broken;
}
