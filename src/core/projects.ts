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

/** Facility and undertaking words that end a project name. Longest first where they share a tail. */
const HEADS = [
  '产业园区', '产业园', '科技园', '科创园', '软件园', '创新园', '文创园', '工业园', '物流园', '创业园', '产业基地', '生产基地', '基地',
  '小镇', '智造中心', '制造中心', '数据中心', '创新中心', '合作中心', '科学中心', '中心',
  '数字工厂', '工厂', '重汽厂', '水厂', '电厂', '厂',
  '水电站', '电站', '风电场', '机场', '码头', '港', '航道', '航线', '运河', '水库', '灌区',
  '大桥', '复线桥', '桥', '隧道', '高速铁路', '快速铁路线', '铁路', '高铁', '高速公路', '高速', '城际',
  '号线', '线', '大道', '填海', '人工岛', '枢纽',
  '实验室', '研究所', '研究院', '实验站', '加速器', '科学装置', '装置', '产线', '生产线', '学院', '大学', '校区', '院区', '医院',
  '大厦', '数据中心集群', '古城', '公路港', '火车站', '高铁站',
  '改扩建工程', '改扩建', '改建', '扩建', '扩容', '增建二线', '延伸段', '延长线', '北延伸段', '南延伸段', '东延伸段', '西延伸段', '北延', '南延', '东延', '西延',
  '工程', '项目', '计划', '计画',
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
  '经过', '超', '超过', '达', '达到', '突破', '逾', '办理', '进行', '执行', '推行', '开展', '兴建', '修建', '设', '投向', '选址', '考察', '不用', '具有', '除', '前述', '光是', '用于', '成为', '充分发挥', '充分发挥好', '好', '大抓', '抓', '凝心聚力', '凝神聚力', '列为', '入选', '重大', '首个', '首座', '全球首个', '全球首座', '全球最大', '最大', '国内', '东北最大', '该', '此次', '这次', '这个', '那个',
  '大力', '继续', '持续', '正式', '全面', '高标准', '高起点', '一批', '一个', '各个', '为', '和', '与', '及其', '以及', '或',
  '的', '在', '于', '将', '已', '已经', '正在', '了', '等', '共', '都', '也', '还', '又', '并', '而', '即', '对', '向', '从',
  '到', '把', '被', '让', '由', '据', '据悉', '据了解', '目前', '今年', '去年', '明年', '现时', '其', '是否', '能否',
  '因此', '而且', '此外', '同时', '另外', '譬如', '又如', '例如', '比如', '如', '短期内', '上述', '这些', '那些',
  '投资', '总投资', '投资建设', '开工建设', '建设运营', '提升', '配套', '服务', '主体', '首期', '重点项目',
]);

/** Part-of-speech tags that never belong inside a name (prepositions, conjunctions, particles, pronouns…). */
const STOP_TAGS = /^(?:p|c|u[a-z]*|r[a-z]*|d|ad|y|e|o|q)$/;
/** Time words (tag t) that open no name; others tagged t (现代) can be part of one. */
const TIME_WORD = /^(?:今年|去年|明年|前年|当年|同年|近年|往年|全年|年底|年初|年内|年末|上半年|下半年|目前|当前|现在|近期|过去|以来|期间|届时|此前|之前|之后|此后|今后|当时|同期|未来|最近|近日|日前|当天|今天|昨天|明天|季度|本月|上月|下月)$|^[\d一二三四五六七八九十〇零]+(?:年|月|日|号|月份|年度|季度)$/;
/** Tags that make a name specific: places, persons, brands, organisations, foreign words, unknown words. */
const SPECIFIC_TAGS = /^(?:ns|nr[a-z]*|nz|nt|eng|j|x|nrt)$/;
/** Words that describe a category rather than name one undertaking. */
const GENERIC = new Set([
  '产业', '新兴', '重点', '重大', '民生', '惠民', '基础', '设施', '基础设施', '数字', '高分子', '材料', '新材料', '产业类',
  '设施类', '大', '新', '该', '各类', '相关', '配套', '综合', '服务', '全国', '国家', '省', '市', '区', '县', '级', '省级',
  '国家级', '市级', '区级', '这个', '那个', '有关', '地方', '城市', '农村', '乡村', '道路', '交通', '水利', '能源', '科技', '创新',
  '智能', '制造', '信息', '文化', '旅游', '体育', '医疗', '卫生', '教育', '研发', '生产', '物流', '商贸', '现代', '绿色',
  '低碳', '高质量', '发展', '高新', '技术', '高新技术', '先进', '传统', '主导', '特色', '优势', '战略性', '未来', '新型',
  '更新', '改造', '提升', '升级', '示范', '试点', '标志性', '龙头', '骨干', '好', '优质', '大型', '中小', '小型', '企业',
  '工业', '农业', '服务业', '制造业', '数字经济', '经济', '社会', '公共', '公益', '民营', '外资', '招商', '引资', '签约',
  '在建', '新建', '续建', '拟建', '储备', '前期', '开工', '竣工', '投产', '省市', '市区', '全省', '全市', '全区', '各地',
  '类', '个', '批', '多', '大抓', '抓', '凝心聚力', '凝神聚力', '列为', '入选', '首批', '第一批', '年度', '领域', '板块',
  '产业链', '全产业链', '集群', '园区', '平台', '载体', '空间', '中心', '基地', '项目', '工程', '重点项目', '重大项目',
  '人次', '万人次', '吞吐量', '智能化', '数字化', '样板', '地区', '沿海地区', '西部地区', '东部地区', '中部地区', '沿海', '内陆', '西部', '东部', '中部', '中国', '全球', '世界', '行人', '城市更新', '新基建', '生态', '环保', '节能', '安全', '应急', '人工智能', '生物', '医药', '生物医药', '健康', '养老', '医养',
]);

const LIST_SEP = /^(?:[,，]?、|和|与|及|以及|,、|，、)$/;
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
/** Verbs that open clauses about transport (新增高铁, 开通高铁): never part of a short name. */
const COMMON_VERB = /^(?:新增|新建|建成|开通|修建|建设|规划|推进|连接|贯通|通车|开工|完成|实现|加快|拥有|形成|打造|发展|投资|乘坐|乘|坐|搭乘)$/;
/** Rail and road heads, whose names are often abbreviations of the places they join (沪杭高铁). */
const TRANSPORT_HEAD = /^(?:高铁|铁路|高速铁路|高速公路|高速|城际|快速路|公路)/;
const WORKS_PLAN = /(?:清除|整治|兴建|新建|改建|扩建|工程|开发|更新|改善|修复|复育|营造|铺设|改造|建置|整建|疏浚|拓宽)$/;
/** Policy slogans: four characters in two parallel halves (东数西算, 双百双新, 千企技改 is not). */
const SLOGAN = /^[东西南北上下内外前后左右双两三四五六七八九十百千万一][\u4e00-\u9fff][东西南北上下内外前后左右双两三四五六七八九十百千万一][\u4e00-\u9fff]$/;
const SECTOR_AFTER = /^(?:系统|部门|人士|行业|企业|公司|集团|管理局|专家|职工|员工|方面|领域|建设者)/;
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

/** Category nouns that stand before a proper name in apposition. */
const APPOSITION = new Set(['线路', '节点', '枢纽节点', '重点', '重大', '工程', '项目', '平台', '企业', '公司', '集团', '园区', '片区', '新区', '开发区', '经开区', '高新区', '示范区', '基地', '城市', '地区', '省会', '龙头']);

/** Measures of capacity written into names (1000吨级, 12英寸), unlike counts (个, 家). */
const CAPACITY_MEASURE = /^(?:吨|吨级|万吨|万吨级|千瓦|万千瓦|兆瓦|英寸|米|公里|千米|立方米|代)$/;
const PHASE_TOKEN = /^第?[一二三四五六七八九十\d]+期$/;

/** Verbs that can open a name (a brand or a works type). */
const NAME_VERBS = new Set(['引大济岷', '联合', '再生', '节能', '传化', '融通']);

/** Words that end a name when met inside the walk: the head of the phrase before it. */
const INNER_STOPS = new Set(['当中', '其中', '之中', '以上', '以下', '之间', '之一', '内', '外']);
/** A count or quantity word (一批, 两大, 3个), not a number that is part of a name (309线, 8.6代线). */
const QUANTITY = /^(?:[一二两三四五六七八九十百千万几多数\d]+[批个大项家座条类只所]|[一二两三四五六七八九十几多]+)$/;

function isNamePart(t: Token): boolean {
  return !STOP_WORDS.has(t.word) && !STOP_TAGS.test(t.tag) && !BOUNDARY_CHARS.test(t.word) && /[\u4e00-\u9fffA-Za-z]/.test(t.word);
}


/** 项目 opening a compound word (项目管理人, 项目深化年): not a suffix. */
const PROJECT_COMPOUND = /^项目(?:管理|深化|攻坚|建设年|库|部|组|经理|负责人|单位|法人|审批|招商|化|制|推进|突破|为王|谋划|储备|落地|服务|专员|包装|资金|用地|手续|前期)/;

/** Words that show a clause speaks of building, running or funding something. */
const PROJECT_CONTEXT = /批准|设立|成立|入驻|开园|上线|投入使用|做实|做大|做强|做优|壮大|培育|推动|填充|依托|观摩|提升|完善|改造|建设|建成|开工|投产|投运|投用|通车|开通|推进|实施|加快|签约|落地|落户|竣工|启动|规划|谋划|扩建|改建|新建|投资|打造|项目|工程|招引|引进|揭牌|挂牌|运营|运行|完工|开建|筹建|封顶|交付|通水|开诊|招生|建校|立项|批复|获批|中标|缓建|停工|复工|动工|奠基|布局|首航|贯通|造价|拨款|填海|兴建|施工|延误|超支|完成/;
/** Heads that name organisations: projects only when reported built, approved for building or opened. */
const ORG_HEAD = /(?:大学|学院|实验室|研究所|研究院|医院|中学|小学)$/;
const ORG_CONTEXT_AFTER = /^(?:等[^，。；,;]{0,8})?(?:正式|顺利|成功|已|已经|将|获批)?(?:建成|建校|招生|揭牌|挂牌|开工|投用|开诊|启用|竣工|落成|建设|开学|成立)/;

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

/** A facility's operating figures (宁波舟山港集装箱吞吐量…) speak of a facility in use, not a project. */
const IN_USE_AFTER = /^(?:集装箱|旅客|货物|货运|客运)?(?:吞吐量|客流量|运量|成为)/;

function inProjectContext(text: string, start: number, end: number): boolean {
  const name = text.slice(start, end);
  if (IN_USE_AFTER.test(text.slice(end, end + 8))) return false;
  if (WORKS_NAME.test(name)) return true;
  const [before, after] = around(text, start, end, 30);
  if (ORG_HEAD.test(name)) return ORG_CONTEXT_AFTER.test(after) || /建设$|建成$|获批$/.test(before);
  return PROJECT_CONTEXT.test(before) || PROJECT_CONTEXT.test(after);
}

/** Stricter test for list items, which have no head word to vouch for them. */
/** A name that ends in a category word before 项目 (重点项目, 新业态项目, 引资项目) names a category. */
const CATEGORY_BEFORE_HEAD = /(?:开工|新开工|运输|交通|重点|重大|民生|惠民|新|大|类|业态|引资|招商|外资|省|市|区|县|民间|特许权|债券|投融资|计划|储备|在建|续建|新建|签约|产业|示范|试点|标志性|龙头|骨干|优质|好|抓)$/;

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
const COMPANY_LIST_RE = /等(?:[一两二三四五六七八九十\d]+家|一批|多家)?[^，。、；;,\n]{0,8}?(?:企业|公司|集团|厂商|单位)/g;

const LIST_RE = /等(?:[一两二三四五六七八九十\d]+个|一批|多个|一系列)?[^，。、；;,\n]{0,12}?(?:项目|工程|高速公路|铁路|产业园区|产业平台|园区|设施)/g;

export function findProjects(norm: Normalized, _ctx: DocContext): Span[] {
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
  const companies: [number, number][] = [];
  COMPANY_LIST_RE.lastIndex = 0;
  for (let m = COMPANY_LIST_RE.exec(text); m; m = COMPANY_LIST_RE.exec(text)) companies.push(...listItems(text, m.index));
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
