/**
 * Cleaning of text pasted from scraped web pages: ruby-pinyin artifacts, doubled
 * and half-width punctuation, page furniture, words broken across blank lines,
 * and text lost to bad encoding.
 *
 * `findCleanups` reports findings (UTF-16 ranges of the original text, each with a
 * replacement or none, and a rule id); `applyCleanups` applies them; `cleanText`
 * does both until nothing is left to change. Every rule is stated for a class of
 * text, from the shape of a line or a span and a small vocabulary of general words
 * (the words of a page's buttons and boxes); none names a site or a person.
 *
 * Safety before recall: a real sentence, a heading or a dateline is never removed,
 * no Han character is dropped except by page-chrome (whole lines), garbled text is
 * only reported, and ruby removal only drops a parenthesised syllable that pinyin-pro
 * confirms is a reading of the character before it.
 */
import { foldCode } from './fold';
import { isRubyReading } from './ruby';
import { loadSegmenter, segmenterLoaded, tag } from './segmenter';

export type CleanRuleId = 'ruby' | 'doubled-punctuation' | 'half-width-punctuation' | 'page-chrome' | 'broken-word' | 'garbled';

export const CLEAN_RULES: readonly CleanRuleId[] = ['ruby', 'doubled-punctuation', 'half-width-punctuation', 'page-chrome', 'broken-word', 'garbled'];

export interface CleanFinding {
  /** UTF-16 offsets into the text (what VS Code's `offsetAt` uses); `end` exclusive. */
  start: number;
  end: number;
  /** What replaces [start, end); undefined: reported only (garbled text is never guessed at). */
  replacement?: string;
  rule: CleanRuleId;
  /** English, one line, for the CLI (the editor localises by rule id and `data`). */
  message: string;
  /**
   * Details by rule. ruby: `reading`, `char`; doubled-punctuation and
   * half-width-punctuation: `found`, `replacement`; page-chrome: `kind` (share,
   * image, related, crumb, sections, byline, debris, counter, footer) and `line`
   * (the line's text); broken-word: `before`, `after`, `word`; garbled: `found`, `kind`.
   */
  data?: Record<string, string>;
}

export interface CleanOptions {
  /** A rule set to false is off; every rule is on by default. */
  rules?: Partial<Record<CleanRuleId, boolean>>;
}

// ---------------------------------------------------------------------------
// Characters

const isHanCp = (cp: number) =>
  (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f) || cp === 0x3007;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isInlineSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000;
const isLineBreak = (c: number) => c === 0x0a || c === 0x0d;

/** Full-width marks that close a quotation or bracket: the text before them is Chinese. */
const CJK_CLOSERS = new Set([...'”’」』》〉）】〕'].map((c) => c.charCodeAt(0)));
/** Full-width marks that open one: the text after them is Chinese. */
const CJK_OPENERS = new Set([...'“‘「『《〈（【〔'].map((c) => c.charCodeAt(0)));
/** Chinese punctuation in general (context for a parenthesis). */
const CJK_PUNCT = new Set([...'，。、；：？！…—“”‘’「」『』《》〈〉（）【】〔〕·'].map((c) => c.charCodeAt(0)));

/** The code point that ends at `i` (a surrogate pair counts as one), or -1 at the start. */
function cpBefore(s: string, i: number): number {
  if (i <= 0) return -1;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/** The code point that starts at `i`, or -1 at the end. */
function cpAt(s: string, i: number): number {
  return i < s.length ? s.codePointAt(i)! : -1;
}

// ---------------------------------------------------------------------------
// Ruby artifacts

/** A parenthesised syllable of toned pinyin, as ruby annotations leave it. */
const RUBY_GROUP = /[(（]([a-zü\u00e0-\u00fc\u0101-\u01dc\u0144\u0148\u01f9\u1e3f]{1,7})[)）]/g;
const PINYIN_LETTERS = 'a-zü\\u00e0-\\u00fc\\u0101-\\u01dc\\u0144\\u0148\\u01f9\\u1e3f';

interface Ruby {
  start: number;
  end: number;
  reading: string;
  char: string;
}

function findRuby(s: string): Ruby[] {
  const out: Ruby[] = [];
  RUBY_GROUP.lastIndex = 0;
  for (let m = RUBY_GROUP.exec(s); m; m = RUBY_GROUP.exec(s)) {
    const cp = cpBefore(s, m.index);
    if (!isHanCp(cp)) continue;
    const ch = String.fromCodePoint(cp);
    if (isRubyReading(ch, m[1])) out.push({ start: m.index, end: m.index + m[0].length, reading: m[1], char: ch });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Garbled text

const MOJIBAKE_LATIN1 =
  /(?:[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}){2,}/g;
/** U+FFFD read as GBK, and the fill bytes of uninitialised memory read as GBK. */
const MOJIBAKE_GBK = /(?:锟斤拷)+|烫{4,}|屯{4,}/g;
const REPLACEMENT_RUN = /[?\uFFFD]*\uFFFD[?\uFFFD]*/g;
/** A `?` that stands for a lost character: followed by ASCII punctuation, another `?`, a CJK mark, or ruby debris. */
const LOST_MARK = new RegExp(`\\?(?=[,;][\\u3400-\\u9fffA-Za-z]|\\?+[\\u3400-\\u9fff]|[。，、；：]|[A-Za-z]{1,3}[(（][${PINYIN_LETTERS}]{1,7}[)）]|[${PINYIN_LETTERS}]{1,7}[)）])`, 'g');
/** Debris that continues a garbled run. */
const GARBLED_TAIL = new RegExp(
  `\\?+|[,;]|[A-Za-z]{1,3}[(（][${PINYIN_LETTERS}]{1,7}[)）]|[${PINYIN_LETTERS}]{1,7}[)）]|[(（][${PINYIN_LETTERS}]{1,7}[)）]`,
  'y',
);
/** Han characters read from the wrong encoding, ended by a stray Latin letter (`顒悠陂g`). */
const GARBLED_HAN_RUN = /[\u3400-\u9fff]{1,8}[A-Za-z](?![A-Za-z])/y;

interface Garbled {
  start: number;
  end: number;
  kind: string;
}

function findGarbled(s: string): Garbled[] {
  const out: Garbled[] = [];
  const push = (start: number, end: number, kind: string) => out.push({ start, end, kind });
  if (s.indexOf('\uFFFD') >= 0) {
    REPLACEMENT_RUN.lastIndex = 0;
    for (let m = REPLACEMENT_RUN.exec(s); m; m = REPLACEMENT_RUN.exec(s)) push(m.index, m.index + m[0].length, 'replacement-character');
  }
  MOJIBAKE_LATIN1.lastIndex = 0;
  for (let m = MOJIBAKE_LATIN1.exec(s); m; m = MOJIBAKE_LATIN1.exec(s)) push(m.index, m.index + m[0].length, 'mojibake');
  MOJIBAKE_GBK.lastIndex = 0;
  for (let m = MOJIBAKE_GBK.exec(s); m; m = MOJIBAKE_GBK.exec(s)) push(m.index, m.index + m[0].length, 'mojibake');
  if (s.indexOf('?') >= 0) {
    LOST_MARK.lastIndex = 0;
    for (let m = LOST_MARK.exec(s); m; m = LOST_MARK.exec(s)) {
      // A `?` after a Latin letter is English (`for?`), after a space or line start it is no lost character.
      const before = cpBefore(s, m.index);
      if (!(isHanCp(before) || isDigit(before) || CJK_PUNCT.has(before) || before === 0x29)) continue;
      let end = m.index + 1;
      let pinyinDebris = false;
      let hanTried = false;
      for (;;) {
        GARBLED_TAIL.lastIndex = end;
        const t = GARBLED_TAIL.exec(s);
        if (t) {
          end += t[0].length;
          if (/[A-Za-z\u00e0-\u01dc]/.test(t[0])) pinyinDebris = true;
          continue;
        }
        if (!pinyinDebris && !hanTried) {
          // `?;` or `??` then Han characters read from the wrong encoding, ended by a stray letter.
          hanTried = true;
          GARBLED_HAN_RUN.lastIndex = end;
          const h = GARBLED_HAN_RUN.exec(s);
          if (h) {
            end += h[0].length;
            continue;
          }
        }
        break;
      }
      push(m.index, end, 'lost-character');
      LOST_MARK.lastIndex = end;
    }
  }
  out.sort((a, b) => a.start - b.start);
  // Merge overlapping or touching runs.
  const merged: Garbled[] = [];
  for (const g of out) {
    const last = merged[merged.length - 1];
    if (last && g.start <= last.end) last.end = Math.max(last.end, g.end);
    else merged.push({ ...g });
  }
  return merged;
}

// ---------------------------------------------------------------------------
// Lines

interface Line {
  /** Offset of the first code unit, of the first non-space one, after the last non-space one, and of the next line. */
  start: number;
  a: number;
  b: number;
  next: number;
  blank: boolean;
  /** The line without ruby artifacts, folded to simplified, trimmed ('' for a paragraph or a long line). */
  plain: string;
  han: number;
  body: boolean;
  /** Ends with a sentence-closing mark (after closing quotes and brackets). */
  closed: boolean;
  truncated: boolean;
}

/** Lines longer than this are never page furniture and are not examined closely. */
const SHORT_LINE = 200;
const SENTENCE_END = new Set([...'。！？!?'].map((c) => c.charCodeAt(0)));
const TRAILING_CLOSERS = new Set([...'”’」』）)】》"\''].map((c) => c.charCodeAt(0)));

function splitLines(s: string, ruby: readonly Ruby[], rubyEnds: Map<number, number>): Line[] {
  const lines: Line[] = [];
  const n = s.length;
  let r = 0;
  for (let start = 0; start <= n; ) {
    let nl = s.indexOf('\n', start);
    if (nl < 0) nl = n;
    let b = nl;
    while (b > start && (isInlineSpace(s.charCodeAt(b - 1)) || s.charCodeAt(b - 1) === 0x0d)) b--;
    let a = start;
    while (a < b && isInlineSpace(s.charCodeAt(a))) a++;
    while (r < ruby.length && ruby[r].start < a) r++;
    let r2 = r;
    while (r2 < ruby.length && ruby[r2].start < b) r2++;
    lines.push(describeLine(s, start, a, b, nl < n ? nl + 1 : n, ruby.slice(r, r2), rubyEnds));
    r = r2;
    if (nl >= n) break;
    start = nl + 1;
  }
  return lines;
}

/** A line's shape; `ruby` holds the artifacts inside it, in order. */
function describeLine(s: string, start: number, a: number, b: number, next: number, ruby: readonly Ruby[], rubyEnds: Map<number, number>): Line {
  if (a >= b) return { start, a, b, next, blank: true, plain: '', han: 0, body: false, closed: false, truncated: false };
  let han = 0;
  let innerStop = false;
  let r = 0;
  for (let i = a; i < b; i++) {
    if (r < ruby.length && ruby[r].start === i) {
      i = ruby[r++].end - 1;
      continue;
    }
    const c = s.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) han++;
    else if (c >= 0xd800 && c <= 0xdbff) {
      if (isHanCp(s.codePointAt(i)!)) han++;
      i++;
    } else if ((c === 0x3002 || c === 0xff01 || c === 0xff1f) && i < b - 1) innerStop = true;
    else if (c >= 0xf900 && c <= 0xfaff) han++;
  }
  // The last significant mark, past closing quotes and brackets and ruby artifacts.
  let e = b;
  for (;;) {
    const re = rubyEnds.get(e);
    if (re !== undefined) {
      e = re;
      continue;
    }
    if (e > a && TRAILING_CLOSERS.has(s.charCodeAt(e - 1))) {
      e--;
      continue;
    }
    break;
  }
  const last = e > a ? s.charCodeAt(e - 1) : 0;
  const tail = s.slice(Math.max(a, b - 3), b);
  const truncated = tail.endsWith('...') || (tail.endsWith('…') && !tail.endsWith('……')) || s.slice(a, b).includes('...');
  const closed = SENTENCE_END.has(last) || (last === 0x2026 && !truncated);
  const body = !truncated && ((closed && han >= 10) || (innerStop && han >= 20) || han >= 60);
  // The folded text is only needed where furniture may be: short lines that are no paragraph.
  let plain = '';
  if (!body && b - a <= SHORT_LINE) {
    const codes: number[] = [];
    r = 0;
    for (let i = a; i < b; i++) {
      if (r < ruby.length && ruby[r].start === i) {
        i = ruby[r++].end - 1;
        continue;
      }
      codes.push(foldCode(s.charCodeAt(i)));
    }
    plain = String.fromCharCode(...codes);
  }
  return { start, a, b, next, blank: false, plain, han, body, closed, truncated };
}

// ---------------------------------------------------------------------------
// Page chrome: vocabulary of the furniture of a web page (buttons, boxes, prompts)

/** Words of share/collect/print buttons, QR prompts, font-size and navigation controls. */
const UI_WORDS = [
  '分享', '分享到', '转发', '收藏', '点赞', '打印', '打印本页', '关闭', '关闭窗口', '全屏', '下载', '字号', '字体', '默认',
  '加大', '还原', '减小', '放大', '缩小', '返回', '顶部', '返回顶部', '回到顶部', '首页', '手机', '手机版', '手机端',
  '手机阅读', '阅读', '阅读量', '阅读数', '浏览', '浏览量', '浏览次数', '扫码', '扫一扫', '扫描', '二维码', '小程序',
  '公众号', '客户端', '订阅', '网上订阅', '订户', '微信', '微博', '朋友圈', '关注', '欢迎关注', '评论', '发表评论',
  '我要评论', '留言', '举报', '纠错', '打开', '当前页', '本页', '复制链接', '链接', '上一篇', '下一篇', '上一页', '下一页',
  '更多', '点击', '进入', '查看', '专题', '图片', '图集', '视频', '您的位置', '当前位置', '所在位置', '位置',
];
/** Single characters that join those words (`分享到微信`, `在手机打开`) and count only beside one. */
const UI_FILLERS = new Set([...'在到端版页至和或']);
const UI_SET = new Set(UI_WORDS);
const UI_MAX = Math.max(...UI_WORDS.map((w) => w.length));

/** Share of a line's Han characters covered by UI words (longest match first), and whether one real word was met. */
function uiCoverage(plain: string): { coverage: number; words: number; han: number } {
  let han = '';
  for (const ch of plain) if (isHanCp(ch.codePointAt(0)!)) han += ch;
  if (han.length === 0) return { coverage: 0, words: 0, han: 0 };
  let covered = 0;
  let words = 0;
  let fillers = 0;
  for (let i = 0; i < han.length; ) {
    let matched = 0;
    for (let l = Math.min(UI_MAX, han.length - i); l >= 2; l--) {
      if (UI_SET.has(han.slice(i, i + l))) {
        matched = l;
        break;
      }
    }
    if (matched) {
      covered += matched;
      words++;
      i += matched;
    } else {
      if (UI_FILLERS.has(han[i])) fillers++;
      i++;
    }
  }
  if (words > 0) covered += fillers;
  return { coverage: covered / han.length, words, han: han.length };
}

/** Headings of related-reading and recommendation boxes. */
const RELATED_HEADING =
  /^(?:相关|热点|热门|精彩|频道|新闻|图文|编辑|今日|更多|延伸|为你|猜你|往期|点击|阅读|推荐|本周|最新|近期)(?:阅读|新闻|报道|文章|文档|附件|链接|推荐|排行|排行榜|喜欢|看点|专题|图片|视频|回顾|资讯|热点)$/;
const BULLET_PREFIX = /^[\s\-–•·●■▪◆◇○◎►▶*]+/;
const HEADING_TAIL = /[\s:：>》»]+$/;
/** A line that only carries brackets or braces (markup left over), or a separator or close button. */
const BRACKET_DEBRIS = /^[{}[\]【】〔〕]{1,8}$/;
const SEPARATOR_DEBRIS = /^(?:[>|｜×✕»›＞]|>>|»»)$/;
const COUNTER = /^\d{1,7}$/;
const SIZE_CHAR = /^[大中小]$/;
const HASH_ID = /^[0-9a-f]{16,64}[:：]?$/;
const IMAGE_FILE = /^[^\s]{0,160}\.(?:png|jpe?g|gif|webp|bmp|svg|tiff?)(?:\?[^\s]*)?$/i;
const CRUMB_SEPARATOR = /\s*(?:>{1,2}|＞|›|»)\s*/;
const LOCATION_PROMPT = /^(?:您的位置|当前位置|所在位置|位置|首页)[:：]?$/;
const LOCATION_START = /^(?:您的位置|当前位置|所在位置|位置|首页)/;
/** Editorial roles of a byline (not authors: a reporter's or photographer's credit is the article's). */
const EDITOR_ROLE = '责任编辑|责编|值班编辑|网络编辑|实习编辑|编辑|主编|编审|审核|审校|校对|终审|初审|复审|一审|二审|三审|美编|监制|签发|编校';
const NAME = '(?:[\\u4e00-\\u9fff·]{2,4}|[A-Za-z][A-Za-z .]{1,20})';
const BYLINE = new RegExp(`^(?:(?:${EDITOR_ROLE})\\s*[:：|｜/\\s]\\s*${NAME}(?:[\\s、,，/]+${NAME})*\\s*)+$`);
/** The role alone (`责任编辑：`), the names on the next line. */
const EDITOR_ROLE_LINE = new RegExp(`^[(（【[]?(?:${EDITOR_ROLE})\\s*[:：]$`);
const NAMES_LINE = new RegExp(`^${NAME}(?:[\\s、,，/]+${NAME})*[)）】\\]]?$`);
/** A button's label with its address: `订阅 网址：example.com/subscribe`. */
const LABELLED_LINK = /^([\u4e00-\u9fff\s]{1,12})[:：]\s*(?:https?:\/\/)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s\u4e00-\u9fff]*$/;
/** Where a dateline, source or author credit starts: such a line is never furniture. */
const DATELINE = /^[(（【[]?(?:来源|来自|时间|发布|发表|日期|更新|作者|记者|通讯员|摄影|撰文|文\/|图\/)/;
const DATE_ONLY = /^(?:\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?|\d{1,2}月\d{1,2}日)(?:\s*\d{1,2}[:：时]\d{1,2}(?:[:：分]\d{1,2}秒?)?分?)?$/;
const ROLE_WORDS = /记者|通讯员|摄影|编辑|主持|实习|作者|撰文|评论员/;
const LIST_MARKER = /^(?:[一二三四五六七八九十]+[、是]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|第[一二三四五六七八九十百\d]+[章节条部分])/;
const SEPARATOR_LINE = /^(?:[-*_=~]\s*){3,}$/;
const FOOTER_COPYRIGHT = /版权所有|copyright|©|icp备|icp证|公网安备|不良信息举报/i;
const FOOTER_BULLET = /^[•·●■▪◆]/;
const FOOTER_EVIDENCE = /版权所有|copyright|©|icp备|icp证|公网安备|不良信息举报|网站|\d{3,4}-\d{7,8}|[\w.-]+@[\w-]+\.[a-z]{2,}/i;

type ChromeKind = 'share' | 'image' | 'related' | 'crumb' | 'sections' | 'byline' | 'debris' | 'counter' | 'footer';

const CHROME_MESSAGES: Record<ChromeKind, string> = {
  share: 'page furniture (share, collect, print or QR-code buttons)',
  image: 'page furniture (an image file name)',
  related: 'page furniture (a related-reading or recommendation box)',
  crumb: 'page furniture (a navigation crumb)',
  sections: 'page furniture (a line of section names)',
  byline: 'page furniture (an editor byline)',
  debris: 'page furniture (a bracket or separator left by the page layout)',
  counter: 'page furniture (a counter beside the page buttons)',
  footer: 'page furniture (the site footer)',
};

/** A line's text without bullets and heading punctuation, for the heading test. */
function headingText(plain: string): string {
  return plain.replace(BULLET_PREFIX, '').replace(HEADING_TAIL, '');
}

function isSectionNames(plain: string): boolean {
  const items = plain.split(/[\s|｜]+/).filter((x) => x.length > 0);
  if (items.length < 3) return false;
  for (const it of items) if (!/^[\u4e00-\u9fff]{2,6}$/.test(it) || ROLE_WORDS.test(it)) return false;
  if (items.includes('首页')) return true;
  const tails = new Map<string, number>();
  for (const it of items) tails.set(it.slice(-1), (tails.get(it.slice(-1)) ?? 0) + 1);
  for (const c of tails.values()) if (c >= 3 && c >= items.length * 0.6) return true;
  return false;
}

function isCrumb(plain: string): boolean {
  if (!/[>＞›»]/.test(plain) || /[。，；！？]/.test(plain)) return false;
  const items = plain.split(CRUMB_SEPARATOR).map((x) => x.trim());
  if (items.some((x) => x.length === 0 || x.length > 16)) return false;
  const hanItems = items.filter((x) => /[\u4e00-\u9fff]/.test(x)).length;
  if (items.length >= 3 && hanItems >= 2) return true;
  // Two items only after a location prompt (`您的位置：首页 > 新闻`).
  if (items.length === 2 && hanItems === 2) return LOCATION_START.test(items[0]);
  return false;
}

/** Whether a line could be a link in a related-reading box: no paragraph, no section heading, no dateline. */
function isLinkLike(l: Line): boolean {
  if (l.blank || l.body || l.han > 80) return false;
  const p = l.plain;
  if (DATELINE.test(p) || SEPARATOR_LINE.test(p) || LIST_MARKER.test(p.replace(BULLET_PREFIX, '')) || /^[>|#]/.test(p)) return false;
  return true;
}

/** Strongly link-like: a bullet, a trailing date, a truncation, an id. */
function isListedLink(l: Line): boolean {
  return /^[\-–•·●■▪◆►▶*]/.test(l.plain) || /\d{1,2}-\d{1,2}$/.test(l.plain) || l.truncated || HASH_ID.test(l.plain);
}

function findChrome(lines: Line[]): Map<number, ChromeKind> {
  const chrome = new Map<number, ChromeKind>();
  const n = lines.length;
  let firstBody = -1;
  let lastBody = -1;
  for (let i = 0; i < n; i++) {
    if (lines[i].body) {
      if (firstBody < 0) firstBody = i;
      lastBody = i;
    }
  }
  const inTop = (i: number) => firstBody < 0 || i < firstBody;
  const inBottom = (i: number) => firstBody < 0 || i > lastBody;
  const inZone = (i: number) => inTop(i) || inBottom(i);
  // Lines eligible at all: short, not a paragraph, not a dateline.
  const eligible = (i: number) => {
    const l = lines[i];
    if (l.blank || l.body || l.b - l.a > SHORT_LINE) return false;
    const p = l.plain;
    return !(DATELINE.test(p) || DATE_ONLY.test(p));
  };
  const prevLine = (i: number) => {
    for (let k = i - 1; k >= 0; k--) if (!lines[k].blank) return k;
    return -1;
  };
  const nextLine = (i: number) => {
    for (let k = i + 1; k < n; k++) if (!lines[k].blank) return k;
    return -1;
  };

  const cov = new Map<number, ReturnType<typeof uiCoverage>>();
  const coverage = (i: number) => {
    let c = cov.get(i);
    if (!c) {
      c = uiCoverage(lines[i].plain);
      cov.set(i, c);
    }
    return c;
  };

  // Pass 1: lines that are furniture by their own shape.
  for (let i = 0; i < n; i++) {
    if (!eligible(i)) continue;
    const l = lines[i];
    const p = l.plain;
    let kind: ChromeKind | undefined;
    if (IMAGE_FILE.test(p)) kind = 'image';
    else if (BRACKET_DEBRIS.test(p) || HASH_ID.test(p)) kind = 'debris';
    else if (BYLINE.test(p.replace(/^[(（【[]+|[)）】\]]+$/g, '').trim())) kind = 'byline';
    else if (isCrumb(p)) kind = 'crumb';
    else if (RELATED_HEADING.test(headingText(p))) kind = 'related';
    else if (!/[。！？]/.test(p)) {
      const c = coverage(i);
      const link = LABELLED_LINK.exec(p);
      if (c.words > 0 && c.coverage === 1 && c.han <= 20) kind = 'share';
      else if (link && uiCoverage(link[1]).words > 0) kind = 'share';
      else if (inZone(i) && isSectionNames(p)) kind = 'sections';
      else if (inBottom(i) && l.han <= 40 && FOOTER_COPYRIGHT.test(p)) kind = 'footer';
    }
    if (kind) chrome.set(i, kind);
  }

  // Related-reading boxes: the heading (or a heading with its link on the same line),
  // then the link lines under it, up to the next real paragraph.
  for (let i = 0; i < n; i++) {
    if (!eligible(i)) continue;
    const p = lines[i].plain;
    const h = headingText(p);
    let heading = RELATED_HEADING.test(h);
    if (!heading) {
      const m = /^(.{2,6}?)[:：]\s*(.+)$/.exec(p.replace(BULLET_PREFIX, ''));
      if (m && RELATED_HEADING.test(m[1]) && !lines[i].body) heading = true;
    }
    if (!heading) continue;
    chrome.set(i, 'related');
    // The links under it, up to the next real paragraph. Lines without the marks of a
    // listed link (a bullet, a trailing date, a truncation) just before that paragraph are
    // given back: they may be the heading of the text that resumes.
    const taken: number[] = [];
    let k = i + 1;
    for (; k < n; k++) {
      const l = lines[k];
      if (l.blank) continue;
      if (chrome.has(k)) {
        taken.push(-1);
        continue;
      }
      if (!eligible(k) || !isLinkLike(l)) break;
      taken.push(k);
    }
    if (k < n) while (taken.length > 0 && taken[taken.length - 1] >= 0 && !isListedLink(lines[taken[taken.length - 1]])) taken.pop();
    for (const t of taken) if (t >= 0) chrome.set(t, 'related');
    i = k - 1;
  }

  // A byline split over two lines: the editorial role, then the name alone.
  for (let i = 0; i + 1 < n; i++) {
    if (!eligible(i) || !EDITOR_ROLE_LINE.test(lines[i].plain)) continue;
    const b = nextLine(i);
    if (b === i + 1 && eligible(b) && NAMES_LINE.test(lines[b].plain)) {
      chrome.set(i, 'byline');
      chrome.set(b, 'byline');
    }
  }

  // Split crumbs: `首页` / `>` / `要闻` on lines of their own.
  for (let i = 0; i < n; i++) {
    if (!eligible(i) || !SEPARATOR_DEBRIS.test(lines[i].plain) || !/[>＞›»]/.test(lines[i].plain)) continue;
    const a = prevLine(i);
    const b = nextLine(i);
    const item = (k: number) => k >= 0 && eligible(k) && lines[k].han > 0 && lines[k].han <= 12 && !/[。，；！？,;!?]/.test(lines[k].plain) && !/^[>|]/.test(lines[k].plain);
    if (!item(a) || !item(b)) continue;
    chrome.set(i, 'crumb');
    chrome.set(a, 'crumb');
    chrome.set(b, 'crumb');
    // A prompt before the first item, and the last item repeated as the channel's title.
    const before = prevLine(a);
    if (before >= 0 && eligible(before) && LOCATION_PROMPT.test(lines[before].plain.replace(/\s+/g, ''))) chrome.set(before, 'crumb');
    const after = nextLine(b);
    if (after >= 0 && eligible(after) && lines[after].plain === lines[b].plain && !(nextLine(after) >= 0 && SEPARATOR_DEBRIS.test(lines[nextLine(after)].plain))) chrome.set(after, 'crumb');
  }

  // Pass 2: weak lines that are furniture only beside furniture (to a fixed point).
  const isChrome = (k: number) => k >= 0 && chrome.has(k);
  for (let changed = true, rounds = 0; changed && rounds < 50; rounds++) {
    changed = false;
    for (let i = 0; i < n; i++) {
      if (chrome.has(i) || !eligible(i)) continue;
      const p = lines[i].plain;
      const a = prevLine(i);
      const b = nextLine(i);
      const beside = isChrome(a) || isChrome(b);
      const between = isChrome(a) && isChrome(b);
      if (!beside) continue;
      let kind: ChromeKind | undefined;
      if (SEPARATOR_DEBRIS.test(p)) kind = 'debris';
      else if (SIZE_CHAR.test(p)) kind = 'share';
      else if (COUNTER.test(p) && inZone(i)) kind = 'counter';
      else if (!/[。！？!?，,；;]/.test(p)) {
        const c = coverage(i);
        if (c.words > 0 && c.han <= 16 && ((between && c.coverage >= 0.4) || (inZone(i) && c.coverage >= 0.6))) kind = 'share';
        else if (inBottom(i) && between && lines[i].han <= 20 && !LIST_MARKER.test(p)) kind = 'footer';
      }
      if (kind) {
        chrome.set(i, kind);
        changed = true;
      }
    }
  }
  // A site footer after the last paragraph: a run of short lines, mostly bullets, with
  // the marks of a site (a copyright, a phone number, an e-mail address, 网站).
  for (let i = lastBody + 1; i < n; ) {
    const run: number[] = [];
    let k = i;
    for (; k < n; k++) {
      if (lines[k].blank) continue;
      const p = lines[k].plain;
      if (!eligible(k) || /[。！？]/.test(p) || lines[k].han > 30 || LIST_MARKER.test(p.replace(BULLET_PREFIX, ''))) break;
      run.push(k);
    }
    const bullets = run.filter((r) => FOOTER_BULLET.test(lines[r].plain)).length;
    if (bullets >= 2 && bullets * 2 >= run.length && run.some((r) => FOOTER_EVIDENCE.test(lines[r].plain))) {
      for (const r of run) if (!chrome.has(r)) chrome.set(r, 'footer');
    }
    i = k + 1;
  }
  // Footer lines sandwiched between footer lines (a company's name in the footer).
  for (let i = 0; i < n; i++) {
    if (chrome.has(i) || !eligible(i) || !inBottom(i) || /[。！？!?，,；;]/.test(lines[i].plain) || lines[i].han > 20 || LIST_MARKER.test(lines[i].plain)) continue;
    if (isChrome(prevLine(i)) && isChrome(nextLine(i))) chrome.set(i, 'footer');
  }
  return chrome;
}

// ---------------------------------------------------------------------------
// Punctuation

/** Strength of the marks a doubled run collapses to (the strongest stays). */
const STRENGTH: Record<string, number> = { '。': 5, '！': 5, '？': 5, '；': 3, ';': 3, '，': 2, ',': 2, '、': 1 };
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const DOUBLED_RUN = /[,，、;；。！？]{2,}/g;
const HALF_MARK = /[,;:?!]/g;
const URL_OR_MAIL = /(?:https?:\/\/|ftp:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

// ---------------------------------------------------------------------------

interface Ctx {
  s: string;
  /** 1 where a rule with priority (ruby, garbled, URL, page chrome) owns the code unit. */
  mask: Uint8Array;
  rubyEnds: Map<number, number>;
}

/** The code point before `i`, looking through ruby artifacts (`區(qū),,` → 區). */
function prevSignificant(ctx: Ctx, i: number): number {
  let j = i;
  for (let r = ctx.rubyEnds.get(j); r !== undefined; r = ctx.rubyEnds.get(j)) j = r;
  return cpBefore(ctx.s, j);
}

const chineseBefore = (cp: number) => isHanCp(cp) || CJK_CLOSERS.has(cp);

function findDoubled(ctx: Ctx, out: CleanFinding[]): void {
  const s = ctx.s;
  DOUBLED_RUN.lastIndex = 0;
  for (let m = DOUBLED_RUN.exec(s); m; m = DOUBLED_RUN.exec(s)) {
    const run = m[0];
    const start = m.index;
    let masked = false;
    for (let k = start; k < start + run.length; k++) if (ctx.mask[k]) masked = true;
    if (masked) continue;
    // Emphasis (`！！`, `？！`) and an ellipsis written with full stops are meant.
    if (/^[！？]+$/.test(run) || /^。{3,}$/.test(run)) continue;
    const full = [...run].filter((c) => c.charCodeAt(0) > 0xff);
    if (full.length === 0) {
      // Only ASCII marks: Chinese only after Chinese text (`a,,b` may be data).
      const before = prevSignificant(ctx, start);
      const after = cpAt(s, start + run.length);
      if (!(chineseBefore(before) || isHanCp(after))) continue;
    }
    const pool = full.length > 0 ? full : [...run];
    let best = 0;
    for (const c of pool) best = Math.max(best, STRENGTH[c] ?? 0);
    const strongest = pool.filter((c) => (STRENGTH[c] ?? 0) === best).map((c) => FULL[c] ?? c);
    const replacement = new Set(strongest).size === 1 ? strongest[0] : strongest.join('');
    if (replacement === run) continue;
    out.push({
      start,
      end: start + run.length,
      replacement,
      rule: 'doubled-punctuation',
      message: `doubled punctuation "${run}" → "${replacement}"`,
      data: { found: run, replacement },
    });
  }
}

/**
 * A data record written as comma-separated fields (`张亮,施工员,0622110100015000029`):
 * two or more ASCII commas, no Chinese comma or full stop, and a code among the fields.
 * Its commas separate fields and stay as they are.
 */
function isRecordLine(s: string, a: number, b: number): boolean {
  const line = s.slice(a, b);
  return /,[^,]*,/.test(line) && !/[，。；]/.test(line) && /[A-Za-z0-9]{6,}/.test(line);
}

function findHalfWidth(ctx: Ctx, lines: Line[], out: CleanFinding[]): void {
  const s = ctx.s;
  let li = 0;
  let record = false;
  let recordLine = -1;
  // Single marks between Chinese text.
  HALF_MARK.lastIndex = 0;
  for (let m = HALF_MARK.exec(s); m; m = HALF_MARK.exec(s)) {
    const i = m.index;
    if (ctx.mask[i]) continue;
    const c = m[0];
    if (c === ',') {
      while (li + 1 < lines.length && lines[li].next <= i) li++;
      if (recordLine !== li) {
        recordLine = li;
        record = isRecordLine(s, lines[li].a, lines[li].b);
      }
      if (record) continue;
    }
    // Part of a run: the doubled-punctuation rule's.
    const nextUnit = s.charCodeAt(i + 1);
    const prevUnit = s.charCodeAt(i - 1);
    if (/[,，、;；。！？]/.test(String.fromCharCode(nextUnit)) || (i > 0 && /[,，、;；。！？]/.test(String.fromCharCode(prevUnit)))) continue;
    const before = prevSignificant(ctx, i);
    if (!chineseBefore(before)) continue;
    let j = i + 1;
    while (j < s.length && isInlineSpace(s.charCodeAt(j))) j++;
    const after = cpAt(s, j);
    const ok = isHanCp(after) || CJK_OPENERS.has(after) || (isDigit(after) && j === i + 1) || after === -1 || isLineBreak(after);
    if (!ok) continue;
    out.push(halfWidthFinding(i, c));
  }
  // Parentheses, as pairs, around Chinese text.
  for (let i = s.indexOf('('); i >= 0; i = s.indexOf('(', i + 1)) {
    if (ctx.mask[i]) continue;
    const close = matchParen(ctx, i);
    if (close < 0) continue;
    let hasHan = false;
    for (let k = i + 1; k < close; k++) {
      if (ctx.mask[k]) continue;
      const cp = s.codePointAt(k)!;
      if (isHanCp(cp)) {
        hasHan = true;
        break;
      }
    }
    if (!hasHan) continue;
    // Both half-width: the parenthesis must open on Chinese text, not an English phrase
    // (a full-width closing one already says the pair is Chinese).
    if (s.charCodeAt(close) === 0x29) {
      let f = i + 1;
      while (f < close && isInlineSpace(s.charCodeAt(f))) f++;
      const first = cpAt(s, f);
      if (!(isHanCp(first) || isDigit(first) || CJK_PUNCT.has(first))) continue;
    }
    let p = i;
    while (p > 0 && isInlineSpace(s.charCodeAt(p - 1))) p--;
    const before = prevSignificant(ctx, p);
    let q = close + 1;
    while (q < s.length && isInlineSpace(s.charCodeAt(q))) q++;
    const after = cpAt(s, q);
    const chinese = (cp: number) => isHanCp(cp) || CJK_PUNCT.has(cp);
    if (!(chinese(before) || before === -1 || isLineBreak(before) || chinese(after))) continue;
    out.push(halfWidthFinding(i, '('));
    if (s.charCodeAt(close) === 0x29) out.push(halfWidthFinding(close, ')'));
  }
}

function halfWidthFinding(i: number, c: string): CleanFinding {
  return {
    start: i,
    end: i + 1,
    replacement: FULL[c],
    rule: 'half-width-punctuation',
    message: `half-width "${c}" in Chinese text → "${FULL[c]}"`,
    data: { found: c, replacement: FULL[c] },
  };
}

/** The closing parenthesis of the one at `i` on the same line (ruby artifacts inside are opaque), or -1. */
function matchParen(ctx: Ctx, i: number): number {
  const s = ctx.s;
  let depth = 0;
  const limit = Math.min(s.length, i + 160);
  for (let k = i + 1; k < limit; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x0a) return -1;
    if (ctx.mask[k]) continue;
    if (c === 0x28 || c === 0xff08) depth++;
    else if (c === 0x29 || c === 0xff09) {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Broken words

const CLAUSE_MARK = /[，,。；;、：:]/;

function findBrokenWords(ctx: Ctx, lines: Line[], chrome: Map<number, ChromeKind>, out: CleanFinding[]): void {
  const s = ctx.s;
  const candidates: Array<{ from: number; to: number; left: string; right: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const l1 = lines[i];
    if (l1.blank || chrome.has(i) || l1.han < 15) continue;
    // A blank line between this line and the next non-blank one.
    let k = i + 1;
    while (k < lines.length && lines[k].blank) k++;
    if (k >= lines.length || k === i + 1 || chrome.has(k)) continue;
    const l2 = lines[k];
    const lastCp = prevSignificant(ctx, l1.b);
    const firstCp = cpAt(s, l2.a);
    if (!isHanCp(lastCp) || !isHanCp(firstCp)) continue;
    if (ctx.mask[l2.a] || ctx.mask[l1.b - 1]) continue;
    const text1 = s.slice(l1.a, l1.b);
    if (!CLAUSE_MARK.test(text1)) continue;
    // After its last full stop the line must run on for a while: a short tail is a
    // caption's credit (`…報吿。陳芷琪攝`) or a fragment of its own, not a sentence cut short.
    const lastStop = Math.max(text1.lastIndexOf('。'), text1.lastIndexOf('！'), text1.lastIndexOf('？'));
    if (lastStop >= 0 && countHan(text1.slice(lastStop + 1)) < 6) continue;
    if (LIST_MARKER.test(s.slice(l2.a, Math.min(l2.b, l2.a + 8)))) continue;
    candidates.push({ from: l1.b, to: l2.a, left: hanTail(ctx, l1.a, l1.b, 6), right: hanHead(s, l2.a, l2.b, 6) });
  }
  if (candidates.length === 0) return;
  if (!segmenterLoaded()) loadSegmenter();
  for (const c of candidates) {
    const text = c.left + c.right;
    const cut = c.left.length;
    // Dictionary words only (no HMM guesses): the break must split a known word.
    const tokens = tag(text, false);
    const word = tokens.find((t) => t.start < cut && t.end > cut);
    if (!word) continue;
    const before = String.fromCodePoint(prevSignificant(ctx, c.from));
    const after = String.fromCodePoint(cpAt(s, c.to));
    out.push({
      start: c.from,
      end: c.to,
      replacement: '',
      rule: 'broken-word',
      message: `word broken across a blank line: ${before}|${after}`,
      data: { before, after, word: word.word },
    });
  }
}

function countHan(t: string): number {
  let k = 0;
  for (const ch of t) if (isHanCp(ch.codePointAt(0)!)) k++;
  return k;
}

/** The last `n` Han characters before `b` (folded, ruby artifacts skipped), back to a punctuation mark. */
function hanTail(ctx: Ctx, a: number, b: number, n: number): string {
  let out = '';
  let j = b;
  while (j > a && out.length < n) {
    const r = ctx.rubyEnds.get(j);
    if (r !== undefined) {
      j = r;
      continue;
    }
    const cp = cpBefore(ctx.s, j);
    if (!isHanCp(cp)) break;
    out = (cp > 0xffff ? String.fromCodePoint(cp) : String.fromCharCode(foldCode(cp))) + out;
    j -= cp > 0xffff ? 2 : 1;
  }
  return out;
}

function hanHead(s: string, a: number, b: number, n: number): string {
  let out = '';
  let j = a;
  while (j < b && out.length < n) {
    const cp = s.codePointAt(j)!;
    if (!isHanCp(cp)) break;
    out += cp > 0xffff ? String.fromCodePoint(cp) : String.fromCharCode(foldCode(cp));
    j += cp > 0xffff ? 2 : 1;
  }
  return out;
}

// ---------------------------------------------------------------------------

const PRIORITY: Record<CleanRuleId, number> = {
  'page-chrome': 0,
  garbled: 1,
  ruby: 2,
  'doubled-punctuation': 3,
  'half-width-punctuation': 4,
  'broken-word': 5,
};

/** Findings of every rule that is on, sorted by start and non-overlapping. */
export function findCleanups(text: string, opts: CleanOptions = {}): CleanFinding[] {
  const on = (r: CleanRuleId) => opts.rules?.[r] !== false;
  const s = text;
  const n = s.length;
  const out: CleanFinding[] = [];
  const mask = new Uint8Array(n);

  // Ruby artifacts are found whether or not their rule is on: other rules must never touch them.
  const ruby = findRuby(s);
  const rubyEnds = new Map<number, number>();
  for (const r of ruby) {
    rubyEnds.set(r.end, r.start);
    mask.fill(1, r.start, r.end);
  }
  const ctx: Ctx = { s, mask, rubyEnds };

  const lines = splitLines(s, ruby, rubyEnds);
  const chrome = findChrome(lines);
  if (on('page-chrome')) out.push(...chromeFindings(s, lines, chrome));
  for (const i of chrome.keys()) mask.fill(1, lines[i].start, lines[i].next);

  const garbled = findGarbled(s);
  for (const g of garbled) {
    mask.fill(1, g.start, g.end);
    if (on('garbled')) {
      const found = s.slice(g.start, g.end);
      out.push({ start: g.start, end: g.end, rule: 'garbled', message: `text lost to bad encoding (${g.kind}): "${found}"`, data: { found, kind: g.kind } });
    }
  }
  if (on('ruby')) {
    for (const r of ruby) {
      out.push({
        start: r.start,
        end: r.end,
        replacement: '',
        rule: 'ruby',
        message: `ruby pinyin ${s.slice(r.start, r.end)} after ${r.char}`,
        data: { reading: r.reading, char: r.char },
      });
    }
  }
  if (s.indexOf('://') >= 0 || s.indexOf('@') >= 0 || s.indexOf('www.') >= 0) {
    URL_OR_MAIL.lastIndex = 0;
    for (let m = URL_OR_MAIL.exec(s); m; m = URL_OR_MAIL.exec(s)) mask.fill(1, m.index, m.index + m[0].length);
  }
  if (on('doubled-punctuation')) findDoubled(ctx, out);
  if (on('half-width-punctuation')) findHalfWidth(ctx, lines, out);
  if (on('broken-word')) findBrokenWords(ctx, lines, chrome, out);

  // Sort, then keep the finding of the rule with priority where two overlap.
  out.sort((a, b) => a.start - b.start || PRIORITY[a.rule] - PRIORITY[b.rule] || a.end - b.end);
  const kept: CleanFinding[] = [];
  for (const f of out) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) {
      if (PRIORITY[f.rule] < PRIORITY[last.rule]) {
        // The new one wins: drop every kept finding it overlaps.
        while (kept.length > 0 && kept[kept.length - 1].end > f.start) kept.pop();
        kept.push(f);
      }
      continue;
    }
    kept.push(f);
  }
  return kept;
}

/** One finding per furniture line, with the blank lines after it, so no gap is left behind. */
function chromeFindings(s: string, lines: Line[], chrome: Map<number, ChromeKind>): CleanFinding[] {
  const out: CleanFinding[] = [];
  const idx = [...chrome.keys()].sort((a, b) => a - b);
  // The furniture that ends the text (nothing but furniture and blank lines after it).
  let tail = lines.length;
  while (tail > 0 && (lines[tail - 1].blank || chrome.has(tail - 1))) tail--;
  while (tail < lines.length && lines[tail].blank) tail++;
  for (const i of idx) {
    const l = lines[i];
    let k = i + 1;
    while (k < lines.length && lines[k].blank) k++;
    let start = l.start;
    const end = k < lines.length ? lines[k].start : s.length;
    if (i === tail) {
      // The blank lines before it go too, and the last line break of the text before it stays.
      let p = i - 1;
      while (p >= 0 && lines[p].blank) p--;
      start = p >= 0 ? lines[p].next : 0;
    }
    const line = s.slice(l.a, l.b);
    const kind = chrome.get(i)!;
    out.push({
      start,
      end,
      replacement: '',
      rule: 'page-chrome',
      message: `${CHROME_MESSAGES[kind]}: "${line.length > 40 ? line.slice(0, 40) + '…' : line}"`,
      data: { kind, line },
    });
  }
  return out;
}

/** Applies the findings that have a replacement (those overlapping an earlier one are skipped). */
export function applyCleanups(text: string, findings: readonly CleanFinding[]): string {
  const fixes = findings.filter((f) => f.replacement !== undefined).slice().sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const f of fixes) {
    if (f.start < pos || f.end > text.length || f.start > f.end) continue;
    out += text.slice(pos, f.start) + f.replacement;
    pos = f.end;
  }
  return out + text.slice(pos);
}

/** Finds and applies cleanups until the text no longer changes. */
export function cleanText(text: string, opts: CleanOptions = {}): string {
  let t = text;
  for (let round = 0; round < 10; round++) {
    const findings = findCleanups(t, opts);
    if (!findings.some((f) => f.replacement !== undefined)) break;
    const next = applyCleanups(t, findings);
    if (next === t) break;
    t = next;
  }
  return t;
}
