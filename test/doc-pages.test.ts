// The documentation pages whose examples CI builds and runs: README.md and every docs/*.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenDocLinks, docBlocks, docPages, docProjectFiles, headingAnchor, type DocPage } from './support/doc-pages.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'grafts-doc-pages-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function site(pages: Record<string, string>): string {
  const root = mkdtempSync(path.join(work, 'site-'));
  mkdirSync(path.join(root, 'docs'));
  for (const [file, text] of Object.entries(pages)) writeFileSync(path.join(root, file), text);
  return root;
}

const tsBlock = (name: string, body: string): string => '```ts\n// file: ' + name + '\n' + body + '```\n';

describe('docPages', () => {
  it('GIVEN a README and docs pages WHEN listed THEN README comes first, then every docs/*.md by name, nothing else', () => {
    const root = site({ 'README.md': '# r\n', 'docs/sync.md': 's', 'docs/build.md': 'b', 'docs/notes.txt': 'n' });
    expect(docPages(root).map((p) => p.file)).toEqual(['README.md', 'docs/build.md', 'docs/sync.md']);
    expect(docPages(root).map((p) => p.text)).toEqual(['# r\n', 'b', 's']);
  });

  it('GIVEN no docs folder THEN only the README is a page', () => {
    const root = mkdtempSync(path.join(work, 'bare-'));
    writeFileSync(path.join(root, 'README.md'), 'x');
    expect(docPages(root).map((p) => p.file)).toEqual(['README.md']);
  });

  it('the repository has the docs index, and its pages are among those tested', () => {
    expect(docPages().map((p) => p.file)).toContain('docs/README.md');
  });
});

describe('docProjectFiles', () => {
  it('GIVEN a file block on a docs page (not in the README) THEN it is part of the project', () => {
    const root = site({ 'README.md': tsBlock('a.dash.ts', 'export {};\n'), 'docs/x.md': 'text\n' + tsBlock('dashboards/b.dash.ts', 'const b = 1;\n') });
    expect(docProjectFiles(docPages(root))).toEqual({ 'a.dash.ts': 'export {};\n', 'dashboards/b.dash.ts': 'const b = 1;\n' });
  });

  it('GIVEN the same file shown twice with different contents THEN it throws naming both pages', () => {
    const root = site({ 'README.md': tsBlock('api.dash.ts', 'one\n'), 'docs/sync.md': tsBlock('api.dash.ts', 'two\n') });
    expect(() => docProjectFiles(docPages(root))).toThrow(
      'docs/sync.md: `// file: api.dash.ts` differs from the block of that name in README.md; give one of them another name',
    );
  });

  it('PROPERTY: every file block of every page is in the project with its exact contents; identical repeats are allowed', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9/-]{0,12}\.ts$/);
    const body = fc.array(fc.stringMatching(/^[^`\n]{0,30}$/), { maxLength: 4 }).map((lines) => lines.map((l) => `${l}\n`).join(''));
    const filler = fc.stringMatching(/^[^`]{0,40}$/);
    fc.assert(
      fc.property(fc.dictionary(name, body, { maxKeys: 6 }), fc.array(fc.nat(), { maxLength: 8 }), filler, (files, repeats, prose) => {
        const names = Object.keys(files);
        // Each file goes on page i % 3; some are repeated, identically, on another page.
        const pages: DocPage[] = [0, 1, 2].map((i) => ({ file: i === 0 ? 'README.md' : `docs/p${i}.md`, text: prose }));
        names.forEach((n, i) => (pages[i % 3]!.text += `${prose}\n${tsBlock(n, files[n]!)}`));
        if (names.length > 0) for (const r of repeats) pages[(r + 1) % 3]!.text += tsBlock(names[r % names.length]!, files[names[r % names.length]!]!);
        expect(docProjectFiles(pages)).toEqual(files);
      }),
    );
  });
});

describe('docBlocks', () => {
  it('GIVEN sh blocks on the README and a docs page THEN each is found with its page, in page order', () => {
    const root = site({
      'README.md': '```sh\nnpm run dash -- build examples/quickstart\n```\n',
      'docs/lint.md': 'x\n```sh\nnpm run dash -- lint examples/quickstart\n```\n```yaml\na: 1\n```\n',
    });
    expect(docBlocks('sh', docPages(root))).toEqual([
      { file: 'README.md', block: 'npm run dash -- build examples/quickstart' },
      { file: 'docs/lint.md', block: 'npm run dash -- lint examples/quickstart' },
    ]);
    expect(docBlocks('yaml', docPages(root))).toEqual([{ file: 'docs/lint.md', block: 'a: 1' }]);
  });
});

describe('links between the pages', () => {
  it('GIVEN the repository WHEN every relative link of README.md and docs/*.md is followed THEN each file and heading anchor exists', () => {
    expect(brokenDocLinks()).toEqual([]);
  });

  it('GIVEN links to a missing page, a missing heading and a missing file THEN each is reported with its page', () => {
    const root = site({
      'README.md': '# Top\n\n[ok](docs/a.md) [ok too](docs/a.md#schema-v2-tabs-auto-grid-showhide-rules) [self](#top) [web](https://example.com/x.md)\n',
      'docs/a.md':
        '# Schema v2: tabs, auto grid, show/hide rules\n\n[up](../README.md#top) [gone](b.md) [bad anchor](../README.md#nope)\n```md\n[in code](nowhere.md)\n```\n',
    });
    expect(brokenDocLinks(docPages(root), root)).toEqual(['docs/a.md: b.md', 'docs/a.md: ../README.md#nope']);
  });

  it("anchors follow GitHub's rule: lowercase, punctuation dropped, each space a hyphen", () => {
    expect(headingAnchor('`dash watch [dir]`: apply every save while you edit')).toBe('dash-watch-dir-apply-every-save-while-you-edit');
    expect(headingAnchor('Live preview (`--open`)')).toBe('live-preview---open');
    expect(headingAnchor('Grafana 13 and schema v2 dashboards')).toBe('grafana-13-and-schema-v2-dashboards');
  });
});
