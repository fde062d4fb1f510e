import { describe, expect, it } from 'vitest';
import { amountForms, groupThousands, hasHan, projectRows, shiftDecimalString, toCsv, toTsv, utf8Length, valueInYuan } from '../../src/core/present';
import type { ProjectInfo } from '../../src/core/relations';
import type { Entity } from '../../src/core/types';

describe('amounts', () => {
  it('shifts exact decimals without binary rounding', () => {
    expect(shiftDecimalString('548.5', 8)).toBe('54850000000');
    expect(shiftDecimalString('54850000000', -8)).toBe('548.5');
    expect(shiftDecimalString('54850000000', -4)).toBe('5485000');
    expect(shiftDecimalString('0.05', 4)).toBe('500');
    expect(shiftDecimalString('3', -5)).toBe('0.00003');
    expect(shiftDecimalString('-12.30', -1)).toBe('-1.23');
    expect(shiftDecimalString('0', 3)).toBe('0');
    expect(shiftDecimalString('0.1', 0)).toBe('0.1');
    // 0.1 + 0.2 in binary is 0.30000000000000004; here the digits stay as written.
    expect(shiftDecimalString('0.3', -1)).toBe('0.03');
  });

  it('groups thousands of the integer part only', () => {
    expect(groupThousands('54850000000')).toBe('54,850,000,000');
    expect(groupThousands('1234.5678')).toBe('1,234.5678');
    expect(groupThousands('-999')).toBe('-999');
    expect(groupThousands('1000')).toBe('1,000');
  });

  it('writes an amount out in full, in 万 and in 亿', () => {
    expect(amountForms({ amount: '54850000000' })).toEqual({ full: '54,850,000,000', wan: '5,485,000', yi: '548.5' });
    expect(amountForms({ amount: '26100000' })).toEqual({ full: '26,100,000', wan: '2,610', yi: '0.261' });
    expect(amountForms({ value: 1500 })).toEqual({ full: '1,500', wan: '0.15', yi: '0.000015' });
    expect(amountForms({})).toBeUndefined();
    expect(amountForms({ amount: '3-5' })).toBeUndefined();
  });

  it('gives a value in 元 only at a configured rate', () => {
    expect(valueInYuan({ value: 100, currency: 'USD' }, {})).toBeUndefined();
    expect(valueInYuan({ value: 100, currency: 'USD' }, { USD: 7.1 })).toBeCloseTo(710);
    expect(valueInYuan({ value: 100, currency: 'CNY' }, { CNY: 1 })).toBeUndefined();
    expect(valueInYuan({ value: 100 }, { USD: 7.1 })).toBeUndefined();
    expect(valueInYuan({ value: 100, currency: 'HKD' }, { HKD: -1 })).toBeUndefined();
  });
});

const ent = (type: Entity['type'], text: string, start: number, extra: Partial<Entity> = {}): Entity => ({ type, text, start, end: start + text.length, ...extra });

describe('projects table', () => {
  const project = ent('project', '华润雪花啤酒项目', 0, { name: '华润雪花啤酒' });
  const money = ent('money', '20亿元', 12, { amount: '2000000000', value: 2000000000, currency: 'CNY' });
  const date = ent('date', '2024年4月', 30, { value: '2024-04' });
  const infos: ProjectInfo[] = [
    { name: '华润雪花啤酒', mentions: [project], figures: [{ entity: money, measure: '总投资', measureKey: '总投资', confidence: 0.9 }], dates: [{ entity: date, event: '开工', eventKey: '开工', confidence: 0.9 }] },
    { name: '轨道交通8号线', mentions: [ent('project', '轨道交通8号线', 50, { name: '轨道交通8号线' })], figures: [], dates: [] },
  ];
  const lineAt = (o: number) => Math.floor(o / 20);
  const rows = projectRows('a.txt', infos, lineAt);

  it('has a row per figure and date, and one for a project with neither', () => {
    expect(rows.map((r) => [r.project, r.kind, r.label, r.text, r.value, r.currency, r.line])).toEqual([
      ['华润雪花啤酒', 'figure', '总投资', '20亿元', '2000000000', 'CNY', 1],
      ['华润雪花啤酒', 'date', '开工', '2024年4月', '2024-04', '', 2],
      ['轨道交通8号线', '', '', '', '', '', 3],
    ]);
  });

  it('writes tab-separated values a spreadsheet pastes', () => {
    const tsv = toTsv(['F', 'P', 'K', 'L', 'T', 'V', 'C', 'N'], [{ ...rows[0], project: 'a\tb\nc' }]);
    expect(tsv).toBe('F\tP\tK\tL\tT\tV\tC\tN\na.txt\ta b c\tfigure\t总投资\t20亿元\t2000000000\tCNY\t1\n');
  });

  it('writes CSV quoted where needed', () => {
    const csv = toCsv(['F', 'P', 'K', 'L', 'T', 'V', 'C', 'N'], [{ ...rows[0], project: '甲,乙"丙"' }]);
    expect(csv).toBe('F,P,K,L,T,V,C,N\r\na.txt,"甲,乙""丙""",figure,总投资,20亿元,2000000000,CNY,1\r\n');
  });
});

describe('text facts', () => {
  it('measures UTF-8 without encoding', () => {
    for (const s of ['', 'abc', '项目', '𠮷😀', 'é€', 'a\ud800b', '\ud800\ud800\udc00', '\udc00x']) expect(utf8Length(s), s).toBe(Buffer.byteLength(s, 'utf8'));
  });

  it('tells Chinese text from other text', () => {
    expect(hasHan('Hello, world')).toBe(false);
    expect(hasHan('总投资')).toBe(true);
    expect(hasHan('𠮷')).toBe(true);
    expect(hasHan('ＡＢＣ１２３')).toBe(false);
  });
});
