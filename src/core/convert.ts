/**
 * Traditional ↔ simplified conversion with OpenCC's dictionaries (opencc-js).
 *
 * Only `opencc-js/core` and the dictionaries each direction needs are imported,
 * and a direction's tries are built the first time it is used (s2twp alone costs
 * ~0.3 s to build). Protected terms and the user's own phrase pairs are applied
 * around OpenCC: the text is cut at their occurrences, the pieces between are
 * converted, and the terms themselves are kept or replaced as the user said.
 */
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

export type Target = 'simplified' | 'simplified-phrases' | 'traditional' | 'taiwan' | 'taiwan-phrases' | 'hongkong';

export const TARGETS: readonly Target[] = ['simplified', 'simplified-phrases', 'traditional', 'taiwan', 'taiwan-phrases', 'hongkong'];

/** The OpenCC configuration each target corresponds to (for messages and the reference test). */
export const OPENCC_CONFIG: Record<Target, string> = {
  simplified: 'tw2s',
  'simplified-phrases': 'tw2sp',
  traditional: 's2t',
  taiwan: 's2tw',
  'taiwan-phrases': 's2twp',
  hongkong: 's2hk',
};

export function isTarget(s: string): s is Target {
  return (TARGETS as readonly string[]).includes(s);
}

type Dict = string;
interface Chain {
  /** Segments the text first (OpenCC's `segmentation`), so phrases are matched as OpenCC does. */
  segmentation?: Dict[];
  /** Dictionary groups applied one after another to each segment. */
  groups: Dict[][];
}

/**
 * The conversion chains, as in OpenCC's configs. To simplified accepts
 * traditional, Taiwan and Hong Kong forms alike: the regional variants are
 * mapped back before the phrase-aware traditional → simplified step. Taiwan
 * vocabulary (軟體 → 软件) is a separate target: applied to mainland traditional
 * text it damages ordinary terms (指標 → 指针, 通訊 → 通信).
 */
const CHAINS: Record<Target, () => Chain> = {
  simplified: () => ({
    segmentation: [TSPhrases],
    groups: [[TWVariantsRevPhrases, TWVariantsRev, HKVariantsRevPhrases, HKVariantsRev], [TSPhrases, TSCharacters]],
  }),
  'simplified-phrases': () => ({
    segmentation: [TSPhrases],
    groups: [[TWPhrasesRev, TWVariantsRevPhrases, TWVariantsRev], [TSPhrases, TSCharacters]],
  }),
  traditional: () => ({ groups: [[STPhrases, STPhrasesRegional, STCharacters]] }),
  taiwan: () => ({
    segmentation: [STPhrases, STPhrasesRegional],
    groups: [[STPhrases, STPhrasesRegional, STCharacters], [TWVariantsPhrases, TWVariants]],
  }),
  'taiwan-phrases': () => ({
    segmentation: [STPhrases, STPhrasesRegional],
    groups: [[STPhrases, STPhrasesRegional, STCharacters], [TWPhrases, TWVariantsPhrases, TWVariants]],
  }),
  hongkong: () => ({
    segmentation: [STPhrases, STPhrasesRegional],
    groups: [[STPhrases, STPhrasesRegional, STCharacters], [HKVariantsPhrases, HKVariants]],
  }),
};

type Converter = (text: string) => string;
const cache = new Map<Target, Converter>();
let normalizeCompat: Converter | undefined;

function build(target: Target): Converter {
  const chain = CHAINS[target]();
  const convertPiece = ConverterFactory(...chain.groups);
  normalizeCompat ??= ConverterFactory([CJKCompat]);
  const norm = normalizeCompat;
  if (!chain.segmentation) return (s) => convertPiece(norm(s));
  const seg = new Trie();
  seg.loadDictGroup(chain.segmentation);
  // Each segment is converted on its own, as OpenCC does, so a phrase of the first
  // group cannot swallow a character that a later phrase needs.
  return (s) => seg.segment(norm(s)).map(convertPiece).join('');
}

/** The converter for a target; its dictionaries are loaded on first use. */
export function converterFor(target: Target): Converter {
  let c = cache.get(target);
  if (!c) {
    c = build(target);
    cache.set(target, c);
  }
  return c;
}

/** Whether a target's dictionaries are loaded already (for "loading…" messages). */
export function isLoaded(target: Target): boolean {
  return cache.has(target);
}

export interface ConvertOptions {
  /** Terms left exactly as they are (proper names OpenCC would damage: 乾河分洪). */
  protect?: readonly string[];
  /** The user's phrase pairs, which win over OpenCC's: source → replacement. */
  customPhrases?: Readonly<Record<string, string>>;
}

interface Term {
  /** What replaces the term: itself when protected. */
  replacement: string;
}

/** Longest-first matching of the user's terms. */
function termTrie(opts: ConvertOptions): Trie | undefined {
  const entries: [string, string][] = [];
  for (const [from, to] of Object.entries(opts.customPhrases ?? {})) if (from) entries.push([from, to]);
  for (const p of opts.protect ?? []) if (p) entries.push([p, p]);
  if (entries.length === 0) return undefined;
  const t = new Trie();
  // Protected terms are added last so that they win over a phrase pair with the same source.
  for (const [from, to] of entries) t.addWord(from, to);
  return t;
}

/**
 * Converts `text` to `target`. Characters outside Chinese are never changed;
 * line breaks stay where they are.
 */
export function convert(text: string, target: Target, opts: ConvertOptions = {}): string {
  const c = converterFor(target);
  const terms = termTrie(opts);
  if (!terms) return c(text);
  let out = '';
  let gap = 0;
  for (let i = 0; i < text.length; ) {
    const m = terms.matchPrefix(text, i);
    if (m) {
      out += c(text.slice(gap, i)) + m.value;
      i = m.end;
      gap = i;
    } else i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return out + c(text.slice(gap));
}

/** Splits text into pieces of about `size` UTF-16 units, at line breaks where possible. */
export function chunks(text: string, size = 64 * 1024): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + size);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end);
      if (nl > i) end = nl + 1;
      else if (/[\uD800-\uDBFF]/.test(text[end - 1])) end++; // never split a surrogate pair
    }
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

export interface Progress {
  /** Share done so far, 0…1. */
  onProgress?: (done: number) => void;
  /** Checked between chunks; when true the conversion stops and returns undefined. */
  isCancelled?: () => boolean;
}

/**
 * Converts a large text chunk by chunk, yielding to the event loop between
 * chunks so the caller stays responsive. Returns undefined when cancelled:
 * nothing partial ever comes out.
 */
export async function convertLarge(text: string, target: Target, opts: ConvertOptions = {}, progress: Progress = {}): Promise<string | undefined> {
  const parts = chunks(text);
  let out = '';
  let done = 0;
  for (const part of parts) {
    if (progress.isCancelled?.()) return undefined;
    out += convert(part, target, opts);
    done += part.length;
    progress.onProgress?.(text.length ? done / text.length : 1);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return progress.isCancelled?.() ? undefined : out;
}

/** A replacement of [start, end) of the original by `text` (UTF-16 offsets). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The smallest edits, line by line, that turn `original` into `converted`.
 * Conversion never adds or removes line breaks, so lines correspond; within a
 * line only the run between the common prefix and suffix is replaced, so a
 * cursor outside it stays where it was.
 */
export function lineEdits(original: string, converted: string): TextEdit[] {
  if (original === converted) return [];
  const a = original.split('\n');
  const b = converted.split('\n');
  if (a.length !== b.length) return [{ start: 0, end: original.length, text: converted }];
  const edits: TextEdit[] = [];
  let offset = 0;
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x !== y) {
      let p = 0;
      while (p < x.length && p < y.length && x.charCodeAt(p) === y.charCodeAt(p)) p++;
      // Never cut a surrogate pair.
      if (p > 0 && /[\uD800-\uDBFF]/.test(x[p - 1])) p--;
      let s = 0;
      while (s < x.length - p && s < y.length - p && x.charCodeAt(x.length - 1 - s) === y.charCodeAt(y.length - 1 - s)) s++;
      if (s > 0 && /[\uDC00-\uDFFF]/.test(x[x.length - s])) s--;
      edits.push({ start: offset + p, end: offset + x.length - s, text: y.slice(p, y.length - s) });
    }
    offset += x.length + 1;
  }
  return edits;
}

/** How much of a text is in each script: characters only one script uses. */
export interface ScriptCount {
  /** Characters that exist only in traditional writing (they change under t2s). */
  traditional: number;
  /** Characters that exist only in simplified writing (they change under s2t). */
  simplified: number;
}

let tradOnly: Set<number> | undefined;
let simpOnly: Set<number> | undefined;

function charSet(dict: string): Set<number> {
  const s = new Set<number>();
  for (const entry of dict.split('|')) {
    const sp = entry.indexOf(' ');
    const from = entry.slice(0, sp);
    const to = entry.slice(sp + 1).split(' ');
    // Only characters whose every conversion differs from them are of one script.
    if ([...from].length === 1 && !to.includes(from)) s.add(from.codePointAt(0)!);
  }
  return s;
}

export function countScripts(text: string): ScriptCount {
  tradOnly ??= charSet(TSCharacters);
  simpOnly ??= charSet(STCharacters);
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x3400) continue;
    if (cp >= 0xd800 && cp <= 0xdbff) {
      cp = text.codePointAt(i)!;
      i++;
    }
    if (tradOnly.has(cp)) traditional++;
    if (simpOnly.has(cp)) simplified++;
  }
  return { traditional, simplified };
}

/**
 * Whether the text already looks written in the target's script, so that
 * converting it is probably a mistake worth asking about: to simplified, a text
 * with (almost) no traditional-only characters; to a traditional target, one
 * with (almost) no simplified-only characters. Texts with no Chinese at all
 * count as already there.
 */
export function alreadyInTarget(text: string, target: Target): boolean {
  const { traditional, simplified } = countScripts(text);
  const [other, same] = target.startsWith('simplified') ? [traditional, simplified] : [simplified, traditional];
  // A few stray characters (a quoted name, scraping noise) in a text of the target script.
  return other <= Math.max(3, same * 0.05);
}

// ---------------------------------------------------------------------------
// Edits and ranges (for editors: the preview text and the selections after an edit)
// ---------------------------------------------------------------------------

/** A range of a text, [start, end) in UTF-16 offsets. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** Applies non-overlapping edits (offsets of `text`, any order) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Where ranges of a text are once non-overlapping edits are applied. An edit
 * inside a non-empty range (touching its ends included) grows or shrinks it, so
 * the range covers the edited text; an edit before a range shifts it. For an
 * empty range (a cursor) an insertion at the cursor counts as before it. Edits
 * are expected not to cross a range's ends.
 */
export function rangesAfterEdits(ranges: readonly OffsetRange[], edits: readonly TextEdit[]): OffsetRange[] {
  return ranges.map((r) => {
    let dStart = 0;
    let dEnd = 0;
    for (const e of edits) {
      const delta = e.text.length - (e.end - e.start);
      if (e.end <= r.start && (r.start === r.end || e.start < r.start)) {
        dStart += delta;
        dEnd += delta;
      } else if (e.start >= r.start && e.end <= r.end) {
        dEnd += delta;
      }
    }
    return { start: r.start + dStart, end: r.end + dEnd };
  });
}
