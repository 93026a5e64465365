/**
 * `npm run schema`: writes the generated JSON Schemas (schemas.ts) into fixtures/schemas/ and
 * says which files changed. Run it after adding a name to any vocabulary, then commit the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildSchemaFiles } from './schemas.js';

const root = new URL('../..', import.meta.url);
for (const [file, text] of Object.entries(buildSchemaFiles())) {
  const url = new URL(file, root);
  let before = '';
  try {
    before = readFileSync(url, 'utf8');
  } catch {
    // a new file
  }
  if (before === text) {
    console.log(`${file}: unchanged`);
    continue;
  }
  writeFileSync(url, text);
  console.log(`${file}: written`);
}
