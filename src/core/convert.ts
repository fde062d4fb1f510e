/**
 * Traditional ↔ simplified conversion with OpenCC's dictionaries (opencc-js's
 * data, our own matcher).
 *
 * OpenCC converts by longest match: the text is cut into segments by a phrase
 * table, then each dictionary group of the chain rewrites each segment, taking at
 * every position the longest key any dictionary of the group has (the first
 * dictionary wins a key several have). opencc-js builds a trie of nested Maps per
 * group from the whole dictionary before converting anything: for the
 * traditional targets (STPhrases has 49 000 entries) that alone took longer than
 * converting a megabyte. Here nothing is built ahead (see `Dict`): the big
 * simplified → traditional phrase table comes with its index (openccST.ts,
 * generated), the small tables are indexed in one pass; a group looks up a
 * character once (`Group.lookUp`), and one loop over the text (`convertGroup`)
 * handles most characters by a table lookup, calling the matcher only where a key
 * longer than one character may start. Segmentation is done in the same pass
 * where the chain allows. The output is OpenCC's, byte for byte
 * (test/unit/convert-engine.test.ts compares with opencc-js on the seeds and the
 * corpus; convert.test.ts with Debian's opencc).
 *
 * To simplified, sentences without traditional-only characters are converted
 * gently (no Taiwan vocabulary, no character-table mapping of characters
 * simplified writing uses too; `build`), and project names already written in
 * simplified are kept (`convert`). Protected terms and the user's own phrase
 * pairs are applied around OpenCC: the text is cut at their occurrences, the
 * pieces between are converted, and the terms themselves are kept or replaced
 * as the user said.
 */
import { Trie } from 'opencc-js/core';
import CJKCompat from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import HKVariants from 'opencc-js/dict/HKVariants';
import HKVariantsPhrases from 'opencc-js/dict/HKVariantsPhrases';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import STCharacters from 'opencc-js/dict/STCharacters';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWPhrases from 'opencc-js/dict/TWPhrases';
import TWPhrasesRev from 'opencc-js/dict/TWPhrasesRev';
import TWVariants from 'opencc-js/dict/TWVariants';
import TWVariantsPhrases from 'opencc-js/dict/TWVariantsPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import { HEADS, OPEN_HEADS } from './projectLexicon';
import { ST_PHRASES } from './openccST';
import { NOT_SIMPLIFIED_ONLY, NOT_TRADITIONAL_ONLY } from './scriptChars';

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
 * One OpenCC dictionary, as opencc-js ships it: `key value|key value|…` (a value
 * may be followed by alternatives, which OpenCC does not use), sorted by key
 * (test/unit/convert-engine.test.ts checks). Nothing is copied. On first use, where
 * each entry, its key and its value end (from `index` for the big table,
 * openccST.ts, else one indexOf each), and where the entries of each first code
 * point are. The entries of a code point are read when a text first has it: its
 * one-character key, and its longer keys in runs by second code point, so that a
 * match is a lookup by the first code point, a binary search for the second, and
 * a comparison with the few keys of that pair.
 */
class Dict {
  /** Where each entry starts (and a sentinel: the text's length + 1), where its key ends (the space) and its value. */
  private entryStart!: Int32Array;
  private keyEnd!: Int32Array;
  private valueEnd!: Int32Array;
  /** Per BMP code point: 1 + its first entry (0: none), and the end of its entries. */
  private cpFrom!: Int32Array;
  private cpTo!: Int32Array;
  private astralRange!: Map<number, [number, number]>;
  /** Per BMP code point: 1 once its entries are read. */
  private readonly read = new Uint8Array(0x10000);
  /** Per BMP code point: 1 + the entry of its one-character key (of duplicates the last, as in opencc-js's trie); 0: none. */
  private readonly single = new Int32Array(0x10000);
  /** Per BMP code point: 1 + where its runs of longer keys start in the run arrays (0: none), and how many there are. */
  private readonly runStart = new Int32Array(0x10000);
  private readonly runCount = new Int32Array(0x10000);
  /** Per run of keys with the same first two code points: the second code point and the entries [from, to). */
  private runSecond = new Int32Array(1 << 12);
  private runFrom = new Int32Array(1 << 12);
  private runTo = new Int32Array(1 << 12);
  private runs = 0;
  /** Code points outside the BMP: [single entry + 1, run start + 1, run count]. */
  private readonly astral = new Map<number, [number, number, number]>();

  /**
   * `index` and `runs`: the lengths of each entry's key and value, and the runs of
   * entries by first and second code point (openccST.ts, for the big table); else
   * they are read from the text.
   */
  constructor(
    readonly text: string,
    private readonly index?: string,
    private readonly runsIndex?: string,
  ) {}

  private indexed = false;
  /** Whether every code point's entries are read (from `runsIndex`). */
  private allRead = false;

  private build(): void {
    const t = this.text;
    const n = t.length;
    const index = this.index;
    let count: number;
    let entryStart: Int32Array;
    let keyEnd: Int32Array;
    let valueEnd: Int32Array;
    if (index !== undefined) {
      count = index.length >> 1;
      entryStart = new Int32Array(count + 1);
      keyEnd = new Int32Array(count);
      valueEnd = new Int32Array(count);
      for (let e = 0, p = 0; e < count; e++) {
        entryStart[e] = p;
        p += index.charCodeAt(2 * e) - 32;
        keyEnd[e] = p;
        p += index.charCodeAt(2 * e + 1) - 31;
        valueEnd[e] = p;
        p++;
      }
    } else {
      count = n > 0 ? 1 : 0;
      for (let p = t.indexOf('|'); p >= 0; p = t.indexOf('|', p + 1)) count++;
      entryStart = new Int32Array(count + 1);
      keyEnd = new Int32Array(count);
      valueEnd = new Int32Array(count);
      for (let p = t.indexOf('|'), e = 1; p >= 0; p = t.indexOf('|', p + 1)) entryStart[e++] = p + 1;
      for (let e = 0; e < count; e++) {
        const bar = (e + 1 < count ? entryStart[e + 1] : n + 1) - 1;
        let key = t.indexOf(' ', entryStart[e]);
        if (key < 0 || key > bar) key = bar;
        let value = key < bar ? t.indexOf(' ', key + 1) : bar;
        if (value < 0 || value > bar) value = bar;
        keyEnd[e] = key;
        valueEnd[e] = value;
      }
    }
    entryStart[count] = n + 1;
    this.entryStart = entryStart;
    this.keyEnd = keyEnd;
    this.valueEnd = valueEnd;
    this.indexed = true;
    // With the runs given, where each code point's entries are is not needed.
    if (this.runsIndex !== undefined) return;
    const cpFrom = new Int32Array(0x10000);
    const cpTo = new Int32Array(0x10000);
    const astralRange = new Map<number, [number, number]>();
    let cur = -1;
    let from = 0;
    for (let e = 0; e <= count; e++) {
      const cp = e < count ? t.codePointAt(entryStart[e])! : -2;
      if (cp === cur) continue;
      // The entries of one code point are adjacent: the dictionary is sorted.
      if (cur > 0xffff) astralRange.set(cur, [from, e]);
      else if (cur >= 0) {
        cpFrom[cur] = from + 1;
        cpTo[cur] = e;
      }
      cur = cp;
      from = e;
    }
    this.cpFrom = cpFrom;
    this.cpTo = cpTo;
    this.astralRange = astralRange;
  }

  /** Reads every code point's entries from `runsIndex` (see gen-opencc-st.mjs). */
  private readRuns(r: string): void {
    this.build();
    let e = 0;
    for (let q = 0; q < r.length; ) {
      const cp = r.codePointAt(q)!;
      q += cp > 0xffff ? 2 : 1;
      const singles = r.charCodeAt(q++) - 32;
      const count = r.charCodeAt(q++) - 32;
      e += singles;
      const single = singles > 0 ? e : 0;
      const start = this.runs;
      for (let k = 0; k < count; k++) {
        const c2 = r.codePointAt(q)!;
        q += c2 > 0xffff ? 2 : 1;
        const n = r.charCodeAt(q++) - 32;
        this.addRun(c2, e, e + n);
        e += n;
      }
      const runStart = count > 0 ? start + 1 : 0;
      if (cp > 0xffff) this.astral.set(cp, [single, runStart, count]);
      else {
        this.single[cp] = single;
        this.runStart[cp] = runStart;
        this.runCount[cp] = count;
      }
    }
    this.allRead = true;
  }

  private addRun(second: number, from: number, to: number): void {
    if (this.runs === this.runSecond.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.runSecond = grow(this.runSecond);
      this.runFrom = grow(this.runFrom);
      this.runTo = grow(this.runTo);
    }
    this.runSecond[this.runs] = second;
    this.runFrom[this.runs] = from;
    this.runTo[this.runs] = to;
    this.runs++;
  }

  /** Reads the entries of code point `cp`: returns [single + 1, run start + 1, run count]. */
  private readEntries(cp: number): [number, number, number] {
    if (!this.indexed) this.build();
    let from: number;
    let to: number;
    if (cp <= 0xffff) {
      from = this.cpFrom[cp] - 1;
      to = this.cpTo[cp];
    } else [from, to] = this.astralRange.get(cp) ?? [-1, 0];
    let single = 0;
    const start = this.runs;
    if (from >= 0) {
      const t = this.text;
      const width = cp > 0xffff ? 2 : 1;
      for (let e = from; e < to; e++) {
        const p = this.entryStart[e];
        if (this.keyEnd[e] === p + width) {
          single = e + 1;
          continue;
        }
        const c2 = t.codePointAt(p + width)!;
        const last = this.runs - 1;
        if (last >= start && this.runSecond[last] === c2 && this.runTo[last] === e) this.runTo[last] = e + 1;
        else this.addRun(c2, e, e + 1);
      }
    }
    const count = this.runs - start;
    return [single, count > 0 ? start + 1 : 0, count];
  }

  private prepare(cp: number): void {
    if (this.runsIndex !== undefined) {
      this.readRuns(this.runsIndex);
      this.read.fill(1);
      return;
    }
    const [single, start, count] = this.readEntries(cp);
    this.single[cp] = single;
    this.runStart[cp] = start;
    this.runCount[cp] = count;
    this.read[cp] = 1;
  }

  /** For BMP code point `cp`: 0 no key starts with it, 2 only itself is a key, 3 longer keys too. */
  kind(cp: number): number {
    if (this.read[cp] === 0) {
      if (!this.indexed) this.build();
      // Most code points start no key of a small dictionary: nothing to read.
      if (this.runsIndex === undefined && this.cpFrom[cp] === 0) {
        this.read[cp] = 1;
        return 0;
      }
      this.prepare(cp);
    }
    return this.runStart[cp] > 0 ? 3 : this.single[cp] > 0 ? 2 : 0;
  }

  /** Sets in `bits` the pairs of code units that start longer keys of BMP code point `cp` (after `kind`). */
  pairBits(cp: number, bits: Uint32Array): void {
    for (let r = this.runStart[cp] - 1, end = r + this.runCount[cp]; r >= 0 && r < end; r++) {
      const c2 = this.runSecond[r];
      const h = pairBit(cp, c2 > 0xffff ? 0xd800 + ((c2 - 0x10000) >> 10) : c2);
      bits[h >>> 5] |= 1 << (h & 31);
    }
  }

  /** The value of BMP code point `cp`'s one-character key: sets matchText, matchStart, matchEnd; false when it has none. */
  singleValue(cp: number): boolean {
    if (this.read[cp] === 0) this.prepare(cp);
    const e = this.single[cp] - 1;
    if (e < 0) return false;
    this.value(e);
    return true;
  }

  /** Sets matchText, matchStart, matchEnd to entry `e`'s value. */
  private value(e: number): void {
    matchText = this.text;
    matchStart = this.keyEnd[e] + 1;
    matchEnd = this.valueEnd[e];
  }

  /**
   * The longest key of this dictionary at `i` that ends by `limit`: sets
   * matchLength and the value and returns true, or returns false. `cp` is the
   * code point at i (`width` its length). Without `withSingle`, only keys longer
   * than the code point.
   */
  match(s: string, i: number, limit: number, cp: number, width: number, withSingle: boolean): boolean {
    let single: number;
    let start: number;
    let count: number;
    if (width === 1) {
      if (this.read[cp] === 0) this.prepare(cp);
      single = this.single[cp];
      start = this.runStart[cp];
      count = this.runCount[cp];
    } else {
      if (!this.allRead && this.runsIndex !== undefined) this.prepare(0);
      let a = this.astral.get(cp);
      if (!a) this.astral.set(cp, (a = this.allRead ? [0, 0, 0] : this.readEntries(cp)));
      [single, start, count] = a;
    }
    if (start > 0 && i + width < limit) {
      const c2 = codePointIn(s, i + width, limit);
      // Binary search for the run of the second code point.
      let lo = start - 1;
      let hi = lo + count;
      const seconds = this.runSecond;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (seconds[mid] < c2) lo = mid + 1;
        else hi = mid;
      }
      if (lo < start - 1 + count && seconds[lo] === c2) {
        const t = this.text;
        const es = this.entryStart;
        const ke = this.keyEnd;
        const room = limit - i;
        let best = -1;
        let bestLength = 0;
        for (let e = this.runFrom[lo], end = this.runTo[lo]; e < end; e++) {
          const ks = es[e];
          const kl = ke[e] - ks;
          // The longest wins; of equal keys (duplicates) the later.
          if (kl > room || kl < bestLength) continue;
          let j = width;
          while (j < kl && t.charCodeAt(ks + j) === s.charCodeAt(i + j)) j++;
          if (j === kl) {
            best = e;
            bestLength = kl;
          }
        }
        if (best >= 0) {
          this.value(best);
          matchLength = bestLength;
          return true;
        }
      }
    }
    if (single === 0 || !withSingle) return false;
    this.value(single - 1);
    matchLength = width;
    return true;
  }
}

const PAIR_BITS = 1 << 20;
/** The bit of a pair of code units in a group's `pairBits`. */
function pairBit(a: number, b: number): number {
  const h = Math.imul((a << 16) | b, 0x9e3779b1);
  return (h ^ (h >>> 15)) & (PAIR_BITS - 1);
}

const groups = new Map<string, Group>();
/** The group of these dictionaries, shared by the chains that have it (its tables are filled as texts need them). */
function group(texts: readonly string[]): Group {
  const key = texts.map((t) => `${t.length}:${t.slice(0, 16)}`).join('|');
  let g = groups.get(key);
  if (!g || g.texts.some((t, k) => t !== texts[k])) {
    g = new Group(texts);
    groups.set(key, g);
  }
  return g;
}

const dicts = new Map<string, Dict>();
function dict(text: string): Dict {
  let d = dicts.get(text);
  if (!d) {
    d = text === ST_PHRASES && stIndex ? new Dict(text, stIndex.index, stIndex.runs) : new Dict(text);
    dicts.set(text, d);
  }
  return d;
}

let stIndex: { index: string; runs: string } | undefined;

/**
 * Hands over the index of the big phrase table (ST_PHRASES_INDEX and
 * ST_PHRASES_RUNS of openccST.ts), so that it is not indexed at run time. The
 * command line does (it starts for every file); the extension does not, so its
 * bundle (imported only what it uses) stays without them.
 */
export function useStPhrasesIndex(index: string, runs: string): void {
  stIndex = { index, runs };
}

/** What the last successful match found: its length in the text and where its value is. */
let matchLength = 0;
let matchText = '';
let matchStart = 0;
let matchEnd = 0;
/** Which dictionary of the group the last successful `Group.match` came from. */
let matchDict = 0;

/**
 * A dictionary group: at each position the longest key of any of its
 * dictionaries, the first dictionary winning a key several have (opencc-js's
 * Trie.loadDictGroup).
 */
class Group {
  /**
   * Per code unit: 0 not looked up yet, 1 no key starts with it, 2 only
   * one-character keys do, 3 longer keys too (high surrogates: 3, decided per
   * code point by `match`).
   */
  readonly kind = new Uint8Array(0x10000);
  /** Per BMP code point with a one-character key: 1 + the dictionary whose value wins, and that value. */
  readonly singleDict = new Uint8Array(0x10000);
  readonly singleStart = new Int32Array(0x10000);
  readonly singleEnd = new Int32Array(0x10000);
  /** Per BMP code point whose one-character key's value is one code unit: that code unit (else 0). */
  readonly singleUnit = new Uint16Array(0x10000);
  /**
   * Bits set for the (hashed) pairs of code units that start keys longer than one
   * character, of the code units looked up so far: most pairs of a text start none.
   */
  readonly pairBits = new Uint32Array(PAIR_BITS >>> 5);
  readonly dicts: Dict[];

  constructor(readonly texts: readonly string[]) {
    this.dicts = texts.filter((t) => t.length > 0).map(dict);
  }

  /** Fills `kind[u]` and the winning one-character key of `u`. */
  lookUp(u: number): number {
    let k = 1;
    if (u >= 0xd800 && u <= 0xdbff) k = 3;
    else {
      for (let d = 0; d < this.dicts.length; d++) {
        const dk = this.dicts[d].kind(u);
        if (dk === 3) {
          k = 3;
          this.dicts[d].pairBits(u, this.pairBits);
        } else if (dk === 2 && k === 1) k = 2;
        // Of equal keys the earlier dictionary's wins.
        if (this.singleDict[u] === 0 && this.dicts[d].singleValue(u)) {
          this.singleDict[u] = d + 1;
          this.singleStart[u] = matchStart;
          this.singleEnd[u] = matchEnd;
          if (matchEnd - matchStart === 1) this.singleUnit[u] = matchText.charCodeAt(matchStart);
        }
      }
    }
    return (this.kind[u] = k);
  }

  /** The longest key at `i` that ends by `limit`. Sets matchLength, matchDict and the value. */
  match(s: string, i: number, limit: number): boolean {
    const cp = codePointIn(s, i, limit);
    const width = cp > 0xffff ? 2 : 1;
    // BMP: the one-character key is known already (`lookUp`); only longer keys are looked for.
    const withSingle = width === 2 || this.kind[cp] === 0;
    const all = this.dicts;
    let best = 0;
    let text = '';
    let start = 0;
    let end = 0;
    for (let k = 0; k < all.length; k++) {
      // A longer key wins; of equal ones (the same key) the earlier dictionary's.
      if (all[k].match(s, i, limit, cp, width, withSingle) && matchLength > best) {
        best = matchLength;
        text = matchText;
        start = matchStart;
        end = matchEnd;
        matchDict = k;
      }
    }
    if (best === 0 && !withSingle && this.singleDict[cp] !== 0) {
      matchLength = 1;
      matchText = this.dicts[this.singleDict[cp] - 1].text;
      matchStart = this.singleStart[cp];
      matchEnd = this.singleEnd[cp];
      matchDict = this.singleDict[cp] - 1;
      return true;
    }
    if (best === 0) return false;
    matchLength = best;
    matchText = text;
    matchStart = start;
    matchEnd = end;
    return true;
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
  const kind = g.kind;
  const pairBits = g.pairBits;
  let pending = false;
  for (let i = 0; i < n; ) {
    const u = s.charCodeAt(i);
    let k = kind[u];
    if (k === 0) k = g.lookUp(u);
    let candidate = k !== 1;
    if (k === 3 && u < 0xd800 && i + 1 < n && g.singleDict[u] === 0) {
      // No one-character key, and the bits say no longer key starts with this pair: nothing matches.
      let h = Math.imul((u << 16) | s.charCodeAt(i + 1), 0x9e3779b1);
      h = (h ^ (h >>> 15)) & (PAIR_BITS - 1);
      candidate = (pairBits[h >>> 5] & (1 << (h & 31))) !== 0;
    }
    if (candidate && g.match(s, i, n)) {
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

let utf16: { decode(input: Uint16Array): string } | undefined;

/**
 * The buffer as a string: with Node's Buffer (a copy of the code units), else
 * TextDecoder for well-formed text (it turns lone surrogates into U+FFFD; the
 * input was well-formed, and the dictionaries are), else String.fromCharCode.
 */
function bufferText(wellFormed: boolean): string {
  const B = (globalThis as { Buffer?: { from(a: ArrayBuffer, offset: number, length: number): { toString(enc: string): string } } }).Buffer;
  if (B) return B.from(buffer.buffer, 0, length * 2).toString('utf16le');
  if (wellFormed) {
    utf16 ??= new TextDecoder('utf-16le', { ignoreBOM: true }); // keep a leading U+FEFF
    return utf16.decode(buffer.subarray(0, length));
  }
  const parts: string[] = [];
  for (let i = 0; i < length; i += 8192) {
    parts.push(String.fromCharCode.apply(null, buffer.subarray(i, Math.min(length, i + 8192)) as unknown as number[]));
  }
  return parts.join('');
}

function isWellFormed(s: string): boolean {
  const f = (s as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  return f ? f.call(s) : !/[\uD800-\uDFFF]/.test(s);
}

/**
 * Converts `s` with one group, every segment on its own (no key crosses a segment
 * end). Returns the text and where the segments end in it.
 *
 * With `segmentBy` and no `ends`, the segments are those of the group's first
 * `segmentBy` dictionaries (OpenCC's segmentation), found in the same pass: that
 * is the same when those dictionaries are the group's first ones and the others
 * have one-character keys only (then a segmentation key wins wherever one
 * matches, and where none does the others match within the run of unmatched
 * text all the same).
 *
 * One loop over the text writes every code unit of the result into the buffer,
 * and calls out only where a key longer than one character may start (a sixth
 * of the characters of Chinese text, for STPhrases): the rest is a lookup by the
 * code unit.
 */
function convertGroup(
  s: string,
  g: Group,
  ends: number[] | undefined,
  wellFormed: boolean,
  segmentBy = 0,
): { text: string; ends: number[] | undefined; simple: boolean } {
  const n = s.length;
  const kind = g.kind;
  const pairBits = g.pairBits;
  const singleDict = g.singleDict;
  const singleUnit = g.singleUnit;
  const segmenting = segmentBy > 0 && !ends;
  const outEnds: number[] | undefined = ends || segmenting ? [] : undefined;
  let e = 0;
  let limit = ends ? ends[0] : n;
  let changed = false;
  /** Segmenting: whether unmatched text is pending since the last segment end. */
  let pending = false;
  // Room for the text as it is; a longer value makes more.
  if (buffer.length < n + 64) buffer = new Uint16Array(n + (n >> 2) + 64);
  let out = buffer;
  /** Until the first change nothing is written (`len` follows `i`); then the text so far is copied. */
  let len = 0;
  /**
   * Whether every match was of one character by one of the same length (爲 for 為;
   * one-code-unit keys of kind 2 always are): then no match crossed a segment end,
   * and offsets are kept.
   */
  let simple = true;
  for (let i = 0; i < n; ) {
    if (i >= limit) {
      outEnds!.push(len);
      limit = ++e < ends!.length ? ends![e] : n;
      continue;
    }
    const u = s.charCodeAt(i);
    let k = kind[u];
    if (k === 0) k = g.lookUp(u);
    if (k === 1 && !changed) {
      // Nothing changed yet and no key starts here: just step over it.
      pending = true;
      const m = u >= 0x2ff0 && u <= 0x2fff ? unmatchedLength(s, i, limit) : 1;
      if (m > 1) simple = false;
      i += m;
      len += m;
      continue;
    }
    if (!changed) {
      changed = true;
      for (let j = 0; j < i; j++) out[j] = s.charCodeAt(j);
    }
    if (k === 1 || (k === 2 && singleUnit[u] !== 0)) {
      if (k === 2) {
        // The character alone, one code unit for one (the commonest case).
        out[len++] = singleUnit[u];
        i++;
        if (segmenting && singleDict[u] - 1 < segmentBy) {
          if (pending) outEnds!.push(len - 1);
          outEnds!.push(len);
          pending = false;
        } else pending = true;
        continue;
      }
      // No key starts here.
      pending = true;
      if (u >= 0x2ff0 && u <= 0x2fff) {
        // An ideographic description sequence, skipped whole (it might cross a segment end).
        const m = unmatchedLength(s, i, limit);
        if (m > 1) simple = false;
        for (let j = 0; j < m; j++) out[len++] = s.charCodeAt(i + j);
        i += m;
      } else {
        out[len++] = u;
        i++;
      }
      continue;
    }
    let longer = k === 3 && i + 1 < limit;
    if (longer && u < 0xd800) {
      // Most pairs of code units start no longer key (the bits say so for sure): then only the character alone can match.
      let h = Math.imul((u << 16) | s.charCodeAt(i + 1), 0x9e3779b1);
      h = (h ^ (h >>> 15)) & (PAIR_BITS - 1);
      longer = (pairBits[h >>> 5] & (1 << (h & 31))) !== 0;
    }
    let found: boolean;
    if (longer || (k === 3 && u >= 0xd800 && u <= 0xdbff)) found = g.match(s, i, limit);
    else if (singleDict[u] !== 0) {
      found = true;
      matchLength = 1;
      matchText = g.dicts[singleDict[u] - 1].text;
      matchStart = g.singleStart[u];
      matchEnd = g.singleEnd[u];
      matchDict = singleDict[u] - 1;
    } else found = false;
    if (found) {
      if (matchEnd - matchStart !== matchLength || (matchLength > 1 && !(matchLength === 2 && u >= 0xd800 && u <= 0xdbff))) simple = false;
      const segment = segmenting && matchDict < segmentBy;
      if (segment && pending) outEnds!.push(len);
      const valueLength = matchEnd - matchStart;
      if (len + valueLength + (n - i - matchLength) + 64 > out.length) {
        const grown = new Uint16Array((len + valueLength + (n - i)) * 2 + 64);
        grown.set(out.subarray(0, len));
        out = buffer = grown;
      }
      const t = matchText;
      for (let j = matchStart; j < matchEnd; j++) out[len++] = t.charCodeAt(j);
      i += matchLength;
      if (segment) outEnds!.push(len);
      pending = !segment;
    } else {
      pending = true;
      const m = (u >= 0x2ff0 && u <= 0x2fff) || (u >= 0xd800 && u <= 0xdbff) ? unmatchedLength(s, i, limit) : 1;
      if (m > 1 && u < 0xd800) simple = false;
      for (let j = 0; j < m; j++) out[len++] = s.charCodeAt(i + j);
      i += m;
    }
  }
  length = len;
  const outLength = changed ? len : n;
  if (outEnds) {
    if (segmenting) {
      if (pending || outEnds.length === 0) outEnds.push(outLength);
    } else while (outEnds.length < ends!.length) outEnds.push(outLength);
  }
  return { text: changed ? bufferText(wellFormed) : s, ends: outEnds, simple };
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
  traditional: { groups: [[ST_PHRASES, STCharacters]] },
  taiwan: {
    segmentation: [ST_PHRASES],
    groups: [[ST_PHRASES, STCharacters], [TWVariantsPhrases, TWVariants]],
  },
  'taiwan-phrases': {
    segmentation: [ST_PHRASES],
    groups: [[ST_PHRASES, STCharacters], [TWPhrases, TWVariantsPhrases, TWVariants]],
  },
  hongkong: {
    segmentation: [ST_PHRASES],
    groups: [[ST_PHRASES, STCharacters], [HKVariantsPhrases, HKVariants]],
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

/** CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F), which OpenCC normalises first. */
const COMPAT = /[\uF900-\uFAFF]|\uD87E[\uDC00-\uDE1F]/;

/**
 * A converter for a chain. Where OpenCC's segmentation dictionaries are the
 * first ones of a group and the rest of it has one-character keys only (the
 * groups with STPhrases, TSPhrases), the segmentation is done in that group's
 * pass (`convertGroup`), when the groups before it change nothing.
 */
function chainConverter(spec: ChainSpec): Converter {
  const seg = spec.segmentation && group(spec.segmentation);
  const groups = spec.groups.map(group);
  compat ??= group([CJKCompat]);
  const norm = compat;
  const fused = seg ? groups.findIndex((g) => seg.texts.every((t, k) => g.texts[k] === t) && g.texts.slice(seg.texts.length).every(singleCharacters)) : -1;
  return (s) => {
    const wellFormed = isWellFormed(s);
    let text = COMPAT.test(s) ? convertGroup(s, norm, undefined, wellFormed).text : s;
    let ends: number[] | undefined;
    let k = 0;
    if (fused >= 0) {
      // The groups before the fused one, across segment ends: if they change nothing, nothing changes
      // within segments either, and the segmentation is fused into the next group's pass; if they only
      // replace characters by characters of the same length (爲 for 為), no match crossed a segment end,
      // the result is theirs, and the segmentation of the text before them still holds.
      let current = text;
      let simple = true;
      for (let g = 0; g < fused && simple; g++) {
        const r = convertGroup(current, groups[g], undefined, wellFormed);
        simple = r.simple;
        current = r.text;
      }
      if (!simple) ends = segmentEnds(text, seg!);
      else if (current === text) {
        ({ text, ends } = convertGroup(text, groups[fused], undefined, wellFormed, seg!.texts.length));
        k = fused + 1;
      } else {
        ends = segmentEnds(text, seg!);
        text = current;
        k = fused;
      }
    } else if (seg) ends = segmentEnds(text, seg);
    for (; k < groups.length; k++) ({ text, ends } = convertGroup(text, groups[k], ends, wellFormed));
    return text;
  };
}

const singleCache = new Map<string, boolean>();
/** Whether every key of a dictionary is one code point. */
function singleCharacters(text: string): boolean {
  let r = singleCache.get(text);
  if (r === undefined) {
    r = text.split('|').every((e) => {
      const sp = e.indexOf(' ');
      return sp === 1 || (sp === 2 && (e.codePointAt(0) ?? 0) > 0xffff);
    });
    singleCache.set(text, r);
  }
  return r;
}

const cache = new Map<Target, Converter>();

/**
 * A target's converter. To simplified, sentences are told apart by evidence:
 * those with traditional-only characters get OpenCC's chain, the others
 * (simplified already) the gentle one (GENTLE), a run of sentences at a time. A
 * sentence both chains convert alike (no character where they differ: one the
 * character table maps that simplified writing uses too, 乾 於 徵…, or with
 * simplified-phrases one a Taiwan word starts with) joins the run it is in, so
 * that a text is cut into few runs (each a pass of every group).
 */
function build(target: Target): Converter {
  const full = chainConverter(CHAINS[target]);
  if (target !== 'simplified' && target !== 'simplified-phrases') return full;
  let gentle: Converter | undefined;
  let differs: Uint8Array | undefined;
  return (s) => {
    gentle ??= chainConverter(GENTLE[target]());
    differs ??= gentleDiffers(target);
    const plain = gentle;
    const table = scripts();
    const ends = sentenceEnds();
    let out = '';
    let runStart = 0;
    /** The current run: 0 none yet, 1 traditional, 2 gentle. */
    let run = 0;
    let sentenceStart = 0;
    let traditional = false;
    let sensitive = false;
    for (let i = 0; i <= s.length; i++) {
      const u = i < s.length ? s.charCodeAt(i) : 0x0a;
      if (ends[u] === 0) {
        if (u >= 0x3400) {
          if (!traditional && (u >= 0xd800 && u <= 0xdbff ? scriptAt(s, i) : table[u]) === 1) traditional = true;
          if (differs[u] === 1 || (u >= 0xd800 && u <= 0xdbff)) sensitive = true;
        }
        continue;
      }
      // The sentence ends after i: traditional, gentle, or either (it joins the run).
      const kind = traditional ? 1 : sensitive ? 2 : 0;
      if (kind !== 0) {
        if (run !== 0 && kind !== run) {
          out += (run === 1 ? full : plain)(s.slice(runStart, sentenceStart));
          runStart = sentenceStart;
        }
        run = kind;
      }
      sentenceStart = i + 1;
      traditional = false;
      sensitive = false;
    }
    if (run === 0) return full(s);
    return out + (run === 1 ? full : plain)(s.slice(runStart));
  };
}

/**
 * Code units where the gentle chain may convert differently from OpenCC's: the
 * characters TSCharacters maps that simplified writing uses too, and with
 * simplified-phrases the first characters of TWPhrasesRev's Taiwan words.
 */
function gentleDiffers(target: Target): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const ch of NOT_TRADITIONAL_ONLY) if (ch.length === 1) t[ch.charCodeAt(0)] = 1;
  if (target === 'simplified-phrases') {
    for (let p = 0; p < TWPhrasesRev.length; p = TWPhrasesRev.indexOf('|', p) + 1 || TWPhrasesRev.length) t[TWPhrasesRev.charCodeAt(p)] = 1;
  }
  return t;
}

let sentenceEndTable: Uint8Array | undefined;
/** 1 for the characters after which a sentence ends: line break, 。！？；!?; (no OpenCC key or value has one: test/unit/convert-engine.test.ts). */
function sentenceEnds(): Uint8Array {
  if (sentenceEndTable) return sentenceEndTable;
  const t = new Uint8Array(0x10000);
  for (const u of [0x0a, 0x3002, 0xff01, 0xff1f, 0xff1b, 0x21, 0x3f, 0x3b]) t[u] = 1;
  return (sentenceEndTable = t);
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
  // The keys of the character tables, except the characters the other script writes too.
  for (const [table, except, mark] of [
    [TSCharacters, NOT_TRADITIONAL_ONLY, 1],
    [STCharacters, NOT_SIMPLIFIED_ONLY, 2],
  ] as const) {
    const not = new Set(except);
    for (let p = 0; p < table.length; ) {
      const sp = table.indexOf(' ', p);
      const key = table.slice(p, sp);
      const cp = key.codePointAt(0)!;
      if (key.length === (cp > 0xffff ? 2 : 1) && !not.has(key)) {
        if (cp > 0xffff) astral.set(cp, mark);
        else t[cp] = mark;
      }
      const bar = table.indexOf('|', sp);
      p = bar < 0 ? table.length : bar + 1;
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

/** How much of a text is in each script: characters only one script uses. */
export interface ScriptCount {
  /** Characters that exist only in traditional writing (they change under t2s). */
  traditional: number;
  /** Characters that exist only in simplified writing (they change under s2t). */
  simplified: number;
}

export function countScripts(text: string): ScriptCount {
  const table = scripts();
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x3400) continue;
    let k = table[u];
    if (u >= 0xd800 && u <= 0xdbff) {
      k = scriptAt(text, i);
      i++;
    }
    if (k === 1) traditional++;
    else if (k === 2) simplified++;
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

let nameBreaks: Uint8Array | undefined;
/** Whether a code unit is one no project name contains (\s and punctuation): where the runs `mayChangeName` looks at end. */
export function isNameBreak(u: number): boolean {
  if (!nameBreaks) {
    nameBreaks = new Uint8Array(0x10000);
    // \s and the punctuation of NAME_BREAK (test/unit/convert.test.ts checks they agree).
    const chars = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff' + '，。、；：！？,.;:!?…「」『』“”‘’《》〈〉【】"\'';
    for (let k = 0; k < chars.length; k++) nameBreaks[chars.charCodeAt(k)] = 1;
  }
  return nameBreaks[u] === 1;
}
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
  if (!headWords) {
    headWords = new Set([...HEADS, ...OPEN_HEADS]);
    headLengths = [...new Set([...headWords].map((h) => h.length))].sort((x, y) => y - x);
  }
  const heads = headWords;
  const table = scripts();
  isNameBreak(0);
  const breaks = nameBreaks!;
  const inRun = (x: string, i: number) => {
    const u = x.charCodeAt(i);
    return breaks[u] === 0 && (u >= 0xd800 && u <= 0xdbff ? scriptAt(x, i) : table[u]) !== 1;
  };
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
  // Line by line: conversion keeps line breaks where they are.
  for (let pa = 0, pb = 0; pa <= text.length; ) {
    let ea = text.indexOf('\n', pa);
    let eb = out.indexOf('\n', pb);
    if (ea < 0 !== eb < 0) return true;
    if (ea < 0) {
      ea = text.length;
      eb = out.length;
    }
    const x = text.slice(pa, ea);
    const y = out.slice(pb, eb);
    pa = ea + 1;
    pb = eb + 1;
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
      const u = x.charCodeAt(i);
      // Unchanged, traditional-only (a name with one is no name already simplified), or punctuation.
      if ((same && u === y.charCodeAt(i)) || i < checkedTo || table[u] === 1 || breaks[u] === 1 || !inRun(x, i)) continue;
      let s = i;
      let e = i + 1;
      while (s > 0 && inRun(x, s - 1)) s--;
      while (e < x.length && inRun(x, e)) e++;
      // An item of an `A、B、C等…` list is a candidate with no head word, too, when the
      // run reaches the item's end (a 、, the clause's end, or the 等 after the last).
      const item =
        (e === x.length || isNameBreak(x.charCodeAt(e)) || x.slice(i, e).includes('等')) && clauseHas(x, i, '、') && clauseHas(x, i, '等');
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
  // The extractor reads only the lines where a name may have changed (conversion keeps
  // line breaks, so lines correspond): on a long traditional text it would otherwise
  // cost more than the whole conversion.
  const inLines = text.split('\n');
  const outLines = out.split('\n');
  const suspect = inLines.length === outLines.length ? inLines.filter((line, k) => line !== outLines[k] && mayChangeName(line, outLines[k])) : inLines;
  const names = simplifiedProjectNames(suspect.join('\n'), find);
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
