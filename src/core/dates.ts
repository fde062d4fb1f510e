/**
 * The date recognizer: years, months, days, quarters, half-years, parts of a
 * year or month, relative years, ranges, numeric date-times, plan periods.
 *
 * Works on the working text (simplified, ASCII digits). One global anchor scan
 * finds the places a date can start; at each, a small parser of sticky regexes
 * reads the longest contiguous expression (year → month → day → time, or year
 * → quarter / half-year / part). Linear in the text length.
 *
 * `value` (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM) is given only where the
 * year is written and the expression is a plain year, month, day or minute;
 * `resolved` carries a best-effort reading of relative and partial expressions
 * against the reference date.
 */
import type { DocContext, Span } from './types';
import { chineseInt } from './numbers';
import {
  CN_DIGIT, DATE_ANCHOR, DATE_BOUNDS, DATE_CN_NUMERALS, DURATION_AFTER_YEAR, MID_NEXT, NOT_AFTER_DAY, NOT_BEFORE_DAY, NOT_BEFORE_REL_MONTH,
  NOT_BEFORE_YEAR, NOT_BEFORE_YEAR_PART, NOT_BEFORE_YEARLESS, REL_BAD_AFTER, REL_BAD_BEFORE, REL_FREE_AFTER, REL_TIME_BEFORE,
  dateSources,
} from './patterns';

// ---------------------------------------------------------------------------
// Confidence

/**
 * Confidence of a date span (Span.confidence) by the kind of expression, decided
 * where the parser reads it. Explainable levels, not a model:
 *
 *   full      0.97  a written year with month and day (and time): `2024年4月1日`,
 *                   `2018-03-16 12:49`, `二〇二六年一月二十七日`, `民国85年3月28日`
 *   year      0.95  a written year with 年 (`2024年`, `民国85年`, `今(113)年`), alone or with
 *                   a month, quarter, half-year, part or season (`2024年4月份`, `2017年尾`);
 *                   ranges of years with 年 (`2009至2012年`), decades, fiscal years (`2019-20年度`)
 *   plan      0.9   plan periods (`十四五`, `第十五个五年`)
 *   monthDay  0.9   a month and day without a written year (`4月1日`, `今年7月1日`, `上月23日`)
 *   month     0.85  a month, month range or month part, quarter, half-year or part of a
 *                   year without a written year (`4月`, `1-10月份`, `3月底`, `一季度`,
 *                   `今年上半年`, `年底`)
 *   roc       0.85  an ROC year without 民国, with a month (`113年5月`, `113/3/28`), or a
 *                   range of them (`110至112年`)
 *   relative  0.8   a relative year or month alone (`今年`, `去年`, `本月`, `上月底`)
 *   rocYear   0.7   an ROC year without 民国 and without a month (`93年`, `102年底`, `95年度`)
 *   compact   0.7   a compact date (`20240307`); a range of years without 年 (`(2021-2025)`)
 *   day       0.6   a day standing alone (`10日` after `至`), `01-01` closing a line
 *   bareYear  0.5   a year without 年 standing alone (`2024济南市两会`, `《…2014》`)
 */
export const DATE_CONFIDENCE = {
  full: 0.97,
  year: 0.95,
  plan: 0.9,
  monthDay: 0.9,
  month: 0.85,
  roc: 0.85,
  relative: 0.8,
  rocYear: 0.7,
  compact: 0.7,
  day: 0.6,
  bareYear: 0.5,
} as const;
const C = DATE_CONFIDENCE;

/** The level of a yearless (or relative-year) expression with its tail. */
const tailConfidence = (tail: Tail) => (tail.day !== undefined ? C.monthDay : C.month);

// ---------------------------------------------------------------------------
// Pieces

// The vocabulary and the regex sources live in patterns.ts, shared with the TextMate
// grammar (grammar.ts); the bounds the code checks numbers against are DATE_BOUNDS.
const B = DATE_BOUNDS;
const inRange = (n: number, [lo, hi]: readonly [number, number]) => n >= lo && n <= hi;

const sticky = (src: string) => new RegExp(src, 'y');
const CN_YEAR_DIGIT = new RegExp(CN_DIGIT);

const SOURCES = dateSources();
const RE = Object.fromEntries(Object.entries(SOURCES).map(([k, src]) => [k, sticky(src)])) as Record<keyof typeof SOURCES, RegExp>;

/** Where a date can start. */
const ANCHOR = new RegExp(DATE_ANCHOR, 'g');

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAsciiAlnum = (c: string | undefined) => c !== undefined && /[0-9A-Za-z]/.test(c);
const isCnNumeral = (c: string | undefined) => c !== undefined && DATE_CN_NUMERALS.includes(c);

/** Characters that make a bare number a count or amount rather than a year. */
const UNIT_AFTER = '万亿千百元个人户家名项件台套次吨米亩平公斤克升瓦辆座所条位份篇首部期届号天小分秒多余倍美港日欧英镑块角股辆架只头间层栋';
/** Before a bare year: boundaries and a few prepositions. */
const BARE_BEFORE = /[\s“"‘'《「『（(【\[：:，,、。；;！!？?]|[在于至到从自即迎]/;
const BARE_CLOSER = /[”"’'》」』）)】\]]/;

const REL_BAD_AFTER_RE = new RegExp(`[${REL_BAD_AFTER}]`);

// ---------------------------------------------------------------------------
// Helpers

const pad2 = (n: number) => String(n).padStart(2, '0');

function num(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const v = chineseInt(s);
  return v === undefined ? undefined : Number(v);
}

/** Plan period n (第n个五年) → first year: 1953, 1958, then 1966 + 5(n−3). */
function planStart(n: number): number {
  if (n === 1) return 1953;
  if (n === 2) return 1958;
  return 1966 + 5 * (n - 3);
}

function exec(re: RegExp, t: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(t);
}

interface YearInfo {
  end: number;
  /** The year, if written or resolvable. */
  year?: number;
  written: boolean;
  /** 同年/次年/翌年/当年: a date only with a month or day after it. */
  needsMore: boolean;
  /** 2018年度 */
  du: boolean;
  /** An ROC year written without 民国 (`113年`: Taiwan text only). */
  roc?: boolean;
  /** A relative word in an ambiguous place (以上年…, 创下年度): a date only with a month, quarter or half-year after it. */
  strongTail?: boolean;
  /** ended with 年 (so a bare part like 初/底 may follow) */
}

interface Tail {
  end: number;
  kind: string;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  /** true for ranges, quarters, half-years and parts: no value. */
  period: boolean;
  resolvedSuffix?: (y: number) => string;
}

// ---------------------------------------------------------------------------

interface State {
  refYear?: number;
  lastYear?: number;
}

/** Reads a year expression at i (`2024年`, `民国85年`, `二〇二六年`, `今年`, `同年`…). */
function readYear(t: string, i: number, ctx: DocContext, st: State): YearInfo | undefined {
  const prev = t[i - 1];
  let m: RegExpExecArray | null;
  if ((m = exec(RE.minguo, t, i))) {
    const n = num(m[1]);
    if (n !== undefined && inRange(n, B.minguo)) return { end: i + m[0].length, year: n + 1911, written: true, needsMore: false, du: false };
  }
  if (isDigit(t[i])) {
    if (isDigit(prev) || prev === '.' || isAsciiAlnum(prev)) return undefined;
    if ((m = exec(RE.year4, t, i))) {
      const y = Number(m[1]);
      // 近2000年, 1000年前: spans of time, not years.
      const durational = NOT_BEFORE_YEAR.includes(prev ?? '\0') || (y < B.durationalBelow && DURATION_AFTER_YEAR.includes(t[i + m[0].length] ?? '\0'));
      if (inRange(y, B.year) && !durational) return { end: i + m[0].length, year: y, written: true, needsMore: false, du: false };
      return undefined;
    }
    if (ctx.region === 'tw' && (m = exec(RE.yearTw, t, i))) {
      const n = Number(m[1]);
      const end = i + m[0].length;
      if (twYear(t, i, end, m[1].length, n)) return { end, year: n + 1911, written: true, needsMore: false, du: false, roc: true };
    }
    return undefined;
  }
  if ((m = exec(RE.yearCn, t, i))) {
    if (!isCnNumeral(prev)) {
      const y = num(m[1]);
      if (y !== undefined && inRange(y, B.year)) return { end: i + m[0].length, year: y, written: true, needsMore: false, du: false };
    }
    return undefined;
  }
  // Taiwan: 今(113)年, 去(2023)年
  if ((m = exec(RE.twRel, t, i))) {
    let n = Number(m[2]);
    if (m[2].length <= 3) n += 1911;
    if (inRange(n, B.twRelYear)) return { end: i + m[0].length, year: n, written: true, needsMore: false, du: false };
  }
  if ((m = exec(RE.yearRel, t, i))) {
    const w = m[1];
    const end = i + m[0].length;
    if (REL_BAD_AFTER_RE.test(t[end] ?? '')) return undefined;
    const next = t[end];
    const hanPrev = prev !== undefined && /[\u4e00-\u9fff]/.test(prev);
    // After a word it may close (以上年, 以来年, 创下年度), or 来年/下年 after any word but a
    // preposition, the relative year must be followed by a month, quarter or half-year —
    // unless 来年/下年 is the subject's time word before a verb (`政府来年会…`).
    let strongTail = prev !== undefined && REL_BAD_BEFORE[w].includes(prev);
    if (!strongTail && (w === '来' || w === '下') && hanPrev && !REL_FREE_AFTER.includes(prev!)) {
      strongTail = next === undefined || !REL_NEXT.test(next);
    }
    const base = st.refYear;
    let year: number | undefined;
    let needsMore = false;
    switch (w) {
      case '今': case '本': year = base; break;
      case '去': case '上': year = base === undefined ? undefined : base - 1; break;
      case '明': case '来': case '下': year = base === undefined ? undefined : base + 1; break;
      case '前': year = base === undefined ? undefined : base - 2; break;
      case '同': case '当': year = st.lastYear ?? base; needsMore = true; break;
      case '次': case '翌': { const b = st.lastYear ?? base; year = b === undefined ? undefined : b + 1; needsMore = true; break; }
    }
    return { end, year, written: false, needsMore, du: false, strongTail };
  }
  return undefined;
}

const TW_PART = new RegExp(`^[ \\t]{0,2}(?:底|初|末|尾|度|中${MID_NEXT}|[上下]半年|第?[一二三四]季)`);
/** After 来年/下年: a modal, adverb or punctuation shows a time word before its verb. */
const REL_NEXT = new RegExp(`[${REL_TIME_BEFORE}]`);
/** Before a bare ROC year: words that make the figure a span of time (近50年, 为期10年, 租期50年, 屋龄40年), not 预期. */
const TW_DURATION_BEFORE = /(?:[近约超逾过满达长历每第多数几余共再又连整限龄隔刑这该各]|[共合累总]计|(?<!预)期)$/;
/** After 年: a span of time (50年来, 10年内, 40年以上, 20年之久). */
const TW_DURATION_AFTER = /^(?:来|内|间|之|多|余|半|以[上下内来]|左右|期|后|前|里|的时间|的历史)/;

/**
 * An ROC year written without 民国 in Taiwan text (`88年6月`, `93年`, `95年度`, `102年底`):
 * three digits 80–150, two digits 40–99, or 10–39 with a month and day; not a span of time.
 */
function twYear(t: string, i: number, end: number, digits: number, n: number): boolean {
  if (TW_DURATION_BEFORE.test(t.slice(Math.max(0, i - 2), i))) return false;
  const after = t.slice(end, end + 8);
  const month = /^[ \t]{0,2}(?:度[ \t]{0,2})?(\d{1,2})[ \t]{0,2}月/.exec(after);
  const withMonth = month !== null && Number(month[1]) >= 1 && Number(month[1]) <= 12;
  if (digits === 3) return n >= 80 && n <= 150 && (withMonth || !/^(?:来|以来|之久)/.test(after));
  if (n >= 40) {
    if (withMonth) return true;
    if (TW_PART.test(after)) return true;
    // The second end of a range of years (`81年至85年間`) is a year whatever follows.
    if (/年度?[ \t]{0,2}(?:至|到|[-—–~～])[ \t]{0,2}$/.test(t.slice(Math.max(0, i - 8), i))) return true;
    const rest = after.replace(/^[ \t]+/, '');
    if (TW_DURATION_AFTER.test(rest)) return false;
    // Closing a clause after a verb or noun, the figure is a span of time (`已营运48年。`);
    // a year stands before its clause's verb (`98年先核定`) or after a preposition (`于97年，`).
    const before = t[i - 1];
    if ((rest === '' || /^[，,。；;！!？?、）)]/.test(rest)) && before !== undefined && /[\u3400-\u9fff]/.test(before) && !/[于在至到及和与或自从由迄止即今去明前]/.test(before)) return false;
    return true;
  }
  return n >= 10 && withMonth && /^[ \t]{0,2}\d{1,2}[ \t]{0,2}月[ \t]{0,2}\d{1,2}[ \t]{0,2}[日号]/.test(after);
}

/**
 * Reads what follows a year, or a yearless date: month ranges, months with days
 * and times, quarters, half-years, parts. `afterYear` allows the parts that
 * only make sense after a year (初, 底, 度…).
 */
function readTail(t: string, i: number, afterYear: boolean, yearEndsWithNian: boolean): Tail | undefined {
  let m: RegExpExecArray | null;
  // Month range: 1-10月份 (one mention).
  if ((m = exec(RE.monthRange, t, i))) {
    const a = Number(m[1]), b = Number(m[2]);
    if (a >= B.month[0] && a < b && b <= B.month[1]) return { end: i + m[0].length, kind: 'range', period: true, resolvedSuffix: (y) => `${y}-${pad2(a)}..${y}-${pad2(b)}` };
  }
  if ((m = exec(RE.month, t, i))) {
    const mo = num(m[1]);
    if (mo !== undefined && inRange(mo, B.month)) {
      let end = i + m[0].length;
      const hasFen = !!m[2];
      const tail: Tail = { end, kind: 'month', month: mo, period: false };
      if (!hasFen) {
        let d: RegExpExecArray | null;
        if ((d = exec(RE.dayRange, t, end))) {
          const a = Number(d[1]), b = Number(d[2]);
          if (a >= B.day[0] && a < b && b <= B.day[1]) {
            return { end: end + d[0].length, kind: 'range', month: mo, period: true, resolvedSuffix: (y) => `${y}-${pad2(mo)}-${pad2(a)}..${y}-${pad2(mo)}-${pad2(b)}` };
          }
        }
        if ((d = exec(RE.day, t, end))) {
          const day = num(d[1]);
          if (day !== undefined && inRange(day, B.day)) {
            end += d[0].length;
            tail.day = day;
            tail.kind = 'date';
            tail.end = end;
            readTime(t, tail);
            return tail;
          }
        }
      }
      const p = exec(RE.monthPart, t, tail.end);
      if (p) {
        const w = p[1];
        return { end: tail.end + p[0].length, kind: 'part', month: mo, period: true, resolvedSuffix: (y) => `${y}-${pad2(mo)}${partTag(w)}` };
      }
      // A yearless Chinese-numeral month running into a word (“新十二月市”) is a name, not a date.
      if (!afterYear && !hasFen && !isDigit(m[1][0]) && /[\u3400-\u9fff]/.test(t[tail.end] ?? '')) return undefined;
      return tail;
    }
  }
  if ((m = exec(RE.quarter, t, i))) {
    const end = i + m[0].length;
    const e = exec(RE.periodEnd, t, end);
    if (m[1] || m[2]) {
      const q = num(m[1] ?? m[2])!;
      return { end: e ? end + e[0].length : end, kind: e ? 'part' : 'quarter', period: true, resolvedSuffix: (y) => `${y}-Q${q}${e ? partTag(e[1]) : ''}` };
    }
    const n = m[3] === '两' ? 2 : num(m[3])!;
    return { end: e ? end + e[0].length : end, kind: 'quarter', period: true, resolvedSuffix: (y) => `${y}-Q1..Q${n}` };
  }
  if ((m = exec(RE.half, t, i))) {
    const end = i + m[0].length;
    const e = exec(RE.periodEnd, t, end);
    const h = m[1] === '上' ? 1 : 2;
    return { end: e ? end + e[0].length : end, kind: e ? 'part' : 'half-year', period: true, resolvedSuffix: (y) => `${y}-H${h}${e ? partTag(e[1]) : ''}` };
  }
  if (afterYear) {
    if (yearEndsWithNian && (m = exec(RE.season, t, i))) {
      const w = m[1];
      return { end: i + m[0].length, kind: 'season', period: true, resolvedSuffix: (y) => `${y} (${w})` };
    }
    if (yearEndsWithNian && (m = exec(RE.yearPartAfterYear, t, i))) {
      const w = m[2] ?? '中';
      return { end: i + m[0].length, kind: 'part', period: true, resolvedSuffix: (y) => yearPartResolved(y, w) };
    }
  } else if ((m = exec(RE.yearPartAlone, t, i))) {
    const w = m[1];
    return { end: i + m[0].length, kind: 'part', period: true, resolvedSuffix: (y) => yearPartResolved(y, w) };
  }
  return undefined;
}

function partTag(w: string): string {
  if (w === '初' || w === '上旬') return ' (early)';
  if (w === '中旬') return ' (mid)';
  if (w === '底' || w === '末' || w === '尾' || w === '下旬') return ' (end)';
  return ` (${w})`;
}

function yearPartResolved(y: number, w: string): string {
  switch (w) {
    case '初': return `${y}-01`;
    case '底': case '末': case '尾': return `${y}-12`;
    case '中': return `${y}-06..${y}-07`;
    default: return `${y}`; // 内
  }
}

/** Part of the day and clock time after a day (`4月8日上午`, `下午2时28分`, ` 12:49`). */
function readTime(t: string, tail: Tail): void {
  let end = tail.end;
  let pm = false;
  let noon = false;
  let hasPart = false;
  const p = exec(RE.dayPart, t, end);
  if (p) {
    end += p[0].length;
    hasPart = true;
    pm = /下午|晚|傍晚|夜|午后/.test(p[0]);
    noon = p[0] === '中午' || p[0] === '午间';
  }
  const c = exec(RE.clock, t, end);
  if (c) {
    let h = Number(c[1]);
    const min = c[2] ?? c[3] ?? c[4] ?? (c[5] ? '30' : '0');
    const mi = Number(min);
    // A bare number after a date without 时/点/: is not a time (handled by the regex); check ranges.
    if (inRange(h, B.hour) && inRange(mi, B.minute)) {
      if (pm && h < 12) h += 12;
      if (noon && h < 11) h += 12;
      tail.hour = h;
      tail.minute = mi;
      tail.kind = 'datetime';
      tail.end = end + c[0].length;
      return;
    }
  }
  if (hasPart) tail.end = end;
}

// ---------------------------------------------------------------------------

/** Chars that end a bare number in a count or an amount (next non-space char). */
function nextNonSpace(t: string, i: number): string | undefined {
  while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
  return t[i];
}

function makeSpan(confidence: number, start: number, end: number, kind: string, value?: string, resolved?: string): Span {
  const s: Span = { start, end, kind, confidence };
  if (value !== undefined) s.value = value;
  if (value === undefined && resolved !== undefined) s.resolved = resolved;
  return s;
}

function valueOf(y: number, tail?: Tail): string {
  if (!tail) return String(y);
  let v = `${y}-${pad2(tail.month!)}`;
  if (tail.day !== undefined) v += `-${pad2(tail.day)}`;
  if (tail.hour !== undefined) v += `T${pad2(tail.hour)}:${pad2(tail.minute ?? 0)}`;
  return v;
}

/** Parses a date at i; returns the span or undefined. */
function parseAt(t: string, i: number, ctx: DocContext, st: State): Span | undefined {
  const prev = t[i - 1];
  const c = t[i];
  let m: RegExpExecArray | null;

  if (isDigit(c)) {
    if (isDigit(prev) || prev === '.' || isAsciiAlnum(prev)) return undefined;
    // Inside 12:49, 0531-8888, 2024/3/5: a digit just before the separator.
    if ((prev === '-' || prev === '/' || prev === ':') && isDigit(t[i - 2])) return undefined;
    // 2018-03-16 12:49
    if ((m = exec(RE.numDate, t, i))) {
      const y = Number(m[1]), mo = Number(m[3]), d = Number(m[4]);
      if (inRange(y, B.numYear) && inRange(mo, B.month) && inRange(d, B.day)) {
        let v = `${y}-${pad2(mo)}-${pad2(d)}`;
        let kind = 'date';
        if (m[5] !== undefined && inRange(Number(m[5]), B.numHour) && inRange(Number(m[6]), B.minute)) {
          v += `T${pad2(Number(m[5]))}:${m[6]}`;
          kind = 'datetime';
          st.lastYear = y;
          return makeSpan(C.full, i, i + m[0].length, kind, v);
        }
        st.lastYear = y;
        const end = m[5] !== undefined ? i + m[1].length + m[3].length + m[4].length + 2 : i + m[0].length;
        return makeSpan(C.full, i, end, kind, v);
      }
    }
    // 20240307, not a code, phone or document number
    if ((m = exec(RE.compact, t, i)) && compactOk(t, i, i + m[0].length, m)) {
      const y = Number(m[1]);
      st.lastYear = y;
      return makeSpan(C.compact, i, i + m[0].length, 'date', `${m[1]}-${m[2]}-${m[3]}`);
    }
    // 19/20年度, 2019-20年度
    if ((m = exec(RE.fiscal, t, i))) {
      const a = Number(m[1]), b = Number(m[2]);
      if ((a + 1) % 100 === b) {
        const y = m[1].length === 4 ? a : a + (a >= 50 ? 1900 : 2000);
        return makeSpan(C.year, i, i + m[0].length, 'fiscal-year', undefined, `${y}-${y + 1}`);
      }
    }
    // 2009至2012年 (one mention), (2021-2025)
    if ((m = exec(RE.yearRange, t, i))) {
      const a = Number(m[1]), b = Number(m[2]);
      if (a >= B.year[0] && b > a && b - a <= 100 && b <= B.year[1]) return makeSpan(m[0].includes('年') ? C.year : C.compact, i, i + m[0].length, 'range', undefined, `${a}..${b}`);
    }
    if (ctx.region === 'tw') {
      // 110至112年, 113/3/28 (民国 years)
      if ((m = exec(RE.yearRangeTw, t, i))) {
        const a = Number(m[1]), b = Number(m[2]);
        if (a >= 40 && b > a && b <= 200) return makeSpan(C.roc, i, i + m[0].length, 'range', undefined, `${a + 1911}..${b + 1911}`);
      }
      if ((m = exec(RE.numDateTw, t, i))) {
        const y = Number(m[1]), mo = Number(m[3]), d = Number(m[4]);
        if (y >= 40 && y <= 200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
          st.lastYear = y + 1911;
          return makeSpan(C.roc, i, i + m[0].length, 'date', `${y + 1911}-${pad2(mo)}-${pad2(d)}`);
        }
      }
    }
  }

  // 二〇二〇至二一年度 (one mention)
  if (!isDigit(c) && CN_YEAR_DIGIT.test(t[i + 3] ?? '') && !isCnNumeral(prev) && (m = exec(RE.yearRangeCn, t, i))) {
    const a = num(m[1]);
    let b = num(m[2]);
    if (a !== undefined && b !== undefined && m[2].length === 2) b += a - (a % 100);
    if (a !== undefined && b !== undefined && a >= 1000 && b > a && b - a <= 100) {
      return makeSpan(C.year, i, i + m[0].length, 'range', undefined, `${a}..${b}`);
    }
  }

  const y = readYear(t, i, ctx, st);
  if (y) {
    let end = y.end;
    let du = false;
    let kind = y.written ? 'year' : 'relative';
    if (y.written && exec(RE.decade, t, end)) {
      return makeSpan(y.roc ? C.rocYear : C.year, i, end + 1, 'decade', undefined, y.year !== undefined ? `${y.year}s` : undefined);
    }
    if (exec(RE.du, t, end)) {
      end += 1;
      du = true;
    }
    let tail: Tail | undefined;
    if (du) {
      // 95年度1月: a month of the (fiscal) year.
      const sp = exec(RE.sp, t, end)!;
      const tt = readTail(t, end + sp[0].length, true, false);
      if (tt && tt.month !== undefined && !tt.period) tail = tt;
    } else {
      // 今年的12月31日: 的 only joins a month or day.
      const de = exec(RE.de, t, end);
      if (de) {
        const tt = readTail(t, end + de[0].length, true, false);
        if (tt && tt.month !== undefined) tail = tt;
      }
      if (!tail) {
        const sp = exec(RE.sp, t, end)!;
        tail = readTail(t, end + sp[0].length, true, true);
        if (!tail && sp[0].length > 0) tail = undefined;
      }
    }
    if (y.written) st.lastYear = y.year;
    if (y.strongTail && !(tail && (tail.month !== undefined || tail.kind === 'quarter' || tail.kind === 'half-year'))) return undefined;
    if (!tail) {
      if (y.needsMore) return undefined;
      return makeSpan(!y.written ? C.relative : y.roc ? C.rocYear : C.year, i, end, kind, y.written && y.year !== undefined ? String(y.year) : undefined, y.year !== undefined ? String(y.year) : undefined);
    }
    if (y.needsMore && tail.month === undefined) return undefined;
    const resolved = y.year !== undefined ? (tail.period ? tail.resolvedSuffix!(y.year) : valueOf(y.year, tail)) : undefined;
    const value = y.written && !tail.period && y.year !== undefined ? valueOf(y.year, tail) : undefined;
    kind = tail.kind;
    const conf = !y.written ? tailConfidence(tail) : y.roc ? (tail.month !== undefined ? C.roc : C.rocYear) : tail.day !== undefined ? C.full : C.year;
    return makeSpan(conf, i, tail.end, kind, value, resolved);
  }

  // Yearless expressions.
  const refYear = st.refYear;
  if (isDigit(c)) {
    const tail = readTail(t, i, false, false);
    if (tail) {
      if (NOT_BEFORE_YEARLESS.includes(prev ?? '\0') && tail.day === undefined) return undefined;
      return makeSpan(tailConfidence(tail), i, tail.end, tail.kind, undefined, refYear === undefined ? undefined : tail.period ? tail.resolvedSuffix!(refYear) : valueOf(refYear, tail));
    }
    // A standalone day: 19日, 10日 (after 至).
    if ((m = exec(RE.day, t, i)) && t[i + m[0].length - 1] === '日') {
      const d = Number(m[1]);
      const after = t[i + m[0].length];
      // Not a count of days: 总共4日, 为期3日, 30日历天.
      if (inRange(d, B.day) && !NOT_BEFORE_DAY.includes(prev ?? '\0') && !NOT_AFTER_DAY.includes(after ?? '\0') && !t.startsWith('以内', i + m[0].length)) {
        const tail: Tail = { end: i + m[0].length, kind: 'day', day: d, period: false };
        readTime(t, tail);
        return makeSpan(C.day, i, tail.end, tail.kind, undefined, undefined);
      }
    }
    // 01-01 closing a line in a dated list.
    if ((m = exec(RE.mmdd, t, i)) && (prev === undefined || prev === ' ' || prev === '\t' || prev === '\n')) {
      return makeSpan(C.day, i, i + m[0].length, 'date', undefined, refYear === undefined ? undefined : `${refYear}-${m[1]}-${m[2]}`);
    }
    // A bare year: `2024济南市两会`, `在2024全市…`, `“福田汽车2020”`, `《…2014》`.
    if ((m = exec(RE.bareYear, t, i))) {
      const end = i + m[0].length;
      const next = nextNonSpace(t, end);
      const closer = next !== undefined && BARE_CLOSER.test(next);
      // A year in brackets inside a document or licence number (`字[2019]01054`) is part of a code.
      if (closer && isAsciiAlnum(t[t.indexOf(next, end) + 1])) return undefined;
      // After 、 only before a word or bracket, not inside a list of figures (1500、2000、2500家).
      const before = prev === undefined || (BARE_BEFORE.test(prev) && !(prev === '、' && /[、，,。；;：:]/.test(next ?? '')));
      if ((before || closer) && next !== undefined && !UNIT_AFTER.includes(next) && !/[\d\-\/—–~～:.年]/.test(next) && !(next === '至' || next === '到')) {
        const yv = Number(m[1]);
        st.lastYear = yv;
        return makeSpan(C.bareYear, i, end, 'year', m[1]);
      }
      if (next === undefined && (before || closer)) return makeSpan(C.bareYear, i, end, 'year', m[1]);
    }
    return undefined;
  }

  if (isCnNumeral(prev) || isDigit(prev)) {
    // 十二月 is read from 十; 二十五 is no plan period.
    if (c !== '年' && c !== '第' && c !== '前' && c !== '上' && c !== '下' && c !== '本') return undefined;
  }

  // 十四五
  if ((m = exec(RE.plan, t, i))) {
    const n = 10 + num(m[1])!;
    const s = planStart(n);
    return makeSpan(C.plan, i, i + m[0].length, 'plan-period', undefined, `${s}..${s + 4}`);
  }
  // 第十五个五年
  if ((m = exec(RE.planLong, t, i))) {
    const n = num(m[1]);
    if (n !== undefined && inRange(n, B.planLong)) {
      const s = planStart(n);
      return makeSpan(C.plan, i, i + m[0].length, 'plan-period', undefined, `${s}..${s + 4}`);
    }
  }
  // 本月, 上月底
  if ((m = exec(RE.relMonth, t, i)) && !NOT_BEFORE_REL_MONTH.includes(prev ?? '\0')) {
    let end = i + m[0].length;
    const rel = resolveRelMonth(st, ctx, m[1]);
    // 上月23日, 本月15日
    const d = m[2] ? null : exec(RE.day, t, end);
    const day = d ? num(d[1]) : undefined;
    if (d && day !== undefined && inRange(day, B.day)) {
      const tail: Tail = { end: end + d[0].length, kind: 'date', day, period: false };
      readTime(t, tail);
      return makeSpan(C.monthDay, i, tail.end, tail.kind, undefined, rel && `${rel}-${pad2(day)}`);
    }
    const p = exec(RE.monthPart, t, end);
    if (p) end += p[0].length;
    return makeSpan(C.relative, i, end, p ? 'part' : 'relative', undefined, rel);
  }
  const tail = readTail(t, i, false, false);
  if (tail) {
    if (tail.kind === 'part' && tail.month === undefined) {
      // 年底, 年内: not after a number (三年内) or in 每年底.
      if (isCnNumeral(prev) || isDigit(prev) || (prev !== undefined && NOT_BEFORE_YEAR_PART.includes(prev))) return undefined;
    }
    return makeSpan(tailConfidence(tail), i, tail.end, tail.kind, undefined, refYear === undefined ? undefined : tail.period ? tail.resolvedSuffix!(refYear) : valueOf(refYear, tail));
  }
  return undefined;
}

const daysIn = (y: number, mo: number) => (mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31);
/** Before a compact date: the label of a number that is no date (编号, 电话, 证号, No.). */
const CODE_LABEL = /(?:号|号码|编号|编码|电话|传真|手机|代码|账号|帐号|卡号|证|字|单号|批号|tel|fax|no|id|#)[.:： ]*$/i;

/** A compact 20240307 date: a real calendar day, not inside a code, phone or document number. */
function compactOk(t: string, i: number, end: number, m: RegExpExecArray): boolean {
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (d > daysIn(y, mo)) return false;
  const prev = t[i - 1];
  if (prev !== undefined && /[-_/.#+]/.test(prev)) return false;
  // 20240307-001, 20240307/3
  if (/^[-_/.][0-9A-Za-z]/.test(t.slice(end, end + 2))) return false;
  return !CODE_LABEL.test(t.slice(Math.max(0, i - 6), i));
}

function resolveRelMonth(st: State, ctx: DocContext, w: string): string | undefined {
  const ref = ctx.referenceDate;
  if (!ref || st.refYear === undefined) return undefined;
  let y = st.refYear;
  let mo = Number(ref.slice(5, 7));
  if (w === '上') mo--;
  if (w === '下') mo++;
  if (mo < 1) { mo = 12; y--; }
  if (mo > 12) { mo = 1; y++; }
  return `${y}-${pad2(mo)}`;
}

export function findDates(text: string, ctx: DocContext): Span[] {
  const st: State = {};
  if (ctx.referenceDate && /^\d{4}/.test(ctx.referenceDate)) st.refYear = Number(ctx.referenceDate.slice(0, 4));
  const out: Span[] = [];
  const re = new RegExp(ANCHOR.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const i = m.index;
    const span = parseAt(text, i, ctx, st);
    if (span && span.end > span.start) {
      out.push(span);
      re.lastIndex = span.end;
    } else {
      re.lastIndex = i + 1;
    }
  }
  return out;
}
