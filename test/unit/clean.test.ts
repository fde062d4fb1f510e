import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAN_RULES, applyCleanups, cleanText, findCleanups, type CleanFinding, type CleanRuleId } from '../../src/core/clean';
import { isRubyReading } from '../../src/core/ruby';

const seed = (name: string) => readFileSync(join(__dirname, '..', '..', 'seeds', name), 'utf8');
const only = (text: string, rule: CleanRuleId) => findCleanups(text).filter((f) => f.rule === rule);
const ONLY_RULE = (rule: CleanRuleId) => ({ rules: Object.fromEntries(CLEAN_RULES.map((r) => [r, r === rule])) });

/** `(pinyin)` groups right after a Han character whose reading they are: the ruby artifacts of a text. */
function rubyArtifacts(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(\p{Script=Han})[(（]([a-zü\u00e0-\u00fc\u0101-\u01dc\u0144\u0148\u01f9\u1e3f]{1,7})[)）]/gu)) {
    if (isRubyReading(m[1], m[2])) out.push(m[0]);
  }
  return out;
}

describe('the API', () => {
  it('lists the six rules', () => {
    expect([...CLEAN_RULES].sort()).toEqual(['broken-word', 'doubled-punctuation', 'garbled', 'half-width-punctuation', 'page-chrome', 'ruby']);
  });
  it('returns nothing for clean text and for the empty string', () => {
    expect(findCleanups('')).toEqual([]);
    expect(findCleanups('济南市今年计划实施重点项目120个，总投资500亿元。')).toEqual([]);
    expect(cleanText('')).toBe('');
  });
  it('turns a rule off when it is set to false, and only that rule', () => {
    const text = '產業(yè)是支撐,,也是引擎';
    expect(cleanText(text)).toBe('產業是支撐，也是引擎');
    expect(cleanText(text, { rules: { ruby: false } })).toBe('產業(yè)是支撐，也是引擎');
    expect(cleanText(text, { rules: { 'doubled-punctuation': false } })).toBe('產業是支撐,,也是引擎');
    expect(findCleanups(text, ONLY_RULE('ruby')).map((f) => f.rule)).toEqual(['ruby']);
  });
  it('applies only findings with a replacement, in order, skipping overlaps', () => {
    const text = 'abcdef';
    const f = (start: number, end: number, replacement?: string): CleanFinding => ({ start, end, replacement, rule: 'ruby', message: '' });
    expect(applyCleanups(text, [f(4, 5, 'X'), f(0, 2, ''), f(1, 3, 'Y'), f(5, 6)])).toBe('cdXf');
  });
});

describe('ruby', () => {
  it('removes a parenthesised syllable that is a reading of the character before it', () => {
    const text = '產業(yè)發(fā)展項（xiàng）目';
    const found = only(text, 'ruby');
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['(yè)', '(fā)', '（xiàng）']);
    expect(found[0]).toMatchObject({ replacement: '', data: { reading: 'yè', char: '業' } });
    expect(found[0].message).toContain('(yè)');
    expect(cleanText(text)).toBe('產業發展項目');
  });
  it('keeps real parentheses: place names, credits, abbreviations, syllables that are no reading', () => {
    for (const text of ['濟南(明水)汽車制造產業園', '網易(濟南)聯合創新中心', '園區各項目正在加速建設。(潘延虎 摄)', '工业(GDP)占比', '中心(AI)', '業(xiàn)']) {
      expect(only(text, 'ruby'), text).toEqual([]);
    }
  });
  it('looks through the artifact for the other rules (a comma after 區(qū) follows Chinese text)', () => {
    expect(cleanText('章丘區(qū),,走進')).toBe('章丘區，走進');
    expect(cleanText('章丘區(qū),走進')).toBe('章丘區，走進');
  });
});

describe('doubled punctuation', () => {
  it('collapses a run to the one mark that should stay', () => {
    const cases: Array<[string, string]> = [
      ['支撐,,也是', '支撐，也是'],
      ['天,、加快', '天、加快'],
      ['眼簾,。新', '眼簾。新'],
      ['支撐，，也是', '支撐，也是'],
      ['结束。。下面', '结束。下面'],
      ['方向,；坚持', '方向；坚持'],
      ['完成，。下一步', '完成。下一步'],
    ];
    for (const [text, want] of cases) expect(cleanText(text, ONLY_RULE('doubled-punctuation')), text).toBe(want);
    const [f] = only('支撐,,也是', 'doubled-punctuation');
    expect(f).toMatchObject({ start: 2, end: 4, replacement: '，', data: { found: ',,', replacement: '，' } });
  });
  it('keeps the marks that are meant: ellipses, dashes, emphasis, and data', () => {
    for (const text of ['等等……还有', '项目——包括', '太好了！！', '真的？！', '他说。。。然后', 'a,,b', '1,,2']) {
      expect(only(text, 'doubled-punctuation'), text).toEqual([]);
    }
  });
});

describe('half-width punctuation', () => {
  it('makes marks between Chinese text full-width', () => {
    expect(cleanText('现场,一个个;建设:加快?是的!好')).toBe('现场，一个个；建设：加快？是的！好');
    expect(cleanText('变成现实?2024年,章丘')).toBe('变成现实？2024年，章丘');
    expect(cleanText('在建工建材产业方面,\n加快实施')).toBe('在建工建材产业方面，\n加快实施');
    expect(cleanText('“项目深化年”,对我市')).toBe('“项目深化年”，对我市');
  });
  it('makes a pair of parentheses around Chinese text full-width, as a pair', () => {
    expect(cleanText('濟南(明水)汽車')).toBe('濟南（明水）汽車');
    expect(cleanText('山东大学龙山校区(创新港)建设')).toBe('山东大学龙山校区（创新港）建设');
    expect(cleanText('校區(qū)(創(chuàng)新港)建設')).toBe('校區（創新港）建設');
    expect(cleanText('园区各项目正在加速建设。(潘延虎 摄)')).toBe('园区各项目正在加速建设。（潘延虎 摄）');
  });
  it('leaves numbers, times, URLs, e-mail, English phrases and Latin parentheses alone', () => {
    for (const text of ['共1,000元', '时间12:30开始', '见https://www.example.com/a?x=1,2;y=3:4 网站', '邮箱:a,b@example.com', 'Hello, world! 你好', '工业(GDP)占比', '有SEN (Special Needs) 的学生', '报名 (Hong Kong) 比赛']) {
      const found = only(text, 'half-width-punctuation').map((f) => text.slice(f.start, f.end));
      expect(found, text).not.toContain(',');
      if (text !== '邮箱:a,b@example.com') expect(found, text).toEqual([]);
    }
    // The colon after 邮箱 is Chinese; the address is not touched.
    expect(cleanText('邮箱:a,b@example.com')).toBe('邮箱:a,b@example.com');
  });
  it('leaves the commas of a comma-separated record alone', () => {
    expect(only('张亮,施工员,0622110100015000029', 'half-width-punctuation')).toEqual([]);
  });
});

describe('page chrome', () => {
  it('removes share, collect, read-on-phone and QR lines with their line breaks', () => {
    const text = '标题在这里\n收藏\n手機(jī)閱讀\n\n掃碼手機端閱讀\n分享到微信\n【字号：\n加大\n】\n正文第一段，讲的是项目建设的情况。\n';
    expect(cleanText(text)).toBe('标题在这里\n正文第一段，讲的是项目建设的情况。\n');
    const kinds = only(text, 'page-chrome').map((f) => f.data?.kind);
    expect(kinds).toContain('share');
    expect(kinds).toContain('debris');
  });
  it('removes image file names, crumbs, section-name lines and editor bylines', () => {
    const text = [
      '济南新闻 章丘新闻 平阴新闻 济阳新闻 商河新闻',
      '地方网 > 山东 > 济南市 > 正文',
      '',
      '济南新材料产业园区加速新动能产业项目落地',
      '来源:济南日报 2018-03-16 12:49',
      '园区各项目正在加速建设，推动产业规模逐步成型。',
      '11.png',
      '全年签约24个项目，合同额内资45.51亿元人民币。',
      '编辑:吴晓璐',
      '',
    ].join('\n');
    const out = cleanText(text);
    expect(out).toBe('济南新材料产业园区加速新动能产业项目落地\n来源：济南日报 2018-03-16 12:49\n园区各项目正在加速建设，推动产业规模逐步成型。\n全年签约24个项目，合同额内资45.51亿元人民币。\n');
    expect(only(text, 'page-chrome').map((f) => f.data?.kind)).toEqual(['sections', 'crumb', 'image', 'byline']);
  });
  it('removes a related-reading box at the end: the heading and the link lines under it', () => {
    const text = '最后一段正文，讲的是发展的情况。\n编辑:吴晓璐\n- 热点推荐\n- 相关阅读\n章丘区用工作实效检验主题教育成效 01-01\n章丘区践行“四下基层”推进主题教育见实效 12-11';
    expect(cleanText(text)).toBe('最后一段正文，讲的是发展的情况。\n');
  });
  it('gives back, in the middle of a text, a heading that follows a box', () => {
    const text = '第一段正文，讲的是项目建设的情况。\n相关阅读\n• 一条链接的标题\n加快建设交通强省\n第二段正文，讲的是交通建设的情况。\n';
    expect(cleanText(text)).toBe('第一段正文，讲的是项目建设的情况。\n加快建设交通强省\n第二段正文，讲的是交通建设的情况。\n');
  });
  it('never removes a sentence, a heading, a reporter byline or the dateline', () => {
    const text = [
      '一张蓝图绘到底 六大行动谱新“章”',
      '',
      '记者 支倩倩 通讯员 孟凡庚',
      '',
      '来源：解放日报',
      '时间：2026-02-09',
      '2026年02月10日 07时41分',
      '上海市市长 龚 正',
      '各位代表：',
      '关注民生',
      '现在，我代表上海市人民政府，向大会报告工作，请予审议。',
      '一、2025年工作回顾',
      '各位代表！',
    ].join('\n');
    expect(only(text, 'page-chrome')).toEqual([]);
  });
  it('follows a crumb split over lines, with its prompt and the repeated channel name', () => {
    const text = '您的位置:\n首页\n>\n云南要闻\n云南要闻\n2026年政府工作报告\n来源：云南日报\n现在，我代表省人民政府，向大会报告工作，请予审议。\n';
    expect(cleanText(text)).toBe('2026年政府工作报告\n来源：云南日报\n现在，我代表省人民政府，向大会报告工作，请予审议。\n');
  });
  it('removes a footer of bullet lines after the last paragraph', () => {
    const text = '下一步，起步区将把此次观摩成果转化为工作推进的动力。\n\n  • 人民日报社中国经济周刊官方网站\n  • 中央新闻网站\n《中国经济周刊》杂志社有限公司\n  • 违法和不良信息举报电话:010-65363150\n';
    expect(cleanText(text)).toBe('下一步，起步区将把此次观摩成果转化为工作推进的动力。\n');
  });
  it('keeps a list of points that ends an article', () => {
    const text = '今年的主要任务如下，请各单位抓好落实。\n• 加快建设交通强省\n• 推进城乡供水一体化\n• 完成国道改建\n';
    expect(only(text, 'page-chrome')).toEqual([]);
  });
  it('removes a byline split over two lines, a labelled subscribe link and the ids of a link box', () => {
    const text = [
      '各位代表！实干兴滇，笃行致远。让我们更加紧密地团结起来。',
      '责任编辑：',
      '李莎莎',
      '扫一扫在手机打开当前页',
      '相关链接>>',
      'abcd39f1fb7f426d9dfb6bd0fa1f2146:',
      '解读省政府工作报告：在服务大局中担难担重前行',
      '打印本页',
      '月费订户 网址：example.com/aboutus/#subscribe',
    ].join('\n');
    expect(cleanText(text)).toBe('各位代表！实干兴滇，笃行致远。让我们更加紧密地团结起来。\n');
  });
  it('keeps the contact lines of a notice', () => {
    const text = '现将中标候选人公示如下，公示期三日。\n1.招标人：某某公路建设养护中心\n 电话：15697277763\n2.招标代理机构：某某建设科技有限责任公司\n 电话：18608600217\n';
    expect(only(text, 'page-chrome')).toEqual([]);
  });
});

describe('broken words', () => {
  const before = '在新材料产业方面,以圣泉、明泉等重点企业为依托,加快建设硬碳负极材料等一批高分子材料项';
  it('joins a word split across a blank line', () => {
    const text = `${before}\n\n目,高标准打造“中国晶谷”。`;
    const [f] = only(text, 'broken-word');
    expect(f).toMatchObject({ start: before.length, end: before.length + 2, replacement: '', data: { before: '项', after: '目', word: '项目' } });
    expect(cleanText(text, ONLY_RULE('broken-word'))).toBe(`${before}目,高标准打造“中国晶谷”。`);
  });
  it('leaves a heading and the paragraph after it, a caption credit, and a single line break', () => {
    for (const text of [
      '推进中国式现代化章丘实践,争当高质量发展领跑者\n\n记者 支倩倩 通讯员 孟凡庚',
      '調查主任王曉雯（右），今天發表兩份有關食環署公眾街市的調查報吿。陳芷琪攝\n\n食環署回應，大致上同意申訴專員的意見。',
      `${before}\n目,高标准打造“中国晶谷”。`,
      `${before}。\n\n目前,高标准打造“中国晶谷”。`,
      '章丘区将做大做优园区平台。推进明水经开区扩区\n\n调区,依托齐鲁科创大走廊等园区平台',
    ]) {
      expect(only(text, 'broken-word'), text).toEqual([]);
    }
  });
});

describe('garbled', () => {
  it('reports text lost to bad encoding and never replaces it', () => {
    const cases: Array<[string, string]> = [
      ['方式進(jìn)行?,F(xiàn)場觀摩', '?,F(xiàn)'],
      ['布局?jǐn)?shù)字經濟', '?jǐn)?shù)'],
      ['成形起勢?;顒悠陂g,與會', '?;顒悠陂g,'],
      ['日??己嗽u價', '??己嗽u'],
      ['进入前1?。医疗', '?'],
      ['损坏的\uFFFD\uFFFD字符', '\uFFFD\uFFFD'],
      ['ä¸­æ–‡乱码', 'ä¸­æ–‡'],
      ['锟斤拷锟斤拷文本', '锟斤拷锟斤拷'],
    ];
    for (const [text, want] of cases) {
      const found = only(text, 'garbled');
      expect(found.map((f) => text.slice(f.start, f.end)), text).toEqual([want]);
      expect(found[0].replacement).toBeUndefined();
      expect(found[0].data?.found).toBe(want);
      expect(cleanText(text)).toContain(want);
    }
  });
  it('leaves real question marks to the half-width rule', () => {
    expect(only('变成现实?2024年', 'garbled')).toEqual([]);
    expect(only('What is it for? 我们', 'garbled')).toEqual([]);
    expect(only('为什么?\n', 'garbled')).toEqual([]);
  });
});

describe('offsets', () => {
  it('are UTF-16 code units, with characters outside the BMP before the findings', () => {
    const body = '產業(yè)是支撐,,也是引擎\n11.png\n结束了，这是最后的一句话。';
    for (const prefix of ['𠮷', '😀😀', '𠮷a😀']) {
      const plain = findCleanups(body);
      const shifted = findCleanups(prefix + body);
      expect(shifted.map((f) => [f.start - prefix.length, f.end - prefix.length, f.rule])).toEqual(plain.map((f) => [f.start, f.end, f.rule]));
      for (const f of shifted) expect((prefix + body).slice(f.start, f.end)).toBe(body.slice(f.start - prefix.length, f.end - prefix.length));
    }
    // A ruby artifact after a character outside the BMP is measured in code units too.
    const text = '𠮷產業(yè)';
    const [f] = only(text, 'ruby');
    expect([f.start, f.end]).toEqual([4, 8]);
  });
});

describe('seeds', () => {
  // Real parentheses of seeds 000 and 004 (content between the brackets), which must survive
  // cleaning (the half-width rule makes the brackets full-width).
  const REAL: Record<string, string[]> = {
    '000_dbe85c08eada0134.txt': ['明水', '濟南', '創新港'],
    '004_eb79909535b2c4d2.txt': ['功能區'],
  };
  for (const [name, real] of Object.entries(REAL)) {
    it(`${name}: every ruby artifact is removed and every real parenthesis kept`, () => {
      const text = seed(name);
      const before = rubyArtifacts(text);
      expect(before.length).toBeGreaterThan(100);
      const out = cleanText(text);
      expect(rubyArtifacts(out)).toEqual([]);
      // No toned-pinyin group is left after a Han character at all.
      expect(out.match(/\p{Script=Han}[(（][a-zü\u00e0-\u00fc\u0101-\u01dc]{1,7}[)）]/gu)).toBeNull();
      for (const r of real) {
        const inText = text.match(new RegExp(`[(（]${r.split('').join('(?:\\([a-zü\\u00e0-\\u01dc]+\\))?')}(?:\\([a-zü\\u00e0-\\u01dc]+\\))?[)）]`, 'g')) ?? [];
        expect(inText.length, r).toBeGreaterThan(0);
        expect(out.match(new RegExp(`[(（]${r}[)）]`, 'g'))?.length, r).toBe(inText.length);
      }
      // The ruby rule finds exactly the artifacts counted (with page-chrome on, those on
      // furniture lines go with their lines).
      expect(findCleanups(text, { rules: { 'page-chrome': false } }).filter((f) => f.rule === 'ruby').length).toBe(before.length);
    });
  }
  it('000: doubled commas become one mark and the related-reading box goes', () => {
    const out = cleanText(seed('000_dbe85c08eada0134.txt'));
    expect(out).not.toMatch(/[,，、。][,，、。]/);
    expect(out).toContain('產業是經濟發展的有力支撐，也是高質量發展的關鍵引擎。');
    expect(out).toContain('一個個熱火朝天、加快建設的施工現場');
    expect(out).not.toContain('編輯');
    expect(out).not.toContain('相關閱讀');
    expect(out).not.toContain('章丘區踐行');
    expect(out.trimEnd().endsWith('2024年，章丘必將乘風破浪、行穩致遠。')).toBe(true);
  });
  it('003: the page chrome at the top and bottom goes and the article body stays', () => {
    const text = seed('003_18636f1f2a988c6d.txt');
    const out = cleanText(text);
    const lines = out.split('\n');
    // The first and last chrome lines are gone, and everything between them at top and bottom.
    expect(text.split('\n')[0]).toBe('济南新闻 章丘新闻 平阴新闻 济阳新闻 商河新闻');
    expect(out).not.toContain('济南新闻 章丘新闻');
    expect(out).not.toContain('地方网 >');
    expect(out).not.toContain('热点排行');
    for (const chrome of ['频道推荐', '猜你喜欢', '相关新闻', '图文看点', '乡里乡亲', '文牧野', '按下快进键 抢抓黄金期', '新闻推荐']) expect(out, chrome).not.toContain(chrome);
    expect(lines[0]).toBe('济南新材料产业园区加速新动能产业项目落地争当“携河北跨”发展“第一团”');
    // The dateline, the captions and the body.
    expect(out).toMatch(/\n来源：济南日报 2018-03-16 12:49\s+https:\/\/www\.yybnet\.net\/\n/);
    expect(out).toContain('园区各项目正在加速建设。（潘延虎 摄）');
    expect(out).toContain('乘势而为，方显大智慧。');
    expect(out).toContain('抓项目建设就是抓动能转换、抓转型升级。');
    expect(out).toContain('源源不断的发展新活力得益于经济质量与效益的全面提升。');
    expect(out).toContain('在全市新旧动能转换工作中画上浓墨重彩的一笔。（本报记者 张素芬 李冬阳通讯员 齐龙跃 潘延虎）');
    // Every paragraph of the article is there (its Han characters, in order).
    const han = (s: string) => s.replace(/[^\p{Script=Han}]/gu, '');
    const start = text.indexOf('济南新材料产业园区加速');
    const end = text.indexOf('新闻推荐');
    expect(han(out)).toContain(han(text.slice(start, end)));
  });
  it('004: the buttons at the top, the image names and the footer go; the garbled text is reported', () => {
    const text = seed('004_eb79909535b2c4d2.txt');
    const out = cleanText(text);
    expect(out.split('\n')[0]).toBe('濟南起步區在2024全市重大項目現場觀摩再創佳績');
    expect(out.split('\n')[1]).toMatch(/^2024年12月11日，濟南市深化新舊動能轉換/);
    for (const chrome of ['收藏', '手機閱讀', '掃碼', '小程序', '網上訂閱', '新浪微博', '頂部', '11.png', '33.png', '中央新聞網站', 'jjw@ceweekly.cn']) expect(out, chrome).not.toContain(chrome);
    expect(out.trimEnd().endsWith('助力新區建設發展全面成形起勢。')).toBe(true);
    expect(only(text, 'garbled').map((f) => f.data?.found)).toEqual(['?,F(xiàn)', '??己嗽u', '?;顒悠陂g,', '?jǐn)?shù)']);
  });
  it('001: the word split across a blank line is joined, nothing else', () => {
    const text = seed('001_0dcb08201958aaa3.txt');
    const found = only(text, 'broken-word');
    expect(found.map((f) => f.data?.word)).toEqual(['项目']);
    expect(cleanText(text)).toContain('一批高分子材料项目，高标准打造“中国晶谷”');
    expect(only(text, 'page-chrome')).toEqual([]);
  });
  it('002: a clean text loses nothing but half-width marks', () => {
    const text = seed('002_fb29d575c7937b22.txt');
    expect(new Set(findCleanups(text).map((f) => f.rule))).toEqual(new Set(['half-width-punctuation']));
  });
});
