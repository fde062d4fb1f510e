import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  alreadyInTarget,
  chunks,
  convert,
  convertLarge,
  countScripts,
  isLoaded,
  isNameBreak,
  lineEdits,
  OPENCC_CONFIG,
  openccConverter,
  setProjectFinder,
  TARGETS,
  type Target,
} from '../../src/core/convert';
import { extractDocument } from '../../src/core/document';

const root = join(__dirname, '..', '..');
const seeds = readdirSync(join(root, 'seeds'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ name: f, text: readFileSync(join(root, 'seeds', f), 'utf8') }));

// What the command line and the extension hand in: the extractor finds the project names.
beforeAll(() => {
  setProjectFinder((text) => extractDocument(text, { types: ['project'] }).entities);
});

describe('convert: directions', () => {
  it('loads a direction only when it is first used', () => {
    expect(isLoaded('hongkong')).toBe(false);
    convert('软件', 'hongkong');
    expect(isLoaded('hongkong')).toBe(true);
  });

  it('converts with phrases, not only characters', () => {
    expect(convert('头发和发展', 'traditional')).toBe('頭髮和發展');
    expect(convert('頭髮和發展', 'simplified')).toBe('头发和发展');
  });

  it('gives each regional standard', () => {
    expect(convert('软件和信息', 'taiwan')).toBe('軟件和信息');
    expect(convert('软件和信息', 'taiwan-phrases')).toBe('軟體和資訊');
    expect(convert('着手', 'hongkong')).toBe('着手');
    expect(convert('著手', 'simplified')).toBe('着手');
  });

  it('reads Taiwan and Hong Kong forms when converting to simplified', () => {
    // Regional variants map back (臺 → 台, 裏 → 里); Taiwan vocabulary only with the phrases target.
    expect(convert('臺灣的軟體', 'simplified')).toBe('台湾的软体');
    expect(convert('臺灣的軟體', 'simplified-phrases')).toBe('台湾的软件');
  });

  it('never changes a mainland term when converting mainland traditional text', () => {
    expect(convert('用地指標、通訊員、線上', 'simplified')).toBe('用地指标、通讯员、线上');
  });
});

describe('convert: protected terms and house style', () => {
  it('leaves protected terms as they are (OpenCC turns 乾河 into 干河)', () => {
    expect(convert('實施乾河分洪工程', 'simplified')).toBe('实施干河分洪工程');
    expect(convert('實施乾河分洪工程', 'simplified', { protect: ['乾河分洪'] })).toBe('实施乾河分洪工程');
  });

  it('lets the user’s phrase pairs win over OpenCC', () => {
    expect(convert('项目和软件', 'taiwan-phrases')).toBe('專案和軟體');
    expect(convert('项目和软件', 'taiwan-phrases', { customPhrases: { 项目: '項目' } })).toBe('項目和軟體');
  });

  it('matches the longest term first, and a protected term wins over a pair for the same source', () => {
    const opts = { protect: ['华润雪花'], customPhrases: { 华润: 'X', 华润雪花: 'Y' } };
    expect(convert('华润雪花啤酒', 'traditional', opts)).toBe('华润雪花啤酒');
    expect(convert('华润集团', 'traditional', opts)).toBe('X集團');
  });
});

describe('convert: already in the target script', () => {
  it('counts characters of each script', () => {
    expect(countScripts('发展與建设')).toEqual({ traditional: 1, simplified: 2 });
    // Characters both scripts write (乾 of 乾坤, 后 of 皇后, 里 of 公里) are evidence of neither.
    expect(countScripts('乾河后里')).toEqual({ traditional: 0, simplified: 0 });
    expect(countScripts('𠮷😀 ASCII')).toEqual({ traditional: 0, simplified: 0 });
  });

  it('says nothing without evidence: empty text, no Chinese, words both scripts write alike', () => {
    for (const t of TARGETS) {
      expect(alreadyInTarget('', t), t).toBe(false);
      expect(alreadyInTarget('plain ASCII, 2024', t), t).toBe(false);
      expect(alreadyInTarget('智慧港口', t), t).toBe(false);
      expect(alreadyInTarget('中心', t), t).toBe(false);
    }
  });

  it('judges short phrases and single words by their characters', () => {
    // A four-character simplified phrase is no traditional text, one traditional word no simplified text.
    expect(alreadyInTarget('发展项目', 'traditional')).toBe(false);
    expect(alreadyInTarget('发展项目', 'taiwan-phrases')).toBe(false);
    expect(alreadyInTarget('发展项目', 'simplified')).toBe(true);
    expect(alreadyInTarget('軟體', 'simplified')).toBe(false);
    expect(alreadyInTarget('軟體', 'simplified-phrases')).toBe(false);
    expect(alreadyInTarget('軟體', 'hongkong')).toBe(true);
    expect(alreadyInTarget('项', 'simplified')).toBe(true);
    expect(alreadyInTarget('項', 'simplified')).toBe(false);
  });

  it('does not call mixed text converted, but tolerates a few strays in a text of the target', () => {
    expect(alreadyInTarget('软件和資訊', 'simplified')).toBe(false);
    expect(alreadyInTarget('软件和資訊', 'traditional')).toBe(false);
    expect(alreadyInTarget('这是简体文本，只有一个繁體字', 'simplified')).toBe(true);
    const simplified = '这是一个关于发展项目的简体说明。'.repeat(20);
    expect(alreadyInTarget(simplified + '「臺灣」', 'simplified')).toBe(true);
    expect(alreadyInTarget(simplified + '臺灣的軟體與資訊產業發展'.repeat(10), 'simplified')).toBe(false);
  });

  it('notices text that is already converted', () => {
    const simplified = seeds.find((s) => s.name.startsWith('002'))!.text;
    const traditional = seeds.find((s) => s.name.startsWith('004'))!.text;
    expect(alreadyInTarget(simplified, 'simplified')).toBe(true);
    expect(alreadyInTarget(simplified, 'traditional')).toBe(false);
    expect(alreadyInTarget(traditional, 'simplified')).toBe(false);
    expect(alreadyInTarget(traditional, 'taiwan')).toBe(true);
  });
});

describe('convert: text already simplified, and project names (to simplified)', () => {
  it('leaves mainland words of simplified text alone with simplified-phrases', () => {
    const text = '建设智慧港口项目，突破核心技术，建立长效机制。';
    expect(convert(text, 'simplified-phrases')).toBe(text);
    expect(convert(text, 'simplified')).toBe(text);
    // OpenCC's tw2sp itself rewrites them: the Taiwan vocabulary is for Taiwan text.
    expect(openccConverter('simplified-phrases')(text)).toBe('建设智能港口项目，突破内核技术，创建长效机制。');
  });

  it('still turns Taiwan vocabulary into mainland words', () => {
    expect(convert('臺灣的軟體和資訊產業', 'simplified-phrases')).toBe('台湾的软件和信息产业');
    expect(convert('軟體', 'simplified-phrases')).toBe('软件');
    expect(convert('資訊', 'simplified-phrases')).toBe('信息');
  });

  it('decides sentence by sentence', () => {
    expect(convert('智慧城市建设取得成效。臺灣的軟體產業。\n核心区建立了。資訊科技！', 'simplified-phrases')).toBe(
      '智慧城市建设取得成效。台湾的软件产业。\n核心区建立了。信息技术！',
    );
  });

  it('keeps characters simplified writing uses too in simplified sentences (乾河分洪)', () => {
    expect(convert('实施乾河分洪工程', 'simplified')).toBe('实施乾河分洪工程');
    expect(convert('实施乾河分洪工程', 'simplified-phrases')).toBe('实施乾河分洪工程');
    expect(convert('实施乾河分洪工程', 'simplified', { protectProjects: false })).toBe('实施乾河分洪工程');
    // In traditional text 乾 is the traditional form of 干.
    expect(convert('天氣乾燥', 'simplified')).toBe('天气干燥');
  });

  it('keeps project names already written in simplified inside traditional text', () => {
    expect(convert('今年實施乾河分洪工程項目。', 'simplified')).toBe('今年实施乾河分洪工程项目。');
    expect(convert('今年實施乾河分洪工程項目。', 'simplified', { protectProjects: false })).toBe('今年实施干河分洪工程项目。');
    expect(convert('推進智慧港口項目建設。', 'simplified-phrases')).toBe('推进智慧港口项目建设。');
    expect(convert('推進智慧港口項目建設。', 'simplified-phrases', { protectProjects: false })).toBe('推进智能港口项目建设。');
  });

  it('converts names that have traditional characters (愛旭太陽能項目)', () => {
    const seed = seeds.find((x) => x.name.startsWith('004'))!.text;
    const out = convert(seed, 'simplified');
    expect(out).toContain('爱旭太阳能项(xiàng)目');
    expect(out).not.toContain('愛旭');
  });

  it('does not touch the traditional targets', () => {
    expect(convert('实施乾河分洪工程，建设智慧港口项目', 'traditional')).toBe(convert('实施乾河分洪工程，建设智慧港口项目', 'traditional', { protectProjects: false }));
  });

  it('looks for names only when a conversion may have changed one', () => {
    let calls = 0;
    const findProjects = (text: string) => {
      calls++;
      return extractDocument(text, { types: ['project'] }).entities;
    };
    for (const seed of seeds) for (const t of ['simplified', 'simplified-phrases'] as Target[]) convert(seed.text, t, { findProjects });
    expect(calls).toBe(0);
    convert('今年實施乾河分洪工程項目。', 'simplified', { findProjects });
    expect(calls).toBe(1);
  });

  it('without a finder names are not looked for', () => {
    setProjectFinder(undefined);
    try {
      expect(convert('今年實施乾河分洪工程項目。', 'simplified')).toBe('今年实施干河分洪工程项目。');
    } finally {
      setProjectFinder((text) => extractDocument(text, { types: ['project'] }).entities);
    }
  });
});

describe('convert: edits and large texts', () => {
  it('makes minimal per-line edits that rebuild the converted text', () => {
    const a = 'abc 发展 xyz\n不变\n𠮷头发😀';
    const b = convert(a, 'traditional');
    const edits = lineEdits(a, b);
    expect(edits).toEqual([
      { start: 4, end: 5, text: '發' },
      { start: 12, end: 13, text: '變' },
      { start: 16, end: 18, text: '頭髮' },
    ]);
    let out = a;
    for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    expect(out).toBe(b);
    expect(lineEdits(a, a)).toEqual([]);
  });

  it('splits large texts at line breaks and converts them chunk by chunk', async () => {
    const text = '发展\n'.repeat(50_000);
    const parts = chunks(text, 1000);
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => p.endsWith('\n'))).toBe(true);
    const seen: number[] = [];
    const out = await convertLarge(text, 'traditional', {}, { onProgress: (d) => seen.push(d) });
    expect(out).toBe('發展\n'.repeat(50_000));
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('returns nothing when cancelled: no partial result', async () => {
    let calls = 0;
    const out = await convertLarge('发展\n'.repeat(200_000), 'traditional', {}, { isCancelled: () => ++calls > 2 });
    expect(out).toBeUndefined();
  });
});

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isHan = (cp: number) =>
  (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
const nonHan = (s: string) => [...s].filter((c) => !isHan(c.codePointAt(0)!)).join('');

describe('convert: properties', () => {
  const pieces = [
    'a', 'Z', '7', ' ', '\n', '\t', ',', '。', '，', '「', '」', '“', '”', '（', '）', '%', '$', '１', 'Ａ',
    '𠮷', '😀', '👍🏽', '\u00e9', 'é', '—', '·', '发展', '頭髮', '乾河', '项目', '软件', '台湾', '里', '后', '面',
    '干', '乾', '著', '着', '云', '雲', '系', '係', '繫', '只', '隻', '准', '準', '2024年', '548.5亿元',
  ];

  it('changes nothing outside Chinese characters, in every direction', () => {
    const next = rng(42);
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = 1 + Math.floor(next() * 40);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(next() * pieces.length)];
      for (const t of TARGETS) {
        const out = convert(text, t);
        expect(nonHan(out), `${t}: ${JSON.stringify(text)}`).toBe(nonHan(text));
        expect(out.split('\n').length).toBe(text.split('\n').length);
      }
    }
  });

  it('simplified → traditional → simplified returns the seeds unchanged', () => {
    for (const seed of seeds) {
      const simplified = convert(seed.text, 'simplified');
      for (const t of ['traditional', 'taiwan', 'hongkong'] as Target[]) {
        expect(convert(convert(simplified, t), 'simplified'), `${seed.name} via ${t}`).toBe(simplified);
      }
    }
  });

  it('round-trips random text made of characters OpenCC maps one to one', () => {
    // Characters with exactly one traditional form whose only simplified form is themselves.
    const oneToOne = [...'发展项目经济产业园区国际会议资金银行东南西北长门问题学习书画语言电话汽车铁路'];
    const next = rng(7);
    for (let n = 0; n < 200; n++) {
      let text = '';
      const len = 1 + Math.floor(next() * 30);
      for (let i = 0; i < len; i++) text += next() < 0.8 ? oneToOne[Math.floor(next() * oneToOne.length)] : pieces[Math.floor(next() * 19)];
      for (const t of ['traditional', 'taiwan', 'hongkong'] as Target[]) {
        expect(convert(convert(text, t), 'simplified'), `${t}: ${text}`).toBe(text);
      }
    }
  });
});

/**
 * An independent reference: Debian's `opencc` command (apt-get install opencc),
 * whose dictionaries are older (1.1.6). Every difference from it on the seeds is
 * listed here, explicitly; any other difference fails the test.
 */
const KNOWN_DIFFERENCES: { target: Target; ours: string; debian: string; why: string }[] = [
  { target: 'traditional', ours: '注冊', debian: '註冊', why: 'newer STPhrases keep 注冊' },
  { target: 'taiwan', ours: '注冊', debian: '註冊', why: 'newer STPhrases keep 注冊' },
  { target: 'taiwan-phrases', ours: '注冊', debian: '註冊', why: 'newer STPhrases keep 注冊' },
  { target: 'hongkong', ours: '注冊', debian: '註冊', why: 'newer STPhrases keep 注冊' },
  { target: 'taiwan-phrases', ours: '數據', debian: '資料', why: 'newer TWPhrases dropped 数据 → 資料' },
  { target: 'taiwan-phrases', ours: '通過', debian: '透過', why: 'newer TWPhrases dropped 通过 → 透過' },
  { target: 'simplified', ours: '么', debian: '幺', why: 'older TSCharacters/variants turn 么 into 幺' },
  { target: 'simplified-phrases', ours: '么', debian: '幺', why: 'older TSCharacters/variants turn 么 into 幺' },
  { target: 'simplified-phrases', ours: '核心', debian: '内核', why: 'older TWPhrasesRev maps 核心 → 内核' },
  { target: 'simplified', ours: '乾', debian: '干', why: 'a character simplified writing uses too stays in a simplified sentence (乾河分洪)' },
  { target: 'simplified-phrases', ours: '乾', debian: '干', why: 'a character simplified writing uses too stays in a simplified sentence (乾河分洪)' },
];

/** Sentence ends, as convert.ts cuts text for its evidence (no OpenCC key or value contains one). */
const SENTENCE = /(?<=[。！？；!?;\n])/;

function debianOpencc(config: string, text: string): string {
  const r = spawnSync('opencc', ['-c', `${config}.json`], { input: text, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/**
 * What Debian's opencc gives for a target as convert.ts applies it: to simplified,
 * sentences with traditional-only characters get the target's config, the others
 * tw2s (no Taiwan vocabulary on simplified text).
 */
function reference(target: Target, text: string): string {
  const full = debianOpencc(OPENCC_CONFIG[target], text);
  if (!target.startsWith('simplified')) return full;
  const plain = debianOpencc('tw2s', text);
  const [a, b, c] = [text, full, plain].map((x) => x.split(SENTENCE));
  expect(b.length).toBe(a.length);
  expect(c.length).toBe(a.length);
  return a.map((sentence, k) => (countScripts(sentence).traditional > 0 ? b[k] : c[k])).join('');
}

const debian = spawnSync('opencc', ['--version'], { encoding: 'utf8' });
const haveDebianOpencc = debian.status === 0 || (debian.error === undefined && existsSync('/usr/bin/opencc'));

/** Differences between two texts as [ours, theirs] runs, by walking both. */
function differences(a: string, b: string): [string, string][] {
  const out: [string, string][] = [];
  const aa = [...a];
  const bb = [...b];
  let i = 0;
  let j = 0;
  while (i < aa.length || j < bb.length) {
    if (aa[i] === bb[j]) {
      i++;
      j++;
      continue;
    }
    // Resynchronise on the next run of 4 equal characters.
    let found = false;
    for (let d = 1; d < 8 && !found; d++) {
      for (let x = 0; x <= d && !found; x++) {
        const y = d - x;
        if (aa.slice(i + x, i + x + 4).join('') === bb.slice(j + y, j + y + 4).join('') && i + x < aa.length) {
          out.push([aa.slice(i, i + x).join(''), bb.slice(j, j + y).join('')]);
          i += x;
          j += y;
          found = true;
        }
      }
    }
    if (!found) {
      out.push([aa.slice(i).join(''), bb.slice(j).join('')]);
      break;
    }
  }
  return out;
}

describe.runIf(haveDebianOpencc)('convert: against Debian opencc on the seeds', () => {
  for (const target of TARGETS) {
    it(`${target} (${OPENCC_CONFIG[target]})`, () => {
      const accepted = KNOWN_DIFFERENCES.filter((k) => k.target === target);
      for (const seed of seeds) {
        for (const [ours, theirs] of differences(convert(seed.text, target), reference(target, seed.text))) {
          const ok = accepted.some((k) => k.ours.includes(ours) && k.debian.includes(theirs));
          expect(ok, `${seed.name}: ours ${JSON.stringify(ours)} vs Debian ${JSON.stringify(theirs)}`).toBe(true);
        }
      }
    });
  }
});

it('the Debian reference is present where CI installs it', () => {
  // CI installs opencc (see .ci/run); a machine without it skips the comparison above.
  if (process.env.CI) expect(haveDebianOpencc).toBe(true);
});

it('the table of characters that end a name agrees with its pattern', () => {
  const re = /[\s，。、；：！？,.;:!?…「」『』“”‘’《》〈〉【】"']/;
  for (let c = 0; c < 0x10000; c++) expect(isNameBreak(c), c.toString(16)).toBe(re.test(String.fromCharCode(c)));
});
