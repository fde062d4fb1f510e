/**
 * policy-lens: the command line over the same core the extension uses.
 *   policy-lens extract [--json [--pretty]] [--encoding ENC] [--types money,date] FILE...
 *   policy-lens convert --to TARGET [--in-place] [--no-protect-projects] FILE...
 *   policy-lens clean [--check [--json [--pretty]]] [--in-place] [--rules LIST] FILE...
 *   policy-lens check [--json [--pretty]] FILE...
 *   policy-lens --help | --version
 *
 * The extractor, the cleaner and the figure checks are loaded (required) only by
 * the commands that use them: esbuild turns such a require into a call that
 * initialises the module then, so `convert` does not pay for pinyin-pro's
 * dictionary, the project model or jieba at every start.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { version } from '../package.json';
import { alreadyInTarget, convert, isSimplifiedTarget, isTarget, setProjectFinder, TARGETS, useStPhrasesIndex, type ConvertOptions, type Target } from './core/convert';
import { ST_PHRASES_INDEX, ST_PHRASES_RUNS } from './core/openccST';
import { decodeText, DecodeError, parseEncoding, type Encoding } from './core/decode';
import type { CleanOptions, CleanRuleId } from './core/clean';
import type { Entity, EntityType } from './core/types';

type DocumentModule = typeof import('./core/document');
type CleanModule = typeof import('./core/clean');
type FiguresModule = typeof import('./core/figures');

const documentModule = (): DocumentModule => require('./core/document');
const cleanModule = (): CleanModule => require('./core/clean');
const figuresModule = (): FiguresModule => require('./core/figures');

// Project names kept as written when converting to simplified: found by the extractor, loaded when a text needs it.
setProjectFinder((text) => documentModule().extractDocument(text, { types: ['project'] }).entities);
// The big phrase table's index, generated, rather than built at every start.
useStPhrasesIndex(ST_PHRASES_INDEX, ST_PHRASES_RUNS);

/** The cleaning rules, for the usage text and --rules (test/unit/cli.test.ts checks them against CLEAN_RULES). */
const CLEAN_RULE_NAMES: readonly CleanRuleId[] = ['ruby', 'doubled-punctuation', 'half-width-punctuation', 'page-chrome', 'broken-word', 'garbled'];

const USAGE = `usage: policy-lens extract [--json [--pretty]] [--encoding ENC] [--types project,money,date] FILE...
       policy-lens convert --to TARGET [--in-place] [--protect TERM,…] [--phrases FILE] [--no-protect-projects] [--encoding ENC] FILE...
       policy-lens clean [--check [--json [--pretty]]] [--in-place] [--rules RULE,…] [--encoding ENC] FILE...
       policy-lens check [--json [--pretty]] [--encoding ENC] FILE...
       policy-lens --help | --version

  extract     find project names, money and dates; offsets are UTF-16 code units
    --json      print { "file", "entities": [...] } (an array of them for several files)
    --types     only these entity types
  convert     convert between traditional and simplified Chinese (OpenCC)
    --to        ${TARGETS.join(' | ')}
    --in-place  rewrite each file (atomically: a temporary file, then a rename);
                without it the result is printed
    --protect   terms left exactly as they are, comma-separated (e.g. 乾河分洪)
    --phrases   a JSON file { "source": "replacement", … } of phrase pairs that win over OpenCC's
    --no-protect-projects
                to simplified, convert project names too; by default a name already
                written in simplified is kept as it is (乾河分洪工程 keeps its 乾)
  clean       remove what scraping left in an article (ruby pinyin, doubled or half-width
              punctuation, page furniture, broken words); prints the cleaned text
    --check     list the findings instead (FILE:LINE:COL: RULE: message); exit status 1 if any
    --in-place  rewrite each file (atomically)
    --rules     only these rules: ${CLEAN_RULE_NAMES.join(', ')}
    --json      with --check: print { "file", "findings": [...] }
  check       figures that contradict each other (one project with two amounts for one
              measure, parts that do not add up to the total, one figure with two
              magnitudes); FILE:LINE:COL: KIND: message; exit status 1 if any
    --json      print { "file", "findings": [...] }
  --pretty    with --json: indented JSON
  --encoding  utf-8 (default), gbk, gb18030, big5, utf-16le, utf-16be
  FILE        a path, or - for standard input
  --help, -h  this text (also: policy-lens help)
  --version   the version of policy-lens`;

/** Files larger than this are refused: the CLI holds a whole file in memory. */
const MAX_BYTES = 512 * 1024 * 1024;

/** A mistake in the arguments: one line on stderr, exit status 2. */
class UsageError extends Error {}
/** --help or --version: print this on stdout, exit status 0. */
class Info {
  constructor(readonly text: string) {}
}

type Command = 'extract' | 'convert' | 'clean' | 'check';
const COMMANDS: readonly Command[] = ['extract', 'convert', 'clean', 'check'];

interface Options {
  command: Command;
  /** clean: list findings instead of printing the cleaned text. */
  check: boolean;
  clean: CleanOptions;
  json: boolean;
  pretty: boolean;
  encoding: Encoding;
  types?: EntityType[];
  to?: Target;
  inPlace: boolean;
  convert: ConvertOptions;
  files: string[];
}

/** The value of `--name VALUE` or `--name=VALUE`. */
function optionValue(a: string, rest: string[], i: number): [string | undefined, number] {
  return a.includes('=') ? [a.slice(a.indexOf('=') + 1), i] : [rest[i + 1], i + 1];
}

function readPhrases(file: string): Record<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--phrases ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not a JSON object'}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data) || !Object.values(data).every((v) => typeof v === 'string')) {
    throw new UsageError(`--phrases ${file}: expected a JSON object of "source": "replacement" strings`);
  }
  return data as Record<string, string>;
}

const isHelp = (a: string) => a === '-h' || a === '--help';
const isVersion = (a: string) => a === '-V' || a === '--version';

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError('missing command');
  if (isHelp(command) || command === 'help') throw new Info(USAGE);
  if (isVersion(command)) throw new Info(`policy-lens ${version}`);
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(command.startsWith('-') ? `unknown option: ${command}` : `unknown command: ${command}`);
  }
  const opts: Options = { command: command as Command, check: false, clean: {}, json: false, pretty: false, encoding: 'utf-8', inPlace: false, convert: {}, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const is = (name: string) => a === name || a.startsWith(`${name}=`);
    if (isHelp(a)) throw new Info(USAGE);
    else if (isVersion(a)) throw new Info(`policy-lens ${version}`);
    else if ((command === 'extract' || command === 'clean' || command === 'check') && a === '--json') opts.json = true;
    else if ((command === 'extract' || command === 'clean' || command === 'check') && a === '--pretty') opts.pretty = true;
    else if (command === 'clean' && a === '--check') opts.check = true;
    else if (command === 'clean' && a === '--in-place') opts.inPlace = true;
    else if (command === 'clean' && is('--rules')) {
      const [v, next] = optionValue(a, rest, i);
      i = next;
      const chosen = (v ?? '').split(',').map((r) => r.trim()).filter(Boolean);
      if (chosen.length === 0) throw new UsageError('no rules given to --rules');
      for (const r of chosen) if (!(CLEAN_RULE_NAMES as readonly string[]).includes(r)) throw new UsageError(`unknown rule: ${r} (rules: ${CLEAN_RULE_NAMES.join(', ')})`);
      opts.clean.rules = Object.fromEntries(CLEAN_RULE_NAMES.map((r) => [r, chosen.includes(r)])) as Record<CleanRuleId, boolean>;
    } else if (command === 'convert' && is('--to')) {
      const [v, next] = optionValue(a, rest, i);
      i = next;
      if (!v || !isTarget(v)) throw new UsageError(`--to takes one of ${TARGETS.join(', ')}`);
      opts.to = v;
    } else if (command === 'convert' && a === '--in-place') opts.inPlace = true;
    else if (command === 'convert' && a === '--no-protect-projects') opts.convert.protectProjects = false;
    else if (command === 'convert' && is('--protect')) {
      const [v, next] = optionValue(a, rest, i);
      i = next;
      opts.convert.protect = [...(opts.convert.protect ?? []), ...(v ?? '').split(/[,，]/).map((t) => t.trim()).filter(Boolean)];
    } else if (command === 'convert' && is('--phrases')) {
      const [v, next] = optionValue(a, rest, i);
      i = next;
      if (!v) throw new UsageError('--phrases needs a file');
      opts.convert.customPhrases = { ...opts.convert.customPhrases, ...readPhrases(v) };
    } else if (is('--encoding')) {
      const [v, next] = optionValue(a, rest, i);
      i = next;
      const enc = v ? parseEncoding(v) : undefined;
      if (!enc) throw new UsageError(`unknown encoding: ${v ?? '(missing)'}`);
      opts.encoding = enc;
    } else if (command === 'extract' && is('--types')) {
      const [v, next] = optionValue(a, rest, i);
      i = next;
      const types = (v ?? '').split(',').filter(Boolean);
      if (types.length === 0) throw new UsageError('no types given to --types');
      for (const t of types) if (t !== 'project' && t !== 'money' && t !== 'date') throw new UsageError(`unknown type: ${t}`);
      opts.types = types as EntityType[];
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option for ${command}: ${a}`);
    else opts.files.push(a);
  }
  if (opts.files.length === 0) throw new UsageError('no input file');
  if (opts.pretty && !opts.json) throw new UsageError('--pretty goes with --json');
  if (command === 'clean') {
    if (opts.check && opts.inPlace) throw new UsageError('clean takes --check or --in-place, not both');
    if (!opts.check && !opts.inPlace && opts.files.length > 1) throw new UsageError('clean prints one file; use --in-place or --check for several');
    if (opts.inPlace && opts.files.includes('-')) throw new UsageError('--in-place cannot rewrite standard input');
    if (opts.inPlace && opts.encoding !== 'utf-8') throw new UsageError('--in-place writes UTF-8 only');
    if (opts.json && !opts.check) throw new UsageError('clean --json needs --check');
  }
  if (command === 'convert') {
    if (!opts.to) throw new UsageError(`convert needs --to (${TARGETS.join(', ')})`);
    if (!opts.inPlace && opts.files.length > 1) throw new UsageError('convert prints one file; use --in-place for several');
    if (opts.inPlace && opts.files.includes('-')) throw new UsageError('--in-place cannot rewrite standard input');
    if (opts.inPlace && opts.encoding !== 'utf-8') {
      throw new UsageError(`--in-place writes UTF-8 only; convert a ${opts.encoding} file by redirecting the output instead`);
    }
  }
  return opts;
}

function readInput(file: string, encoding: Encoding): string {
  let bytes: Uint8Array;
  try {
    if (file === '-') bytes = readFileSync(0);
    else {
      const st = statSync(file);
      if (st.isDirectory()) throw new Error(`${file}: is a directory`);
      if (st.size > MAX_BYTES) throw new Error(`${file}: too large (${st.size} bytes; the limit is ${MAX_BYTES})`);
      bytes = readFileSync(file);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new Error(`${file}: no such file`);
    if (err.code === 'EACCES') throw new Error(`${file}: permission denied`);
    throw new Error(err.message.startsWith(file) ? err.message : `${file}: ${err.message}`);
  }
  try {
    return decodeText(bytes, encoding);
  } catch (e) {
    if (e instanceof DecodeError) throw new Error(`${file}: ${e.message}`);
    throw e;
  }
}

function publicEntity(e: Entity) {
  const o: Record<string, unknown> = { type: e.type, start: e.start, end: e.end, text: e.text };
  if (e.value !== undefined) o.value = e.value;
  if (e.currency !== undefined) o.currency = e.currency;
  if (e.name !== undefined) o.name = e.name;
  if (e.amount !== undefined) o.amount = e.amount;
  if (e.kind !== undefined) o.kind = e.kind;
  if (e.resolved !== undefined) o.resolved = e.resolved;
  if (e.confidence !== undefined) o.confidence = e.confidence;
  return o;
}

function table(file: string, entities: Entity[]): string {
  const lines = [`${file}: ${entities.length} entities`];
  for (const e of entities) {
    const extra = e.type === 'money' ? [e.value, e.currency].filter((x) => x !== undefined).join(' ')
      : e.type === 'date' ? (e.value ?? (e.resolved ? `≈ ${e.resolved}` : '')) : (e.name ?? '');
    lines.push(`  ${e.type.padEnd(8)}${String(e.start).padStart(7)}-${String(e.end).padEnd(7)} ${e.text}${extra !== '' ? `  → ${extra}` : ''}`);
  }
  return lines.join('\n');
}

/**
 * Writes a file atomically: a temporary file beside it, flushed to disk, then
 * renamed over it, so a crash leaves either the old file or the new one.
 */
function writeAtomically(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.policy-lens-${process.pid}.tmp`);
  const mode = statSync(file).mode & 0o7777;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    chmodSync(tmp, mode);
    renameSync(tmp, file);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}

function runExtract(opts: Options, file: string, text: string, results: { file: string; entities: ReturnType<typeof publicEntity>[] }[]): void {
  const { entities } = documentModule().extractDocument(text, { types: opts.types });
  if (opts.json) results.push({ file, entities: entities.map(publicEntity) });
  else process.stdout.write(table(file, entities) + '\n');
}

function runConvert(opts: Options, file: string, text: string): void {
  const to = opts.to!;
  if (alreadyInTarget(text, to)) process.stderr.write(`policy-lens: ${file}: already looks ${isSimplifiedTarget(to) ? 'simplified' : 'traditional'}; converting anyway\n`);
  const out = convert(text, to, opts.convert);
  if (!opts.inPlace) {
    process.stdout.write(out);
    return;
  }
  if (out === text) return;
  try {
    writeAtomically(file, out);
  } catch (e) {
    throw new Error(`${file}: cannot rewrite: ${(e as Error).message}`);
  }
}

/** 1-based line and column (in UTF-16 units, as editors count) of an offset. */
function lineCol(text: string, offset: number): [number, number] {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return [line, offset - start + 1];
}

/** Findings as `FILE:LINE:COL: ID: message` lines (the format editors and CI logs link). */
function findingLines(file: string, text: string, findings: readonly { start: number; id: string; message: string }[]): string {
  return findings.map((f) => {
    const [line, col] = lineCol(text, f.start);
    return `${file}:${line}:${col}: ${f.id}: ${f.message}\n`;
  }).join('');
}

/** clean: prints or rewrites the cleaned text, or with --check lists the findings. Returns how many findings. */
function runClean(opts: Options, file: string, text: string, results: unknown[]): number {
  const { cleanText, findCleanups } = cleanModule();
  if (opts.check) {
    const findings = findCleanups(text, opts.clean);
    if (opts.json) results.push({ file, findings: findings.map((f) => ({ ...f, line: lineCol(text, f.start)[0] })) });
    else process.stdout.write(findingLines(file, text, findings.map((f) => ({ start: f.start, id: f.rule, message: f.message }))));
    return findings.length;
  }
  const out = cleanText(text, opts.clean);
  if (!opts.inPlace) process.stdout.write(out);
  else if (out !== text) {
    try {
      writeAtomically(file, out);
    } catch (e) {
      throw new Error(`${file}: cannot rewrite: ${(e as Error).message}`);
    }
  }
  return 0;
}

/** check: the figure findings of a file. Returns how many. */
function runCheck(opts: Options, file: string, text: string, results: unknown[]): number {
  const findings = figuresModule().checkText(text);
  if (opts.json) results.push({ file, findings: findings.map((f) => ({ ...f, line: lineCol(text, f.start)[0] })) });
  else process.stdout.write(findingLines(file, text, findings.map((f) => ({ start: f.start, id: f.kind, message: f.message }))));
  return findings.length;
}

function main(argv: string[]): number {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof Info) {
      process.stdout.write(e.text + '\n');
      return 0;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`policy-lens: ${e.message} (see policy-lens --help)\n`);
      return 2;
    }
    throw e;
  }
  const results: unknown[] = [];
  let failed = false;
  let findings = 0;
  for (const file of opts.files) {
    try {
      const text = readInput(file, opts.encoding);
      if (opts.command === 'extract') runExtract(opts, file, text, results as { file: string; entities: ReturnType<typeof publicEntity>[] }[]);
      else if (opts.command === 'clean') findings += runClean(opts, file, text, results);
      else if (opts.command === 'check') findings += runCheck(opts, file, text, results);
      else runConvert(opts, file, text);
    } catch (e) {
      process.stderr.write(`policy-lens: ${(e as Error).message}\n`);
      failed = true;
    }
  }
  if (opts.json && results.length) {
    const value = results.length === 1 && opts.files.length === 1 ? results[0] : results;
    process.stdout.write(JSON.stringify(value, null, opts.pretty ? 2 : undefined) + '\n');
  }
  // Findings (clean --check, check) make the exit status 1, as a failure does.
  return failed || findings > 0 ? 1 : 0;
}

// A reader that goes away early (`| head`) is not an error; other write errors get one line.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  process.stderr.write(`policy-lens: cannot write output: ${e.message}\n`);
  process.exit(74);
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`policy-lens: internal error: ${(e as Error).message}\n`);
  process.exitCode = 70;
}
