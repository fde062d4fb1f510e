#!/usr/bin/env node
// Writes dist/README.md for the VSIX (npm run package passes it to vsce with
// --readme-path): README.md with each relative image inlined as a data: URI.
// VS Code's page of an installed extension resolves a relative image against its own
// webview, not the extension's folder, so a relative link shows a broken image there;
// an https link would need the network and a public repository. Inlined, the
// screenshots show offline, from the VSIX alone. README.md itself keeps its relative
// links (readable in the repository).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = { png: 'image/png', webp: 'image/webp', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif' };
let count = 0;
const out = readFileSync(join(root, 'README.md'), 'utf8').replace(/(!\[[^\]]*\]\()([^)\s]+)(\))/g, (all, open, src, close) => {
  if (/^[a-z]+:/i.test(src) || src.startsWith('#')) return all;
  const ext = src.split('.').pop().toLowerCase();
  const type = TYPES[ext];
  if (!type) throw new Error(`README.md: cannot inline ${src} (not ${Object.keys(TYPES).join(', ')})`);
  count++;
  return `${open}data:${type};base64,${readFileSync(join(root, src)).toString('base64')}${close}`;
});
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'README.md'), out);
console.log(`dist/README.md: ${count} images inlined (${(out.length / 1024).toFixed(0)} KB)`);
