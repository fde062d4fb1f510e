import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/core/extract';
import type { Entity } from '../../src/core/types';

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

/** Extracts and checks the invariants every result must keep; returns the entities. */
function check(text: string): Entity[] {
  let entities: Entity[] = [];
  expect(() => {
    entities = extract(text);
  }).not.toThrow();
  let prevStart = 0;
  for (const e of entities) {
    if (!(e.start >= 0 && e.end > e.start && e.end <= text.length && e.start >= prevStart && e.text === text.slice(e.start, e.end))) {
      // Fail with the offending entity and a short context, not a 2 MB string.
      expect({ entity: e, prevStart, length: text.length, context: text.slice(Math.max(0, e.start - 20), e.end + 20) }).toBe('a valid span');
    }
    if (typeof e.value === 'number' && !Number.isFinite(e.value)) {
      expect({ entity: e }).toBe('a finite number');
    }
    prevStart = e.start;
  }
  return entities;
}

describe('robustness: bad input never throws, spans stay valid', () => {
  it('empty and whitespace-only text', () => {
    expect(check('')).toEqual([]);
    expect(check(' ')).toEqual([]);
    expect(check('   \n\t\r\n\u3000\u00a0  ')).toEqual([]);
    check('\n'.repeat(10000));
  });

  it('a single line of about 2 MB', () => {
    const seeds = readdirSync(join(root, 'seeds'))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => readFileSync(join(root, 'seeds', f), 'utf8').replace(/\s+/g, ''));
    const parts: string[] = [];
    let bytes = 0;
    while (bytes < 2 * 1024 * 1024) {
      for (const s of seeds) {
        parts.push(s);
        bytes += Buffer.byteLength(s, 'utf8');
      }
    }
    const line = parts.join('');
    expect(line.includes('\n')).toBe(false);
    expect(Buffer.byteLength(line, 'utf8')).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    const entities = check(line);
    expect(entities.length).toBeGreaterThan(1000);
  }, 120_000);

  it('lone surrogates', () => {
    check('\uD800abc\uDC00年');
    check('\uD800');
    check('\uDC00');
    check('\uDC00\uD800');
    check('投资\uD800120亿元\uDC00，2024年\uDBFF4月');
    check('\uD842'); // the high half of 𠮷 alone
    check('𠮷'.slice(0, 1) + '2024年' + '𠮷'.slice(1));
    check('\uD800(yè)業\uDC00(yè)');
  });

  it('random bytes decoded as UTF-8', () => {
    const rand = prng(0x5eed);
    const bytes = new Uint8Array(200 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
    check(new TextDecoder('utf-8').decode(bytes));
    // Mostly-valid UTF-8 with some corruption: CJK text with random bytes overwritten.
    const base = Buffer.from('2024年4月，总投资548.5亿元的华润雪花啤酒项目开工。'.repeat(2000), 'utf8');
    for (let i = 0; i < base.length; i += 1 + Math.floor(rand() * 40)) base[i] = Math.floor(rand() * 256);
    check(new TextDecoder('utf-8').decode(base));
  }, 60_000);

  it('random mixes of CJK, digits and punctuation', () => {
    const rand = prng(42);
    const alphabet = [
      ...'0123456789０１２３４５６７８９.．,，、-—~～至到/%',
      ...'年月日时分秒上下半季度今去明前后底初内第个期',
      ...'元亿億万萬千百十一二三四五六七八九零〇两兩美欧港币幣人民',
      ...'投资資总總额产值项項目工程园園区基地中心建设設',
      ...'()（）“”《》「」【】：；。！？ \n',
      '(yè)', '(xiàng)', '(yì)', '𠮷', '😀', '\uF98E', '\uD800', '\uDC00', '$', 'HK$', 'US$', '¥', '￥',
    ];
    for (let n = 0; n < 1500; n++) {
      const len = 1 + Math.floor(rand() * 40);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      check(s);
    }
  }, 60_000);

  it('all parentheses, all artifacts', () => {
    check('('.repeat(5000));
    check(')'.repeat(5000));
    check('()'.repeat(3000));
    check('（）'.repeat(3000));
    check('(((((((((((((((((((((((((())))))))))))))))))))))))))'.repeat(100));
    check('(yè)'.repeat(3000));
    check('業(yè)'.repeat(3000));
    check('項(xiàng)目'.repeat(2000));
    check('億(yì)'.repeat(2000) + '元');
    check('(yè)(xiàng)(mù)(yì)(yuán)');
    check('年(nián)'.repeat(1000));
  }, 60_000);

  it('extremely long numbers', () => {
    check('1'.repeat(5000) + '亿元');
    check('投资' + '9'.repeat(5000) + '亿');
    check('9'.repeat(400) + '元');
    check('0.' + '0'.repeat(5000) + '1亿元');
    check('１'.repeat(5000) + '億元');
    check('一'.repeat(5000) + '亿元');
    check('九千九百九十九万亿'.repeat(500) + '元');
    check('1'.repeat(5000) + '年' + '1'.repeat(5000) + '月');
    check('2024-'.repeat(2000) + '01');
    check('1.'.repeat(3000) + '5亿元');
    check('1,'.repeat(3000) + '000元');
  }, 60_000);
});
