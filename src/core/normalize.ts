/**
 * Input normalisation with an offset map back to the original text.
 *
 * The recognizers work on a "working text": traditional characters folded to
 * simplified, full-width digits and letters made ASCII, CJK compatibility
 * ideographs made canonical, and ruby-pinyin artifacts (`業(yè)`) removed. Every
 * working code unit remembers the original span it came from, so a match in the
 * working text maps back to exact UTF-16 offsets in the original.
 *
 * Whitespace that only spaces out one expression is dropped too: a space between
 * a digit or Latin letter and a Han character (Taiwan's `56 億 7,502 萬元`,
 * `民國 87 年`), a space after a thousands comma (`7, 050`), and the line breaks
 * of a hard-wrapped text (a PDF export whose lines all break at one width) where
 * a line ends without closing its sentence. A span across dropped whitespace maps
 * back to the original with the whitespace inside it.
 */
import { foldCode } from './fold';
import { isRubyReading } from './ruby';

export interface Normalized {
  original: string;
  /** The working text the recognizers read. */
  text: string;
  /** For each working code unit: the original offset where its source begins. */
  starts: Int32Array;
  /** For each working code unit: the original offset where its source ends (exclusive). */
  ends: Int32Array;
}

const RUBY_LETTERS = /^[a-zü\u00e0-\u00fc\u0101-\u01dc\u0144\u0148\u01f9\u1e3f]{1,7}$/;
const isHan = (cp: number) =>
  (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);

/**
 * If a ruby-pinyin artifact `(pinyin)` starts at `i` and is a reading of the
 * character before it, returns its length; otherwise 0.
 */
function rubyArtifactAt(s: string, i: number, prevChar: string): number {
  const open = s.charCodeAt(i);
  if (open !== 0x28 && open !== 0xff08) return 0;
  const limit = Math.min(s.length, i + 10);
  for (let j = i + 1; j < limit; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x29 || c === 0xff09) {
      const inner = s.slice(i + 1, j);
      if (!RUBY_LETTERS.test(inner)) return 0;
      return isRubyReading(prevChar, inner) ? j + 1 - i : 0;
    }
  }
  return 0;
}

/**
 * The working form of one UTF-16 code unit, or -1 to keep it. `prev` is the
 * previous original code unit.
 */
function mapUnit(c: number, prev: number): number {
  if (c < 0x3000) return c === 0xa0 ? 0x20 : c;
  if (c === 0x3000) return 0x20;
  if (c >= 0xff00 && c <= 0xffef) {
    // Full-width ASCII digits and letters, and the full-width percent sign.
    if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) || c === 0xff05) return c - 0xfee0;
    // A full-width full stop between digits is a decimal point (１２０．５亿).
    if (c === 0xff0e && ((prev >= 0x30 && prev <= 0x39) || (prev >= 0xff10 && prev <= 0xff19))) return 0x2e;
    if (c === 0xffe5) return 0xa5;
    return c;
  }
  if (c >= 0xd800 && c <= 0xdfff) return c;
  // CJK compatibility ideographs have canonical decompositions to unified ones.
  if (c >= 0xf900 && c <= 0xfaff) {
    const n = String.fromCharCode(c).normalize('NFC');
    if (n.length === 1) c = n.charCodeAt(0);
  }
  return foldCode(c);
}

const isAsciiAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
const isDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
const isHanUnit = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdbff);
const isInlineSpace = (c: number) => c === 0x20 || c === 0xa0 || c === 0x09;
/** Characters that close a sentence or a heading: a hard-wrapped line ending in one is a real break. */
const LINE_CLOSERS = new Set([...'。！？；：!?;:」』）)”】》'].map((c) => c.charCodeAt(0)));

/** Display width of a line (CJK counts two): what a hard wrap measures. */
function displayWidth(s: string, from: number, to: number): number {
  let w = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    w += c < 0x1100 ? 1 : 2;
  }
  return w;
}

/**
 * The width a hard-wrapped text breaks its lines at, or 0 when the text is not
 * hard-wrapped: at least eight lines, most long lines within a narrow band of one
 * width (the 90th percentile), and that width short (a PDF or terminal export).
 */
function wrapWidth(s: string, lines: Array<[number, number]>): number {
  const widths: number[] = [];
  for (const [a, b] of lines) if (b > a) widths.push(displayWidth(s, a, b));
  if (widths.length < 8) return 0;
  const sorted = [...widths].sort((x, y) => x - y);
  const w = sorted[Math.floor(sorted.length * 0.9)];
  if (w < 30 || w > 160) return 0;
  const near = widths.filter((x) => x >= w * 0.85 && x <= w * 1.1).length;
  return near >= widths.length * 0.35 ? w : 0;
}

/** Whether the number (or code) at `i` is followed by a Han character, as a unit or word after it. */
function numberThenHan(s: string, i: number): boolean {
  let j = i;
  while (j < s.length && (isAsciiAlnum(s.charCodeAt(j)) || s.charCodeAt(j) === 0x2c || s.charCodeAt(j) === 0x2e)) j++;
  while (j < s.length && (isInlineSpace(s.charCodeAt(j)) || s.charCodeAt(j) === 0x0a || s.charCodeAt(j) === 0x0d)) j++;
  return j < s.length && isHanUnit(s.charCodeAt(j));
}

/** Marks the original code units that the working text leaves out as mere spacing. */
function spacingToDrop(s: string, forcedWrap?: number): Uint8Array | null {
  const n = s.length;
  let drop: Uint8Array | null = null;
  const mark = (a: number, b: number) => {
    drop ??= new Uint8Array(n);
    drop.fill(1, a, b);
  };
  // Inline spaces inside a number-and-unit expression.
  for (let i = 0; i < n; i++) {
    if (!isInlineSpace(s.charCodeAt(i))) continue;
    let j = i;
    while (j < n && isInlineSpace(s.charCodeAt(j))) j++;
    if (i > 0 && j < n && j - i <= 3) {
      const l = s.charCodeAt(i - 1), r = s.charCodeAt(j);
      if ((isAsciiAlnum(l) && isHanUnit(r)) || (isHanUnit(l) && isAsciiAlnum(r) && numberThenHan(s, j)) || ((l === 0x2c || l === 0xff0c) && isDigit(r) && i > 1 && isDigit(s.charCodeAt(i - 2)))) mark(i, j);
    }
    i = j - 1;
  }
  // Line breaks of a hard-wrapped text.
  if (s.indexOf('\n') >= 0) {
    const lines = lineExtents(s);
    const w = forcedWrap ?? wrapWidth(s, lines);
    if (w > 0) {
      for (let k = 0; k + 1 < lines.length; k++) {
        const [a1, b1] = lines[k];
        const [a2, b2] = lines[k + 1];
        if (b1 <= a1 || b2 <= a2) continue;
        if (LINE_CLOSERS.has(s.charCodeAt(b1 - 1))) continue;
        if (displayWidth(s, a1, b1) < w * 0.85) continue;
        // The next line continues the sentence only if it starts at the margin.
        if (a2 !== (s.lastIndexOf('\n', a2 - 1) + 1)) continue;
        mark(b1, a2);
      }
    }
  }
  return drop;
}

export interface NormalizeOptions {
  /**
   * The hard-wrap width to use instead of measuring this text's lines (0: not
   * hard-wrapped). A part of a document is normalised with its document's width.
   */
  wrapWidth?: number;
}

/** The width `normalize` takes a text to be hard-wrapped at, or 0. */
export function measureWrapWidth(s: string): number {
  return s.indexOf('\n') >= 0 ? wrapWidth(s, lineExtents(s)) : 0;
}

/** Each line's extent without its indentation, trailing spaces and line break. */
function lineExtents(s: string): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  let a = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || s.charCodeAt(i) === 0x0a) {
      let b = i;
      while (b > a && (s.charCodeAt(b - 1) === 0x0d || isInlineSpace(s.charCodeAt(b - 1)) || s.charCodeAt(b - 1) === 0x3000)) b--;
      let a2 = a;
      while (a2 < b && (isInlineSpace(s.charCodeAt(a2)) || s.charCodeAt(a2) === 0x3000)) a2++;
      lines.push([a2, b]);
      a = i + 1;
    }
  }
  return lines;
}

export function normalize(original: string, opts: NormalizeOptions = {}): Normalized {
  const n = original.length;
  const drop = spacingToDrop(original, opts.wrapWidth);
  const out = new Uint16Array(n);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  let w = 0;
  let prev = -1;
  let i = 0;
  while (i < n) {
    if (drop !== null && drop[i] === 1) {
      i++;
      continue;
    }
    const c = original.charCodeAt(i);
    // A ruby artifact `(yè)` after a Han character: confirmed, it is dropped and
    // its extent is given to the character it annotates.
    if ((c === 0x28 || c === 0xff08) && w > 0) {
      const prevCp = original.codePointAt(starts[w - 1])!;
      if (isHan(prevCp)) {
        const prevChar = String.fromCodePoint(prevCp);
        const len = rubyArtifactAt(original, i, prevChar);
        if (len > 0) {
          const ownerStart = starts[w - 1];
          const newEnd = i + len;
          for (let k = w - 1; k >= 0 && starts[k] === ownerStart; k--) ends[k] = newEnd;
          i += len;
          continue;
        }
      }
    }
    // Compatibility ideographs outside the BMP (U+2F800–U+2FA1F) fold to BMP ones.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const cp = original.codePointAt(i)!;
      if (cp >= 0x2f800 && cp <= 0x2fa1f) {
        const nf = String.fromCodePoint(cp).normalize('NFC');
        if (nf.length === 1) {
          out[w] = foldCode(nf.charCodeAt(0));
          starts[w] = i;
          ends[w] = i + 2;
          w++;
          prev = c;
          i += 2;
          continue;
        }
      }
    }
    out[w] = mapUnit(c, prev);
    starts[w] = i;
    ends[w] = i + 1;
    // A surrogate pair maps as one unit: both halves span the whole character.
    if (c >= 0xdc00 && c <= 0xdfff && w > 0 && starts[w - 1] === i - 1) {
      const lead = original.charCodeAt(i - 1);
      if (lead >= 0xd800 && lead <= 0xdbff) {
        ends[w - 1] = i + 1;
        starts[w] = i - 1;
      }
    }
    w++;
    prev = c;
    i++;
  }
  let text = '';
  const CHUNK = 8192;
  for (let k = 0; k < w; k += CHUNK) text += String.fromCharCode.apply(null, out.subarray(k, Math.min(w, k + CHUNK)) as unknown as number[]);
  return { original, text, starts: starts.subarray(0, w), ends: ends.subarray(0, w) };
}

/** Maps a working-text span to original UTF-16 offsets. */
export function toOriginal(norm: Normalized, start: number, end: number): [number, number] {
  const len = norm.text.length;
  if (len === 0) return [0, 0];
  const s = start >= len ? norm.original.length : norm.starts[start];
  const e = end <= start ? s : norm.ends[Math.min(end, len) - 1];
  return [s, e];
}
