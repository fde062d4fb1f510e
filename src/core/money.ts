/**
 * MONEY recognizer (see gold GUIDELINES.md, section "money").
 *
 * Works on the normalised working text (simplified characters, ASCII digits,
 * ruby artifacts removed). One linear regex scan finds every number-like
 * "amount core" (Arabic, Chinese numerals or a mix, with magnitudes, inner
 * approximators and ranges) together with an optional currency symbol before
 * it and an optional currency unit after it. Then:
 *   - with a currency unit or symbol: money, wherever it stands;
 *   - without: money only when the amount has a 万/亿 magnitude, is not a
 *     count/area/capacity (measure word after it) or a category qualifier
 *     (`两个200亿产值产业`, `百亿级`), and a finance word governs it in its
 *     clause, or the same figure is money elsewhere in the text, or it
 *     continues a list of money figures in the same sentence.
 */
import type { DocContext, Span } from './types';
import { addDecimal, amountValue, digitValue, shiftDecimal, toDecimalString, toNumber, type Decimal } from './numbers';
import {
  AMOUNT_GAP, AMOUNT_STEPS, BARE_UNITS, CAPITAL, CLOSING, FRACTION, MULTIPLIER, MULTIPLIER_RE, NOT_YUAN_AFTER, POST_WORD,
  POST_WORD_RE, RANGE_SEP, REAL_NUMERALS, SYMBOL_RE, UNITS, UNIT_NEEDS_DIGITS, UNIT_NEEDS_FRACTION, UNIT_RE, WORD_SYMBOL_RE,
  WORD_SYMBOLS, YUAN, amountCore,
} from './patterns';

// ---------------------------------------------------------------- patterns

// The vocabulary (units, symbols, numerals, the amount pattern) lives in patterns.ts,
// shared with the TextMate grammar (grammar.ts).
const UNIT_CODE = new Map(UNITS);
const isWordSymbol = (sym: string | undefined) => sym !== undefined && WORD_SYMBOLS.includes(sym);
const CAPITAL_CHAR = new RegExp(`[${CAPITAL}]`);
const hasCapital = (s: string) => CAPITAL_CHAR.test(s);
/** A numeral that gives a pure Chinese amount a value (not 零元). */
const REAL_NUMERAL = new RegExp(`[${REAL_NUMERALS}]`);
const BARE_UNIT = new RegExp(`^(?:${BARE_UNITS.join('|')})$`);
/** Currency words that may precede the amount: outside the span, but they settle the currency. */
const PREFIX_WORD: Record<string, string> = {
  新台币: 'TWD', 台币: 'TWD', 港币: 'HKD', 港元: 'HKD', 美元: 'USD', 美金: 'USD', 欧元: 'EUR',
  日元: 'JPY', 英镑: 'GBP', 澳门币: 'MOP', 澳元: 'AUD', 加元: 'CAD', 韩元: 'KRW', 卢布: 'RUB',
};
const PREFIX_WORD_RE = /(新台币|台币|港币|港元|美元|美金|欧元|日元|英镑|澳门币|澳元|加元|韩元|卢布) ?$/;

const CORE = amountCore([...AMOUNT_STEPS, AMOUNT_GAP]);
const SEP = RANGE_SEP;

/**
 * Groups: 1 symbol, 2 first amount, 3 unit of the first end of a range, 4 range
 * separator, 5 second amount, 6 English multiplier, 7 unit, 8 角/分 part and
 * 整/正, 9 currency word after the unit.
 */
const MAIN = new RegExp(
  `(?<!\\d)(?<!\\d[.,])(?:(${WORD_SYMBOL_RE}|${SYMBOL_RE}) ?)?(${CORE})(?:(?: ?(${UNIT_RE}))? ?(${SEP}) ?(${CORE}))?` +
    `(?: ?(${MULTIPLIER_RE})(?![A-Za-z]))?(?: ?(${UNIT_RE}))?` +
    `((?:${FRACTION})?${CLOSING}?)(${POST_WORD_RE})?`,
  'g',
);

/**
 * Start and end offsets of MAIN's groups 2–9 in the text, walked from the match
 * (cheaper than the `d` flag on every match); an unmatched group gets its position.
 */
function groupOffsets(text: string, m: RegExpExecArray): [number, number][] {
  const pos: [number, number][] = [];
  let p = m.index;
  const take = (g: number, spaced: boolean) => {
    const s = m[g];
    if (s !== undefined && spaced && text[p] === ' ' && !s.startsWith(' ')) p++;
    pos[g] = [p, p + (s?.length ?? 0)];
    p += s?.length ?? 0;
  };
  if (m[1] !== undefined) {
    p += m[1].length;
    if (text[p] === ' ') p++;
  }
  take(2, false);
  if (m[5] !== undefined) {
    take(3, true);
    take(4, true);
    take(5, true);
  } else {
    pos[3] = [p, p];
    pos[4] = [p, p];
    pos[5] = [p, p];
  }
  take(6, true);
  take(7, true);
  take(8, false);
  take(9, false);
  return pos;
}

/** After a pure Chinese numeral, `元` in these words is not money (二元结构, 元旦, 一元二次). */
const NOT_YUAN = new RegExp(`^[${NOT_YUAN_AFTER}]`);

/** Measure words: a unit-less figure followed by one is a count, area or capacity. */
const MEASURE = new RegExp(
  '^(?:[多余]|以上|以下|左右)?(?:[ ]?)(?:' +
    [
      '人(?!民币)', '名', '户', '家', '个', '项(?!目)', '次', '吨', '千瓦', '兆瓦', '吉瓦', '瓦', '度', '平方', '平米', '亩', '公顷', '顷',
      '公里', '公吨', '千米', '米', '立方', '方(?![面案式向])', '辆', '台(?![湾阶])', '套', '件', '株', '棵', '头', '只(?![有是能要])',
      '份(?!额)', '张', '册', '条', '座', '栋', '幢', '位(?!于)', '片', '颗', '块', '篇', '部(?![分门署])', '架', '艘', '列', '班',
      '批(?![准复示])', '届', '岁', '年(?![产均度增销收营利])', '月', '日', '天(?!然)', '小时', '分钟', '秒', '倍', '股(?!权)',
      '手(?![续段])', '笔', '箱', '桶', '标箱', '升', '千升', '克', '千克', '公斤', '斤', '盒', '瓶', '包(?![括含])', '袋', '匹', '枚', '粒',
      '剂', '针', '例', '场(?![景所馆地])', '字', '级', '册', '羽', '尾', '人次', '标准', '单位', '像素', '光年', '年度',
      '[A-Za-z](?<!G(?=DP))', '%', '‰',
    ].join('|') +
    ')',
);

/** Finance words that make a unit-less amount money. */
const FINANCE =
  '总投资|投资额|投资|投入|资金|资本金|资本|出资|融资|筹资|筹集|募资|募集|斥资|耗资|注资|增资|产值|销售额|销售收入|' +
  '营收|营业收入|营业额|收入|收益|利润|净利|盈利|亏损|预算|造价|GDP|地区生产总值|生产总值|经济总量|增加值|市值|估值|' +
  '贷款|欠款|工程款|拨款|款项|借款|存款|余额|税收|税款|财政|成本|费用|经费|开支|支出|花费|花了|补贴|补助|奖励|奖金|' +
  '基金|资产|债务|负债|交易额|成交额|贸易额|进出口|出口额|进口额|零售额|消费|价值|总额|金额|价格|售价|票房|捐款|捐赠|赔偿|罚款|' +
  '效益|支票|身家|财富|现金|租金|授信|保费|赤字|储备|拨付|动用|耗费|花销|价款|房款|货款|工资|薪酬|总值|经济规模|产业规模|市场规模|资产规模|交易规模|减税|降费|退税|税费|债券|专项债|外资|内资|引资|合同额|签约额|订单|营业额|赞助|拨备|投放|收购|并购|出售|转让';
/** Count nouns: when one is nearer than any finance word, the figure is not money. */
const COUNT =
  '投资者|投资人|人口|人次|人数|游客|旅客|客流|用户|员工|职工|就业|岗位|面积|产量|吞吐量|装机|容量|发电量|用电量|销量|' +
  '居民|群众|常住|户籍|农民|学生|观众|网民|粉丝|车辆|车流|客运|货运|流量|访问|浏览|播放|阅读|点击|下载|注册|签名|票数|' +
  '产能|年产|民众|市民|人员|人才|会员|患者|病例|确诊|样本|土地|亩|吨|千瓦|平方米|立方米|公里|粮食';
const GOV_BEFORE = new RegExp(`(?:(${COUNT})|(${FINANCE}))`, 'g');
const GOV_AFTER = new RegExp(`^[^，,。；;！？!?\\n]{0,10}?(?:(${COUNT})|(${FINANCE}))`);

const CLAUSE_END = /[，,。；;！？!?]/;
const SENTENCE_END = /[。！？!?]/;

// ---------------------------------------------------------------- confidence

/**
 * Confidence of a money span (Span.confidence) by the kind of evidence that made
 * it money, decided where the rule fires. Explainable levels, not a model:
 *
 *   explicit     0.97  a value with a unit, symbol or word that names the currency
 *                      (`2610万美元`, `45.51亿元人民币`, `HK$30亿`, `US$3.5 million`, `¥500`)
 *   yuan         0.93  a value with a bare 元/圆/块 in mainland text: CNY by default
 *                      (`548.5亿元`, `十块三毛`)
 *   regional     0.85  a value with a bare 元 or `$` in Hong Kong or Taiwan text: only the
 *                      detected region settles the currency (such texts quote mainland
 *                      and US figures too); also a currency word before a unit-less
 *                      amount (`港币500万`)
 *   approximate  0.8   a range or approximation with a unit, no value (`10-20亿元`,
 *                      `30多亿美元`)
 *   coordinated  0.8   a unit-less amount given the currency that closes its coordination
 *                      (`300万` in `300万及120万人民币`)
 *   governed     0.7   a unit-less amount with 万/亿 governed by a finance word in its
 *                      clause (`总投资120亿`, `4000亿产值`)
 *   echoed       0.6   a unit-less amount that repeats a money figure of the text or
 *                      continues a list of money figures in its sentence
 *   bare         0.55  a bare magnitude without digits, governed (`千万债务`, `投资百亿`)
 *
 * Table-column amounts (`合同金额（万元）` over bare numbers: optional in the gold)
 * are not recognised, so they have no level. A span's level is the lowest that
 * applies (a governed range is `governed`).
 */
export const MONEY_CONFIDENCE = {
  explicit: 0.97,
  yuan: 0.93,
  regional: 0.85,
  approximate: 0.8,
  coordinated: 0.8,
  governed: 0.7,
  echoed: 0.6,
  bare: 0.55,
} as const;

// ---------------------------------------------------------------- recognizer

const regionCurrency = (ctx: DocContext) => (ctx.region === 'hk' ? 'HKD' : ctx.region === 'tw' ? 'TWD' : 'CNY');

function symbolCurrency(sym: string, ctx: DocContext): string | undefined {
  switch (sym) {
    case 'HK$': return 'HKD';
    case 'US$': return 'USD';
    case 'NT$': return 'TWD';
    case 'S$': return 'SGD';
    case 'A$': return 'AUD';
    case 'C$': return 'CAD';
    case 'RMB': case '¥': case '人民币': return 'CNY';
    case '新台币': return 'TWD';
    case '€': return 'EUR';
    case '£': return 'GBP';
    case '$': return ctx.region === 'hk' ? 'HKD' : ctx.region === 'tw' ? 'TWD' : 'USD';
  }
  return undefined;
}

interface Cand {
  start: number;
  end: number;
  core: string; // the whole amount text without symbol/unit (for echo matching)
  value?: Decimal;
  currency?: string;
  ranged: boolean;
  hasUnit: boolean;
  mag: string; // last magnitude character (万/亿) for unit-less figures
  accepted?: boolean; // a unit-less figure already taken as money
  conf: number; // MONEY_CONFIDENCE level of the rule that made it money
}

const hasMagnitude = (core: string) => /[万亿兆]$/.test(core.replace(/\s/g, ''));
const hasDigit = (core: string) => /[\d一二两三四五六七八九几数壹贰叁参肆伍陆柒捌玖]/.test(core);

/** Nearest governing keyword before `pos` in its clause: 'finance', 'count' or undefined. */
function governedBefore(text: string, pos: number): 'finance' | 'count' | undefined {
  let from = pos;
  const limit = Math.max(0, pos - 30);
  while (from > limit && !CLAUSE_END.test(text[from - 1])) from--;
  const clause = text.slice(from, pos);
  GOV_BEFORE.lastIndex = 0;
  let last: 'finance' | 'count' | undefined;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  while ((m = GOV_BEFORE.exec(clause))) {
    last = m[1] ? 'count' : 'finance';
    lastEnd = m.index + m[0].length;
  }
  // A count noun governs only a figure close after it (常住人口1400万).
  if (last === 'count' && clause.length - lastEnd > 10) return undefined;
  return last;
}

/** The keyword governing a figure from after it in its clause, and how many characters lie between. */
function governedAfter(text: string, end: number): { kind: 'finance' | 'count'; gap: number } | undefined {
  const m = GOV_AFTER.exec(text.slice(end, end + 24));
  if (!m) return undefined;
  const word = m[1] ?? m[2];
  return { kind: m[1] ? 'count' : 'finance', gap: m[0].length - word.length };
}

const FINANCE_END = new RegExp(`(?:${FINANCE})$`);
/** A finance word ends right before `pos`. */
const financeAdjacentBefore = (text: string, pos: number) => FINANCE_END.test(text.slice(Math.max(0, pos - 8), pos));

/** Joins coordinated amounts (`300万及120万人民币`). */
const COORD = /^ ?(?:及|以及|和|与|、|或|或者|同) ?$/;
/** Measure characters that also begin ordinary words (台 in a place name, 部 in 部门…). */
const AMBIGUOUS_MEASURE = /^[台部家场方位只块条座片头班列张]/;
const isHan = (c: string | undefined) => c !== undefined && c >= '\u3400' && c <= '\u9fff';

/** Value of a 角/分 part (`5角`, `1角1分`, `三毛`, `2分`) in yuan. */
function fracValue(frac: string): Decimal {
  let jiao = 0;
  let fen = 0;
  let digit = 0;
  for (const ch of frac) {
    const d = digitValue(ch);
    if (d !== undefined) digit = d;
    else if (ch === '角' || ch === '毛') jiao = digit;
    else if (ch === '分') fen = digit;
  }
  return { mantissa: BigInt(jiao * 10 + fen), scale: 2 };
}

export function findMoney(text: string, ctx: DocContext): Span[] {
  const out: Cand[] = [];
  const pending: Cand[] = []; // unit-less figures not governed in their clause
  const bareSeen: Cand[] = []; // unit-less figures that passed the count and category checks
  MAIN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MAIN.exec(text))) {
    const ix = groupOffsets(text, m);
    const sym = m[1];
    const a = m[2];
    let unit1: string | undefined = m[3], sep: string | undefined = m[4], b: string | undefined = m[5];
    let mult: string | undefined = m[6], unit: string | undefined = m[7], post: string | undefined = m[9];
    let frac = m[8] ?? '';
    const at = (g: number) => ix[g];
    const start = m.index;
    let end = start + m[0].length;
    const coreStart = at(2)[0];
    const cut = (to: number) => {
      end = to;
      MAIN.lastIndex = to;
    };

    // A range written with the unit on both ends (`57,001元至74,100元`) is one mention; a
    // first end with a unit and a second without, or a change `从1亿元至2亿元`, is not a range.
    if (unit1 && b !== undefined && (!unit || /[从由]$/.test(text.slice(Math.max(0, coreStart - 1), coreStart)))) {
      unit = unit1;
      cut(at(3)[1]);
      unit1 = sep = b = mult = post = undefined;
      frac = '';
    }
    // English multipliers count only after a currency symbol; a single letter only when attached.
    if (mult && (!sym || isWordSymbol(sym) || (mult.length === 1 && text[at(6)[0] - 1] === ' '))) {
      cut(at(6)[0]);
      mult = unit = post = undefined;
      frac = '';
    }
    // A 角/分 part or 整 only after 元 (块, 圆).
    if (frac && !(unit && BARE_UNIT.test(unit))) {
      cut(at(8)[0]);
      frac = '';
      post = undefined;
    }
    // 块 is money only with a 毛/角/分 part (十块三毛); 圆 only after digits or capital numerals.
    if (unit === UNIT_NEEDS_FRACTION && !/[角毛分]/.test(frac)) continue;
    const aEnd = b !== undefined ? at(5)[1] : at(2)[1];
    let core = text.slice(coreStart, aEnd);
    if (unit === UNIT_NEEDS_DIGITS && !/\d/.test(core) && !hasCapital(core)) continue;
    // 整/正 closes a written-out sum; after an ordinary amount only before punctuation or the end.
    if (/[整正]$/.test(frac)) {
      const ok = frac.length > 1 || hasCapital(core) || !isHan(text[end]);
      if (!ok) {
        frac = frac.slice(0, -1);
        if (post) post = undefined;
        cut(unit ? at(7)[1] + frac.length : end - 1);
      }
    }
    // A currency word after the amount only after 元 (or an amount with no unit).
    if (post && unit && !BARE_UNIT.test(unit)) {
      cut(at(9)[0]);
      post = undefined;
    }
    // Trailing space belongs to nothing.
    while (end > start && /\s/.test(text[end - 1])) end--;
    core = core.trimEnd();

    // Capital numerals are written with their unit (壹佰元); alone they are ordinary characters (大陆万家).
    if (!unit && hasCapital(core)) continue;
    const pureChinese = !/\d/.test(core);
    if (unit) {
      const unitEnd = at(7)[1];
      if (unit === YUAN && pureChinese && !/[万亿]/.test(core) && !frac && NOT_YUAN.test(text.slice(unitEnd, unitEnd + 1))) continue;
      if (pureChinese && !REAL_NUMERAL.test(core)) continue; // 零元, 〇元
    }

    // Without a unit, or a symbol other than a currency word, only a figure with 万/亿 can be money:
    // most numbers of a text (years, counts) end here, before their value is computed.
    if (!unit && !hasMagnitude(core) && (!sym || isWordSymbol(sym))) continue;

    const ranged = b !== undefined;
    let value: Decimal | undefined;
    if (!ranged) value = amountValue(core);
    else if (amountValue(a) === undefined && !/[几数多余]/.test(a)) continue;
    if (!ranged && value === undefined && !/[几数多余]/.test(core)) continue;
    if (value && mult) value = shiftDecimal(value, MULTIPLIER[mult]);
    if (value && frac && /[角毛分]/.test(frac)) value = addDecimal(value, fracValue(frac));

    // Currency.
    const before = text.slice(Math.max(0, coreStart - 5), sym ? start : coreStart);
    const pw = sym ? undefined : PREFIX_WORD_RE.exec(before);
    let currency: string | undefined;
    if (post) currency = POST_WORD[post];
    else if (sym === '人民币' || unit === '人民币') currency = 'CNY';
    else if (unit && !BARE_UNIT.test(unit)) currency = UNIT_CODE.get(unit) ?? undefined;
    else if (sym) currency = symbolCurrency(sym, ctx);
    else if (pw) currency = PREFIX_WORD[pw[1]];
    else currency = regionCurrency(ctx);

    const cand: Cand = {
      start, end, core: core.replace(/[,\s]/g, ''), value, currency, ranged, hasUnit: !!unit, mag: '', conf: MONEY_CONFIDENCE.governed,
    };

    const after = text.slice(end, end + 8);
    if (unit || sym || pw) {
      if (!unit && !hasMagnitude(core) && (!sym || isWordSymbol(sym))) continue;
      if (!unit && (!sym || isWordSymbol(sym)) && MEASURE.test(after.replace(/^ +/, ''))) continue;
      // Which evidence settled the currency: a unit, symbol or word naming it, the region
      // (bare 元, $), or a currency word before a unit-less amount.
      const bareUnit = !unit || BARE_UNIT.test(unit);
      const named = !!post || (unit !== undefined && !bareUnit) || (sym !== undefined && sym !== '$');
      if (ranged || !value) cand.conf = MONEY_CONFIDENCE.approximate;
      else if (named) cand.conf = MONEY_CONFIDENCE.explicit;
      else if (unit && ctx.region === 'mainland' && sym === undefined && !pw) cand.conf = MONEY_CONFIDENCE.yuan;
      else cand.conf = MONEY_CONFIDENCE.regional;
      out.push(cand);
      // A currency closing a coordination applies to each amount (`300万及120万人民币`).
      let from = start;
      for (let k = bareSeen.length - 1; k >= 0 && COORD.test(text.slice(bareSeen[k].end, from)); k--) {
        const c = bareSeen[k];
        c.currency = currency;
        if (!c.accepted) {
          c.accepted = true;
          c.conf = MONEY_CONFIDENCE.coordinated;
          out.push(c);
        }
        from = c.start;
      }
      bareSeen.length = 0;
      continue;
    }

    // ---- unit-less figures
    if (!hasMagnitude(core)) continue;
    // A bare magnitude (百亿, 千万) counts only when governed, never the adverb 千万.
    const bare = !hasDigit(core);
    if (bare && (core.length < 2 || /^千万 ?[不别要莫得]/.test(text.slice(start, end + 2)))) continue;
    if (/[A-Za-z]$/.test(text.slice(Math.max(0, start - 1), start)) && !/GDP$/.test(text.slice(Math.max(0, start - 3), start))) continue;
    // A finance word right before the figure outweighs a measure character that also
    // begins a word (`效益3千亿台…` at a heading's end).
    const measured = MEASURE.test(after.replace(/^ +/, ''));
    if (measured && !(AMBIGUOUS_MEASURE.test(after) && isHan(after[1]) && financeAdjacentBefore(text, start))) continue;
    // Category qualifiers: 两个200亿产值产业, 10个三十亿以上项目, 百亿级.
    if (/个 ?$/.test(text.slice(Math.max(0, start - 2), start))) continue;
    if (/^(?:以上|以下)?的?(?:项目|企业|产业|集群|园区|工程|大项目)/.test(after)) continue;
    const gb = governedBefore(text, start);
    if (measured && gb !== 'finance') continue;
    cand.mag = core.replace(/\s/g, '').slice(-1);
    bareSeen.push(cand);
    const ga = governedAfter(text, end);
    if (gb === 'count' || (gb === undefined && ga?.kind === 'count')) continue;
    // A bare magnitude with a finance noun right after it is an amount (`千万债务`).
    if (gb === 'finance' || (ga?.kind === 'finance' && (!bare || ga.gap === 0))) {
      cand.accepted = true;
      cand.conf = bare ? MONEY_CONFIDENCE.bare : MONEY_CONFIDENCE.governed;
      out.push(cand);
    } else if (!bare) pending.push(cand);
  }

  // Unit-less figures that repeat a money figure of the text, or continue a
  // list of money figures in the same sentence (`A佔2,560億；B佔950億`).
  if (pending.length) {
    const known = new Set(out.filter((c) => c.value && !c.ranged).map((c) => c.core));
    const accepted = out.slice();
    out.length = 0;
    let prev: Cand | undefined;
    let i = 0;
    for (const c of pending) {
      if (c.accepted) continue;
      while (i < accepted.length && accepted[i].start < c.start) {
        prev = accepted[i++];
        out.push(prev);
      }
      let ok = known.has(c.core);
      if (!ok && prev && c.start - prev.end < 120 && !SENTENCE_END.test(text.slice(prev.end, c.start))) {
        ok = /[万亿](?=[^万亿]*$)/.exec(prev.core)?.[0] === c.mag;
      }
      if (ok) {
        c.conf = MONEY_CONFIDENCE.echoed;
        out.push(c);
        prev = c;
      }
    }
    while (i < accepted.length) out.push(accepted[i++]);
  }

  out.sort((x, y) => x.start - y.start || y.end - x.end);
  const spans: Span[] = [];
  let lastEnd = -1;
  for (const c of out) {
    if (c.start < lastEnd) continue;
    lastEnd = c.end;
    const span: Span = { start: c.start, end: c.end, confidence: c.conf };
    if (c.value && !c.ranged) {
      // The exact decimal always; a JS number only where it is finite (absurdly long
      // numerals overflow a double).
      span.amount = toDecimalString(c.value);
      const n = toNumber(c.value);
      if (Number.isFinite(n)) span.value = n;
    }
    if (c.currency) span.currency = c.currency;
    spans.push(span);
  }
  return spans;
}
