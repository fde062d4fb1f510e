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
});
