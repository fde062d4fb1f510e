/**
 * Turning file bytes into text: UTF-8 by default, or the legacy encodings Chinese
 * articles still arrive in. Binary and undecodable input is refused with a reason
 * that names the likely encoding where it can.
 */
export type Encoding = 'utf-8' | 'gbk' | 'gb18030' | 'big5' | 'utf-16le' | 'utf-16be';

export const ENCODINGS: readonly Encoding[] = ['utf-8', 'gbk', 'gb18030', 'big5', 'utf-16le', 'utf-16be'];

export class DecodeError extends Error {
  constructor(message: string, readonly likely?: Encoding) {
    super(message);
  }
}

export function parseEncoding(name: string): Encoding | undefined {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'utf8') return 'utf-8';
  if (n === 'utf16le' || n === 'utf-16') return 'utf-16le';
  if (n === 'utf16be') return 'utf-16be';
  return (ENCODINGS as readonly string[]).includes(n) ? (n as Encoding) : undefined;
}

function decodes(bytes: Uint8Array, enc: Encoding): string | undefined {
  try {
    return new TextDecoder(enc, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Share of C0 control characters other than tab, CR, LF and form feed. */
function controlShare(s: string): number {
  let bad = 0;
  const n = Math.min(s.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return n ? bad / n : 0;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** A guess at the legacy encoding of bytes that are not UTF-8. */
export function guessEncoding(bytes: Uint8Array): Encoding | undefined {
  const cands: Encoding[] = ['gb18030', 'big5'];
  let best: Encoding | undefined;
  let bestScore = -1;
  for (const enc of cands) {
    const s = decodes(bytes, enc);
    if (s === undefined) continue;
    // Score by how many decoded characters are common CJK ideographs in the basic block.
    let cjk = 0;
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      if (c >= 0x4e00 && c <= 0x9fff) cjk++;
    }
    const common = (s.match(/[的是在了和有年月日元项目国中发展建设]/g) ?? []).length;
    const score = common * 10 + cjk;
    if (score > bestScore) {
      bestScore = score;
      best = enc;
    }
  }
  return best === 'gb18030' ? 'gbk' : best;
}

/**
 * Decodes a file's bytes. A leading BOM is dropped. Throws DecodeError for
 * binary data or bytes that are not valid in the encoding.
 */
export function decodeText(bytes: Uint8Array, encoding: Encoding = 'utf-8'): string {
  const utf16 = encoding.startsWith('utf-16');
  if (!utf16) {
    // UTF-16 text has NUL bytes too; its byte-order mark says which it is.
    const bom: Encoding | undefined = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
    if (bom && decodes(bytes, bom) !== undefined) {
      throw new DecodeError(`not valid ${encoding}; it looks like ${bom} (try --encoding ${bom})`, bom);
    }
    if (looksBinary(bytes)) throw new DecodeError('binary file (contains NUL bytes), not text');
  }
  const text = decodes(bytes, encoding);
  if (text === undefined) {
    const likely = encoding === 'utf-8' ? guessEncoding(bytes) : undefined;
    const hint = likely ? `; it looks like ${likely} (try --encoding ${likely})` : '';
    throw new DecodeError(`not valid ${encoding}${hint}`, likely);
  }
  if (controlShare(text) > 0.1) throw new DecodeError('binary file (mostly control characters), not text');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
