/**
 * policy-lens: the command line over the same core the extension uses.
 *   policy-lens extract [--json] [--encoding gbk|gb18030|big5] [--types money,date] FILE...
 *   policy-lens convert --to simplified|traditional|taiwan|taiwan-phrases|hongkong [--in-place] FILE...
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { extractDocument } from './core/document';
import { alreadyInTarget, convert, isTarget, TARGETS, type ConvertOptions, type Target } from './core/convert';
import { decodeText, DecodeError, parseEncoding, type Encoding } from './core/decode';
import type { Entity, EntityType } from './core/types';

const USAGE = `usage: policy-lens extract [--json] [--encoding ENC] [--types project,money,date] FILE...
       policy-lens convert --to TARGET [--in-place] [--protect TERM,…] [--phrases FILE] [--encoding ENC] FILE...

  extract     find project names, money and dates; offsets are UTF-16 code units
    --json      print { "file", "entities": [...] } (an array of them for several files)
    --types     only these entity types
  convert     convert between traditional and simplified Chinese (OpenCC)
    --to        ${TARGETS.join(' | ')}
    --in-place  rewrite each file (atomically: a temporary file, then a rename);
                without it the result is printed
    --protect   terms left exactly as they are, comma-separated (e.g. 乾河分洪)
    --phrases   a JSON file { "source": "replacement", … } of phrase pairs that win over OpenCC's
  --encoding  utf-8 (default), gbk, gb18030, big5, utf-16le, utf-16be
  FILE        a path, or - for standard input`;

/** Files larger than this are refused: the CLI holds a whole file in memory. */
const MAX_BYTES = 512 * 1024 * 1024;

class UsageError extends Error {}

interface Options {
  command: 'extract' | 'convert';
  json: boolean;
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

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError('missing command');
  if (command === '-h' || command === '--help') throw new UsageError('');
  if (command !== 'extract' && command !== 'convert') throw new UsageError(`unknown command: ${command}`);
  const opts: Options = { command, json: false, encoding: 'utf-8', inPlace: false, convert: {}, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const is = (name: string) => a === name || a.startsWith(`${name}=`);
    if (command === 'extract' && a === '--json') opts.json = true;
    else if (command === 'convert' && is('--to')) {
      const [v, next] = optionValue(a, rest, i);
      i = next;
      if (!v || !isTarget(v)) throw new UsageError(`--to takes one of ${TARGETS.join(', ')}`);
      opts.to = v;
    } else if (command === 'convert' && a === '--in-place') opts.inPlace = true;
    else if (command === 'convert' && is('--protect')) {
      const [v, next] = optionValue(a, rest, i);
      i = next;
      opts.convert.protect = [...(opts.convert.protect ?? []), ...(v ?? '').split(/[,，]/).map((t) => t.trim()).filter(Boolean)];
    } else if (command === 'convert' && is('--phrases')) {
      const [v, next] = optionValue(a, rest, i);
      i = next;
      if (!v) throw new UsageError('--phrases needs a file');
      opts.convert.customPhrases = { ...opts.convert.customPhrases, ...readPhrases(v) };
    }
    else if (a === '--encoding' || a.startsWith('--encoding=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      const enc = v ? parseEncoding(v) : undefined;
      if (!enc) throw new UsageError(`unknown encoding: ${v ?? '(missing)'}`);
      opts.encoding = enc;
    } else if (command === 'extract' && (a === '--types' || a.startsWith('--types='))) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      const types = (v ?? '').split(',').filter(Boolean);
      if (types.length === 0) throw new UsageError('no types given to --types');
      for (const t of types) if (t !== 'project' && t !== 'money' && t !== 'date') throw new UsageError(`unknown type: ${t}`);
      opts.types = types as EntityType[];
    } else if (a === '-h' || a === '--help') throw new UsageError('');
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option: ${a}`);
    else opts.files.push(a);
  }
  if (opts.files.length === 0) throw new UsageError('no input file');
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
  const { entities } = extractDocument(text, { types: opts.types });
  if (opts.json) results.push({ file, entities: entities.map(publicEntity) });
  else process.stdout.write(table(file, entities) + '\n');
}

function runConvert(opts: Options, file: string, text: string): void {
  const to = opts.to!;
  if (alreadyInTarget(text, to)) process.stderr.write(`policy-lens: ${file}: already looks ${to.startsWith('simplified') ? 'simplified' : 'traditional'}; converting anyway\n`);
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

function main(argv: string[]): number {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`policy-lens: ${e.message}\n`);
      process.stderr.write(USAGE + '\n');
      return e.message ? 2 : 0;
    }
    throw e;
  }
  const results: { file: string; entities: ReturnType<typeof publicEntity>[] }[] = [];
  let failed = false;
  for (const file of opts.files) {
    try {
      const text = readInput(file, opts.encoding);
      if (opts.command === 'extract') runExtract(opts, file, text, results);
      else runConvert(opts, file, text);
    } catch (e) {
      process.stderr.write(`policy-lens: ${(e as Error).message}\n`);
      failed = true;
    }
  }
  if (opts.json && results.length) {
    process.stdout.write(JSON.stringify(results.length === 1 && opts.files.length === 1 ? results[0] : results) + '\n');
  }
  return failed ? 1 : 0;
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
