/**
 * Relations between the entities of a document: which project each money and
 * date entity speaks of, with the measure of a money (总投资, 年产值, 撥款…) and
 * the event of a date (开工, 動工, 投产…). Pure: no `vscode`; used by hovers, the
 * projects tree and figure-consistency checks (which should keep to relations
 * at or above CONFIDENT_RELATION).
 *
 * Everything is read on the working text of `normalize` (traditional folded to
 * simplified, ruby artifacts and hard-wrap line breaks dropped), so one set of
 * simplified word lists serves simplified, Hong Kong and Taiwan text; results
 * are mapped back to UTF-16 offsets and characters of the original.
 *
 * Units:
 * - a paragraph ends at a line break the normaliser keeps (hard-wrapped lines
 *   are already joined);
 * - a sentence ends at 。！？；!?;… or a paragraph end (an ASCII ? or ! directly
 *   before a letter or Han character is scraping debris, 布局?jǐn, and ends nothing);
 * - a clause ends also at ，,、：: and dashes (——).
 * Punctuation inside an entity (8,845萬, 12:49) ends nothing.
 *
 * Rules, in order, for each money or date entity (not inside a project name):
 * 1. Direct. In a sentence that names projects: the nearest mention before the
 *    entity in its clause; else the nearest before it in the sentence; else
 *    (no mention before it in the sentence) the first after it in its clause;
 *    else the first after it in the sentence, but only as the head of a
 *    modifier run (`总投资20亿元、占地300亩的X项目`): a bare frame date or amount
 *    before a later subject is not claimed. A date alone in an opening clause
 *    (`2024年4月，X项目动工`) is read with the next clause when its event is
 *    there. A mention governed by a locative or role verb (`位于X园区内`,
 *    `作为X的配套项目`) says where or what the subject is: it claims nothing
 *    when another mention comes before it in the sentence.
 * 2. Lists. When the chosen mention is one of a coordinated list (`A、B和C`,
 *    or `A等` with any number of names): a money is a total of the list and is
 *    related to none of them, unless `各` (each) governs it (then to every
 *    member) or `分别` assigns a run of as many amounts as names (then one to
 *    each, in order). A date is shared: it is related to every member (or one
 *    each after `分别`).
 * 3. Anaphora. In a sentence that names no project, within the paragraph of the
 *    last sentence that named one (its first mention outside a list is the
 *    topic): an anaphor ties the sentence's entities to the topic. Strong
 *    anaphors count anywhere (该项目, 本工程, 此项目, 項目一期, 一期项目, 项目建成后);
 *    weak ones only at the start of a clause (项目…, 一期/其中一期/二期…,
 *    园区/基地/中心/工程 when the topic's name has that head, 建成后/投产运营之后).
 *    An anaphor naming a phase (二期) resolves to the project named with that
 *    phase, or to the topic without phase (the figure's `phase` says which),
 *    or to nothing when the topic is another phase of a project never named
 *    whole. The entity must follow the anaphor, or stand in an opening clause
 *    before it.
 *
 * Measure of a money: the nearest measure word ending before it in its clause
 * (at most MEASURE_WINDOW working characters before, no other money between); an
 * amount joined to the previous one by 、/和/及 (`合同额内资45亿元、外资2610万美元`)
 * inherits that one's measure; else a measure word right after it (`5000万元建造费`).
 * Event of a date: the nearest event word after it in its clause (EVENT_WINDOW
 * characters, no other date between), else one just before it (`开工时间为2023年`,
 * `竣工于2023年`); a date joined to the next by 和/、 shares its event
 * (`于1988年和2005年落成`).
 */
import { indexAt, lowerBound, sentences } from './sentences';
import { normalize, toOriginal, type Normalized } from './normalize';
import type { Entity } from './types';

/** How a relation was made. */
export type RelationVia = 'clause' | 'sentence' | 'list' | 'respectively' | 'anaphora';

interface RelationBase {
  /** How sure the relation is, 0–1 (see RELATION_CONFIDENCE). */
  confidence: number;
  /** How the relation was made (always set by relateProjects). */
  via?: RelationVia;
  /** The project mention the relation goes through (for anaphora: the mention that made the project the topic). Always set by relateProjects. */
  mention?: Entity;
  /** For anaphora: the anaphor as written (该项目, 項目一期…). */
  anaphor?: string;
  /** A phase the entity is said of (一期, 二期…) when it is not part of the project's name, as written. */
  phase?: string;
}

export interface ProjectFigure extends RelationBase {
  /** The money entity. */
  entity: Entity;
  /** The measure word as written in the text (总投资 / 總投資 / 年产值 / 合同金额 / 造价…). */
  measure?: string;
  /** The measure folded to simplified, for grouping. */
  measureKey?: string;
  /** UTF-16 offsets of the measure word in the original text. */
  measureStart?: number;
  measureEnd?: number;
}

export interface ProjectDate extends RelationBase {
  /** The date entity. */
  entity: Entity;
  /** The event word as written (开工 / 動工 / 投产 / 竣工 / 签约 / 通车…). */
  event?: string;
  /** The event folded to simplified. */
  eventKey?: string;
  eventStart?: number;
  eventEnd?: number;
}

export interface ProjectInfo {
  /** Canonical name: the `name` of its first mention. */
  name: string;
  /** Mentions in text order. */
  mentions: Entity[];
  /** Related money entities, in text order. */
  figures: ProjectFigure[];
  /** Related date entities, in text order. */
  dates: ProjectDate[];
}

/**
 * Confidence of a relation. The level is set by where the project is found;
 * the factors lower it for what makes the relation less certain.
 */
export const RELATION_CONFIDENCE = {
  /** The nearest mention before the entity in its clause. */
  clauseBefore: 0.95,
  /** A mention after the entity in its clause (`总投资20亿元的X项目`), none before in the sentence. */
  clauseAfter: 0.8,
  /** The nearest mention before the entity in its sentence, none in its clause. */
  sentenceBefore: 0.75,
  /** A mention after the entity, beyond its clause, none before: only as the head of a modifier run (…、占地300亩的X项目). */
  sentenceAfter: 0.6,
  /** A strong anaphor (该项目, 項目一期, 一期项目…) in a later sentence. */
  anaphoraStrong: 0.55,
  /** A weak anaphor (项目… or 二期… or 园区… at a clause start). */
  anaphoraWeak: 0.45,
  /** Per sentence between this one and the last that named the topic or referred to it. */
  anaphoraDecay: 0.9,
  /** Shared by a list (a date), given by 各, or paired by 分别. */
  listFactor: 0.9,
  /** No measure (money) or event (date) word found. */
  noWordFactor: 0.85,
  /** Another project is named in the sentence and the relation is not within one clause. */
  crowdedFactor: 0.85,
} as const;

/**
 * Relations at or above this are direct and tied: in one clause (a project after
 * the entity only with a measure or event), or in one sentence with a measure or
 * event and no other project named. Anaphora never reaches it. What figure checks use.
 */
export const CONFIDENT_RELATION = 0.7;

/** How far before a money its measure word may end (working characters). */
export const MEASURE_WINDOW = 12;
/** How far after a date its event word may start. */
export const EVENT_WINDOW = 10;

/**
 * Measure words (simplified; traditional text matches through the fold). General
 * words only. The capacity words (年产能, 产能) are looked for only before money.
 */
export const MEASURE_WORDS: readonly string[] = [
  '总投资额', '投资总额', '总投资', '计划投资', '累计投资', '完成投资', '年度投资', '固定资产投资', '投资额', '投资',
  '总投入', '投入', '引资',
  '年产值', '总产值', '产值', '年产能', '产能',
  '年营业收入', '营业收入', '年营收', '营收', '年销售收入', '销售收入', '销售额', '营业额', '年利税', '利税', '年税收', '税收', '纳税', '利润',
  '合同金额', '合同额', '合同价', '合约金额', '合约额', '合约价', '签约金额', '签约额',
  '中标金额', '中标价', '决标金额', '发包金额',
  '工程造价', '总造价', '造价', '总预算', '预算', '总概算', '概算', '估算',
  '拨款', '补助款', '补助资金', '补助', '补贴', '融资', '贷款',
  '总经费', '经费', '工程款', '工程费用', '工程费', '建造费', '建设费', '建安费', '设计费', '费用', '成本', '开支', '耗资', '自筹资金', '自筹', '资金', '专项债',
  '合同', '合约',
];

/** Event words of a project's life (simplified; traditional text matches through the fold). */
export const EVENT_WORDS: readonly string[] = [
  '开工', '动工', '动土', '开建', '奠基', '复工',
  '签约', '签署', '招标', '中标', '决标', '发包', '批出', '批复', '获批', '立项', '核准',
  '开业', '开幕', '开园', '试投产', '投产', '达产', '竣工', '完工', '建成', '落成', '封顶',
  '通车', '开通', '试运营', '试运行', '运营', '营运', '投运', '投用', '投入使用', '投入运营', '启用', '启动',
  '落地', '交付', '验收', '并网', '入驻',
];

const byLength = (a: string, b: string) => b.length - a.length;
const MEASURES = [...MEASURE_WORDS].sort(byLength);
const EVENTS = [...EVENT_WORDS].sort(byLength);

/** A mention right after 的 heads the modifiers before it. */
const MODIFIER_BEFORE = /的[\s\u3000「“『]*$/;
/** Words after which a project name says where (or what) the subject is: 位于X产业园内, 作为X的配套项目. */
const DEPENDENT_AFTER = /(?:位于|坐落于|坐落在|地处|落户于|落户|选址于|选址|入驻|入选|作为|属于|隶属于|毗邻|紧邻|临近|靠近)[\s\u3000]*$/;

const NUM = '[一二三四五六七八九十]{1,3}|首|\\d{1,2}';
/** A phase marker (一期, 二期, 首期, 3期) that is not part of a longer word (近期, 统一期限, 十四五期间). */
const PHASE_RE = new RegExp(`(?:^|(?<=[^\\u3400-\\u9fff]|[的第中及和与]|项目|工程))(${NUM})期(?![间限末内货望待盼刊])`, 'g');
/** Separators inside a coordinated list of names. */
const LIST_SEP = /^[\s\u3000]*(?:、|和|及|与|以及|暨|同|跟)?[\s\u3000]*$/;
/** Between amounts paired by 分别, or an amount list inheriting a measure. */
const AMOUNT_SEP = /^[\s\u3000]*(?:、|，|,|和|及|与|以及)?[\s\u3000]*$/;
/** What may stand between an event word and the date after it. */
const EVENT_GAP = /^(?:的)?(?:时间|日期|时|期)?(?:预计|计划|拟|将|已|定)?(?:为|是|于|在|定于|定在|至)?[:：]?$/;
/** Openers a clause may begin with before its subject. */
const OPENER = /^(?:其中|目前|同时|此外|另外|届时|当前|现已|现在|今后|未来|据悉|据了解|截至目前|预计|计划|力争|其)?/;
/** Strong anaphors, anywhere in a sentence. Group 1/2: a phase. */
const STRONG_ANAPHOR = new RegExp(
  [
    '(?:该|本|此|这个|这一|这座|这条)(?:项目|工程|园区|产业园|基地|中心|计划|计画)',
    `(?:项目|工程)(${NUM})期`,
    `(?:(?<=[^\\u3400-\\u9fff]|[的第中])|^)(${NUM})期(?:项目|工程)`,
    '项目(?:建成|投产|竣工|完工|达产|运营|投运|落地|开工|实施)(?:投产|运营|达产|达效)?(?:之)?后',
  ].join('|'),
  'g',
);
/** Weak anaphors, at the start of a clause (after an opener). Group 1: a phase; group 2: a head noun. */
const WEAK_ANAPHOR = new RegExp(
  [
    `^(?:其中)?(${NUM})期(?![间限末内货望待盼刊])`,
    '^项目',
    '^(园区|基地|中心|工程)',
    '^(?:建成|投产|竣工|完工|达产|运营|投运)(?:投产|运营|达产|达效)?(?:之)?后',
  ].join('|'),
);
const PHASE_SUFFIX = new RegExp(`(${NUM})期$`);

interface Item {
  e: Entity;
  /** Working-text span. */
  ws: number;
  we: number;
  sent: number;
  clause: number;
}

interface Mention extends Item {
  key: string;
  group?: Group;
  /** Governed by a locative or role verb (位于X, 作为X的…): where or what the subject is, not a subject. */
  dependent?: boolean;
}

interface Group {
  members: Mention[];
  /** Distinct project keys, in order. */
  keys: string[];
  /** Ends with 等: more than the names given. */
  etc: boolean;
  we: number;
}

interface Anaphor {
  ws: number;
  we: number;
  clause: number;
  strong: boolean;
  phase?: string;
}

interface Found {
  key: string;
  ws: number;
  we: number;
}

interface Relation {
  key: string;
  confidence: number;
  via: RelationVia;
  mention: Entity;
  anaphor?: string;
  phase?: string;
}

/** The original characters of a working span, without ruby artifacts (as canonicalName does). */
function originalChars(norm: Normalized, a: number, b: number): string {
  let out = '';
  let prev = -1;
  for (let k = a; k < b; k++) {
    const o = norm.starts[k];
    if (o === prev) continue;
    prev = o;
    const c = norm.original.charCodeAt(o);
    out += c >= 0xd800 && c <= 0xdbff ? norm.original.slice(o, o + 2) : norm.original[o];
  }
  return out;
}

/** The grouping key of a project name: working form, no whitespace, no trailing 项目. */
export function projectKey(name: string): string {
  return normalize(name).text.replace(/\s+/g, '').replace(/(?:建设项目|项目)$/, '');
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Relates each money and date entity to the project it speaks of. `entities`
 * are `extractDocument(text).entities` (or `extract(text)`): UTF-16 offsets into
 * `text`, projects with `name`. Returns every project, in order of first mention.
 */
export function relateProjects(text: string, entities: readonly Entity[]): ProjectInfo[] {
  const sorted = [...entities].sort((a, b) => a.start - b.start || a.end - b.end);
  const projects = sorted.filter((e) => e.type === 'project');
  if (projects.length === 0) return [];

  const norm = normalize(text);
  const W = norm.text;
  const n = W.length;
  const toW = (o: number) => lowerBound(norm.starts, o);

  // Working spans; positions inside any entity end no clause.
  const covered = new Uint8Array(n);
  const inProject = new Uint8Array(n);
  const spans = sorted.map((e) => {
    const ws = toW(e.start);
    const we = Math.max(ws, toW(e.end));
    covered.fill(1, ws, we);
    if (e.type === 'project') inProject.fill(1, ws, we);
    return { e, ws, we };
  });

  const { sentStarts, sentPara, clauseStarts, clauseSent, sentEnd, clauseEnd } = sentences(W, covered);

  // Projects, keyed, in order of first mention.
  const infos = new Map<string, ProjectInfo>();
  const mentions: Mention[] = [];
  const items: Item[] = [];
  for (const sp of spans) {
    const clause = indexAt(clauseStarts, sp.ws);
    const it: Item = { ...sp, clause, sent: clauseSent[clause] };
    if (sp.e.type === 'project') {
      const key = projectKey(sp.e.name ?? sp.e.text);
      if (!key) continue;
      let info = infos.get(key);
      if (!info) infos.set(key, (info = { name: sp.e.name ?? sp.e.text, mentions: [], figures: [], dates: [] }));
      info.mentions.push(sp.e);
      mentions.push({ ...it, key });
    } else if (sp.e.type === 'money' || sp.e.type === 'date') {
      // An entity inside a project's name is part of the name.
      if (sp.we > sp.ws && inProject[sp.ws] && inProject[sp.we - 1]) continue;
      items.push(it);
    }
  }

  // Coordinated lists of mentions (A、B和C, A等).
  for (let k = 0; k < mentions.length; ) {
    let j = k;
    while (j + 1 < mentions.length && mentions[j + 1].sent === mentions[k].sent && mentions[j + 1].ws >= mentions[j].we && LIST_SEP.test(W.slice(mentions[j].we, mentions[j + 1].ws))) j++;
    const last = mentions[j];
    const etc = /^[\s\u3000]*等/.test(W.slice(last.we, last.we + 3));
    const members = mentions.slice(k, j + 1);
    const keys = [...new Set(members.map((m) => m.key))];
    if (keys.length > 1 || etc) {
      const g: Group = { members, keys, etc, we: last.we };
      for (const m of members) m.group = g;
    }
    k = j + 1;
  }

  // Per sentence.
  const mentionsOf = new Map<number, Mention[]>();
  for (const m of mentions) {
    const l = mentionsOf.get(m.sent);
    if (l) l.push(m);
    else mentionsOf.set(m.sent, [m]);
  }
  const itemsOf = new Map<number, Item[]>();
  for (const it of items) {
    const l = itemsOf.get(it.sent);
    if (l) l.push(it);
    else itemsOf.set(it.sent, [it]);
  }

  // ---- Measure and event words ----
  const measures = new Map<Item, Found | undefined>();
  const measureOf = (it: Item): Found | undefined => {
    if (measures.has(it)) return measures.get(it);
    let found: Found | undefined;
    const same = itemsOf.get(it.sent)!;
    const idx = same.indexOf(it);
    let prevMoney: Item | undefined;
    for (let k = idx - 1; k >= 0; k--) if (same[k].e.type === 'money') { prevMoney = same[k]; break; }
    const lo = Math.max(clauseStarts[it.clause], it.ws - MEASURE_WINDOW, prevMoney ? prevMoney.we : 0);
    outer: for (let e = it.ws; e > lo; e--) {
      for (const w of MEASURES) {
        const s = e - w.length;
        if (s < lo) continue;
        if (W.startsWith(w, s) && !inProject[s] && !inProject[e - 1]) {
          found = { key: w, ws: s, we: e };
          break outer;
        }
      }
    }
    // An amount joined to the previous one (…45亿元、外资2610万美元) shares its measure.
    if (!found && prevMoney && it.ws - prevMoney.we <= 6 && /^[\s\u3000]*(?:、|和|及|与)[\u3400-\u9fff]{0,3}$/.test(W.slice(prevMoney.we, it.ws))) {
      found = measureOf(prevMoney);
    }
    // Else a measure word right after the amount (5000万元建造费).
    if (!found) {
      const end = Math.min(clauseEnd(it.clause), it.we + 1 + MEASURES[0].length);
      for (let p = it.we; p <= it.we + 1 && !found; p++) {
        if (inProject[p]) continue;
        for (const w of MEASURES) if (p + w.length <= end && W.startsWith(w, p)) { found = { key: w, ws: p, we: p + w.length }; break; }
      }
    }
    measures.set(it, found);
    return found;
  };

  /** The nearest event word starting in [from, to) and ending by `limit`. */
  const eventAfter = (from: number, to: number, limit: number): Found | undefined => {
    for (let p = from; p < to; p++) {
      if (inProject[p]) continue;
      for (const w of EVENTS) if (p + w.length <= limit && W.startsWith(w, p)) return { key: w, ws: p, we: p + w.length };
    }
    return undefined;
  };
  const events = new Map<Item, { found?: Found; nextClause: boolean }>();
  const eventOf = (it: Item): { found?: Found; nextClause: boolean } => {
    const known = events.get(it);
    if (known) return known;
    const same = itemsOf.get(it.sent)!;
    const idx = same.indexOf(it);
    let nextDate: Item | undefined, prevDate: Item | undefined;
    for (let k = idx + 1; k < same.length; k++) if (same[k].e.type === 'date') { nextDate = same[k]; break; }
    for (let k = idx - 1; k >= 0; k--) if (same[k].e.type === 'date') { prevDate = same[k]; break; }
    const cEnd = clauseEnd(it.clause);
    let result: { found?: Found; nextClause: boolean } = { nextClause: false };
    const to = Math.min(cEnd, it.we + EVENT_WINDOW, nextDate ? nextDate.ws : n);
    const after = eventAfter(it.we, to, cEnd);
    if (after) result = { found: after, nextClause: false };
    else {
      // Just before: 开工时间为2023年, 竣工于2023年.
      const lo = Math.max(sentStarts[it.sent], it.ws - 8, prevDate ? prevDate.we : 0);
      outer: for (let e = it.ws; e > lo; e--) {
        if (!EVENT_GAP.test(W.slice(e, it.ws))) continue;
        for (const w of EVENTS) {
          const s = e - w.length;
          if (s >= lo && W.startsWith(w, s) && !inProject[s]) {
            result = { found: { key: w, ws: s, we: e }, nextClause: false };
            break outer;
          }
        }
      }
      // A date alone in an opening clause (2024年4月，X项目动工): its event is in the next clause.
      if (!result.found && isFrame(it) && it.clause + 1 < clauseStarts.length && clauseSent[it.clause + 1] === it.sent) {
        const c2 = it.clause + 1;
        const to2 = Math.min(clauseEnd(c2), clauseStarts[c2] + 2 * EVENT_WINDOW, nextDate ? nextDate.ws : n);
        const f = eventAfter(clauseStarts[c2], to2, clauseEnd(c2));
        if (f) result = { found: f, nextClause: true };
      }
    }
    // A date joined to the next one (于1988年和2005年落成) shares its event.
    if (!result.found && nextDate && /^[\s\u3000]*(?:、|和|及|与|或)[\s\u3000]*$/.test(W.slice(it.we, nextDate.ws))) result = { found: eventOf(nextDate).found, nextClause: false };
    events.set(it, result);
    return result;
  };
  /** Whether an entity stands (almost) alone in its clause: an opening frame (2024年4月，…). */
  const isFrame = (it: Item): boolean => {
    const a = clauseStarts[it.clause];
    const b = clauseEnd(it.clause);
    const rest = (W.slice(a, it.ws) + W.slice(it.we, b)).replace(/[\s\u3000，,、：:。！？；!?;…]/g, '').replace(/^(?:于|在|自|从|截至|到|至|将于)/, '');
    return rest.length <= 2;
  };
  const wordOf = (it: Item): Found | undefined => (it.e.type === 'money' ? measureOf(it) : eventOf(it).found);

  /** A phase marker in the entity's clause before it, outside project names. */
  const phaseBefore = (it: Item): string | undefined => {
    const a = clauseStarts[it.clause];
    const seg = W.slice(a, it.ws);
    let phase: string | undefined;
    PHASE_RE.lastIndex = 0;
    for (let m = PHASE_RE.exec(seg); m; m = PHASE_RE.exec(seg)) {
      const s = a + m.index;
      if (!inProject[s + m[0].length - 1]) phase = m[0];
    }
    return phase;
  };

  // ---- Relations ----
  const relations = new Map<Item, Relation[]>();
  const add = (it: Item, r: Relation) => {
    const l = relations.get(it);
    if (!l) relations.set(it, [r]);
    else if (!l.some((x) => x.key === r.key)) l.push(r);
  };

  /** Members paired with a run of amounts (or dates) by 分别, or undefined. */
  const respectively = (g: Group, it: Item, same: Item[]): Mention | undefined => {
    const between = W.slice(g.we, it.ws);
    const fb = between.indexOf('分别');
    if (fb < 0) return undefined;
    const from = g.we + fb + 2;
    const run: Item[] = [];
    for (const x of same) {
      if (x.e.type !== it.e.type || x.ws < from) continue;
      if (run.length && !AMOUNT_SEP.test(W.slice(run[run.length - 1].we, x.ws))) break;
      run.push(x);
    }
    const k = run.indexOf(it);
    if (k < 0 || run.length !== g.keys.length) return undefined;
    return g.members.find((m) => m.key === g.keys[k]);
  };

  const sentCount = sentStarts.length;
  let topic: Mention | undefined;
  let topicPara = -1;
  let sinceTopic = 0;
  for (let s = 0; s < sentCount; s++) {
    const ms = mentionsOf.get(s);
    const its = itemsOf.get(s) ?? [];
    const nonEmpty = /\S/.test(W.slice(sentStarts[s], sentEnd(s)).replace(/[。！？；!?;…，,、：:\s\u3000]/g, ''));
    if (sentPara[s] !== topicPara) topic = undefined;

    if (ms) {
      const distinct = new Set(ms.map((m) => m.key)).size;
      for (const m of ms) m.dependent = DEPENDENT_AFTER.test(W.slice(Math.max(clauseStarts[m.clause], m.ws - 6), m.ws));
      // A dependent mention claims nothing when an independent one comes before it.
      const claimants = ms.filter((m, k) => !m.dependent || !ms.slice(0, k).some((o) => !o.dependent));
      for (const it of its) {
        const before = claimants.filter((m) => m.we <= it.ws);
        const after = claimants.filter((m) => m.ws >= it.we);
        let chosen: Mention | undefined;
        let level: number;
        let sameClause = false;
        const ev = it.e.type === 'date' ? eventOf(it) : undefined;
        const inClause = (m: Mention) => m.clause === it.clause || (ev?.nextClause === true && m.clause === it.clause + 1);
        const cb = before.filter(inClause);
        if (cb.length) {
          chosen = cb[cb.length - 1];
          level = RELATION_CONFIDENCE.clauseBefore;
          sameClause = true;
        } else if (before.length) {
          chosen = before[before.length - 1];
          level = RELATION_CONFIDENCE.sentenceBefore;
        } else {
          const ca = after.filter(inClause);
          if (ca.length) {
            chosen = ca[0];
            level = RELATION_CONFIDENCE.clauseAfter;
            sameClause = true;
          } else if (after.length && MODIFIER_BEFORE.test(W.slice(Math.max(0, after[0].ws - 3), after[0].ws))) {
            // Only as the head of a modifier run: 总投资20亿元、占地300亩的X项目.
            chosen = after[0];
            level = RELATION_CONFIDENCE.sentenceAfter;
          } else continue;
        }
        if (!wordOf(it)) level *= RELATION_CONFIDENCE.noWordFactor;
        if (!sameClause && distinct > 1) level *= RELATION_CONFIDENCE.crowdedFactor;
        const phase = phaseBefore(it);
        const g = chosen.group;
        if (!g) {
          add(it, { key: chosen.key, confidence: level, via: sameClause ? 'clause' : 'sentence', mention: chosen.e, phase: phaseUnlessNamed(phase, chosen.key) });
          continue;
        }
        const paired = respectively(g, it, its);
        if (paired) {
          add(it, { key: paired.key, confidence: level * RELATION_CONFIDENCE.listFactor, via: 'respectively', mention: paired.e, phase: phaseUnlessNamed(phase, paired.key) });
          continue;
        }
        if (W.slice(g.we, it.ws).includes('分别')) continue; // 分别 without a matching run: unsure which is whose
        const each = it.e.type === 'date' || /各(?:自)?(?:[\u3400-\u9fff]{0,6})$/.test(W.slice(Math.max(g.we, clauseStarts[it.clause], it.ws - 8), it.ws));
        if (!each) continue; // a money after a list is the list's total: related to none
        for (const key of g.keys) {
          const m = g.members.find((x) => x.key === key)!;
          add(it, { key, confidence: level * RELATION_CONFIDENCE.listFactor, via: 'list', mention: m.e, phase: phaseUnlessNamed(phase, key) });
        }
      }
      // The topic for later sentences: the first mention outside a list.
      topic = claimants.find((m) => !m.group);
      topicPara = sentPara[s];
      sinceTopic = 0;
      continue;
    }

    if (nonEmpty && topic) sinceTopic++;
    if (!topic) continue;

    // Anaphora.
    const anaphors: Anaphor[] = [];
    const a0 = sentStarts[s], a1 = sentEnd(s);
    const sentText = W.slice(a0, a1);
    STRONG_ANAPHOR.lastIndex = 0;
    for (let m = STRONG_ANAPHOR.exec(sentText); m; m = STRONG_ANAPHOR.exec(sentText)) {
      const ws = a0 + m.index;
      anaphors.push({ ws, we: ws + m[0].length, clause: indexAt(clauseStarts, ws), strong: true, phase: phaseOf(m[1] ?? m[2]) });
    }
    for (let c = indexAt(clauseStarts, a0); c < clauseStarts.length && clauseStarts[c] < a1; c++) {
      let p = clauseStarts[c];
      const end = clauseEnd(c);
      while (p < end && /[\s\u3000•·*\-–—]/.test(W[p])) p++;
      const seg = W.slice(p, end);
      const op = OPENER.exec(seg)![0].length;
      const m = WEAK_ANAPHOR.exec(seg.slice(op));
      if (!m) continue;
      const ws = p + op;
      if (anaphors.some((x) => x.ws <= ws && ws < x.we)) continue;
      if (m[2] && !topic.key.includes(m[2] === '园区' ? '园' : m[2])) continue; // 园区 of a park, 基地 of a base…
      anaphors.push({ ws, we: ws + m[0].length, clause: c, strong: false, phase: phaseOf(m[1]) });
    }
    if (anaphors.length === 0) continue;
    const distance = sinceTopic;
    // A sentence that refers to the topic continues it: the next one counts from here.
    if (anaphors.some((a) => resolvePhase(topic!, a.phase))) sinceTopic = 0;
    anaphors.sort((x, y) => x.ws - y.ws);
    const decay = Math.pow(RELATION_CONFIDENCE.anaphoraDecay, Math.max(0, distance - 1));
    for (const it of its) {
      const before = anaphors.filter((a) => a.we <= it.ws);
      let ana = before[before.length - 1];
      if (!ana && (isFrame(it) || anaphors[0].clause === it.clause)) ana = anaphors[0];
      if (!ana) continue;
      const target = resolvePhase(topic, ana.phase);
      if (!target) continue;
      let conf = (ana.strong ? RELATION_CONFIDENCE.anaphoraStrong : RELATION_CONFIDENCE.anaphoraWeak) * decay;
      if (!wordOf(it)) conf *= RELATION_CONFIDENCE.noWordFactor;
      const phase = target.phase ?? phaseUnlessNamed(phaseBefore(it), target.key);
      add(it, { key: target.key, confidence: conf, via: 'anaphora', mention: topic.e, anaphor: originalChars(norm, ana.ws, ana.we), phase });
    }
  }

  function phaseOf(num: string | undefined): string | undefined {
    return num === undefined ? undefined : `${num}期`;
  }

  /** The phase as written, unless the project's own name ends with it. */
  function phaseUnlessNamed(phase: string | undefined, key: string): string | undefined {
    if (!phase) return undefined;
    const bare = phase.replace(/^(?:其中|第|的|及|和|与|项目|工程)/, '');
    return key.endsWith(bare) ? undefined : bare;
  }

  /** The project an anaphor with `phase` refers to, given the topic. */
  function resolvePhase(t: Mention, phase: string | undefined): { key: string; phase?: string } | undefined {
    if (!phase) return { key: t.key };
    const own = PHASE_SUFFIX.exec(t.key);
    if (own && own[0] === phase) return { key: t.key };
    const base = own ? t.key.slice(0, -own[0].length) : t.key;
    if (infos.has(base + phase)) return { key: base + phase };
    if (base !== t.key && infos.has(base)) return { key: base, phase };
    if (!own) return { key: t.key, phase };
    return undefined; // another phase of a project never named whole
  }

  // ---- Output ----
  for (const it of items) {
    const rels = relations.get(it);
    if (!rels) continue;
    for (const r of rels) {
      const info = infos.get(r.key)!;
      const base: RelationBase = { confidence: round(Math.min(1, Math.max(0, r.confidence))), via: r.via, mention: r.mention };
      if (r.anaphor) base.anaphor = r.anaphor;
      if (r.phase) base.phase = r.phase;
      if (it.e.type === 'money') {
        const f: ProjectFigure = { entity: it.e, ...base };
        const m = measureOf(it);
        if (m) {
          const [ms, me] = toOriginal(norm, m.ws, m.we);
          Object.assign(f, { measure: originalChars(norm, m.ws, m.we), measureKey: m.key, measureStart: ms, measureEnd: me });
        }
        info.figures.push(f);
      } else {
        const d: ProjectDate = { entity: it.e, ...base };
        const ev = eventOf(it).found;
        if (ev) {
          const [es, ee] = toOriginal(norm, ev.ws, ev.we);
          Object.assign(d, { event: originalChars(norm, ev.ws, ev.we), eventKey: ev.key, eventStart: es, eventEnd: ee });
        }
        info.dates.push(d);
      }
    }
  }
  return [...infos.values()];
}
