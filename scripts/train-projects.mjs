#!/usr/bin/env node
// Trains the project span scorer (logistic regression over the features of
// src/core/projectSpans.ts) on the annotated texts in the repo (seeds/ and
// test/fixtures/), evaluates it leave-one-group-out, and writes
// src/core/projectModel.json.
//
//   npm run build && node scripts/train-projects.mjs [--no-write] [--threshold T]
//
// Leave-one-group-out: for each group of texts (mainland reports, mainland news
// and notices, Hong Kong, Taiwan, the seeds) a model is trained without that
// group and scored on it: the figure says how the approach does on a kind of
// text it has not seen. The model written is trained on every group.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const core = require(join(root, 'dist', 'train.js'));

const args = process.argv.slice(2);
const write = !args.includes('--no-write');
const fixedThreshold = args.includes('--threshold') ? Number(args[args.indexOf('--threshold') + 1]) : undefined;

export const GROUPS = [
  ['mainland reports', /^d(0[1-4]|18|2[89])\./],
  ['mainland news', /^d(0[7-9]|10|17|19|3[01])\./],
  ['Hong Kong', /^d(0[56]|1[4-6]|2[4-7])\./],
  ['Taiwan', /^d(1[1-3]|2[0-3])\./],
  ['seeds', /^\d{3}_/],
];

const readText = (p) => readFileSync(p, 'utf8').replace(/^\uFEFF/, '');

/** Gold lists entity texts in order: each is found searching forward from the previous one's start. */
function placeGold(text, entities) {
  let from = 0;
  const placed = [];
  for (const e of entities) {
    const clash = (s) => placed.some((p) => p.type === e.type && s < p.end && p.start < s + e.text.length);
    let start = text.indexOf(e.text, from);
    while (start >= 0 && clash(start)) start = text.indexOf(e.text, start + 1);
    if (start < 0) throw new Error(`gold ${JSON.stringify(e.text)} not found`);
    placed.push({ ...e, start, end: start + e.text.length });
    from = start;
  }
  return placed.filter((e) => e.type === 'project');
}

function loadDocs() {
  const sets = [
    [join(root, 'test', 'fixtures', 'gold', 'seeds'), join(root, 'seeds')],
    [join(root, 'test', 'fixtures', 'gold', 'dev'), join(root, 'test', 'fixtures', 'dev')],
  ];
  const docs = [];
  for (const [goldDir, textDir] of sets) {
    for (const f of readdirSync(goldDir).filter((x) => x.endsWith('.json')).sort()) {
      const g = JSON.parse(readFileSync(join(goldDir, f), 'utf8'));
      const text = readText(join(textDir, g.doc ?? f.replace(/\.json$/, '.txt')));
      const group = GROUPS.find(([, re]) => re.test(f))?.[0];
      if (!group) continue;
      docs.push({ id: f, group, text, gold: placeGold(text, g.entities) });
    }
  }
  return docs;
}

/** Candidates of a document in original offsets, with labels: 1, 0, or null (borderline: not trained on). */
function prepare(doc) {
  const norm = core.normalize(doc.text);
  const ctx = { region: core.detectRegion(norm.text), referenceDate: core.findReferenceDate(norm.text) };
  const { cands } = core.scoreCandidates(norm, ctx);
  const rows = cands.map((c) => {
    const [s, e] = core.toOriginal(norm, c.start, c.end);
    const exact = doc.gold.find((g) => g.start === s && g.end === e);
    let y = 0;
    if (exact) y = exact.optional ? null : 1;
    else if (doc.gold.some((g) => g.optional && g.start < e && s < g.end)) y = null;
    return { doc: doc.id, start: c.start, end: c.end, s, e, feats: c.feats, y };
  });
  return { ...doc, norm, rows };
}

/**
 * Fits the weights of the conditional logit: within each group of candidates
 * sharing an end (`rows` carry `doc` and `end`), the gold start is the target,
 * or "no name ends here" (score 0) when none is gold. Adam, L2.
 */
function train(rows, { l2 = Number(process.env.L2 ?? 1e-4), epochs = Number(process.env.EPOCHS ?? 400), lr = 0.05, minCount = 3 } = {}) {
  const count = new Map();
  for (const r of rows) for (const f of r.feats) count.set(f, (count.get(f) ?? 0) + 1);
  const names = [...count].filter(([, n]) => n >= minCount).map(([f]) => f);
  const index = new Map(names.map((f, i) => [f, i]));
  const groups = new Map();
  for (const r of rows) {
    const key = `${r.doc}:${r.end}`;
    const x = Int32Array.from(r.feats.map((f) => index.get(f)).filter((i) => i !== undefined));
    (groups.get(key) ?? groups.set(key, []).get(key)).push({ x, y: r.y });
  }
  const G = [...groups.values()];
  const w = new Float64Array(names.length);
  const m = new Float64Array(names.length);
  const v = new Float64Array(names.length);
  const b1 = 0.9, b2 = 0.999, eps = 1e-8;
  for (let ep = 1; ep <= epochs; ep++) {
    const g = new Float64Array(names.length);
    for (const grp of G) {
      const z = grp.map((c) => { let s = 0; for (const i of c.x) s += w[i]; return s; });
      const mx = Math.max(0, ...z);
      let sum = Math.exp(-mx);
      for (const zz of z) sum += Math.exp(zz - mx);
      grp.forEach((c, k) => {
        const d = Math.exp(z[k] - mx) / sum - c.y;
        for (const i of c.x) g[i] += d;
      });
    }
    for (let i = 0; i < w.length; i++) {
      const gi = g[i] / G.length + l2 * w[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      w[i] -= (lr * (m[i] / (1 - b1 ** ep))) / (Math.sqrt(v[i] / (1 - b2 ** ep)) + eps);
    }
  }
  const weights = {};
  names.forEach((f, i) => {
    if (Math.abs(w[i]) >= 1e-3) weights[f] = Math.round(w[i] * 1e4) / 1e4;
  });
  return weights;
}

/** Probabilities of a document's candidates under `weights`. */
function probs(doc, weights) {
  return core.endSoftmax(doc.rows, doc.rows.map((r) => core.linear(r.feats, { weights, threshold: 0 })));
}

/** Exact-match scoring as ../shared/tools/score.mjs does it: a prediction over an optional mention is ignored. */
function evaluate(doc, weights, threshold) {
  const p = probs(doc, weights);
  const scored = doc.rows.map((r, k) => ({ start: r.start, end: r.end, p: p[k] }));
  const picked = core.decode(doc.norm.text, scored, threshold).map((c) => {
    const [s, e] = core.toOriginal(doc.norm, c.start, c.end);
    return { s, e, p: c.p };
  });
  const used = new Set();
  let tp = 0, fp = 0;
  const byConf = [];
  for (const p of picked) {
    const gi = doc.gold.findIndex((g, i) => !used.has(i) && g.start === p.s && g.end === p.e);
    if (gi >= 0) {
      used.add(gi);
      if (!doc.gold[gi].optional) { tp++; byConf.push([p.p, 1]); }
    } else if (!doc.gold.some((g) => g.optional && g.start < p.e && p.s < g.end)) { fp++; byConf.push([p.p, 0]); }
  }
  const fn = doc.gold.filter((g, i) => !g.optional && !used.has(i)).length;
  return { tp, fp, fn, byConf };
}

const prf = ({ tp, fp, fn }) => {
  const p = tp + fp ? tp / (tp + fp) : 1, r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};
const add = (a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });
const fmt = (x) => x.toFixed(3);

const docs = loadDocs().map(prepare);
console.log(`${docs.length} texts, ${docs.reduce((n, d) => n + d.rows.length, 0)} candidates`);

// How many required gold mentions have a candidate at all (the ceiling of recall).
for (const [g] of GROUPS) {
  const ds = docs.filter((d) => d.group === g);
  let req = 0, cov = 0;
  for (const d of ds) for (const gm of d.gold) if (!gm.optional) { req++; if (d.rows.some((r) => r.s === gm.start && r.e === gm.end)) cov++; }
  console.log(`candidate recall ${g.padEnd(17)} ${cov}/${req} = ${fmt(cov / Math.max(1, req))}`);
}

// --explain DOC:TEXT prints, under a model trained without DOC, the candidates ending where TEXT ends.
if (args.includes('--explain')) {
  const [id, want] = args[args.indexOf('--explain') + 1].split(':');
  const d = docs.find((x) => x.id === id);
  const w = train(docs.filter((x) => x !== d).flatMap((x) => x.rows.filter((r) => r.y !== null)));
  const p = probs(d, w);
  const at = d.text.indexOf(want);
  d.rows.forEach((r, k) => {
    if (r.e !== at + want.length) return;
    console.log(`${d.text.slice(r.s, r.e)} ${p[k].toFixed(3)} y=${r.y} ` + r.feats.map((f) => `${f}=${(w[f] ?? 0).toFixed(2)}`).filter((x) => !x.endsWith('=0.00')).join(' '));
  });
  process.exit(0);
}
const thresholds = fixedThreshold !== undefined ? [fixedThreshold] : [0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
const logo = new Map(thresholds.map((t) => [t, new Map()]));
const confPairs = [];
const logoWeights = new Map();
const lotoWeights = new Map();
const lotoConf = [];
for (const [g] of GROUPS) {
  const trainRows = docs.filter((d) => d.group !== g).flatMap((d) => d.rows.filter((r) => r.y !== null));
  const weights = train(trainRows);
  logoWeights.set(g, weights);
  for (const t of thresholds) {
    let tot = { tp: 0, fp: 0, fn: 0 };
    for (const d of docs.filter((x) => x.group === g)) {
      const r = evaluate(d, weights, t);
      tot = add(tot, r);
      if (t === thresholds[0]) confPairs.push(...r.byConf);
    }
    logo.get(t).set(g, tot);
  }
}
console.log('\nleave-one-group-out project mentions (exact): P / R / F1 per threshold');
let bestT = thresholds[0], bestF = -1;
for (const t of thresholds) {
  let all = { tp: 0, fp: 0, fn: 0 };
  const cells = [];
  for (const [g] of GROUPS) {
    const s = logo.get(t).get(g);
    all = add(all, s);
    const { p, r, f } = prf(s);
    cells.push(`${g}: ${fmt(p)}/${fmt(r)}/${fmt(f)}`);
  }
  const { p, r, f } = prf(all);
  console.log(`t=${t}  all ${fmt(p)}/${fmt(r)}/${fmt(f)}  | ${cells.join('  ')}`);
  if (f > bestF) { bestF = f; bestT = t; }
}
// Leave-one-text-out: each text read by a model trained on all the others (texts of
// its own kind included): the figure for a new text of a kind the model has seen.
if (args.includes('--loto')) {
  const per = new Map(thresholds.map((t) => [t, new Map()]));
  for (const d of docs) {
    const w = train(docs.filter((x) => x !== d).flatMap((x) => x.rows.filter((r) => r.y !== null)));
    lotoWeights.set(d.id, w);
    for (const t of thresholds) per.get(t).set(d.group, add(per.get(t).get(d.group) ?? { tp: 0, fp: 0, fn: 0 }, evaluate(d, w, t)));
    lotoConf.push(...evaluate(d, w, 0.1).byConf);
  }
  console.log('\nleave-one-text-out project mentions (exact): P / R / F1 per threshold');
  for (const t of thresholds) {
    let all = { tp: 0, fp: 0, fn: 0 };
    const cells = [];
    for (const [g] of GROUPS) { const s = per.get(t).get(g); all = add(all, s); const x = prf(s); cells.push(`${g}: ${fmt(x.p)}/${fmt(x.r)}/${fmt(x.f)}`); }
    const x = prf(all);
    console.log(`t=${t}  all ${fmt(x.p)}/${fmt(x.r)}/${fmt(x.f)}  | ${cells.join('  ')}`);
  }
}
// Precision by confidence band, on held-out predictions (leave-one-text-out where run,
// else leave-one-group-out at the lowest threshold).
const pairs = lotoConf.length ? lotoConf : confPairs;
console.log(`\nheld-out precision by confidence (${lotoConf.length ? 'leave-one-text-out, decoded at 0.1' : 'leave-one-group-out'}):`);
for (const [lo, hi] of [[0.1, 0.3], [0.3, 0.5], [0.5, 0.7], [0.7, 0.9], [0.9, 1.01]]) {
  const band = pairs.filter(([p]) => p >= lo && p < hi);
  if (band.length) console.log(`  [${lo}, ${Math.min(hi, 1)}): ${band.filter(([, y]) => y).length}/${band.length} = ${fmt(band.filter(([, y]) => y).length / band.length)}`);
}

const weights = train(docs.flatMap((d) => d.rows.filter((r) => r.y !== null)));
const threshold = fixedThreshold ?? bestT;
let all = { tp: 0, fp: 0, fn: 0 };
const inGroup = new Map();
for (const d of docs) {
  const r = evaluate(d, weights, threshold);
  all = add(all, r);
  inGroup.set(d.group, add(inGroup.get(d.group) ?? { tp: 0, fp: 0, fn: 0 }, r));
}
const tr = prf(all);
console.log('in-sample: ' + [...inGroup].map(([g, s]) => { const x = prf(s); return `${g}: ${fmt(x.p)}/${fmt(x.r)}/${fmt(x.f)}`; }).join('  '));
if (args.includes('--dump')) {
  const only = args.includes('--only') ? new RegExp(args[args.indexOf('--only') + 1]) : /./;
  for (const d of docs.filter((x) => only.test(x.id))) {
    // Held-out errors: each text is read by the model trained without its group.
    const pp = probs(d, args.includes('--in') ? weights : lotoWeights.get(d.id) ?? logoWeights.get(d.group));
    const scored = d.rows.map((r, k) => ({ start: r.start, end: r.end, p: pp[k] }));
    const picked = core.decode(d.norm.text, scored, threshold).map((c) => ({ ...c, o: core.toOriginal(d.norm, c.start, c.end) }));
    for (const c of picked) {
      const g = d.gold.find((x) => x.start === c.o[0] && x.end === c.o[1]);
      if (!g && !d.gold.some((x) => x.optional && x.start < c.o[1] && c.o[0] < x.end)) console.log(`${d.id} FP ${c.p.toFixed(2)} ${d.text.slice(c.o[0], c.o[1])}`);
    }
    for (const g of d.gold) {
      if (g.optional || picked.some((c) => c.o[0] === g.start && c.o[1] === g.end)) continue;
      const k = d.rows.findIndex((r) => r.s === g.start && r.e === g.end);
      console.log(`${d.id} FN ${k >= 0 ? pp[k].toFixed(2) : 'nocand'} ${g.text}`);
    }
  }
}
console.log(`\ntrained on all, threshold ${threshold}: ${Object.keys(weights).length} features; on its own training texts ${fmt(tr.p)}/${fmt(tr.r)}/${fmt(tr.f)}`);
if (write) {
  const sorted = Object.fromEntries(Object.entries(weights).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(join(root, 'src', 'core', 'projectModel.json'), JSON.stringify({ threshold, weights: sorted }, null, 1) + '\n');
  console.log('wrote src/core/projectModel.json');
}
