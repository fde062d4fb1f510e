/**
 * The TextMate injection grammar for money and dates, built from the recognizers'
 * own pattern sources (patterns.ts), so an editor colours the forms that are money
 * or dates by themselves from its first paint, before the extension's decorations.
 *
 * The core matches the working text (normalize.ts: traditional folded to
 * simplified, full-width digits and letters made ASCII, U+3000 and U+00A0 made
 * spaces); a grammar sees the original. So every pattern is written for the working
 * text, as the core's are, and `expand` widens each character to the class of the
 * original characters that normalise to it (亿 → [亿億], 万 → [万萬], 1 → [1１],
 * `\d` → [0-9０-９]), computed by running normalize() itself over the BMP. Numbers
 * the core reads with `\d{1,2}` and then checks in code (a month 1–12) are written
 * out as the exact digit strings it accepts, from DATE_BOUNDS.
 *
 * The grammar has no context, so it keeps to what is money or a date by itself:
 *   money  an amount with a currency unit (`548.5亿元`, `2610万美元`, `十块三毛`) or
 *          symbol (`HK$3.5億`, `US$3.5 million`, `新臺幣3億元`), ranges of them;
 *   date   a written year with 年 and what follows it (`2024年4月8日`, `民國113年5月`,
 *          `二〇二六年一月二十七日`, `2024年前三季度`, `2018年度`), numeric dates
 *          (`2018-03-16 12:49`), months and days (`4月8日`, `3月份`, `6月底`, `19日`),
 *          quarters, half-years and parts of a year (`第一季度`, `上半年`, `年底`),
 *          relative years and months with the core's guards (`今年7月1日`, `上月`),
 *          plan periods (`十四五`, `第十五个五年`).
 * Left to the decorations: amounts without a unit (`总投资120亿`, the core decides
 * from the clause), Taiwan ROC years without 民國 (`113年5月`: the region decides),
 * compact dates (`20240307`), bare years (`2024`), fiscal years, and anything across
 * a line break or a ruby-pinyin artifact.
 *
 * Every pattern keeps to the common subset of Oniguruma and JavaScript regexes:
 * classes, non-capturing and named groups, lookahead, fixed-length lookbehind; no
 * `\d`, `\s`, `\w`, `\b` or `\h` (their meanings differ between the engines), no
 * possessive quantifiers, no numbered captures.
 */
import { normalize } from './normalize';
import { chineseInt, digitValue } from './numbers';
import {
  AMOUNT_GAP, AMOUNT_START_PARTS, AMOUNT_STEPS, AR, BARE_UNITS, CAPITAL, CLOSING, CN, CN_DIGIT, CN_MONTH,
  CORE_DATE_NUMBERS, DASH, DATE_ANCHOR, DATE_BOUNDS, DATE_CN_NUMERALS, DURATION_AFTER_YEAR, FRACTION, MULTIPLIER_RE,
  NOT_AFTER_DAY, NOT_BEFORE_DAY, NOT_BEFORE_REL_MONTH, NOT_BEFORE_YEAR, NOT_BEFORE_YEAR_PART, NOT_BEFORE_YEARLESS,
  NOT_YUAN_AFTER, POST_WORD_RE, RANGE_SEP, REAL_NUMERALS, REL_BAD_AFTER, REL_BAD_BEFORE, REL_FREE_AFTER,
  REL_TIME_BEFORE, REL_YEAR, REL_YEAR_NEEDS_MONTH, SYMBOLS, SYMBOL_RE, UNITS, UNIT_NEEDS_DIGITS, UNIT_NEEDS_FRACTION,
  WORD_SYMBOL_RE, WORD_SYMBOLS, YEAR_RANGE_NIAN, YUAN, amountCore, dateSources, S as CORE_S, type DateNumbers,
} from './patterns';

export const GRAMMAR_SCOPE = 'policy-lens.injection';
/**
 * Both under `constant.numeric`, which all 17 themes VS Code ships colour. Not
 * `constant.other` for dates: none of the 8 default themes (Dark Modern, Dark+, Light
 * Modern, Light+, Visual Studio Dark/Light, both High Contrast) colours it, so dates
 * would stay plain for most users; nor `string.*`, which all colour too but which makes
 * the editor treat the text as a string (no auto-closing pairs or suggestions in it).
 * The `.money`/`.date` parts let a theme or `editor.tokenColorCustomizations` tell them apart.
 */
export const MONEY_SCOPE = 'constant.numeric.money.policy-lens';
export const DATE_SCOPE = 'constant.numeric.date.policy-lens';
/**
 * Plain text, and Markdown's running text (paragraphs, list items, headings, table
 * cells) but not code, links' targets or math. Injecting at Markdown's root would
 * let a date at the start of a line win over the paragraph rule (`L:` wins ties), so
 * the line would lose its paragraph and its inline markup (bold, links).
 */
export const INJECTION_SELECTOR = [
  'L:text.plain',
  ...['meta.paragraph.markdown', 'markup.heading.markdown', 'markup.table.markdown'].map(
    (s) => `L:text.html.markdown ${s} - (markup.inline.raw, markup.fenced_code, markup.raw, markup.math, markup.underline.link, meta.embedded, comment)`,
  ),
].join(', ');

// ------------------------------------------------------------ character classes

let variantTable: Map<string, string[]> | undefined;

/**
 * The original characters whose working form is `ch` (itself first): 亿 → 亿 億,
 * 1 → 1 １, ' ' → ' ' U+00A0 U+3000, '.' → '.' '．' (a full-width full stop after a
 * digit is a decimal point). Computed with normalize() itself, so the grammar and
 * the core cannot disagree on a fold. Supplementary characters are left out (a
 * JavaScript regex without the u flag cannot hold them in a class).
 */
export function variantsOf(ch: string): string[] {
  if (!variantTable) {
    const t = new Map<string, string[]>();
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const orig = String.fromCharCode(c);
      // After a digit, so a full-width full stop reads as the decimal point it is there.
      const w = normalize(`0${orig}`).text.slice(1);
      if (w.length !== 1 || w === orig) continue;
      let list = t.get(w);
      if (!list) t.set(w, (list = [w]));
      list.push(orig);
    }
    variantTable = t;
  }
  return variantTable.get(ch) ?? [ch];
}

const hex4 = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
/** A character as a regex literal: escaped where special, \uXXXX where invisible. */
function literal(ch: string, inClass: boolean): string {
  const c = ch.charCodeAt(0);
  if (c < 0x20 || c === 0x7f || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200f) || c === 0xfeff) {
    return ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : hex4(c);
  }
  if (inClass) return /[\\\]\[^\-&]/.test(ch) ? `\\${ch}` : ch;
  return /[\\^$.|?*+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
}

/** One working-text character as a pattern of its original forms. */
function atom(ch: string): string {
  const v = variantsOf(ch);
  return v.length === 1 ? literal(ch, false) : `[${v.map((x) => literal(x, true)).join('')}]`;
}

/** Widens a class's ranges: an ASCII digit or letter range gains its full-width range. */
function widenRange(lo: number, hi: number): [number, number][] {
  const out: [number, number][] = [[lo, hi]];
  for (const [a, z] of [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]]) {
    const l = Math.max(lo, a), h = Math.min(hi, z);
    if (l <= h) out.push([l + 0xfee0, h + 0xfee0]);
  }
  return out;
}

/**
 * Rewrites a working-text regex source (as the core writes them) into a pattern of
 * the original text: each literal character becomes the class of its original forms,
 * classes gain those forms, `\d` becomes [0-9０-９]; capturing groups become
 * non-capturing, except those a backreference names (they get a unique name, and the
 * reference `\k<name>`). Throws on anything outside the subset both engines share.
 */
export function expand(src: string): string {
  const refs = new Set<number>();
  {
    let inClass = false;
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      if (c === '\\') {
        if (!inClass && /[1-9]/.test(src[i + 1])) refs.add(Number(src[i + 1]));
        i++;
      } else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
    }
  }
  const name = (g: number) => `${GROUP_PREFIX}${++namedGroups}_${g}`;
  const names = new Map<number, string>();
  let out = '';
  let group = 0;
  let i = 0;
  /** Reads one class member or escape at i; returns its code and the next index. */
  const classChar = (j: number): [number | 'digit', number] => {
    if (src[j] !== '\\') return [src.charCodeAt(j), j + 1];
    const e = src[j + 1];
    if (e === 'd') return ['digit', j + 2];
    if (e === 'u') return [parseInt(src.slice(j + 2, j + 6), 16), j + 6];
    if (e === 't') return [9, j + 2];
    if (e === 'n') return [10, j + 2];
    if (e === 'r') return [13, j + 2];
    if (/[\\^$.|?*+()[\]{}\/\-]/.test(e)) return [e.charCodeAt(0), j + 2];
    throw new Error(`grammar: unsupported escape \\${e} in class of ${src}`);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      const e = src[i + 1];
      if (/[1-9]/.test(e)) {
        const g = Number(e);
        if (!names.has(g)) throw new Error(`grammar: backreference before its group in ${src}`);
        out += `\\k<${names.get(g)}>`;
      } else if (e === 'd') out += `[${literal('0', true)}-9${literal('０', true)}-９]`;
      else if (e === 'u') {
        out += atom(String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)));
        i += 6;
        continue;
      } else if (e === 't' || e === 'n' || e === 'r') out += `\\${e}`;
      else if (/[\\^$.|?*+()[\]{}\/\-]/.test(e)) out += atom(e);
      else throw new Error(`grammar: unsupported escape \\${e} in ${src}`);
      i += 2;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      const negated = src[j] === '^';
      if (negated) j++;
      const singles = new Set<number>();
      const ranges: [number, number][] = [];
      while (src[j] !== ']') {
        if (j >= src.length) throw new Error(`grammar: unclosed class in ${src}`);
        const [lo, next] = classChar(j);
        j = next;
        if (lo === 'digit') {
          ranges.push(...widenRange(0x30, 0x39));
          continue;
        }
        if (src[j] === '-' && src[j + 1] !== ']') {
          const [hi, after] = classChar(j + 1);
          if (hi === 'digit') throw new Error(`grammar: bad range in ${src}`);
          ranges.push(...widenRange(lo, hi));
          j = after;
          continue;
        }
        for (const v of variantsOf(String.fromCharCode(lo))) singles.add(v.charCodeAt(0));
      }
      const parts = [...singles].filter((s) => !ranges.some(([a, z]) => s >= a && s <= z)).map((s) => literal(String.fromCharCode(s), true));
      for (const [a, z] of ranges) parts.push(`${literal(String.fromCharCode(a), true)}-${literal(String.fromCharCode(z), true)}`);
      out += `[${negated ? '^' : ''}${parts.join('')}]`;
      i = j + 1;
      continue;
    }
    if (c === '(') {
      if (src[i + 1] === '?') {
        const m = /^\(\?(?::|=|!|<=|<!)/.exec(src.slice(i));
        if (!m) throw new Error(`grammar: unsupported group in ${src}`);
        out += m[0];
        i += m[0].length;
        continue;
      }
      group++;
      if (refs.has(group)) {
        const n = name(group);
        names.set(group, n);
        out += `(?<${n}>`;
      } else out += '(?:';
      i++;
      continue;
    }
    if (c === '{') {
      const m = /^\{\d+(?:,\d*)?\}/.exec(src.slice(i));
      if (!m) throw new Error(`grammar: bad quantifier in ${src}`);
      if (src[i + m[0].length] === '+') throw new Error(`grammar: possessive quantifier in ${src}`);
      out += m[0];
      i += m[0].length;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      if (src[i + 1] === '+') throw new Error(`grammar: possessive quantifier in ${src}`);
      out += c;
      i++;
      continue;
    }
    if (c === '|' || c === ')' || c === '^' || c === '$' || c === '.') {
      out += c;
      i++;
      continue;
    }
    out += atom(c);
    i++;
  }
  return out;
}

const GROUP_PREFIX = 'pl';
let namedGroups = 0;

/** Glue written for the working text (raw: `\d` is the regex escape), with already expanded pieces interpolated. */
function x(strings: TemplateStringsArray, ...pieces: string[]): string {
  let out = '';
  strings.raw.forEach((s, k) => {
    out += expand(s);
    if (k < pieces.length) out += pieces[k];
  });
  return out;
}

/** A class of working-text characters (from a string of them), expanded; '' when empty. */
const charClass = (chars: string) => (chars ? expand(`[${chars.replace(/[\\\]\[^\-]/g, '\\$&')}]`) : '');
/** A negative lookbehind for one character of `chars`, or nothing when `chars` is empty. */
const notAfter = (chars: string) => (chars ? `(?<!${charClass(chars)})` : '');
/**
 * Not after a character of the (expanded) class `cls`, also across the up to three
 * spaces normalisation drops between a digit and a Han character: the core sees
 * `个 1月` as `个1月`. Four fixed-length lookbehinds (Oniguruma has no variable ones).
 */
const notAfterAcross = (cls: string) =>
  ['', '', '{2}', '{3}'].map((q, k) => `(?<!${cls}${k ? `[ \\t\\u00a0]${q}` : ''})`).join('');

// ------------------------------------------------------------ numbers

/**
 * The exact set of strings of `alphabet` characters, `minLen` to `maxLen` long, that
 * `accept` takes, as a regex (a trie with equal subtrees merged into classes).
 */
export function enumeratedPattern(alphabet: string[], minLen: number, maxLen: number, accept: (s: string) => boolean): string {
  interface Node { end: boolean; kids: Map<string, Node> }
  const root: Node = { end: false, kids: new Map() };
  const walk = (prefix: string, node: Node) => {
    if (prefix.length >= minLen && accept(prefix)) node.end = true;
    if (prefix.length === maxLen) return;
    for (const a of alphabet) {
      const kid: Node = { end: false, kids: new Map() };
      walk(prefix + a, kid);
      if (kid.end || kid.kids.size) node.kids.set(a, kid);
    }
  };
  walk('', root);
  const ser = (node: Node): string => {
    const groups = new Map<string, string[]>();
    for (const [ch, kid] of node.kids) {
      const k = ser(kid);
      const g = groups.get(k);
      if (g) g.push(ch);
      else groups.set(k, [ch]);
    }
    const alts = [...groups].map(([rest, chars]) => classOfChars(chars) + rest);
    if (!alts.length) return '';
    const body = alts.length === 1 && !node.end ? alts[0] : `(?:${alts.join('|')})`;
    return node.end ? `${body.startsWith('(?:') ? body : `(?:${body})`}?` : body;
  };
  const s = ser(root);
  if (root.end) throw new Error('grammar: empty number');
  return s;
}

/** A class of single characters, digit runs written as ranges (working text). */
function classOfChars(chars: string[]): string {
  if (chars.length === 1) return chars[0];
  const digits = chars.every((c) => c >= '0' && c <= '9');
  if (digits) {
    const ns = chars.map(Number).sort((a, b) => a - b);
    let out = '';
    for (let k = 0; k < ns.length; ) {
      let e = k;
      while (e + 1 < ns.length && ns[e + 1] === ns[e] + 1) e++;
      out += e - k >= 2 ? `${ns[k]}-${ns[e]}` : ns.slice(k, e + 1).join('');
      k = e + 1;
    }
    return `[${out}]`;
  }
  return `[${chars.join('')}]`;
}

const DIGITS = '0123456789'.split('');
/** Digit strings `minLen`–`maxLen` long whose value lies in [lo, hi] (leading zeros allowed, as Number() reads them). */
const digitsIn = ([lo, hi]: readonly [number, number], minLen: number, maxLen: number) =>
  enumeratedPattern(DIGITS, minLen, maxLen, (s) => Number(s) >= lo && Number(s) <= hi);
/** Chinese-numeral strings of the core's class `cls` whose value lies in [lo, hi]. */
const cnIn = (cls: string, [lo, hi]: readonly [number, number], minLen: number, maxLen: number) =>
  enumeratedPattern([...cls.replace(/^\[|\]$/g, '')], minLen, maxLen, (s) => {
    const v = chineseInt(s);
    return v !== undefined && v >= BigInt(lo) && v <= BigInt(hi);
  });

/** The numeric parts of the date sources, as exactly the strings the core accepts. */
function grammarNumbers(): DateNumbers {
  const B = DATE_BOUNDS;
  const minguoCn = /^\[(.*)\]\{1,(\d)\}$/.exec(CORE_DATE_NUMBERS.minguoCn)!;
  const planLong = /^\[(.*)\]\{1,(\d)\}$/.exec(CORE_DATE_NUMBERS.planLong)!;
  return {
    year: digitsIn(B.year, 4, 4),
    numYear: digitsIn(B.numYear, 4, 4),
    month: digitsIn(B.month, 1, 2),
    day: digitsIn(B.day, 1, 2),
    numHour: digitsIn(B.numHour, 1, 2),
    hour: digitsIn(B.hour, 1, 2),
    minute2: digitsIn(B.minute, 2, 2),
    minute: digitsIn(B.minute, 1, 2),
    minguo: digitsIn(B.minguo, 1, 3),
    minguoCn: cnIn(`[${minguoCn[1]}]`, B.minguo, 1, Number(minguoCn[2])),
    cnYear: cnIn(CN_DIGIT, B.year, 4, 4),
    // 今(113)年: up to three digits are an ROC year (+1911), four a Gregorian one.
    twRelYear: `${digitsIn([B.twRelYear[0] - 1911, B.twRelYear[1] - 1911], 2, 3)}|${digitsIn(B.twRelYear, 4, 4)}`,
    planLong: cnIn(`[${planLong[1]}]`, B.planLong, 1, Number(planLong[2])),
  };
}

// ------------------------------------------------------------ money

/** Up to three spaces normalisation drops between a digit and a Han character (normalize.ts). */
const DROPPED = '[ \\t\\u00a0]{1,3}';

/** Normalisation drops spaces after a thousands comma (`7, 050`): the grammar allows them. */
function commaGap(expanded: string): string {
  return expanded.split('(?:,').join('(?:,[ \\t\\u00a0]{0,3}');
}

const HAN = '[\\u3400-\\u9fff]';

/** The money pattern: amounts with a currency unit or symbol (see the header). */
export function moneyPattern(): string {
  const named = UNITS.map(([u]) => u).filter((u) => !BARE_UNITS.includes(u));
  const bare = UNITS.map(([u]) => u).filter((u) => BARE_UNITS.includes(u));
  const SP = expand(' ?');
  const fraction = expand(FRACTION);
  const closing = expand(CLOSING);
  // 角/分 part, 整 (only before punctuation or the end, as the core keeps it after an
  // ordinary amount) and a currency word, all only after a bare unit.
  const tail = `(?:(?:${fraction})${closing}?|${closing}(?!${expand(HAN)}))?(?:${expand(POST_WORD_RE)})?`;
  /** A bare unit with the core's conditions; `pure`: after an amount of Chinese numerals only. */
  const bareUnit = (pure: boolean) =>
    bare
      .map((u) => {
        const e = expand(u);
        if (u === UNIT_NEEDS_FRACTION) return `${e}(?=${fraction})`;
        if (u === UNIT_NEEDS_DIGITS) return pure ? `(?<=${charClass(CAPITAL)})${e}` : e;
        if (u === YUAN && pure) {
          // Not before 旦, 素, 一… (一元二次) unless a 万/亿 amount, a 角/分 part or 整 says it is money.
          return `(?:(?<=${charClass('万亿')})${e}|${e}(?=${fraction}|${closing}(?!${expand(HAN)}))|${e}(?!${charClass(NOT_YUAN_AFTER)}))`;
        }
        return e;
      })
      .join('|');
  const unitTail = (pure: boolean) => `(?:${named.map((u) => expand(u)).join('|')}|(?:${bareUnit(pure)})${tail})`;

  // Amounts: the core's steps, plus the spaces normalisation drops between digits
  // and Chinese numerals (`56 億 7,502 萬元`, `6 千4百萬元`). The core reads the value
  // afterwards and drops a malformed amount as a whole; the grammar cannot, so it keeps
  // to well-formed ones: no Arabic number right after a digit (`二3`), no Chinese
  // digit right after an Arabic one (`9二`), and no amount of digits starting inside
  // a Chinese numeral (the core's match would have begun before it).
  const [stepAr, stepCn, ...steps] = AMOUNT_STEPS;
  const [startShu, startAr, startCn] = AMOUNT_START_PARTS;
  if (stepAr !== AR || startAr !== AR || stepCn !== `[${CN}几]` || startCn !== stepCn) {
    throw new Error('grammar: the amount pattern of patterns.ts changed; update moneyPattern');
  }
  const digit = expand('\\d');
  const zeros = [...CN].filter((c) => !REAL_NUMERALS.includes(c)).join('');
  // An amount ends where the core's would: if the core would read on (`3二`), its amount
  // is malformed and dropped, so the grammar's must not end there either.
  // Spaces count only where normalisation drops them: between a digit and a Han character.
  const coreSteps = `(?:${[stepAr, stepCn, ...steps, AMOUNT_GAP].map(expand).join('|')})`;
  const han = expand(HAN);
  const coreStep = `(?!${coreSteps}|(?<=${digit})${DROPPED}(?=${han})${coreSteps}|(?<=${han})${DROPPED}${digit})`;
  // The core's Arabic number is greedy and its amount malformed if more digits follow
  // (`3.5二`): the grammar's must not stop early where the core's does not.
  const ar = `${commaGap(expand(AR))}(?!${digit}|[.．]${digit}|,[ \\t\\u00a0]{0,3}${digit})`;
  // Not the second end of a range the core read from the numeral before the separator
  // (`9-12元`: the core's match begins at 9), nor after 点/个 inside an amount (三点五).
  const numeralOrDigit = expand(`[${CN}几\\d]`);
  const notSecondEnd = `(?<!${numeralOrDigit}${expand('[-－~～—–至到]')})`;
  const notInside = `(?<!${numeralOrDigit}${expand('[点个]')})`;
  /** Amounts whose Chinese numerals are `cn` (all of CN, or without capitals where no unit follows). */
  const amounts = (cn: string) => {
    const digitChars = [...cn].filter((c) => digitValue(c) !== undefined).join('');
    const magnitudes = charClass([...cn].filter((c) => digitValue(c) === undefined).join('') + '几');
    const allSteps = [
      `(?<!${charClass(digitChars)})${ar}`,
      `${magnitudes}|(?<!${digit})${charClass(digitChars)}`,
      ...steps.map(expand),
      expand(AMOUNT_GAP),
      `(?<=${magnitudes})${DROPPED}(?=${digit})`,
      `(?<=${digit})${DROPPED}(?=${magnitudes})`,
    ];
    const cnStart = [expand(startShu), charClass(`${cn}几`)];
    return {
      /** Any amount (the second end of a range). */
      any: amountCore(allSteps, [cnStart[0], ar, cnStart[1]]) + coreStep,
      /** One starting with digits: not inside a Chinese numeral (the core's match would have begun before it). */
      digital: amountCore(allSteps, [`${notAfterAcross(charClass(`${CN}几`))}${notSecondEnd}${ar}`]) + coreStep,
      /** One starting with a Chinese numeral, not inside another amount. */
      chinese: `${notAfter(`${CN}几数`)}${notInside}${notAfterAcross(digit)}${notSecondEnd}${amountCore(allSteps, cnStart)}${coreStep}`,
    };
  };
  const all = amounts(CN);
  const noCapital = amounts([...CN].filter((c) => !CAPITAL.includes(c)).join(''));
  // A pure Chinese amount has a numeral that gives it a value (not 零元) before anything else.
  const pure = `(?=${charClass(zeros)}*${charClass(REAL_NUMERALS)})${all.chinese}`;

  const sep = expand(RANGE_SEP);
  const unitAny = expand(UNITS.map(([u]) => u).join('|'));
  const space = expand(' ');
  /** Before a unit or separator: a space, or the spaces normalisation drops after a digit. */
  const SPU = `(?:(?<=${digit})${DROPPED}|${space})?`;
  /** After a separator or currency word: a space, or the spaces dropped before a digit. */
  const SPD = `(?:${DROPPED}(?=${digit})|${space})?`;
  const rangeEnd = (second: string) => `${SPU}(?:${sep})${SPD}${second}`;
  /** One amount, or a range: with a unit on its first end only when no 从/由 makes it a change. */
  const range = (first: string, second: string, single = true) =>
    `(?:${notAfter('从由')}${first}(?:${SPU}(?:${unitAny}))?${rangeEnd(second)}|${first}${single ? `(?:${rangeEnd(second)})?` : rangeEnd(second)})`;
  const multWords = MULTIPLIER_RE.split('|');
  const mult = `(?:${SP}(?:${multWords.filter((w) => w.length > 1).join('|')})|(?:${multWords.filter((w) => w.length === 1).join('|')}))(?![A-Za-z])`;
  const lb = x`(?<!\d)(?<!\d[.,])`;
  const wordSym = expand(WORD_SYMBOL_RE);
  const sym = expand(SYMBOL_RE);
  const digitalSecond = `(?=${digit})${all.any}`;
  // Where an amount can start (a symbol, a currency word, a numeral): a leading
  // lookahead lets Oniguruma skip other positions quickly (7× faster on real text).
  const first = [...new Set([...SYMBOLS, ...WORD_SYMBOLS].map((w) => w[0]))].join('') + `数${CN}几`;
  return (
    `(?=${expand(`[${first.replace(/[\\\]\[^-]/g, '\\$&')}\\d]`)})${lb}(?:` +
    // HK$3.5億, US$3.5 million, $500: a symbol and an amount of digits without capital
    // numerals, a unit only if the core takes it (it drops `S$1块` as a whole).
    `(?:${sym})${SP}${noCapital.digital}(?:${rangeEnd(noCapital.any)})?(?:${mult})?(?:${SPU}${unitTail(false)}|(?!${SPU}(?:${unitAny})))` +
    // 548.5亿元, 新臺幣3億元, HK$3.5億元: an amount of digits with a unit.
    `|(?:(?:${wordSym})${SPD}|(?:${sym})${SP})?(?:` +
    `${range(all.digital, all.any)}${SPU}${unitTail(false)}` +
    // 五至10亿元: a range from Chinese numerals to digits takes a unit as digits do.
    `|${range(all.chinese, digitalSecond, false)}${SPU}${unitTail(false)}` +
    // 五十億元, 十块三毛, 百亿美元: Chinese numerals with a unit.
    `|${range(pure, all.any)}${SPU}${unitTail(true)}` +
    `))`
  );
}

// ------------------------------------------------------------ dates

/** The date pattern (see the header). */
export const datePattern = () => `(?=${expand(`(?:${DATE_ANCHOR})`)})(?:${dateAlternatives().join('|')})`;

/** The date pattern's alternatives, one per family of forms. */
export function dateAlternatives(): string[] {
  const n = grammarNumbers();
  const src = dateSources(n);
  const e = Object.fromEntries(Object.entries(src).map(([k, s]) => [k, expand(s)])) as Record<keyof typeof src, string>;
  // Spaces normalisation drops between a Han character and the digits after it (`3 月 28 日`).
  const drop = `(?:${DROPPED}(?=${expand('\\d')}))?`;
  const time = `(?:${e.dayPart})?(?:${e.clock})?`;
  const mp = e.monthPart;
  const mon = expand(`(${n.month}|${CN_MONTH})${CORE_S}月`);
  const fen = expand('份');
  /** A month with what may follow it: 份, a range of days, a day and time, a part. */
  const monthTail = `${mon}(?:${fen}(?:${mp})?|${drop}${e.dayRange}|${drop}${e.day}${time}|${mp})?`;
  /** The same, only with a day (for a yearless month after a count word: 第3月 is none, 3月5日 is). */
  const monthDay = `${mon}${drop}${e.day}${time}`;
  /** After 年度 only a month or a day of it, not a period (95年度1月). */
  const monthNoPeriod = `${mon}(?:${fen}(?!${mp})|(?!${drop}${e.dayRange})(?:${drop}${e.day}${time}|(?!${mp})))`;
  const S = e.sp;
  const de = `${e.de}(?!${e.monthRange})${monthTail}`;
  const yearTail = `${S}(?:${e.monthRange}|${monthTail}|${e.quarter}(?:${e.periodEnd})?|${e.half}(?:${e.periodEnd})?|${e.season}|${e.yearPartAfterYear})`;
  /** What follows a year: 代 (written years only), 度 with a month, 的 + a month, or a tail. */
  const afterYear = (written: boolean) =>
    `(?:${written ? `${e.decade}|` : ''}${e.du}(?:${S}${monthNoPeriod})?|${de}|${yearTail})?`;
  const strongTail = `(?:${e.du}${S}${monthNoPeriod}|${de}|${S}(?:(?!${e.monthRange})${monthTail}|${e.quarter}(?!${e.periodEnd})|${e.half}(?!${e.periodEnd})))`;

  const digitStart = x`(?<![0-9A-Za-z.])(?<!\d[-/:])(?=\d)`;
  const digit = expand('\\d');
  const cnStart = `${notAfter(DATE_CN_NUMERALS)}${notAfterAcross(digit)}`;
  const B = DATE_BOUNDS;
  const early = digitsIn([B.year[0], B.durationalBelow - 1], 4, 4);
  const year4 = `${notAfterAcross(charClass(NOT_BEFORE_YEAR))}(?!${expand(`${early}${CORE_S}年[${DURATION_AFTER_YEAR}]`)})${e.year4}`;
  const written = `(?:${e.minguo}|${cnStart}${e.yearCn}|${e.twRel})`;

  // Relative years: 今年 alone or with anything after it, unless a word before it makes
  // it part of a compound (以上年度: then only with a month, quarter or half-year);
  // 来年/下年 only with those; 同年/次年 only with a month.
  const rels = [...REL_YEAR.replace(/^\[|\]$/g, '')];
  const aloneOk = rels.filter((w) => w !== '来' && w !== '下' && !REL_YEAR_NEEDS_MONTH.includes(w));
  const badAfter = `(?!${charClass(REL_BAD_AFTER)})`;
  const nian = expand('年');
  const relAlone = `(?:${aloneOk.map((w) => `${notAfter(REL_BAD_BEFORE[w])}${expand(w)}`).join('|')})${nian}${badAfter}${afterYear(false)}`;
  // 来年/下年 alone: at a line start or after a non-Han character, after a preposition,
  // or before a modal or punctuation (政府来年会…).
  const relFree = ['来', '下']
    .map((w) => {
      const e = expand(w);
      const free = [...REL_FREE_AFTER].filter((c) => !REL_BAD_BEFORE[w].includes(c)).join('');
      return `(?:(?<!${expand('[\\u4e00-\\u9fff]')})|(?<=${charClass(free)}))${e}${nian}${badAfter}${afterYear(false)}|${notAfter(REL_BAD_BEFORE[w])}${e}${nian}(?=${charClass(REL_TIME_BEFORE)})`;
    })
    .join('|');
  const relStrong = `${charClass(rels.filter((w) => !REL_YEAR_NEEDS_MONTH.includes(w)).join(''))}${nian}${badAfter}${strongTail}`;
  const relNeedsMonth = `${charClass(REL_YEAR_NEEDS_MONTH)}${nian}${badAfter}(?:${e.du}${S}${monthNoPeriod}|${de}|${S}(?!${e.monthRange})${monthTail})`;

  const partGuard = `${notAfter(DATE_CN_NUMERALS + NOT_BEFORE_YEAR_PART)}${notAfterAcross(digit)}`;
  const notYearless = notAfterAcross(charClass(NOT_BEFORE_YEARLESS));
  return [
    // Digits: 2018-03-16 12:49, 2009至2012年, 2024年…, 4月8日, 3月份, 1-10月份, 3季度, 19日.
    `${digitStart}(?:${e.numDate}` +
      `|${expand(`(${n.year})${CORE_S}${DASH}${CORE_S}(${n.year})${YEAR_RANGE_NIAN}`)}` +
      `|${year4}${afterYear(true)}` +
      `|${monthDay}` +
      `|${notYearless}(?:${e.monthRange}|${mon}(?:${fen}(?:${mp})?|${drop}${e.dayRange}|${mp})?|${e.quarter}(?:${e.periodEnd})?)` +
      `|${notAfterAcross(charClass(NOT_BEFORE_DAY))}${expand(`(${n.day})${CORE_S}日`)}(?!${charClass(NOT_AFTER_DAY)}|${expand('以内')})${time})`,
    // 民國113年5月, 二〇二六年一月二十七日, 今(113)年.
    `${written}${afterYear(true)}`,
    relAlone,
    relFree,
    relStrong,
    relNeedsMonth,
    // 十四五, 第十五个五年.
    `${cnStart}${e.plan}`,
    e.planLong,
    // 上月, 本月15日, 上个月底.
    `${notAfter(NOT_BEFORE_REL_MONTH)}${e.relMonth}(?:(?<!${fen})${drop}${e.day}${time}|${mp})?`,
    // 十二月, 三月五日: not running into a word (新十二月市).
    `${cnStart}${expand(`${CN_MONTH}${CORE_S}月`)}(?:${fen}(?:${mp})?|${drop}${e.dayRange}|${drop}${e.day}${time}|${mp}|(?!${expand(HAN)}))`,
    // 一季度末, 上半年底, 年底: a part, not after a count (三年内, 每年底).
    `${partGuard}(?!${digit})(?:${e.quarter}${e.periodEnd}|${e.half}${e.periodEnd}|${e.yearPartAlone})`,
    `(?:${cnStart}(?!${digit})|(?=${expand('[第前]')}))${e.quarter}(?!${e.periodEnd})`,
    `${e.half}(?!${e.periodEnd})`,
  ];
}

// ------------------------------------------------------------ grammar

export interface InjectionGrammar {
  information_for_contributors: string[];
  scopeName: string;
  injectionSelector: string;
  patterns: { include: string }[];
  repository: Record<string, { match: string; name: string }>;
}

/** The injection grammar, as scripts/gen-grammar.mjs writes it to syntaxes/. */
export function buildGrammar(): InjectionGrammar {
  namedGroups = 0;
  return {
    information_for_contributors: [
      'Generated by `npm run grammar` (scripts/gen-grammar.mjs) from src/core/grammar.ts and the',
      "recognizers' pattern sources in src/core/patterns.ts. Do not edit: change those and regenerate.",
    ],
    scopeName: GRAMMAR_SCOPE,
    injectionSelector: INJECTION_SELECTOR,
    patterns: [{ include: '#money' }, { include: '#date' }],
    repository: {
      money: { match: moneyPattern(), name: MONEY_SCOPE },
      date: { match: datePattern(), name: DATE_SCOPE },
    },
  };
}

/** Where scripts/gen-grammar.mjs writes the grammars (relative to the repository root). */
export const GRAMMAR_FILE = 'syntaxes/policy-lens.injection.tmLanguage.json';
export const PLAIN_TEXT_GRAMMAR_FILE = 'syntaxes/plaintext.tmLanguage.json';

/** A grammar file's text (GRAMMAR_FILE holds serializeGrammar()). */
export const serializeGrammar = (g: object = buildGrammar()) => `${JSON.stringify(g, null, 2)}\n`;

/**
 * A host grammar for plain text. VS Code has none (plain text is not tokenized at
 * all), and an injection only runs inside a grammar, so the extension contributes
 * this empty one for the `plaintext` language (scope `text.plain`).
 */
export const PLAIN_TEXT_GRAMMAR = {
  information_for_contributors: ['Generated by `npm run grammar`: the empty host grammar the injection needs in plain text.'],
  name: 'Plain Text',
  scopeName: 'text.plain',
  patterns: [] as never[],
};
