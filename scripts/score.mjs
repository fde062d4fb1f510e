#!/usr/bin/env node
// Developer script: scores dist/cli.js against the shared gold annotations
// (../shared/tools/score.mjs), on the seeds and on the second development set.
// Pass --quiet to print only the summary lines. Exits 1 when a floor is missed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared');
const scorer = join(shared, 'tools', 'score.mjs');
if (!existsSync(scorer)) {
  console.error(`score: ${scorer} not found (this developer script needs ../shared beside the repo)`);
  process.exit(2);
}
const quiet = process.argv.includes('--quiet');
const sets = [
  { name: 'seeds', gold: join(shared, 'gold', 'seeds'), texts: join(shared, 'seeds'), min: 'money=0.97,date=0.95,project=0.80,names=0.85' },
  { name: 'dev', gold: join(shared, 'gold', 'dev'), texts: join(shared, 'dev', 'texts'), min: 'money=0.95,date=0.92,project=0.70,names=0.75' },
];
let failed = false;
for (const s of sets) {
  console.log(`== ${s.name} (floors ${s.min})`);
  const r = spawnSync(process.execPath, [scorer, '--gold', s.gold, '--texts', s.texts, '--min', s.min, '--', process.execPath, join(root, 'dist', 'cli.js'), 'extract', '--json'], { encoding: 'utf8' });
  const out = quiet ? r.stdout.split('\n').slice(0, 5).join('\n') : r.stdout;
  process.stdout.write(out + '\n' + r.stderr);
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
