/**
 * policy-lens: the command line over the same core the extension uses.
 *   policy-lens extract [--json] [--encoding gbk|gb18030|big5] [--types money,date] FILE...
 */
import { readFileSync, statSync } from 'node:fs';
import { extract } from './core/extract';
import { decodeText, DecodeError, parseEncoding, type Encoding } from './core/decode';
import type { Entity, EntityType } from './core/types';

const USAGE = `usage: policy-lens extract [--json] [--encoding ENC] [--types project,money,date] FILE...

  extract     find project names, money and dates; offsets are UTF-16 code units
  --json      print { "file", "entities": [...] } (an array of them for several files)
  --encoding  utf-8 (default), gbk, gb18030, big5, utf-16le, utf-16be
  FILE        a path, or - for standard input`;

/** Files larger than this are refused: the CLI holds a whole file in memory. */
const MAX_BYTES = 512 * 1024 * 1024;

class UsageError extends Error {}

interface Options {
  command: string;
  json: boolean;
  encoding: Encoding;
  types?: EntityType[];
  files: string[];
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError('missing command');
  if (command === '-h' || command === '--help') throw new UsageError('');
  const opts: Options = { command, json: false, encoding: 'utf-8', files: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') opts.json = true;
    else if (a === '--encoding' || a.startsWith('--encoding=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      const enc = v ? parseEncoding(v) : undefined;
      if (!enc) throw new UsageError(`unknown encoding: ${v ?? '(missing)'}`);
      opts.encoding = enc;
    } else if (a === '--types' || a.startsWith('--types=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      const types = (v ?? '').split(',').filter(Boolean);
      if (types.length === 0) throw new UsageError('no types given to --types');
      for (const t of types) if (t !== 'project' && t !== 'money' && t !== 'date') throw new UsageError(`unknown type: ${t}`);
      opts.types = types as EntityType[];
    } else if (a === '-h' || a === '--help') throw new UsageError('');
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option: ${a}`);
    else opts.files.push(a);
  }
  if (opts.command !== 'extract') throw new UsageError(`unknown command: ${opts.command}`);
  if (opts.files.length === 0) throw new UsageError('no input file');
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
    let text: string;
    try {
      text = readInput(file, opts.encoding);
    } catch (e) {
      process.stderr.write(`policy-lens: ${(e as Error).message}\n`);
      failed = true;
      continue;
    }
    const entities = extract(text, { types: opts.types });
    if (opts.json) results.push({ file, entities: entities.map(publicEntity) });
    else process.stdout.write(table(file, entities) + '\n');
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
