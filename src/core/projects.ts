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
import { tag, type Token } from './segmenter';
import type { DocContext, Span } from './types';

/** Facility and undertaking words that end a project name. Longest first where they share a tail. */
const HEADS = [
  '产业园区', '产业园', '科技园', '工业园', '物流园', '创业园', '产业基地', '生产基地', '基地',
  '小镇', '智造中心', '制造中心', '数据中心', '创新中心', '合作中心', '科学中心', '中心',
  '数字工厂', '工厂', '重汽厂', '水厂', '电厂', '厂',
  '水电站', '电站', '风电场', '机场', '码头', '港', '航道', '航线', '运河', '水库', '灌区',
  '大桥', '复线桥', '桥', '隧道', '高速铁路', '快速铁路线', '铁路', '高铁', '高速公路', '高速', '城际',
  '号线', '线', '大道', '填海', '人工岛', '枢纽',
  '实验室', '实验站', '加速器', '科学装置', '装置', '产线', '生产线', '学院', '大学', '校区', '院区', '医院',
  '大厦', '集群', '古城', '公路港',
  '改扩建工程', '改扩建', '改建', '扩建', '扩容', '增建二线', '北延', '南延', '东延', '西延',
  '工程', '项目',
];

const NUM = '[一二三四五六七八九十\\d]+';
/** A phase marker after a name: 一期, 第三期, （一期）. */
const PHASE = `(?:第?${NUM}期|[（(]第?${NUM}期[)）]|第${NUM}跑道)`;
/** What may directly follow a head and still belong to the span. */
const TAIL = `(?:${PHASE})?(?:建设项目|项目|工程)?`;

const HEAD_RE = new RegExp(`(?:${[...HEADS].sort((a, b) => b.length - a.length).join('|')})${TAIL}|${PHASE}(?:建设项目|项目|工程)?`, 'g');

/** Words that end the leftward walk: the verbs and markers that introduce a name. */
const STOP_WORDS = new Set([
  '加快', '加快建设', '加快推进', '加快实施', '建设', '推进', '实施', '推动', '完成', '全面完成', '建成', '开工', '开建', '新建',
  '有', '实现', '抓好', '确保', '发挥', '发挥好', '依托', '重点依托', '观摩', '作为', '使', '获得', '拿下', '参与', '属于', '是',
  '完工', '中标', '做实', '做大', '做优', '做强', '壮大', '培育', '打造', '规划', '规划建设', '谋划', '布局', '引进', '引入',
  '招引', '策划', '落地', '落户', '签约', '位于', '支持', '包括', '其中', '聚焦', '争取', '衔接', '协调', '全力', '积极',
  '重点', '全力保障', '保障', '启动', '开通', '通车', '投产', '投用', '运营', '开业', '竣工', '获批', '获', '填充', '建立',
  '搭建', '组建', '设立', '成立', '申请', '审议', '通过', '支持', '对于', '关于', '就', '当中', '除', '同属于', '以',
  '经过', '重大', '首个', '首座', '全球', '最大', '国内', '国际', '东北', '新', '该', '此次', '这次', '这个', '那个',
  '大力', '继续', '持续', '正式', '全面', '高标准', '高起点', '一批', '一个', '各个', '为', '和', '与', '及其', '以及', '或',
  '的', '在', '于', '将', '已', '已经', '正在', '了', '等', '共', '都', '也', '还', '又', '并', '而', '即', '对', '向', '从',
  '到', '把', '被', '让', '由', '据', '据悉', '据了解', '目前', '今年', '去年', '明年', '现时', '其', '是否', '能否',
  '因此', '而且', '此外', '同时', '另外', '譬如', '又如', '例如', '比如', '如', '短期内', '上述', '这些', '那些',
  '投资', '总投资', '投资建设', '开工建设', '建设运营', '提升', '配套', '服务', '主体', '首期', '重点项目',
]);

/** Part-of-speech tags that never belong inside a name (prepositions, conjunctions, particles, pronouns…). */
const STOP_TAGS = /^(?:p|c|u[a-z]*|r[a-z]*|d|ad|t|y|e|o|q|f|zg|mq)$/;
/** Tags that make a name specific: places, persons, brands, organisations, foreign words, unknown words. */
const SPECIFIC_TAGS = /^(?:ns|nr[a-z]*|nz|nt|eng|j|x|nrt)$/;
/** Words that describe a category rather than name one undertaking. */
const GENERIC = new Set([
  '产业', '新兴', '重点', '重大', '民生', '惠民', '基础', '设施', '基础设施', '数字', '高分子', '材料', '新材料', '产业类',
  '设施类', '大', '新', '该', '各类', '相关', '配套', '综合', '服务', '全国', '国家', '省', '市', '区', '县', '级', '省级',
  '国家级', '市级', '这个', '那个', '有关', '地方', '城市', '农村', '乡村', '道路', '交通', '水利', '能源', '科技', '创新',
  '智能', '制造', '信息', '文化', '旅游', '体育', '医疗', '卫生', '教育', '研发', '生产', '物流', '商贸', '现代', '绿色',
]);

const LIST_SEP = /^(?:[,，]?、|和|与|及|以及|,、|，、)$/;
const BOUNDARY_CHARS = /[。；;！!？?\n\r：:（）()“”"「」『』《》【】\[\]…—\s]/;

/** Offsets of clause boundaries: the name never crosses these. */
function clauseStart(text: string, pos: number, limit: number): number {
  let i = pos - 1;
  const min = Math.max(0, pos - limit);
  while (i >= min) {
    const ch = text[i];
    if (/[。；;！!？?\n\r]/.test(ch)) return i + 1;
    i--;
  }
  return min;
}

function isSpecific(tokens: Token[], name: string): boolean {
  if (/[A-Za-z0-9]/.test(name)) return true;
  if (new RegExp(`${NUM}期`).test(name)) return true;
  for (const t of tokens) {
    if (GENERIC.has(t.word)) continue;
    if (SPECIFIC_TAGS.test(t.tag) && /[\u3400-\u9fff]/.test(t.word)) return true;
  }
  return false;
}

const strip = (name: string) => name.replace(/(?:建设项目|项目)$/, '');

interface Candidate {
  start: number;
  end: number;
}

/**
 * Walks left from the head over the tokens that belong to the name.
 * `tokens` cover text[winStart, headEnd); returns the name's start.
 */
function walkLeft(tokens: Token[], headStartInWin: number): number {
  let start = headStartInWin;
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.end > headStartInWin) continue; // the head itself
    const w = t.word;
    if (/^[)）]$/.test(w)) {
      // An inner parenthesis (网易(济南)联合创新中心) belongs to the name when a name part precedes it.
      let j = k - 1;
      while (j >= 0 && !/^[（(]$/.test(tokens[j].word) && k - j < 5) j--;
      if (j < 1 || !/^[（(]$/.test(tokens[j].word)) break;
      const inner = tokens.slice(j + 1, k).map((x) => x.word).join('');
      const prev = tokens[j - 1];
      if (!/^[\u4e00-\u9fff]{1,6}$/.test(inner) || STOP_WORDS.has(prev.word) || STOP_TAGS.test(prev.tag) || BOUNDARY_CHARS.test(prev.word)) break;
      start = tokens[j].start;
      k = j;
      continue;
    }
    if (BOUNDARY_CHARS.test(w) || /^[、,，]+$/.test(w)) break;
    if (w === '·') {
      start = t.start;
      continue;
    }
    if (STOP_WORDS.has(w)) break;
    if (w === '及' ) {
      start = t.start;
      continue;
    }
    if (STOP_TAGS.test(t.tag)) break;
    if (t.tag === 'm' && !/\d/.test(w) && !/期$/.test(w)) break;
    start = t.start;
  }
  return start;
}

/** Includes a parenthesised part that sits inside the name: 网易(济南)联合创新中心. */
function tagWithParens(text: string): Token[] {
  return tag(text);
}

export function findProjects(norm: Normalized, _ctx: DocContext): Span[] {
  const text = norm.text;
  const found: Candidate[] = [];
  const names = new Set<string>();

  const accept = (start: number, end: number, tokens?: Token[]) => {
    if (end - start < 2) return;
    const span = text.slice(start, end);
    const name = strip(span);
    if (name.length < 2 || name.length > 40) return;
    const toks = tokens ?? tag(name);
    if (!isSpecific(toks, name)) return;
    found.push({ start, end });
    names.add(name);
  };

  // 1. Head words.
  HEAD_RE.lastIndex = 0;
  for (let m = HEAD_RE.exec(text); m; m = HEAD_RE.exec(text)) {
    const headStart = m.index;
    let headEnd = m.index + m[0].length;
    // A trailing parenthesis with a second name the text uses (校区(创新港)) stays in the span;
    // one that explains the name (route ends, 拉萨到日喀则) does not.
    const paren = /^[(（]([\u4e00-\u9fff]{2,5})[)）]/.exec(text.slice(headEnd, headEnd + 8));
    if (paren && !/[至到和与]/.test(paren[1]) && !/^(?:项目|工程)/.test(m[0])) headEnd += paren[0].length;
    // A 项目 that begins a compound (项目管理人, 项目深化年) is no suffix.
    if (/^项目/.test(m[0]) && /[\u4e00-\u9fff]/.test(text[headEnd] ?? '') && !/^[建开完落签投竣实位是已将在于]/.test(text[headEnd])) continue;
    const winStart = clauseStart(text, headStart, 40);
    const win = text.slice(winStart, headEnd);
    const quote = handleQuotes(text, winStart, headStart, headEnd);
    if (quote) {
      accept(quote[0], quote[1]);
      continue;
    }
    const tokens = tagWithParens(win);
    const rel = walkLeft(tokens, headStart - winStart);
    let start = winStart + rel;
    const nameTokens = tokens.filter((t) => t.start >= rel);
    if (start === headStart) {
      // Nothing but the head: a bare 项目 / 中心 is no name.
      continue;
    }
    start = absorbParenPrefix(text, start, winStart);
    accept(start, headEnd, nameTokens);
  }

  // 2. Lists governed by a project word: A、B、C等(一批|N个)…项目.
  const LIST_RE = /等(?:[一两二三四五六七八九十\d]+个|一批|多个|一系列)?[^，。、；;,\n]{0,12}?(?:项目|工程|高速公路|铁路|产业园区|产业平台|园区|设施)/g;
  for (let m = LIST_RE.exec(text); m; m = LIST_RE.exec(text)) {
    const end = m.index;
    const from = clauseStart(text, end, 160);
    const segment = text.slice(from, end);
    // Split into items at list separators; clause commas end the list.
    const parts = segment.split(/(?:[,，]、|、[,，]?|和|以及)/);
    // Items are the parts after the last clause comma.
    let offset = from + segment.length;
    const items: [number, number][] = [];
    for (let p = parts.length - 1; p >= 0; p--) {
      const part = parts[p];
      offset -= part.length;
      const itemEnd = offset + part.length;
      const commaAt = Math.max(part.lastIndexOf(','), part.lastIndexOf('，'));
      const itemStart = commaAt >= 0 ? offset + commaAt + 1 : offset;
      items.push([itemStart, itemEnd]);
      if (commaAt >= 0) break;
      // Skip the separator before this part.
      const sepMatch = /(?:[,，]、|、[,，]?|和|以及)$/.exec(text.slice(from, offset));
      if (!sepMatch) break;
      offset -= sepMatch[0].length;
    }
    for (const [s0, e] of items) {
      if (e - s0 < 2) continue;
      const tokens = tag(text.slice(s0, e));
      const rel = walkLeft(tokens, e - s0);
      const s = s0 + rel;
      if (e - s < 2) continue;
      if (/企业|公司|集团$/.test(text.slice(s, e))) continue;
      accept(s, e, tokens.filter((t) => t.start >= rel));
    }
  }

  // 3. Later mentions of names already found.
  const spans = dedupe(found);
  const taken = spans.map((s) => [s.start, s.end] as [number, number]);
  for (const name of names) {
    if (name.length < 3) continue;
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      const end = i + name.length;
      if (taken.some(([a, b]) => i < b && a < end)) continue;
      // Not the tail of a longer word: a name must not start inside a word run of the same script.
      spans.push({ start: i, end });
      taken.push([i, end]);
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return spans.map((s) => ({ ...s, name: strip(text.slice(s.start, s.end)).replace(/\s+/g, '') }));
}

/** `“济济高铁”项目` → the quoted name; `化工新材料“产业大脑”` keeps its quotes. */
function handleQuotes(text: string, winStart: number, headStart: number, headEnd: number): [number, number] | undefined {
  const before = text[headStart - 1];
  if (before !== '”' && before !== '」' && before !== '"') return undefined;
  const open = before === '”' ? '“' : before === '」' ? '「' : '"';
  const o = text.lastIndexOf(open, headStart - 2);
  if (o < winStart) return undefined;
  if (text.slice(headStart, headEnd).startsWith('项目')) return [o + 1, headStart - 1];
  return undefined;
}

/** A name may start with a parenthesised place: keep `网易(济南)` whole when the walk stopped at `)`. */
function absorbParenPrefix(_text: string, start: number, _winStart: number): number {
  return start;
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
