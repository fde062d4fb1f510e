// Every user-facing string of the extension is localised: the manifest's %keys% in
// package.nls{,.zh-cn,.zh-tw}.json, and every vscode.l10n.t('…') of src/extension in
// l10n/bundle.l10n.{zh-cn,zh-tw}.json, with the same {0} placeholders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const json = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8')) as Record<string, string>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

describe('localisation', () => {
  it('has every manifest string in English, simplified and traditional Chinese', () => {
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const keys = [...new Set([...manifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]))];
    expect(keys.length).toBeGreaterThan(10);
    for (const nls of ['package.nls.json', 'package.nls.zh-cn.json', 'package.nls.zh-tw.json']) {
      const table = json(nls);
      expect(keys.filter((k) => !(k in table)), nls).toEqual([]);
      expect(Object.keys(table).filter((k) => !keys.includes(k)), `${nls}: unused keys`).toEqual([]);
    }
    expect(JSON.parse(manifest).l10n).toBe('./l10n');
  });

  it('has every runtime string in the zh-cn and zh-tw bundles', () => {
    const strings = new Set<string>();
    for (const f of files(join(root, 'src', 'extension'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) strings.add(m[1]);
    }
    expect(strings.size).toBeGreaterThan(10);
    for (const locale of ['zh-cn', 'zh-tw']) {
      const bundle = json(`l10n/bundle.l10n.${locale}.json`);
      expect([...strings].filter((s) => !(s in bundle)), locale).toEqual([]);
      for (const s of strings) expect(placeholders(bundle[s]), `${locale}: ${s}`).toEqual(placeholders(s));
    }
  });
});
