// Every folder under lib/ and cli/ says what it is for, so a newcomer can find where a change
// goes: a header comment at the top of its index.ts, or else a README.md of 3–8 lines.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

function foldersUnder(root: string): string[] {
  const found = [root];
  for (const entry of readdirSync(path.join(REPO, root), { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...foldersUnder(path.posix.join(root, entry.name)));
  }
  return found;
}

/** Why the folder exists, or undefined when it says nothing. */
function purposeProblem(folder: string): string | undefined {
  const index = path.join(REPO, folder, 'index.ts');
  if (existsSync(index)) {
    const text = readFileSync(index, 'utf8').replace(/^#!.*\n/, '');
    return /^\s*(\/\/|\/\*\*)/.test(text) ? undefined : `${folder}/index.ts starts without a header comment`;
  }
  const readme = path.join(REPO, folder, 'README.md');
  if (!existsSync(readme)) return `${folder} has neither an index.ts nor a README.md`;
  const body = readFileSync(readme, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return body.length >= 3 && body.length <= 8 ? undefined : `${folder}/README.md has ${body.length} non-blank lines, not 3–8`;
}

describe('folder purpose', () => {
  it('GIVEN every folder under lib/ and cli/ WHEN read THEN its index.ts header or README.md says what it is for', () => {
    const folders = [...foldersUnder('lib'), ...foldersUnder('cli')];
    expect(folders.length).toBeGreaterThan(30); // the walk read the tree
    expect(folders.map(purposeProblem).filter((problem) => problem !== undefined)).toEqual([]);
  });
});
