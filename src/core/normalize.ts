/**
 * Input normalisation with an offset map back to the original text.
 *
 * The recognizers work on a "working text": traditional characters folded to
 * simplified, full-width digits and letters made ASCII, CJK compatibility
 * ideographs made canonical, and ruby-pinyin artifacts (`業(yè)`) removed. Every
 * working code unit remembers the original span it came from, so a match in the
 * working text maps back to exact UTF-16 offsets in the original.
 */
import { foldChar } from './fold';
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

/** Maps one code point of the original to its working form. */
function normalizeChar(ch: string, cp: number, prevCp: number): string {
  // Full-width ASCII digits and letters, and the full-width percent sign.
  if ((cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a) || cp === 0xff05) {
    return String.fromCharCode(cp - 0xfee0);
  }
  // A full-width full stop between digits is a decimal point (１２０．５亿).
  if (cp === 0xff0e && ((prevCp >= 0x30 && prevCp <= 0x39) || (prevCp >= 0xff10 && prevCp <= 0xff19))) return '.';
  if (cp === 0xffe5) return '¥';
  if (cp === 0x3000 || cp === 0xa0) return ' ';
  // CJK compatibility ideographs have canonical decompositions to unified ones.
  if ((cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f)) ch = ch.normalize('NFC');
  const folded = foldChar(ch);
  // Keep the working text no longer than the original (a few folds go to Extension B).
  return folded.length > ch.length ? ch : folded;
}

export function normalize(original: string): Normalized {
  const n = original.length;
  let text = '';
  const starts = new Int32Array(n + 1);
  const ends = new Int32Array(n + 1);
  let w = 0;
  let prevCp = -1;
  let prevChar = '';
  let i = 0;
  while (i < n) {
    if (prevCp >= 0 && isHan(prevCp)) {
      const len = rubyArtifactAt(original, i, prevChar);
      if (len > 0) {
        // The artifact belongs to the character it annotates.
        const owner = w - prevChar.length;
        const lastOwnerEnd = ends[w - 1] + len;
        for (let k = owner; k < w; k++) ends[k] = lastOwnerEnd;
        i += len;
        continue;
      }
    }
    const cp = original.codePointAt(i)!;
    const size = cp > 0xffff && original.charCodeAt(i) >= 0xd800 && original.charCodeAt(i) <= 0xdbff ? 2 : 1;
    const ch = original.slice(i, i + size);
    const out = normalizeChar(ch, cp, prevCp);
    text += out;
    for (let k = 0; k < out.length; k++) {
      starts[w + k] = i;
      ends[w + k] = i + size;
    }
    w += out.length;
    prevCp = cp;
    prevChar = ch;
    i += size;
  }
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
