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
    const pages = readdirSync(docsDir).filter((name) => name.endsWith('.md')).sort();
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
