/**
 * Chinese and Arabic numerals → exact decimals. Amounts are kept as a BigInt
 * mantissa and a decimal scale, so 548.5亿 is exactly 54 850 000 000 (binary
 * floating point would give 54849999999.99999). The npm numeral libraries get
 * these wrong (`两千` → 0, `1.5亿` → 0: see shared notes), hence our own code.
 */

/** value = mantissa / 10^scale */
export interface Decimal {
  mantissa: bigint;
  scale: number;
}

export const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, Ｏ: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9, 幺: 1,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, bigint> = { 万: 10_000n, 亿: 100_000_000n };

/** Chinese numeral characters (digits and units) as a regex character class body. */
export const CN_NUM_CHARS = '零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟';

export function decimal(text: string): Decimal | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.replace(/[,，]/g, ''));
  if (!m) return undefined;
  const frac = m[2] ?? '';
  return { mantissa: BigInt(m[1] + frac), scale: frac.length };
}

export function mulInt(d: Decimal, k: bigint): Decimal {
  return simplify({ mantissa: d.mantissa * k, scale: d.scale });
}

function simplify(d: Decimal): Decimal {
  let { mantissa, scale } = d;
  while (scale > 0 && mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale--;
  }
  return { mantissa, scale };
}

/** The exact decimal as a plain string ("54850000000", "0.6235"). */
export function toDecimalString(d: Decimal): string {
  const neg = d.mantissa < 0n;
  let s = (neg ? -d.mantissa : d.mantissa).toString();
  if (d.scale > 0) {
    s = s.padStart(d.scale + 1, '0');
    s = `${s.slice(0, s.length - d.scale)}.${s.slice(s.length - d.scale)}`;
  }
  return (neg ? '-' : '') + s;
}

export function toNumber(d: Decimal): number {
  return Number(toDecimalString(d));
}

/**
 * A Chinese-numeral integer: `五十` 50, `一百二十三` 123, `两万三千` 23000,
 * `三千五百万` 35000000, `十四` 14, and digit-by-digit `二〇二六` 2026.
 * Returns undefined for text that is not such a numeral.
 */
export function chineseInt(text: string): bigint | undefined {
  if (!text) return undefined;
  let hasUnit = false;
  for (const ch of text) if (ch in SMALL_UNITS || ch in BIG_UNITS) hasUnit = true;
  if (!hasUnit) {
    // Digit by digit: years (二〇二六) and codes.
    let v = 0n;
    for (const ch of text) {
      const d = DIGITS[ch];
      if (d === undefined) return undefined;
      v = v * 10n + BigInt(d);
    }
    return v;
  }
  let total = 0n; // completed parts above 亿
  let section = 0n; // completed part below the current big unit
  let small = 0n; // within 万: sum of digit×unit
  let digit: bigint | undefined;
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      digit = BigInt(d);
      continue;
    }
    const su = SMALL_UNITS[ch];
    if (su !== undefined) {
      small += (digit ?? 1n) * BigInt(su);
      digit = undefined;
      continue;
    }
    const bu = BIG_UNITS[ch];
    if (bu !== undefined) {
      const part = small + (digit ?? 0n);
      if (bu === 100_000_000n) {
        total = (total + section + part) * bu;
        section = 0n;
      } else {
        section = (section + (part === 0n ? 1n : part)) * bu;
      }
      small = 0n;
      digit = undefined;
      continue;
    }
    return undefined;
  }
  return total + section + small + (digit ?? 0n);
}

/** The multiplier of a magnitude suffix: 万, 亿, 万亿, 千万, 百万, 十万, 千, 百. */
export function magnitude(text: string): bigint | undefined {
  if (text === '') return 1n;
  let m = 1n;
  for (const ch of text) {
    const su = SMALL_UNITS[ch];
    const bu = BIG_UNITS[ch];
    if (su !== undefined) m *= BigInt(su);
    else if (bu !== undefined) m *= bu;
    else return undefined;
  }
  return m;
}

/**
 * A number as written in an amount: Arabic (`548.5`, `8,845`), Chinese
 * (`五十`, `一百二十`), a mix (`3千`), each with an optional magnitude tail
 * (`548.5亿`, `2610万`, `1.5万亿`). Returns the exact value.
 */
export function parseAmount(text: string): Decimal | undefined {
  const m = /^([\d,，]*\d(?:\.\d+)?)([十百千万亿拾佰仟]*)$/.exec(text);
  if (m) {
    const d = decimal(m[1]);
    const mag = magnitude(m[2]);
    if (!d || mag === undefined) return undefined;
    return mulInt(d, mag);
  }
  // Chinese numeral, possibly with a decimal point (点) before digits.
  const p = /^([零〇○一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]+)点([零〇○一二三四五六七八九]+)([万亿]*)$/.exec(text);
  if (p) {
    const int = chineseInt(p[1]);
    const frac = chineseInt(p[2]);
    const mag = magnitude(p[3]);
    if (int === undefined || frac === undefined || mag === undefined) return undefined;
    const fracDigits = p[2].length;
    return mulInt({ mantissa: int * 10n ** BigInt(fracDigits) + frac, scale: fracDigits }, mag);
  }
  // A bare magnitude (`百亿`, `亿`) counts as one of it.
  const v = chineseInt(text);
  if (v !== undefined) return { mantissa: v === 0n && /^[十百千万亿]+$/.test(text) ? (magnitude(text) ?? 0n) : v, scale: 0 };
  if (/^[十百千万亿]+$/.test(text)) {
    const mag = magnitude(text);
    return mag === undefined ? undefined : { mantissa: mag, scale: 0 };
  }
  return undefined;
}
