/**
 * Character-level traditional → simplified folding for matching, from OpenCC's
 * TSCharacters dictionary (opencc-js). Phrase dictionaries are not needed here:
 * the recognizers match characters, and a one-to-one character fold keeps offsets.
 */
import TSCharacters from 'opencc-js/dict/TSCharacters';

let table: Map<string, string> | undefined;

function load(): Map<string, string> {
  const m = new Map<string, string>();
  for (const entry of (TSCharacters as string).split('|')) {
    const parts = entry.split(' ');
    const [from, to] = parts;
    if (from && to && [...from].length === 1 && [...to].length === 1) m.set(from, to);
  }
  return m;
}

/** The simplified form of one character (itself when it has none). */
export function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x3400) return ch;
  table ??= load();
  return table.get(ch) ?? ch;
}

/** Folds a whole string character by character (same number of code points). */
export function foldText(s: string): string {
  let out = '';
  for (const ch of s) out += foldChar(ch);
  return out;
}
