/**
 * Candidate project spans and their features, for the learned span scorer
 * (projectScorer.ts). Generation is open and cheap; selection is the model's.
 *
 * A candidate ends where a name can end:
 * - after a facility, works or undertaking word (the rule recognizer's heads and
 *   a wider class of general words: 站, 馆, 路, 线, 段, 园区, 计划, 开发案…);
 * - at a closing quote («「X」», «“X”»): HK and TW texts name things in quotes;
 * - at the end of an item of a coordinated list (`A、B、C等项目`, `A、B园区`);
 * - where the rule recognizer (projects.ts) put a name.
 * and starts at any word boundary of the clause before that end (jieba's
 * segmentation, batched), so the scorer chooses the boundary, too.
 *
 * Features are general: word classes and part-of-speech tags at the boundaries,
 * the head word, length, specificity, quotes, list position, repetition in the
 * text, whether the rules proposed the span. No proper name is a feature.
 */
import { tagMany, type Token } from './segmenter';
import type { DocContext } from './types';
import { GENERIC, HEADS, PROJECT_CONTEXT, STOP_WORDS } from './projectLexicon';
import { companyListItems } from './projects';

/** General words that end the name of a facility or undertaking (beyond the rule heads). */
export const OPEN_HEADS = [
  '园区', '新城', '园', '站', '车站', '场', '馆', '院', '楼', '大楼', '桥', '天桥', '路', '道路', '公路', '快速道路', '快速路',
  '线', '支线', '环线', '港', '池', '库', '渠', '堤', '段', '标段', '延伸', '延长', '拓宽', '改造', '改善', '整治', '重建',
  '计划', '计画', '专案', '开发案', '计划案', '计画案', '街市', '公园', '博物馆', '美术馆', '歌剧院', '体育馆', '图书馆',
  '医院', '学校', '综合体', '岛', '隧道', '管道', '管线', '站场', '停车场', '焚化炉', '设施', '高架', '系统', '网',
  '中心', '基地', '工程', '项目', '厂', '总承包', '施工', '监理', '二线', '复线', '通道', '走廊', '湾', '城',
  '苑', '诊所', '绕道', '迁建', '煤矿', '矿', '油田', '气田', '屏障', '钻井', '广场', '喷泉', '填海', '连接路', '干线',
];

const END_WORDS = [...new Set([...HEADS, ...OPEN_HEADS])].sort((a, b) => b.length - a.length);
const HEAD_SUFFIX = new RegExp(`(?:${END_WORDS.join('|')})$`);

/** The head word a name ends in (one of the general words above), or a class of its last character. */
function headOf(core: string): string {
  const m = HEAD_SUFFIX.exec(core);
  if (m) return m[0];
  const last = core.slice(-1);
  return /\d/.test(last) ? 'DIG' : /[A-Za-z]/.test(last) ? 'LAT' : /[)）]/.test(last) ? 'PAREN' : 'OTHER';
}
const NUM = '[一二三四五六七八九十\\d]+';
const PHASE = `(?:第?${NUM}[期标]段?|[（(]第?${NUM}期[)）]|第?${NUM}阶段)`;
/** What may follow a head word inside the span: a phase, 项目/工程. */
const TAIL_RE = new RegExp(`^(?:${PHASE})?(?:重建|扩建|改建|迁建)?(?:建设项目|项目|工程)?`);
const PHASE_RE = new RegExp(PHASE, 'g');
/** Head words by their last character, for a suffix scan at every position. */
const BY_LAST = new Map<number, string[]>();
for (const w of END_WORDS) {
  const c = w.charCodeAt(w.length - 1);
  (BY_LAST.get(c) ?? BY_LAST.set(c, []).get(c)!).push(w);
}

const HEAD_THEN_CONJ = new RegExp(`(?:${END_WORDS.join('|')})(?:${PHASE})?(?:及|和|与|暨|以及)`);

/** Whether a head word runs across `end` (工业园|区): no name ends inside a word. */
function insideHead(text: string, end: number): boolean {
  for (let e = end + 1; e <= Math.min(text.length, end + 3); e++) {
    const words = BY_LAST.get(text.charCodeAt(e - 1));
    if (words) for (const w of words) if (e - w.length < end && text.startsWith(w, e - w.length)) return true;
  }
  return false;
}

/** Every place a head word ends (overlapping heads too: 工业园 and 园区 in 工业园区), with its tails. */
function headEnds(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let e = 1; e <= text.length; e++) {
    const words = BY_LAST.get(text.charCodeAt(e - 1));
    if (!words) continue;
    let longest = 0;
    for (const w of words) if (w.length > longest && text.startsWith(w, e - w.length)) longest = w.length;
    if (longest === 0) continue;
    // A head continued by a longer head (园 in 园区) ends at the longer one.
    const tail = TAIL_RE.exec(text.slice(e, e + 12))![0];
    out.push([e - longest, e]);
    if (tail) out.push([e - longest, e + tail.length]);
  }
  PHASE_RE.lastIndex = 0;
  for (let m = PHASE_RE.exec(text); m; m = PHASE_RE.exec(text)) {
    const e = m.index + m[0].length;
    const tail = TAIL_RE.exec(text.slice(e, e + 12))![0];
    out.push([m.index, e + tail.length]);
  }
  return out;
}

/** Where a name's window stops on the left: clause and list punctuation, quotes, brackets of titles. */
const WINDOW_STOP = new Set([...'。；;！!？?\n\r，,、：:“”「」『』《》【】〈〉‘’"\u3000\t ▲△■□●○◆◇★☆※•'].map((c) => c.charCodeAt(0)));
/** An enumeration marker at the start of a clause (一是, 其二, 3., （一）): never part of a name. */
const ENUM_PREFIX = /^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]|[一二三四五六七八九十]+、|\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]{1,2}[)）]|首先|其次|再次|最后|另外|此外|同时)/;
/** What continues an organisation's name: a head word followed by these ends no project name. */
const ORG_AFTER = /^(?:有限|股份|公司|集团|控股|责任|事务所|设计院|研究院|管理局|管理处|指挥部|办公室|委员会)/;
/** The longest name looked for, in UTF-16 units. */
export const MAX_SPAN = 32;

/** Part-of-speech tags of words that make a name specific. */
const SPECIFIC = /^(?:ns|nr[a-z]*|nz|nt|eng|j|x|nrt)$/;
const QUOTE_OPEN = '「『“‘"';
const QUOTE_CLOSE = '」』”’"';
const PROJECT_WORD = /项目|工程|计划|计画|专案|建设|兴建|开发案/;

export interface Candidate {
  start: number;
  end: number;
  /** Feature names (binary features). */
  feats: string[];
}

export interface RuleSpan {
  start: number;
  end: number;
}

const lenBucket = (n: number) => (n <= 2 ? '2' : n <= 3 ? '3' : n <= 4 ? '4' : n <= 6 ? '5-6' : n <= 9 ? '7-9' : n <= 14 ? '10-14' : n <= 20 ? '15-20' : '21+');

function charClass(c: string | undefined): string {
  if (c === undefined) return 'EOT';
  if (/[\u4e00-\u9fff\u3400-\u4dbf]/.test(c)) return 'han';
  if (/\d/.test(c)) return 'dig';
  if (/[A-Za-z]/.test(c)) return 'lat';
  if (/\s/.test(c)) return 'sp';
  return c;
}

/** Where the clause of `pos` begins, at most `limit` units back. */
function windowStart(text: string, pos: number, limit: number): number {
  const min = Math.max(0, pos - limit);
  let ws = min;
  for (let i = pos - 1; i >= min; i--) {
    const c = text.charCodeAt(i);
    // A quoted word inside a name (“西气东输”第四通道, 自助过关「e-道」系统): the window runs on past it.
    const q = c === 0x201d ? '“' : c === 0x300d ? '「' : c === 0x300f ? '『' : '';
    if (q) {
      const o = text.lastIndexOf(q, i - 1);
      if (o >= min && i - o <= 12 && !/[，。；、]/.test(text.slice(o, i))) {
        i = o;
        continue;
      }
    }
    if (WINDOW_STOP.has(c)) {
      ws = i + 1;
      break;
    }
  }
  const m = ENUM_PREFIX.exec(text.slice(ws, pos));
  return m ? ws + m[0].length : ws;
}

/** A name starts with a character of a name: a letter, a digit, a Han character. */
const NAME_START = /^(?:[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9\ud840-\ud87f]|“[^”]+”.|「[^」]+」.|『[^』]+』.)/;
/** Function words that never open a name. */
const NOT_FIRST = new Set([...'的了着是在和与及等或并而对把被将已从向于为由以之其但又也还就都则即如若']);

/** Spans that cannot be names whatever the model says: the constraints candidates are built under. */
function admissible(span: string): boolean {
  return NAME_START.test(span) && !ENUM_PREFIX.test(span) && bracketsOk(span) && !/项目工程$/.test(span);
}

/** No closing bracket without its opening one inside a span, and no bracket at its start (a scraped text may lose a closing one). */
function bracketsOk(span: string): boolean {
  let depth = 0;
  for (const ch of span) {
    if (ch === '(' || ch === '（') depth++;
    else if ((ch === ')' || ch === '）') && --depth < 0) return false;
  }
  return !/^[(（)）]|[(（]$/.test(span);
}

/** The sentence around a span (for context words), at most `reach` units each side. */
function sentenceAround(text: string, start: number, end: number, reach: number): string {
  let a = start;
  while (a > 0 && start - a < reach && !/[。；;！!？?\n]/.test(text[a - 1])) a--;
  let b = end;
  while (b < text.length && b - end < reach && !/[。；;！!？?\n]/.test(text[b])) b++;
  return text.slice(a, start) + '|' + text.slice(end, b);
}

interface Window {
  start: number;
  end: number;
  kind: 'head' | 'quote' | 'item';
  /** For list items: how the list is governed. */
  list?: string;
}

/** Items of `A、B、C…` lists: the spans between the separators, within one clause. */
function listWindows(text: string, out: Window[]): void {
  const re = /、/g;
  const seen = new Set<number>();
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // The clause holding this separator.
    let a = m.index;
    while (a > 0 && !/[。；;！!？?\n，,：:“”「」『』《》]/.test(text[a - 1])) a--;
    if (seen.has(a)) continue;
    seen.add(a);
    let b = m.index;
    while (b < text.length && !/[。；;！!？?\n，,：:“”「」『』《》]/.test(text[b])) b++;
    const clause = text.slice(a, b);
    const after = text.slice(b, Math.min(text.length, b + 12));
    const governed = /等.{0,10}(?:项目|工程|计划|计画)/.test(clause) ? 'proj' : /等/.test(clause) ? 'deng' : PROJECT_WORD.test(clause + after) ? 'ctx' : 'none';
    if (governed === 'none') continue;
    const parts = clause.split(/、/);
    let pos = a;
    parts.forEach((p, k) => {
      let end = pos + p.length;
      // The last item ends before 等 or a conjunction that closes the list.
      if (k === parts.length - 1) {
        const cut = p.search(/(?<![高平同初中相对均次上优])等(?=$|[\d一二两三四五六七八九十多几个批项重大]|项目|工程|计划|计画|企业|单位|地|城市)|(?:[和及与]|以及)(?=[^、]*$)/);
        if (cut > 0) end = pos + cut;
      }
      if (end - pos >= 2 && end - pos <= MAX_SPAN) out.push({ start: pos, end, kind: 'item', list: `${governed}|${k === 0 ? 'first' : k === parts.length - 1 ? 'last' : 'mid'}` });
      pos += p.length + 1;
    });
  }
}

/**
 * Generates candidates with features. `rules` are the rule recognizer's spans
 * (a feature, and candidates of their own).
 */
export function projectCandidates(text: string, ctx: DocContext, rules: readonly RuleSpan[]): Candidate[] {
  const windows: Window[] = [];
  for (const [hs, end] of headEnds(text)) {
    if (insideHead(text, end) || ORG_AFTER.test(text.slice(end, end + 4))) continue;
    const ws = windowStart(text, hs, MAX_SPAN);
    if (ws < hs || end - hs >= 3) windows.push({ start: ws, end, kind: 'head' });
  }
  // Quoted names.
  for (let i = 0; i < text.length; i++) {
    const q = QUOTE_OPEN.indexOf(text[i]);
    if (q < 0) continue;
    const close = QUOTE_CLOSE[q];
    const j = text.indexOf(close, i + 1);
    if (j > i + 2 && j - i - 1 <= MAX_SPAN && !/[。；！？\n]/.test(text.slice(i + 1, j))) windows.push({ start: i + 1, end: j, kind: 'quote' });
  }
  listWindows(text, windows);
  for (const r of rules) windows.push({ start: windowStart(text, r.start, 8), end: r.end, kind: 'head' });

  // One batched segmentation of all windows.
  const uniq = new Map<string, Window>();
  for (const w of windows) if (w.end > w.start && !insideHead(text, w.end) && !ORG_AFTER.test(text.slice(w.end, w.end + 4))) uniq.set(`${w.start}:${w.end}:${w.kind}`, w);
  const list = [...uniq.values()];
  const tagged = tagMany(list.map((w) => text.slice(w.start, w.end)));

  const ruleKeys = new Set(rules.map((r) => `${r.start}:${r.end}`));
  const ruleEnds = new Set(rules.map((r) => r.end));
  const counts = new Map<string, number>();
  const countOf = (s: string) => {
    let n = counts.get(s);
    if (n === undefined) {
      n = 0;
      for (let i = text.indexOf(s); i >= 0 && n < 5; i = text.indexOf(s, i + 1)) n++;
      counts.set(s, n);
    }
    return n;
  };

  // Items of a list of companies are companies: no candidate inside one.
  const companies = companyListItems(text);
  const inCompanyList = (s: number, e: number) => companies.some(([a, b]) => s >= a && e <= b);
  const out = new Map<string, Candidate>();
  list.forEach((w, n) => {
    const tokens = tagged[n];
    const context = PROJECT_CONTEXT.test(sentenceAround(text, w.start, w.end, 30));
    const starts = new Set<number>();
    for (const t of tokens) if (w.end - (w.start + t.start) >= 2 && !NOT_FIRST.has(t.word)) starts.add(w.start + t.start);
    for (const r of rules) if (r.end === w.end && r.start >= w.start) starts.add(r.start);
    for (const s of starts) {
      if (w.end - s > MAX_SPAN || !admissible(text.slice(s, w.end)) || inCompanyList(s, w.end)) continue;
      const key = `${s}:${w.end}`;
      const feats = features(text, ctx, w, tokens, s, context, ruleKeys.has(key), ruleEnds.has(w.end), countOf);
      const prev = out.get(key);
      if (prev) {
        for (const f of feats) if (!prev.feats.includes(f)) prev.feats.push(f);
      } else out.set(key, { start: s, end: w.end, feats });
    }
  });
  return [...out.values()];
}

function features(
  text: string,
  ctx: DocContext,
  w: Window,
  winTokens: Token[],
  start: number,
  context: boolean,
  isRule: boolean,
  ruleEnd: boolean,
  countOf: (s: string) => number,
): string[] {
  const end = w.end;
  const span = text.slice(start, end);
  const rel = start - w.start;
  const toks = winTokens.filter((t) => t.start >= rel);
  const before = winTokens.filter((t) => t.end <= rel);
  const prevTok = before[before.length - 1];
  const first = toks[0];
  const core = span.replace(/(?:建设项目|项目|工程)$/, '') || span;
  const f: string[] = ['b', `src:${w.kind}`, `reg:${ctx.region}`, `len:${lenBucket(span.length)}`, `nt:${Math.min(toks.length, 6)}`];
  if (w.list) f.push(`list:${w.list}`);
  if (isRule) f.push('rule');
  else if (ruleEnd) f.push('rule_end');
  // Words of closed classes (verbs, prepositions, adverbs, conjunctions, particles,
  // pronouns, numerals, measures, localisers) are general vocabulary: their identity
  // at the boundaries and inside a span is a feature; nouns and names never are.
  const closed = (t: Token | undefined) => t !== undefined && /^(?:v|vd|vn|vg|p|d|c|u[a-z]*|r[a-z]*|m|q|f|a|ad|t)$/.test(t.tag);
  const head = headOf(core);
  f.push(`h:${head}`);
  if (core !== span) f.push(`tail:${span.slice(core.length)}`);
  // The first word of the span.
  if (first) {
    f.push(`ft:${first.tag}`);
    if (closed(first)) f.push(`fw:${first.word}`);
    if (STOP_WORDS.has(first.word)) f.push('fstop');
    if (GENERIC.has(first.word)) f.push('fgen');
    if (/^v/.test(first.tag)) f.push('fverb');
    if (/^[mqr]$/.test(first.tag)) f.push(`fq:${first.tag}`);
    if (first.word.length === 1) f.push('f1char');
  }
  // What stands before it.
  if (prevTok) {
    f.push(`pt:${prevTok.tag}`);
    if (closed(prevTok)) f.push(`pw:${prevTok.word}`);
    if (STOP_WORDS.has(prevTok.word)) f.push('pstop');
    if (GENERIC.has(prevTok.word)) f.push('pgen');
    if (prevTok.word.length === 1) f.push(`p1:${prevTok.tag}`);
  } else {
    const pc = text[start - 1];
    f.push(`pc:${pc === undefined ? 'BOT' : /[\u4e00-\u9fff]/.test(pc) ? 'han' : pc}`);
  }
  // What follows it.
  const nc = text[end];
  f.push(`nc:${/[\u4e00-\u9fff]/.test(nc ?? '') ? 'han' : charClass(nc)}`);
  const next2 = text.slice(end, end + 2);
  if (/^(?:项目|工程|建设|计划|计画|等|的|和|及|与|是|将|已|在|为|于)/.test(next2)) f.push(`nx:${/^(?:项目|工程|建设|计划|计画)/.test(next2) ? next2 : next2[0]}`);
  // Inside it.
  let spec = 0;
  let gen = 0;
  let verbs = 0;
  let stops = 0;
  for (const t of toks) {
    if (SPECIFIC.test(t.tag) && !GENERIC.has(t.word)) spec++;
    if (GENERIC.has(t.word)) gen++;
    if (/^v/.test(t.tag) && t !== first) verbs++;
    if (t !== first && closed(t) && t.end < end - w.start - 2) f.push(`iw:${t.word}`);
    if (t !== first && STOP_WORDS.has(t.word)) stops++;
  }
  f.push(`spec:${Math.min(spec, 2)}`);
  if (gen === toks.length) f.push('allgen');
  if (verbs) f.push(`verbs:${Math.min(verbs, 2)}`);
  if (stops) f.push(`stops:${Math.min(stops, 2)}`);
  if (/\d/.test(span)) f.push('dig');
  if (/[A-Za-z]/.test(span)) f.push('lat');
  if (/^\d/.test(span)) f.push('digfirst');
  if (/(?:19|20)\d\d|\d年/.test(span)) f.push('year');
  if (new RegExp(`${NUM}期|${NUM}阶段`).test(span)) f.push('phase');
  if (/[（(]/.test(span)) f.push('paren');
  if (/[（(][^）)]*$/.test(span) || /^[^（(]*[）)]/.test(span)) f.push('badparen');
  if (/[个批项座条家所]/.test(span.slice(0, 3)) && /^[一二两三四五六七八九十\d几多数]/.test(span)) f.push('count');
  if (/^(?:这|那|该|此|其|各|本|每|上述|有关|相关|部分|多个|一批|一些)/.test(span)) f.push('demo');
  if (/^(?:一是|二是|三是|四是|其一|其二|其三|首先|其次|一、|二、|（[一二三四五六七八九十]）)/.test(span)) f.push('enum');
  if (QUOTE_OPEN.includes(text[start - 1] ?? 'x') && QUOTE_CLOSE.includes(nc ?? 'x')) f.push('quoted');
  if (context) f.push('ctx');
  const c = countOf(core.length >= 2 ? core : span);
  f.push(`rep:${Math.min(c, 3)}`);
  // Conjunctions inside (A及B), and one right after a head: two names joined (A医院扩建工程及B医院).
  if (/[及和与暨]/.test(span)) f.push('conj');
  if (HEAD_THEN_CONJ.test(span)) f.push('conjhead');
  if (!/[\u4e00-\u9fff]/.test(span)) f.push('nohan');
  // A person or organisation followed by a verb inside the span: a clause, not a name.
  const subj = toks.findIndex((t) => /^(?:nr|nrfg|nrt|r|rr)$/.test(t.tag));
  if (subj >= 0 && toks.slice(subj + 1).some((t) => t.tag === 'v')) f.push('subjverb');
  if (start === w.start) f.push('winstart');
  // The last word before the head, and the head's kind with the region.
  const lastBody = toks.filter((t) => t.end <= end - w.start - (span.length - core.length) && t.start >= rel);
  const lb = lastBody[lastBody.length - 1];
  if (lb) f.push(`lt:${lb.tag}`);
  f.push(`reg_h:${ctx.region}|${head}`);
  // Pairs: the boundary's two sides, the head with specificity and length.
  const pt = prevTok ? prevTok.tag : `c${charClass(text[start - 1])}`;
  f.push(`ptft:${pt}|${first?.tag ?? '-'}`, `h_spec:${head}|${Math.min(spec, 2)}`, `h_len:${head}|${lenBucket(span.length)}`);
  // The name's first word recurring in the text (names are repeated, in full or short).
  if (first && first.word.length >= 2 && /[\u4e00-\u9fff]/.test(first.word)) {
    const generic = GENERIC.has(first.word) || STOP_WORDS.has(first.word) || HEAD_SUFFIX.test(first.word);
    f.push(`frep:${generic ? 'g' : ''}${Math.min(countOf(first.word), 4)}`);
  }
  // The first two characters recurring (a name's core that jieba splits: 竹篙|湾).
  if (span.length >= 4 && /^[\u4e00-\u9fff]{2}/.test(span)) f.push(`crep:${Math.min(countOf(span.slice(0, 2)), 4)}`);
  f.push(`src_len:${w.kind}|${lenBucket(span.length)}`);
  return f;
}
