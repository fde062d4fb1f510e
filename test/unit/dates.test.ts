import { describe, expect, it } from 'vitest';
import { extract, type ExtractOptions } from '../../src/core/extract';
import { DATE_CONFIDENCE } from '../../src/core/dates';

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

describe('dates: ROC years written without 民國 in Taiwan text', () => {
  const tw = { region: 'tw' as const };
  it('reads a two- or three-digit year with a month, part or 年度 and gives year + 1911', () => {
    expect(dates('經濟部於87年9月核定，預計 104 年底完工，76年度決算', tw)).toEqual(['87年9月=1998-09', '104 年底', '76年度=1987']);
  });
  it('reads a month of a fiscal year (年度 + 月)', () => {
    expect(dates('自97年度3月起實施', tw)).toEqual(['97年度3月=2008-03']);
  });
  it('reads each end of a range between complete years', () => {
    expect(dates('81年至85年間，以及106年至108年', tw)).toEqual(['81年=1992', '85年=1996', '106年=2017', '108年=2019']);
    expect(dates('102至104年', tw)).toEqual(['102至104年']);
  });
  it('reads a standalone two-digit year, and 年中', () => {
    expect(dates('尤其89年颱風來襲，於 91 年變更廠商，工期由 94 年中延宕至今', tw)).toEqual(['89年=2000', '91 年=2002', '94 年中']);
  });
  it('does not read spans of time as years', () => {
    expect(dates('為期50年的特許，近60年來，屋齡45年，延長7年，逾70年以上，共計40年，累計55年', tw)).toEqual([]);
    expect(dates('服務滿40年，長達50年之久', tw)).toEqual([]);
    expect(dates('租期50年，預期95年完工', tw)).toEqual(['95年=2006']);
    expect(dates('該廠已營運48年。分別於97年、98年完成', tw)).toEqual(['97年=2008', '98年=2009']);
  });
  it('reads no short years outside Taiwan text', () => {
    expect(dates('87年9月核定', { region: 'mainland' })).toEqual(['9月']);
  });
});

describe('dates: Hong Kong colloquial relative dates', () => {
  const ref = { region: 'hk' as const, referenceDate: '2019-05-10' };
  it('reads 上月/本月/下月 with a day or a part (初, 底, 尾)', () => {
    const list = extract('上月12日公布，本月28日截止，下月初推出，本月尾完成，3月尾動工', { types: ['date'], ...ref });
    expect(list.map((e) => [e.text, e.resolved])).toEqual([
      ['上月12日', '2019-04-12'],
      ['本月28日', '2019-05-28'],
      ['下月初', '2019-06'],
      ['本月尾', '2019-05'],
      ['3月尾', '2019-03 (end)'],
    ]);
  });
  it('reads 下年 and 来年 as next year where they are time words', () => {
    const list = extract('當局下年會再檢討，在下年推出，政府來年將增加供應', { types: ['date'], ...ref });
    expect(list.map((e) => [e.text, e.resolved])).toEqual([
      ['下年', '2020'],
      ['下年', '2020'],
      ['來年', '2020'],
    ]);
  });
  it('does not read 下年/来年 inside other words', () => {
    expect(dates('創下年度新高，留下年輕人，帶來年收入增長，以下年份', ref)).toEqual([]);
  });
  it('reads a relative year closing a word only with a month or quarter after it', () => {
    expect(dates('以上年第四季數字計算，規模以上年產值', ref)).toEqual(['上年第四季']);
  });
  it('leaves weeks out (optional in the guidelines)', () => {
    expect(dates('下周公布，上周二開會', ref)).toEqual([]);
  });
});

describe('dates: compact dates, full-width colons, seasons, codes', () => {
  it('reads a compact YYYYMMDD date that is a real calendar day', () => {
    expect(dates('发布日期：20240307，截止20240229')).toEqual(['20240307=2024-03-07', '20240229=2024-02-29']);
  });
  it('skips compact numbers that are no date or sit in a code, phone or document number', () => {
    expect(dates('截止20230229，编号20240307，电话：20240307，批次20240307-01，No.20240307，订单A20240307')).toEqual([]);
    expect(dates('号码 20240307')).toEqual([]);
  });
  it('reads a time with a full-width colon', () => {
    expect(dates('2024-03-07 11：23发布')).toEqual(['2024-03-07 11：23=2024-03-07T11:23']);
    expect(dates('2024年3月7日 9：05开始')).toEqual(['2024年3月7日 9：05=2024-03-07T09:05']);
  });
  it('reads a season after a written year, without a value', () => {
    expect(dates('自2007年夏季以來，2019年冬天')).toEqual(['2007年夏季', '2019年冬天']);
  });
  it('reads 年中 after a year but not 年 + a word beginning with 中', () => {
    expect(dates('2024年中完成，2023年中国经济，2025年中期目标')).toEqual(['2024年中', '2023年=2023', '2025年=2025']);
  });
  it('reads a Chinese-numeral year written with a letter O as zero', () => {
    expect(dates('二Ｏ一九年五月，二Ｏ一八至一九年度')).toEqual(['二Ｏ一九年五月=2019-05', '二Ｏ一八至一九年度']);
  });
  it('does not read years in bracketed licence numbers, or counts of days', () => {
    expect(dates('安许证字[2019]01054、（2018）0002458，工期 30 日历天，总共4日降雨')).toEqual([]);
    expect(dates('、2025（中国）博览会')).toEqual(['2025=2025']);
    expect(dates('分别为1500、2000、2500家')).toEqual([]);
  });
});

describe('dates: the region from ROC dates', () => {
  it('a text with ROC dates is Taiwan text, so its short years are ROC years', () => {
    expect(dates('本府於112年3月公告，今(113)年辦理，98年核定')).toEqual(['112年3月=2023-03', '今(113)年=2024', '98年=2009']);
  });
  it('one ROC-looking date is not enough', () => {
    expect(dates('于112年3月公告，98年核定')).toEqual(['3月']);
  });
});

describe('dates: confidence by the kind of expression', () => {
  const level = (text: string, span: string, opts: ExtractOptions = {}) => {
    const hit = extract(text, { types: ['date'], ...opts }).find((e) => e.text === span);
    expect(hit, span).toBeDefined();
    return hit!.confidence;
  };
  it('gives each kind its level of DATE_CONFIDENCE', () => {
    expect(level('2024年4月1日开工', '2024年4月1日')).toBe(DATE_CONFIDENCE.full);
    expect(level('发布于2018-03-16 12:49', '2018-03-16 12:49')).toBe(DATE_CONFIDENCE.full);
    expect(level('2024年4月份开工', '2024年4月份')).toBe(DATE_CONFIDENCE.year);
    expect(level('2024年前三季度', '2024年前三季度')).toBe(DATE_CONFIDENCE.year);
    expect(level('“十四五”时期', '十四五')).toBe(DATE_CONFIDENCE.plan);
    expect(level('4月1日开工', '4月1日')).toBe(DATE_CONFIDENCE.monthDay);
    expect(level('今年7月1日起', '今年7月1日')).toBe(DATE_CONFIDENCE.monthDay);
    expect(level('一季度完成', '一季度')).toBe(DATE_CONFIDENCE.month);
    expect(level('今年目标', '今年')).toBe(DATE_CONFIDENCE.relative);
    expect(level('113年5月完成', '113年5月', { region: 'tw' })).toBe(DATE_CONFIDENCE.roc);
    expect(level('於102年底完成', '102年底', { region: 'tw' })).toBe(DATE_CONFIDENCE.rocYear);
    expect(level('民國113年5月完成', '民國113年5月', { region: 'tw' })).toBe(DATE_CONFIDENCE.year);
    expect(level('公告日期：20240307。', '20240307')).toBe(DATE_CONFIDENCE.compact);
    expect(level('11月6日至10日', '10日')).toBe(DATE_CONFIDENCE.day);
    expect(level('在2024全市工作会议上', '2024')).toBe(DATE_CONFIDENCE.bareYear);
  });
});
