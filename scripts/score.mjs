#!/usr/bin/env node
// Developer script: scores dist/cli.js against the shared gold annotations
// (../shared/tools/score.mjs), on the seeds and on the development texts.
//
// dist/cli.js runs once per set (all its texts in one process); the shared scorer
// then reads those predictions (--pred) for each subset:
//   seeds                         floors enforced
//   dev d01–d10                   floors enforced
//   dev d11–d31                   printed, not enforced
//   dev by group (all 31 texts)   printed: mainland reports, mainland news and
//                                 notices, Hong Kong, Taiwan
// Pass --quiet to print only the summary lines. Exits 1 when a floor is missed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared');
const scorer = join(shared, 'tools', 'score.mjs');
const cli = join(root, 'dist', 'cli.js');
for (const [f, hint] of [[scorer, 'this developer script needs ../shared beside the repo'], [cli, 'run `npm run build` first']]) {
  if (!existsSync(f)) {
    console.error(`score: ${f} not found (${hint})`);
    process.exit(2);
  }
}
const quiet = process.argv.includes('--quiet');

const SEEDS = { gold: join(shared, 'gold', 'seeds'), texts: join(shared, 'seeds') };
const DEV = { gold: join(shared, 'gold', 'dev'), texts: join(shared, 'dev', 'texts') };
/** Gold file names d01.json … d31.json: a set of numbers as a regex for the scorer's --only. */
const only = (...ns) => `^d(${ns.map((n) => String(n).padStart(2, '0')).join('|')})\\.json$`;
const range = (a, b) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

const SETS = [
  { name: 'seeds', ...SEEDS, min: 'money=0.97,date=0.95,project=0.80,names=0.85' },
  { name: 'dev d01–d10', ...DEV, only: only(...range(1, 10)), min: 'money=0.95,date=0.92,project=0.70,names=0.75' },
  { name: 'dev d11–d31', ...DEV, only: only(...range(11, 31)) },
];
const GROUPS = [
  { name: 'mainland reports (d01–d04, d18, d28, d29)', only: only(1, 2, 3, 4, 18, 28, 29) },
  { name: 'mainland news and notices (d07–d10, d17, d19, d30, d31)', only: only(7, 8, 9, 10, 17, 19, 30, 31) },
  { name: 'Hong Kong (d05, d06, d14–d16, d24–d27)', only: only(5, 6, 14, 15, 16, 24, 25, 26, 27) },
  { name: 'Taiwan (d11–d13, d20–d23)', only: only(11, 12, 13, 20, 21, 22, 23) },
  { name: 'all dev (d01–d31)' },
];

/** Runs dist/cli.js once over a set's texts and writes one prediction file per text into a new directory. */
function predict(set, tmp) {
  const files = readdirSync(set.texts).filter((f) => f.endsWith('.txt')).sort().map((f) => join(set.texts, f));
  const r = spawnSync(process.execPath, [cli, 'extract', '--json', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) {
    console.error(`score: dist/cli.js failed: ${r.stderr || r.error}`);
    process.exit(2);
  }
  let out = JSON.parse(r.stdout);
  if (!Array.isArray(out)) out = [out];
  const dir = join(tmp, basename(set.texts) + '-' + basename(set.gold));
  mkdirSync(dir);
  for (const doc of out) writeFileSync(join(dir, basename(doc.file).replace(/\.txt$/, '.json')), JSON.stringify(doc));
  return dir;
}

function score(set, pred, extra = []) {
  const args = [scorer, '--gold', set.gold, '--texts', set.texts, '--pred', pred, ...extra];
  if (set.only) args.push('--only', set.only);
  return spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
}

const tmp = mkdtempSync(join(tmpdir(), 'policy-lens-score-'));
let failed = false;
try {
  const preds = new Map([[SEEDS, predict(SEEDS, tmp)], [DEV, predict(DEV, tmp)]]);
  const predOf = (set) => preds.get(set.gold === SEEDS.gold ? SEEDS : DEV);

  for (const s of SETS) {
    console.log(`== ${s.name} (${s.min ? `floors ${s.min}` : 'floors not enforced'})`);
    const r = score(s, predOf(s), s.min ? ['--min', s.min] : []);
    if (r.status === 2 || r.error) {
      console.error(`score: ${scorer} failed: ${r.stderr || r.error}`);
      process.exit(2);
    }
    const out = quiet ? r.stdout.split('\n').slice(0, 5).join('\n') : r.stdout.trimEnd();
    process.stdout.write(out + '\n' + r.stderr);
    if (s.min && r.status !== 0) failed = true;
  }

  // Per-group exact-match F1 on the development texts (printed, not enforced).
  console.log('== dev by group (exact-match F1; printed, not enforced)');
  const f = (x) => x.toFixed(3);
  console.log(`${'group'.padEnd(58)} money  date   project names`);
  for (const g of GROUPS) {
    const r = score({ ...DEV, only: g.only }, preds.get(DEV), ['--json']);
    if (r.status === 2 || r.error) {
      console.error(`score: ${scorer} failed on ${g.name}: ${r.stderr || r.error}`);
      process.exit(2);
    }
    const { report } = JSON.parse(r.stdout);
    console.log(`${g.name.padEnd(58)} ${f(report.money.exact.f1)}  ${f(report.date.exact.f1)}  ${f(report.project.exact.f1)}   ${f(report.projectNames.f1)}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
