import { describe, expect, it } from 'vitest';
import { normalize, toOriginal } from '../../src/core/normalize';

describe('normalize', () => {
  it('masks confirmed ruby-pinyin artifacts and folds traditional to simplified', () => {
    const n = normalize('華潤雪花啤酒項(xiàng)目');
    expect(n.text).toBe('华润雪花啤酒项目');
    const [s, e] = toOriginal(n, 0, n.text.length);
    expect(n.original.slice(s, e)).toBe('華潤雪花啤酒項(xiàng)目');
  });
  it('keeps real parentheses', () => {
    expect(normalize('濟南(明水)汽車').text).toBe('济南(明水)汽车');
    expect(normalize('中心(AI)').text).toBe('中心(AI)');
  });
  it('maps full-width digits and keeps offsets of characters outside the BMP', () => {
    const src = '𠮷投资１２０亿😀';
    const n = normalize(src);
    expect(n.text).toBe('𠮷投资120亿😀');
    const i = n.text.indexOf('120亿');
    const [s, e] = toOriginal(n, i, i + 4);
    expect(src.slice(s, e)).toBe('１２０亿');
  });
  it('makes compatibility ideographs canonical', () => {
    const n = normalize('\uF900');
    expect('\uF900'.normalize('NFC')).toBe('豈');
    expect(n.text).toBe('岂');
    expect(toOriginal(n, 0, 1)).toEqual([0, 1]);
  });
  it('drops spaces inside a number-and-unit expression and maps the span over them', () => {
    const src = '預算數 12 億 3,456 萬餘元，民國 99 年 5 月 7 日';
    const n = normalize(src);
    expect(n.text).toBe('预算数12亿3,456万余元，民国99年5月7日');
    const i = n.text.indexOf('12亿');
    const [s, e] = toOriginal(n, i, n.text.indexOf('，'));
    expect(src.slice(s, e)).toBe('12 億 3,456 萬餘元');
    expect(normalize('7, 050萬元').text).toBe('7,050万元');
  });
  it('keeps spaces that separate words or a code from the text before it', () => {
    expect(normalize('成效 01-01').text).toBe('成效 01-01');
    expect(normalize('苹果供应商 电子配套').text).toBe('苹果供应商 电子配套');
    expect(normalize('US$ 3.5 million').text).toBe('US$ 3.5 million');
  });
  it('joins the lines of a hard-wrapped text where a sentence runs on, not where it ends', () => {
    const line = (k: number) => `第${k}行的文字都在同一寬度斷開而句子還沒有結束所以接著寫`;
    const body = Array.from({ length: 10 }, (_, k) => line(k)).join('\n') + '\n最後一句。\n新的段落。';
    const n = normalize(body);
    expect(n.text.split('\n')).toHaveLength(2);
    expect(n.text.endsWith('最后一句。\n新的段落。')).toBe(true);
  });
  it('leaves line breaks of ordinary paragraphs alone', () => {
    const text = '短的一行\n另一行文字\n'.repeat(6);
    expect(normalize(text).text.split('\n')).toHaveLength(13);
  });
});
