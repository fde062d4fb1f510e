import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/core/document';
import { checkFigures, checkText, isDistinctive, readQuantities, type FigureFinding } from '../../src/core/figures';
import { relateProjects } from '../../src/core/relations';
import type { Entity } from '../../src/core/types';

/** Kind and text of each finding, and the texts of the places it names. */
const summary = (fs: FigureFinding[]) => fs.map((f) => [f.kind, f.text, f.related.map((r) => r.text)]);
const kinds = (fs: FigureFinding[]) => fs.map((f) => f.kind);

/** Every place of a finding is where it says it is. */
function expectPlaces(text: string, fs: FigureFinding[]): void {
  for (const f of fs) {
    expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(f.related.length).toBeGreaterThan(0);
    for (const r of f.related) expect(text.slice(r.start, r.end)).toBe(r.text);
  }
}

/** Entities from [type, surface, occurrence?] rows (as in relations.test.ts), money with an exact amount. */
function entities(text: string, rows: Array<[Entity['type'], string, number?, Partial<Entity>?]>): Entity[] {
  return rows.map(([type, surface, nth = 0, extra = {}]) => {
    let start = -1;
    for (let k = 0; k <= nth; k++) start = text.indexOf(surface, start + 1);
    if (start < 0) throw new Error(`${surface} (#${nth}) not in text`);
    const e: Entity = { type, start, end: start + surface.length, text: surface, ...extra };
    if (type === 'project') e.name = surface.replace(/[「」]/g, '').replace(/(?:项目|項目)$/, '');
    return e;
  });
}

describe('conflicting-amounts', () => {
  it('fires for one project given two totals (总投资 20亿元, then 25亿元), on the later one, naming both', () => {
    const text = '青松湖生态修复项目总投资20亿元，计划2025年6月开工。\n该项目位于城东新区。\n青松湖生态修复项目总投资25亿元，建成后年产值3亿元。';
    const fs = checkText(text);
    expect(summary(fs)).toEqual([['conflicting-amounts', '25亿元', ['20亿元']]]);
    const [f] = fs;
    expect(f.project).toBe('青松湖生态修复');
    expect(f.measure).toBe('总投资');
    expect(f.message).toBe('青松湖生态修复: 总投资 25亿元 here, 20亿元 on line 1');
    expect(f.data).toEqual({ project: '青松湖生态修复', measure: '总投资', here: '25亿元', there: '20亿元', line: '1' });
    expect(f.start).toBe(text.lastIndexOf('25亿元'));
    expectPlaces(text, fs);
  });

  it('fires in Hong Kong text (總造價), with the measure as written', () => {
    const text = '沙田污水處理廠搬遷工程總造價為300億元，預計2027年完工。\n當局表示，沙田污水處理廠搬遷工程總造價為360億元。';
    const fs = checkText(text);
    expect(summary(fs)).toEqual([['conflicting-amounts', '360億元', ['300億元']]]);
    expect(fs[0].measure).toBe('總造價');
    expect(fs[0].message).toBe('沙田污水處理廠搬遷工程: 總造價 360億元 here, 300億元 on line 1');
  });

  it('fires in Taiwan text (總經費, 新臺幣)', () => {
    const text = '行政院核定「臺北文化體育園區開發案」，總經費為新臺幣248億元。\n「臺北文化體育園區開發案」總經費為新臺幣250億元。';
    const fs = checkText(text);
    expect(summary(fs)).toEqual([['conflicting-amounts', '新臺幣250億元', ['新臺幣248億元']]]);
    expect(fs[0].measure).toBe('總經費');
  });

  it('fires when an approximation or a range does not reach the other amount', () => {
    const about = checkText('青松湖生态修复项目总投资约20亿元。\n青松湖生态修复项目总投资30亿元。');
    expect(summary(about)).toEqual([['conflicting-amounts', '30亿元', ['20亿元']]]);
    const range = checkText('青松湖生态修复项目总投资10-15亿元。\n青松湖生态修复项目总投资20亿元。');
    expect(summary(range)).toEqual([['conflicting-amounts', '20亿元', ['10-15亿元']]]);
  });

  it('fires when the time before the measure is an event’s, not the figure’s (2008年7月开建总投资…)', () => {
    const text = '华锐风电2008年7月在盐都区开建总投资50亿元的盐城产业基地。\n据介绍，盐城产业基地总投资60亿元。';
    expect(summary(checkText(text))).toEqual([['conflicting-amounts', '60亿元', ['50亿元']]]);
  });

  it('reports one pair of values once (20亿元, then 25亿元 twice)', () => {
    const text = '青松湖生态修复项目总投资20亿元。\n青松湖生态修复项目总投资25亿元。\n青松湖生态修复项目总投资25亿元。';
    expect(summary(checkText(text))).toEqual([['conflicting-amounts', '25亿元', ['20亿元']]]);
  });

  // Each quiet text, and (where one exists) a twin that differs only in what makes it quiet and fires.
  const quiet: Array<[string, string, string?]> = [
    ['different measures (总投资 / 年产值)', '青松湖生态修复项目总投资20亿元，计划2025年6月开工。\n青松湖生态修复项目年产值25亿元。', '青松湖生态修复项目总投资20亿元，计划2025年6月开工。\n青松湖生态修复项目总投资25亿元。'],
    ['a plan and an actual (计划 / 实际)', '青松湖生态修复项目计划总投资20亿元。\n青松湖生态修复项目实际总投资25亿元。', '青松湖生态修复项目计划总投资20亿元。\n青松湖生态修复项目计划总投资25亿元。'],
    ['a range containing the other', '青松湖生态修复项目总投资20亿至25亿元。\n青松湖生态修复项目总投资22亿元。', '青松湖生态修复项目总投资20亿至25亿元。\n青松湖生态修复项目总投资27亿元。'],
    ['约 within ten per cent', '青松湖生态修复项目总投资约20亿元。\n青松湖生态修复项目总投资21亿元。', '青松湖生态修复项目总投资约20亿元。\n青松湖生态修复项目总投资23亿元。'],
    ['近 just under', '青松湖生态修复项目总投资近20亿元。\n青松湖生态修复项目总投资19.6亿元。', '青松湖生态修复项目总投资近20亿元。\n青松湖生态修复项目总投资22亿元。'],
    ['超 above', '青松湖生态修复项目总投资超20亿元。\n青松湖生态修复项目总投资25亿元。', '青松湖生态修复项目总投资超20亿元。\n青松湖生态修复项目总投资18亿元。'],
    ['多 inside the amount', '青松湖生态修复项目总投资20多亿元。\n青松湖生态修复项目总投资25亿元。', '青松湖生态修复项目总投资20多亿元。\n青松湖生态修复项目总投资35亿元。'],
    ['余 inside the amount', '青松湖生态修复项目总投资20余亿元。\n青松湖生态修复项目总投资21.5亿元。', '青松湖生态修复项目总投资20余亿元。\n青松湖生态修复项目总投资15亿元。'],
    ['the rounding of the last written digit (20亿 / 20.3亿)', '青松湖生态修复项目总投资20亿元。\n青松湖生态修复项目总投资20.3亿元。', '青松湖生态修复项目总投资20亿元。\n青松湖生态修复项目总投资20.6亿元。'],
    ['a revision the text states (由…调增至…)', '青松湖生态修复项目总投资由20亿元调增至25亿元。\n青松湖生态修复项目总投资25亿元。'],
    ['an amount scoped to a year (今年, 年内)', '青松湖生态修复项目总投资20亿元。\n今年，青松湖生态修复项目年内总投资5亿元。', '青松湖生态修复项目总投资20亿元。\n今年，青松湖生态修复项目总投资5亿元。'],
    ['an amount with its purpose (投资5亿元建设…)', '青松湖生态修复项目投资20亿元。\n青松湖生态修复项目投资5亿元建设湿地公园。', '青松湖生态修复项目投资20亿元。\n青松湖生态修复项目投资5亿元。'],
    ['a measure a project has many of (补助)', '青松湖生态修复项目获省级补助2000万元。\n青松湖生态修复项目获中央补助5000万元。'],
    ['a relation only through an anaphor (该项目…)', '青松湖生态修复项目总投资20亿元。据悉，该项目总投资25亿元。', '青松湖生态修复项目总投资20亿元。据悉，青松湖生态修复项目总投资25亿元。'],
    ['two amounts of one sentence', '青松湖生态修复项目总投资20亿元，青松湖生态修复项目总投资25亿元。', '青松湖生态修复项目总投资20亿元。青松湖生态修复项目总投资25亿元。'],
    ['the amounts of a 分别 list, said twice (headline and body)', '推进临港冷链物流基地项目建设，全年交通、水利投资额分别达2400亿元、450亿元。\n推进临港冷链物流基地项目建设，全年交通、水利投资额分别达2400亿元、450亿元。'],
    ['the amounts of a 、 list (内资…、外资…), said twice', '临港冷链物流基地项目合同额内资45.51亿元、外资2610万美元。\n临港冷链物流基地项目合同额内资45.51亿元、外资2610万美元。'],
    ['HK: 港元 and a bare 元 of the same figure', '「將軍澳海水化淡廠」第一階段造價為93.5億元。\n「將軍澳海水化淡廠」第一階段造價為93.5億港元。', '「將軍澳海水化淡廠」第一階段造價為93.5億元。\n「將軍澳海水化淡廠」第一階段造價為93.5億美元。'],
  ];
  for (const [what, text, twin] of quiet) {
    it(`does not fire for ${what}`, () => {
      expect(summary(checkText(text))).toEqual([]);
      if (twin) expect(checkText(twin).length).toBe(1);
    });
  }

  it('does not fire for different phases of one project (一期 / 二期)', () => {
    const text = '临港冷链物流基地项目总投资50亿元。\n临港冷链物流基地项目一期投资20亿元，二期投资30亿元。';
    expect(kinds(checkText(text))).toEqual([]);
    // The relations carry the phases.
    const { entities: es } = extractDocument(text);
    const figs = relateProjects(text, es).flatMap((p) => p.figures.map((f) => f.phase ?? ''));
    expect(figs).toEqual(['', '一期', '二期']);
  });

  it('checks the relations it is given (hand-made entities, no recognizer)', () => {
    const text = '翠屏山隧道工程合同金额3.2亿元。\n翠屏山隧道工程合同金额3.8亿元。';
    const es = entities(text, [
      ['project', '翠屏山隧道工程'],
      ['money', '3.2亿元', 0, { amount: '320000000', currency: 'CNY' }],
      ['project', '翠屏山隧道工程', 1],
      ['money', '3.8亿元', 0, { amount: '380000000', currency: 'CNY' }],
    ]);
    expect(summary(checkFigures(text, es))).toEqual([['conflicting-amounts', '3.8亿元', ['3.2亿元']]]);
    // Given projects without figures, nothing is related: nothing conflicts.
    expect(checkFigures(text, es, [])).toEqual([]);
  });
});

describe('parts-sum', () => {
  const holds = '华润雪花啤酒项目位于章丘区枣园街道，是2023年省级重点项目。其中，一期年产能70万千升，2024年4月份投产；二期新增产能30万千升，总体达到100万千升。';

  it('is quiet when the phases add up (the issue’s example: 70万千升 + 30万千升 = 100万千升)', () => {
    expect(checkText(holds)).toEqual([]);
  });

  it('fires on the total when they do not, naming the parts', () => {
    const text = holds.replace('总体达到100万千升', '总体达到120万千升');
    const fs = checkText(text);
    expect(summary(fs)).toEqual([['parts-sum', '120万千升', ['70万千升', '30万千升']]]);
    const [f] = fs;
    expect(f.project).toBe('华润雪花啤酒');
    expect(f.message).toBe('华润雪花啤酒: 一期 70万千升 + 二期 30万千升 make 100万千升, but 总体 120万千升 here (parts on line 1)');
    expect(f.data).toMatchObject({ parts: '一期 70万千升 + 二期 30万千升', sum: '100万千升', total: '120万千升', totalLabel: '总体', lines: '1' });
    expectPlaces(text, fs);
  });

  it('reads traditional text (萬千升, 總體)', () => {
    const text = '華潤雪花啤酒項目位于章丘區棗園街道，是2023年省級重點項目。其中，一期年產能70萬千升，2024年4月份投產；二期新增產能40萬千升，總體達到100萬千升。';
    const fs = checkText(text);
    expect(summary(fs)).toEqual([['parts-sum', '100萬千升', ['70萬千升', '40萬千升']]]);
    expect(fs[0].data.sum).toBe('110萬千升');
  });

  it('checks money parts against a total stated first (总投资…，其中一期…，二期…)', () => {
    const fs = checkText('临港冷链物流基地项目总投资50亿元，其中一期投资20亿元，二期投资25亿元。');
    expect(summary(fs)).toEqual([['parts-sum', '50亿元', ['20亿元', '25亿元']]]);
    expect(fs[0].message).toBe('临港冷链物流基地: 一期 20亿元 + 二期 25亿元 make 45亿元, but 总投资 50亿元 here (parts on line 1)');
  });

  it('converts units exactly (兆瓦 + 兆瓦 against 吉瓦), phases inside the name', () => {
    const bad = checkText('青松湖光伏电站一期装机容量200兆瓦，二期装机容量300兆瓦，总装机容量0.6吉瓦。');
    expect(summary(bad)).toEqual([['parts-sum', '0.6吉瓦', ['200兆瓦', '300兆瓦']]]);
    expect(bad[0].data.sum).toBe('0.5吉瓦');
    expect(checkText('青松湖光伏电站一期装机容量200兆瓦，二期装机容量300兆瓦，总装机容量0.5吉瓦。')).toEqual([]);
  });

  it('reads Hong Kong wording (首期, 第二期, 合共, 畝)', () => {
    const fs = checkText('港珠澳物流園項目首期佔地300畝，第二期佔地200畝，合共600畝。');
    expect(summary(fs)).toEqual([['parts-sum', '600畝', ['300畝', '200畝']]]);
    expect(checkText('港珠澳物流園項目首期佔地300畝，第二期佔地200畝，合共500畝。')).toEqual([]);
  });

  const quiet: Array<[string, string, string?]> = [
    ['more phases announced than given (分三期)', '临港冷链物流基地项目总投资50亿元，分三期建设，其中一期投资20亿元，二期投资25亿元。', '临港冷链物流基地项目总投资50亿元，分两期建设，其中一期投资20亿元，二期投资25亿元。'],
    ['a difference within rounding (20.4 + 30 against 50)', '临港冷链物流基地项目总投资50亿元，其中一期投资20.4亿元，二期投资30亿元。', '临港冷链物流基地项目总投资50亿元，其中一期投资21.4亿元，二期投资30亿元。'],
    ['an approximate part (约)', '临港冷链物流基地项目总投资50亿元，其中一期投资约20亿元，二期投资25亿元。', '临港冷链物流基地项目总投资50亿元，其中一期投资20亿元，二期投资25亿元。'],
    ['a cumulative second phase (二期建成后…达到)', '华润雪花啤酒项目一期年产能70万千升；二期建成后产能达到100万千升，总体达到100万千升。', '华润雪花啤酒项目一期年产能70万千升；二期产能100万千升，总体达到100万千升。'],
    ['different units (吨 against 千升)', '华润雪花啤酒项目一期年产能70万千升，二期新增产能30万千升，总体达到120万吨。', '华润雪花啤酒项目一期年产能70万千升，二期新增产能30万千升，总体达到120万千升。'],
    ['no project named', '其中，一期年产能70万千升，2024年4月份投产；二期新增产能30万千升，总体达到120万千升。'],
    ['a later phase said without its figure (三期)', '临港冷链物流基地项目一期投资20亿元，二期投资25亿元，三期正在规划，总投资60亿元。', '临港冷链物流基地项目一期投资20亿元，二期投资25亿元，总投资60亿元。'],
    ['the phases of two projects', '临港冷链物流基地项目一期投资20亿元。白鹭湾码头工程二期投资25亿元，总投资60亿元。'],
  ];
  for (const [what, text, twin] of quiet) {
    it(`does not fire for ${what}`, () => {
      expect(summary(checkText(text))).toEqual([]);
      if (twin) expect(kinds(checkText(twin))).toEqual(['parts-sum']);
    });
  }
});

describe('magnitude-mismatch', () => {
  it('fires for one project’s figure written in 亿 and in 万 (and not also as a conflict)', () => {
    const text = '白鹭湾码头工程总投资548.5亿元，由市交通集团建设。\n白鹭湾码头工程总投资548.5万元。';
    const fs = checkText(text);
    expect(summary(fs)).toEqual([['magnitude-mismatch', '548.5万元', ['548.5亿元']]]);
    expect(fs[0].message).toBe('白鹭湾码头工程 总投资: 548.5万元 here, 548.5亿元 on line 1: the same digits in another magnitude');
    expect(fs[0].data).toMatchObject({ project: '白鹭湾码头工程', measure: '总投资', differs: 'magnitude', line: '1' });
  });

  it('fires for one project’s figure in two currencies (2610万美元 / 2610万元)', () => {
    const fs = checkText('紫荆湾国际会展中心合同额2610万美元，由外商投资。\n紫荆湾国际会展中心合同额2610万元。');
    expect(summary(fs)).toEqual([['magnitude-mismatch', '2610万元', ['2610万美元']]]);
    expect(fs[0].data.differs).toBe('currency');
  });

  it('fires for distinctive digits anywhere in the text (5485.3亿元 / 5485.3万元)', () => {
    const text = '全市地区生产总值达5485.3亿元。\n去年新增专项债券5485.3万元用于学校建设。';
    const fs = checkText(text);
    expect(summary(fs)).toEqual([['magnitude-mismatch', '5485.3万元', ['5485.3亿元']]]);
    expect(fs[0].project).toBeUndefined();
    expect(fs[0].message).toBe('5485.3万元 here, 5485.3亿元 on line 1: the same digits in another magnitude');
  });

  it('puts the diagnostic on the odd one out', () => {
    const text = '全市地区生产总值达5485.3万元。\n其中，地区生产总值5485.3亿元。\n全年地区生产总值5485.3亿元。';
    const fs = checkText(text);
    expect(summary(fs)).toEqual([['magnitude-mismatch', '5485.3万元', ['5485.3亿元']]]);
    expect(fs[0].start).toBe(text.indexOf('5485.3万元'));
    expect(fs[0].related[0].start).toBe(text.indexOf('5485.3亿元'));
  });

  it('fires for 美元 against a bare 元 in Hong Kong text, not for 港元 against 元', () => {
    expect(summary(checkText('該公司開發成本1,234.5億美元。\n據報道，開發成本為1,234.5億元。'))).toEqual([['magnitude-mismatch', '1,234.5億元', ['1,234.5億美元']]]);
    expect(checkText('該公司開發成本1,234.5億元。\n據報道，開發成本為1,234.5億港元。')).toEqual([]);
  });

  it('reads the digits through an approximation (每月约1.57億元 / 每月1.57萬元)', () => {
    const fs = checkText('港鐵表示，高鐵營運成本現時平均每月約1.57億元。\n文件顯示，高鐵營運開支每月1.57萬元。');
    expect(summary(fs)).toEqual([['magnitude-mismatch', '1.57萬元', ['1.57億元']]]);
  });

  it('never fires for round figures in unrelated sentences (10亿元 / 10万元)', () => {
    expect(checkText('全市发行专项债券10亿元。\n每户补贴10万元。')).toEqual([]);
    expect(checkText('今年安排资金1.5亿元。\n每人奖励1.5万元。')).toEqual([]);
  });

  it('calls digits distinctive with 4+ significant digits, or 3+ and a decimal part', () => {
    expect(['548.5', '45.51', '2345', '8845', '1.25'].map(isDistinctive)).toEqual([true, true, true, true, true]);
    expect(['10', '2610', '2000', '1.5', '9.4', '1380'].map(isDistinctive)).toEqual([false, false, false, false, false, false]);
  });
});

describe('quantities', () => {
  it('reads numbers with magnitudes and units exactly, in original offsets', () => {
    const text = '𠮷一期年產能70萬千升，裝機容量1.5吉瓦，佔地2,300畝，約20萬噸，建築面積14.5萬平方米。';
    const qs = readQuantities(text);
    expect(qs.map((q) => [q.text, q.amount, q.unit, q.family, q.approximate])).toEqual([
      ['70萬千升', '700000', '千升', 'L', false],
      ['1.5吉瓦', '1.5', '吉瓦', 'W', false],
      ['2,300畝', '2300', '亩', 'mu', false],
      ['20萬噸', '200000', '吨', 't', true],
      ['14.5萬平方米', '145000', '平方米', 'm2', false],
    ]);
    for (const q of qs) expect(text.slice(q.start, q.end)).toBe(q.text);
  });

  it('leaves out classes (万吨级)', () => {
    expect(readQuantities('建设10万吨级泊位2个').map((q) => q.text)).toEqual(['2个']);
  });
});

describe('offsets and lines', () => {
  it('gives UTF-16 offsets after characters outside the BMP (𠮷, emoji) and the right lines', () => {
    const text = '𠮷𠮷😀 前言\n青松湖生态修复项目总投资20亿元。😀\n🏗️ 青松湖生态修复项目总投资25亿元。\n白鹭湾码头工程总投资548.5亿元。\n𠮷 白鹭湾码头工程总投资548.5万元。';
    const fs = checkText(text);
    expect(summary(fs)).toEqual([
      ['conflicting-amounts', '25亿元', ['20亿元']],
      ['magnitude-mismatch', '548.5万元', ['548.5亿元']],
    ]);
    expectPlaces(text, fs);
    expect(fs[0].start).toBe(text.indexOf('25亿元'));
    expect(fs[0].data.line).toBe('2');
    expect(fs[1].data.line).toBe('4');
  });

  it('parts-sum after 𠮷, with ruby artifacts of scraped text', () => {
    const text = '𠮷😀華潤雪花啤酒項(xiàng)目位于章丘區(qū)棗園街道。其中,,一期年產能70萬千升,,2024年4月份投產;二期新增產能30萬千升,,總體達到120萬千升,。';
    const fs = checkText(text);
    expect(summary(fs)).toEqual([['parts-sum', '120萬千升', ['70萬千升', '30萬千升']]]);
    expectPlaces(text, fs);
  });
});

describe('clean texts and the seeds', () => {
  it('finds nothing in a text whose figures agree', () => {
    const text = [
      '青松湖生态修复项目总投资20亿元，计划2025年6月开工，预计年产值3亿元。',
      '青松湖生态修复项目总投资20亿元，其中一期投资8亿元，二期投资12亿元。',
      '白鹭湾码头工程总投资548.5亿元。白鹭湾码头工程总投资548.5亿元，年吞吐量1200万吨。',
    ].join('\n');
    expect(checkText(text)).toEqual([]);
  });

  const seeds = join(__dirname, '../../seeds');
  for (const file of readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()) {
    it(`finds nothing in seed ${file}`, () => {
      expect(summary(checkText(readFileSync(join(seeds, file), 'utf8')))).toEqual([]);
    });
  }

  it('finds a total changed in seed 000 (traditional, scraped): 總體 120萬千升', () => {
    const text = readFileSync(join(seeds, '000_dbe85c08eada0134.txt'), 'utf8').replace('總體達到100萬千升', '總體達到120萬千升');
    const fs = checkText(text);
    expect(summary(fs)).toEqual([['parts-sum', '120萬千升', ['70萬千升', '30萬千升']]]);
    expect(fs[0].project).toBe('華潤雪花啤酒');
    expectPlaces(text, fs);
  });
});
