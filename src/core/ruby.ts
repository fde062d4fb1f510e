/**
 * Ruby-pinyin artifacts: scraped pages sometimes keep a character's reading in
 * parentheses after it (`業(yè)`). pinyin-pro confirms that the parenthesised letters
 * are a reading of that character before the artifact is masked, so real
 * parentheses such as `(明水)` or an English abbreviation are never touched.
 */
import { polyphonic } from 'pinyin-pro';

const cache = new Map<string, Set<string>>();

function readings(ch: string): Set<string> {
  let r = cache.get(ch);
  if (!r) {
    r = new Set<string>();
    const found = polyphonic(ch, { type: 'array' }) as unknown as string[][];
    for (const list of found) for (const p of list) r.add(p.normalize('NFC'));
    cache.set(ch, r);
  }
  return r;
}

/** True when `reading` (toned pinyin, e.g. `yè`) is one of the readings of `ch`. */
export function isRubyReading(ch: string, reading: string): boolean {
  const want = reading.normalize('NFC').replace(/v/g, 'ü');
  return readings(ch.normalize('NFC')).has(want);
}
