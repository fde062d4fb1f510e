/**
 * Traditional ↔ simplified conversion with OpenCC's dictionaries (opencc-js's
 * data, our own matcher).
 *
 * OpenCC converts by longest match: the text is cut into segments by a phrase
 * table, then each dictionary group of the chain rewrites each segment, taking at
 * every position the longest key any dictionary of the group has (the first
 * dictionary wins a key several have). opencc-js does this with a trie of nested
 * Maps per group, built from the whole dictionary before the first character is
 * converted: ~0.1–0.2 s for the traditional targets (STPhrases has 49 000
 * entries), more than converting a megabyte. Here a dictionary is only indexed
 * at first (where the entries of each first character are in its text, one
 * indexOf per entry), and the entries of a character are read when the text
 * first has it at a place where a key could start, into a table by the next code
 * unit with the longest keys first. The output is the same, byte for byte
 * (test/unit/convert-engine.test.ts compares with opencc-js on the seeds and the
 * corpus; convert.test.ts with Debian's opencc).
 *
 * Protected terms and the user's own phrase pairs are applied around OpenCC: the
 * text is cut at their occurrences, the pieces between are converted, and the
 * terms themselves are kept or replaced as the user said. Project names already
 * written in simplified are kept as they are when converting to simplified (see
 * `convert`).
 */
import { Trie } from 'opencc-js/core';
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
import { HEADS, OPEN_HEADS } from './projectLexicon';
import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from './scriptChars';

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

/** Whether a target writes simplified Chinese. */
export function isSimplifiedTarget(target: Target): boolean {
  return target === 'simplified' || target === 'simplified-phrases';
}

// ---------------------------------------------------------------------------
// The matcher
// ---------------------------------------------------------------------------

/** Code point at `i` if a whole one starts there before `limit`, else the code unit. */
function codePointIn(s: string, i: number, limit: number): number {
  const u = s.charCodeAt(i);
  if (u >= 0xd800 && u <= 0xdbff && i + 1 < limit) {
    const lo = s.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return ((u - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
  }
  return u;
}

/**
 * The entries of one dictionary whose keys start with one code point: offsets
 * into the dictionary's text, nothing copied. Entries are in the dictionary's
 * order, which is sorted by key, so those with the same next code unit are
 * adjacent; `next` says where each run of them is.
 */
interface Bucket {
  /** Per entry: key start, key end (the space), value end. */
  offsets: Int32Array;
  /** The entry (index) whose key is the code point alone, or -1. */
  single: number;
  /** Next code unit → index of its run in `runs`; unset when the order is not sorted (then every entry is tried). */
  next?: Map<number, number>;
  /** With `next`: per run, first and end entry, at 2 × the map's value. */
  runs?: number[];
}

/**
 * One OpenCC dictionary, as opencc-js ships it: `key value|key value|…` (a value
 * may be followed by alternatives, which OpenCC does not use), sorted by key.
 * Nothing is read ahead: the entries of a code point are found by binary search
 * on the text the first time a text has that code point, and read into a bucket.
 */
class Dict {
  /** BMP code point → its bucket, null when no key starts with it (undefined: not looked up yet). */
  private readonly bmp: (Bucket | null | undefined)[] = new Array(0x10000);
  private readonly astral = new Map<number, Bucket | null>();
  constructor(readonly text: string) {}

  bucket(cp: number): Bucket | null {
    if (cp <= 0xffff) {
      const b = this.bmp[cp];
      return b !== undefined ? b : (this.bmp[cp] = this.read(cp));
    }
    let b = this.astral.get(cp);
    if (b === undefined) this.astral.set(cp, (b = this.read(cp)));
    return b;
  }

  /** The first entry at or after `p` whose first code point is not below `cp` (binary search over the text). */
  private lowerBound(cp: number, strict: boolean): number {
    const t = this.text;
    let lo = 0;
    let hi = t.length;
    // Invariant: entries starting before `lo` are below; the entry starting at `hi` (or the end) is not.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = t.lastIndexOf('|', mid - 1) + 1;
      const at = start < lo ? lo : start;
      const c = t.codePointAt(at)!;
      if (c < cp || (strict && c === cp)) {
        const bar = t.indexOf('|', at);
        lo = bar < 0 ? t.length : bar + 1;
      } else hi = at;
    }
    return lo;
  }

  private read(cp: number): Bucket | null {
    const t = this.text;
    const start = this.lowerBound(cp, false);
    if (start >= t.length || t.codePointAt(start) !== cp) return null;
    const end = this.lowerBound(cp, true);
    const first = cp > 0xffff ? 2 : 1;
    const offsets: number[] = [];
    for (let p = start; p < end; ) {
      let bar = t.indexOf('|', p);
      if (bar < 0) bar = t.length;
      const sp = t.indexOf(' ', p);
      let valueEnd = t.indexOf(' ', sp + 1);
      if (valueEnd < 0 || valueEnd > bar) valueEnd = bar;
      offsets.push(p, sp, valueEnd);
      p = bar + 1;
    }
    const b: Bucket = { offsets: Int32Array.from(offsets), single: -1 };
    const n = offsets.length / 3;
    let next: Map<number, number> | undefined = new Map();
    const runs: number[] = [];
    let prev = -1;
    for (let e = 0; e < n; e++) {
      const keyLength = offsets[3 * e + 1] - offsets[3 * e];
      if (keyLength === first) {
        b.single = e; // a later duplicate wins, as in opencc-js's trie
        continue;
      }
      const u = t.charCodeAt(offsets[3 * e] + first);
      if (u === prev) {
        runs[runs.length - 1] = e + 1;
        continue;
      }
      if (next && next.has(u)) next = undefined; // not sorted: try every entry
      next?.set(u, runs.length / 2);
      runs.push(e, e + 1);
      prev = u;
    }
    if (next) {
      b.next = next;
      b.runs = runs;
    }
    return b;
  }
}

const dicts = new Map<string, Dict>();
function dict(text: string): Dict {
  let d = dicts.get(text);
  if (!d) {
    d = new Dict(text);
    dicts.set(text, d);
  }
  return d;
}

/** What the last successful `Group.match` found: its length in `s` and where its value is. */
let matchLength = 0;
let matchText = '';
let matchStart = 0;
let matchEnd = 0;

/**
 * A dictionary group: at each position the longest key of any of its
 * dictionaries, the first dictionary winning a key several have (opencc-js's
 * Trie.loadDictGroup).
 */
class Group {
  /** Per code unit: 0 not looked up yet, 1 a key of some dictionary may start with it, 2 none does. */
  readonly starts = new Uint8Array(0x10000);
  readonly dicts: Dict[];

  constructor(texts: readonly string[]) {
    this.dicts = texts.filter((t) => t.length > 0).map(dict);
  }

  /** Fills `starts[u]` (u: a code unit; for a high surrogate, whether any key starts outside the BMP). */
  lookUp(u: number): number {
    let r = 2;
    if (u >= 0xd800 && u <= 0xdbff) r = 1; // decided per code point in `match`
    else for (const d of this.dicts) if (d.bucket(u)) r = 1;
    return (this.starts[u] = r);
  }

  /** The longest key at `i` that ends by `limit`. Sets matchLength and the value. */
  match(s: string, i: number, limit: number): boolean {
    const cp = codePointIn(s, i, limit);
    const first = cp > 0xffff ? 2 : 1;
    const room = limit - i;
    const next = i + first < limit ? s.charCodeAt(i + first) : -1;
    let best = 0;
    const all = this.dicts;
    for (let k = 0; k < all.length; k++) {
      const b = all[k].bucket(cp);
      if (!b) continue;
      const t = all[k].text;
      const o = b.offsets;
      // Longer keys: those with the same next code unit, else all of them.
      if (next >= 0) {
        let from = 0;
        let to = o.length / 3;
        if (b.next) {
          const run = b.next.get(next);
          if (run === undefined) to = 0;
          else {
            from = b.runs![2 * run];
            to = b.runs![2 * run + 1];
          }
        }
        let found = -1;
        let length = 0;
        for (let e = from; e < to; e++) {
          const ks = o[3 * e];
          const kl = o[3 * e + 1] - ks;
          if (kl <= first || kl > room || kl < length) continue;
          let j = b.next ? first + 1 : 0;
          while (j < kl && t.charCodeAt(ks + j) === s.charCodeAt(i + j)) j++;
          if (j === kl) {
            found = e;
            length = kl;
          }
        }
        // A longer key wins; of equal ones (the same key) the earlier dictionary's.
        if (found >= 0 && length > best) {
          best = length;
          matchText = t;
          matchStart = o[3 * found + 1] + 1;
          matchEnd = o[3 * found + 2];
          continue;
        }
      }
      // The character alone.
      if (best === 0 && b.single >= 0) {
        best = first;
        matchText = t;
        matchStart = o[3 * b.single + 1] + 1;
        matchEnd = o[3 * b.single + 2];
      }
    }
    matchLength = best;
    return best > 0;
  }
}

/** Length of the code point at `i`, within `limit`. */
function codePointLength(s: string, i: number, limit: number): number {
  return codePointIn(s, i, limit) > 0xffff ? 2 : 1;
}

/** How many operands an ideographic description character takes (⿰ two, ⿲ three). */
function idsArity(u: number): number {
  if (u >= 0x2ff0 && u <= 0x2ff1) return 2;
  if (u >= 0x2ff2 && u <= 0x2ff3) return 3;
  if (u >= 0x2ff4 && u <= 0x2fff) return 2;
  return 0;
}

/** The end of an ideographic description sequence at `i` (⿰氵青), or 0: opencc-js skips one whole, unconverted. */
function idsEnd(s: string, i: number, limit: number): number {
  const arity = idsArity(s.charCodeAt(i));
  if (arity === 0) return 0;
  let end = i + 1;
  for (let n = 0; n < arity; n++) {
    if (end >= limit) return 0;
    const child = idsEnd(s, end, limit);
    end = child || end + codePointLength(s, end, limit);
  }
  return end;
}

/** How far to step over text no key matches at `i`. */
function unmatchedLength(s: string, i: number, limit: number): number {
  const ids = idsEnd(s, i, limit);
  return ids > i ? ids - i : codePointLength(s, i, limit);
}

/** Segment ends (ascending, the last is s.length): each key of the group its own segment, the text between one segment. */
function segmentEnds(s: string, g: Group): number[] {
  const ends: number[] = [];
  const n = s.length;
  let pending = false;
  for (let i = 0; i < n; ) {
    const u = s.charCodeAt(i);
    const st = g.starts[u] || g.lookUp(u);
    if (st === 1 && g.match(s, i, n)) {
      if (pending) ends.push(i);
      pending = false;
      i += matchLength;
      ends.push(i);
    } else {
      pending = true;
      i += unmatchedLength(s, i, n);
    }
  }
  if (pending || ends.length === 0) ends.push(n);
  return ends;
}

/** The output of a conversion, as UTF-16 code units (no string per match). */
let buffer = new Uint16Array(1 << 16);
let length = 0;

function reserve(n: number): void {
  if (length + n <= buffer.length) return;
  let size = buffer.length * 2;
  while (size < length + n) size *= 2;
  const grown = new Uint16Array(size);
  grown.set(buffer.subarray(0, length));
  buffer = grown;
}

function write(s: string, start: number, end: number): void {
  reserve(end - start);
  const b = buffer;
  let k = length;
  for (let i = start; i < end; i++) b[k++] = s.charCodeAt(i);
  length = k;
}

/** The buffer as a string (String.fromCharCode keeps lone surrogates as they are, unlike TextDecoder). */
function bufferText(): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i += 8192) {
    parts.push(String.fromCharCode.apply(null, buffer.subarray(i, Math.min(length, i + 8192)) as unknown as number[]));
  }
  return parts.join('');
}

/**
 * Converts `s` with one group, every segment on its own (no key crosses a segment
 * end). Returns the text and where the segments end in it.
 */
function convertGroup(s: string, g: Group, ends: number[] | undefined): { text: string; ends: number[] | undefined } {
  const n = s.length;
  const starts = g.starts;
  const outEnds: number[] | undefined = ends ? [] : undefined;
  let e = 0;
  let limit = ends ? ends[0] : n;
  /** Whether anything matched yet: until then nothing is written, and `run` is 0. */
  let changed = false;
  let run = 0;
  for (let i = 0; i < n; ) {
    if (i >= limit) {
      outEnds!.push(changed ? length + i - run : i);
      limit = ++e < ends!.length ? ends![e] : n;
      continue;
    }
    const u = s.charCodeAt(i);
    const st = starts[u] || g.lookUp(u);
    if (st === 1 && g.match(s, i, limit)) {
      if (!changed) {
        changed = true;
        length = 0;
      }
      write(s, run, i);
      write(matchText, matchStart, matchEnd);
      i += matchLength;
      run = i;
    } else if ((u >= 0x2ff0 && u <= 0x2fff) || (u >= 0xd800 && u <= 0xdbff)) i += unmatchedLength(s, i, limit);
    else i++;
  }
  if (!changed) {
    if (outEnds) while (outEnds.length < ends!.length) outEnds.push(n);
    return { text: s, ends: outEnds };
  }
  write(s, run, n);
  if (outEnds) while (outEnds.length < ends!.length) outEnds.push(length);
  return { text: bufferText(), ends: outEnds };
}

type Dicts = string[];
interface ChainSpec {
  /** Segments the text first (OpenCC's `segmentation`), so phrases are matched as OpenCC does. */
  segmentation?: Dicts;
  /** Dictionary groups applied one after another to each segment. */
  groups: Dicts[];
}

/**
 * The conversion chains, as in OpenCC's configs. To simplified accepts
 * traditional, Taiwan and Hong Kong forms alike: the regional variants are
 * mapped back before the phrase-aware traditional → simplified step. Taiwan
 * vocabulary (軟體 → 软件) is a separate target: applied to mainland traditional
 * text it damages ordinary terms (指標 → 指针, 通訊 → 通信).
 */
const CHAINS: Record<Target, ChainSpec> = {
  simplified: {
    segmentation: [TSPhrases],
    groups: [[TWVariantsRevPhrases, TWVariantsRev, HKVariantsRevPhrases, HKVariantsRev], [TSPhrases, TSCharacters]],
  },
  'simplified-phrases': {
    segmentation: [TSPhrases],
    groups: [[TWPhrasesRev, TWVariantsRevPhrases, TWVariantsRev], [TSPhrases, TSCharacters]],
  },
  traditional: { groups: [[STPhrases, STPhrasesRegional, STCharacters]] },
  taiwan: {
    segmentation: [STPhrases, STPhrasesRegional],
    groups: [[STPhrases, STPhrasesRegional, STCharacters], [TWVariantsPhrases, TWVariants]],
  },
  'taiwan-phrases': {
    segmentation: [STPhrases, STPhrasesRegional],
    groups: [[STPhrases, STPhrasesRegional, STCharacters], [TWPhrases, TWVariantsPhrases, TWVariants]],
  },
  hongkong: {
    segmentation: [STPhrases, STPhrasesRegional],
    groups: [[STPhrases, STPhrasesRegional, STCharacters], [HKVariantsPhrases, HKVariants]],
  },
};

let unambiguous: string | undefined;

/**
 * TSCharacters without the characters simplified writing uses too (乾 of 乾坤,
 * 於 the surname, 徵 of 宫商角徵羽): the character table maps them blindly (乾 →
 * 干), which is right in traditional text and wrong in simplified text, where the
 * writer chose them. Phrases that settle them (TSPhrases) still apply.
 */
function tsCharactersUnambiguous(): string {
  if (unambiguous !== undefined) return unambiguous;
  scripts();
  const keep: string[] = [];
  for (const e of TSCharacters.split('|')) if (scriptAt(e, 0) === 1) keep.push(e);
  return (unambiguous = keep.join('|'));
}

/**
 * The gentle chains of the simplified targets: for sentences with no
 * traditional-only character, which are simplified already. Without Taiwan
 * vocabulary, because there 智慧, 核心, 建立 are mainland words, not Taiwan forms
 * of 智能, 内核, 创建 (simplified-phrases is OpenCC tw2s on them); and without the
 * characters both scripts use (乾河分洪 stays).
 */
const GENTLE: Record<'simplified' | 'simplified-phrases', () => ChainSpec> = {
  simplified: () => ({
    segmentation: [TSPhrases],
    groups: [[TWVariantsRevPhrases, TWVariantsRev, HKVariantsRevPhrases, HKVariantsRev], [TSPhrases, tsCharactersUnambiguous()]],
  }),
  'simplified-phrases': () => ({
    segmentation: [TSPhrases],
    groups: [[TWVariantsRevPhrases, TWVariantsRev], [TSPhrases, tsCharactersUnambiguous()]],
  }),
};

type Converter = (text: string) => string;

let compat: Group | undefined;

function chainConverter(spec: ChainSpec): Converter {
  const seg = spec.segmentation && new Group(spec.segmentation);
  const groups = spec.groups.map((g) => new Group(g));
  compat ??= new Group([CJKCompat]);
  const norm = compat;
  return (s) => {
    let text = convertGroup(s, norm, undefined).text;
    let ends = seg && segmentEnds(text, seg);
    for (const g of groups) ({ text, ends } = convertGroup(text, g, ends));
    return text;
  };
}

const cache = new Map<Target, Converter>();

/**
 * A target's converter. To simplified, runs of sentences are told apart by
 * evidence: those with traditional-only characters get OpenCC's chain, the others
 * (simplified already) the gentle one.
 */
function build(target: Target): Converter {
  const full = chainConverter(CHAINS[target]);
  if (target !== 'simplified' && target !== 'simplified-phrases') return full;
  let gentle: Converter | undefined;
  return (s) => {
    gentle ??= chainConverter(GENTLE[target]());
    const plain = gentle;
    // Runs of sentences with and without traditional-only characters, each converted by its chain.
    let out = '';
    let runStart = 0;
    let runTraditional: boolean | undefined;
    for (const [start, end] of sentences(s)) {
      const traditional = hasTraditional(s, start, end);
      if (runTraditional !== undefined && traditional !== runTraditional) {
        out += (runTraditional ? full : plain)(s.slice(runStart, start));
        runStart = start;
      }
      runTraditional = traditional;
    }
    return runTraditional === undefined ? s : out + (runTraditional ? full : plain)(s.slice(runStart));
  };
}

/**
 * The converter for a target, OpenCC's conversion without protected terms. Its
 * dictionaries are read as the text needs them.
 */
export function converterFor(target: Target): Converter {
  let c = cache.get(target);
  if (!c) {
    c = build(target);
    cache.set(target, c);
  }
  return c;
}

const plainCache = new Map<Target, Converter>();

/**
 * OpenCC's chain for a target exactly as OpenCC's config has it, on every
 * sentence alike. For comparisons with OpenCC; `convert` is what users get.
 */
export function openccConverter(target: Target): Converter {
  if (!isSimplifiedTarget(target)) return converterFor(target);
  let c = plainCache.get(target);
  if (!c) {
    c = chainConverter(CHAINS[target]);
    plainCache.set(target, c);
  }
  return c;
}

/** Whether a target's converter has been made (for "loading…" messages). */
export function isLoaded(target: Target): boolean {
  return cache.has(target);
}

// ---------------------------------------------------------------------------
// Script evidence: characters only one script uses
// ---------------------------------------------------------------------------

/** 1: traditional only, 2: simplified only (BMP); `astral` for the rest. */
let scriptOf: Uint8Array | undefined;
let astralScript: Map<number, number> | undefined;

function scripts(): Uint8Array {
  if (scriptOf) return scriptOf;
  const t = new Uint8Array(0x10000);
  const astral = new Map<number, number>();
  for (const [chars, mark] of [
    [TRADITIONAL_ONLY, 1],
    [SIMPLIFIED_ONLY, 2],
  ] as const) {
    for (const ch of chars) {
      const cp = ch.codePointAt(0)!;
      if (cp > 0xffff) astral.set(cp, mark);
      else t[cp] = mark;
    }
  }
  astralScript = astral;
  scriptOf = t;
  return t;
}

/** 1 for a traditional-only character at `i`, 2 for a simplified-only one, 0 otherwise. */
function scriptAt(s: string, i: number): number {
  const t = scripts();
  const u = s.charCodeAt(i);
  if (u < 0xd800 || u > 0xdbff) return t[u];
  const cp = s.codePointAt(i)!;
  return cp > 0xffff ? astralScript!.get(cp) ?? 0 : 0;
}

function hasTraditional(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (s.charCodeAt(i) >= 0x3400 && scriptAt(s, i) === 1) return true;
  return false;
}

/** Characters after which a sentence ends; no OpenCC key contains one (test/unit/convert-engine.test.ts). */
const SENTENCE_END = /[。！？；!?;\n]/g;

/** [start, end) of each sentence, the end after its punctuation. */
function sentences(s: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(s); m; m = SENTENCE_END.exec(s)) {
    out.push([start, m.index + 1]);
    start = m.index + 1;
  }
  if (start < s.length) out.push([start, s.length]);
  return out;
}

/** How much of a text is in each script: characters only one script uses. */
export interface ScriptCount {
  /** Characters that exist only in traditional writing (they change under t2s). */
  traditional: number;
  /** Characters that exist only in simplified writing (they change under s2t). */
  simplified: number;
}

export function countScripts(text: string): ScriptCount {
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x3400) continue;
    const k = scriptAt(text, i);
    if (k === 1) traditional++;
    else if (k === 2) simplified++;
    if (text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff) i++;
  }
  return { traditional, simplified };
}

/**
 * Whether the text already looks written in the target's script, so that
 * converting it is probably a mistake worth asking about. Decided by evidence,
 * the characters only one script uses: there must be some of the target's
 * script, and those of the other script must be strays (a few, and a small
 * minority: a quoted name, scraping noise). A text without such characters
 * (empty, no Chinese, or words both scripts write alike) says nothing either way,
 * so it is not "already converted"; nor is a short mixed text.
 */
export function alreadyInTarget(text: string, target: Target): boolean {
  const { traditional, simplified } = countScripts(text);
  const [other, same] = isSimplifiedTarget(target) ? [traditional, simplified] : [simplified, traditional];
  if (same === 0) return false;
  return other <= Math.max(same * 0.05, Math.min(3, same / 4));
}

// ---------------------------------------------------------------------------
// Conversion with protected terms and project names
// ---------------------------------------------------------------------------

export interface ConvertOptions {
  /** Terms left exactly as they are (proper names OpenCC would damage: 乾河分洪). */
  protect?: readonly string[];
  /** The user's phrase pairs, which win over OpenCC's: source → replacement. */
  customPhrases?: Readonly<Record<string, string>>;
  /**
   * Converting to simplified, leave project names that are already simplified
   * (no traditional-only character) as they are written: OpenCC would turn
   * 乾河分洪工程 into 干河分洪工程. Names come from the project extractor
   * (`findProjects`, else the one `setProjectFinder` set). Default true; the
   * traditional targets are not affected (there a name's simplified characters
   * must change like any other).
   */
  protectProjects?: boolean;
  /** How to find project names, instead of the finder `setProjectFinder` set. */
  findProjects?: ProjectFinder;
}

/** Longest-first matching of the user's terms. */
function termTrie(protect: readonly string[], customPhrases: Readonly<Record<string, string>>): Trie | undefined {
  const entries: [string, string][] = [];
  for (const [from, to] of Object.entries(customPhrases)) if (from) entries.push([from, to]);
  for (const p of protect) if (p) entries.push([p, p]);
  if (entries.length === 0) return undefined;
  const t = new Trie();
  // Protected terms are added last so that they win over a phrase pair with the same source.
  for (const [from, to] of entries) t.addWord(from, to);
  return t;
}

function convertWithTerms(text: string, c: Converter, terms: Trie | undefined): string {
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

/** Characters no project name contains: where the runs `mayChangeName` looks at end. */
const NAME_BREAK = /[\s，。、；：！？,.;:!?…「」『』“”‘’《》〈〉【】"']/;
const CLOSING_QUOTE = /[」』”’》〉】"']/;

let headWords: Set<string> | undefined;
let headLengths: number[] = [];

/**
 * Whether converting `text` to `out` (simplified) may have changed a project name
 * that is already simplified, which only the extractor can tell. Such a name
 * lies in a run of characters with no traditional-only character and no
 * punctuation, and it ends with a head word (工程, 中心, 港, 路…, the extractor's
 * lexicon) or a closing quote, or is an item of an `A、B等` list (the extractor's
 * candidates). So: whether a character that is not traditional-only changed in
 * a run of three or more characters that has a head word ending after it or is
 * quoted, or in a list item. Cheap, so that the extractor (and jieba) runs
 * only on the rare texts where it matters (實施乾河分洪工程), not on every conversion.
 */
/** Whether the clause around `i` (between commas, full stops, colons, quotes) has `what`. */
function clauseHas(x: string, i: number, what: string): boolean {
  const end = /[。；;！!？?\n，,：:“”「」『』《》]/;
  let a = i;
  while (a > 0 && !end.test(x[a - 1])) a--;
  let b = i;
  while (b < x.length && !end.test(x[b])) b++;
  return x.slice(a, b).includes(what);
}

function mayChangeName(text: string, out: string): boolean {
  if (text === out) return false;
  const a = text.split('\n');
  const b = out.split('\n');
  if (a.length !== b.length) return true;
  if (!headWords) {
    headWords = new Set([...HEADS, ...OPEN_HEADS]);
    headLengths = [...new Set([...headWords].map((h) => h.length))].sort((x, y) => y - x);
  }
  const heads = headWords;
  const inRun = (x: string, i: number) => !NAME_BREAK.test(x[i]) && scriptAt(x, i) !== 1;
  /** Whether x[s, e) has a head word ending after `i`, or is quoted. */
  const nameLike = (x: string, s: number, e: number, i: number) => {
    if (e < x.length && CLOSING_QUOTE.test(x[e])) return true;
    // A head word just before a traditional-only character other than the 項 of 項目 is
    // inside a longer word (新城|區), so it ends no name.
    const last = e < x.length && x[e] !== '項' && scriptAt(x, e) === 1 ? e - 1 : e;
    for (let end = i + 1; end <= last; end++) {
      for (const n of headLengths) if (end - n >= s && heads.has(x.slice(end - n, end))) return true;
    }
    return false;
  };
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    let from = 0;
    let to = x.length;
    const same = x.length === y.length;
    if (!same) {
      // Lengths differ (a phrase of another length): everything between the common prefix and suffix.
      while (from < x.length && from < y.length && x[from] === y[from]) from++;
      while (to > from && y.length - (x.length - to) > from && x[to - 1] === y[y.length - (x.length - to) - 1]) to--;
    }
    let checkedTo = -1;
    for (let i = from; i < to; i++) {
      if ((same && x.charCodeAt(i) === y.charCodeAt(i)) || i < checkedTo || !inRun(x, i)) continue;
      let s = i;
      let e = i + 1;
      while (s > 0 && inRun(x, s - 1)) s--;
      while (e < x.length && inRun(x, e)) e++;
      // An item of an `A、B、C等…` list is a candidate with no head word, too, when the
      // run reaches the item's end (a 、, the clause's end, or the 等 after the last).
      const item =
        (e === x.length || NAME_BREAK.test(x[e]) || x.slice(i, e).includes('等')) && clauseHas(x, i, '、') && clauseHas(x, i, '等');
      if ((e - s >= 3 && nameLike(x, s, e, i)) || (e - s >= 2 && item)) return true;
      // Later changes of this run have fewer head words after them: none qualifies.
      checkedTo = e;
    }
  }
  return false;
}

/** Finds the project names of a text: their text as written. */
export type ProjectFinder = (text: string) => readonly { text: string }[];

let projectFinder: ProjectFinder | undefined;

/**
 * Sets how `convert` finds project names (`protectProjects`): the extractor,
 * `(text) => extractDocument(text, { types: ['project'] }).entities`. It is
 * handed in by the command line and the extension rather than imported here, so
 * that converting does not load the extractor (pinyin-pro's dictionary, the
 * project model, jieba) until a text needs it, which is rarely: see
 * `mayChangeName`. Without a finder, names are not looked for.
 */
export function setProjectFinder(finder: ProjectFinder | undefined): void {
  projectFinder = finder;
}

/**
 * The project names of a text that are already simplified: no traditional-only
 * character, not counting a 項目 after the name (實施乾河分洪工程項目 keeps its 乾).
 */
function simplifiedProjectNames(text: string, find: ProjectFinder): string[] {
  const names = new Set<string>();
  for (const e of find(text)) {
    const name = e.text.replace(/[項项]目$/, '');
    if (name && !hasTraditional(name, 0, name.length)) names.add(name);
  }
  return [...names];
}

/**
 * Converts `text` to `target`. Characters outside Chinese are never changed;
 * line breaks stay where they are. To simplified, project names already written
 * in simplified are kept (`protectProjects`), and with `simplified-phrases` the
 * Taiwan vocabulary is applied only to sentences with traditional-only
 * characters.
 */
export function convert(text: string, target: Target, opts: ConvertOptions = {}): string {
  const c = converterFor(target);
  const protect = opts.protect ?? [];
  const phrases = opts.customPhrases ?? {};
  const out = convertWithTerms(text, c, termTrie(protect, phrases));
  const find = opts.findProjects ?? projectFinder;
  if (opts.protectProjects === false || !find || !isSimplifiedTarget(target) || !mayChangeName(text, out)) return out;
  const names = simplifiedProjectNames(text, find);
  if (names.length === 0) return out;
  return convertWithTerms(text, c, termTrie([...protect, ...names], phrases));
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
