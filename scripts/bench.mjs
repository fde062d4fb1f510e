#!/usr/bin/env node
// Benchmark over the built bundles (run `npm run bench`, which builds first).
//   warm:  extractDocument() vs a plain jieba-wasm cut() of a ~1 MB corpus made of the seeds;
//          money and dates alone; one edit re-read with the part cache; cleaning; figure checks
//   cold:  a fresh `node dist/cli.js extract --json SEED` process, spawn to exit,
//          and the time to the first extract() result inside a fresh process.
//   convert: per direction, the first call (its dictionaries load then) and warm
//          throughput on the corpus; whole-process time of `policy-lens convert`
//          against Debian's `opencc` command on the same file.
// It prints figures only; nothing here asserts a timing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchBundle = join(root, 'dist', 'bench.js');
const cliBundle = join(root, 'dist', 'cli.js');
for (const f of [benchBundle, cliBundle]) {
  if (!existsSync(f)) {
    console.error(`bench: ${f} not found; run \`node esbuild.js\` (npm run bench does) first`);
    process.exit(2);
  }
}

const RUNS = 5; // timed warm runs (median); at least 3
const COLD_RUNS = 5;
const TARGET_MBPS = 5;
const TARGET_RATIO = 1.5;
const CORPUS_BYTES = 1024 * 1024;

const seedDir = join(root, 'seeds');
const seedFiles = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort();
const seeds = seedFiles.map((f) => readFileSync(join(seedDir, f), 'utf8').replace(/^\uFEFF/, ''));
const coldSeed = join('seeds', '000_dbe85c08eada0134.txt');

// ~1 MB corpus: the seeds repeated, in order, until at least CORPUS_BYTES of UTF-8.
const parts = [];
let bytes = 0;
while (bytes < CORPUS_BYTES) {
  for (const s of seeds) {
    parts.push(s);
    bytes += Buffer.byteLength(s, 'utf8') + 1;
    if (bytes >= CORPUS_BYTES) break;
  }
}
const corpus = parts.join('\n');
const corpusBytes = Buffer.byteLength(corpus, 'utf8');
const MB = 1024 * 1024;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function timeRuns(fn, runs) {
  fn(); // warm-up: wasm instantiation, dictionaries, JIT
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), times, result };
}

// ---- warm throughput, same process -------------------------------------------
const require = createRequire(import.meta.url);
const { extractDocument, ExtractionCache, cut, convert, TARGETS, OPENCC_CONFIG, cleanText, findCleanups, checkText } = require(benchBundle);

// What the CLI and the editor call: the whole document, part by part, no cache.
const ex = timeRuns(() => extractDocument(corpus).entities, RUNS);
const md = timeRuns(() => extractDocument(corpus, { types: ['money', 'date'] }).entities, RUNS);
// Cleaning: the findings (what the editor's diagnostics need) and the cleaned text.
const cleanFind = timeRuns(() => findCleanups(corpus), RUNS);
const cleanAll = timeRuns(() => cleanText(corpus), RUNS);
const figureChecks = timeRuns(() => checkText(corpus), 3);
// An edit in the middle of the corpus, re-extracted with the cache of the version before.
const cache = new ExtractionCache();
let version = corpus;
extractDocument(version, { cache });
let editParts = '';
const edit = timeRuns(() => {
  const mid = version.length >> 1;
  version = version.slice(0, mid) + (version[mid] === '，' ? '、' : '，') + version.slice(mid + 1);
  const r = extractDocument(version, { cache });
  cache.sweep();
  editParts = `${r.extracted} of ${r.parts} parts extracted again`;
  return r;
}, RUNS);
const cu = timeRuns(() => cut(corpus), RUNS);
const exMBps = corpusBytes / MB / (ex.ms / 1000);
const cuMBps = corpusBytes / MB / (cu.ms / 1000);
const ratio = ex.ms / cu.ms;
const counts = { project: 0, money: 0, date: 0 };
for (const e of ex.result) counts[e.type]++;

// ---- cold start ----------------------------------------------------------------
const cliTimes = [];
let cliStatus = 0;
for (let i = 0; i < COLD_RUNS; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cliBundle, 'extract', '--json', coldSeed], { cwd: root, encoding: 'utf8' });
  cliTimes.push(performance.now() - t0);
  if (r.status !== 0) cliStatus = r.status ?? -1;
}

// Inside a fresh process: time to require the bundle, the first extract() of one
// seed, and the process's own clock (performance.now() counts from its start).
const probe = `
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
const b = require(${JSON.stringify(benchBundle)});
const t1 = performance.now();
const text = require('node:fs').readFileSync(${JSON.stringify(join(root, coldSeed))}, 'utf8');
const t2 = performance.now();
const n = b.extractDocument(text).entities.length;
const t3 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, first: t3 - t2, sinceStart: t3, n }));
`;
const firsts = [];
for (let i = 0; i < COLD_RUNS; i++) {
  const r = spawnSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`bench: probe process failed:\n${r.stderr}`);
    process.exit(1);
  }
  firsts.push(JSON.parse(r.stdout));
}

// ---- activation ------------------------------------------------------------------
// dist/extension.js loaded and activated in a fresh process against a stand-in for the
// `vscode` module (every member a no-op that returns another stand-in): what our own
// code costs at activation — VS Code's part is not in it. Then the first uses: the
// segmenter's load (from dist/jieba.wasm) and the first whole reading of a seed.
const VSCODE_MEMBERS = ['window', 'workspace', 'languages', 'commands', 'env', 'l10n', 'extensions', 'Uri', 'EventEmitter', 'ThemeColor', 'ThemeIcon', 'Range', 'Position', 'Selection', 'Location', 'Diagnostic', 'DiagnosticSeverity', 'DiagnosticTag', 'DiagnosticRelatedInformation', 'MarkdownString', 'Hover', 'TreeItem', 'TreeItemCollapsibleState', 'StatusBarAlignment', 'OverviewRulerLane', 'DecorationRangeBehavior', 'CodeAction', 'CodeActionKind', 'WorkspaceEdit', 'ProgressLocation', 'CancellationTokenSource', 'TabInputText', 'TabInputTextDiff', 'TextEditorRevealType', 'ConfigurationTarget', 'ViewColumn', 'Disposable', 'FileType', 'UIKind'];
const activateProbe = `
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const stub = () => {
  const f = function () {};
  return new Proxy(f, {
    get: (t, k) => (k === Symbol.iterator ? function* () {} : k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : stub()),
    apply: () => stub(),
    construct: () => stub(),
    set: () => true,
  });
};
// A plain object (the bundle copies the module's own keys), each member a stand-in.
const vscode = {};
for (const k of ${JSON.stringify(VSCODE_MEMBERS)}) vscode[k] = stub();
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const t0 = performance.now();
const ext = require(${JSON.stringify(join(root, 'dist', 'extension.js'))});
const t1 = performance.now();
ext.activate({ subscriptions: [], extensionUri: stub(), globalState: stub(), workspaceState: stub() });
const t2 = performance.now();
const bench = require(${JSON.stringify(benchBundle)});
const text = require('node:fs').readFileSync(${JSON.stringify(join(root, coldSeed))}, 'utf8');
const t3 = performance.now();
bench.loadSegmenter();
const t4 = performance.now();
bench.extractDocument(text);
const t5 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, activate: t2 - t1, segmenter: t4 - t3, firstRead: t5 - t4 }));
`;
const activations = [];
for (let i = 0; i < COLD_RUNS; i++) {
  const r = spawnSync(process.execPath, ['-e', activateProbe], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`bench: activation probe failed:\n${r.stderr}`);
    process.exit(1);
  }
  activations.push(JSON.parse(r.stdout));
}

// ---- conversion ------------------------------------------------------------------
// Sources: the corpus in traditional script for the to-simplified targets, in
// simplified script for the others. The first call of a direction loads its tries.
const CONVERT_RUNS = 3;
const firstUse = {};
const simplifiedCorpus = (() => {
  const t0 = performance.now();
  const out = convert(corpus, 'simplified');
  firstUse.simplified = performance.now() - t0;
  return out;
})();
const traditionalCorpus = (() => {
  const t0 = performance.now();
  const out = convert(simplifiedCorpus, 'traditional');
  firstUse.traditional = performance.now() - t0;
  return out;
})();
const conversions = [];
for (const target of TARGETS) {
  const source = target.startsWith('simplified') ? traditionalCorpus : simplifiedCorpus;
  if (firstUse[target] === undefined) {
    const t0 = performance.now();
    convert('发展', target);
    firstUse[target] = performance.now() - t0;
  }
  const r = timeRuns(() => convert(source, target), CONVERT_RUNS);
  conversions.push({ target, ms: r.ms, mbps: Buffer.byteLength(source, 'utf8') / MB / (r.ms / 1000), source });
}

// Whole process: our CLI against Debian's opencc on the same ~1 MB file.
const haveOpencc = spawnSync('opencc', ['--help'], { encoding: 'utf8' }).error === undefined;
const tmp = mkdtempSync(join(tmpdir(), 'policy-lens-bench-'));
const processRows = [];
for (const c of conversions) {
  const file = join(tmp, `${c.target}.txt`);
  writeFileSync(file, c.source);
  const ours = [];
  const theirs = [];
  for (let i = 0; i < CONVERT_RUNS; i++) {
    let t0 = performance.now();
    const r = spawnSync(process.execPath, [cliBundle, 'convert', '--to', c.target, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    ours.push(performance.now() - t0);
    if (r.status !== 0) ours[ours.length - 1] = NaN;
    if (haveOpencc) {
      t0 = performance.now();
      const d = spawnSync('opencc', ['-c', `${OPENCC_CONFIG[c.target]}.json`, '-i', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
      theirs.push(d.status === 0 ? performance.now() - t0 : NaN);
    }
  }
  processRows.push({ target: c.target, ours: median(ours), theirs: haveOpencc ? median(theirs) : undefined });
}
rmSync(tmp, { recursive: true, force: true });

// ---- report --------------------------------------------------------------------
const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const rows = [
  ['corpus', `${(corpusBytes / MB).toFixed(2)} MB UTF-8 (${corpus.length} UTF-16 units), ${seeds.length} seeds repeated`, ''],
  ['extractDocument() warm', `${f1(ex.ms)} ms  →  ${f2(exMBps)} MB/s`, `median of ${RUNS}: ${ex.times.map(f1).join(', ')} ms`],
  ['money and dates only', `${f1(md.ms)} ms  →  ${f2(corpusBytes / MB / (md.ms / 1000))} MB/s`, `median of ${RUNS}: what the editor shows first`],
  ['one edit, cached parts', `${f1(edit.ms)} ms`, `median of ${RUNS}; ${editParts}`],
  ['clean: findings', `${f1(cleanFind.ms)} ms`, `median of ${RUNS}; ${cleanFind.result.length} findings; target < 200 ms: ${cleanFind.ms < 200 ? 'met' : 'NOT met'}`],
  ['clean: cleaned text', `${f1(cleanAll.ms)} ms`, `median of ${RUNS}; target < 200 ms: ${cleanAll.ms < 200 ? 'met' : 'NOT met'}`],
  ['check: figures', `${f1(figureChecks.ms)} ms`, `median of 3; extraction, relations and checks; ${figureChecks.result.length} findings`],
  ['jieba cut() warm', `${f1(cu.ms)} ms  →  ${f2(cuMBps)} MB/s`, `median of ${RUNS}: ${cu.times.map(f1).join(', ')} ms`],
  ['extract / cut time', `${f2(ratio)}×`, `target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`],
  ['extract throughput', `${f2(exMBps)} MB/s`, `target ≥ ${TARGET_MBPS} MB/s: ${exMBps >= TARGET_MBPS ? 'met' : 'NOT met'}`],
  ['entities (corpus)', `${ex.result.length}`, `project ${counts.project}, money ${counts.money}, date ${counts.date}`],
  ['cold CLI spawn→exit', `${f1(median(cliTimes))} ms`, `median of ${COLD_RUNS}: ${cliTimes.map(f1).join(', ')} ms${cliStatus ? ` (exit ${cliStatus}!)` : ''}`],
  ['fresh: require bundle', `${f1(median(firsts.map((x) => x.load)))} ms`, `median of ${COLD_RUNS}`],
  ['fresh: first extract()', `${f1(median(firsts.map((x) => x.first)))} ms`, `one seed (${firsts[0].n} entities), median of ${COLD_RUNS}: ${firsts.map((x) => f1(x.first)).join(', ')} ms`],
  ['fresh: first result', `${f1(median(firsts.map((x) => x.sinceStart)))} ms`, 'since process start (performance.now())'],
  ['extension: load bundle', `${f1(median(activations.map((x) => x.load)))} ms`, `require(dist/extension.js), median of ${COLD_RUNS}`],
  ['extension: activate()', `${f1(median(activations.map((x) => x.activate)))} ms`, `our code only (vscode stood in for); target < 50 ms: ${median(activations.map((x) => x.load + x.activate)) < 50 ? 'met (with the load)' : median(activations.map((x) => x.activate)) < 50 ? 'met' : 'NOT met'}`],
  ['first use: segmenter', `${f1(median(activations.map((x) => x.segmenter)))} ms`, 'loading jieba (dist/jieba.wasm), after activation, off the UI path'],
  ['first use: read a seed', `${f1(median(activations.map((x) => x.firstRead)))} ms`, 'the first extractDocument() after the segmenter loaded'],
];
for (const c of conversions) {
  rows.push([`convert ${c.target}`, `${f1(c.ms)} ms  →  ${f2(c.mbps)} MB/s`, `warm, median of ${CONVERT_RUNS}; first use (dictionaries load) ${f1(firstUse[c.target])} ms`]);
}
for (const p of processRows) {
  const cfg = OPENCC_CONFIG[p.target];
  rows.push([
    `CLI vs opencc ${p.target}`,
    `${f1(p.ours)} ms vs ${p.theirs === undefined ? '—' : `${f1(p.theirs)} ms`}`,
    p.theirs === undefined ? 'Debian opencc not installed (apt-get install opencc)' : `whole process on the same file, opencc -c ${cfg}.json; ratio ours/opencc ${f2(p.ours / p.theirs)}`,
  ]);
}
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`Policy Lens benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
console.log('-'.repeat(w0 + w1 + 6));
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
