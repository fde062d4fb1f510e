/**
 * Project names: candidates from projectSpans.ts scored by a log-linear model, a
 * conditional logit over the candidates that end at one place (weights in
 * projectModel.json, trained by scripts/train-projects.mjs on the annotated texts),
 * then decoded: the most probable non-overlapping spans at or above the model's
 * threshold, and every later mention of a name taken.
 *
 * `confidence` is the model's probability for the span (for a later mention,
 * that of the name's best mention).
 */
import type { Normalized } from './normalize';
import { findRuleProjects } from './projects';
import { projectCandidates, type Candidate } from './projectSpans';
import type { DocContext, Span } from './types';
import model from './projectModel.json';

export interface ProjectModel {
  weights: Record<string, number>;
  threshold: number;
}

const DEFAULT_MODEL = model as ProjectModel;

/** A later mention the model scores below this where it stands is not linked. */
const EXPAND_MIN = 0.05;

const strip = (name: string) => name.replace(/(?:建设项目|项目)$/, '');

export interface Scored {
  start: number;
  end: number;
  p: number;
}

/** Picks the most probable non-overlapping spans at or above `threshold`, then later mentions. */
export function decode(text: string, scored: readonly Scored[], threshold: number): Scored[] {
  const order = [...scored].filter((c) => c.p >= threshold).sort((a, b) => b.p - a.p || b.end - b.start - (a.end - a.start));
  const taken = new Uint8Array(text.length + 1);
  const out: Scored[] = [];
  for (const c of order) {
    if (taken.subarray(c.start, c.end).includes(1)) continue;
    taken.fill(1, c.start, c.end);
    out.push(c);
  }
  // Every other mention of a name taken (three characters or more: a short name alone is ambiguous).
  const best = new Map<string, number>();
  for (const c of out) {
    const name = strip(text.slice(c.start, c.end));
    if (name.length >= 3) best.set(name, Math.max(best.get(name) ?? 0, c.p));
  }
  // A mention is linked unless the model, reading it as a candidate there, all but rules
  // it out (inside a longer name, or a company's name: …科技园有限公司).
  const candP = new Map<number, Map<number, number>>();
  for (const c of scored) (candP.get(c.start) ?? candP.set(c.start, new Map()).get(c.start)!).set(c.end, c.p);
  for (const [name, p] of best) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      const end = i + name.length;
      if (taken.subarray(i, end).includes(1)) continue;
      const here = candP.get(i)?.get(end);
      if (here !== undefined && here < EXPAND_MIN) continue;
      taken.fill(1, i, end);
      out.push({ start: i, end, p });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The probability of each candidate: the candidates that end at one place compete
 * (a conditional logit over their starts and "no name ends here", whose score is 0),
 * so the model chooses a name's boundary, not only whether there is one.
 */
export function endSoftmax(cands: readonly { end: number }[], z: readonly number[]): number[] {
  const byEnd = new Map<number, number[]>();
  cands.forEach((c, k) => {
    const g = byEnd.get(c.end);
    if (g) g.push(k);
    else byEnd.set(c.end, [k]);
  });
  const p = new Array<number>(cands.length).fill(0);
  for (const g of byEnd.values()) {
    let mx = 0;
    for (const k of g) mx = Math.max(mx, z[k]);
    let sum = Math.exp(-mx);
    for (const k of g) sum += Math.exp(z[k] - mx);
    for (const k of g) p[k] = Math.exp(z[k] - mx) / sum;
  }
  return p;
}

export function linear(feats: readonly string[], m: ProjectModel = DEFAULT_MODEL): number {
  let z = 0;
  for (const f of feats) z += m.weights[f] ?? 0;
  return z;
}

/**
 * Candidates with their probabilities. With `keepFeatures` (the training script, the
 * tests) each candidate keeps its feature list; otherwise it is scored and dropped as
 * soon as it is complete.
 */
export function scoreCandidates(norm: Normalized, ctx: DocContext, m: ProjectModel = DEFAULT_MODEL, keepFeatures = true): { cands: Candidate[]; p: number[] } {
  const rules = findRuleProjects(norm, ctx);
  const finish = (c: Candidate): Candidate => ({ start: c.start, end: c.end, feats: keepFeatures ? c.feats : [], z: c.z ?? linear(c.feats, m) });
  const cands = projectCandidates(norm.text, ctx, rules, finish, keepFeatures ? undefined : m.weights);
  return { cands, p: endSoftmax(cands, cands.map((c) => c.z!)) };
}

export function findProjects(norm: Normalized, ctx: DocContext, m: ProjectModel = DEFAULT_MODEL): Span[] {
  const { cands, p } = scoreCandidates(norm, ctx, m, false);
  const text = norm.text;
  const picked = decode(text, cands.map((c, k) => ({ start: c.start, end: c.end, p: p[k] })), m.threshold);
  return picked.map((c) => ({ start: c.start, end: c.end, name: strip(text.slice(c.start, c.end)).replace(/\s+/g, ''), confidence: Math.round(c.p * 1000) / 1000 }));
}
