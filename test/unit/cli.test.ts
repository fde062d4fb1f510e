import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN_RULES } from '../../src/core/clean';

const root = join(__dirname, '..', '..');
const seed = join(root, 'seeds', '000_dbe85c08eada0134.txt');
let dir = '';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A usage error: one line on stderr naming the program and pointing at --help, exit 2, nothing on stdout. */
function expectUsageError(r: { status: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expectOneLineError(r.stderr);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).toMatch(/^policy-lens: .+ \(see policy-lens --help\)\n$/);
}

/** A one-line error naming the program, with no stack trace. */
function expectOneLineError(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^policy-lens: /);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
}

/**
 * Encoders for the legacy encodings, built from TextDecoder: decode every
 * double-byte pair and remember the first pair that gives each character.
 */
function legacyEncoder(encoding: 'gbk' | 'big5', trailOk: (b: number) => boolean): (s: string) => Uint8Array {
  const dec = new TextDecoder(encoding);
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (!trailOk(trail)) continue;
      const ch = dec.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return (s) => {
    const out: number[] = [];
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) out.push(cp);
      else {
        const pair = table.get(ch);
        if (!pair) throw new Error(`${encoding} has no ${ch}`);
        out.push(...pair);
      }
    }
    return Uint8Array.from(out);
  };
}
const toGbk = legacyEncoder('gbk', (b) => b !== 0x7f);
const toBig5 = legacyEncoder('big5', (b) => (b >= 0x40 && b <= 0x7e) || (b >= 0xa1 && b <= 0xfe));

const GBK_TEXT = '2024年4月，济南总投资120亿元的华润雪花啤酒项目开工。\n';
const BIG5_TEXT = '2024年4月，濟南總投資120億元的華潤雪花啤酒項目開工。\n';

beforeAll(() => {
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node esbuild.js failed:\n${r.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'policy-lens-cli-'));
  writeFileSync(join(dir, 'gbk.txt'), toGbk(GBK_TEXT));
  writeFileSync(join(dir, 'big5.txt'), toBig5(BIG5_TEXT));
  writeFileSync(join(dir, 'binary.bin'), Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0xff, 0x41]));
  writeFileSync(join(dir, 'empty.txt'), '');
  // Random high bytes: no UTF-8, and no GBK, Big5 or UTF-16 text either.
  let seed = 11;
  writeFileSync(
    join(dir, 'random.bin'),
    Uint8Array.from({ length: 4096 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return 0x80 + ((seed >>> 16) & 0x7f);
    }),
  );
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('投资120亿元', 'utf16le')]);
  writeFileSync(join(dir, 'utf16.txt'), u16);
  mkdirSync(join(dir, 'a-directory'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the test encoders', () => {
  it('round-trip through TextDecoder', () => {
    expect(new TextDecoder('gbk', { fatal: true }).decode(toGbk(GBK_TEXT))).toBe(GBK_TEXT);
    expect(new TextDecoder('big5', { fatal: true }).decode(toBig5(BIG5_TEXT))).toBe(BIG5_TEXT);
  });
});

describe('policy-lens extract', () => {
  it('--json gives { file, entities } with type/start/end/text', () => {
    const r = cli('extract', '--json', seed);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.file).toBe(seed);
    expect(Array.isArray(out.entities)).toBe(true);
    expect(out.entities.length).toBeGreaterThan(10);
    for (const e of out.entities) {
      expect(['project', 'money', 'date']).toContain(e.type);
      expect(typeof e.start).toBe('number');
      expect(typeof e.end).toBe('number');
      expect(e.end).toBeGreaterThan(e.start);
      expect(typeof e.text).toBe('string');
    }
    const types = new Set(out.entities.map((e: { type: string }) => e.type));
    expect(types).toEqual(new Set(['project', 'money', 'date']));
  });

  it('prints a table without --json', () => {
    const r = cli('extract', seed);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^.*000_dbe85c08eada0134\.txt: \d+ entities$/);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.slice(1).every((l) => /^ {2}(project|money|date) +\d+-\d+ +\S/.test(l))).toBe(true);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it('--types money keeps only money', () => {
    const r = cli('extract', '--json', '--types', 'money', seed);
    expect(r.status).toBe(0);
    const { entities } = JSON.parse(r.stdout);
    expect(entities.length).toBeGreaterThan(0);
    expect(entities.every((e: { type: string }) => e.type === 'money')).toBe(true);
    const both = JSON.parse(cli('extract', '--json', '--types=money,date', seed).stdout).entities;
    expect(new Set(both.map((e: { type: string }) => e.type))).toEqual(new Set(['money', 'date']));
  });

  it('reads GBK with --encoding gbk', () => {
    const r = cli('extract', '--json', '--encoding', 'gbk', join(dir, 'gbk.txt'));
    expect(r.status).toBe(0);
    const { entities } = JSON.parse(r.stdout);
    const texts = entities.map((e: { type: string; text: string }) => `${e.type}:${e.text}`);
    expect(texts).toContain('money:120亿元');
    expect(texts).toContain('date:2024年4月');
    for (const e of entities) expect(GBK_TEXT.slice(e.start, e.end)).toBe(e.text);
  });

  it('reads Big5 with --encoding big5', () => {
    const r = cli('extract', '--json', '--encoding=big5', join(dir, 'big5.txt'));
    expect(r.status).toBe(0);
    const { entities } = JSON.parse(r.stdout);
    const money = entities.filter((e: { type: string }) => e.type === 'money');
    expect(money.map((e: { text: string }) => e.text)).toEqual(['120億元']);
    expect(money[0].value).toBe(12000000000);
    for (const e of entities) expect(BIG5_TEXT.slice(e.start, e.end)).toBe(e.text);
  });

  it('refuses a GBK file read as UTF-8, naming gbk, in one line', () => {
    const r = cli('extract', '--json', join(dir, 'gbk.txt'));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr);
    expect(r.stderr).toMatch(/gbk/);
    expect(r.stderr).toMatch(/--encoding gbk/);
  });

  it('refuses a Big5 file read as UTF-8, naming big5', () => {
    const r = cli('extract', join(dir, 'big5.txt'));
    expect(r.status).not.toBe(0);
    expectOneLineError(r.stderr);
    expect(r.stderr).toMatch(/big5/);
  });

  it('names utf-16 for a UTF-16 file with a byte-order mark, and reads it when told', () => {
    const bad = cli('extract', join(dir, 'utf16.txt'));
    expect(bad.status).not.toBe(0);
    expectOneLineError(bad.stderr);
    expect(bad.stderr).toMatch(/utf-16le/);
    const ok = cli('extract', '--json', '--encoding', 'utf-16le', join(dir, 'utf16.txt'));
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).entities.map((e: { text: string }) => e.text)).toContain('120亿元');
  });

  it.each([
    ['a missing file', 'no-such-file.txt', /no such file/],
    ['a directory', 'a-directory', /directory/],
    ['a binary file', 'binary.bin', /binary/],
    ['bytes of no encoding', 'random.bin', /: not valid UTF-8, and not GBK, Big5 or UTF-16 either: is it a text file\?\n$/],
  ])('refuses %s with a one-line error', (_what, name, pattern) => {
    const r = cli('extract', join(dir, name));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr);
    expect(r.stderr).toMatch(pattern);
  });

  it('still reports the good files when one of several fails', () => {
    const r = cli('extract', '--json', seed, join(dir, 'no-such-file.txt'));
    expect(r.status).toBe(1);
    expectOneLineError(r.stderr);
    const out = JSON.parse(r.stdout);
    expect(Array.isArray(out)).toBe(true);
    expect(out.map((o: { file: string }) => o.file)).toEqual([seed]);
  });

  it('reads an empty file', () => {
    const r = cli('extract', '--json', join(dir, 'empty.txt'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).entities).toEqual([]);
  });

  it('reads standard input for -', () => {
    const r = spawnSync(process.execPath, ['dist/cli.js', 'extract', '--json', '-'], { cwd: root, encoding: 'utf8', input: '总投资548.5亿元' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.file).toBe('-');
    expect(out.entities.map((e: { text: string }) => e.text)).toEqual(['548.5亿元']);
  });

  it.each([
    [['extract', '--bogus', seed], /unknown option for extract: --bogus/],
    [['extract', '--encoding', 'latin1', seed], /unknown encoding: latin1/],
    [['extract', '--types', 'people', seed], /unknown type: people/],
    [['extract', '--types=', seed], /--types/],
    [['extract'], /no input file/],
    [['extract', '--pretty', seed], /--pretty goes with --json/],
    [['frobnicate', seed], /unknown command: frobnicate/],
    [['--frobnicate'], /unknown option: --frobnicate/],
    [[], /missing command/],
  ])('usage error for %j: one line on stderr, exit 2', (args, pattern) => {
    expectUsageError(cli(...args), pattern);
  });

  it('--pretty indents the JSON, which is otherwise the same', () => {
    const plain = cli('extract', '--json', seed);
    const pretty = cli('extract', '--json', '--pretty', seed);
    expect(pretty.status).toBe(0);
    expect(plain.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(pretty.stdout).toMatch(/^\{\n {2}"file": /);
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(plain.stdout));
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, readFileSync(seed, 'utf8').repeat(40));
    const r = spawnSync('sh', ['-c', `"$0" dist/cli.js extract "$1" | head -c 100 >/dev/null`, process.execPath, big], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it.each([[['--help']], [['-h']], [['help']], [['convert', '--help']], [['extract', '-h', seed]]])('%j prints usage on stdout and exits 0', (args) => {
    const r = cli(...args);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^usage: policy-lens extract/);
    for (const c of ['convert', 'clean', 'check', '--pretty', '--version', '--no-protect-projects']) expect(r.stdout).toContain(c);
  });

  it('--help lists every cleaning rule', () => {
    expect(cli('--help').stdout).toContain(`--rules     only these rules: ${CLEAN_RULES.join(', ')}\n`);
  });

  it('--version prints the version in package.json', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = cli(flag);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`policy-lens ${version}\n`);
    }
  });
});

describe('policy-lens convert', () => {
  it('prints the converted text', () => {
    const file = join(dir, 'conv-print.txt');
    writeFileSync(file, '发展项目，2024年。\n');
    const r = cli('convert', '--to', 'traditional', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('發展項目，2024年。\n');
    expect(readFileSync(file, 'utf8')).toBe('发展项目，2024年。\n');
  });

  it('rewrites in place atomically, keeping the file mode and leaving no temporary file', () => {
    const sub = join(dir, 'inplace');
    mkdirSync(sub, { recursive: true });
    const file = join(sub, 'a.txt');
    writeFileSync(file, '頭髮和發展\n', { mode: 0o640 });
    chmodSync(file, 0o640);
    const r = cli('convert', '--to', 'simplified', '--in-place', file);
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('头发和发展\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(sub)).toEqual(['a.txt']);
  });

  it('honours --protect and --phrases', () => {
    const file = join(dir, 'conv-protect.txt');
    writeFileSync(file, '實施乾河分洪和軟件項目');
    const phrases = join(dir, 'phrases.json');
    writeFileSync(phrases, JSON.stringify({ 項目: '项目' }));
    expect(cli('convert', '--to', 'simplified', file).stdout).toBe('实施干河分洪和软件项目');
    expect(cli('convert', '--to', 'simplified', '--protect', '乾河分洪', file).stdout).toBe('实施乾河分洪和软件项目');
    expect(cli('convert', '--to', 'taiwan-phrases', '--phrases', phrases, file).stdout).toBe('實施乾河分洪和軟體项目');
  });

  it.each(['traditional', 'taiwan', 'taiwan-phrases', 'hongkong'] as const)(
    'gives what the core gives, with the generated index of the phrase table (%s)',
    async (target) => {
      // The command line hands the generated index over (useStPhrasesIndex); the core here indexes the table itself.
      const { convert } = await import('../../src/core/convert');
      for (const name of readdirSync(join(root, 'seeds')).filter((f) => f.endsWith('.txt'))) {
        const file = join(root, 'seeds', name);
        const r = cli('convert', '--to', target, file);
        expect(r.status).toBe(0);
        expect(r.stdout === convert(readFileSync(file, 'utf8'), target), `${name}`).toBe(true);
      }
    },
  );

  it('keeps project names already simplified, unless --no-protect-projects', () => {
    const file = join(dir, 'conv-projects.txt');
    writeFileSync(file, '今年實施乾河分洪工程項目。\n');
    expect(cli('convert', '--to', 'simplified', file).stdout).toBe('今年实施乾河分洪工程项目。\n');
    expect(cli('convert', '--to', 'simplified', '--no-protect-projects', file).stdout).toBe('今年实施干河分洪工程项目。\n');
  });

  it('leaves mainland words of simplified text alone with simplified-phrases', () => {
    const file = join(dir, 'conv-mainland.txt');
    writeFileSync(file, '建设智慧港口项目，突破核心技术，建立长效机制。\n臺灣的軟體和資訊。\n');
    const r = cli('convert', '--to', 'simplified-phrases', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('建设智慧港口项目，突破核心技术，建立长效机制。\n台湾的软件和信息。\n');
  });

  it('warns on stderr when the text already looks converted', () => {
    const file = join(dir, 'conv-already.txt');
    writeFileSync(file, '这是简体中文的发展项目。');
    const r = cli('convert', '--to', 'simplified', file);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/already looks simplified/);
  });

  it.each([
    ['a short simplified phrase', '发展项目', 'traditional'],
    ['one traditional word', '軟體', 'simplified'],
    ['an empty file', '', 'simplified'],
    ['an empty file', '', 'taiwan'],
    ['words both scripts write alike', '中心', 'traditional'],
  ])('does not warn for %s (to %s)', (_what, text, target) => {
    const file = join(dir, `conv-nowarn-${target}-${text.length}.txt`);
    writeFileSync(file, text);
    const r = cli('convert', '--to', target, file);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('refuses bad usage with exit 2 and changes nothing', () => {
    const file = join(dir, 'conv-usage.txt');
    writeFileSync(file, '发展');
    expectUsageError(cli('convert', file), /convert needs --to/);
    expectUsageError(cli('convert', '--to', 'klingon', file), /--to takes one of/);
    expectUsageError(cli('convert', '--to', 'traditional', '--pretty', file), /unknown option for convert: --pretty/);
    const gbk = cli('convert', '--to', 'traditional', '--in-place', '--encoding', 'gbk', file);
    expectUsageError(gbk, /--in-place writes UTF-8 only/);
    expect(readFileSync(file, 'utf8')).toBe('发展');
  });

  it('reports a missing file in one line', () => {
    const r = cli('convert', '--to', 'traditional', join(dir, 'nope.txt'));
    expect(r.status).toBe(1);
    expectOneLineError(r.stderr);
  });
});

describe('policy-lens clean', () => {
  const rubySeed = join(root, 'seeds', '004_eb79909535b2c4d2.txt');

  it('prints the cleaned text: ruby artifacts gone, real parentheses kept', () => {
    const r = cli('clean', rubySeed);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/項\(xiàng\)/);
    expect(r.stdout).toContain('項目');
    expect(r.stdout.length).toBeLessThan(readFileSync(rubySeed, 'utf8').length);
  });

  it('--check lists FILE:LINE:COL: RULE: message and exits 1; a clean text exits 0', () => {
    const r = cli('clean', '--check', rubySeed);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) expect(l).toMatch(/^.+:\d+:\d+: (ruby|doubled-punctuation|half-width-punctuation|page-chrome|broken-word|garbled): .+/);
    const file = join(dir, 'clean-ok.txt');
    writeFileSync(file, '2024年，全市完成投资120亿元。\n');
    const ok = cli('clean', '--check', file);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('');
  });

  it('--check --json gives the findings with offsets; --rules keeps only the rules named', () => {
    const r = cli('clean', '--check', '--json', '--rules', 'ruby', rubySeed);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { file: string; findings: { rule: string; start: number; end: number }[] };
    expect(out.findings.length).toBeGreaterThan(10);
    expect(new Set(out.findings.map((f) => f.rule))).toEqual(new Set(['ruby']));
    const text = readFileSync(rubySeed, 'utf8');
    for (const f of out.findings) expect(text.slice(f.start, f.end)).toMatch(/^[(（][a-zü\u00e0-\u01dc]+[)）]$/);
  });

  it('--in-place rewrites atomically, and a second run changes nothing', () => {
    const file = join(dir, 'clean-in-place.txt');
    writeFileSync(file, readFileSync(rubySeed));
    chmodSync(file, 0o640);
    expect(cli('clean', '--in-place', file).status).toBe(0);
    const once = readFileSync(file, 'utf8');
    expect(once).not.toMatch(/\((?:xiàng|yè)\)/);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(cli('clean', '--in-place', file).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(once);
    expect(readdirSync(dir).filter((f) => f.startsWith('clean-in-place') && f !== 'clean-in-place.txt')).toEqual([]);
  });

  it('--check --json --pretty indents the findings', () => {
    const r = cli('clean', '--check', '--json', '--pretty', '--rules', 'ruby', rubySeed);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^\{\n {2}"file": .*\n {2}"findings": \[\n {4}\{\n/s);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(cli('clean', '--check', '--json', '--rules', 'ruby', rubySeed).stdout));
  });

  it('refuses bad usage with exit 2', () => {
    expectUsageError(cli('clean', '--check', '--in-place', rubySeed), /--check or --in-place/);
    expectUsageError(cli('clean', '--rules', 'nonsense', rubySeed), /unknown rule: nonsense/);
    expectUsageError(cli('clean', '--json', rubySeed), /clean --json needs --check/);
  });
});

describe('policy-lens check', () => {
  it('reports one project with two amounts for one measure, naming both places, exit 1', () => {
    const file = join(dir, 'check.txt');
    writeFileSync(file, '城东污水处理厂项目总投资12亿元，2024年3月开工。\n\n据介绍，城东污水处理厂项目总投资15亿元。\n');
    const r = cli('check', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/check\.txt:3:\d+: conflicting-amounts: .*15亿元.*12亿元/);
    const j = cli('check', '--json', file);
    const out = JSON.parse(j.stdout) as { findings: { kind: string; related: { text: string }[] }[] };
    expect(out.findings.map((f) => [f.kind, f.related[0].text])).toEqual([['conflicting-amounts', '12亿元']]);
    const pretty = cli('check', '--json', '--pretty', file);
    expect(pretty.stdout).toMatch(/^\{\n {2}"file": /);
    expect(JSON.parse(pretty.stdout)).toEqual(out);
  });

  it('finds nothing in a consistent text and exits 0', () => {
    const file = join(dir, 'check-ok.txt');
    writeFileSync(file, '城东污水处理厂项目总投资12亿元，2024年3月开工，计划年底建成。\n');
    const r = cli('check', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });
});
