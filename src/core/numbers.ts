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

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, Ｏ: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 参: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9, 幺: 1,
  // A full-width Ｏ is folded to a Latin O by normalisation; in 二Ｏ二Ｏ it is a zero.
  O: 0,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, bigint> = { 万: 10_000n, 亿: 100_000_000n };

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

/**
 * Digits and units of amounts, capital numerals (大写: 壹贰叁…拾佰仟; traditional
 * 參 folds to 参) included; 兆 is 10^12 (its use in Taiwan and Hong Kong money).
 */
const DIG: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 参: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};
const SMALL: Record<string, bigint> = { 十: 10n, 百: 100n, 千: 1000n, 拾: 10n, 佰: 100n, 仟: 1000n };

/** The digit a single Arabic or Chinese (capital included) numeral character stands for. */
export function digitValue(ch: string): number | undefined {
  if (ch >= '0' && ch <= '9' && ch.length === 1) return ch.charCodeAt(0) - 48;
  return DIG[ch];
}

/** a + b, exactly. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  const m = a.mantissa * 10n ** BigInt(scale - a.scale) + b.mantissa * 10n ** BigInt(scale - b.scale);
  return trim({ mantissa: m, scale });
}

/** a × 10^exp (exp ≥ 0), exactly: English multipliers (million = 10^6). */
export function shiftDecimal(a: Decimal, exp: number): Decimal {
  const drop = Math.min(exp, a.scale);
  return trim({ mantissa: a.mantissa * 10n ** BigInt(exp - drop), scale: a.scale - drop });
}

function trim(d: Decimal): Decimal {
  let { mantissa, scale } = d;
  while (scale > 0 && mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale--;
  }
  return { mantissa, scale };
}
const S = 20; // internal decimal scale
const F = 10n ** BigInt(S);

function scaled(numText: string): bigint {
  const [i, f = ''] = numText.split('.');
  return BigInt(i) * F + BigInt((f + '0'.repeat(S)).slice(0, S));
}

/**
 * Value of an amount core: Arabic (`548.5亿`, `6,240`), Chinese (`五十亿`,
 * `一点五亿`), mixes (`1.5万亿`, `3千万`, `2万5千`), bare magnitudes (`亿`, `百亿`).
 * Undefined when approximate (`几`, `数`, `多`, `余`) or malformed.
 */
export function amountValue(core: string): Decimal | undefined {
  const s = core.replace(/[,\s]/g, '').replace(/个(?=[万亿])/g, '');
  if (/[几数多余]/.test(s) || s === '') return undefined;
  let top = 0n; // the part counted in 兆
  let total = 0n;
  let section = 0n;
  let small = 0n;
  let digit: bigint | undefined;
  let arabic = false; // last digit came from Arabic text
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    const m = /^\d+(?:\.\d+)?/.exec(s.slice(i, i + 40));
    if (m) {
      if (digit !== undefined) return undefined;
      digit = scaled(m[0]);
      arabic = true;
      i += m[0].length;
      continue;
    }
    if (ch in DIG) {
      if (digit !== undefined && arabic) return undefined;
      digit = (digit ?? 0n) * 10n + BigInt(DIG[ch]) * F;
      arabic = false;
      i++;
      continue;
    }
    if (ch === '点') {
      // Chinese decimal point: 一点五 = 1.5
      let j = i + 1;
      let frac = '';
      while (j < s.length && s[j] in DIG) frac += String(DIG[s[j++]]);
      if (!frac || digit === undefined || frac.length > S) return undefined;
      digit += BigInt((frac + '0'.repeat(S)).slice(0, S));
      i = j;
      continue;
    }
    const su = SMALL[ch];
    if (su !== undefined) {
      small += (digit ?? F) * su;
      digit = undefined;
      i++;
      continue;
    }
    if (ch === '万') {
      const part = small + (digit ?? 0n);
      section = (section + (part === 0n && section === 0n ? F : part)) * 10_000n;
      small = 0n;
      digit = undefined;
      i++;
      continue;
    }
    if (ch === '兆') {
      let base = total + section + small + (digit ?? 0n);
      if (base === 0n && top === 0n) base = F;
      top = (top + base) * 1_000_000_000_000n;
      total = 0n;
      section = 0n;
      small = 0n;
      digit = undefined;
      i++;
      continue;
    }
    if (ch === '亿') {
      let base = total + section + small + (digit ?? 0n);
      if (base === 0n) base = F;
      total = base * 100_000_000n;
      section = 0n;
      small = 0n;
      digit = undefined;
      i++;
      continue;
    }
    return undefined;
  }
  return trim({ mantissa: top + total + section + small + (digit ?? 0n), scale: S });
}
