// Writes the TextMate injection grammar for money and dates (and the empty plain-text
// host grammar it runs in) to syntaxes/, from the built core (dist/grammar.js, which
// bundles src/core/grammar.ts): `npm run grammar`. The grammar is generated from the
// pattern sources the recognizers use (src/core/patterns.ts), so regenerate it after
// changing them; test/unit/grammar.test.ts fails while the committed file is stale.
//
//   node scripts/gen-grammar.mjs           write the files
//   node scripts/gen-grammar.mjs --check   exit 1 if a committed file differs
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { buildGrammar, serializeGrammar, PLAIN_TEXT_GRAMMAR, GRAMMAR_FILE, PLAIN_TEXT_GRAMMAR_FILE } = require(join(root, 'dist/grammar.js'));

const files = [
  [GRAMMAR_FILE, serializeGrammar(buildGrammar())],
  [PLAIN_TEXT_GRAMMAR_FILE, serializeGrammar(PLAIN_TEXT_GRAMMAR)],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [rel, text] of files) {
  const path = join(root, rel);
  let old = null;
  try {
    old = readFileSync(path, 'utf8');
  } catch {}
  if (old === text) {
    console.log(`${rel}: up to date`);
  } else if (check) {
    console.error(`${rel}: stale (run npm run grammar)`);
    stale++;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`${rel}: written (${text.length} characters)`);
  }
}
process.exit(stale ? 1 : 0);
