#!/usr/bin/env node
// Developer script: is `confidence` calibrated? Runs extract() from dist/bench.js (the
// core bundled like the CLI; `npm run confidence` builds first) over the seeds and the
// development texts, matches every prediction to the gold in test/fixtures/gold (exact
// span match, as ../shared/tools/score.mjs does: a prediction overlapping an optional
// gold mention, or matching one, is ignored), and prints per entity type the precision
// of the predictions in confidence bands, then per distinct level for money and dates
// (their levels are a small table: MONEY_CONFIDENCE in src/core/money.ts,
// DATE_CONFIDENCE in src/core/dates.ts).
//
//   node scripts/confidence.mjs [--set seeds|dev] [--fp]
//   --set  only one set (both by default);  --fp  also list the false positives
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'bench.js');
if (!existsSync(bundle)) {
  console.error(`confidence: ${bundle} not found; run \`npm run build\` (npm run confidence does) first`);
  process.exit(2);
}
const { extract } = createRequire(import.meta.url)(bundle);

const args = process.argv.slice(2);
const only = args.includes('--set') ? args[args.indexOf('--set') + 1] : undefined;
const listFp = args.includes('--fp');
const SETS = [
  { name: 'seeds', gold: join(root, 'test', 'fixtures', 'gold', 'seeds'), texts: join(root, 'seeds') },
  { name: 'dev', gold: join(root, 'test', 'fixtures', 'gold', 'dev'), texts: join(root, 'test', 'fixtures', 'dev') },
].filter((s) => !only || s.name === only);
if (!SETS.length) {
  console.error(`confidence: unknown set ${only} (seeds or dev)`);
  process.exit(2);
}
const TYPES = ['project', 'money', 'date'];
const BANDS = [[0, 0.5], [0.5, 0.7], [0.7, 0.9], [0.9, 1]];
const bandOf = (c) => BANDS.findIndex(([lo, hi], k) => c >= lo && (c < hi || (k === BANDS.length - 1 && c <= hi)));

const readText = (path) => readFileSync(path, 'utf8').replace(/^\uFEFF/, '');

/** Gold offsets as ../shared/tools/score.mjs gives them: each text searched forward from the previous start. */
function placeGold(text, entities, doc) {
  let from = 0;
  const placed = [];
  return entities.map((e) => {
    const clash = (s) => placed.some((p) => p.type === e.type && s < p.end && p.start < s + e.text.length);
    let start = text.indexOf(e.text, from);
    while (start >= 0 && clash(start)) start = text.indexOf(e.text, start + 1);
    if (start < 0) throw new Error(`${doc}: gold ${e.type} ${JSON.stringify(e.text)} not found after offset ${from}`);
    const r = { ...e, start, end: start + e.text.length };
    placed.push(r);
    from = start;
    return r;
  });
}

const overlaps = (a, b) => a.start < b.end && b.start < a.end;

// stats[type] = { bands: [{tp, fp, ignored}], levels: Map(conf → {tp, fp, ignored}), bad: [] }
const stats = Object.fromEntries(TYPES.map((t) => [t, { bands: BANDS.map(() => ({ tp: 0, fp: 0, ignored: 0 })), levels: new Map(), bad: [], fps: [] }]));

for (const set of SETS) {
  for (const g of readdirSync(set.gold).filter((f) => f.endsWith('.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(set.gold, g), 'utf8'));
    const text = readText(join(set.texts, gold.doc));
    const golds = placeGold(text, gold.entities, gold.doc);
    const preds = extract(text);
    for (const t of TYPES) {
      const gs = golds.filter((e) => e.type === t);
      const used = new Set();
      const st = stats[t];
      for (const p of preds.filter((e) => e.type === t)) {
        const c = p.confidence;
        if (typeof c !== 'number' || !Number.isFinite(c) || c < 0 || c > 1) {
          st.bad.push(`${gold.doc} ${p.text} confidence ${c}`);
          continue;
        }
        const k = gs.findIndex((e, i) => !used.has(i) && e.start === p.start && e.end === p.end);
        if (k >= 0) used.add(k);
        const outcome = k >= 0 ? (gs[k].optional ? 'ignored' : 'tp') : gs.some((e) => e.optional && overlaps(e, p)) ? 'ignored' : 'fp';
        st.bands[bandOf(c)][outcome]++;
        if (!st.levels.has(c)) st.levels.set(c, { tp: 0, fp: 0, ignored: 0 });
        st.levels.get(c)[outcome]++;
        if (outcome === 'fp') st.fps.push(`${set.name}/${gold.doc} ${t} ${c.toFixed(3)} ${JSON.stringify(p.text)}`);
      }
    }
  }
}

const prec = ({ tp, fp }) => (tp + fp ? (tp / (tp + fp)).toFixed(3) : '  -  ');
const cell = (b) => `${prec(b)} (${String(b.tp).padStart(3)}/${String(b.tp + b.fp).padStart(3)}${b.ignored ? `, ${b.ignored} opt` : ''})`;
const bandName = ([lo, hi], k) => `[${lo}, ${hi}${k === BANDS.length - 1 ? ']' : ')'}`;

console.log(`precision by confidence band (${SETS.map((s) => s.name).join(' + ')}; exact span match; "opt": predictions on optional gold, ignored)`);
console.log(`${'type'.padEnd(8)} ${BANDS.map((b, k) => bandName(b, k).padEnd(24)).join(' ')}`);
for (const t of TYPES) {
  console.log(`${t.padEnd(8)} ${stats[t].bands.map((b) => cell(b).padEnd(24)).join(' ')}`);
}
for (const t of ['money', 'date']) {
  const levels = [...stats[t].levels.entries()].sort((a, b) => b[0] - a[0]);
  console.log(`\n${t} by level: ${levels.map(([c, b]) => `${c}: ${cell(b)}`).join('  ')}`);
}
let bad = 0;
for (const t of TYPES) {
  for (const line of stats[t].bad) console.error(`no valid confidence: ${t} ${line}`);
  bad += stats[t].bad.length;
}
if (listFp) {
  console.log('\nfalse positives:');
  for (const t of TYPES) for (const line of stats[t].fps) console.log('  ' + line);
}
process.exit(bad ? 1 : 0);
