import { describe, expect, it } from 'vitest';
import { extract } from '../../src/core/extract';
import { normalize } from '../../src/core/normalize';
import { scoreCandidates } from '../../src/core/projectScorer';

const projects = (text: string) => extract(text, { types: ['project'] });
const texts = (text: string) => projects(text).map((e) => e.text);
const names = (text: string) => projects(text).map((e) => e.name);

describe('projects: head words and the name before them', () => {
  it('stops at the verbs that introduce a name', () => {
    expect(texts('今年将加快建设苏州工业园区光电产业园，推进南京江北新材料科技园建设。')).toEqual([
      '苏州工业园区光电产业园',
      '南京江北新材料科技园',
    ]);
  });

  it('keeps a trailing 项目 in the span and drops it from the name', () => {
    const found = projects('全力推进宁德时代电池项目建设。');
    expect(found.map((e) => e.text)).toEqual(['宁德时代电池项目']);
    expect(found[0].name).toBe('宁德时代电池');
  });

  it('keeps phase markers, inner parentheses and a second name in parentheses', () => {
    expect(texts('目前，江汉绿色智能制造中心二期已经投产。')).toEqual(['江汉绿色智能制造中心二期']);
    expect(texts('加快腾讯(武汉)联合创新中心建设。')).toEqual(['腾讯(武汉)联合创新中心']);
    expect(texts('以武汉大学东湖校区(光谷港)建设为核心。')).toEqual(['武汉大学东湖校区(光谷港)']);
  });

  it('leaves an explanatory parenthesis outside', () => {
    expect(texts('兰新高铁(兰州-乌鲁木齐)建成通车。')).toEqual(['兰新高铁']);
  });

  it('reads route names and works words', () => {
    expect(texts('西宁至成都铁路建成通车，省道205线改建工程完成。')).toEqual(['西宁至成都铁路', '省道205线改建工程']);
    expect(texts('推进长沙地铁6号线建设。')).toEqual(['长沙地铁6号线']);
  });

  it('reads capacity figures that are part of a name', () => {
    expect(texts('钦州港30万吨级航道一期建成投运。')).toEqual(['钦州港30万吨级航道一期']);
  });
});

describe('projects: coordinated lists', () => {
  it('takes every item of a list governed by 等…项目, even without a head word', () => {
    expect(texts('加快推进蔚来汽车、宏芯半导体等项目落地。')).toEqual(['蔚来汽车', '宏芯半导体']);
    expect(texts('积极推动长江大桥复线桥、岳阳洞庭湖大桥等一批重大项目。')).toEqual(['长江大桥复线桥', '岳阳洞庭湖大桥']);
  });

  it('handles doubled punctuation between items', () => {
    expect(texts('加快华润雪花啤酒,、晶荣预制菜产业园等项目建设')).toEqual(['华润雪花啤酒', '晶荣预制菜产业园']);
  });

  it('does not take a slogan in quotes or a bare place as a project', () => {
    expect(texts('支持206个“两重”项目开工建设。')).toEqual([]);
    expect(texts('苍梧、昭平等项目顺利开工。')).toEqual([]);
  });
});

describe('projects: what is not a project', () => {
  it('rejects categories and campaigns', () => {
    expect(texts('全年实施省级重点项目85个，新开工重大项目32个，推进一批惠民项目。')).toEqual([]);
    expect(texts('加快建设一批高分子材料项目和数字基础设施项目。')).toEqual([]);
  });

  it('rejects a facility only mentioned for its traffic figures', () => {
    expect(texts('宁波舟山港集装箱吞吐量增长4.2%。')).toEqual([]);
  });

  it('takes a university only when it is built or opened', () => {
    expect(texts('温州医科大学牵头组建联合实验室。')).toEqual([]);
    expect(texts('宁波东方理工大学建校招生。')).toEqual(['宁波东方理工大学']);
  });

  it('leaves a plan or policy named 计划 alone but takes one of concrete works', () => {
    expect(texts('臺北市推動內湖垃圾山清除計畫。')).toEqual(['內湖垃圾山清除計畫']);
    expect(texts('市政府公布三年行动计划和都市计划检讨案。')).toEqual([]);
  });
});

describe('projects: quotes, later mentions and traditional text', () => {
  it('takes a quoted name before 项目 without its quotes', () => {
    expect(texts('争取“济济高铁”项目尽快立项。')).toEqual(['济济高铁']);
  });

  it('links every later mention of a name already found', () => {
    const text = '洋山深水港四期工程开工建设。据介绍，洋山深水港四期是全球最大的自动化码头。';
    expect(texts(text)).toEqual(['洋山深水港四期工程', '洋山深水港四期']);
  });

  it('finds names in traditional text with ruby artifacts, and names them in the original script', () => {
    const text = '與會人員觀摩愛旭太陽能項(xiàng)目、比亞迪零部件生產(chǎn)基地。';
    expect(texts(text)).toEqual(['愛旭太陽能項(xiàng)目', '比亞迪零部件生產(chǎn)基地']);
    expect(names(text)).toEqual(['愛旭太陽能', '比亞迪零部件生產基地']);
  });
});

describe('projects: short rail names, works plans, extensions', () => {
  it('keeps the place abbreviations of a rail name even when jieba tags them as a verb', () => {
    expect(texts('加快推进渝西高铁、成达万高铁、渝宜高铁等重大交通项目。')).toEqual(['渝西高铁', '成达万高铁', '渝宜高铁']);
  });

  it('does not take a verb before a rail word as a name', () => {
    expect(texts('全年新增高铁里程590公里。')).toEqual([]);
  });

  it('takes the works word of a plan into its name', () => {
    expect(texts('臺南市政府今年推動安平社會住宅興建計畫，該計畫總經費30億元，預計明年動工。')).toEqual(['安平社會住宅興建計畫']);
  });

  it('reads a line extension as one name', () => {
    expect(texts('加快建设成都轨道交通18号线北延伸段、西安地铁15号线。')).toEqual(['成都轨道交通18号线北延伸段', '西安地铁15号线']);
  });
});

describe('projects: phases inside names, capacities, quoted names before 工程', () => {
  it('keeps a phase marker inside a name', () => {
    expect(texts('欧曼一期生产基地不仅使福田汽车成功进军了重卡市场，已于去年建成。')).toEqual(['欧曼一期生产基地']);
  });

  it('keeps a capacity written with its measure and grade', () => {
    expect(texts('龙滩水电站1000吨级通航设施、邕北灌区等项目顺利开工。')).toEqual(['龙滩水电站1000吨级通航设施', '邕北灌区']);
  });

  it('takes a quoted name before 工程 and links its later mentions', () => {
    expect(texts('對於「明日大嶼」工程會否超支，局長表示，明日大嶼造價約6240億元。')).toEqual(['明日大嶼', '明日大嶼']);
  });

  it('leaves a quoted slogan of two parallel halves alone', () => {
    expect(texts('深入实施“东数西算”工程。')).toEqual([]);
  });

  it('does not take a sector word (铁路系统) for a facility', () => {
    expect(texts('数位铁路系统人士证实，部分项目将延期。')).toEqual([]);
  });
});

describe('projects: jieba tags that mislead the walk', () => {
  it('keeps a head word inside a name even when tagged as an adverb', () => {
    expect(texts('加快推进齐鲁高速智慧交通、万瑞炭素15万吨负极材料等项目建设。')).toEqual([
      '齐鲁高速智慧交通',
      '万瑞炭素15万吨负极材料',
    ]);
  });

  it('reads 青年 as a word of the name, not a time word', () => {
    expect(texts('加快建设济南青年创业基地。')).toEqual(['济南青年创业基地']);
  });
});

describe('projects: companies in a list of companies', () => {
  it('takes no project from a list governed by 等企业', () => {
    expect(texts('支持江河绿色制造中心、大汉科技等企业加快发展。')).toEqual([]);
  });
});

describe('projects: words that run into the head', () => {
  it('takes the part of a word before a phase head (广州白云机场|三期)', () => {
    expect(texts('广州白云机场三期、深圳宝安机场第三跑道建成投用。')).toEqual(['广州白云机场三期', '深圳宝安机场第三跑道']);
  });

  it('does not take a traffic figure for a name', () => {
    expect(texts('揭阳潮汕机场成为全省第4个吞吐量超千万人次机场。')).toEqual([]);
  });
});

describe('projects: institutions built or opened', () => {
  it('joins two fields with 与 inside an institution’s name', () => {
    // The institute is borderline as a project (p ≈ 0.5); its boundary is not: of the
    // spans ending at 研究所, the whole name is the most probable.
    const text = '中国科学院东莞材料科学与技术研究所挂牌成立，江门中微子实验站建成运行。';
    const norm = normalize(text);
    const { cands, p } = scoreCandidates(norm, { region: 'mainland' });
    const end = text.indexOf('挂牌');
    const best = cands.map((c, k) => ({ c, p: p[k] })).filter((x) => x.c.end === end).sort((a, b) => b.p - a.p)[0];
    expect(text.slice(best.c.start, best.c.end)).toBe('中国科学院东莞材料科学与技术研究所');
    expect(texts(text)).toContain('江门中微子实验站');
  });

  it('keeps 与 as a separator outside institutions', () => {
    expect(texts('推进沪宁高速与宁杭高速建设。')).toEqual(['沪宁高速', '宁杭高速']);
  });
});
