import { describe, expect, it } from 'vitest';
import { normalize, toOriginal } from '../../src/core/normalize';
import { detectRegion } from '../../src/core/context';
import { scoreCandidates } from '../../src/core/projectScorer';
import { extract } from '../../src/core/extract';

/** The candidate spans of a text, in the original text. */
function candidates(text: string): string[] {
  const norm = normalize(text);
  const { cands } = scoreCandidates(norm, { region: detectRegion(norm.text) });
  return cands.map((c) => {
    const [s, e] = toOriginal(norm, c.start, c.end);
    return text.slice(s, e);
  });
}

const projectTexts = (text: string) => extract(text, { types: ['project'] }).map((e) => e.text);

describe('project candidates: what can never be a name', () => {
  it('never starts with a pronoun, a demonstrative, a count or a word for a set', () => {
    const c = candidates('這些項目均已開工，該批項目總投資50億元，部分項目延誤，三大工程全部完工，上述工程由市府負責。');
    for (const bad of ['這些', '該批', '部分', '三大', '上述']) expect(c.filter((x) => x.startsWith(bad))).toEqual([]);
  });

  it('never starts with an enumeration marker or a bullet', () => {
    const c = candidates('一是加快建设金沙江水电站，其二推进宁波舟山港三期工程。\n▲县长宣布滨江物流园项目开工。');
    expect(c.filter((x) => /^(?:一是|其二|▲)/.test(x))).toEqual([]);
    expect(c).toContain('金沙江水电站');
    expect(c).toContain('滨江物流园项目');
  });

  it('never starts with a function word', () => {
    const c = candidates('推进的高铁项目和铁路项目都在建设中。');
    expect(c.filter((x) => /^[的和在]/.test(x))).toEqual([]);
  });

  it('never ends inside a head word or before the rest of an organisation’s name', () => {
    const c = candidates('中部科學工業園區二林園區開發計畫由湖北楚鹏基础工程有限公司承建。');
    expect(c.filter((x) => x.endsWith('工業園'))).toEqual([]);
    expect(c.filter((x) => x.endsWith('基础工程'))).toEqual([]);
  });

  it('takes nothing from a list of companies', () => {
    const c = candidates('支持江河绿色制造中心、大汉科技等企业加快发展。');
    expect(c).toEqual([]);
  });

  it('pairs brackets: no span opens or closes on half of a pair', () => {
    const c = candidates('灵川县社会福利综合服务中心(一期)老年养护楼项目开工，桂林八里电子物流商务综合项目(中豪国际)同日签约。');
    for (const x of c) {
      expect(x).not.toMatch(/^[（(）)]/);
      const opens = (x.match(/[（(]/g) ?? []).length;
      const closes = (x.match(/[）)]/g) ?? []).length;
      expect(closes).toBeLessThanOrEqual(opens);
    }
    expect(c).toContain('灵川县社会福利综合服务中心(一期)老年养护楼项目');
  });

  it('proposes quoted names and names with a quoted word inside', () => {
    const c = candidates('政府宣布「啟德體育園」明年動工；“西气东输”第四通道开工建设。');
    expect(c).toContain('啟德體育園');
    expect(c).toContain('“西气东输”第四通道');
  });

  it('proposes a name broken by the line break of a hard-wrapped text, with the break inside its span', () => {
    const line = (k: number) => `第${k}段說明文字依照固定寬度斷行而句子仍然沒有結束所以繼續`;
    const lines = Array.from({ length: 9 }, (_, k) => line(k));
    lines.push('市政府本年度依照預算所辦理的重大工程為臺中大都會歌劇');
    const text = lines.join('\n') + '\n院興建計畫，總經費43億元。\n';
    expect(candidates(text)).toContain('臺中大都會歌劇\n院興建計畫');
  });
});

describe('project model: Hong Kong and Taiwan forms', () => {
  it('takes a name in 「」 without its quotes, and its later mention', () => {
    expect(projectTexts('政府昨日宣布，「啟德體育園」工程將於明年動工，啟德體育園造價約300億元。')).toEqual(['啟德體育園', '啟德體育園']);
  });

  it('takes a Taiwan 計畫 named after its works, with a road number', () => {
    expect(projectTexts('交通部推動「臺9線南迴公路拓寬改善計畫」，臺9線南迴公路拓寬改善計畫總經費新臺幣200億元。')).toEqual([
      '臺9線南迴公路拓寬改善計畫',
      '臺9線南迴公路拓寬改善計畫',
    ]);
  });

  it('takes a metro line with its phase and 工程', () => {
    expect(projectTexts('臺北市捷運萬大線第一期工程預計民國114年完工。')).toEqual(['臺北市捷運萬大線第一期工程']);
  });

  it('gives no name for clause fragments ending in 項目', () => {
    expect(projectTexts('這些項目均已開工，該批項目總投資50億元，部分項目延誤。')).toEqual([]);
  });

  it('gives every project a confidence in [0, 1]', () => {
    const found = extract('一是加快建设金沙江水电站，二是推进宁波舟山港三期工程。', { types: ['project'] });
    expect(found.map((e) => e.text)).toEqual(['金沙江水电站', '宁波舟山港三期工程']);
    for (const e of found) {
      expect(e.confidence).toBeGreaterThan(0);
      expect(e.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('project candidates: clauses are no names', () => {
  it('never spans a list’s closing 等 with a count, a count inside, or a demonstrative inside', () => {
    const c = candidates('推进西十、康渝等4条高铁建设，县政府增办2件复建工程，主要系该兴建计划工程延误。');
    expect(c.filter((x) => /等4条|2件|该兴建/.test(x))).toEqual([]);
  });

  it('never spans a modal, aspect or reporting word', () => {
    const c = candidates('市建局将负责旧街市大楼改造工程，我委已会同有关部门推进石柱电厂项目，局长表示滨江大桥工程年内完工。');
    expect(c.filter((x) => /将负责|已会同|表示/.test(x))).toEqual([]);
    expect(c).toContain('石柱电厂项目');
    expect(c).toContain('滨江大桥工程');
  });

  it('needs a Han character', () => {
    expect(candidates('活動口號「ALL IN」工程於今年開展。').filter((x) => !/[\u4e00-\u9fff]/.test(x))).toEqual([]);
  });
});

describe('project model: boundaries', () => {
  it('leaves a fused completion verb (建成投产) outside the name', () => {
    expect(projectTexts('今年6月，滨江新材料产业园建成投产，总投资30亿元。')).toEqual(['滨江新材料产业园']);
  });

  it('keeps a line extension (北延線) in the name', () => {
    expect(projectTexts('台中市政府推動捷運綠線北延線，預計2030年通車。')).toEqual(['捷運綠線北延線']);
  });

  it('keeps a township and village prefix and the works words of a Taiwan 工程', () => {
    expect(projectTexts('縣府完成鹽埔鄉彭厝村排水改善工程。')).toEqual(['鹽埔鄉彭厝村排水改善工程']);
  });

  it('keeps a phase after a line name', () => {
    expect(projectTexts('港铁屯马线一期于去年通车。')).toEqual(['港铁屯马线一期']);
  });
});
