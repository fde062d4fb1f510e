import { describe, expect, it } from 'vitest';
import { extract, type ExtractOptions } from '../../src/core/extract';
import { amountValue, toDecimalString } from '../../src/core/numbers';
import { MONEY_CONFIDENCE } from '../../src/core/money';

type M = { text: string; value?: number; currency?: string; amount?: string };

function money(text: string, opts: ExtractOptions = {}): M[] {
  return extract(text, { ...opts, types: ['money'] }).map((e) => {
    expect(e.type).toBe('money');
    expect(text.slice(e.start, e.end)).toBe(e.text);
    const m: M = { text: e.text };
    if (e.value !== undefined) m.value = e.value as number;
    if (e.currency !== undefined) m.currency = e.currency;
    return m;
  });
}
const texts = (text: string, opts?: ExtractOptions) => money(text, opts).map((m) => m.text);

describe('money: amounts with a currency unit', () => {
  it('Arabic amounts with 亿/万/万亿 and exact values', () => {
    expect(money('全市完成投资548.5亿元，其中民间投资116.7亿元。')).toEqual([
      { text: '548.5亿元', value: 54850000000, currency: 'CNY' },
      { text: '116.7亿元', value: 11670000000, currency: 'CNY' },
    ]);
    expect(money('贷款余额1.91万亿元，补贴2400万元，奖励50万元')).toEqual([
      { text: '1.91万亿元', value: 1910000000000, currency: 'CNY' },
      { text: '2400万元', value: 24000000, currency: 'CNY' },
      { text: '50万元', value: 500000, currency: 'CNY' },
    ]);
  });
  it('keeps exact decimals in amount', () => {
    const [e] = extract('项目总投资548.5亿元', { types: ['money'] });
    expect(e.amount).toBe('54850000000');
    expect(e.value).toBe(54850000000);
    const [p] = extract('电价0.6235元/千瓦时', { types: ['money'] });
    expect(p.amount).toBe('0.6235');
  });
  it('thousands separators', () => {
    expect(money('收入可达9,740億元', { region: 'hk' })).toEqual([{ text: '9,740億元', value: 974000000000, currency: 'HKD' }]);
    expect(money('合计1,400元')).toEqual([{ text: '1,400元', value: 1400, currency: 'CNY' }]);
  });
  it('Chinese numerals, mixes and bare magnitudes', () => {
    expect(money('撬动五十亿元社会资本')).toEqual([{ text: '五十亿元', value: 5000000000, currency: 'CNY' }]);
    expect(money('打造百亿元产业')).toEqual([{ text: '百亿元', value: 10000000000, currency: 'CNY' }]);
    expect(money('奖励三千五百万元')).toEqual([{ text: '三千五百万元', value: 35000000, currency: 'CNY' }]);
    expect(money('投入一点五亿元')).toEqual([{ text: '一点五亿元', value: 150000000, currency: 'CNY' }]);
    expect(money('共3千万元')).toEqual([{ text: '3千万元', value: 30000000, currency: 'CNY' }]);
    expect(money('月薪2万5千元')).toEqual([{ text: '2万5千元', value: 25000, currency: 'CNY' }]);
    expect(money('两千元')).toEqual([{ text: '两千元', value: 2000, currency: 'CNY' }]);
    expect(money('投资逾亿元')).toEqual([{ text: '亿元', value: 100000000, currency: 'CNY' }]);
    expect(money('超千万元大乡')).toEqual([{ text: '千万元', value: 10000000, currency: 'CNY' }]);
    expect(money('一亿二千万元')).toEqual([{ text: '一亿二千万元', value: 120000000, currency: 'CNY' }]);
  });
  it('full-width digits, traditional characters and ruby artifacts map back to the original', () => {
    expect(money('投资１２０亿元')).toEqual([{ text: '１２０亿元', value: 12000000000, currency: 'CNY' }]);
    expect(money('投资１２０．５亿元')).toEqual([{ text: '１２０．５亿元', value: 12050000000, currency: 'CNY' }]);
    expect(money('總投資五十億元')).toEqual([{ text: '五十億元', value: 5000000000, currency: 'CNY' }]);
    expect(money('投資5億(yì)元建設')).toEqual([{ text: '5億(yì)元', value: 500000000, currency: 'CNY' }]);
    expect(money('實現營收548.5億元')).toEqual([{ text: '548.5億元', value: 54850000000, currency: 'CNY' }]);
  });
  it('currencies', () => {
    expect(money(
      '引进外资2610万美元、3亿欧元、20亿港元、5亿港币、100亿日元、2,000萬英鎊、3亿加元、1亿澳元、500万新台币、1亿卢布、3000亿韩元',
    ).map((m) => `${m.text} ${m.value} ${m.currency}`)).toEqual([
      '2610万美元 26100000 USD',
      '3亿欧元 300000000 EUR',
      '20亿港元 2000000000 HKD',
      '5亿港币 500000000 HKD',
      '100亿日元 10000000000 JPY',
      '2,000萬英鎊 20000000 GBP',
      '3亿加元 300000000 CAD',
      '1亿澳元 100000000 AUD',
      '500万新台币 5000000 TWD',
      '1亿卢布 100000000 RUB',
      '3000亿韩元 300000000000 KRW',
    ]);
  });
  it('人民币 after or before the amount is in the span', () => {
    expect(money('总投资45.51亿元人民币')).toEqual([{ text: '45.51亿元人民币', value: 4551000000, currency: 'CNY' }]);
    expect(money('总投资人民币45亿元')).toEqual([{ text: '人民币45亿元', value: 4500000000, currency: 'CNY' }]);
    expect(money('约合20亿人民币')).toEqual([{ text: '20亿人民币', value: 2000000000, currency: 'CNY' }]);
    // Not adjacent: outside.
    expect(texts('折合人民币约20亿元')).toEqual(['20亿元']);
  });
  it('both sides of an exchange rate', () => {
    expect(money('1美元兑换7.2元人民币')).toEqual([
      { text: '1美元', value: 1, currency: 'USD' },
      { text: '7.2元人民币', value: 7.2, currency: 'CNY' },
    ]);
  });
  it('unit prices end at the currency unit', () => {
    expect(money('上网电价0.6235元/千瓦时，每亩补贴200元/年')).toEqual([
      { text: '0.6235元', value: 0.6235, currency: 'CNY' },
      { text: '200元', value: 200, currency: 'CNY' },
    ]);
  });
});

describe('money: symbols and jurisdictions', () => {
  it('$ is the jurisdiction dollar; HK$, US$, ¥ settle the currency', () => {
    const hk = '香港特區政府表示，立法會財委會審議$17億天橋撥款，每月津貼$2,000。';
    expect(money(hk)).toEqual([
      { text: '$17億', value: 1700000000, currency: 'HKD' },
      { text: '$2,000', value: 2000, currency: 'HKD' },
    ]);
    expect(money('融资US$3亿，另有HK$3.5億')).toEqual([
      { text: 'US$3亿', value: 300000000, currency: 'USD' },
      { text: 'HK$3.5億', value: 350000000, currency: 'HKD' },
    ]);
    expect(money('售价￥1200')).toEqual([{ text: '￥1200', value: 1200, currency: 'CNY' }]);
  });
  it('元 follows the region: HKD in Hong Kong text, TWD in Taiwan text', () => {
    expect(money('香港特區政府財政司司長在立法會表示，撥款800億元。')).toEqual([
      { text: '800億元', value: 80000000000, currency: 'HKD' },
    ]);
    expect(money('行政院會通過新臺幣 3,000 億元特別預算，立法院審議，台北市編列經費8億元')).toEqual([
      { text: '新臺幣 3,000 億元', value: 300000000000, currency: 'TWD' },
      { text: '8億元', value: 800000000, currency: 'TWD' },
    ]);
  });
  it('a mainland text that merely mentions Taiwan keeps CNY', () => {
    expect(money('台湾厂商纷纷西迁，台湾企业在重庆投资3亿元，台湾媒体报道。')).toEqual([
      { text: '3亿元', value: 300000000, currency: 'CNY' },
    ]);
  });
  it('新台币 directly before the amount is in the span, like 人民币', () => {
    expect(money('新台币3亿')).toEqual([{ text: '新台币3亿', value: 300000000, currency: 'TWD' }]);
    expect(money('經費上限為新臺幣120億元')).toEqual([{ text: '新臺幣120億元', value: 12000000000, currency: 'TWD' }]);
  });
  it('other currency words before the amount settle the currency but stay outside', () => {
    expect(money('港币100亿元')).toEqual([{ text: '100亿元', value: 10000000000, currency: 'HKD' }]);
  });
});

describe('money: ranges and approximators', () => {
  it('a range is one mention without a value', () => {
    expect(money('10-20亿元')).toEqual([{ text: '10-20亿元', currency: 'CNY' }]);
    expect(money('收入9,740億至11,430億元', { region: 'hk' })).toEqual([{ text: '9,740億至11,430億元', currency: 'HKD' }]);
    expect(money('400至500億元', { region: 'hk' })).toEqual([{ text: '400至500億元', currency: 'HKD' }]);
    expect(texts('投资5亿至10亿')).toEqual(['5亿至10亿']);
  });
  it('two complete amounts joined by 至 are two mentions', () => {
    expect(texts('从1亿元至2亿元')).toEqual(['1亿元', '2亿元']);
  });
  it('approximators and bounds outside the amount stay outside', () => {
    expect(money('约25亿元，近17億元、超100亿元、逾5000万元、达3亿元以上、50亿元左右')).toEqual([
      { text: '25亿元', value: 2500000000, currency: 'CNY' },
      { text: '17億元', value: 1700000000, currency: 'CNY' },
      { text: '100亿元', value: 10000000000, currency: 'CNY' },
      { text: '5000万元', value: 50000000, currency: 'CNY' },
      { text: '3亿元', value: 300000000, currency: 'CNY' },
      { text: '50亿元', value: 5000000000, currency: 'CNY' },
    ]);
  });
  it('approximators inside the amount stay inside, without a value', () => {
    expect(money('30多亿美元')).toEqual([{ text: '30多亿美元', currency: 'USD' }]);
    expect(texts('300多萬元、100余万元、数十亿元、十几亿元、1000多元')).toEqual([
      '300多萬元', '100余万元', '数十亿元', '十几亿元', '1000多元',
    ]);
    expect(money('拖欠工程款几个亿已是常态')).toEqual([{ text: '几个亿', currency: 'CNY' }]);
  });
});

describe('money: amounts without a currency unit', () => {
  it('governed by an investment or finance word', () => {
    expect(money('投资１２０亿')).toEqual([{ text: '１２０亿', value: 12000000000, currency: 'CNY' }]);
    expect(money('实现4000亿产值')).toEqual([{ text: '4000亿', value: 400000000000, currency: 'CNY' }]);
    expect(money('投资80个亿')).toEqual([{ text: '80个亿', value: 8000000000, currency: 'CNY' }]);
    expect(money('项目总投资为417亿，进出口总额突破1万亿')).toEqual([
      { text: '417亿', value: 41700000000, currency: 'CNY' },
      { text: '1万亿', value: 1000000000000, currency: 'CNY' },
    ]);
    expect(money('须出资100多亿')).toEqual([{ text: '100多亿', currency: 'CNY' }]);
    expect(money('全年GDP 1.2万亿')).toEqual([{ text: '1.2万亿', value: 1200000000000, currency: 'CNY' }]);
  });
  it('in Hong Kong text the currency is HKD', () => {
    expect(money('明日大嶼粗估工程造價6240億，香港特區政府表示')).toEqual([
      { text: '6240億', value: 624000000000, currency: 'HKD' },
    ]);
  });
  it('a figure that repeats a money figure of the text is money', () => {
    expect(texts('天桥造价17亿元。他说：“呢个设计17亿贵咩？”')).toEqual(['17亿元', '17亿']);
  });
  it('a figure continuing a list of money figures in the sentence is money', () => {
    expect(texts('总工程造价6240亿，当中填海占2560亿；基建占950亿。人口达到950万')).toEqual([
      '6240亿', '2560亿', '950亿',
    ]);
  });
  it('ungoverned figures are not money', () => {
    expect(texts('80个亿')).toEqual([]);
    expect(texts('常住人口1400万')).toEqual([]);
  });
});

describe('money: not money', () => {
  it('percentages, areas, capacities and counts', () => {
    expect(texts('投资增长9.4%，建筑面积14万平方米，年产70万千升，惠及1.68万户')).toEqual([]);
    expect(texts('投资带动就业1.2万人，接待游客1.2亿人次')).toEqual([]);
    expect(texts('投资建设发电量100亿千瓦时，吞吐量3亿吨，40万标箱')).toEqual([]);
  });
  it('bare magnitudes that qualify a category', () => {
    expect(texts('打造百亿级产业集群，引进5个百亿级项目')).toEqual([]);
    expect(texts('投资10个三十亿以上项目，培育两个200亿产值产业')).toEqual([]);
    expect(texts('1596个“千项万亿”重大项目完成投资')).toEqual([]);
  });
  it('元 in words that are not money', () => {
    expect(texts('城乡二元结构，元旦期间，一元二次方程')).toEqual([]);
  });
  it('the adverb 千万 is no amount', () => {
    expect(texts('资金千万要用好')).toEqual([]);
  });
});

describe('money: capital numerals and fractional units', () => {
  it('capital numerals with 元/圆 and 整/正 are one mention', () => {
    expect(money('合同价款：人民币叁拾陆万柒仟元整（含税）')).toEqual([
      { text: '人民币叁拾陆万柒仟元整', value: 367000, currency: 'CNY' },
    ]);
    expect(money('大寫金額壹佰贰拾萬零伍佰圓伍角整。')).toEqual([{ text: '壹佰贰拾萬零伍佰圓伍角整', value: 1200500.5, currency: 'CNY' }]);
    expect(money('報價金額：捌仟參佰元正，')).toEqual([{ text: '捌仟參佰元正', value: 8300, currency: 'CNY' }]);
    expect(money('中标金额：人民币肆万伍仟陆佰柒拾捌元玖角贰分')).toEqual([
      { text: '人民币肆万伍仟陆佰柒拾捌元玖角贰分', value: 45678.92, currency: 'CNY' },
    ]);
  });
  it('角 and 分 after 元 belong to the amount', () => {
    expect(money('每份售价45元8角5分，邮费6元2角')).toEqual([
      { text: '45元8角5分', value: 45.85, currency: 'CNY' },
      { text: '6元2角', value: 6.2, currency: 'CNY' },
    ]);
    expect(money('票价2元5分')).toEqual([{ text: '2元5分', value: 2.05, currency: 'CNY' }]);
    // 分钟 is time, not a fen.
    expect(money('收费5元5分钟')).toEqual([{ text: '5元', value: 5, currency: 'CNY' }]);
  });
  it('colloquial 块 and 毛', () => {
    expect(money('一斤菜卖八块五毛')).toEqual([{ text: '八块五毛', value: 8.5, currency: 'CNY' }]);
    expect(money('车费12块3毛')).toEqual([{ text: '12块3毛', value: 12.3, currency: 'CNY' }]);
    // 块 alone is a measure word.
    expect(texts('划出三块土地，投资两块钱')).toEqual(['两块钱']);
  });
  it('整 after an ordinary amount only before punctuation', () => {
    expect(texts('补助500元整。')).toEqual(['500元整']);
    expect(texts('投资10亿元整体改造')).toEqual(['10亿元']);
  });
  it('capital numerals inside ordinary words are no amounts', () => {
    expect(texts('陆续参加伍家的聚会')).toEqual([]);
    expect(texts('中国大陆万亿资金涌入')).toEqual([]);
  });
});

describe('money: coordination, English multipliers, currency words after 元', () => {
  it('a currency that closes a coordination applies to each amount', () => {
    expect(money('分别捐出450萬及80萬人民幣')).toEqual([
      { text: '450萬', value: 4500000, currency: 'CNY' },
      { text: '80萬人民幣', value: 800000, currency: 'CNY' },
    ]);
    expect(money('三家公司各获5亿、7亿和12亿美元')).toEqual([
      { text: '5亿', value: 500000000, currency: 'USD' },
      { text: '7亿', value: 700000000, currency: 'USD' },
      { text: '12亿美元', value: 1200000000, currency: 'USD' },
    ]);
    // A count in the coordination is not an amount.
    expect(texts('惠及30万人及2亿元')).toEqual(['2亿元']);
  });
  it('million, billion after a currency symbol', () => {
    expect(money('raised US$7.25 million and HK$3 billion; RMB 2.4 billion; US$15m')).toEqual([
      { text: 'US$7.25 million', value: 7250000, currency: 'USD' },
      { text: 'HK$3 billion', value: 3000000000, currency: 'HKD' },
      { text: 'RMB 2.4 billion', value: 2400000000, currency: 'CNY' },
      { text: 'US$15m', value: 15000000, currency: 'USD' },
    ]);
    expect(texts('长达3 million米')).toEqual([]);
  });
  it('a currency word after 元 names the currency and is in the span', () => {
    expect(money('门票6500元日币，另付300元日幣')).toEqual([
      { text: '6500元日币', value: 6500, currency: 'JPY' },
      { text: '300元日幣', value: 300, currency: 'JPY' },
    ]);
    expect(money('月薪2万元港币')).toEqual([{ text: '2万元港币', value: 20000, currency: 'HKD' }]);
  });
  it('a range with the unit on both ends is one mention', () => {
    expect(money('月入息介乎28,500元至36,200元', { region: 'hk' })).toEqual([{ text: '28,500元至36,200元', currency: 'HKD' }]);
    expect(texts('售价1.2万元-1.8万元')).toEqual(['1.2万元-1.8万元']);
  });
});

describe('money: bare magnitudes governed by the clause', () => {
  it('a finance word right before the figure outweighs a measure character that begins a word', () => {
    expect(money('帶動經濟效益5千億台灣各地受惠', { region: 'tw' })).toEqual([
      { text: '5千億', value: 500000000000, currency: 'TWD' },
    ]);
    expect(texts('手机出货量3亿台')).toEqual([]);
    expect(texts('减碳效益逾2.5亿公吨')).toEqual([]);
  });
  it('a bare magnitude with a finance noun right after it', () => {
    expect(texts('至今仍累计千万债务待偿还')).toEqual(['千万']);
    expect(texts('千万不要借款')).toEqual([]);
  });
  it('an amount written over a line break', () => {
    expect(texts('应付保留数 3,214\n萬餘元（0.2%）')).toEqual(['3,214\n萬餘元']);
  });
});

describe('兆 in Taiwan text', () => {
  it('is a trillion of the jurisdiction’s dollars', () => {
    const found = extract('行政院指出，台積電高雄廠投資金額逾1兆元，另編列新臺幣3,500億元。', { types: ['money'], region: 'tw' });
    expect(found.map((e) => [e.text, e.value, e.currency])).toEqual([
      ['1兆元', 1e12, 'TWD'],
      ['新臺幣3,500億元', 350000000000, 'TWD'],
    ]);
  });
  it('is not money in a capacity (兆瓦)', () => {
    expect(extract('装机容量30兆瓦', { types: ['money'] })).toEqual([]);
  });
});

describe('amountValue', () => {
  const v = (s: string) => {
    const d = amountValue(s);
    return d && toDecimalString(d);
  };
  it('parses Arabic, Chinese, mixes and bare magnitudes exactly', () => {
    expect(v('548.5亿')).toBe('54850000000');
    expect(v('1.5万亿')).toBe('1500000000000');
    expect(v('五十亿')).toBe('5000000000');
    expect(v('亿')).toBe('100000000');
    expect(v('万亿')).toBe('1000000000000');
    expect(v('千万')).toBe('10000000');
    expect(v('6,240亿')).toBe('624000000000');
    expect(v('0.6235')).toBe('0.6235');
    expect(v('80个亿')).toBe('8000000000');
  });
  it('reads 兆 as 10^12, as Taiwan and Hong Kong money uses it', () => {
    expect(v('1兆')).toBe('1000000000000');
    expect(v('1.2兆')).toBe('1200000000000');
    expect(v('1兆2000亿')).toBe('1200000000000');
    expect(v('兆')).toBe('1000000000000');
  });
  it('parses capital numerals', () => {
    expect(v('壹佰贰拾万零伍佰')).toBe('1200500');
    expect(v('叁仟参佰')).toBe('3300');
    expect(v('玖亿捌仟万')).toBe('980000000');
  });
  it('has no value for approximate amounts', () => {
    expect(v('30多亿')).toBeUndefined();
    expect(v('几个亿')).toBeUndefined();
  });
});

describe('money: confidence by the evidence that made the span money', () => {
  const level = (text: string, span: string, opts: ExtractOptions = {}) => {
    const hit = extract(text, { ...opts, types: ['money'] }).find((e) => e.text === span);
    expect(hit, span).toBeDefined();
    return hit!.confidence;
  };
  it('gives each rule its level of MONEY_CONFIDENCE', () => {
    expect(level('引进外资2610万美元', '2610万美元')).toBe(MONEY_CONFIDENCE.explicit);
    expect(level('总额45.51亿元人民币', '45.51亿元人民币')).toBe(MONEY_CONFIDENCE.explicit);
    expect(level('全市完成投资548.5亿元', '548.5亿元')).toBe(MONEY_CONFIDENCE.yuan);
    expect(level('政府撥款50億元', '50億元', { region: 'hk' })).toBe(MONEY_CONFIDENCE.regional);
    expect(level('投入10-20亿元', '10-20亿元')).toBe(MONEY_CONFIDENCE.approximate);
    expect(level('超过30多亿美元', '30多亿美元')).toBe(MONEY_CONFIDENCE.approximate);
    expect(level('资助300万及120万人民币', '300万')).toBe(MONEY_CONFIDENCE.coordinated);
    expect(level('项目总投资120亿', '120亿')).toBe(MONEY_CONFIDENCE.governed);
  });
});
