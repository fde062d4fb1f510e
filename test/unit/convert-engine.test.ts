// The converter's matcher (convert.ts) against opencc-js's own (nested-Map tries,
// ConverterFactory, opencc-js's dictionaries): the same output, byte for byte, for
// every target, on the seeds, a sample of the corpus and awkward strings. And what
// the matcher relies on: keys sorted in code point order, no sentence punctuation
// in keys or values, the generated modules fresh.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConverterFactory, Trie } from 'opencc-js/core';
import CJKCompat from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import HKVariants from 'opencc-js/dict/HKVariants';
import HKVariantsPhrases from 'opencc-js/dict/HKVariantsPhrases';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import STCharacters from 'opencc-js/dict/STCharacters';
import STPhrases from 'opencc-js/dict/STPhrases';
import STPhrasesRegional from 'opencc-js/dict/STPhrases_GeneratedFromRegionalPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWPhrases from 'opencc-js/dict/TWPhrases';
import TWPhrasesRev from 'opencc-js/dict/TWPhrasesRev';
import TWVariants from 'opencc-js/dict/TWVariants';
import TWVariantsPhrases from 'opencc-js/dict/TWVariantsPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import { describe, expect, it } from 'vitest';
import { openccConverter, TARGETS, type Target } from '../../src/core/convert';
import { ST_PHRASES } from '../../src/core/openccST';

const root = join(__dirname, '..', '..');

/** OpenCC's configs as opencc-js runs them: segmentation, then each group on each segment. */
const CONFIGS: Record<Target, { segmentation?: string[]; groups: string[][] }> = {
  simplified: {
    segmentation: [TSPhrases],
    groups: [[TWVariantsRevPhrases, TWVariantsRev, HKVariantsRevPhrases, HKVariantsRev], [TSPhrases, TSCharacters]],
  },
  'simplified-phrases': { segmentation: [TSPhrases], groups: [[TWPhrasesRev, TWVariantsRevPhrases, TWVariantsRev], [TSPhrases, TSCharacters]] },
  traditional: { groups: [[STPhrases, STPhrasesRegional, STCharacters]] },
  taiwan: { segmentation: [STPhrases, STPhrasesRegional], groups: [[STPhrases, STPhrasesRegional, STCharacters], [TWVariantsPhrases, TWVariants]] },
  'taiwan-phrases': {
    segmentation: [STPhrases, STPhrasesRegional],
    groups: [[STPhrases, STPhrasesRegional, STCharacters], [TWPhrases, TWVariantsPhrases, TWVariants]],
  },
  hongkong: { segmentation: [STPhrases, STPhrasesRegional], groups: [[STPhrases, STPhrasesRegional, STCharacters], [HKVariantsPhrases, HKVariants]] },
};

function reference(target: Target): (s: string) => string {
  const { segmentation, groups } = CONFIGS[target];
  const convertPiece = ConverterFactory(...groups);
  const norm = ConverterFactory([CJKCompat]);
  if (!segmentation) return (s) => convertPiece(norm(s));
  const seg = new Trie();
  seg.loadDictGroup(segmentation);
  return (s) => seg.segment(norm(s)).map(convertPiece).join('');
}

const texts: { name: string; text: string }[] = readdirSync(join(root, 'seeds'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ name: `seeds/${f}`, text: readFileSync(join(root, 'seeds', f), 'utf8') }));
// A sample of the shared corpus (mainland government reports, Hong Kong news) where it is present.
for (const dir of ['gov-reports-2026', 'hk-news']) {
  const path = join(root, '..', 'shared', 'corpus', dir);
  if (!existsSync(path)) continue;
  const files = readdirSync(path).filter((f) => f.endsWith('.txt')).sort();
  for (const f of files.filter((_, k) => k % Math.max(1, Math.floor(files.length / 12)) === 0)) {
    texts.push({ name: `${dir}/${f}`, text: readFileSync(join(path, f), 'utf8') });
  }
}
const AWKWARD = [
  '',
  '⿰氵青⿱艹⿰日月 ⿰ 末尾⿰',
  '𠮷𠮷𡃁𡃄 𩸃 \uD840 孤 \uDC00 后台干发',
  '臺灣的軟體和資訊 乾隆 著手 頭髮 的士',
  '豈更\uF900\uFA0E 﨑 兀 \u2F800 丽',
  '头发和发展，一出戏，一丝不挂。',
  'a\nb\r\n发\t',
];

describe('the matcher against opencc-js', () => {
  for (const target of TARGETS) {
    it(`${target}: the same output on ${texts.length} texts and awkward strings`, () => {
      const ours = openccConverter(target);
      const theirs = reference(target);
      for (const { name, text } of [...texts, ...AWKWARD.map((text, k) => ({ name: `awkward ${k}`, text }))]) {
        const a = ours(text);
        const b = theirs(text);
        if (a !== b) {
          let i = 0;
          while (a[i] === b[i]) i++;
          expect(a.slice(Math.max(0, i - 8), i + 8), `${name} at ${i}`).toBe(b.slice(Math.max(0, i - 8), i + 8));
        }
      }
    });
  }
});

describe('what the matcher relies on', () => {
  const all: Record<string, string> = {
    CJKCompat, HKVariants, HKVariantsPhrases, HKVariantsRev, HKVariantsRevPhrases, STCharacters, STPhrases, STPhrasesRegional,
    TSCharacters, TSPhrases, TWPhrases, TWPhrasesRev, TWVariants, TWVariantsPhrases, TWVariantsRev, TWVariantsRevPhrases, ST_PHRASES,
  };

  it('every dictionary is sorted by key in code point order (runs of keys by first and second code point)', () => {
    const codePoints = (k: string) => [...k].map((c) => c.codePointAt(0)!);
    const before = (a: number[], b: number[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i];
      return a.length <= b.length;
    };
    for (const [name, dict] of Object.entries(all)) {
      let prev: number[] = [];
      for (const entry of dict.split('|')) {
        const key = codePoints(entry.slice(0, entry.indexOf(' ')));
        expect(before(prev, key), `${name}: ${entry}`).toBe(true);
        prev = key;
      }
    }
  });

  it('no key or value has sentence punctuation (convert.ts converts sentence by sentence)', () => {
    for (const [name, dict] of Object.entries(all)) expect(/[。！？；!?;\n]/.test(dict), name).toBe(false);
  });

  it.each(['gen-script-chars.mjs', 'gen-opencc-st.mjs'])('the module scripts/%s generates is fresh', (script) => {
    const r = spawnSync(process.execPath, [`scripts/${script}`, '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
