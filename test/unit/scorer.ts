/**
 * A small scorer for the gold annotations in test/fixtures/gold (format in
 * GUIDELINES.md, "File format"): resolves gold offsets, then computes exact-match
 * precision/recall/F1 per type and money value accuracy. Reads only the repo.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Entity, EntityType } from '../../src/core/types';

export const TYPES: readonly EntityType[] = ['project', 'money', 'date'];

export interface GoldEntity {
  type: EntityType;
  text: string;
  value?: number | string;
  currency?: string;
  name?: string;
  optional?: boolean;
}

export interface PlacedGold extends GoldEntity {
  start: number;
  end: number;
}

export interface GoldDoc {
  /** The gold file's name, e.g. `d01.json`. */
  id: string;
  text: string;
  gold: PlacedGold[];
}

/** Reads a text as the gold offsets expect: UTF-8, leading BOM dropped. */
export function readText(path: string): string {
  const s = readFileSync(path, 'utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * Gives each gold entity its offsets: its `text` is searched forward from the
 * previous entity's start, skipping places that overlap an already placed
 * entity of the same type. Throws when a mention cannot be found.
 */
export function placeGold(text: string, entities: GoldEntity[], id = ''): PlacedGold[] {
  const placed: PlacedGold[] = [];
  let from = 0;
  for (const g of entities) {
    if (!g.text) throw new Error(`${id}: gold entity with empty text`);
    let at = text.indexOf(g.text, from);
    while (at >= 0 && placed.some((p) => p.type === g.type && at < p.end && p.start < at + g.text.length)) {
      at = text.indexOf(g.text, at + 1);
    }
    if (at < 0) throw new Error(`${id}: gold ${g.type} ${JSON.stringify(g.text)} not found after offset ${from}`);
    placed.push({ ...g, start: at, end: at + g.text.length });
    from = at;
  }
  return placed;
}

/** Loads every gold file in `goldDir` with its text from `textDir` (named by the file's `doc`). */
export function loadGoldSet(goldDir: string, textDir: string): GoldDoc[] {
  return readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const json = JSON.parse(readFileSync(join(goldDir, f), 'utf8')) as { doc?: string; entities: GoldEntity[] };
      const doc = json.doc ?? basename(f, '.json') + '.txt';
      const text = readText(join(textDir, doc));
      return { id: f, text, gold: placeGold(text, json.entities, f) };
    });
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface TypeScore extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  doc: string;
  kind: 'fp' | 'fn' | 'value';
  type: EntityType;
  start: number;
  end: number;
  text: string;
  detail?: string;
}

export interface Score {
  byType: Record<EntityType, TypeScore>;
  /** Matched money mentions whose gold gives a value or currency, and how many agree. */
  moneyValues: { checked: number; correct: number; accuracy: number };
  misses: Miss[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function valueMatches(pred: Entity, gold: PlacedGold): boolean {
  if (gold.value !== undefined) {
    if (typeof gold.value === 'number') {
      if (typeof pred.value !== 'number') return false;
      const tol = 1e-9 * Math.max(Math.abs(gold.value), Math.abs(pred.value));
      if (!(Math.abs(pred.value - gold.value) <= tol)) return false;
    } else if (pred.value !== gold.value) return false;
  }
  return gold.currency === undefined || pred.currency === gold.currency;
}

/** Scores one document's predictions against its placed gold; adds to `acc`. */
function scoreDoc(doc: GoldDoc, predicted: Entity[], acc: Record<EntityType, Counts>, money: Score['moneyValues'], misses: Miss[]): void {
  for (const type of TYPES) {
    const gold = doc.gold.filter((g) => g.type === type);
    const preds = predicted.filter((p) => p.type === type);
    const used = new Set<PlacedGold>();
    for (const p of preds) {
      const match = gold.find((g) => !used.has(g) && g.start === p.start && g.end === p.end);
      if (match) {
        used.add(match);
        if (match.optional) continue; // found a borderline mention: neither a hit nor an error
        acc[type].tp++;
        if (type === 'money' && (match.value !== undefined || match.currency !== undefined)) {
          money.checked++;
          if (valueMatches(p, match)) money.correct++;
          else misses.push({ doc: doc.id, kind: 'value', type, start: p.start, end: p.end, text: p.text, detail: `got ${p.value} ${p.currency ?? ''}, gold ${match.value} ${match.currency ?? ''}` });
        }
        continue;
      }
      if (gold.some((g) => g.optional && overlaps(g, p))) continue; // touching a borderline mention is not a false positive
      acc[type].fp++;
      misses.push({ doc: doc.id, kind: 'fp', type, start: p.start, end: p.end, text: p.text });
    }
    for (const g of gold) {
      if (g.optional || used.has(g)) continue;
      acc[type].fn++;
      misses.push({ doc: doc.id, kind: 'fn', type, start: g.start, end: g.end, text: g.text });
    }
  }
}

function rates({ tp, fp, fn }: Counts): TypeScore {
  // With nothing to find and nothing found, a type scores 1.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Micro-averaged scores over a set of documents; `run` gives a document's predictions. */
export function scoreSet(docs: GoldDoc[], run: (text: string) => Entity[]): Score {
  const acc = { project: { tp: 0, fp: 0, fn: 0 }, money: { tp: 0, fp: 0, fn: 0 }, date: { tp: 0, fp: 0, fn: 0 } };
  const money = { checked: 0, correct: 0, accuracy: 1 };
  const misses: Miss[] = [];
  for (const doc of docs) scoreDoc(doc, run(doc.text), acc, money, misses);
  money.accuracy = money.checked ? money.correct / money.checked : 1;
  return { byType: { project: rates(acc.project), money: rates(acc.money), date: rates(acc.date) }, moneyValues: money, misses };
}

/** A short report: one line per type, then the money value accuracy. */
export function formatScore(name: string, s: Score): string {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  const lines = TYPES.map((t) => {
    const r = s.byType[t];
    return `${name} ${t.padEnd(8)} P ${pct(r.precision)}  R ${pct(r.recall)}  F1 ${pct(r.f1)}  (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`;
  });
  lines.push(`${name} money values ${s.moneyValues.correct}/${s.moneyValues.checked} (${pct(s.moneyValues.accuracy)}%)`);
  return lines.join('\n');
}
