import { describe, expect, it } from 'vitest';
import { extract, type ExtractOptions } from '../../src/core/extract';

/** The date mentions of `text` as `text=value` (or bare `text` when there is no value). */
function dates(text: string, opts: ExtractOptions = {}): string[] {
  return extract(text, { types: ['date'], ...opts }).map((e) => (e.value !== undefined ? `${e.text}=${e.value}` : e.text));
}

function one(text: string, opts: ExtractOptions = {}) {
  const list = extract(text, { types: ['date'], ...opts });
  expect(list).toHaveLength(1);
  return list[0];
}

describe('dates: full and partial calendar dates', () => {
  it('reads years, months and days with their values', () => {
    expect(dates('2023年12月29日，区委召开会议；2024年4月份开工；2022年6月签约；2024年全区工作')).toEqual([
      '2023年12月29日=2023-12-29',
      '2024年4月份=2024-04',
      '2022年6月=2022-06',
      '2024年=2024',
    ]);
  });
  it('gives no value where the year is not written', () => {
    expect(dates('1月2日，市委经济工作会议召开；3月份完成；6月16号开幕')).toEqual(['1月2日', '3月份', '6月16号']);
  });
  it('reads Chinese-numeral dates', () => {
    expect(dates('二〇二六年一月二十七日印发，一九四九年十月一日成立，二零二四年十二月')).toEqual([
      '二〇二六年一月二十七日=2026-01-27',
      '一九四九年十月一日=1949-10-01',
      '二零二四年十二月=2024-12',
    ]);
  });
  it('keeps offsets in traditional text and full-width digits', () => {
    const text = '濟南市於２０２３年１２月２９日召開會議，今年經濟穩中向好。';
    const list = extract(text, { types: ['date'] });
    expect(list.map((e) => [e.text, e.value])).toEqual([
      ['２０２３年１２月２９日', '2023-12-29'],
      ['今年', undefined],
    ]);
    expect(text.slice(list[0].start, list[0].end)).toBe('２０２３年１２月２９日');
  });
  it('keeps ruby-pinyin artifacts inside the span', () => {
    const list = extract('項(xiàng)目於2023年12月29日開(kāi)工', { types: ['date'] });
    expect(list.map((e) => e.text)).toEqual(['2023年12月29日']);
  });
  it('reads 2018年度 as the year 2018', () => {
    expect(dates('2018年度财政预算')).toEqual(['2018年度=2018']);
  });
});

describe('dates: Taiwan and Hong Kong', () => {
  it('converts 民國 years', () => {
    expect(dates('民國 85 年 3 月28 日公布', { region: 'tw' })).toEqual(['民國 85 年 3 月28 日=1996-03-28']);
    expect(dates('行政院於113年度預算，102 年底完成', { region: 'tw' })).toEqual(['113年度=2024', '102 年底']);
  });
  it('reads 今(113)年 and ROC numeric dates in Taiwan text', () => {
    expect(dates('今(113)年經濟成長，113/03/28公告', { region: 'tw' })).toEqual(['今(113)年=2024', '113/03/28=2024-03-28']);
  });
  it('does not read short numbers before 年 as years outside Taiwan', () => {
    expect(dates('113年度', { region: 'mainland' })).toEqual([]);
  });
  it('reads Hong Kong fiscal years as one mention', () => {
    expect(dates('根據19/20年度的財政預算', { region: 'hk' })).toEqual(['19/20年度']);
  });
});

describe('dates: periods and parts', () => {
  it('reads quarters and half-years without a value', () => {
    expect(dates('2024年前三季度增长9%，今年一季度回升，第四季度末完成，上半年、2011年上半年')).toEqual([
      '2024年前三季度',
      '今年一季度',
      '第四季度末',
      '上半年',
      '2011年上半年',
    ]);
  });
  it('reads 第三季 as a quarter but not 四季 (seasons)', () => {
    expect(dates('2019年第三季經濟增長，四季如春，第四季节目', { region: 'hk' })).toEqual(['2019年第三季']);
  });
  it('reads parts of a year or month and keeps trailing 前/以来/起 outside', () => {
    expect(dates('6月底前完成，年内建成，年底前投产，2010年初，2024年以来，8月中旬起，上年末')).toEqual([
      '6月底',
      '年内',
      '年底',
      '2010年初',
      '2024年=2024',
      '8月中旬',
      '上年末',
    ]);
  });
  it('reads relative months', () => {
    expect(dates('本月底前完成')).toEqual(['本月底']);
  });
  it('keeps a part of the day after a date', () => {
    expect(dates('4月8日上午召开')).toEqual(['4月8日上午']);
  });
  it('reads plan periods', () => {
    expect(dates('“十四五”规划收官，谋划“十五五”，第十五个五年规划')).toEqual(['十四五', '十五五', '第十五个五年']);
  });
});

describe('dates: ranges', () => {
  it('reads a range whose first end borrows the unit as one mention', () => {
    expect(dates('2009至2012年累计投资，1-10月份增长，2023年1—11月出口')).toEqual(['2009至2012年', '1-10月份', '2023年1—11月']);
  });
  it('reads a range between complete expressions as two mentions', () => {
    expect(dates('11月6日至10日举办；2009年至2012年')).toEqual(['11月6日', '10日', '2009年=2009', '2012年=2012']);
  });
});

describe('dates: relative years and resolution', () => {
  it('reads relative years and resolves them', () => {
    const list = extract('今年7月1日起施行，去年同期，明年，前年，今年的12月31日', { types: ['date'], referenceDate: '2018-03-16' });
    expect(list.map((e) => [e.text, e.value, e.resolved])).toEqual([
      ['今年7月1日', undefined, '2018-07-01'],
      ['去年', undefined, '2017'],
      ['明年', undefined, '2019'],
      ['前年', undefined, '2016'],
      ['今年的12月31日', undefined, '2018-12-31'],
    ]);
  });
  it('resolves quarters and parts against the reference year', () => {
    expect(one('前三季度', { referenceDate: '2018-03-16' }).resolved).toBe('2018-Q1..Q3');
    expect(one('上半年', { referenceDate: '2018-03-16' }).resolved).toBe('2018-H1');
    expect(one('十四五').resolved).toBe('2021..2025');
  });
  it('takes 同年/次年 only with a month or day', () => {
    expect(dates('2010年，同年7月投产，次年3月达产，当年策划、当年开工')).toEqual(['2010年=2010', '同年7月', '次年3月']);
    const list = extract('2010年签约，次年3月达产', { types: ['date'] });
    expect(list[1].resolved).toBe('2011-03');
  });
  it('does not take relative words inside other words', () => {
    expect(dates('规模以上年产值，2012年以来年均增长10%，失去年轻人')).toEqual(['2012年=2012']);
    expect(dates('今年内蒙古自治区')).toEqual(['今年']);
  });
});

describe('dates: numeric dates and times', () => {
  it('reads date-times to the minute', () => {
    expect(dates('来源:济南日报 2018-03-16 12:49   https://www.yybnet.net/')).toEqual(['2018-03-16 12:49=2018-03-16T12:49']);
    expect(dates('2008年5月12日下午2时28分4秒发生地震')).toEqual(['2008年5月12日下午2时28分4秒=2008-05-12T14:28']);
    expect(dates('2024/03/05发布')).toEqual(['2024/03/05=2024-03-05']);
  });
  it('reads MM-DD closing a line of a dated list', () => {
    expect(dates('章丘区用工作实效检验主题教育成效 01-01\n推进主题教育见实效 12-11\n')).toEqual(['01-01', '12-11']);
    expect(dates('增长10-20亿元')).toEqual([]);
  });
  it('reads bare years in titles and names', () => {
    expect(dates('2024济南市两会特别策划\n在2024全市重大项目现场观摩')).toEqual(['2024=2024', '2024=2024']);
    expect(dates('《铁路发展策略2014》，“福田汽车2020”战略')).toEqual(['2014=2014', '2020=2020']);
  });
});

describe('dates: negatives', () => {
  it('skips durations, codes, vague words, amounts and counts', () => {
    expect(
      dates(
        '实施三年行动计划，15分钟生活圈，轨道交通8号线，国道309线，2+2+3，近日，日前，目前，近年来，一年来，新时代，全年，年度考核，当年，三年内建成',
      ),
    ).toEqual([]);
    expect(dates('投资2024万元，2000多家企业，飞行规模达2061万架次，总量突破1900亿元，7日内办结，1日游')).toEqual([]);
  });
  it('does not read a numeral month running into a name', () => {
    expect(dates('打造“新十二月市”消费品牌')).toEqual([]);
  });
  it('does not read counts of months or five-year numbers as dates', () => {
    expect(dates('近3个月，十四五万元')).toEqual([]);
  });
});
