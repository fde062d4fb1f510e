/**
 * Project names. Three sources of evidence, all on the working (simplified) text:
 *
 * 1. A head word that names a kind of undertaking or facility (产业园, 基地,
 *    高铁, 机场, 工程, 项目, 一期…). The name runs left from the head over the
 *    words that belong to it; jieba's segmentation and tags say where it stops
 *    (a verb such as 加快建设, a preposition, punctuation).
 * 2. A coordinated list governed by a project word (`A、B等项目`, `A等10个项目`):
 *    every item is a project, even without a head word.
 * 3. Every later mention of a name already found.
 *
 * A candidate must name one undertaking: an owner, place, brand, number or
 * phase, not only generic words (高分子材料项目, 重点民生项目 are categories).
 */
import type { Normalized } from './normalize';
import { tag, tagMany, type Token } from './segmenter';
import type { DocContext, Span } from './types';
import {
  APPOSITION,
  CATEGORY_BEFORE_HEAD,
  COMMON_VERB,
  GENERIC,
  HEADS,
  IN_USE_AFTER,
  NAME_VERBS,
  ORG_CONTEXT_AFTER,
  PROJECT_COMPOUND,
  PROJECT_CONTEXT,
  SECTOR_AFTER,
  STOP_WORDS,
  TIME_WORD,
  WORKS_PLAN,
} from './projectLexicon';

const NUM = '[一二三四五六七八九十\\d]+';
/** A phase marker after a name: 一期, 第三期, （一期）. */
const PHASE = `(?:第?${NUM}期|[（(]第?${NUM}期[)）]|第${NUM}跑道)`;
/** What may directly follow a head and still belong to the span. */
const TAIL = `(?:${PHASE})?(?:建设项目|项目|工程)?`;

const HEAD_RE = new RegExp(`(?:${[...HEADS].sort((a, b) => b.length - a.length).join('|')})${TAIL}|${PHASE}(?:建设项目|项目|工程)?`, 'g');

/** Part-of-speech tags that never belong inside a name (prepositions, conjunctions, particles, pronouns…). */
const STOP_TAGS = /^(?:p|c|u[a-z]*|r[a-z]*|d|ad|y|e|o|q)$/;

/** Tags that make a name specific: places, persons, brands, organisations, foreign words, unknown words. */
const SPECIFIC_TAGS = /^(?:ns|nr[a-z]*|nz|nt|eng|j|x|nrt)$/;

const BOUNDARY_CHARS = /[。；;！!？?\n\r：:（）()“”"「」『』《》【】\[\]…—\s]/;

/** Offsets of clause boundaries: the name never crosses these. */
function clauseStart(text: string, pos: number, limit: number): number {
  const min = Math.max(0, pos - limit);
  for (let i = pos - 1; i >= min; i--) {
    const c = text.charCodeAt(i);
    if (isSentenceEnd(c) || c === 0x0d) return i + 1;
  }
  return min;
}

/** Where the tagged window before a head begins: the last clause or list boundary. */
function nameWindowStart(text: string, headStart: number, sentenceStart: number): number {
  for (let i = headStart - 1; i >= sentenceStart; i--) {
    if (WINDOW_BOUNDARY_CODES.has(text.charCodeAt(i))) return i + 1;
  }
  return sentenceStart;
}
const WINDOW_BOUNDARY_CODES = new Set([...'。；;！!？?\n\r、,，：:“”「」『』《》【】 \t\u3000\u00a0'].map((c) => c.charCodeAt(0)));
/** A named metro or rail line without a number (捷运万大线, 地铁环线). */
const TRANSIT_LINE = /(?:捷运|地铁|轻轨|城际|铁路|轨道交通)[\u4e00-\u9fff]{1,4}$/;

/** Rail and road heads, whose names are often abbreviations of the places they join (沪杭高铁). */
const TRANSPORT_HEAD = /^(?:高铁|铁路|高速铁路|高速公路|高速|城际|快速路|公路)/;

/** Policy slogans: four characters in two parallel halves (东数西算, 双百双新, 千企技改 is not). */
const SLOGAN = /^[东西南北上下内外前后左右双两三四五六七八九十百千万一][\u4e00-\u9fff][东西南北上下内外前后左右双两三四五六七八九十百千万一][\u4e00-\u9fff]$/;

const TRAILING_PAREN = /^[(（]([\u4e00-\u9fff]{2,5})[)）]/;
const WORKS_SUFFIX = /(?:项目|工程)$/;
const PLAIN_PROJECT_HEAD = /^(?:建设)?项目$/;
const WORKS_NAME = new RegExp(`(?:项目|工程|改建|扩建|改扩建|扩容|填海|[东南西北]延)$|${PHASE}$`);
const CAPACITY = /\d(?:万千瓦|千瓦|兆瓦|万吨|吨)/;
const PHASE_IN_NAME = new RegExp(`${NUM}期`);

/** A character right before a head that leaves no room for a name. */
const NOTHING_BEFORE = /[的等个和与在是为了将对向把被由其该此这那各每本之]/;

function isSpecific(tokens: Token[], name: string): boolean {
  if (/[A-Za-z]/.test(name)) return true;
  // A number that is part of a name: 8号线, 309线, 12英寸, 30万吨级, 第8.6代线; not a year or a count.
  if (/\d+(?:\.\d+)?(?:号|万吨|吨|代|英寸|万千瓦|千瓦|线)/.test(name)) return true;
  if (PHASE_IN_NAME.test(name)) return true;
  for (const t of tokens) {
    const w = t.word;
    if (!/[\u3400-\u9fff]/.test(w) || HEAD_WORDS.has(w) || GENERIC.has(w)) continue;
    if (/^m/.test(t.tag) || STOP_TAGS.test(t.tag)) continue;
    return true;
  }
  return false;
}

const HEAD_WORDS = new Set([...HEADS, '园区', '园', '设施', '平台', '建设']);

const strip = (name: string) => name.replace(/(?:建设项目|项目)$/, '');

interface Candidate {
  start: number;
  end: number;
}

/**
 * Walks left from the head over the tokens that belong to the name.
 * `tokens` cover text[winStart, headEnd); returns the name's start.
 */
function walkLeft(tokens: Token[], headStartInWin: number, keepShortName = false, orgName = false): number {
  let start = headStartInWin;
  let first = -1; // index of the leftmost token taken
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.start >= headStartInWin) continue; // the head itself
    if (t.end > headStartInWin) {
      // A word that runs into the head (广州白云机场|三期): its part before the head is the name's.
      start = t.start;
      first = k;
      continue;
    }
    const w = t.word;
    if (/^[)）]$/.test(w)) {
      // An inner parenthesis (网易(济南)联合创新中心) belongs to the name when a name part precedes it.
      let j = k - 1;
      while (j >= 0 && !/^[（(]$/.test(tokens[j].word) && k - j < 5) j--;
      if (j < 1 || !/^[（(]$/.test(tokens[j].word)) break;
      const inner = tokens.slice(j + 1, k).map((x) => x.word).join('');
      if (!/^[\u4e00-\u9fff]{1,6}$/.test(inner) || !isNamePart(tokens[j - 1])) break;
      start = tokens[j].start;
      first = j;
      k = j;
      continue;
    }
    // 及 joins parts of one name (驮英水库及灌区); 至 and — join route and partner names
    // (崇左至凭祥铁路, 中国—东盟…中心) when a name part stands on their left; · joins brand and name.
    // In an institution's name 与 and 和 join two fields (材料科学与技术研究所).
    const joinsFields = orgName && (w === '与' || w === '和') && k > 0 && /^n/.test(tokens[k - 1].tag) && /^n/.test(tokens[k + 1]?.tag ?? '');
    if (joinsFields || w === '及' || ((w === '至' || w === '—' || w === '-' || w === '·') && k > 0 && isNamePart(tokens[k - 1]))) {
      start = t.start;
      first = k;
      continue;
    }
    if (BOUNDARY_CHARS.test(w) || /^[、,，·]+$/.test(w)) break;
    if (STOP_WORDS.has(w) || INNER_STOPS.has(w)) break;
    // A category noun before a proper name is an apposition (重点线路京广高铁, 枢纽节点韶关…).
    if (APPOSITION.has(w) && first >= 0 && SPECIFIC_TAGS.test(tokens[first].tag) && tokens[first].tag !== 'x') break;
    // 工程 or 项目 ends the phrase before (重点工程隆泸叙铁路) unless it is part of a name (深海工程).
    if ((w === '工程' || w === '项目') && (k === 0 || GENERIC.has(tokens[k - 1].word) || !isNamePart(tokens[k - 1]))) break;
    // A head word inside a name is a noun there, whatever jieba's tag (齐鲁高速智慧交通).
    if (HEAD_WORDS.has(w) && k > 0) {
      start = t.start;
      first = k;
      continue;
    }
    // A year or date (2023年) opens no name.
    if (/^\d{2,4}年?$/.test(w) && /^\d{4}|年$/.test(w) && tokens[k + 1]?.word !== '号') break;
    // A phase marker is part of the name whatever its tag (欧曼一期生产基地).
    if (PHASE_TOKEN.test(w)) {
      start = t.start;
      first = k;
      continue;
    }
    if (/^m/.test(t.tag) && QUANTITY.test(w)) break;
    // A measure after a number belongs to a capacity in the name (1000吨级, 12英寸): take
    // the measure words back to the number.
    if (t.tag === 'q' || CAPACITY_MEASURE.test(w)) {
      let j = k;
      while (j > 0 && (CAPACITY_MEASURE.test(tokens[j].word) || tokens[j].word === '级') && !/\d$/.test(tokens[j - 1].word)) j--;
      if (j > 0 && (CAPACITY_MEASURE.test(tokens[j].word) || tokens[j].word === '级') && /\d$/.test(tokens[j - 1].word)) {
        start = tokens[j - 1].start;
        first = j - 1;
        k = j - 1;
        continue;
      }
    }
    if (STOP_TAGS.test(t.tag) || (t.tag === 't' && TIME_WORD.test(w))) break;
    // A person or pronoun before a verb is its subject (黄伟纶避开大型工程项目): the name starts after the verb.
    if (t.tag === 'v' && k > 0 && /^(?:nr|nrfg|r)$/.test(tokens[k - 1].tag)) break;
    start = t.start;
    first = k;
  }
  // A name does not begin with a verb or a joining word (连接京杭大运河, 对标产业园区), except
  // the place abbreviations of a short rail or road name, which jieba often tags as verbs (成达万高铁).
  if (keepShortName && headStartInWin - start <= 4 && first >= 0 && /^(?:v|vg|vn|j|x|ns|nz|nr|a|b)$/.test(tokens[first].tag) && !COMMON_VERB.test(tokens[first].word)) {
    return start;
  }
  while (first >= 0 && first < tokens.length && tokens[first].end <= headStartInWin) {
    const t = tokens[first];
    if ((t.tag === 'v' && !NAME_VERBS.has(t.word)) || /^[及至—\-·]$/.test(t.word)) {
      first++;
      start = first < tokens.length ? Math.min(tokens[first].start, headStartInWin) : headStartInWin;
    } else break;
  }
  return start;
}

/** Measures of capacity written into names (1000吨级, 12英寸), unlike counts (个, 家). */
const CAPACITY_MEASURE = /^(?:吨|吨级|万吨|万吨级|千瓦|万千瓦|兆瓦|英寸|米|公里|千米|立方米|代)$/;
const PHASE_TOKEN = /^第?[一二三四五六七八九十\d]+期$/;

/** Words that end a name when met inside the walk: the head of the phrase before it. */
const INNER_STOPS = new Set(['当中', '其中', '之中', '以上', '以下', '之间', '之一', '内', '外']);
/** A count or quantity word (一批, 两大, 3个), not a number that is part of a name (309线, 8.6代线). */
const QUANTITY = /^(?:[一二两三四五六七八九十百千万几多数\d]+[批个大项家座条类只所]|[一二两三四五六七八九十几多]+)$/;

function isNamePart(t: Token): boolean {
  return !STOP_WORDS.has(t.word) && !STOP_TAGS.test(t.tag) && !BOUNDARY_CHARS.test(t.word) && /[\u4e00-\u9fffA-Za-z]/.test(t.word);
}

/** Heads that name organisations: projects only when reported built, approved for building or opened. */
const ORG_HEAD = /(?:大学|学院|实验室|研究所|研究院|医院|中学|小学)$/;

/** The sentence around [start, end), at most `reach` characters each side. */
function around(text: string, start: number, end: number, reach: number): [string, string] {
  let a = start;
  while (a > 0 && start - a < reach && !isSentenceEnd(text.charCodeAt(a - 1))) a--;
  // After the name, read on to the end of its clause: the verb of a list comes after its last item.
  let b = end;
  while (b < text.length && !isSentenceEnd(text.charCodeAt(b))) {
    const c = text.charCodeAt(b);
    if (b - end >= reach && (b - end >= 2 * reach || c === 0xff0c || c === 0x2c)) break;
    b++;
  }
  return [text.slice(a, start), text.slice(end, b)];
}

/** 。；;！!？?\n */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff1b || c === 0x3b || c === 0xff01 || c === 0x21 || c === 0xff1f || c === 0x3f || c === 0x0a;
}

function inProjectContext(text: string, start: number, end: number): boolean {
  const name = text.slice(start, end);
  if (IN_USE_AFTER.test(text.slice(end, end + 8))) return false;
  if (WORKS_NAME.test(name)) return true;
  const [before, after] = around(text, start, end, 30);
  if (ORG_HEAD.test(name)) return ORG_CONTEXT_AFTER.test(after) || /建设$|建成$|获批$/.test(before);
  return PROJECT_CONTEXT.test(before) || PROJECT_CONTEXT.test(after);
}

/** Stricter test for list items, which have no head word to vouch for them. */

const WEAK_HEAD = /(?:工程|工厂|厂|中心|基地|小镇|大厦|装置|产线|生产线|枢纽|校区|院区|港|线|设施)$/;

function isNamedItem(tokens: Token[], name: string, headed = false): boolean {
  if (/[A-Za-z]/.test(name) || /\d+(?:\.\d+)?(?:号|代|英寸|线)/.test(name)) return true;
  if (PHASE_IN_NAME.test(name)) return true;
  const words = tokens.filter((t) => /[\u3400-\u9fff]/.test(t.word));
  // A bare place (苍梧) is no project.
  if (words.length === 1 && /^ns/.test(words[0].tag)) return headed;
  if (/(?:企业|公司|集团|政府|部门|单位)$/.test(name)) return false;
  return words.some((t) => SPECIFIC_TAGS.test(t.tag) && !GENERIC.has(t.word));
}

/** The longest name looked for, in UTF-16 units. */
const MAX_NAME = 28;

/** A list of companies: A、B等(N家)…企业. */
const COMPANY_LIST_RE = /(?<![高平同初中相对均次上优])等(?:[一两二三四五六七八九十\d]+家|一批|多家)?[^，。、；;,\n]{0,8}?(?:企业|公司|集团|厂商|单位)/g;

const LIST_RE = /(?<![高平同初中相对均次上优])等(?:[一两二三四五六七八九十\d]+个|一批|多个|一系列)?[^，。、；;,\n]{0,12}?(?:项目|工程|高速公路|铁路|产业园区|产业平台|园区|设施)/g;

export function findRuleProjects(norm: Normalized, _ctx: DocContext): Span[] {
  const text = norm.text;
  const found: Candidate[] = [];

  // 1. Head words. Cheap tests first, then one batched segmentation of the windows left.
  const heads: { headStart: number; headEnd: number; head: string; winStart: number }[] = [];
  HEAD_RE.lastIndex = 0;
  for (let m = HEAD_RE.exec(text); m; m = HEAD_RE.exec(text)) {
    const headStart = m.index;
    let headEnd = m.index + m[0].length;
    const head = m[0];
    // 产业园区 alone is a zone; with 建设项目 after it, a project.
    if (head === '产业园区') continue;
    // 港 in 香港 and a factory someone sets up (设厂) are no heads.
    if (head.startsWith('港') && text[headStart - 1] === '香') continue;
    if (head.startsWith('厂') && /[设建办开]/.test(text[headStart - 1] ?? '')) continue;
    // 线 ends a name only after a number (8号线, 309线).
    if (head === '线' && !/\d/.test(text[headStart - 1] ?? '') && !TRANSIT_LINE.test(text.slice(Math.max(0, headStart - 8), headStart))) continue;
    // 计划 names a works undertaking only after a works word (内湖垃圾山清除计画), not a plan or policy.
    if (/^计[划画]/.test(head) && !WORKS_PLAN.test(text.slice(Math.max(0, headStart - 4), headStart))) continue;
    // A trailing parenthesis with a second name the text uses (校区(创新港)) stays in the span;
    // one that explains the name (route ends, 拉萨到日喀则) does not.
    const paren = TRAILING_PAREN.exec(text.slice(headEnd, headEnd + 8));
    if (paren && !/[至到和与]/.test(paren[1]) && !WORKS_SUFFIX.test(head)) headEnd += paren[0].length;
    // A head used for its sector (铁路系统人士, 机场集团) names no facility.
    if (SECTOR_AFTER.test(text.slice(headEnd, headEnd + 3))) continue;
    // A 项目 that begins a compound (项目管理人, 项目深化年) is no suffix.
    if (head.startsWith('项目') && PROJECT_COMPOUND.test(text.slice(headStart, headStart + 6))) continue;
    const sentenceStart = clauseStart(text, headStart, MAX_NAME);
    const quote = handleQuotes(text, sentenceStart, headStart, headEnd);
    if (quote) {
      if (quote[1] > quote[0]) found.push({ start: quote[0], end: quote[1] });
      continue;
    }
    const winStart = nameWindowStart(text, headStart, sentenceStart);
    if (winStart >= headStart || NOTHING_BEFORE.test(text[headStart - 1])) continue;
    if (PLAIN_PROJECT_HEAD.test(head) && CATEGORY_BEFORE_HEAD.test(text.slice(winStart, headStart))) continue;
    if (!WORKS_NAME.test(head) && !ORG_HEAD.test(text.slice(winStart, headEnd))) {
      // The window itself may hold the context (规划建设…基地): test it with the sentence around.
      const [b, a] = around(text, winStart, headEnd, 30);
      if (!PROJECT_CONTEXT.test(b + text.slice(winStart, headStart)) && !PROJECT_CONTEXT.test(a)) continue;
    }
    heads.push({ headStart, headEnd, head, winStart });
  }
  const tagged = tagMany(heads.map((h) => text.slice(h.winStart, h.headEnd)));
  heads.forEach(({ headStart, headEnd, head, winStart }, n) => {
    const tokens = tagged[n];
    // The works word of a 计划 (兴建计画) belongs to its name; the walk starts before it.
    const worksWord = /^计[划画]/.test(head) ? (WORKS_PLAN.exec(text.slice(winStart, headStart))?.[0].length ?? 0) : 0;
    const rel = walkLeft(tokens, headStart - winStart - worksWord, TRANSPORT_HEAD.test(head), ORG_HEAD.test(head));
    const start = winStart + rel;
    // Nothing but the head: a bare 项目 / 中心 is no name.
    if (start >= headStart) return;
    const name = strip(text.slice(start, headEnd));
    if (name.length < 2 || name.length > 40) return;
    // The word before 项目 must not be a category word (重点项目, 新业态项目).
    if (PLAIN_PROJECT_HEAD.test(head) && CATEGORY_BEFORE_HEAD.test(text.slice(start, headStart))) return;
    const nameTokens = tokens.filter((t) => t.start >= rel && t.end <= headStart - winStart);
    // Heads that often end a category (工程, 中心, 基地) need a specific name part; a facility
    // head (机场, 运河, 人工岛) needs only a non-generic one.
    const weakHead = WEAK_HEAD.test(name) || WORKS_SUFFIX.test(head);
    // A capacity figure names an energy or works project (射阳30万千瓦项目).
    const capacity = /项目$/.test(head) && CAPACITY.test(name);
    if (!capacity && !(weakHead ? isNamedItem(nameTokens, name, true) : isSpecific(nameTokens, name))) return;
    if (!inProjectContext(text, start, headEnd)) return;
    found.push({ start, end: headEnd });
  });

  // 2. Lists governed by a project word: A、B、C等(一批|N个)…项目. Items are segmented in one batch.
  const items: [number, number][] = [];
  LIST_RE.lastIndex = 0;
  for (let m = LIST_RE.exec(text); m; m = LIST_RE.exec(text)) {
    for (const [s0, e] of listItems(text, m.index)) if (e - s0 >= 2 && e - s0 <= 40) items.push([s0, e]);
  }
  // An item that ends in a head was segmented with it already.
  const byWindow = new Map<string, Token[]>();
  heads.forEach((h, n) => byWindow.set(`${h.winStart}:${h.headEnd}`, tagged[n]));
  const fresh = items.filter(([s0, e]) => !byWindow.has(`${s0}:${e}`));
  tagMany(fresh.map(([s0, e]) => text.slice(s0, e))).forEach((t, n) => byWindow.set(`${fresh[n][0]}:${fresh[n][1]}`, t));
  items.forEach(([s0, e]) => {
    const tokens = byWindow.get(`${s0}:${e}`)!;
    const rel = walkLeft(tokens, e - s0);
    const s = s0 + rel;
    if (e - s < 2) return;
    // A slogan in quotes (“两重”) is a campaign, not a project.
    if (/[“「"']/.test(text[s - 1] ?? '') && /[”」"']/.test(text[e] ?? '')) return;
    const words = tokens.filter((t) => t.start >= rel && /[\u3400-\u9fffA-Za-z]/.test(t.word));
    // A single word that is a place or a person (苍梧, 昭平) is no project.
    if (words.length === 1 && /^(?:ns|nr|nrt|n|t|v|vn)$/.test(words[0].tag)) return;
    if (!isNamedItem(words, text.slice(s, e))) return;
    found.push({ start: s, end: e });
  });

  // Items of a list of companies (支持A、B等企业) are companies, whatever their head word.
  const companies = companyListItems(text);
  if (companies.length) {
    const inCompanyList = (c: Candidate) => companies.some(([a, b]) => c.start >= a && c.end <= b);
    for (let k = found.length - 1; k >= 0; k--) if (inCompanyList(found[k])) found.splice(k, 1);
  }

  // 3. Every mention of a name already found.
  const spans = dedupe(found);
  const names = new Set(spans.map((s) => strip(text.slice(s.start, s.end))));
  const taken = new Uint8Array(text.length + 1);
  for (const sp of spans) taken.fill(1, sp.start, sp.end);
  for (const name of names) {
    if (name.length < 3) continue;
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      const end = i + name.length;
      if (taken.subarray(i, end).includes(1)) continue;
      spans.push({ start: i, end });
      taken.fill(1, i, end);
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return spans.map((s) => ({ ...s, name: strip(text.slice(s.start, s.end)).replace(/\s+/g, '') }));
}

/** The items of lists of companies (支持A、B等企业): companies, not projects, whatever their head word. */
export function companyListItems(text: string): [number, number][] {
  const companies: [number, number][] = [];
  COMPANY_LIST_RE.lastIndex = 0;
  for (let m = COMPANY_LIST_RE.exec(text); m; m = COMPANY_LIST_RE.exec(text)) companies.push(...listItems(text, m.index));
  return companies;
}

/** The items of the coordinated list that ends at `end` (just before 等). */
function listItems(text: string, end: number): [number, number][] {
  const from = clauseStart(text, end, 160);
  const items: [number, number][] = [];
  let itemEnd = end;
  let i = end - 1;
  while (i >= from) {
    const ch = text[i];
    if (ch === '、' || ch === '和' || ((ch === ',' || ch === '，') && text[i + 1] === '、')) {
      items.push([i + 1, itemEnd]);
      // Swallow a doubled separator (,、 or 、,).
      let j = i - 1;
      if (j >= from && /[,，、]/.test(text[j])) j--;
      itemEnd = j + 1;
      i = j;
      continue;
    }
    if (ch === ',' || ch === '，' || /[。；;！!？?\n：:]/.test(ch)) break;
    i--;
  }
  items.push([i + 1, itemEnd]);
  return items.map(([a, b]) => [a, b] as [number, number]).filter(([a, b]) => b > a);
}

/** `“济济高铁”项目` → the quoted name; `化工新材料“产业大脑”` keeps its quotes. */
function handleQuotes(text: string, winStart: number, headStart: number, headEnd: number): [number, number] | undefined {
  const before = text[headStart - 1];
  if (before !== '”' && before !== '」' && before !== '"') return undefined;
  const open = before === '”' ? '“' : before === '」' ? '「' : '"';
  const o = text.lastIndexOf(open, headStart - 2);
  if (o < winStart) return undefined;
  // A quoted slogan counted as a category (206个“两重”项目, “双百双新”项目634个) names no project.
  if (/\d个$|个$/.test(text.slice(Math.max(0, o - 4), o)) || /^\d+个/.test(text.slice(headEnd, headEnd + 8))) return [o, o];
  // A four-character slogan in quotes (“东数西算”工程, “双百双新”项目) names a campaign.
  if (SLOGAN.test(text.slice(o + 1, headStart - 1))) return [o, o];
  if (/^(?:项目|工程|计划|计画)/.test(text.slice(headStart, headEnd))) return [o + 1, headStart - 1];
  return undefined;
}

function dedupe(list: Candidate[]): Candidate[] {
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  for (const c of list) {
    const last = out[out.length - 1];
    if (last && c.start < last.end) {
      // Prefer the candidate that ends later (a longer head with its 项目).
      if (c.end > last.end) {
        last.end = c.end;
      }
      continue;
    }
    out.push({ ...c });
  }
  return out;
}
