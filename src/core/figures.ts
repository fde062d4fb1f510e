/**
 * Figure checks: places where a text contradicts itself about its figures.
 * Pure (no `vscode`): the CLI (`policy-lens check`) and the editor diagnostics
 * call `checkFigures` / `checkText`.
 *
 * - `conflicting-amounts`: one project, one measure (总投资, 造价…), two amounts
 *   that cannot both be true. Only relations at or above CONFIDENT_RELATION, in
 *   different sentences, of the same phase, with currencies that agree (a bare 元
 *   is any yuan), the same plan / actual standing, and of a measure a project has
 *   one of (not 补助, 贷款, 成本… : MANY_VALUED). Left out: amounts scoped to a
 *   time (今年…, 截至目前…), amounts of a list or a 分别 run, amounts with a
 *   purpose after them (投资5亿元建设…), and sentences that speak of a revision
 *   (增至, 原本, 调整…). The amounts are read as intervals (a range, an
 *   approximation 约/近/超/余/多, the rounding of the last written digit) and
 *   conflict only when the intervals are disjoint.
 * - `parts-sum`: 一期 X + 二期 Y (…) against a stated total (总…/总体/合计/共 Z) in
 *   one passage about one project, for money and for quantities with a unit
 *   (千升, 吨, 兆瓦, 平方米, 亩…: read here, `readQuantities`). Every part and the
 *   total exact, in one unit family (converted exactly), the phases complete
 *   (1…k, none announced or named beyond); reported when the difference exceeds
 *   the rounding of the figures (half the unit of each one's last written digit).
 * - `magnitude-mismatch`: the same digits with a different magnitude or
 *   currency (548.5亿元 / 548.5万元, 2610万美元 / 2610万元): for two amounts of
 *   one project and measure, or anywhere in the text when the digits are
 *   distinctive enough to be the same figure (`isDistinctive`).
 *
 * A finding sits on the later place (the total, the odd one out) and names the
 * other(s) in `related`.
 *
 * Everything is read on the working text of `normalize` (simplified, ruby
 * artifacts dropped), so one set of word lists serves simplified, Hong Kong and
 * Taiwan text. Offsets are UTF-16 offsets into the original text. Values are
 * compared exactly (BigInt fixed point), never as floats.
 */
import { indexAt, lowerBound, sentences } from './sentences';
import { extractDocument } from './document';
import { normalize, toOriginal, type Normalized } from './normalize';
import { amountValue, toDecimalString, type Decimal } from './numbers';
import { CONFIDENT_RELATION, projectKey, relateProjects, type ProjectInfo } from './relations';
import type { Entity } from './types';

export type FigureCheckKind = 'conflicting-amounts' | 'parts-sum' | 'magnitude-mismatch';

/** A place in the text: UTF-16 offsets into it, and its characters. */
export interface FigurePlace {
  start: number;
  end: number;
  text: string;
}

export interface FigureFinding {
  kind: FigureCheckKind;
  /** The place the diagnostic sits on (the later figure, the total, or the odd one out). */
  start: number;
  end: number;
  /** The text of that place. */
  text: string;
  /** The other place(s) it contradicts (at least one), in text order. */
  related: FigurePlace[];
  /** Canonical project name. */
  project?: string;
  /** The measure as written at the diagnostic's place (总投资, 產能…), if any. */
  measure?: string;
  /** English, one line, naming both places. */
  message: string;
  /**
   * Values for an adapter to word the message itself, by kind:
   * - conflicting-amounts: project, measure, here, there, line (1-based line of `there`);
   * - parts-sum: project, measure, parts (`一期 70万千升 + 二期 30万千升`), sum, total, totalLabel, lines;
   * - magnitude-mismatch: here, there, line, differs (`magnitude` | `currency` | `magnitude and currency`), project?, measure?.
   */
  data: Record<string, string>;
}

// ---------------------------------------------------------------- exact arithmetic

/** Values are BigInt fixed point with SCALE decimals: exact for every amount the recognizers produce. */
const SCALE = 12;
const ONE = 10n ** BigInt(SCALE);

function fromDecimal(d: Decimal): bigint {
  return d.scale <= SCALE ? d.mantissa * 10n ** BigInt(SCALE - d.scale) : d.mantissa / 10n ** BigInt(d.scale - SCALE);
}

/** A decimal string (`548.5`, `54850000000`) as fixed point. */
function fromString(s: string): bigint | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return undefined;
  const frac = (m[3] ?? '').slice(0, SCALE).padEnd(SCALE, '0');
  const v = BigInt(m[2]) * ONE + BigInt(frac);
  return m[1] ? -v : v;
}

/** Fixed point to a plain decimal string. */
function fixedString(v: bigint): string {
  return toDecimalString({ mantissa: v, scale: SCALE }).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

const pow10 = (e: number) => 10n ** BigInt(e);
/** v × 10^e, exactly for e ≥ 0; truncated below the scale for e < 0 (only units of measure go below). */
const shift = (v: bigint, e: number) => (e >= 0 ? v * pow10(e) : v / pow10(-e));
const abs = (v: bigint) => (v < 0n ? -v : v);

// ---------------------------------------------------------------- numbers as written

const CN_DIGITS = '零〇○一二两三四五六七八九壹贰叁参肆伍陆柒捌玖';
const CN_PLACES: Record<string, number> = { 十: 1, 拾: 1, 百: 2, 佰: 2, 千: 3, 仟: 3, 万: 4, 亿: 8, 兆: 12 };
/** The number of an amount as written: digits, Chinese numerals, magnitudes, 点, approximators. */
const NUMBER_RE = new RegExp(`(?:\\d[\\d,]*(?:\\.\\d+)?|[${CN_DIGITS}十拾百佰千仟万亿兆点几数多余个])+`);

/**
 * The unit of the last written digit of a number (its precision), as a power of
 * ten: `548.5亿` → 7, `20亿` → 8, `五十亿` → 9, `2万5千` → 3, `8,845万` → 4.
 */
function lastDigitExponent(num: string): number {
  const s = num.replace(/[,\s]/g, '').replace(/个(?=[万亿兆])/g, '');
  let last = -1;
  for (let i = 0; i < s.length; i++) if (/\d/.test(s[i]) || CN_DIGITS.includes(s[i])) last = i;
  let exp = 0;
  if (last >= 0) {
    // Decimals of an Arabic number: 548.5 → -1.
    let j = last;
    while (j >= 0 && /\d/.test(s[j])) j--;
    if (j >= 0 && s[j] === '.') exp -= last - j;
    // Chinese decimals (一点五): the digits after 点.
    const dot = s.lastIndexOf('点', last);
    if (dot >= 0 && !/[十拾百佰千仟万亿兆]/.test(s.slice(dot, last))) exp -= last - dot;
  }
  for (let i = last + 1; i < s.length; i++) exp += CN_PLACES[s[i]] ?? 0;
  return exp;
}

/** How many significant digits an Arabic number has (`548.5` 4, `2610` 3, `1,000` 1, `0.05` 1). */
function significantDigits(digits: string): number {
  const [int, frac = ''] = digits.split('.');
  const all = (int + frac).replace(/^0+/, '');
  return frac ? all.length : all.replace(/0+$/, '').length;
}

// ---------------------------------------------------------------- intervals

/** Bounds of what a figure allows, fixed point; undefined bounds are open. */
interface Interval {
  lo?: bigint;
  hi?: bigint;
}

const APPROX_BEFORE: [RegExp, 'about' | 'under' | 'over' | 'atmost'][] = [
  // Not the 约 of 合约, 签约, 预约…
  [/(?:大约|大概|约为|约合|约计|约达|(?<![合签契条公预节制特邀履违])约)$/, 'about'],
  [/(?:将近|接近|近乎|不足|不到|未满|(?<![最附邻靠亲贴])近)$/, 'under'],
  [/(?:超过|超出|多于|高于|逾|超|突破|至少|不少于|不低于|起码)$/, 'over'],
  [/(?:最多|最高|不超过|不高于|不多于|至多|上限为|上限)$/, 'atmost'],
];
const APPROX_AFTER: [RegExp, 'about' | 'over' | 'atmost'][] = [
  [/^(?:左右|上下(?!游)|之谱)/, 'about'],
  // 多/余 alone only before punctuation (not 余额, 多用于).
  [/^(?:以上|有余|之多|[多余](?![\u3400-\u9fff]))/, 'over'],
  [/^(?:以下|以内|之内)/, 'atmost'],
];

/** The approximation around a figure in the working text, if any. */
function approximationAt(W: string, ws: number, we: number): 'about' | 'under' | 'over' | 'atmost' | undefined {
  const before = W.slice(Math.max(0, ws - 4), ws).replace(/\s+$/, '');
  for (const [re, k] of APPROX_BEFORE) if (re.test(before)) return k;
  const after = W.slice(we, we + 3);
  for (const [re, k] of APPROX_AFTER) if (re.test(after)) return k;
  return undefined;
}

/**
 * The interval of an exact value `v` written to the unit 10^`exp`, widened by an
 * approximation: exact ± half the last digit's unit; 约/左右 ±10 %; 近/不足 down to
 * 80 %; 超/以上/多/余 open above; 最多/以内 open below.
 */
function intervalOf(v: bigint, exp: number, approx: ReturnType<typeof approximationAt>): Interval {
  const half = shift(ONE, exp) / 2n;
  switch (approx) {
    case 'about': {
      const tenth = abs(v) / 10n;
      const w = tenth > half ? tenth : half;
      return { lo: v - w, hi: v + w };
    }
    case 'under':
      return { lo: (v * 8n) / 10n - half, hi: v + half };
    case 'over':
      return { lo: v - half };
    case 'atmost':
      return { hi: v + half };
    default:
      return { lo: v - half, hi: v + half };
  }
}

const disjoint = (a: Interval, b: Interval) =>
  (a.hi !== undefined && b.lo !== undefined && a.hi < b.lo) || (b.hi !== undefined && a.lo !== undefined && b.hi < a.lo);

/** A money entity's value(s): its exact amount, or the ends of a range / an approximation inside it (20多亿元). */
interface MoneyReading {
  /** Interval of the value in the currency's units. */
  interval: Interval;
  /** Exact when the text gives one value with no approximation. */
  exact?: bigint;
  /** Unit of the last written digit, as a power of ten (exact values). */
  exp: number;
  /** Arabic digits as written (commas dropped) of a single value; undefined for Chinese numerals or ranges. */
  digits?: string;
  /** The magnitude written after the digits (万, 亿, 千万, 万亿…) and English multipliers. */
  magnitude: string;
}

const RANGE_SPLIT = /^(.*?\d|.*?[一二两三四五六七八九十百千万亿])\s*(?:[-－~～—–]|至|到)\s*(.+)$/;

/** Reads a money entity's number from its working text. */
function readMoney(e: Entity, working: string, approx: ReturnType<typeof approximationAt>): MoneyReading | undefined {
  const t = working.replace(/\s+/g, '');
  const m = NUMBER_RE.exec(t);
  if (!m) return undefined;
  const rest = t.slice(m.index + m[0].length);
  const mult = /^(million|billion|trillion|thousand|mn|bn|m|b|k)(?![A-Za-z])/i.exec(rest);
  const multExp = mult ? ({ thousand: 3, k: 3, million: 6, mn: 6, m: 6, billion: 9, bn: 9, b: 9, trillion: 12 } as Record<string, number>)[mult[1].toLowerCase()] : 0;
  const num = m[0];
  const magnitude = (/[十拾百佰千仟万亿兆]*$/.exec(num.replace(/[,]/g, ''))?.[0] ?? '') + (mult ? mult[1].toLowerCase() : '');
  if (e.amount !== undefined) {
    const v = fromString(e.amount);
    if (v === undefined) return undefined;
    const exp = lastDigitExponent(num) + multExp;
    const arabic = /^\d[\d,]*(?:\.\d+)?/.exec(num);
    const digits = arabic && /^[\d,.]+[十拾百佰千仟万亿兆]*$/.test(num) ? arabic[0].replace(/,/g, '').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') : undefined;
    return { interval: intervalOf(v, exp, approx), exact: approx ? undefined : v, exp, digits, magnitude };
  }
  // A range (10-20亿元, 10亿至20亿元): the first end takes the second's magnitude when it has none.
  const r = RANGE_SPLIT.exec(t);
  if (r) {
    const n2 = NUMBER_RE.exec(r[2]);
    const n1 = NUMBER_RE.exec(r[1]);
    if (!n1 || !n2) return undefined;
    const mag = /[万亿兆]+$/.exec(n2[0])?.[0] ?? '';
    const a = amountValue(/[万亿兆]$/.test(n1[0]) ? n1[0] : n1[0] + mag);
    const b = amountValue(n2[0]);
    if (!a || !b) return undefined;
    const ea = lastDigitExponent(/[万亿兆]$/.test(n1[0]) ? n1[0] : n1[0] + mag);
    const eb = lastDigitExponent(n2[0]);
    return { interval: { lo: fromDecimal(a) - shift(ONE, ea) / 2n, hi: fromDecimal(b) + shift(ONE, eb) / 2n }, exp: eb, magnitude: mag };
  }
  // X多亿 / X余万: from X to the next step of its leading digit (20多亿: 20亿–30亿).
  const ap = /^(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)[多余]([十百千万亿兆]*)$/.exec(num.replace(/,/g, ''));
  if (ap) {
    const base = amountValue(ap[1] + ap[2]);
    if (!base) return undefined;
    const v = fromDecimal(base);
    // The step: the place of the leading digit (20 → 10, 300 → 100), times the magnitude.
    const lead = /^\d+/.test(ap[1]) ? (ap[1].split('.')[0].length - 1) : lastDigitExponent(ap[1]);
    let step = lead;
    for (const c of ap[2]) step += CN_PLACES[c] ?? 0;
    return { interval: { lo: v, hi: v + shift(ONE, step) }, exp: step, magnitude: ap[2] };
  }
  return undefined; // 几十亿, 数百万: no bounds
}

// ---------------------------------------------------------------- sentences and clauses


interface Layout {
  norm: Normalized;
  W: string;
  /** Working offset of an original offset. */
  toW: (o: number) => number;
  sentStarts: number[];
  clauseStarts: number[];
  paraOfSent: number[];
  sentAt: (w: number) => number;
  clauseAt: (w: number) => number;
  sentEnd: (s: number) => number;
  clauseEnd: (c: number) => number;
  /** 1-based line of an original offset. */
  lineAt: (o: number) => number;
}

function layout(text: string, entities: readonly Entity[]): Layout {
  const norm = normalize(text);
  const W = norm.text;
  const n = W.length;
  const toW = (o: number) => lowerBound(norm.starts, o);
  const covered = new Uint8Array(n);
  for (const e of entities) if (e.type !== 'project') covered.fill(1, toW(e.start), Math.max(toW(e.start), toW(e.end)));
  // Numbers with thousands commas and decimals (quantities are not entities).
  for (const m of W.matchAll(/\d[\d,.]*\d/g)) covered.fill(1, m.index!, m.index! + m[0].length);
  const cut = sentences(W, covered);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return {
    norm,
    W,
    toW,
    sentStarts: cut.sentStarts,
    clauseStarts: cut.clauseStarts,
    paraOfSent: cut.sentPara,
    sentAt: cut.sentAt,
    clauseAt: cut.clauseAt,
    sentEnd: cut.sentEnd,
    clauseEnd: cut.clauseEnd,
    lineAt: (o) => indexAt(lineStarts, o) + 1,
  };
}

// ---------------------------------------------------------------- conflicting amounts, magnitude mismatch

/** Measures a project has many amounts of (each grant, loan, cost item, year's investment): never compared. */
const MANY_VALUED = new Set([
  '投入', '引资', '拨款', '补助款', '补助资金', '补助', '补贴', '融资', '贷款', '费用', '成本', '开支', '经费', '工程款',
  '工程费用', '工程费', '设计费', '自筹资金', '自筹', '资金', '专项债', '合同', '合约', '利润', '税收', '纳税', '利税',
  '累计投资', '完成投资', '年度投资', '固定资产投资', '营收', '营业收入', '销售额', '营业额', '销售收入',
]);
/** An amount with its purpose right after it (投资5亿元建设厂房) is a part of the project, not its figure. */
const PURPOSE_AFTER = /^(?:用于|用作|用来|建设|新建|扩建|建成|购置|购买|实施|改造|打造|引进|新上|收购|兴建|興建)/;
/** A plan (计划, 预计…) or an actual (完成, 实际…) before the measure: compared only with its like. */
const PLAN = /(?:计划|拟|预计|规划|预算|估计|估算|初步|设计|预期|力争|争取|目标|意向|签约)/;
const ACTUAL = /(?:完成|实际|已投|到位|决算|实现|落实)/;
/** A figure scoped to a time (今年投资…, 截至目前…): not the project's own single figure. */
const TIME_SCOPED = /(?:今年|本年|年内|当年|去年|上年|明年|全年|上半年|下半年|季度|截至|截止|目前|至今|迄今|已|年底|年初|年末|月份|\d+月|每年|每月|年均|平均|首年)/;
/** A verb of the project's life between a time and the measure: the time is the event's (2008年7月开建总投资50亿元的…). */
const EVENT_VERB = /(?:开工|开建|动工|动土|奠基|签约|签署|落户|落地|通过|启动|获批|批准|批出|审议|核定|核准|立项|建成|竣工|完工|投产|开业|开通|通车|宣布|宣佈|公布|提出|举行)/;
/** Whether the words before a measure scope its figure to a time (今年…总投资, 截至目前累计…). */
function timeScoped(lead: string): boolean {
  let last: RegExpExecArray | null = null;
  const re = new RegExp(TIME_SCOPED.source, 'g');
  for (let m = re.exec(lead); m; m = re.exec(lead)) last = m;
  return last !== null && !EVENT_VERB.test(lead.slice(last.index + last[0].length));
}
/** A sentence that speaks of a revision or an earlier estimate: its figures are meant to differ. */
const REVISION = /(?:增至|增加至|增加到|增到|升至|上升至|上升到|增加了|减至|减少至|减少到|降至|下降至|调整|调增|调减|修订|修正|上调|下调|追加|超支|超出|原本|原先|原来|原定|原计划|原预算|原估算|当初|起初|最初|早前|早先|此前|之前|以前|曾经|曾|变更|提高至|提高到|提升至|暴涨|大增|飙升|削减|节省|节约|相比|较原|由\d|从\d)/;

/**
 * Digits distinctive enough to be the same figure wherever they stand (548.5, 2,345,
 * 45.51): 4+ significant digits, or 3+ with a decimal part. Round or short figures
 * (10, 2000, 1.5) recur in any text for unrelated things.
 */
export function isDistinctive(digits: string): boolean {
  const sig = significantDigits(digits);
  return sig >= 4 || (digits.includes('.') && sig >= 3);
}

/** Units that name a currency (港元, 美元, HK$, 人民币…); a bare 元/块/圆 or $ names none. */
const NAMED_CURRENCY = /(?:新台币|台币|港元|港币|港纸|美元|美金|欧元|日元|日圆|日币|韩元|韩圆|韩币|英镑|加元|澳元|澳币|纽元|新元|卢布|卢比|瑞郎|法郎|泰铢|越南盾|林吉特|令吉|兰特|雷亚尔|里拉|比索|人民币|澳门元|澳门币|新加坡元|新西兰元|加拿大元|澳大利亚元|瑞士法郎|HK\$|US\$|NT\$|S\$|A\$|C\$|RMB|[¥€£])/;
const YUAN_CURRENCIES = new Set(['CNY', 'HKD', 'TWD', 'MOP']);
const DOLLAR_CURRENCIES = new Set(['USD', 'HKD', 'TWD', 'SGD', 'AUD', 'CAD', 'NZD']);

/** The currency as written: a code where the text names it, `元` or `$` where it only says yuan or dollar. */
function writtenCurrency(e: Entity, working: string): string | undefined {
  if (!e.currency) return undefined;
  if (NAMED_CURRENCY.test(working)) return e.currency;
  return working.includes('$') ? '$' : '元';
}

/** Whether two written currencies can be the same: a bare 元 is any yuan (人民币, 港元, 新台币), a bare $ any dollar. */
function currenciesAgree(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === b) return true;
  const bare = (x: string) => x === '元' || x === '$';
  if (bare(a) && bare(b)) return true;
  if (bare(a)) return (a === '元' ? YUAN_CURRENCIES : DOLLAR_CURRENCIES).has(b);
  if (bare(b)) return (b === '元' ? YUAN_CURRENCIES : DOLLAR_CURRENCIES).has(a);
  return false;
}

interface Fig {
  e: Entity;
  ws: number;
  we: number;
  sent: number;
  reading?: MoneyReading;
  /** The currency as written (see writtenCurrency). */
  written?: string;
}

function place(e: Entity): FigurePlace {
  return { start: e.start, end: e.end, text: e.text };
}

/** Same digits written with another magnitude or currency (one value each; 约, 逾 around it change no digit). */
function mismatched(a: Fig, b: Fig): boolean {
  const ra = a.reading, rb = b.reading;
  if (!ra?.digits || ra.digits !== rb?.digits) return false;
  return ra.magnitude !== rb.magnitude || !currenciesAgree(a.written, b.written);
}

/** Between amounts of a list (2400亿元、450亿元和1700亿元; 内资45亿元、外资2610万美元). */
const LIST_JOIN = /^[\s\u3000]*(?:、|和|及|与|以及|或)[\s\u3000]*[\u3400-\u9fff]{0,4}$/;
/**
 * An amount of a list (A、B和C) or of a 分别 run in its sentence: a breakdown whose
 * items are different things, whatever project the sentence names.
 */
function inAmountList(L: Layout, fig: Fig, sameSentence: readonly Fig[]): boolean {
  const { W } = L;
  if (W.slice(L.sentStarts[fig.sent], fig.ws).includes('分别')) return true;
  return sameSentence.some((g) => {
    if (g === fig) return false;
    const [a, b] = g.we <= fig.ws ? [g.we, fig.ws] : fig.we <= g.ws ? [fig.we, g.ws] : [-1, -1];
    return a >= 0 && b - a <= 8 && LIST_JOIN.test(W.slice(a, b));
  });
}

function checkConflicts(L: Layout, projects: readonly ProjectInfo[], readings: Map<Entity, Fig>, out: FigureFinding[], reportedPairs: Set<string>): void {
  const { W } = L;
  const bySentence = new Map<number, Fig[]>();
  for (const g of new Set(readings.values())) bySentence.set(g.sent, [...(bySentence.get(g.sent) ?? []), g]);
  for (const p of projects) {
    const groups = new Map<string, { fig: Fig; measure: string; key: string }[]>();
    for (const f of p.figures) {
      if (f.confidence < CONFIDENT_RELATION || !f.measureKey) continue;
      const fig = readings.get(f.entity);
      if (!fig?.reading || !fig.written) continue;
      const c = L.clauseAt(fig.ws);
      const mw = f.measureStart !== undefined ? Math.min(L.toW(f.measureStart), fig.ws) : fig.ws;
      const lead = W.slice(L.clauseStarts[c], mw);
      const sentence = W.slice(L.sentStarts[fig.sent], L.sentEnd(fig.sent));
      if (timeScoped(lead) || REVISION.test(sentence) || PURPOSE_AFTER.test(W.slice(fig.we, fig.we + 2))) continue;
      if (inAmountList(L, fig, bySentence.get(fig.sent) ?? [])) continue;
      const standing = PLAN.test(lead + f.measureKey) ? 'plan' : ACTUAL.test(lead + f.measureKey) ? 'actual' : '';
      const key = [f.measureKey, f.phase ?? '', standing].join('|');
      const list = groups.get(key) ?? [];
      list.push({ fig, measure: f.measure ?? f.measureKey, key: f.measureKey });
      groups.set(key, list);
    }
    for (const list of groups.values()) {
      const values = new Set<string>();
      for (let i = 1; i < list.length; i++) {
        const b = list[i];
        for (let j = 0; j < i; j++) {
          const a = list[j];
          if (a.fig.sent === b.fig.sent) continue;
          const pair = `${a.fig.e.start}:${b.fig.e.start}`;
          // Same digits in another magnitude or currency: the more specific finding.
          if (mismatched(a.fig, b.fig)) {
            if (!reportedPairs.has(pair)) {
              reportedPairs.add(pair);
              out.push(mismatch(L, b.fig, a.fig, p.name, b.measure));
            }
            break;
          }
          if (MANY_VALUED.has(b.key) || !currenciesAgree(a.fig.written, b.fig.written)) continue;
          if (!disjoint(a.fig.reading!.interval, b.fig.reading!.interval)) continue;
          // Each pair of values once (20亿 then 25亿 twice: one finding).
          const vk = `${a.fig.e.amount ?? a.fig.e.text}|${b.fig.e.amount ?? b.fig.e.text}`;
          if (!values.has(vk)) {
            values.add(vk);
            reportedPairs.add(pair);
            const line = L.lineAt(a.fig.e.start);
            out.push({
              kind: 'conflicting-amounts',
              start: b.fig.e.start,
              end: b.fig.e.end,
              text: b.fig.e.text,
              related: [place(a.fig.e)],
              project: p.name,
              measure: b.measure,
              message: `${p.name}: ${b.measure} ${b.fig.e.text} here, ${a.fig.e.text} on line ${line}`,
              data: { project: p.name, measure: b.measure, here: b.fig.e.text, there: a.fig.e.text, line: String(line) },
            });
          }
          break;
        }
      }
    }
  }
}

function mismatch(L: Layout, here: Fig, there: Fig, project?: string, measure?: string): FigureFinding {
  const line = L.lineAt(there.e.start);
  const mag = here.reading!.magnitude !== there.reading!.magnitude;
  const cur = !currenciesAgree(here.written, there.written);
  const differs = mag && cur ? 'magnitude and currency' : mag ? 'magnitude' : 'currency';
  const data: Record<string, string> = { here: here.e.text, there: there.e.text, line: String(line), differs };
  if (project) data.project = project;
  if (measure) data.measure = measure;
  const what = project ? `${project}${measure ? ` ${measure}` : ''}: ` : '';
  return {
    kind: 'magnitude-mismatch',
    start: here.e.start,
    end: here.e.end,
    text: here.e.text,
    related: [place(there.e)],
    ...(project ? { project } : {}),
    ...(measure ? { measure } : {}),
    message: `${what}${here.e.text} here, ${there.e.text} on line ${line}: the same digits in another ${differs}`,
    data,
  };
}

/**
 * Distinctive digits written in another magnitude or currency anywhere in the
 * text. Among the mentions of one figure, the form most mentions agree with is
 * the reference (the first on a tie); each mention that disagrees with it is
 * reported against the nearest mention that agrees (on a tie of one against
 * one, the later mention carries the diagnostic).
 */
function checkMagnitudes(L: Layout, figs: Fig[], out: FigureFinding[], reportedPairs: Set<string>): void {
  const byDigits = new Map<string, Fig[]>();
  for (const g of figs) {
    const r = g.reading;
    if (!r?.digits || !g.written || !isDistinctive(r.digits)) continue;
    const l = byDigits.get(r.digits) ?? [];
    l.push(g);
    byDigits.set(r.digits, l);
  }
  for (const list of byDigits.values()) {
    if (list.length < 2 || !list.some((a) => list.some((b) => mismatched(a, b)))) continue;
    const agreeing = (g: Fig) => list.filter((x) => !mismatched(g, x));
    let ref = list[0];
    for (const g of list) if (agreeing(g).length > agreeing(ref).length) ref = g;
    const refs = agreeing(ref);
    const odd = list.filter((g) => mismatched(g, ref));
    const tie = refs.length === 1 && odd.length === 1;
    for (const g of odd) {
      const nearest = [...refs].sort((a, b) => Math.abs(a.e.start - g.e.start) - Math.abs(b.e.start - g.e.start))[0];
      const [first, later] = nearest.e.start < g.e.start ? [nearest, g] : [g, nearest];
      const pair = `${first.e.start}:${later.e.start}`;
      if (reportedPairs.has(pair)) continue;
      reportedPairs.add(pair);
      out.push(tie ? mismatch(L, later, first) : mismatch(L, g, nearest));
    }
  }
}

// ---------------------------------------------------------------- quantities

/** A unit of measure: its family and its power of ten in the family's base unit. */
interface Unit {
  family: string;
  exp: number;
  /** A count (个, 台, 座…): whole numbers only. */
  count?: boolean;
}
const count = (family: string): Unit => ({ family, exp: 0, count: true });

/** Units of quantities, longest first where one is a prefix of another. */
export const QUANTITY_UNITS: Record<string, Unit> = {
  平方公里: { family: 'm2', exp: 6 }, 平方千米: { family: 'm2', exp: 6 }, 平方米: { family: 'm2', exp: 0 }, 平米: { family: 'm2', exp: 0 },
  '㎡': { family: 'm2', exp: 0 }, 公顷: { family: 'm2', exp: 4 }, 立方米: { family: 'm3', exp: 0 },
  千升: { family: 'L', exp: 3 }, 升: { family: 'L', exp: 0 },
  吨: { family: 't', exp: 0 }, 公吨: { family: 't', exp: 0 }, 千克: { family: 't', exp: -3 }, 公斤: { family: 't', exp: -3 },
  吉瓦时: { family: 'Wh', exp: 9 }, 兆瓦时: { family: 'Wh', exp: 6 }, 千瓦时: { family: 'Wh', exp: 3 }, GWh: { family: 'Wh', exp: 9 }, MWh: { family: 'Wh', exp: 6 }, kWh: { family: 'Wh', exp: 3 },
  吉瓦: { family: 'W', exp: 9 }, 兆瓦: { family: 'W', exp: 6 }, 千瓦: { family: 'W', exp: 3 }, GW: { family: 'W', exp: 9 }, MW: { family: 'W', exp: 6 }, kW: { family: 'W', exp: 3 }, KW: { family: 'W', exp: 3 },
  公里: { family: 'm', exp: 3 }, 千米: { family: 'm', exp: 3 }, 米: { family: 'm', exp: 0 },
  亩: { family: 'mu', exp: 0 }, 标箱: { family: 'TEU', exp: 0 }, TEU: { family: 'TEU', exp: 0 },
  个: count('个'), 台: count('台'), 套: count('套'), 辆: count('辆'), 座: count('座'), 栋: count('栋'), 幢: count('栋'), 间: count('间'),
  张: count('张'), 户: count('户'), 艘: count('艘'), 条: count('条'), 家: count('家'), 床: count('床'), 个泊位: count('泊位'),
};
const UNIT_ALT = Object.keys(QUANTITY_UNITS).sort((a, b) => b.length - a.length).map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
/** A quantity: Arabic number, magnitude (万, 千万, 亿), unit; not a class (万吨级) nor a rate (…/年 is fine). */
const QUANTITY_RE = new RegExp(`(?<![\\d.,])((?:\\d{1,3}(?:,\\d{3})+(?![\\d,])|\\d+)(?:\\.\\d+)?)(多|余)?([十百千]?[万亿]{1,2})?(多|余)?(${UNIT_ALT})(?!级|[A-Za-z])`, 'g');

export interface Quantity {
  /** UTF-16 offsets into the original text, and its characters. */
  start: number;
  end: number;
  text: string;
  /** Exact value in the unit as written, as a decimal string (70万千升 → 700000). */
  amount: string;
  /** The unit as written (working form: 千升, 兆瓦…), its family and power of ten. */
  unit: string;
  family: string;
  unitExp: number;
  /** 多/余 inside, or 约/近/超… around it: not an exact figure. */
  approximate: boolean;
}

interface QuantityW extends Quantity {
  ws: number;
  we: number;
  /** Fixed-point value in the family's base unit. */
  base: bigint;
  /** Half the unit of the last written digit, in the family's base unit (fixed point). */
  halfUnit: bigint;
}

function readQuantitiesW(L: Layout, from: number, to: number, moneyCovered: Uint8Array): QuantityW[] {
  const { W, norm } = L;
  const out: QuantityW[] = [];
  QUANTITY_RE.lastIndex = from;
  for (let m = QUANTITY_RE.exec(W); m && m.index < to; m = QUANTITY_RE.exec(W)) {
    const ws = m.index, we = ws + m[0].length;
    if (moneyCovered[ws]) continue;
    const unit = QUANTITY_UNITS[m[5]];
    const num = m[1] + (m[3] ?? '');
    const d = amountValue(num);
    if (!d) continue;
    // Counts need a plain integer (3.5个 is no count).
    if (unit.count && m[1].includes('.')) continue;
    // 多/余 inside, an approximation around, or a rate (每…, /…): not an exact figure.
    const approximate = !!(m[2] || m[4]) || approximationAt(W, ws, we) !== undefined || /[每/]$/.test(W.slice(Math.max(0, ws - 1), ws));
    const v = fromDecimal(d);
    const [s, e] = toOriginal(norm, ws, we);
    out.push({
      start: s, end: e, text: norm.original.slice(s, e), amount: fixedString(v), unit: m[5], family: unit.family, unitExp: unit.exp, approximate,
      ws, we, base: shift(v, unit.exp), halfUnit: shift(ONE, lastDigitExponent(num) + unit.exp) / 2n,
    });
  }
  return out;
}

/** Quantities with a unit in `text` (千升, 吨, 兆瓦, 平方米, 亩, 公里, 个…), exact values. */
export function readQuantities(text: string): Quantity[] {
  const L = layout(text, []);
  return readQuantitiesW(L, 0, L.W.length, new Uint8Array(L.W.length)).map(({ start, end, text: t, amount, unit, family, unitExp, approximate }) => ({ start, end, text: t, amount, unit, family, unitExp, approximate }));
}

// ---------------------------------------------------------------- parts and totals

const NUM_CN = '[一二三四五六七八九十]{1,3}|首|\\d{1,2}';
/** A phase marker (一期, 第二期, 首期) that is not part of a longer word (近期, 统一期限, 十四五期间, 分两期). */
const PHASE_RE = new RegExp(`(?<![分近远前后同长短初末定学周工星上下每本这])(?:第)?(${NUM_CN})期(?![间限末内货望待盼刊次数])`, 'g');
/** A total: 总投资, 总体, 合计, 共计, 总计, 总共, 两期合计, 全部建成后… (Group 1: the whole marker). */
const TOTAL_RE = /(总体|总共|合计|共计|总计|合共|全部建成后|全部达产后|全面建成后|整体|总(?=[\u3400-\u9fff]{0,5}?(?:投资|产能|规模|面积|产值|容量|装机|长|里程|造价|预算|概算|投入|库容|处理|吞吐))|(?<![公一])共(?=[\d约达计需有投]))/g;
/** Words after a phase that make its figure cumulative (二期建成后产能达到100万吨): such parts are not added. */
const CUMULATIVE = /(?:达到|增至|增加至|增加到|提升至|提升到|提高至|提高到|扩大至|扩大到|扩至|扩大为|累计|总|全部|合计|共)/;
/** Phases still to be said or left out: the parts may not be all (三期规划中, 远期, 后续). */
const MORE_PHASES = /(?:远期|后续|预留|其余|剩余|其他|未来)/;
/** Measure words of quantities and money, longest first (base forms compared: 年产能 ~ 产能 ~ 新增产能). */
const PART_MEASURES = [
  '总建筑面积', '建筑面积', '占地面积', '用地面积', '总占地', '占地', '总面积', '面积', '总用地', '用地',
  '年产能', '新增产能', '总产能', '产能', '年产量', '产量', '年产', '生产能力', '年处理能力', '处理能力', '年处理', '处理规模', '总规模', '规模',
  '总装机容量', '装机容量', '总装机', '装机', '总容量', '容量', '库容', '年吞吐量', '吞吐量', '年吞吐能力', '吞吐能力',
  '全长', '总长', '长度', '长', '总里程', '里程',
  '总投资额', '投资总额', '总投资', '计划投资', '投资额', '投资', '总投入', '投入', '总造价', '造价', '总预算', '预算', '总概算', '概算',
  '年产值', '总产值', '产值', '年营业收入', '营业收入', '年销售收入', '销售收入',
].sort((a, b) => b.length - a.length);
const baseMeasure = (m: string) =>
  m.replace(/^(?:总|年|新增|设计)/, '').replace(/(?:总额|额)$/, '').replace(/^产量$/, '产能').replace(/^产$/, '产能').replace(/^生产能力$/, '产能');

interface Slot {
  kind: 'part' | 'total';
  /** The phase (一期…) or the total marker as written in the working text. */
  label: string;
  /** Phase number (1, 2…) for parts. */
  n: number;
  ws: number;
  we: number;
  /** End of its scope: the next marker, or the sentence end. */
  scopeEnd: number;
  sent: number;
}

interface Amount {
  ws: number;
  we: number;
  /** The unit family: a currency for money (CNY), else the quantity's family. */
  family: string;
  base: bigint;
  halfUnit: bigint;
  exact: boolean;
  measure: string;
  text: string;
  start: number;
  end: number;
}

const phaseNumber = (s: string): number => {
  if (s === '首') return 1;
  if (/^\d+$/.test(s)) return Number(s);
  const d = '一二三四五六七八九';
  if (s === '十') return 10;
  if (s.length === 1) return d.indexOf(s) + 1;
  if (s[0] === '十') return 10 + d.indexOf(s[1]) + 1;
  return (d.indexOf(s[0]) + 1) * 10 + (s[2] ? d.indexOf(s[2]) + 1 : 0);
};
/** A phase at the end of a project's name (working form; 工程/项目 after it). */
const PHASE_SUFFIX = /(?:第)?([一二三四五六七八九十]{1,3}|首|\d{1,2})期(?:工程|项目)?$/;
const PHASE_SUFFIX_ORIGINAL = /(?:第)?(?:[一二三四五六七八九十]{1,3}|首|\d{1,2})期(?:工程|項目|项目)?$/;
const CN_COUNT: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

function checkPartsSum(L: Layout, entities: readonly Entity[], projects: readonly ProjectInfo[], out: FigureFinding[]): void {
  const { W, norm } = L;
  const n = W.length;
  if (!/期/.test(W)) return;

  // Project mentions in working offsets, by base key (a phase at the end of a name is a phase).
  const mentions: { ws: number; we: number; base: string; phase?: number; name: string }[] = [];
  const nameOf = new Map<string, string>();
  for (const p of projects) for (const m of p.mentions) nameOf.set(projectKey(m.name ?? m.text), p.name);
  const inProject = new Uint8Array(n);
  for (const e of entities) {
    if (e.type !== 'project') continue;
    const ws = L.toW(e.start), we = Math.max(ws, L.toW(e.end));
    inProject.fill(1, ws, we);
    const key = projectKey(e.name ?? e.text);
    const ph = PHASE_SUFFIX.exec(key);
    const base = ph ? key.slice(0, ph.index).replace(/(?:建设项目|项目)$/, '') : key;
    // The display name: the canonical name of the project, or of the mention without its phase.
    const own = (e.name ?? e.text).replace(/[「」“”『』]/g, '');
    const name = ph && base ? own.replace(PHASE_SUFFIX_ORIGINAL, '').replace(/(?:建设项目|建設項目|项目|項目)$/, '') : nameOf.get(key) ?? own;
    mentions.push({ ws, we, base: base || key, phase: ph ? phaseNumber(ph[1]) : undefined, name: name || own });
  }
  mentions.sort((a, b) => a.ws - b.ws);
  if (mentions.length === 0) return;

  // Money (exact amounts in a currency) and quantities, with their measures.
  const moneyCovered = new Uint8Array(n);
  const amounts: Amount[] = [];
  for (const e of entities) {
    if (e.type !== 'money') continue;
    const ws = L.toW(e.start), we = Math.max(ws, L.toW(e.end));
    moneyCovered.fill(1, ws, we);
    if (inProject[ws]) continue;
    const approx = approximationAt(W, ws, we);
    const r = readMoney(e, W.slice(ws, we), approx);
    if (!r || !e.currency) continue;
    const exact = r.exact !== undefined;
    amounts.push({ ws, we, family: e.currency, base: exact ? r.exact! : 0n, halfUnit: shift(ONE, r.exp) / 2n, exact, measure: '', text: e.text, start: e.start, end: e.end });
  }

  // Phase and total markers, outside project names (a name ending with its phase counts as that phase).
  const slots: Slot[] = [];
  PHASE_RE.lastIndex = 0;
  for (let m = PHASE_RE.exec(W); m; m = PHASE_RE.exec(W)) {
    const ws = m.index, we = ws + m[0].length;
    if (inProject[ws] && !mentions.some((x) => x.phase !== undefined && x.ws < ws && x.we >= we && /^(?:工程|项目)?$/.test(W.slice(we, x.we)))) continue;
    slots.push({ kind: 'part', label: m[0].replace(/^第/, ''), n: phaseNumber(m[1]), ws, we, scopeEnd: n, sent: L.sentAt(ws) });
  }
  TOTAL_RE.lastIndex = 0;
  for (let m = TOTAL_RE.exec(W); m; m = TOTAL_RE.exec(W)) {
    if (inProject[m.index]) continue;
    slots.push({ kind: 'total', label: m[0], n: 0, ws: m.index, we: m.index + m[0].length, scopeEnd: n, sent: L.sentAt(m.index) });
  }
  if (!slots.some((s) => s.kind === 'part') || !slots.some((s) => s.kind === 'total')) return;
  slots.sort((a, b) => a.ws - b.ws);
  for (let k = 0; k < slots.length; k++) {
    const s = slots[k];
    const sentEnd = L.sentEnd(s.sent);
    // A total speaks of the figure in its clause; a phase of its sentence up to the next marker.
    const limit = s.kind === 'total' ? L.clauseEnd(L.clauseAt(s.we)) : sentEnd;
    s.scopeEnd = Math.min(limit, k + 1 < slots.length ? slots[k + 1].ws : n);
  }

  const reportedTotals = new Set<number>();
  // Chains: slots of one paragraph, each within CHAIN_GAP working characters of the last.
  const CHAIN_GAP = 80;
  const chains: Slot[][] = [];
  for (const s of slots) {
    const c = chains[chains.length - 1];
    const last = c?.[c.length - 1];
    if (last && L.paraOfSent[last.sent] === L.paraOfSent[s.sent] && s.ws - last.scopeEnd <= CHAIN_GAP) c.push(s);
    else chains.push([s]);
  }

  for (const chain of chains) {
    const parts = chain.filter((s) => s.kind === 'part');
    const totals = chain.filter((s) => s.kind === 'total');
    if (parts.length < 2 || totals.length === 0) continue;
    const a0 = L.sentStarts[chain[0].sent];
    const a1 = L.sentEnd(chain[chain.length - 1].sent);

    // The project: named in the chain's sentences (one base name only), else the last
    // one named in the paragraph within two sentences before it.
    const inside = mentions.filter((m) => m.ws >= a0 && m.we <= a1);
    const bases = new Set(inside.map((m) => m.base));
    let project: { base: string; name: string } | undefined;
    if (bases.size > 1) continue;
    if (bases.size === 1) project = inside[0];
    else {
      const firstSent = chain[0].sent;
      const before = mentions.filter((m) => m.we <= a0 && L.paraOfSent[L.sentAt(m.ws)] === L.paraOfSent[firstSent] && firstSent - L.sentAt(m.ws) <= 2);
      if (before.length === 0) continue;
      const last = before[before.length - 1];
      // Its sentence names no other project (位于X园区: which one the phases are of is unclear).
      if (new Set(before.filter((m) => L.sentAt(m.ws) === L.sentAt(last.ws)).map((m) => m.base)).size > 1) continue;
      project = last;
    }
    if (!project) continue;

    // Figures of each slot's scope, with their measures.
    const quantities = readQuantitiesW(L, a0, a1, moneyCovered);
    const figures: Amount[] = [
      ...amounts.filter((x) => x.ws >= a0 && x.we <= a1),
      ...quantities.map((q) => ({ ws: q.ws, we: q.we, family: q.family, base: q.base, halfUnit: q.halfUnit, exact: !q.approximate, measure: '', text: q.text, start: q.start, end: q.end })),
    ].sort((x, y) => x.ws - y.ws);
    for (const f of figures) {
      const c = L.clauseAt(f.ws);
      const lo = Math.max(L.clauseStarts[c], f.ws - 14);
      const seg = W.slice(lo, f.ws);
      let best = '';
      let bestEnd = -1;
      for (const w of PART_MEASURES) {
        const i = seg.lastIndexOf(w);
        if (i >= 0 && i + w.length > bestEnd) {
          best = w;
          bestEnd = i + w.length;
        }
      }
      f.measure = best;
    }
    const scopeOf = (s: Slot) => figures.filter((f) => f.ws >= s.we && f.we <= s.scopeEnd);

    // How many phases the text announces (分两期, 分三期建设).
    const announced = /分([两二三四五六]|\d)期/.exec(W.slice(Math.max(0, a0 - 200), a1));
    const phasesAnnounced = announced ? CN_COUNT[announced[1]] ?? Number(announced[1]) : 0;
    const moreWords = MORE_PHASES.test(W.slice(a0, a1));

    // Per unit family and base measure: parts and a total.
    const keys = new Map<string, { family: string; measure: string }>();
    for (const s of parts) for (const f of scopeOf(s)) keys.set(`${f.family}|${baseMeasure(f.measure)}`, { family: f.family, measure: baseMeasure(f.measure) });
    for (const { family, measure } of keys.values()) {
      const match = (f: Amount) => f.family === family && (baseMeasure(f.measure) === measure || f.measure === '' || measure === '');
      const byPhase = new Map<number, { slot: Slot; fig: Amount }>();
      let ok = true;
      for (const s of parts) {
        const fs = scopeOf(s).filter(match);
        if (fs.length === 0) continue;
        if (fs.length > 1 || byPhase.has(s.n)) { ok = false; break; }
        const lead = W.slice(s.we, fs[0].ws);
        if (CUMULATIVE.test(lead)) { ok = false; break; }
        byPhase.set(s.n, { slot: s, fig: fs[0] });
      }
      if (!ok || byPhase.size < 2) continue;
      // The phases given are 1…k, and every phase marker of the chain has its figure.
      const ns = [...byPhase.keys()].sort((x, y) => x - y);
      if (ns[0] !== 1 || ns[ns.length - 1] !== ns.length) continue;
      if (parts.some((s) => !byPhase.has(s.n) && s.n > ns.length)) continue;
      // The total: the first matching figure of each total marker's clause; totals that disagree among themselves say nothing.
      const totalFigs = totals.map((t) => ({ slot: t, fig: scopeOf(t).filter(match)[0] })).filter((x) => x.fig !== undefined);
      if (totalFigs.length === 0 || new Set(totalFigs.map((x) => x.fig.base)).size > 1) continue;
      const total = totalFigs[totalFigs.length - 1];
      if (reportedTotals.has(total.fig.start)) continue;
      const items = [...byPhase.values()].sort((x, y) => x.slot.n - y.slot.n);
      if (items.some((x) => x.fig === total.fig)) continue;
      if (!total.fig.exact || items.some((x) => !x.fig.exact)) continue;
      let sum = 0n;
      let tol = total.fig.halfUnit;
      for (const x of items) {
        sum += x.fig.base;
        tol += x.fig.halfUnit;
      }
      const diff = abs(sum - total.fig.base);
      if (diff <= tol) continue;
      // The parts may not be all: fewer than announced, or more phases or a remainder spoken of.
      if (sum < total.fig.base && ((phasesAnnounced > items.length) || moreWords)) continue;
      if (phasesAnnounced && phasesAnnounced < items.length) continue;

      reportedTotals.add(total.fig.start);
      const partsText = items.map((x) => `${norm.original.slice(...toOriginal(norm, x.slot.ws, x.slot.we))} ${x.fig.text}`).join(' + ');
      const sumText = formatSum(sum, total.fig, family);
      const lines = items.map((x) => L.lineAt(x.fig.start));
      // 总 alone names its measure (总投资, 总装机容量): the label is the measure as written.
      const totalLabel = total.slot.label === '总' && total.fig.measure.startsWith('总')
        ? originalOf(L, total.fig, total.fig.measure)
        : norm.original.slice(...toOriginal(norm, total.slot.ws, total.slot.we));
      const measureText = total.fig.measure || items[0].fig.measure;
      const measureWritten = measureText ? originalOf(L, total.fig.measure ? total.fig : items[0].fig, measureText) : '';
      const lineList = [...new Set(lines)].join(', ');
      out.push({
        kind: 'parts-sum',
        start: total.fig.start,
        end: total.fig.end,
        text: total.fig.text,
        related: items.map((x) => ({ start: x.fig.start, end: x.fig.end, text: x.fig.text })),
        project: project.name,
        ...(measureWritten ? { measure: measureWritten } : {}),
        message: `${project.name}: ${partsText} make ${sumText}, but ${totalLabel} ${total.fig.text} here (parts on line${lines.length > 1 && new Set(lines).size > 1 ? 's' : ''} ${lineList})`,
        data: { project: project.name, measure: measureWritten, parts: partsText, sum: sumText, total: total.fig.text, totalLabel, lines: lineList },
      });
    }
  }
}

/** The measure word as written in the original, found before a figure. */
function originalOf(L: Layout, f: Amount, measure: string): string {
  const ws = L.toW(f.start);
  const i = L.W.lastIndexOf(measure, ws);
  if (i < 0) return measure;
  const [s, e] = toOriginal(L.norm, i, i + measure.length);
  return L.norm.original.slice(s, e);
}

/** The sum written in the total's unit (`100万千升`), exactly. */
function formatSum(sum: bigint, total: Amount, family: string): string {
  // The total's text: its number, then magnitude and unit; the sum in the same magnitude and unit.
  const t = total.text.replace(/\s+/g, '');
  const num = /\d[\d,]*(?:\.\d+)?/.exec(t);
  if (num) {
    const totalValue = fromString(num[0].replace(/,/g, ''));
    if (totalValue !== undefined && totalValue !== 0n) {
      // scale = total.base / totalValue, a power of ten: find it exactly.
      for (let e = -6; e <= 16; e++) {
        if (shift(totalValue, e) === total.base) {
          const v = shift(sum, -e);
          if (shift(v, e) === sum) return t.slice(0, num.index) + fixedString(v) + t.slice(num.index + num[0].length);
        }
      }
    }
  }
  return `${fixedString(sum)} ${family}`;
}

// ---------------------------------------------------------------- entry points

/**
 * The figure checks of a text. `entities` are its entities (UTF-16 offsets into
 * `text`, as `extractDocument` gives them); `projects` default to
 * `relateProjects(text, entities)`. Findings in text order of their place.
 */
export function checkFigures(text: string, entities: readonly Entity[], projects?: readonly ProjectInfo[]): FigureFinding[] {
  const money = entities.filter((e) => e.type === 'money');
  if (money.length === 0 && !/期/.test(text)) return [];
  const infos = projects ?? relateProjects(text, entities);
  const L = layout(text, entities);
  const figs: Fig[] = [];
  const readings = new Map<Entity, Fig>();
  for (const e of money) {
    const ws = L.toW(e.start), we = Math.max(ws, L.toW(e.end));
    const approx = approximationAt(L.W, ws, we);
    const working = L.W.slice(ws, we);
    const g: Fig = { e, ws, we, sent: L.sentAt(ws), reading: readMoney(e, working, approx), written: writtenCurrency(e, working) };
    figs.push(g);
    readings.set(e, g);
  }
  // Figures related by relateProjects carry entity objects of `entities` (or equal spans).
  const bySpan = new Map<string, Fig>();
  for (const g of figs) bySpan.set(`${g.e.start}:${g.e.end}`, g);
  for (const p of infos) for (const f of p.figures) if (!readings.has(f.entity)) {
    const g = bySpan.get(`${f.entity.start}:${f.entity.end}`);
    if (g) readings.set(f.entity, g);
  }

  const out: FigureFinding[] = [];
  const reportedPairs = new Set<string>();
  checkConflicts(L, infos, readings, out, reportedPairs);
  checkMagnitudes(L, figs, out, reportedPairs);
  checkPartsSum(L, entities, infos, out);
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

/** Extracts and relates `text`, then checks its figures. */
export function checkText(text: string): FigureFinding[] {
  const { entities } = extractDocument(text);
  return checkFigures(text, entities, relateProjects(text, entities));
}
