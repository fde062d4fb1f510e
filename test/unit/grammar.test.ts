import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/core/convert';
import { extract } from '../../src/core/extract';
import {
  DATE_SCOPE, GRAMMAR_FILE, INJECTION_SELECTOR, MONEY_SCOPE, PLAIN_TEXT_GRAMMAR, PLAIN_TEXT_GRAMMAR_FILE, buildGrammar, datePattern,
  expand, moneyPattern, serializeGrammar, variantsOf,
} from '../../src/core/grammar';
import { POST_WORD, SYMBOLS, UNITS, WORD_SYMBOLS } from '../../src/core/patterns';

const ROOT = join(__dirname, '../..');
const grammar = buildGrammar();
const MONEY = new RegExp(grammar.repository.money.match, 'g');
const DATE = new RegExp(grammar.repository.date.match, 'g');

interface Hit {
  type: 'money' | 'date';
  start: number;
  end: number;
  text: string;
}

/**
 * What a TextMate editor colours with the grammar: line by line, the leftmost match
 * of the two patterns (money first on a tie), scanning on after each match.
 */
function scan(text: string, patterns: [Hit['type'], RegExp][] = [['money', MONEY], ['date', DATE]]): Hit[] {
  const out: Hit[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let pos = 0;
    for (;;) {
      let best: { type: Hit['type']; index: number; end: number } | undefined;
      for (const [type, re] of patterns) {
        re.lastIndex = pos;
        const m = re.exec(line);
        if (m && (!best || m.index < best.index)) best = { type, index: m.index, end: m.index + m[0].length };
      }
      if (!best) break;
      out.push({ type: best.type, start: lineStart + best.index, end: lineStart + best.end, text: line.slice(best.index, best.end) });
      pos = Math.max(best.end, best.index + 1);
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** The core's money and date spans, in the same form. */
const core = (text: string): Hit[] =>
  extract(text, { types: ['money', 'date'] }).map((e) => ({ type: e.type as Hit['type'], start: e.start, end: e.end, text: e.text }));

describe('grammar: the committed files', () => {
  it('are what grammar.ts generates now (run `npm run grammar` after changing the patterns)', () => {
    expect(readFileSync(join(ROOT, GRAMMAR_FILE), 'utf8')).toBe(serializeGrammar(grammar));
    expect(readFileSync(join(ROOT, PLAIN_TEXT_GRAMMAR_FILE), 'utf8')).toBe(serializeGrammar(PLAIN_TEXT_GRAMMAR));
  });
  it('is an injection grammar with two patterns under standard scopes', () => {
    expect(grammar.scopeName).toBe('policy-lens.injection');
    expect(grammar.injectionSelector).toBe(INJECTION_SELECTOR);
    expect(INJECTION_SELECTOR).toMatch(/^L:text\.plain, L:text\.html\.markdown meta\.paragraph\.markdown - \(/);
    expect(grammar.patterns).toEqual([{ include: '#money' }, { include: '#date' }]);
    expect(grammar.repository.money.name).toBe(MONEY_SCOPE);
    expect(grammar.repository.date.name).toBe(DATE_SCOPE);
    expect([MONEY_SCOPE, DATE_SCOPE].every((s) => s.startsWith('constant.numeric.'))).toBe(true);
  });
});

describe('grammar: patterns in the common subset of Oniguruma and JavaScript', () => {
  it('compile as JavaScript regexes', () => {
    for (const r of Object.values(grammar.repository)) expect(() => new RegExp(r.match)).not.toThrow();
  });
  it('use no escapes whose meaning differs between the engines, no possessive quantifiers, no numbered groups', () => {
    for (const r of Object.values(grammar.repository)) {
      // Drop escaped backslashes, then look for \d \w \s \b \h \p and friends.
      const src = r.match.replace(/\\\\/g, '');
      expect(src).not.toMatch(/\\[dDwWsSbBhHpPzZAGRX]/);
      expect(src).not.toMatch(/[*+?}]\+/);
      expect(src).not.toMatch(/\\[1-9]/);
      // Every group is non-capturing, a lookaround or named.
      expect(src.replace(/\\\(/g, '').replace(/\[(?:\\.|[^\]\\])*\]/g, '')).not.toMatch(/\((?!\?(?::|=|!|<=|<!|<[A-Za-z]))/);
    }
  });
  it('widen each character to the forms normalisation folds to it', () => {
    expect(variantsOf('亿')).toContain('億');
    expect(variantsOf('万')).toContain('萬');
    expect(variantsOf('圆')).toContain('圓');
    expect(variantsOf('1')).toContain('１');
    expect(variantsOf('¥')).toContain('￥');
    expect(variantsOf(' ')).toEqual(expect.arrayContaining([' ', '\u00a0', '\u3000']));
    expect(expand('\\d{4}')).toBe('[0-9０-９]{4}');
    expect(expand('亿元')).toBe('[亿億]元');
    expect(expand('(\\d)([-/])\\2')).toMatch(/^\(\?:\[0-9０-９\]\)\(\?<(\w+)>\[\\-\/\]\)\\k<\1>$/);
    expect(() => expand('\\w')).toThrow();
  });
});

describe('grammar: the same spans as the core', () => {
  const texts = [
    // Simplified.
    '全市完成投资548.5亿元，其中2610万美元来自外资，45.51亿元人民币用于基建。',
    '2024年4月8日，项目开工；2024年4月份完成一期，第一季度投资增长，前三季度累计完成。',
    '“十四五”期间，上半年完成五十亿元投资；今年7月1日起实施，2018-03-16 12:49发布。',
    '二〇二六年一月二十七日印发，年底前完成，十块三毛，第十五个五年计划，1-10月份。',
    '２０２４年４月８日投资１２０亿元，6月底前竣工，US$3.5 million。',
    // Traditional (Hong Kong, Taiwan).
    '全市完成投資548.5億元，其中2610萬美元來自外資；HK$3.5億用於基建。',
    '民國113年5月開工，新臺幣3億元，預算56 億 7,502 萬元；第一季度、前三季度、上半年。',
    '2024年4月8日公佈，2024年4月份動工，“十四五”規劃，五十億元。',
  ];
  for (const text of texts) {
    it(text, () => {
      const hits = scan(text);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits).toEqual(core(text));
    });
  }
  it('colours each listed form as one span of its type', () => {
    const forms: [string, Hit['type']][] = [
      ['548.5亿元', 'money'], ['2610万美元', 'money'], ['548.5億元', 'money'], ['新臺幣3億元', 'money'], ['HK$3.5億', 'money'],
      ['2024年4月份', 'date'], ['2024年4月8日', 'date'], ['第一季度', 'date'], ['前三季度', 'date'], ['十四五', 'date'],
      ['民國113年5月', 'date'],
    ];
    for (const [form, type] of forms) {
      const text = `據報，${form}。`;
      expect(scan(text), form).toEqual([{ type, start: 3, end: 3 + form.length, text: form }]);
      expect(core(text), form).toEqual([{ type, start: 3, end: 3 + form.length, text: form }]);
    }
  });
  it('on the seed texts, every span it colours is a span of the core', () => {
    const dir = join(ROOT, 'seeds');
    let n = 0;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '');
      const spans = new Set(core(text).map((e) => `${e.type}:${e.start}:${e.end}`));
      for (const h of scan(text)) {
        expect(spans.has(`${h.type}:${h.start}:${h.end}`), `${f}: ${h.type} ${h.text}`).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(50);
  });
});

describe('grammar: only what is money or a date by itself', () => {
  it('leaves bare numbers, counts, areas and percentages alone', () => {
    for (const text of ['3000萬人', '3000万人', '300公頃', '300公顷', '120个', '120個', '2024', '12.5%', '第3个', '3个月', '100多家', '三年内', '每年底', '一元二次方程', '零元']) {
      expect(scan(text), text).toEqual([]);
    }
  });
  it('leaves amounts without a unit to the decorations (the core decides them from their clause)', () => {
    const text = '项目总投资120亿，带动就业3000人。';
    expect(core(text).map((e) => e.text)).toEqual(['120亿']);
    expect(scan(text)).toEqual([]);
  });
});

describe('grammar: one definition with the core', () => {
  const amount = (unit: string) => (unit === '块' ? '3块5毛' : `3亿${unit}`);
  it('matches every currency unit of the core, simplified and traditional', () => {
    for (const [unit] of UNITS) {
      for (const form of new Set([amount(unit), convert(amount(unit), 'traditional'), convert(amount(unit), 'taiwan')])) {
        const text = `共${form}。`;
        expect(scan(text, [['money', MONEY]]).map((h) => h.text), form).toEqual([form]);
        expect(core(text).map((e) => e.text), form).toEqual([form]);
      }
    }
  });
  it('matches every currency symbol, currency word and currency word after 元 of the core', () => {
    for (const sym of SYMBOLS) expect(scan(`共${sym}35`, [['money', MONEY]]).map((h) => h.text), sym).toEqual([`${sym}35`]);
    for (const w of WORD_SYMBOLS) expect(scan(`共${convert(w, 'taiwan')}3亿元`, [['money', MONEY]]).map((h) => h.text)).toEqual([`${convert(w, 'taiwan')}3亿元`]);
    for (const w of Object.keys(POST_WORD)) expect(scan(`共9000元${w}`, [['money', MONEY]]).map((h) => h.text)).toEqual([`9000元${w}`]);
  });
  it('picks up a unit added to the core’s list', () => {
    expect(scan('共3亿克朗', [['money', MONEY]])).toEqual([]);
    UNITS.splice(UNITS.length - 4, 0, ['克朗', 'SEK']);
    try {
      expect(new RegExp(moneyPattern()).exec('共3亿克朗')?.[0]).toBe('3亿克朗');
    } finally {
      UNITS.splice(UNITS.findIndex(([u]) => u === '克朗'), 1);
    }
    expect(new RegExp(moneyPattern()).exec('共3亿克朗')).toBeNull();
  });
});

// Oniguruma (the engine VS Code runs grammars with) and VS Code's own Markdown grammar,
// from the code-server that `bash scripts/vscode/setup.sh` installs; skipped without it.
const VSCODE = process.env.POLICY_LENS_VSCODE_DIR ?? join(ROOT, '.vscode-test/code-server/node_modules/code-server/lib/vscode');
const haveVscode = existsSync(join(VSCODE, 'node_modules/vscode-oniguruma')) && existsSync(join(VSCODE, 'node_modules/vscode-textmate'));

describe.skipIf(!haveVscode)('grammar: in VS Code’s TextMate engine', () => {
  const req = createRequire(join(VSCODE, 'package.json'));
  const load = async () => {
    const onig = req('vscode-oniguruma');
    const tm = req('vscode-textmate');
    await onig.loadWASM(readFileSync(join(VSCODE, 'node_modules/vscode-oniguruma/release/onig.wasm')).buffer);
    return { onig, tm };
  };
  let engine: Promise<{ onig: any; tm: any }> | undefined;
  const registry = async (injectInto: string[], selector = INJECTION_SELECTOR) => {
    const { onig, tm } = await (engine ??= load());
    const inj = { ...grammar, injectionSelector: selector };
    return new tm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
      loadGrammar: async (scope: string) => {
        if (scope === 'text.plain') return PLAIN_TEXT_GRAMMAR;
        if (scope === 'policy-lens.injection') return inj;
        if (scope === 'text.html.markdown') {
          const file = join(VSCODE, 'extensions/markdown-basics/syntaxes/markdown.tmLanguage.json');
          return tm.parseRawGrammar(readFileSync(file, 'utf8'), file);
        }
        return null;
      },
      getInjections: (scope: string) => (injectInto.includes(scope) ? ['policy-lens.injection'] : undefined),
    });
  };
  /** Each line's tokens as [text, scopes]. */
  const tokenize = async (scope: string, text: string, injectInto: string[], selector?: string) => {
    const { tm } = await (engine ??= load());
    const g = await (await registry(injectInto, selector)).loadGrammar(scope);
    let state = tm.INITIAL;
    return text.split('\n').map((line) => {
      const r = g.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens.map((t: { startIndex: number; endIndex: number; scopes: string[] }) => ({ start: t.startIndex, end: t.endIndex, scopes: t.scopes }));
    });
  };

  it('compiles every pattern', async () => {
    const { onig } = await (engine ??= load());
    for (const r of Object.values(grammar.repository)) expect(() => new onig.OnigScanner([r.match])).not.toThrow();
  });

  it('colours plain text exactly where the JavaScript scan does', async () => {
    const dir = join(ROOT, 'seeds');
    const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const lines = await tokenize('text.plain', text, ['text.plain']);
    const got: string[] = [];
    let offset = 0;
    text.split('\n').forEach((line, k) => {
      for (const t of lines[k]) {
        const s = t.scopes.at(-1)!;
        if (s === MONEY_SCOPE || s === DATE_SCOPE) got.push(`${s === MONEY_SCOPE ? 'money' : 'date'}:${offset + t.start}:${offset + t.end}`);
      }
      offset += line.length + 1;
    });
    expect(got.length).toBeGreaterThan(50);
    expect(got).toEqual(scan(text).map((h) => `${h.type}:${h.start}:${h.end}`));
  });

  const MARKDOWN = [
    '# 2024年4月8日 工作报告',
    '',
    '2024年4月8日，市政府宣布**总投资548.5亿元**，详见[2024年报告](https://example.com/2024年4月)。',
    '',
    '- 2024年第一季度完成 300 公頃',
    '1. 民國113年5月開工，新臺幣3億元',
    '',
    '> 前三季度增长，上半年 2024年4月份',
    '',
    '| 项目 | 金额 |',
    '|---|---|',
    '| 甲 | 548.5億元 |',
    '',
    'Inline `548.5亿元 2024年` code.',
    '',
    '```',
    '2024年4月8日 548.5亿元',
    '```',
  ].join('\n');
  /** Per character of each line, the Markdown scopes (ours left out) and whether ours applies. */
  const perChar = (lines: { start: number; end: number; scopes: string[] }[][]) =>
    lines.map((tokens, k) =>
      tokens
        .flatMap((t) =>
          Array.from({ length: t.end - t.start }, () => ({
            md: t.scopes.filter((s) => s !== MONEY_SCOPE && s !== DATE_SCOPE).join(' '),
            ours: t.scopes.find((s) => s === MONEY_SCOPE || s === DATE_SCOPE),
          })),
        )
        .slice(0, MARKDOWN.split('\n')[k].length),
    );

  it('leaves Markdown’s own scopes as they are, and colours running text but not code', async () => {
    const plain = perChar(await tokenize('text.html.markdown', MARKDOWN, []));
    const injected = perChar(await tokenize('text.html.markdown', MARKDOWN, ['text.html.markdown']));
    expect(injected.map((l) => l.map((c) => c.md))).toEqual(plain.map((l) => l.map((c) => c.md)));
    const lines = MARKDOWN.split('\n');
    const coloured = injected.map((l, k) => {
      let s = '';
      l.forEach((c, i) => (s += c.ours ? lines[k][i] : ' '));
      return s.trim().split(/ +/).filter(Boolean);
    });
    expect(coloured[0]).toEqual(['2024年4月8日']);
    expect(coloured[2]).toEqual(['2024年4月8日', '548.5亿元', '2024年']);
    expect(coloured[5]).toEqual(['民國113年5月', '新臺幣3億元']);
    expect(coloured[11]).toEqual(['548.5億元']);
    expect(coloured[13]).toEqual([]);
    expect(coloured[16]).toEqual([]);
  });

  it('would break paragraphs if injected at Markdown’s root (why the selector is narrower)', async () => {
    const plain = perChar(await tokenize('text.html.markdown', MARKDOWN, []));
    const root = perChar(await tokenize('text.html.markdown', MARKDOWN, ['text.html.markdown'], 'L:text.plain, L:text.html.markdown'));
    expect(plain[2][0].md).toContain('meta.paragraph.markdown');
    expect(root[2][0].md).not.toContain('meta.paragraph.markdown');
  });
});
