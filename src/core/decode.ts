/**
 * Turning file bytes into text: UTF-8 by default, or the legacy encodings Chinese
 * articles still arrive in. Binary and undecodable input is refused with a reason
 * that names the likely encoding where one decodes the bytes into text, and says
 * so when none does.
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

/**
 * The most frequent characters of Chinese news and policy text, simplified and
 * traditional: in real text a good share of the ideographs (a fifth and more),
 * in bytes decoded with the wrong table almost none (every ideograph of the
 * table about as likely, and there are twenty thousand).
 */
const COMMON = new Set([...'的是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其但些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龍們這個來說會對時經發學長東過與為後國於開現實當從動種樣還關點進業機產頭問將還區體當氣見應無麼麼過號'])

/** Whether decoded bytes look like Chinese text: enough of the ideographs are common ones. */
function looksLikeText(s: string): boolean {
  let han = 0;
  let common = 0;
  let odd = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x4e00 && c <= 0x9fff) {
      han++;
      if (COMMON.has(ch)) common++;
    } else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0xe000 && c <= 0xf8ff) || c > 0xffff || (c < 0x20 && c !== 9 && c !== 10 && c !== 13)) odd++;
  }
  const n = [...s].length;
  if (odd > n * 0.05) return false;
  // Too few ideographs to tell (a title, a number): whatever decodes may be right.
  if (han < 40) return true;
  return common >= han * 0.08;
}

function plausible(s: string | undefined): boolean {
  return s !== undefined && controlShare(s) === 0 && looksLikeText(s);
}

/**
 * A guess at the legacy encoding of bytes that are not UTF-8: one whose table
 * decodes them into something that looks like Chinese text, or undefined.
 */
export function guessEncoding(bytes: Uint8Array): Encoding | undefined {
  const cands: Encoding[] = ['gb18030', 'big5', 'utf-16le', 'utf-16be'];
  let best: Encoding | undefined;
  let bestScore = -1;
  for (const enc of cands) {
    if (enc.startsWith('utf-16') && bytes.length % 2 !== 0) continue;
    const s = decodes(bytes, enc);
    if (s === undefined || !looksLikeText(s)) continue;
    // Score by how many decoded characters are common CJK ideographs in the basic block.
    let cjk = 0;
    let common = 0;
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      if (c >= 0x4e00 && c <= 0x9fff) cjk++;
      if (COMMON.has(ch)) common++;
    }
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
    if (looksBinary(bytes)) {
      // UTF-16 without a byte-order mark has NUL bytes too (in every ASCII character).
      const u16 = bytes.length % 2 === 0 ? (['utf-16le', 'utf-16be'] as const).find((e) => plausible(decodes(bytes, e))) : undefined;
      if (u16) throw new DecodeError(`not valid ${encoding}; it looks like ${u16} (try --encoding ${u16})`, u16);
      throw new DecodeError('binary file (contains NUL bytes), not text');
    }
  }
  const text = decodes(bytes, encoding);
  if (text === undefined) {
    if (encoding !== 'utf-8') throw new DecodeError(`not valid ${encoding}`);
    const likely = guessEncoding(bytes);
    if (!likely) throw new DecodeError('not valid UTF-8, and not GBK, Big5 or UTF-16 either: is it a text file?');
    throw new DecodeError(`not valid utf-8; it looks like ${likely} (try --encoding ${likely})`, likely);
  }
  if (controlShare(text) > 0.1) throw new DecodeError('binary file (mostly control characters), not text');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
