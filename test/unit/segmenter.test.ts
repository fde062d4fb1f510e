import { describe, expect, it } from 'vitest';
import { tag, tokenize, cut } from '../../src/core/segmenter';

describe('segmenter (jieba-wasm)', () => {
  it('tags words with UTF-16 offsets that slice back to the words', () => {
    const s = '𠮷加快华润雪花啤酒项目建设😀';
    const toks = tag(s);
    expect(toks.map((t) => t.word).join('')).toBe(s);
    for (const t of toks) expect(s.slice(t.start, t.end)).toBe(t.word);
    expect(toks.some((t) => t.word === '项目' && t.tag.startsWith('n'))).toBe(true);
  });
  it('maps tokenize code-point positions to UTF-16 offsets', () => {
    const s = '𠮷𠮷江河绿色智能制造中心';
    const toks = tokenize(s);
    for (const t of toks) expect(s.slice(t.start, t.end)).toBe(t.word);
    expect(toks[toks.length - 1].end).toBe(s.length);
  });
  it('cuts plain text', () => {
    expect(cut('轨道交通8号线').join('')).toBe('轨道交通8号线');
  });
});
