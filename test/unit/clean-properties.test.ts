import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, findCleanups, type CleanFinding } from '../../src/core/clean';

const root = join(__dirname, '..', '..');

/** mulberry32: a small seeded PRNG, so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces of scraped text: words (including the vocabulary of page furniture, headings of
// related-reading boxes and characters with ruby artifacts), punctuation in both widths,
// numbers, Latin, line breaks, garbled debris, characters outside the BMP.
const PIECES = [
  '项目', '建设', '产业', '發展', '經濟', '济南', '园区', '章丘', '加快', '推进', '重点', '企业', '高质量', '新动能', '中心', '基地', '工程',
  '項(xiàng)', '目', '業(yè)', '產(chǎn)', '區(qū)', '發(fā)', '現(xiàn)', '(明水)', '(GDP)', '（濟南）', '(yè)', '(潘延虎 摄)',
  '收藏', '分享', '手機(jī)閱讀', '掃碼', '微信', '打印', '加大', '顶部', '相关阅读', '热点推荐', '频道推荐', '编辑:', '責任編輯：', '吴晓璐',
  '11.png', ' > ', '>', '首页', '【', '】', '{{}}', '•', '- ', '...', '…', '……', '——', '来源:', '记者', '摄',
  ',', ',', '，', '、', '。', '.', ';', '；', ':', '：', '?', '？', '!', '！', '(', ')', '（', '）', '“', '”', '《', '》', ',,', ',、', ',。', '，，', '。。',
  '1', '2024', '1,000', '12:30', '45.51', '亿元', '年', '月', '日', '01-01',
  'GDP', 'AI', 'Hello', 'world', 'https://www.example.com/a?x=1,2', 'jjw@ceweekly.cn', 'F', 'g', 'u',
  ' ', ' ', '\u3000', '\n', '\n', '\n\n', '\n\n', '\r\n',
  '?,F(xiàn)', '??', '?;', '\uFFFD', 'ä¸­æ–‡', '锟斤拷',
  '𠮷', '😀', '\uF900',
];

const FURNITURE = [
  '地方网 > 山东 > 济南市 > 正文', '济南新闻 章丘新闻 平阴新闻 济阳新闻', '编辑:吴晓璐', '責任編輯：', '吴晓璐', '- 相關閱讀', '章丘区用工作实效检验主题教育成效 01-01',
  '  • 中央新闻网站', '0', '大', '>', '首页', '您的位置:', '33.png', '微信掃碼分享', '来源：济南日报 2018-03-16 12:49', '各位代表：', '一、2025年工作回顾',
];

function randomText(rand: () => number): string {
  const n = 5 + Math.floor(rand() * 120);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
}

/** Texts shaped like articles: lines of sentences, headings and furniture. */
function randomArticle(rand: () => number): string {
  const lines: string[] = [];
  const n = 3 + Math.floor(rand() * 20);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.5) {
      let sent = '';
      const m = 3 + Math.floor(rand() * 25);
      for (let k = 0; k < m; k++) sent += PIECES[Math.floor(rand() * 60)] + (rand() < 0.2 ? '，' : '');
      lines.push(sent + (rand() < 0.7 ? '。' : ''));
    } else if (r < 0.7) {
      lines.push(PIECES[34 + Math.floor(rand() * 35)]);
    } else if (r < 0.8) {
      lines.push(FURNITURE[Math.floor(rand() * FURNITURE.length)]);
    } else if (r < 0.85) {
      // A word split across a blank line.
      lines.push('在新材料产业方面,以重点企业为依托,加快建设一批高分子材料项', '', '目,高标准打造产业集群。');
    } else {
      lines.push('');
    }
  }
  return lines.join(rand() < 0.5 ? '\n' : '\n\n');
}

const isHan = (cp: number) =>
  (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f) || cp === 0x3007;

function hanOf(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) if (isHan(ch.codePointAt(0)!)) out.push(ch);
  return out;
}

/** Han characters of the text outside every finding whose rule may remove text around them. */
function unclaimedHan(text: string, findings: readonly CleanFinding[]): string[] {
  const claims = findings.filter((f) => f.rule === 'ruby' || f.rule === 'page-chrome' || f.rule === 'broken-word');
  const out: string[] = [];
  let k = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    while (k < claims.length && claims[k].end <= i) k++;
    const claimed = k < claims.length && claims[k].start <= i && i < claims[k].end;
    if (isHan(cp) && !claimed) out.push(String.fromCodePoint(cp));
    i += len;
  }
  return out;
}

function isSubsequence(needle: string[], hay: string[]): boolean {
  let j = 0;
  for (const h of hay) if (j < needle.length && needle[j] === h) j++;
  return j === needle.length;
}

/** Checks every invariant on one text; returns a description of the first broken one, or null. */
function violation(text: string): string | null {
  const findings = findCleanups(text);
  let prevEnd = 0;
  for (const f of findings) {
    if (!(f.start >= 0 && f.end <= text.length && f.start <= f.end)) return `out of bounds: ${JSON.stringify(f)}`;
    if (f.start < prevEnd) return `overlapping or unsorted: ${JSON.stringify(f)}`;
    if (f.start === f.end && f.replacement === '') return `empty deletion: ${JSON.stringify(f)}`;
    if (!f.message || f.message.includes('\n')) return `message is not one line: ${JSON.stringify(f)}`;
    if (f.rule === 'garbled' && f.replacement !== undefined) return `garbled text replaced: ${JSON.stringify(f)}`;
    if (f.rule === 'ruby' && hanOf(text.slice(f.start, f.end)).length > 0) return `ruby finding over a Han character: ${JSON.stringify(f)}`;
    if (f.rule === 'broken-word' && /\S/.test(text.slice(f.start, f.end))) return `broken-word over text: ${JSON.stringify(f)}`;
    // A surrogate pair is never cut.
    for (const o of [f.start, f.end]) {
      const c = text.charCodeAt(o);
      if (o > 0 && o < text.length && c >= 0xdc00 && c <= 0xdfff) return `cuts a surrogate pair at ${o}: ${JSON.stringify(f)}`;
    }
    prevEnd = f.end;
  }
  const once = cleanText(text);
  if (!isSubsequence(unclaimedHan(text, findings), hanOf(once))) return 'a Han character no rule claims was removed';
  const twice = cleanText(once);
  if (twice !== once) return `not idempotent: ${JSON.stringify(once.slice(0, 300))} → ${JSON.stringify(twice.slice(0, 300))}`;
  return null;
}

describe('cleaning invariants', () => {
  it('hold on random text', () => {
    const rand = prng(20250101);
    for (let i = 0; i < 400; i++) {
      const text = i % 2 === 0 ? randomText(rand) : randomArticle(rand);
      const v = violation(text);
      if (v) expect({ text, violation: v }).toBe('no violation');
    }
  });
  it('hold on every seed and development text', () => {
    const files = [
      ...readdirSync(join(root, 'seeds')).map((f) => join(root, 'seeds', f)),
      ...readdirSync(join(root, 'test', 'fixtures', 'dev'))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => join(root, 'test', 'fixtures', 'dev', f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const v = violation(readFileSync(f, 'utf8'));
      if (v) expect({ file: f, violation: v }).toBe('no violation');
    }
  });
  it('keep every Han character of the seeds outside page furniture', () => {
    for (const f of readdirSync(join(root, 'seeds'))) {
      const text = readFileSync(join(root, 'seeds', f), 'utf8');
      const findings = findCleanups(text);
      expect(hanOf(cleanText(text)), f).toEqual(unclaimedHan(text, findings));
    }
  });
  it('shift by exactly the UTF-16 length of characters outside the BMP put in front', () => {
    const rand = prng(7);
    for (let i = 0; i < 60; i++) {
      const text = randomArticle(rand);
      const prefix = ['𠮷', '😀', '𠮷😀x'][i % 3] + '\n\n';
      const a = findCleanups(text).filter((f) => f.start > 0);
      const b = findCleanups(prefix + text).filter((f) => f.start > prefix.length);
      expect(b.map((f) => [f.start - prefix.length, f.end - prefix.length, f.rule, f.replacement])).toEqual(a.map((f) => [f.start, f.end, f.rule, f.replacement]));
    }
  });
});
