import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/core/document';
import { CONFIDENT_RELATION, RELATION_CONFIDENCE, relateProjects, type ProjectInfo } from '../../src/core/relations';
import type { Entity } from '../../src/core/types';

/**
 * Entities for `text` from [type, surface, occurrence?] rows, with UTF-16 offsets
 * found by indexOf: the rules are tested on hand-made entities so that a change
 * in the recognizers does not change what these tests test. A project's name is
 * its surface without 「」 and a trailing 项目/項目.
 */
function entities(text: string, rows: Array<[Entity['type'], string, number?]>): Entity[] {
  return rows.map(([type, surface, nth = 0]) => {
    let start = -1;
    for (let k = 0; k <= nth; k++) start = text.indexOf(surface, start + 1);
    if (start < 0) throw new Error(`${surface} (#${nth}) not in text`);
    const e: Entity = { type, start, end: start + surface.length, text: surface };
    if (type === 'project') e.name = surface.replace(/[「」]/g, '').replace(/(?:项目|項目)$/, '');
    return e;
  });
}

const byName = (infos: ProjectInfo[], name: string) => {
  const p = infos.find((i) => i.name === name);
  if (!p) throw new Error(`no project ${name}: ${infos.map((i) => i.name).join(', ')}`);
  return p;
};
const figures = (infos: ProjectInfo[], name: string) => byName(infos, name).figures.map((f) => [f.entity.text, f.measure ?? null]);
const dates = (infos: ProjectInfo[], name: string) => byName(infos, name).dates.map((d) => [d.entity.text, d.event ?? null]);
/** Every related money or date, with the projects it went to. */
const claimed = (infos: ProjectInfo[]) => {
  const out = new Map<string, string[]>();
  for (const p of infos) for (const r of [...p.figures, ...p.dates]) out.set(r.entity.text, [...(out.get(r.entity.text) ?? []), p.name]);
  return out;
};

describe('direct relations in simplified text', () => {
  const text = '青松湖生态修复项目总投资12.5亿元，计划2025年6月开工，预计年产值3亿元。';
  const infos = relateProjects(
    text,
    entities(text, [
      ['project', '青松湖生态修复项目'],
      ['money', '12.5亿元'],
      ['date', '2025年6月'],
      ['money', '3亿元'],
    ]),
  );

  it('relates a money in the clause of the project, with its measure', () => {
    const f = byName(infos, '青松湖生态修复').figures[0];
    expect(f.entity.text).toBe('12.5亿元');
    expect([f.measure, f.measureKey, f.via]).toEqual(['总投资', '总投资', 'clause']);
    expect(f.confidence).toBe(RELATION_CONFIDENCE.clauseBefore);
    expect(text.slice(f.measureStart, f.measureEnd)).toBe('总投资');
  });

  it('relates money and dates in later clauses of the sentence with less confidence', () => {
    const p = byName(infos, '青松湖生态修复');
    expect(figures(infos, '青松湖生态修复')).toEqual([
      ['12.5亿元', '总投资'],
      ['3亿元', '年产值'],
    ]);
    expect(dates(infos, '青松湖生态修复')).toEqual([['2025年6月', '开工']]);
    expect(p.dates[0].via).toBe('sentence');
    expect(p.dates[0].confidence).toBe(RELATION_CONFIDENCE.sentenceBefore);
    expect(p.dates[0].confidence).toBeLessThan(p.figures[0].confidence);
    expect(p.dates[0].eventKey).toBe('开工');
  });

  it('marks a phase said in the clause of the amount (其中一期…)', () => {
    const t = '临港冷链物流基地项目总投资50亿元，其中一期投资20亿元。';
    const r = relateProjects(t, entities(t, [['project', '临港冷链物流基地项目'], ['money', '50亿元'], ['money', '20亿元']]));
    expect(byName(r, '临港冷链物流基地').figures.map((f) => [f.entity.text, f.measure, f.phase ?? null, f.via])).toEqual([
      ['50亿元', '总投资', null, 'clause'],
      ['20亿元', '投资', '一期', 'sentence'],
    ]);
  });

  it('takes the longest measure word that ends nearest the amount', () => {
    const t = '白鹭湾码头工程计划投资4亿元，累计完成投资1.2亿元。';
    const r = relateProjects(t, entities(t, [['project', '白鹭湾码头工程'], ['money', '4亿元'], ['money', '1.2亿元']]));
    expect(byName(r, '白鹭湾码头工程').figures.map((f) => f.measureKey)).toEqual(['计划投资', '完成投资']);
  });

  it('finds no measure farther than the window or behind another amount', () => {
    const t = '白鹭湾码头工程投资方面经多方论证后最终确定为4亿元，造价2亿元和1亿元。';
    const r = relateProjects(t, entities(t, [['project', '白鹭湾码头工程'], ['money', '4亿元'], ['money', '2亿元'], ['money', '1亿元']]));
    // 投资 ends 17 characters before 4亿元; 1亿元 is joined to 2亿元 by 和 and shares its measure.
    expect(figures(r, '白鹭湾码头工程')).toEqual([
      ['4亿元', null],
      ['2亿元', '造价'],
      ['1亿元', '造价'],
    ]);
    // Without a measure the relation is less sure.
    const [f4] = byName(r, '白鹭湾码头工程').figures;
    expect(f4.confidence).toBeCloseTo(RELATION_CONFIDENCE.clauseBefore * RELATION_CONFIDENCE.noWordFactor, 2);
  });

  it('shares the measure with an amount joined by 、 and a short qualifier', () => {
    const t = '紫荆湾国际会展中心签约仪式上，合同额内资8.6亿元、外资1200万美元。';
    const r = relateProjects(t, entities(t, [['project', '紫荆湾国际会展中心'], ['money', '8.6亿元'], ['money', '1200万美元']]));
    expect(figures(r, '紫荆湾国际会展中心')).toEqual([
      ['8.6亿元', '合同额'],
      ['1200万美元', '合同额'],
    ]);
  });

  it('reads an event word just before the date (开工时间为…, 竣工于…)', () => {
    const t = '翠屏山隧道开工时间为2023年3月，竣工于2026年。';
    const r = relateProjects(t, entities(t, [['project', '翠屏山隧道'], ['date', '2023年3月'], ['date', '2026年']]));
    expect(dates(r, '翠屏山隧道')).toEqual([
      ['2023年3月', '开工'],
      ['2026年', '竣工'],
    ]);
  });

  it('takes the nearest event after the date, not one after the next date', () => {
    const t = '南湖配水管网工程于2024年5月正式投产，2024年12月完工。';
    const r = relateProjects(t, entities(t, [['project', '南湖配水管网工程'], ['date', '2024年5月'], ['date', '2024年12月']]));
    expect(dates(r, '南湖配水管网工程')).toEqual([
      ['2024年5月', '投产'],
      ['2024年12月', '完工'],
    ]);
  });

  it('reads a date alone in an opening clause with the next clause (2024年4月，X动工)', () => {
    const t = '2024年4月，长风科创园项目正式动工。';
    const r = relateProjects(t, entities(t, [['date', '2024年4月'], ['project', '长风科创园项目']]));
    const d = byName(r, '长风科创园').dates[0];
    expect([d.entity.text, d.event, d.via]).toEqual(['2024年4月', '动工', 'clause']);
    expect(d.confidence).toBe(RELATION_CONFIDENCE.clauseAfter);
  });

  it('does not claim a frame date for a later project when no event ties them', () => {
    const t = '今年，全县将以长风科创园建设为核心，布局一批新产业。';
    const r = relateProjects(t, entities(t, [['date', '今年'], ['project', '长风科创园']]));
    expect(byName(r, '长风科创园').dates).toEqual([]);
  });

  it('relates to a project after the amount only when none is before it (总投资20亿元的X项目)', () => {
    const t = '总投资20亿元的云岭数据中心项目将于明年投产。';
    const r = relateProjects(t, entities(t, [['money', '20亿元'], ['project', '云岭数据中心项目'], ['date', '明年']]));
    const f = byName(r, '云岭数据中心').figures[0];
    expect([f.entity.text, f.measure, f.via, f.confidence]).toEqual(['20亿元', '总投资', 'clause', RELATION_CONFIDENCE.clauseAfter]);
    expect(dates(r, '云岭数据中心')).toEqual([['明年', '投产']]);
  });
});

describe('a project after the entity', () => {
  it('claims it beyond the clause only as the head of a modifier run (…、占地300亩的X项目)', () => {
    const t = '总投资20亿元、占地300亩的云岭数据中心项目正式签约。';
    const r = relateProjects(t, entities(t, [['money', '20亿元'], ['project', '云岭数据中心项目']]));
    const f = byName(r, '云岭数据中心').figures[0];
    expect([f.entity.text, f.measure, f.via, f.confidence]).toEqual(['20亿元', '总投资', 'sentence', RELATION_CONFIDENCE.sentenceAfter]);
  });

  it('does not take a total for the part named after it (总经费…，其中X…)', () => {
    const t = '全市轨道计划总经费共1900亿元，其中云岭环线延伸段需自筹500亿元。';
    const r = relateProjects(t, entities(t, [['money', '1900亿元'], ['project', '云岭环线延伸段'], ['money', '500亿元']]));
    expect(figures(r, '云岭环线延伸段')).toEqual([['500亿元', '自筹']]);
  });

  it('takes a measure word right after the amount when none is before it', () => {
    const t = '青禾社区健康中心获得三年营运合约2.4亿元，另加5000万元建造费。';
    const r = relateProjects(t, entities(t, [['project', '青禾社区健康中心'], ['money', '2.4亿元'], ['money', '5000万元']]));
    expect(figures(r, '青禾社区健康中心')).toEqual([
      ['2.4亿元', '合约'],
      ['5000万元', '建造费'],
    ]);
  });

  it('shares the event of a date joined to the next one (于1988年和2005年落成)', () => {
    const t = '青禾街市和石湾街市先后于1988年和2005年落成。';
    const r = relateProjects(t, entities(t, [['project', '青禾街市'], ['project', '石湾街市'], ['date', '1988年'], ['date', '2005年']]));
    expect(dates(r, '青禾街市')).toEqual([
      ['1988年', '落成'],
      ['2005年', '落成'],
    ]);
  });
});

describe('several projects in one sentence', () => {
  it('gives each amount to the nearest project before it in its clause', () => {
    const t = '星河大道改造工程投资3亿元，金沙湾污水处理厂投资5亿元，2024年同时开工。';
    const r = relateProjects(
      t,
      entities(t, [
        ['project', '星河大道改造工程'],
        ['money', '3亿元'],
        ['project', '金沙湾污水处理厂'],
        ['money', '5亿元'],
        ['date', '2024年'],
      ]),
    );
    expect(figures(r, '星河大道改造工程')).toEqual([['3亿元', '投资']]);
    expect(figures(r, '金沙湾污水处理厂')).toEqual([['5亿元', '投资']]);
    // The date has no project in its clause: the nearest before it in the sentence, with the crowded factor.
    expect(dates(r, '金沙湾污水处理厂')).toEqual([['2024年', '开工']]);
    expect(dates(r, '星河大道改造工程')).toEqual([]);
    expect(byName(r, '金沙湾污水处理厂').dates[0].confidence).toBeCloseTo(RELATION_CONFIDENCE.sentenceBefore * RELATION_CONFIDENCE.crowdedFactor, 2);
  });

  it('prefers the subject to a park it is located in (位于X内)', () => {
    const t = '晨光光伏组件项目位于东岭产业园内，总投资60亿元。';
    const r = relateProjects(t, entities(t, [['project', '晨光光伏组件项目'], ['project', '东岭产业园'], ['money', '60亿元']]));
    expect(figures(r, '晨光光伏组件')).toEqual([['60亿元', '总投资']]);
    expect(figures(r, '东岭产业园')).toEqual([]);
  });

  it('groups mentions by name, canonical name first, mentions in text order', () => {
    const t = '「北環綫」項目總投資300億元。北環綫於2025年動工，北環綫沿線設站五個。';
    const r = relateProjects(t, entities(t, [['project', '「北環綫」項目'], ['money', '300億元'], ['project', '北環綫', 1], ['date', '2025年'], ['project', '北環綫', 2]]));
    expect(r).toHaveLength(1);
    expect(r[0].name).toBe('北環綫');
    expect(r[0].mentions.map((m) => m.start)).toEqual([0, t.indexOf('北環綫', 10), t.lastIndexOf('北環綫')]);
    expect(figures(r, '北環綫')).toEqual([['300億元', '總投資']]);
    expect(dates(r, '北環綫')).toEqual([['2025年', '動工']]);
  });
});

describe('traditional text (Hong Kong, Taiwan)', () => {
  it('matches measures and events through the fold and returns them as written', () => {
    const t = '「東涌河畔公園」工程預計2026年動工，立法會財委會已批出撥款48億港元。';
    const r = relateProjects(t, entities(t, [['project', '「東涌河畔公園」'], ['date', '2026年'], ['money', '48億港元']]));
    const p = byName(r, '東涌河畔公園');
    expect(p.dates.map((d) => [d.entity.text, d.event, d.eventKey])).toEqual([['2026年', '動工', '动工']]);
    expect(p.figures.map((f) => [f.entity.text, f.measure, f.measureKey])).toEqual([['48億港元', '撥款', '拨款']]);
  });

  it('reads Taiwan wording (總經費, 完工, 民國 years)', () => {
    const t = '「港都輕軌第三階段」計畫總經費新臺幣165億元，預定民國115年底完工。';
    const r = relateProjects(t, entities(t, [['project', '「港都輕軌第三階段」計畫'], ['money', '新臺幣165億元'], ['date', '民國115年底']]));
    const p = byName(r, '港都輕軌第三階段計畫');
    expect(p.figures.map((f) => [f.measure, f.measureKey, f.via])).toEqual([['總經費', '总经费', 'clause']]);
    expect(p.dates.map((d) => [d.event, d.eventKey])).toEqual([['完工', '完工']]);
  });

  it('returns a measure without the ruby artifacts of scraped text', () => {
    const t = '濱海新城項目總投(tóu)資80億元。';
    const r = relateProjects(t, entities(t, [['project', '濱海新城項目'], ['money', '80億元']]));
    const f = byName(r, '濱海新城').figures[0];
    expect([f.measure, f.measureKey]).toEqual(['總投資', '总投资']);
    expect(t.slice(f.measureStart, f.measureEnd)).toBe('總投(tóu)資');
  });
});

describe('anaphora', () => {
  it('continues the project of the previous sentence through 该项目, with lower confidence', () => {
    const t = '海峰大桥项目是连接两岸的重要通道。该项目总投资46亿元，于2023年9月正式动工。';
    const r = relateProjects(t, entities(t, [['project', '海峰大桥项目'], ['money', '46亿元'], ['date', '2023年9月']]));
    const p = byName(r, '海峰大桥');
    expect(p.figures.map((f) => [f.entity.text, f.measure, f.via, f.anaphor])).toEqual([['46亿元', '总投资', 'anaphora', '该项目']]);
    expect(p.dates.map((d) => [d.entity.text, d.event, d.via])).toEqual([['2023年9月', '动工', 'anaphora']]);
    expect(p.figures[0].confidence).toBe(RELATION_CONFIDENCE.anaphoraStrong);
    expect(p.figures[0].confidence).toBeLessThan(CONFIDENT_RELATION);
    expect(p.figures[0].mention?.text).toBe('海峰大桥项目');
  });

  it('resolves phases in traditional text (項目一期, 二期) and keeps the phase', () => {
    const t = '海峰大橋項目是連接兩岸的重要通道。項目一期於2022年10月動工，二期將於明年啟用。';
    const r = relateProjects(t, entities(t, [['project', '海峰大橋項目'], ['date', '2022年10月'], ['date', '明年']]));
    const p = byName(r, '海峰大橋');
    expect(p.dates.map((d) => [d.entity.text, d.event, d.eventKey, d.phase, d.anaphor])).toEqual([
      ['2022年10月', '動工', '动工', '一期', '項目一期'],
      ['明年', '啟用', '启用', '二期', '二期'],
    ]);
    // A weak anaphor (二期 at a clause start) is less sure than a strong one (項目一期).
    expect(p.dates[1].confidence).toBeLessThan(p.dates[0].confidence);
  });

  it('sends another phase to the project named with it, or to the whole project', () => {
    const t = '松涛科技园一期已于去年建成。二期156亩完成征地，力争下半年开工。松涛科技园将入驻企业50家。';
    const r = relateProjects(t, entities(t, [['project', '松涛科技园一期'], ['date', '去年'], ['date', '下半年'], ['project', '松涛科技园', 1]]));
    expect(dates(r, '松涛科技园一期')).toEqual([['去年', '建成']]);
    expect(byName(r, '松涛科技园').dates.map((d) => [d.entity.text, d.event, d.phase])).toEqual([['下半年', '开工', '二期']]);
  });

  it('takes a head noun of the topic (园区 of a park) at a clause start', () => {
    const t = '银杏数字产业园项目是全市数字经济的重要载体。园区占地300亩，总投资约25亿元。';
    const r = relateProjects(t, entities(t, [['project', '银杏数字产业园项目'], ['money', '25亿元']]));
    expect(figures(r, '银杏数字产业园')).toEqual([['25亿元', '总投资']]);
    // …but not the head noun of something else: a 基地 is not this park.
    const t2 = '银杏数字产业园项目是全市数字经济的重要载体。基地占地300亩，总投资约25亿元。';
    const r2 = relateProjects(t2, entities(t2, [['project', '银杏数字产业园项目'], ['money', '25亿元']]));
    expect(figures(r2, '银杏数字产业园')).toEqual([]);
  });

  it('needs an anaphor: a sentence about something else claims nothing', () => {
    const t = '银杏数字产业园项目位于城东。全区全年完成固定资产投资120亿元。';
    const r = relateProjects(t, entities(t, [['project', '银杏数字产业园项目'], ['money', '120亿元']]));
    expect(claimed(r).size).toBe(0);
  });

  it('does not cross a paragraph', () => {
    const t = '银杏数字产业园项目已获批复。\n该项目总投资5亿元。';
    const r = relateProjects(t, entities(t, [['project', '银杏数字产业园项目'], ['money', '5亿元']]));
    expect(claimed(r).size).toBe(0);
    // The same two sentences in one paragraph do relate.
    const t2 = t.replace('\n', '');
    const r2 = relateProjects(t2, entities(t2, [['project', '银杏数字产业园项目'], ['money', '5亿元']]));
    expect(figures(r2, '银杏数字产业园')).toEqual([['5亿元', '总投资']]);
  });

  it('continues through a chain of anaphoric sentences (项目…, 投产运营之后…)', () => {
    const t = '丰泽能源装备基地项目位于城北。项目2023年2月开工建设，2023年12月竣工投产。投产运营之后，预计年新增产值20亿元。';
    const r = relateProjects(t, entities(t, [['project', '丰泽能源装备基地项目'], ['date', '2023年2月'], ['date', '2023年12月'], ['money', '20亿元']]));
    expect(dates(r, '丰泽能源装备基地')).toEqual([
      ['2023年2月', '开工'],
      ['2023年12月', '竣工'],
    ]);
    expect(figures(r, '丰泽能源装备基地')).toEqual([['20亿元', '产值']]);
    for (const x of [...byName(r, '丰泽能源装备基地').dates, ...byName(r, '丰泽能源装备基地').figures]) expect(x.via).toBe('anaphora');
  });

  it('has no topic after a list of projects', () => {
    const t = '云杉物流园、白桦冷链中心同步推进。该项目总投资8亿元。';
    const r = relateProjects(t, entities(t, [['project', '云杉物流园'], ['project', '白桦冷链中心'], ['money', '8亿元']]));
    expect(claimed(r).size).toBe(0);
  });
});

describe('lists of projects', () => {
  it('relates a total of a list to none of them (A、B等项目总投资…)', () => {
    const t = '云杉物流园、白桦冷链中心、橡树仓储基地等项目总投资100亿元，2025年全部建成。';
    const r = relateProjects(
      t,
      entities(t, [
        ['project', '云杉物流园'],
        ['project', '白桦冷链中心'],
        ['project', '橡树仓储基地'],
        ['money', '100亿元'],
        ['date', '2025年'],
      ]),
    );
    expect(claimed(r).get('100亿元')).toBeUndefined();
    // A date after a list is shared by every member.
    expect(claimed(r).get('2025年')).toEqual(['云杉物流园', '白桦冷链中心', '橡树仓储基地']);
    for (const p of r) expect(p.dates.map((d) => [d.event, d.via])).toEqual([['建成', 'list']]);
  });

  it('also for one name with 等', () => {
    const t = '加快推进云杉物流园等重点项目，总投资30亿元。';
    const r = relateProjects(t, entities(t, [['project', '云杉物流园'], ['money', '30亿元']]));
    expect(claimed(r).size).toBe(0);
  });

  it('gives an amount governed by 各 to every member', () => {
    const t = '云杉物流园和白桦冷链中心各投资10亿元。';
    const r = relateProjects(t, entities(t, [['project', '云杉物流园'], ['project', '白桦冷链中心'], ['money', '10亿元']]));
    expect(claimed(r).get('10亿元')).toEqual(['云杉物流园', '白桦冷链中心']);
  });

  it('pairs amounts with names after 分别', () => {
    const t = '云杉物流园、白桦冷链中心总投资分别为10亿元、25亿元。';
    const r = relateProjects(t, entities(t, [['project', '云杉物流园'], ['project', '白桦冷链中心'], ['money', '10亿元'], ['money', '25亿元']]));
    expect(figures(r, '云杉物流园')).toEqual([['10亿元', '总投资']]);
    expect(figures(r, '白桦冷链中心')).toEqual([['25亿元', '总投资']]);
    expect(byName(r, '白桦冷链中心').figures[0].via).toBe('respectively');
  });
});

describe('offsets', () => {
  it('works in UTF-16 offsets with characters outside the BMP before the entities', () => {
    const t = '🏗️𠮷𠮷 工地快讯\n𠮷溪湿地公园项目总投资2.5亿元，2025年😀竣工。';
    const es = entities(t, [['project', '𠮷溪湿地公园项目'], ['money', '2.5亿元'], ['date', '2025年']]);
    const r = relateProjects(t, es);
    const p = byName(r, '𠮷溪湿地公园');
    expect(p.figures[0].entity).toBe(es[1]);
    expect(t.slice(p.figures[0].measureStart, p.figures[0].measureEnd)).toBe('总投资');
    expect(p.figures[0].measureStart).toBe(t.indexOf('总投资'));
    // The emoji between the date and its event is two UTF-16 units; the event is still found.
    expect(p.dates.map((d) => [d.entity.text, d.event, t.slice(d.eventStart, d.eventEnd)])).toEqual([['2025年', '竣工', '竣工']]);
  });

  it('does not end a sentence at an ASCII ? left by a scraper inside a word (布局?jǐn)', () => {
    const t = '翠湖数字经济产业园项目是布局?jǐn)?shù)字经济的沃土，总投资25亿元。';
    const r = relateProjects(t, entities(t, [['project', '翠湖数字经济产业园项目'], ['money', '25亿元']]));
    expect(byName(r, '翠湖数字经济产业园').figures.map((f) => [f.entity.text, f.via])).toEqual([['25亿元', 'sentence']]);
    // A real question mark still ends the sentence.
    const t2 = '翠湖数字经济产业园项目何时开工? 总投资25亿元。';
    const r2 = relateProjects(t2, entities(t2, [['project', '翠湖数字经济产业园项目'], ['money', '25亿元']]));
    expect(claimed(r2).size).toBe(0);
  });

  it('ignores punctuation inside entities (thousands commas)', () => {
    const t = '元朗行人天橋工程造價8,845萬元。';
    const r = relateProjects(t, entities(t, [['project', '元朗行人天橋工程'], ['money', '8,845萬元']]));
    const f = byName(r, '元朗行人天橋工程').figures[0];
    expect([f.measure, f.via, f.confidence]).toEqual(['造價', 'clause', RELATION_CONFIDENCE.clauseBefore]);
  });

  it('returns nothing without projects and omits unclaimed entities', () => {
    const t = '全年完成投资80亿元。';
    expect(relateProjects(t, entities(t, [['money', '80亿元']]))).toEqual([]);
    const t2 = '全年完成投资80亿元。\n白鹭湾码头工程进展顺利。';
    const r = relateProjects(t2, entities(t2, [['money', '80亿元'], ['project', '白鹭湾码头工程']]));
    expect(r.map((p) => [p.name, p.figures.length, p.dates.length])).toEqual([['白鹭湾码头工程', 0, 0]]);
  });
});

describe('a real seed, extracted', () => {
  const seedDir = join(__dirname, '..', '..', 'seeds');
  const file = readdirSync(seedDir).find((f) => f.startsWith('000_'))!;
  const text = readFileSync(join(seedDir, file), 'utf8');
  const infos = relateProjects(text, extractDocument(text).entities);

  it('relates the dates and output of 濟南能源集團智造生產基地 (anaphora 項目…, 投產運營之後)', () => {
    const p = byName(infos, '濟南能源集團智造生產基地');
    expect(p.dates.filter((d) => d.event).map((d) => [d.entity.text, d.event])).toEqual([
      ['2023年2月', '開工'],
      ['2023年12月', '竣工'],
    ]);
    expect(p.figures.map((f) => [f.entity.text, f.measure, f.via])).toEqual([['20億元', '產值', 'anaphora']]);
  });

  it('relates phase one of 華潤雪花啤酒 and the phase-one dates of 江河綠色智能制造中心一期', () => {
    const beer = byName(infos, '華潤雪花啤酒').dates.find((d) => d.entity.text === '2024年4月份');
    expect([beer?.event, beer?.phase]).toEqual(['投產', '一期']);
    expect(dates(infos, '江河綠色智能制造中心一期').filter(([, e]) => e)).toEqual([
      ['2022年6月', '開工'],
      ['2023年11月', '試投產'],
    ]);
  });

  it('leaves the district totals and the industry target unrelated', () => {
    const c = claimed(infos);
    for (const amount of ['548.5億元', '116.7億元', '100億元', '450億元']) expect(c.get(amount), amount).toBeUndefined();
  });
});
