/** `npm run gen`: regenerates lib/generated from schemas/. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_DIR, generateTypes, repoRoot } from './gen-types-lib.js';

const files = await generateTypes();
const dir = path.join(repoRoot, GENERATED_DIR);
await mkdir(dir, { recursive: true });
for (const name of await readdir(dir)) {
  const rel = `${GENERATED_DIR}/${name}`;
  if ((name.endsWith('.gen.ts') || name === 'index.ts') && !files.has(rel)) {
    await rm(path.join(dir, name));
    console.log(`removed ${rel}`);
  }
}
for (const [rel, contents] of files) {
  await writeFile(path.join(repoRoot, rel), contents);
  console.log(`wrote ${rel}`);
}
