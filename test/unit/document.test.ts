import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/core/extract';
import { ExtractionCache, extractDocument, PART_MIN, partStarts } from '../../src/core/document';

const devDir = join(__dirname, '..', 'fixtures', 'dev');
const devText = (name: string) => readFileSync(join(devDir, name), 'utf8');

/** A long text made of distinct paragraphs (each closes its sentence). */
function longText(paragraphs: number): string {
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    out.push(`第${i}段：本市推进城市更新，今年完成投资${i + 1}亿元，改造老旧小区${i * 3 + 7}个，新增绿地${i + 2}公顷，居民满意度持续提升。`);
  }
  return out.join('\n');
}

describe('extractDocument', () => {
  it('gives exactly what extract() gives on a text shorter than a part', () => {
    for (const name of readdirSync(devDir).filter((f) => /^d\d+\.txt$/.test(f))) {
      const text = devText(name);
      if (text.length >= PART_MIN * 2) continue;
      expect(extractDocument(text).entities, name).toEqual(extract(text));
    }
  });

  it('cuts a long text only at paragraph breaks, into parts of at least PART_MIN', () => {
    const text = longText(1200);
    const starts = partStarts(text);
    expect(starts.length).toBeGreaterThan(2);
    expect(starts[0]).toBe(0);
    for (let k = 1; k < starts.length; k++) {
      expect(text[starts[k] - 1]).toBe('\n');
      expect(text[starts[k] - 2]).toBe('。');
      expect(starts[k] - starts[k - 1]).toBeGreaterThanOrEqual(PART_MIN);
    }
  });

  it('never cuts inside a sentence that runs over a line break', () => {
    // No line closes its sentence: there is nowhere to cut.
    const text = Array.from({ length: 3000 }, (_, i) => `项目${i}总投资${i}亿元`).join('\n');
    expect(partStarts(text)).toEqual([0]);
  });

  it('keeps the parts before and after an edit as they were', () => {
    const text = longText(1200);
    const before = partStarts(text);
    const mid = before[Math.floor(before.length / 2)] + 10;
    const edited = text.slice(0, mid) + '新增内容' + text.slice(mid);
    const after = partStarts(edited);
    const slices = (t: string, s: number[]) => s.map((a, k) => t.slice(a, s[k + 1] ?? t.length));
    const a = new Set(slices(text, before));
    const changed = slices(edited, after).filter((p) => !a.has(p));
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThanOrEqual(2);
  });

  it('extracts again only the parts an edit touched, with the same result as without the cache', () => {
    const text = longText(1200);
    const cache = new ExtractionCache();
    const first = extractDocument(text, { cache });
    expect(first.extracted).toBe(first.parts);
    const again = extractDocument(text, { cache });
    expect(again.extracted).toBe(0);
    expect(again.entities).toEqual(first.entities);

    const mid = text.length >> 1;
    const edited = text.slice(0, mid) + '总投资3亿元。' + text.slice(mid);
    const cached = extractDocument(edited, { cache });
    expect(cached.extracted).toBeGreaterThanOrEqual(1);
    expect(cached.extracted).toBeLessThanOrEqual(2);
    expect(cached.entities).toEqual(extractDocument(edited).entities);
    // Entities after the edit moved by the inserted length.
    const moneyAfter = (r: typeof first) => r.entities.filter((e) => e.type === 'money' && e.start > mid + 7).map((e) => e.text);
    expect(moneyAfter(cached).slice(-5)).toEqual(moneyAfter(first).slice(-5));
  });

  it('forgets parts no extraction used since the last sweep', () => {
    const cache = new ExtractionCache();
    extractDocument(longText(1200), { cache });
    const n = cache.size;
    expect(n).toBeGreaterThan(2);
    cache.sweep();
    extractDocument('总投资5亿元。', { cache });
    cache.sweep();
    expect(cache.size).toBe(1);
  });

  it('links a project named in one part where it recurs in another', () => {
    const filler = longText(600);
    const text = `江河绿色智能制造中心项目总投资20亿元。\n${filler}\n江河绿色智能制造中心今年投产。\n${filler}`;
    const { entities, parts } = extractDocument(text);
    expect(parts).toBeGreaterThan(1);
    const mentions = entities.filter((e) => e.type === 'project' && e.name === '江河绿色智能制造中心');
    expect(mentions.map((e) => e.start)).toEqual([0, text.indexOf('江河绿色智能制造中心今年')]);
  });

  it('keeps UTF-16 offsets after characters outside the BMP in every part', () => {
    const text = longText(600) + '\n😀𠮷总投资548.5亿元。\n' + longText(600);
    const { entities } = extractDocument(text);
    const m = entities.find((e) => e.text === '548.5亿元');
    expect(m).toBeDefined();
    expect(text.slice(m!.start, m!.end)).toBe('548.5亿元');
  });

  it('reads region and reference date from the whole text', () => {
    const text = `2018年3月5日 香港特区政府公布，港元贷款增加。\n${longText(1200)}\n今年7月1日起实施，港元计价。`;
    const r = extractDocument(text);
    expect(r.facts.region).toBe('hk');
    expect(r.facts.referenceDate).toBe('2018-03-05');
    const d = r.entities.find((e) => e.text === '今年7月1日');
    expect(d?.resolved).toBe('2018-07-01');
  });
});
