/**
 * Character-level traditional → simplified folding for matching, from OpenCC's
 * TSCharacters dictionary (opencc-js). Phrase dictionaries are not needed here:
 * the recognizers match characters, and a one-to-one character fold keeps offsets.
 */
import TSCharacters from 'opencc-js/dict/TSCharacters';

/** BMP code unit → BMP code unit (only folds that keep the UTF-16 length). */
let table: Uint16Array | undefined;

function load(): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (const entry of (TSCharacters as string).split('|')) {
    const sp = entry.indexOf(' ');
    if (sp !== 1) continue; // a BMP source is one code unit
    const to = entry.charCodeAt(sp + 1);
    const next = entry.charCodeAt(sp + 2);
    // Take the first target, and only when it is one BMP character.
    if (to >= 0xd800 && to <= 0xdfff) continue;
    if (!Number.isNaN(next) && next !== 0x20) continue;
    t[entry.charCodeAt(0)] = to;
  }
  return t;
}

/** The simplified form of a BMP code unit (itself when it has none). */
export function foldCode(code: number): number {
  if (code < 0x3400) return code;
  table ??= load();
  return table[code] || code;
}

/** The simplified form of one character (itself when it has none). */
export function foldChar(ch: string): string {
  if (ch.length !== 1) return ch;
  return String.fromCharCode(foldCode(ch.charCodeAt(0)));
}

/** Folds a whole string character by character (same length in UTF-16). */
export function foldText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(foldCode(s.charCodeAt(i)));
  return out;
}
