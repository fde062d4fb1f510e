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
import { CLAUSE_WORDS, GENERIC, HEADS, OPEN_HEADS, PROJECT_CONTEXT, SET_WORDS, STOP_WORDS, WORKS_VERBS } from './projectLexicon';
import { companyListItems } from './projects';
import { lowerBound } from './sentences';


const END_WORDS = [...new Set([...HEADS, ...OPEN_HEADS])].sort((a, b) => b.length - a.length);

/** The head word a name ends in (one of the general words above), or a class of its last character. */
function headOf(core: string): string {
  const m = headSuffix(core);
  if (m) return m;
  const last = core.slice(-1);
  return /\d/.test(last) ? 'DIG' : /[A-Za-z]/.test(last) ? 'LAT' : /[)）]/.test(last) ? 'PAREN' : 'OTHER';
}
const NUM = '[一二三四五六七八九十\\d]+';
const PHASE = `(?:第?${NUM}[期标]段?|[（(]第?${NUM}期[)）]|第?${NUM}阶段)`;
/** What may follow a head word inside the span: a phase, 项目/工程. */
const TAIL_RE = new RegExp(`^(?:${PHASE})?(?:重建|扩建|改建|迁建)?(?:建设项目|项目|工程)?`);
const PHASE_RE = new RegExp(PHASE, 'g');
const PHASE_IN = new RegExp(`${NUM}期|${NUM}阶段`);
/** Head words by their last character, for a suffix scan at every position. */
const BY_LAST = new Map<number, string[]>();
for (const w of END_WORDS) {
  const c = w.charCodeAt(w.length - 1);
  (BY_LAST.get(c) ?? BY_LAST.set(c, []).get(c)!).push(w);
}

const HEAD_THEN_CONJ = new RegExp(`(?:${END_WORDS.join('|')})(?:${PHASE})?(?:及|和|与|暨|以及)`);

/** The longest head word `s` ends in, or ''. */
function headSuffix(s: string): string {
  const words = BY_LAST.get(s.charCodeAt(s.length - 1));
  if (words) for (const w of words) if (s.endsWith(w)) return w; // longest first
  return '';
}

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
    // Ends inside a longer head (工业园|区) are dropped later (insideHead).
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
const ORG_AFTER = /^(?:有限|股份|公司|集团|控股|责任|事务所|设计院|研究院|管理局|管理处|指挥部|办公室|委员会|顾问|咨询)/;
/** The longest name looked for, in UTF-16 units. */
export const MAX_SPAN = 32;
/** How far around a candidate its repetitions are counted (a whole article in practice). */
const REACH = 20000;
/** How many windows are segmented together (bounds the tokens held at once). */
const TAG_BATCH = 2048;
/** The most word boundaries tried as a name's start for one end. */
const MAX_STARTS = 16;

/** Part-of-speech tags of words that make a name specific. */
const SPECIFIC = /^(?:ns|nr[a-z]*|nz|nt|eng|j|x|nrt)$/;
const QUOTE_OPEN = '「『“‘"';
const QUOTE_CLOSE = '」』”’"';
const PROJECT_WORD = /项目|工程|计划|计画|专案|建设|兴建|开发案/;

export interface Candidate {
  start: number;
  end: number;
  /** Feature names (binary features); dropped once scored, unless kept for training. */
  feats: string[];
  /** The model's linear score, where the caller scored the candidate. */
  z?: number;
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
const HAN_ANY = /[\u4e00-\u9fff]/;
const NAME_START = /^(?:[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9\ud840-\ud87f]|“[^”]+”.|「[^」]+」.|『[^』]+』.)/;
/** Function words that never open a name. */
const NOT_FIRST = new Set([...'的了着是在和与及等或并而对把被将已从向于为由以之其但又也还就都则即如若']);

/** Measures of a count (三个, 一批, 两座, 三大), unlike measures of capacity (30万吨级, 12英寸) that names keep. */
const COUNT_MEASURE = /^(?:个|批|项|座|条|家|所|类|只|处|件|大|些|种|期间)$/;

/**
 * A span opened by a pronoun or demonstrative (这些, 该批), a word for a set (部分, 上述),
 * or a count (三个, 一批, 三大) is a clause fragment, not a name: `k` is the index of
 * the span's first token.
 */
function countOrPronoun(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  if (/^r/.test(t.tag) || SET_WORDS.has(t.word) || /^[这那该此每各][批个些类项座条家所种期大]?$/.test(t.word)) return true;
  if (/^[一二两三四五六七八九十几多数\d]+(?:个|批|项|座|条|家|所|类|大|些|种)$/.test(t.word)) return true;
  return /^m/.test(t.tag) && k + 1 < tokens.length && COUNT_MEASURE.test(tokens[k + 1].word);
}

/** A list's closing 等 with a count (康渝等4条高铁), a count inside (增办2件复建工程), a demonstrative or an aspect or passive marker inside (该兴建计画, 我委已会同): a clause. */
const CLAUSE_INSIDE = /等[\d一二两三四五六七八九十几多]|(?<!第)[\d一二两三四五六七八九十几]+(?:件|个|座|条|项|批|家|处)|.[该这此那已被把]/;

/** Spans that cannot be names whatever the model says: the constraints candidates are built under. */
function admissible(span: string): boolean {
  return NAME_START.test(span) && !ENUM_PREFIX.test(span) && bracketsOk(span) && !/项目工程$/.test(span) && HAN_ANY.test(span) && !CLAUSE_INSIDE.test(span);
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

const SENTENCE_END = new Set([...'。；;！!？?\n'].map((c) => c.charCodeAt(0)));

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
 * The tokens of each window, from one segmentation of the stretches of text the
 * windows cover (overlapping windows are merged, so every character is segmented
 * once). A token that runs across a window's start is left out (no start lies inside
 * a word); one that runs across its end is cut there. Offsets are relative to the window.
 */
function tagWindows(text: string, windows: readonly Window[]): Token[][] {
  const order = windows.map((_, n) => n).sort((a, b) => windows[a].start - windows[b].start);
  const spans: Array<[number, number]> = [];
  for (const n of order) {
    const w = windows[n];
    const last = spans[spans.length - 1];
    if (last && w.start <= last[1]) last[1] = Math.max(last[1], w.end);
    else spans.push([w.start, w.end]);
  }
  const segTokens = tagMany(spans.map(([a, b]) => text.slice(a, b)));
  // All tokens in text offsets, in order.
  const all: Token[] = [];
  spans.forEach(([a], k) => {
    for (const t of segTokens[k]) all.push({ word: t.word, start: a + t.start, end: a + t.end, tag: t.tag });
  });
  const startsAt = all.map((t) => t.start);
  return windows.map((w) => {
    const out: Token[] = [];
    for (let k = lowerBound(startsAt, w.start); k < all.length && all[k].start < w.end; k++) {
      const t = all[k];
      const end = Math.min(t.end, w.end);
      out.push({ word: end === t.end ? t.word : text.slice(t.start, end), start: t.start - w.start, end: end - w.start, tag: t.tag });
    }
    return out;
  });
}

/**
 * Generates candidates with features. `rules` are the rule recognizer's spans
 * (a feature, and candidates of their own). `finish`, where given, receives each
 * candidate as soon as its features are complete (the scorer sets `z` and drops them).
 */
export function projectCandidates(
  text: string,
  ctx: DocContext,
  rules: readonly RuleSpan[],
  finish?: (c: Candidate) => Candidate,
  weights?: Readonly<Record<string, number>>,
): Candidate[] {
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
    const j = text.slice(i + 1, i + 2 + MAX_SPAN).indexOf(close) + i + 1;
    if (j > i + 2 && j - i - 1 <= MAX_SPAN && !/[。；！？\n]/.test(text.slice(i + 1, j))) windows.push({ start: i + 1, end: j, kind: 'quote' });
  }
  listWindows(text, windows);
  for (const r of rules) windows.push({ start: windowStart(text, r.start, 8), end: r.end, kind: 'head' });

  // One batched segmentation of all windows.
  const uniq = new Map<string, Window>();
  for (const w of windows) if (w.end > w.start && !insideHead(text, w.end) && !ORG_AFTER.test(text.slice(w.end, w.end + 4))) uniq.set(`${w.start}:${w.end}:${w.kind}`, w);
  const list = [...uniq.values()];

  const ruleStartsByEnd = new Map<number, number[]>();
  for (const r of rules) (ruleStartsByEnd.get(r.end) ?? ruleStartsByEnd.set(r.end, []).get(r.end)!).push(r.start);
  // Occurrences of a string in the text around a place (at most 5 are counted; a long
  // text is read in blocks of REACH on each side). Found through the positions of the
  // string's first two characters, so the cost does not grow with the text.
  const bigrams = new Map<number, number[]>();
  for (let i = 0; i + 1 < text.length; i++) {
    const k = text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
    const l = bigrams.get(k);
    if (l) l.push(i);
    else bigrams.set(k, [i]);
  }
  const counts = new Map<number, Map<string, number>>();
  const countAt = (pos: number) => {
    const block = Math.floor(pos / REACH);
    let memo = counts.get(block);
    if (!memo) counts.set(block, (memo = new Map()));
    const m = memo;
    const from = Math.max(0, (block - 1) * REACH);
    const to = (block + 2) * REACH;
    return (s: string) => {
      let n = m.get(s);
      if (n === undefined) {
        n = 0;
        const at = bigrams.get(s.charCodeAt(0) * 65536 + s.charCodeAt(1)) ?? [];
        for (let k = lowerBound(at, from); k < at.length && at[k] < to && n < 5; k++) if (text.startsWith(s, at[k])) n++;
        m.set(s, n);
      }
      return n;
    };
  };
  // Occurrences of a word followed by something other than `next`: a word met with many
  // different continuations (智慧港口, 智慧航道, 智慧机场) is a modifier, not a name.
  const variants = new Map<string, number>();
  const variantsAt = (pos: number) => (s: string, next: string) => {
    const block = Math.floor(pos / REACH);
    const key = `${block}\u0000${s}\u0000${next}`;
    let n = variants.get(key);
    if (n === undefined) {
      n = 0;
      const at = bigrams.get(s.charCodeAt(0) * 65536 + s.charCodeAt(1)) ?? [];
      const to = (block + 2) * REACH;
      for (let k = lowerBound(at, Math.max(0, (block - 1) * REACH)); k < at.length && at[k] < to && n < 3; k++) {
        if (text.startsWith(s, at[k]) && text[at[k] + s.length] !== next && HAN.test(text[at[k] + s.length] ?? '')) n++;
      }
      variants.set(key, n);
    }
    return n;
  };
  // Positions outside every list of companies, as a running count: a span lies inside
  // such lists when it covers no such position.
  const companies = companyListItems(text);
  let inCompanyList = (_s: number, _e: number) => false;
  if (companies.length) {
    const covered = new Uint8Array(text.length);
    for (const [a, b] of companies) covered.fill(1, a, b);
    const outside = new Int32Array(text.length + 1);
    for (let i = 0; i < text.length; i++) outside[i + 1] = outside[i] + (covered[i] ? 0 : 1);
    inCompanyList = (s, e) => outside[e] - outside[s] === 0;
  }
  // Whether the sentence around a window speaks of building, running or funding (one test per sentence).
  const sentenceContext = new Map<number, boolean>();
  const contextAt = (a: number, b: number) => {
    while (a > 0 && !SENTENCE_END.has(text.charCodeAt(a - 1))) a--;
    let v = sentenceContext.get(a);
    if (v === undefined) {
      while (b < text.length && !SENTENCE_END.has(text.charCodeAt(b))) b++;
      sentenceContext.set(a, (v = PROJECT_CONTEXT.test(text.slice(a, b))));
    }
    return v;
  };
  // Windows are read in the order of their ends: once an end's windows are all read,
  // its candidates are complete and are handed on (scored at once by `finish`, so that
  // feature lists never pile up for a whole document).
  const order = list.map((_, n) => n).sort((a, b) => list[a].end - list[b].end);
  const sharedEnd = new Set<number>();
  for (let i = 1; i < order.length; i++) if (list[order[i]].end === list[order[i - 1]].end) sharedEnd.add(list[order[i]].end);
  const out: Candidate[] = [];
  let pending = new Map<number, Candidate>();
  let pendingEnd = -1;
  const flush = () => {
    for (const c of pending.values()) out.push(finish ? finish(c) : c);
    pending = new Map();
  };
  // Windows are segmented in batches (in the order of their ends), so that the tokens
  // of a long text are never all held at once.
  let batch: Token[][] = [];
  let batchFrom = 0;
  for (let i = 0; i < order.length; i++) {
    if (i % TAG_BATCH === 0) {
      batchFrom = i;
      batch = tagWindows(text, order.slice(i, i + TAG_BATCH).map((n) => list[n]));
    }
    const n = order[i];
    const w = list[n];
    if (w.end !== pendingEnd) {
      flush();
      pendingEnd = w.end;
    }
    const tokens = batch[i - batchFrom];
    const context = contextAt(w.start, w.end);
    const starts = new Set<number>();
    // Word boundaries as starts, nearest the end first, at most MAX_STARTS of them.
    for (let k = tokens.length - 1; k >= 0 && starts.size < MAX_STARTS; k--) {
      const t = tokens[k];
      if (w.end - (w.start + t.start) >= 2 && !NOT_FIRST.has(t.word)) starts.add(w.start + t.start);
    }
    for (const rs of ruleStartsByEnd.get(w.end) ?? []) if (rs >= w.start) starts.add(rs);
    const countOf = countAt(w.start);
    // Token facts by start: the token opening there, and whether a clause word lies at or after it.
    const tokenAt = new Map<number, number>();
    tokens.forEach((t, k) => tokenAt.set(t.start, k));
    const clauseFrom = new Uint8Array(tokens.length + 1);
    for (let k = tokens.length - 1; k >= 0; k--) clauseFrom[k] = clauseFrom[k + 1] || CLAUSE_WORDS.has(tokens[k].word) ? 1 : 0;
    const ok = [...starts].filter((s) => {
      if (w.end - s > MAX_SPAN || inCompanyList(s, w.end)) return false;
      const k = tokenAt.get(s - w.start);
      if (k !== undefined && (clauseFrom[k] === 1 || countOrPronoun(tokens, k))) return false;
      return admissible(text.slice(s, w.end));
    });
    const ruleStarts = ruleStartsByEnd.get(w.end);
    const isRule = (s: number) => ruleStarts !== undefined && ruleStarts.includes(s);
    // With weights, a window whose end no other window shares is scored as its features
    // are made (no feature lists); a shared end needs the lists, to merge them.
    const direct = weights !== undefined && !sharedEnd.has(w.end);
    const features = windowFeatures(text, ctx, w, tokens, ok, context, isRule, ruleStarts !== undefined, countOf, variantsAt(w.start), direct ? weights : undefined);
    for (const [s, feats] of features) {
      if (typeof feats === 'number') {
        pending.set(s, { start: s, end: w.end, feats: [], z: feats });
        continue;
      }
      const prev = pending.get(s);
      if (prev) {
        // The same span from another window: one candidate with the features of both.
        const have = new Set(prev.feats);
        for (const f of feats) if (!have.has(f)) prev.feats.push(f);
      } else pending.set(s, { start: s, end: w.end, feats });
    }
  }
  flush();
  return out;
}

/** Closed word classes (verbs, prepositions, adverbs, conjunctions, particles, pronouns,
 * numerals, measures, localisers, adjectives, time words): general vocabulary, whose
 * identity at the boundaries and inside a span is a feature; nouns and names never are. */
const CLOSED_TAG = /^(?:v|vd|vn|vg|p|d|c|u[a-z]*|r[a-z]*|m|q|f|a|ad|t)$/;
const HAN = /[\u4e00-\u9fff]/;
const NEXT_WORD = /^(?:项目|工程|建设|计划|计画|等|的|和|及|与|是|将|已|在|为|于)/;
const NEXT_WORKS = /^(?:项目|工程|建设|计划|计画)/;
const DEMO = /^(?:这|那|该|此|其|各|本|每|上述|有关|相关|部分|多个|一批|一些)/;
const ENUM = /^(?:一是|二是|三是|四是|其一|其二|其三|首先|其次|一、|二、|（[一二三四五六七八九十]）)/;
const SUBJECT_TAG = /^(?:nr|nrfg|nrt|r|rr)$/;
const JOINING_PREPS = new Set(['至', '到', '与', '和', '及']);

interface TokInfo {
  t: Token;
  spec: boolean;
  gen: boolean;
  verb: boolean;
  stop: boolean;
  closed: boolean;
}

/**
 * The features of every candidate of one window: `starts` are offsets in the text,
 * each a candidate [start, w.end). Token facts are computed once per window and
 * the inner counts grow as the start moves left, so a window costs linear time.
 */
function windowFeatures(
  text: string,
  ctx: DocContext,
  w: Window,
  winTokens: Token[],
  starts: number[],
  context: boolean,
  isRule: (s: number) => boolean,
  ruleEnd: boolean,
  countOf: (s: string) => number,
  variantsOf: (s: string, next: string) => number,
  weights?: Readonly<Record<string, number>>,
): Array<[number, string[] | number]> {
  const end = w.end;
  const info: TokInfo[] = winTokens.map((t) => ({
    t,
    spec: SPECIFIC.test(t.tag) && !GENERIC.has(t.word),
    gen: GENERIC.has(t.word),
    verb: /^v/.test(t.tag),
    stop: STOP_WORDS.has(t.word),
    closed: CLOSED_TAG.test(t.tag),
  }));
  // Facts of the text after the span and of the whole window, shared by its candidates.
  const nc = text[end];
  const next2 = text.slice(end, end + 2);
  const common: string[] = ['b', `src:${w.kind}`, `reg:${ctx.region}`, `nc:${HAN.test(nc ?? '') ? 'han' : charClass(nc)}`];
  if (w.list) common.push(`list:${w.list}`);
  if (ruleEnd) common.push('rule_end');
  if (NEXT_WORD.test(next2)) common.push(`nx:${NEXT_WORKS.test(next2) ? next2 : next2[0]}`);
  if (context) common.push('ctx');
  const out: Array<[number, string[] | number]> = [];
  const commonZ = weights ? sumWeights(weights, common) : 0;
  // Starts from the right: inner counts accumulate over the tokens passed.
  const sorted = [...starts].sort((a, b) => b - a);
  let k = info.length; // tokens [k, …) lie inside the span
  let spec = 0, gen = 0, verbs = 0, stops = 0, subjVerb = false, sawVerb = false;
  const inner: string[] = []; // iw: features of inner closed-class words
  const nearEnd = end - w.start - 2;
  // Inner facts of a token that stops being the first one.
  let otherVerbs = 0, preps = 0, innerZ = 0;
  const addInner = (x: TokInfo) => {
    if (x.verb) verbs++;
    if (x.t.tag === 'v' && !WORKS_VERBS.has(x.t.word)) otherVerbs++;
    if (x.t.tag === 'p' && !JOINING_PREPS.has(x.t.word)) preps++;
    if (x.stop) stops++;
    if (x.closed && x.t.end < nearEnd) {
      const name = `iw:${x.t.word}`;
      if (weights) innerZ += weights[name] ?? 0;
      else inner.push(name);
    }
  };
  let firstInfo: TokInfo | undefined;
  for (const start of sorted) {
    const rel = start - w.start;
    // Move the first token left to the one starting at `rel` (a start inside a token keeps k).
    while (k > 0 && info[k - 1].t.start >= rel) {
      if (firstInfo) addInner(firstInfo);
      k--;
      firstInfo = info[k];
      if (firstInfo.spec) spec++;
      if (firstInfo.gen) gen++;
      // A subject (person, pronoun) followed by a verb inside the span.
      if (SUBJECT_TAG.test(firstInfo.t.tag) && sawVerb) subjVerb = true;
      if (firstInfo.t.tag === 'v') sawVerb = true;
    }
    const span = text.slice(start, end);
    const ntoks = info.length - k;
    const first = ntoks > 0 ? info[k].t : undefined;
    const prevTok = k > 0 && info[k - 1].t.end <= rel ? info[k - 1] : undefined;
    // A phase in brackets may close the span (…复建工程(第1期)): the head and tail are read before it.
    const base = span.replace(/[（(]第?[一二三四五六七八九十\d]+[期标]段?[)）]$/, '') || span;
    const core = base.replace(/(?:建设项目|项目|工程)$/, '') || base;
    const head = headOf(core);
    const len = lenBucket(span.length);
    const f: FeatureSink = weights ? new WeightSum(weights, commonZ + innerZ) : common.slice();
    f.push(`len:${len}`, `nt:${Math.min(ntoks, 6)}`, `h:${head}`, `reg_h:${ctx.region}|${head}`, `h_len:${head}|${len}`, `src_len:${w.kind}|${len}`);
    if (isRule(start)) f.push('rule');
    if (core !== base) f.push(`tail:${base.slice(core.length)}`);
    if (first) {
      const fi = info[k];
      f.push(`ft:${first.tag}`);
      if (fi.closed) f.push(`fw:${first.word}`);
      if (fi.stop) f.push('fstop');
      if (fi.gen) f.push('fgen');
      if (fi.verb) f.push('fverb');
      if (/^[mqr]$/.test(first.tag)) f.push(`fq:${first.tag}`);
      if (first.word.length === 1) f.push('f1char');
    }
    if (prevTok) {
      const pt = prevTok.t;
      f.push(`pt:${pt.tag}`, `ptft:${pt.tag}|${first?.tag ?? '-'}`);
      if (prevTok.closed) f.push(`pw:${pt.word}`);
      if (prevTok.stop) f.push('pstop');
      if (prevTok.gen) f.push('pgen');
      if (pt.word.length === 1) f.push(`p1:${pt.tag}`);
    } else {
      const pc = text[start - 1];
      f.push(`pc:${pc === undefined ? 'BOT' : HAN.test(pc) ? 'han' : pc}`, `ptft:c${charClass(pc)}|${first?.tag ?? '-'}`);
    }
    f.push(`spec:${Math.min(spec, 2)}`, `h_spec:${head}|${Math.min(spec, 2)}`);
    if (gen === ntoks) f.push('allgen');
    if (verbs) f.push(`verbs:${Math.min(verbs, 2)}`);
    if (stops) f.push(`stops:${Math.min(stops, 2)}`);
    // A verb that is no works word, or a preposition, inside: a clause, not a name.
    if (otherVerbs) f.push(`iverb:${Math.min(otherVerbs, 2)}`);
    if (preps) f.push('iprep');
    if (first && first.tag === 'v' && !WORKS_VERBS.has(first.word)) f.push('fverb_other');
    for (const x of inner) f.push(x);
    if (/\d/.test(span)) f.push('dig');
    if (/[A-Za-z]/.test(span)) f.push('lat');
    if (/^\d/.test(span)) f.push('digfirst');
    if (/(?:19|20)\d\d|\d年/.test(span)) f.push('year');
    if (PHASE_IN.test(span)) f.push('phase');
    if (/[（(]/.test(span)) f.push('paren');
    if (/[个批项座条家所]/.test(span.slice(0, 3)) && /^[一二两三四五六七八九十\d几多数]/.test(span)) f.push('count');
    if (DEMO.test(span)) f.push('demo');
    if (ENUM.test(span)) f.push('enum');
    if (QUOTE_OPEN.includes(text[start - 1] ?? 'x') && QUOTE_CLOSE.includes(nc ?? 'x')) f.push('quoted');
    f.push(`rep:${Math.min(countOf(core.length >= 2 ? core : span), 3)}`);
    if (/[及和与暨]/.test(span)) {
      f.push('conj');
      if (HEAD_THEN_CONJ.test(span)) f.push('conjhead');
    }
    if (!HAN.test(span)) f.push('nohan');
    if (subjVerb) f.push('subjverb');
    if (start === w.start) f.push('winstart');
    // The name's first word recurring in the text (names are repeated, in full or short).
    if (first && first.word.length >= 2 && HAN.test(first.word)) {
      const generic = GENERIC.has(first.word) || STOP_WORDS.has(first.word) || headSuffix(first.word) !== '';
      f.push(`frep:${generic ? 'g' : ''}${Math.min(countOf(first.word), 4)}`);
      const after = text[start + first.word.length];
      if (after !== undefined && start + first.word.length < end) f.push(`fvar:${variantsOf(first.word, after)}`);
    }
    // The first two characters recurring (a name's core that jieba splits: 竹篙|湾).
    if (span.length >= 4 && /^[\u4e00-\u9fff]{2}/.test(span)) f.push(`crep:${Math.min(countOf(span.slice(0, 2)), 4)}`);
    out.push([start, f instanceof WeightSum ? f.z : (f as string[])]);
  }
  return out;
}

/** Where features go: a list (training, merging) or straight into the model's sum. */
interface FeatureSink {
  push(...names: string[]): unknown;
}

/** A linear score built as features are named, so that no feature list is held. */
class WeightSum implements FeatureSink {
  constructor(
    private readonly weights: Readonly<Record<string, number>>,
    public z: number,
  ) {}
  push(...names: string[]): number {
    for (const n of names) this.z += this.weights[n] ?? 0;
    return 0;
  }
}

function sumWeights(weights: Readonly<Record<string, number>>, names: readonly string[]): number {
  let z = 0;
  for (const n of names) z += weights[n] ?? 0;
  return z;
}
