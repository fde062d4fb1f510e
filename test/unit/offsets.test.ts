import { describe, expect, it } from 'vitest';
import { extract } from '../../src/core/extract';
import type { Entity, EntityType } from '../../src/core/types';

/** Every entity's text is the original slice at its offsets, and the offsets are sane. */
function checkSpans(text: string, entities: Entity[]): void {
  for (const e of entities) {
    expect(e.start).toBeGreaterThanOrEqual(0);
    expect(e.end).toBeGreaterThan(e.start);
    expect(e.end).toBeLessThanOrEqual(text.length);
    expect(e.text).toBe(text.slice(e.start, e.end));
  }
}

/** Extracts, checks every span, and returns the original slices of one type. */
function slices(text: string, type: EntityType): string[] {
  const entities = extract(text);
  checkSpans(text, entities);
  return entities.filter((e) => e.type === type).map((e) => text.slice(e.start, e.end));
}

function only(text: string, type: EntityType): Entity {
  const found = extract(text).filter((e) => e.type === type);
  expect(found).toHaveLength(1);
  return found[0];
}

// U+F98E is a CJK compatibility ideograph whose canonical form is 年; U+F9BE maps to 料.
const COMPAT_NIAN = '\uF98E';
const COMPAT_LIAO = '\uF9BE';

describe('offsets through extract()', () => {
  it('checks the compatibility ideographs used below', () => {
    expect(COMPAT_NIAN.normalize('NFC')).toBe('年');
    expect(COMPAT_LIAO.normalize('NFC')).toBe('料');
    expect(COMPAT_NIAN).not.toBe('年');
  });

  it('maps spans after characters outside the BMP (𠮷, emoji)', () => {
    const text = '😀𠮷总投资548.5亿元，2024年4月份开工';
    expect(slices(text, 'money')).toEqual(['548.5亿元']);
    expect(slices(text, 'date')).toEqual(['2024年4月份']);
    const money = only(text, 'money');
    expect([money.start, money.end]).toEqual([7, 14]);
    expect(money.value).toBe(54850000000);
    const date = only(text, 'date');
    expect([date.start, date.end]).toEqual([15, 23]);
    expect(date.value).toBe('2024-04');
  });

  it('maps spans between runs of astral characters', () => {
    const text = '𠮷𠮷𠮷2024年𠮷3月';
    expect(slices(text, 'date')).toEqual(['2024年', '3月']);
    const text2 = '😀😀２０２４年４月😀';
    expect(slices(text2, 'date')).toEqual(['２０２４年４月']);
  });

  it('keeps astral characters inside a project span', () => {
    const text = '加快推进𠮷祥😀新材料产业园建设，总投资😀30亿元';
    expect(slices(text, 'project')).toEqual(['𠮷祥😀新材料产业园']);
    expect(slices(text, 'money')).toEqual(['30亿元']);
  });

  it('keeps ruby-pinyin artifacts inside spans', () => {
    const text = '華潤雪花啤酒項(xiàng)目簽約落地';
    expect(slices(text, 'project')).toEqual(['華潤雪花啤酒項(xiàng)目']);
    expect(only(text, 'project').name).toBe('華潤雪花啤酒');

    const money = '總投資五十億(yì)元';
    expect(slices(money, 'money')).toEqual(['五十億(yì)元']);
    expect(only(money, 'money').value).toBe(5000000000);

    const park = '加快推進臨工智能裝備產業(yè)園建設';
    expect(slices(park, 'project')).toEqual(['臨工智能裝備產業(yè)園']);
  });

  it('ends a span after an artifact that belongs to its last character', () => {
    const text = '投资100億(yì)元，2024年(nián)开工';
    expect(slices(text, 'money')).toEqual(['100億(yì)元']);
    const dates = slices(text, 'date');
    expect(dates).toHaveLength(1);
    expect(['2024年', '2024年(nián)']).toContain(dates[0]);
  });

  it('maps CJK compatibility ideographs inside an entity', () => {
    const text = `於２０２４${COMPAT_NIAN}４月開工`;
    expect(slices(text, 'date')).toEqual([`２０２４${COMPAT_NIAN}４月`]);
    expect(only(text, 'date').value).toBe('2024-04');

    const ascii = `2024${COMPAT_NIAN}4月開工`;
    expect(slices(ascii, 'date')).toEqual([`2024${COMPAT_NIAN}4月`]);
  });

  it('maps a compatibility ideograph inside a project name', () => {
    const text = `推进临工智能新材${COMPAT_LIAO}产业园建设`;
    expect(slices(text, 'project')).toEqual([`临工智能新材${COMPAT_LIAO}产业园`]);
  });

  it('maps full-width digits', () => {
    expect(slices('２０２４年４月', 'date')).toEqual(['２０２４年４月']);
    expect(only('２０２４年４月', 'date').value).toBe('2024-04');
    expect(slices('投资１２０亿', 'money')).toEqual(['１２０亿']);
    expect(only('投资１２０亿', 'money').value).toBe(12000000000);
    expect(slices('總投資１２０．５億元', 'money')).toEqual(['１２０．５億元']);
  });

  it('gives text === original.slice(start, end) for every entity of a mixed text', () => {
    const text = [
      '😀今年總投資約548.5億元，於２０２４年４月開工。',
      '華潤雪花啤酒項(xiàng)目、晶榮預制菜產業園等項目簽約𠮷落地，投資五十億(yì)元。',
      `２０２５${COMPAT_NIAN}一季度，推进临工智能新材${COMPAT_LIAO}产业园建设，总投资１２０亿😀。`,
    ].join('\n');
    const entities = extract(text);
    expect(entities.length).toBeGreaterThan(5);
    checkSpans(text, entities);
  });
});
