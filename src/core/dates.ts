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

/** Up to two spaces/tabs between the parts of a date (`民国 85 年 3 月28 日`). */
const S = '[ \\t]{0,2}';
const DASH = '(?:[-—–~～]|至|到)';
const CN_MONTH = '(?:十[一二]?|[一二三四五六七八九])';
const CN_DAY = '(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])';
// O: a full-width Ｏ used as a zero (二Ｏ二Ｏ年), folded to Latin by normalisation.
const CN_DIGIT = '[〇零○O一二三四五六七八九]';
const DAY_PART =
  '(?:上午|下午|中午|晚上|晚间|凌晨|早上|早晨|清晨|傍晚|夜间|深夜|夜里|午后|午间|晚(?![会报宴餐饭霞期年辈清点间上]))';

/** What may follow 年中 when it is mid-year (`93年中延宕`), not 年 + a word in 中 (`2024年中国`, `年中期`). */
const MID_NEXT = '(?=[^\\u3400-\\u9fff]|[延前后起止时到至开完推落竣通投启举召即已将再才便就更仍也又均皆都亦])';
/** Relative year words: 下年 is Hong Kong's 明年. */
const REL_YEAR = '[今本去上下明前来同次翌当]';

const sticky = (src: string) => new RegExp(src, 'y');
const CN_YEAR_DIGIT = new RegExp(CN_DIGIT);

const RE = {
  numDate: sticky(
    `(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d.])(?:(?:[ \\t]{1,2}|T)(\\d{1,2})[:：](\\d{2})(?:[:：]\\d{2}(?:\\.\\d+)?)?(?!\\d))?`,
  ),
  fiscal: sticky(`(\\d{2}|\\d{4})${S}(?:[/-]|至|到)${S}(\\d{2})${S}(?:财政)?年度`),
  // 二〇二〇至二一年度, 二〇一九至二〇二〇年 (one mention)
  yearRangeCn: sticky(`(${CN_DIGIT}{4})${S}${DASH}${S}(${CN_DIGIT}{4}|${CN_DIGIT}{2})${S}年(度)?`),
  // 20240307: a compact date (checked against the calendar and its surroundings)
  compact: sticky(`((?:19|20)\\d\\d)(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])(?![0-9A-Za-z])`),
  yearRange: sticky(`(\\d{4})${S}${DASH}${S}(\\d{4})(?:${S}年(?!代)(度)?|(?=${S}[)）》”」』"]))`),
  yearRangeTw: sticky(`(\\d{2,3})${S}${DASH}${S}(\\d{2,3})${S}年(度)?`),
  twRel: sticky(`([今去明前])${S}[(（]${S}(\\d{2,4})${S}[)）]${S}年`),
  numDateTw: sticky(`(\\d{2,3})([/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d.])`),
  minguo: sticky(`民国${S}(\\d{1,3}|[〇零一二三四五六七八九十百]{1,4})${S}年`),
  year4: sticky(`(\\d{4})${S}年`),
  yearCn: sticky(`(${CN_DIGIT}{4})${S}年`),
  yearTw: sticky(`(\\d{2,3})${S}年`),
  yearRel: sticky(`(${REL_YEAR})年`),
  decade: sticky(`代`),
  du: sticky(`度`),
  de: sticky(`${S}的${S}`),
  sp: sticky(S),
  monthRange: sticky(`(\\d{1,2})${S}${DASH}${S}(\\d{1,2})${S}月(份)?`),
  month: sticky(`(\\d{1,2}|${CN_MONTH})${S}月(份)?`),
  dayRange: sticky(`(\\d{1,2})${S}[-—–~～]${S}(\\d{1,2})${S}[日号]`),
  day: sticky(`(\\d{1,2}|${CN_DAY})${S}(?:日|号(?![线楼院令]))`),
  monthPart: sticky(`(上中旬|中下旬|上旬|中旬|下旬|底|初(?![步期级中心])|末|尾)`),
  dayPart: sticky(DAY_PART),
  clock: sticky(
    `${S}(\\d{1,2})${S}(?:[:：](\\d{2})(?:[:：]\\d{2})?(?!\\d)|时(?:${S}(\\d{1,2})${S}分(?:${S}\\d{1,2}${S}秒)?)?|点(?:${S}(\\d{1,2})${S}分(?:${S}\\d{1,2}${S}秒)?|(半))?)`,
  ),
  // 一季度, 第三季 (Hong Kong, Taiwan), 前三季度; a bare 四季 is the four seasons.
  quarter: sticky(`(?:第([一二三四1-4])季度?|([一二三四1-4])季度|前([一二三两2-3])(?:个)?季度?)(?![节风])`),
  half: sticky(`([上下])半年`),
  yearPartAfterYear: sticky(`(年)?(初(?![步期级中心])|底|末|内(?!蒙)|尾|中${MID_NEXT})|年中(?![国央心])`),
  // 2007年夏季: a season after a year (no value)
  season: sticky(`([春夏秋冬])[季天]`),
  yearPartAlone: sticky(`年(初(?![步期级中心])|底|末|内(?!蒙)|尾)`),
  periodEnd: sticky(`(末|初(?![步期级中心])|底)`),
  relMonth: sticky(`([本上下])(?:个)?月(份)?`),
  plan: sticky(`十([一二三四五六七八九])五(?![万亿千百个元人岁米天年倍%分秒斤吨家户名位项条座次号])`),
  planLong: sticky(`第([一二三四五六七八九十]{1,3})个五年`),
  bareYear: sticky(`((?:19|20)\\d\\d)(?![\\d.,，%])`),
  mmdd: sticky(`(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(?=[ \\t]*(?:\\r?\\n|$))`),
};

/** Where a date can start. */
const ANCHOR = /民国|\d|[〇零○一二三四五六七八九十]|[今本去上下明前来同次翌当]年|[本上下]个?月|[上下]半年|年[初底末内尾]|第|前[一二三两2-3]个?季|[今去明前][ \t]?[(（]/g;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAsciiAlnum = (c: string | undefined) => c !== undefined && /[0-9A-Za-z]/.test(c);
const CN_NUMERALS = '零〇○一二两三四五六七八九十百千万亿几数多半每';
const isCnNumeral = (c: string | undefined) => c !== undefined && CN_NUMERALS.includes(c);

/** Characters that make a bare number a count or amount rather than a year. */
const UNIT_AFTER = '万亿千百元个人户家名项件台套次吨米亩平公斤克升瓦辆座所条位份篇首部期届号天小分秒多余倍美港日欧英镑块角股辆架只头间层栋';
/** Before a bare year: boundaries and a few prepositions. */
const BARE_BEFORE = /[\s“"‘'《「『（(【\[：:，,、。；;！!？?]|[在于至到从自即迎]/;
const BARE_CLOSER = /[”"’'》」』）)】\]]/;

/** Words that precede a relative year word in a non-date compound (以上年度, 基本年, 光明年…). */
const REL_BAD_BEFORE: Record<string, string> = {
  去: '过失除离回出进上下死',
  上: '以马赶路北南东西晚早加爬登走升考向往之',
  // 下年 (Hong Kong: next year) follows many verbs as their complement (创下, 留下, 定下): see readYear.
  下: '以上天地乡底往之剩留落降放拿打创定写签立记接买卖攻',
  本: '基根成资样版剧课标脚文账原日读',
  明: '光文说证透发聪鲜黎简分英神清严开高阐失表申声查',
  前: '提之此以年空史目当眼面跟门生向超',
  来: '以未近从原后本向历如将年带外由出进',
  今: '',
  同: '',
  次: '',
  翌: '',
  当: '',
};
const REL_BAD_AFTER = /[轻纪龄级华限薪货画糕俸鉴]/;

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
    if (n !== undefined && n > 0 && n < 200) return { end: i + m[0].length, year: n + 1911, written: true, needsMore: false, du: false };
  }
  if (isDigit(t[i])) {
    if (isDigit(prev) || prev === '.' || isAsciiAlnum(prev)) return undefined;
    if ((m = exec(RE.year4, t, i))) {
      const y = Number(m[1]);
      // 近2000年, 1000年前: spans of time, not years.
      const durational = /[近约超逾]/.test(prev ?? '') || (y < 1900 && /[前后来之历]/.test(t[i + m[0].length] ?? ''));
      if (y >= 1000 && y <= 2199 && !durational) return { end: i + m[0].length, year: y, written: true, needsMore: false, du: false };
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
      if (y !== undefined && y >= 1000 && y <= 2199) return { end: i + m[0].length, year: y, written: true, needsMore: false, du: false };
    }
    return undefined;
  }
  // Taiwan: 今(113)年, 去(2023)年
  if ((m = exec(RE.twRel, t, i))) {
    let n = Number(m[2]);
    if (m[2].length <= 3) n += 1911;
    if (n >= 1912 && n <= 2199) return { end: i + m[0].length, year: n, written: true, needsMore: false, du: false };
  }
  if ((m = exec(RE.yearRel, t, i))) {
    const w = m[1];
    const end = i + m[0].length;
    if (REL_BAD_AFTER.test(t[end] ?? '')) return undefined;
    const next = t[end];
    const hanPrev = prev !== undefined && /[\u4e00-\u9fff]/.test(prev);
    // After a word it may close (以上年, 以来年, 创下年度), or 来年/下年 after any word but a
    // preposition, the relative year must be followed by a month, quarter or half-year —
    // unless 来年/下年 is the subject's time word before a verb (`政府来年会…`).
    let strongTail = prev !== undefined && REL_BAD_BEFORE[w].includes(prev);
    if (!strongTail && (w === '来' || w === '下') && hanPrev && !/[在于到至等待的及和与或由从自]/.test(prev!)) {
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
const REL_NEXT = /[会将要再仍也可亦还就都继续起，,。；;、]/;
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
    if (a >= 1 && a < b && b <= 12) return { end: i + m[0].length, kind: 'range', period: true, resolvedSuffix: (y) => `${y}-${pad2(a)}..${y}-${pad2(b)}` };
  }
  if ((m = exec(RE.month, t, i))) {
    const mo = num(m[1]);
    if (mo !== undefined && mo >= 1 && mo <= 12) {
      let end = i + m[0].length;
      const hasFen = !!m[2];
      const tail: Tail = { end, kind: 'month', month: mo, period: false };
      if (!hasFen) {
        let d: RegExpExecArray | null;
        if ((d = exec(RE.dayRange, t, end))) {
          const a = Number(d[1]), b = Number(d[2]);
          if (a >= 1 && a < b && b <= 31) {
            return { end: end + d[0].length, kind: 'range', month: mo, period: true, resolvedSuffix: (y) => `${y}-${pad2(mo)}-${pad2(a)}..${y}-${pad2(mo)}-${pad2(b)}` };
          }
        }
        if ((d = exec(RE.day, t, end))) {
          const day = num(d[1]);
          if (day !== undefined && day >= 1 && day <= 31) {
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
    if (h <= 24 && mi < 60) {
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
      if (y >= 1900 && y <= 2199 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
        let v = `${y}-${pad2(mo)}-${pad2(d)}`;
        let kind = 'date';
        if (m[5] !== undefined && Number(m[5]) < 24 && Number(m[6]) < 60) {
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
      if (a >= 1000 && b > a && b - a <= 100 && b <= 2199) return makeSpan(m[0].includes('年') ? C.year : C.compact, i, i + m[0].length, 'range', undefined, `${a}..${b}`);
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
      if (/[第每近约前后几数个隔逐]/.test(prev ?? '') && tail.day === undefined) return undefined;
      return makeSpan(tailConfidence(tail), i, tail.end, tail.kind, undefined, refYear === undefined ? undefined : tail.period ? tail.resolvedSuffix!(refYear) : valueOf(refYear, tail));
    }
    // A standalone day: 19日, 10日 (after 至).
    if ((m = exec(RE.day, t, i)) && t[i + m[0].length - 1] === '日') {
      const d = Number(m[1]);
      const after = t[i + m[0].length];
      // Not a count of days: 总共4日, 为期3日, 30日历天.
      if (d >= 1 && d <= 31 && !/[第每近约前后几数个隔逐共计历期满达逾超]/.test(prev ?? '') && !/[内元游均制历]/.test(after ?? '') && !t.startsWith('以内', i + m[0].length)) {
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
    if (n !== undefined && n >= 1 && n <= 30) {
      const s = planStart(n);
      return makeSpan(C.plan, i, i + m[0].length, 'plan-period', undefined, `${s}..${s + 4}`);
    }
  }
  // 本月, 上月底
  if ((m = exec(RE.relMonth, t, i)) && prev !== '以' && prev !== '每') {
    let end = i + m[0].length;
    const rel = resolveRelMonth(st, ctx, m[1]);
    // 上月23日, 本月15日
    const d = m[2] ? null : exec(RE.day, t, end);
    const day = d ? num(d[1]) : undefined;
    if (d && day !== undefined && day >= 1 && day <= 31) {
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
      if (isCnNumeral(prev) || isDigit(prev) || (prev !== undefined && /[多余全每近两几数]/.test(prev))) return undefined;
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
