/**
 * The pattern vocabulary of the money and date recognizers, in one place: currency
 * units and symbols, numerals and magnitudes, the regular-expression sources of
 * date forms, the numeric bounds the recognizers check, and the characters of the
 * context rules they apply.
 *
 * money.ts and dates.ts build their regexes from these; grammar.ts builds the
 * TextMate injection grammar from the same sources (see there), so a unit, symbol
 * or date word added here is recognised by both. Everything is written for the
 * working text (simplified characters, ASCII digits: see normalize.ts); the
 * grammar widens each character to the original forms that fold to it.
 *
 * No `vscode` import, no state: plain strings, lists and small builders.
 */

/** Escapes a literal for use inside a regular expression. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ================================================================== money

/** Currency units after the amount (working text is simplified), longest first, with ISO codes. */
export const UNITS: [string, string | null][] = [
  ['新台币', 'TWD'], ['台币', 'TWD'], ['新加坡元', 'SGD'], ['新西兰元', 'NZD'], ['加拿大元', 'CAD'],
  ['澳大利亚元', 'AUD'], ['澳门元', 'MOP'], ['澳门币', 'MOP'], ['澳币', 'AUD'], ['瑞士法郎', 'CHF'],
  ['港元', 'HKD'], ['港币', 'HKD'], ['港纸', 'HKD'], ['美元', 'USD'], ['美金', 'USD'], ['欧元', 'EUR'],
  ['日元', 'JPY'], ['日圆', 'JPY'], ['韩元', 'KRW'], ['韩圆', 'KRW'], ['英镑', 'GBP'], ['加元', 'CAD'], ['澳元', 'AUD'],
  ['纽元', 'NZD'], ['新元', 'SGD'], ['卢布', 'RUB'], ['卢比', 'INR'], ['瑞郎', 'CHF'], ['法郎', 'CHF'],
  ['泰铢', 'THB'], ['越南盾', 'VND'], ['林吉特', 'MYR'], ['令吉', 'MYR'], ['兰特', 'ZAR'], ['雷亚尔', 'BRL'],
  ['里拉', 'TRY'], ['比索', null], ['人民币', 'CNY'], ['日币', 'JPY'], ['韩币', 'KRW'], ['块钱', null],
  // 块 is money only with a 毛/角/分 part after it (十块三毛); 圆 only after digits or capital numerals.
  ['块', null], ['圆', null], ['元', null],
];
export const UNIT_RE = UNITS.map(([u]) => u).join('|');

/** Units that name no currency: the region settles it. Only these take a 角/分 part, 整 or a currency word after them. */
export const BARE_UNITS = ['元', '圆', '块', '块钱'];
/** The plain yuan: after a pure Chinese numeral not money before some characters (see NOT_YUAN_AFTER). */
export const YUAN = '元';
/** A unit that is money only with a 毛/角/分 part after it (十块三毛, not 三块地). */
export const UNIT_NEEDS_FRACTION = '块';
/** A unit that is money only after Arabic digits or capital numerals (3圆, 壹佰圆). */
export const UNIT_NEEDS_DIGITS = '圆';
/** After a pure Chinese numeral without 万/亿, `元` before these is not money (二元结构, 元旦, 一元二次). */
export const NOT_YUAN_AFTER = '素件器宇旦宵月年代朝首帅老气化论次结组复一二三四五六七八九';

/** Currency symbols before the amount, longest first; `$` is the jurisdiction's dollar. */
export const SYMBOLS = ['HK$', 'US$', 'NT$', 'S$', 'A$', 'C$', 'RMB', '$', '¥', '€', '£'];
export const SYMBOL_RE = SYMBOLS.map(escapeRegExp).join('|');
/** Currency words that precede the amount inside the span (guidelines: 人民币, 新台币). */
export const WORD_SYMBOLS = ['人民币', '新台币'];
export const WORD_SYMBOL_RE = WORD_SYMBOLS.join('|');
/** Currency words directly after 元 that name the currency (`9000元日币`): in the span. */
export const POST_WORD: Record<string, string> = {
  人民币: 'CNY', 日币: 'JPY', 港币: 'HKD', 港纸: 'HKD', 美金: 'USD', 新台币: 'TWD', 台币: 'TWD', 澳门币: 'MOP', 韩币: 'KRW',
};
export const POST_WORD_RE = Object.keys(POST_WORD).join('|');
/** English multipliers after an amount with a currency symbol (`US$3.5 million`): powers of ten. */
export const MULTIPLIER: Record<string, number> = { thousand: 3, k: 3, million: 6, mn: 6, m: 6, billion: 9, bn: 9, b: 9, trillion: 12 };
/** The multipliers in the order the amount regex tries them. */
export const MULTIPLIER_RE = 'million|billion|trillion|thousand|mn|bn|m|b|k';

/** Capital numerals (大写), as the working text has them (參 folds to 参). */
export const CAPITAL = '壹贰叁参肆伍陆柒捌玖拾佰仟';
/** Chinese numerals and magnitudes of an amount. */
export const CN = `零〇○一二两三四五六七八九十百千万亿兆${CAPITAL}`;
/** Numerals that give a pure Chinese amount a value (not 零元, 〇元). */
export const REAL_NUMERALS = `一二两三四五六七八九十百千万亿几数${CAPITAL}`;
/** A digit of a 角/分 part. */
export const FRAC_DIGIT = '[0-9零〇一二两三四五六七八九壹贰叁参肆伍陆柒捌玖]';
/** A 角/分 part after 元 (`5角`, `1角1分`, `三毛`, `2分`). */
export const FRACTION = `零?${FRAC_DIGIT}[角毛](?:零?${FRAC_DIGIT}分(?!钟))?|零?${FRAC_DIGIT}分(?!钟)`;
/** What closes a written-out sum (`壹佰元整`). */
export const CLOSING = '[整正]';

/** An Arabic number: thousands commas, decimals. */
export const AR = '(?:\\d{1,3}(?:,\\d{3})+(?![\\d,])|\\d+)(?:\\.\\d+)?';
/** How an amount starts: `数` before a magnitude, Arabic digits, a Chinese numeral or 几. */
export const AMOUNT_START_PARTS = ['数(?=[十百千万亿兆])', AR, `[${CN}几]`];
/** What may follow inside an amount; `几`/`数`/`多`/`余` inside make it approximate. */
export const AMOUNT_STEPS = [
  AR,
  `[${CN}几]`,
  '点(?=[零〇○一二三四五六七八九])',
  '个(?=[万亿兆])',
  `[多余](?=[十百千万亿兆]|个[万亿兆]|${UNIT_RE})`,
];
/** A space or line break before a magnitude (`3 亿`, a hard-wrapped `3\n亿`). */
export const AMOUNT_GAP = '(?: |\\r?\\n)(?=[万亿兆])';
/** One amount: a start and any number of steps. */
export const amountCore = (steps: readonly string[], starts: readonly string[] = AMOUNT_START_PARTS) =>
  `(?:${starts.join('|')})(?:${steps.join('|')})*`;
/** Separators of a range of amounts. */
export const RANGE_SEP = '[-－~～—–]|至|到';

// ================================================================== dates

/** Up to two spaces/tabs between the parts of a date (`民国 85 年 3 月28 日`). */
export const S = '[ \\t]{0,2}';
export const DASH = '(?:[-—–~～]|至|到)';
export const CN_MONTH = '(?:十[一二]?|[一二三四五六七八九])';
export const CN_DAY = '(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])';
// O: a full-width Ｏ used as a zero (二Ｏ二Ｏ年), folded to Latin by normalisation.
export const CN_DIGIT = '[〇零○O一二三四五六七八九]';
export const DAY_PART =
  '(?:上午|下午|中午|晚上|晚间|凌晨|早上|早晨|清晨|傍晚|夜间|深夜|夜里|午后|午间|晚(?![会报宴餐饭霞期年辈清点间上]))';
/** What may follow 年中 when it is mid-year (`93年中延宕`), not 年 + a word in 中 (`2024年中国`, `年中期`). */
export const MID_NEXT = '(?=[^\\u3400-\\u9fff]|[延前后起止时到至开完推落竣通投启举召即已将再才便就更仍也又均皆都亦])';
/** Relative year words: 下年 is Hong Kong's 明年. */
export const REL_YEAR = '[今本去上下明前来同次翌当]';
/** 初 as "early in" (not 初步, 初期, 初级, 初中, 初心). */
export const EARLY = '初(?![步期级中心])';
/** Parts of a month. */
export const MONTH_PART = `上中旬|中下旬|上旬|中旬|下旬|底|${EARLY}|末|尾`;
/** The end of a day: 日, or 号 not in 号线, 号楼, 号院, 号令. */
export const DAY_MARK = '(?:日|号(?![线楼院令]))';
/** Quarters: 一季度, 第三季 (Hong Kong, Taiwan), 前三季度; a bare 四季 is the four seasons. */
export const QUARTER = '(?:第([一二三四1-4])季度?|([一二三四1-4])季度|前([一二三两2-3])(?:个)?季度?)(?![节风])';
export const HALF_YEAR = '([上下])半年';
/** The end or start of a quarter or half-year (`一季度末`, `上半年底`). */
export const PERIOD_END = `(末|${EARLY}|底)`;
/** Plan periods: 十四五 (not 十五万, 十五个…). */
export const PLAN = '十([一二三四五六七八九])五(?![万亿千百个元人岁米天年倍%分秒斤吨家户名位项条座次号])';
/** The Taiwan calendar's era word (working text: 民國 folds to 民国). */
export const MINGUO = '民国';

/** The numeric parts of the date sources: the core reads digits and checks them against DATE_BOUNDS. */
export interface DateNumbers {
  /** A four-digit year (year4, yearRange). */
  year: string;
  /** The year of a numeric date (2018-03-16). */
  numYear: string;
  month: string;
  day: string;
  /** The hour of a numeric date-time. */
  numHour: string;
  /** The hour of a clock time after a day. */
  hour: string;
  /** Two-digit minutes. */
  minute2: string;
  /** One- or two-digit minutes (`9时5分`). */
  minute: string;
  /** A 民国 year in digits and in Chinese numerals. */
  minguo: string;
  minguoCn: string;
  /** A year of Chinese digits (二〇二六). */
  cnYear: string;
  /** The year in brackets of 今(113)年. */
  twRelYear: string;
  /** The plan number of 第十五个五年. */
  planLong: string;
}

/** What the core's regexes read; the checks of DATE_BOUNDS follow in code. */
export const CORE_DATE_NUMBERS: DateNumbers = {
  year: '\\d{4}',
  numYear: '\\d{4}',
  month: '\\d{1,2}',
  day: '\\d{1,2}',
  numHour: '\\d{1,2}',
  hour: '\\d{1,2}',
  minute2: '\\d{2}',
  minute: '\\d{1,2}',
  minguo: '\\d{1,3}',
  minguoCn: '[〇零一二三四五六七八九十百]{1,4}',
  cnYear: `${CN_DIGIT}{4}`,
  twRelYear: '\\d{2,4}',
  planLong: '[一二三四五六七八九十]{1,3}',
};

/** Inclusive bounds the date recognizer checks a number against. */
export const DATE_BOUNDS = {
  /** A written year: 1000–2199. */
  year: [1000, 2199],
  /** A year before this followed by 前/后/来/之/历 is a span of time (1000年前). */
  durationalBelow: 1900,
  /** The year of a numeric date (2018-03-16). */
  numYear: [1900, 2199],
  month: [1, 12],
  day: [1, 31],
  /** The hour and minute of a numeric date-time. */
  numHour: [0, 23],
  /** A clock time after a day: 24时 is allowed. */
  hour: [0, 24],
  minute: [0, 59],
  /** 民国 years. */
  minguo: [1, 199],
  /** The year of 今(113)年 or 今(2024)年, after adding 1911 to an ROC year of up to three digits. */
  twRelYear: [1912, 2199],
  /** 第n个五年. */
  planLong: [1, 30],
} as const satisfies Record<string, number | readonly [number, number]>;

/** A year range closed by 年 (`2009至2012年`, `2013-2014年度`; not 年代). */
export const YEAR_RANGE_NIAN = `${S}年(?!代)(度)?`;

/** The regex sources of the date parser (dates.ts compiles each one sticky). */
export function dateSources(n: DateNumbers = CORE_DATE_NUMBERS) {
  return {
    numDate:
      `(${n.numYear})([-/.])(${n.month})\\2(${n.day})(?![\\d.])` +
      `(?:(?:[ \\t]{1,2}|T)(${n.numHour})[:：](${n.minute2})(?:[:：]\\d{2}(?:\\.\\d+)?)?(?!\\d))?`,
    fiscal: `(\\d{2}|\\d{4})${S}(?:[/-]|至|到)${S}(\\d{2})${S}(?:财政)?年度`,
    // 二〇二〇至二一年度, 二〇一九至二〇二〇年 (one mention)
    yearRangeCn: `(${CN_DIGIT}{4})${S}${DASH}${S}(${CN_DIGIT}{4}|${CN_DIGIT}{2})${S}年(度)?`,
    // 20240307: a compact date (checked against the calendar and its surroundings)
    compact: '((?:19|20)\\d\\d)(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])(?![0-9A-Za-z])',
    yearRange: `(${n.year})${S}${DASH}${S}(${n.year})(?:${YEAR_RANGE_NIAN}|(?=${S}[)）》”」』"]))`,
    yearRangeTw: `(\\d{2,3})${S}${DASH}${S}(\\d{2,3})${S}年(度)?`,
    twRel: `([今去明前])${S}[(（]${S}(${n.twRelYear})${S}[)）]${S}年`,
    numDateTw: '(\\d{2,3})([/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d.])',
    minguo: `${MINGUO}${S}(${n.minguo}|${n.minguoCn})${S}年`,
    year4: `(${n.year})${S}年`,
    yearCn: `(${n.cnYear})${S}年`,
    yearTw: `(\\d{2,3})${S}年`,
    yearRel: `(${REL_YEAR})年`,
    decade: '代',
    du: '度',
    de: `${S}的${S}`,
    sp: S,
    monthRange: `(${n.month})${S}${DASH}${S}(${n.month})${S}月(份)?`,
    month: `(${n.month}|${CN_MONTH})${S}月(份)?`,
    dayRange: `(${n.day})${S}[-—–~～]${S}(${n.day})${S}[日号]`,
    day: `(${n.day}|${CN_DAY})${S}${DAY_MARK}`,
    monthPart: `(${MONTH_PART})`,
    dayPart: DAY_PART,
    clock:
      `${S}(${n.hour})${S}(?:[:：](${n.minute2})(?:[:：]\\d{2})?(?!\\d)` +
      `|时(?:${S}(${n.minute})${S}分(?:${S}\\d{1,2}${S}秒)?)?` +
      `|点(?:${S}(${n.minute})${S}分(?:${S}\\d{1,2}${S}秒)?|(半))?)`,
    quarter: QUARTER,
    half: HALF_YEAR,
    yearPartAfterYear: `(年)?(${EARLY}|底|末|内(?!蒙)|尾|中${MID_NEXT})|年中(?![国央心])`,
    // 2007年夏季: a season after a year (no value)
    season: '([春夏秋冬])[季天]',
    yearPartAlone: `年(${EARLY}|底|末|内(?!蒙)|尾)`,
    periodEnd: PERIOD_END,
    relMonth: '([本上下])(?:个)?月(份)?',
    plan: PLAN,
    planLong: `第(${n.planLong})个五年`,
    bareYear: '((?:19|20)\\d\\d)(?![\\d.,，%])',
    mmdd: '(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(?=[ \\t]*(?:\\r?\\n|$))',
  };
}

/** Where a date can start: the date recognizer tries its parser only at these places. */
export const DATE_ANCHOR =
  '民国|\\d|[〇零○一二三四五六七八九十]|[今本去上下明前来同次翌当]年|[本上下]个?月|[上下]半年|年[初底末内尾]|第|前[一二三两2-3]个?季|[今去明前][ \\t]?[(（]';

/** Chinese numerals and quantity words: a date does not start right after one (二十五 is no plan period). */
export const DATE_CN_NUMERALS = '零〇○一二两三四五六七八九十百千万亿几数多半每';
/** Before a yearless month, quarter or part without a day: a count or span (第3月, 每3个月, 近3季度). */
export const NOT_BEFORE_YEARLESS = '第每近约前后几数个隔逐';
/** Before a day standing alone: a count of days (总共4日, 为期3日, 逾10日). */
export const NOT_BEFORE_DAY = '第每近约前后几数个隔逐共计历期满达逾超';
/** After a day standing alone: a count of days (3日内, 5日游, 30日历天). */
export const NOT_AFTER_DAY = '内元游均制历';
/** Before a part of a year standing alone (年底): a span (三年内, 每年底, 多年来). */
export const NOT_BEFORE_YEAR_PART = '多余全每近两几数';
/** Before a four-digit year: an approximation makes it a span of time (近2000年). */
export const NOT_BEFORE_YEAR = '近约超逾';
/** After an early year's 年: a span of time (1000年前, 1800年来). */
export const DURATION_AFTER_YEAR = '前后来之历';
/** Before a relative month (以上月, 每上月): not a date. */
export const NOT_BEFORE_REL_MONTH = '以每';

/** Words that precede a relative year word in a non-date compound (以上年度, 基本年, 光明年…). */
export const REL_BAD_BEFORE: Record<string, string> = {
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
/** After a relative year's 年: no date (年轻, 年纪, 年龄, 年级, 年华…). */
export const REL_BAD_AFTER = '轻纪龄级华限薪货画糕俸鉴';
/**
 * 来年/下年 after another word is a date alone only after one of these prepositions
 * (在来年, 于下年) or before a modal, adverb or punctuation showing a time word before
 * its verb (`政府来年会…`); otherwise only with a month, quarter or half-year.
 */
export const REL_FREE_AFTER = '在于到至等待的及和与或由从自';
export const REL_TIME_BEFORE = '会将要再仍也可亦还就都继续起，,。；;、';
/** Relative year words that need a month after them (同年1月, not 同年 alone). */
export const REL_YEAR_NEEDS_MONTH = '同当次翌';
