import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/core/extract';
import type { EntityType } from '../../src/core/types';
import { formatScore, loadGoldSet, placeGold, scoreSet, type GoldDoc } from './scorer';

const root = join(__dirname, '..', '..');
const gold = join(root, 'test', 'fixtures', 'gold');

// The project model (src/core/projectModel.json) is trained on these very texts, so
// these floors guard against regressions; they are no measure of unseen text (the
// leave-one-text-out and leave-one-group-out figures of scripts/train-projects.mjs are).
const SETS: { name: string; gold: string; texts: string; only?: RegExp; floors: Record<EntityType, number> }[] = [
  { name: 'seeds', gold: join(gold, 'seeds'), texts: join(root, 'seeds'), floors: { money: 0.97, date: 0.95, project: 0.8 } },
  { name: 'd01–d10', gold: join(gold, 'dev'), texts: join(root, 'test', 'fixtures', 'dev'), only: /^d(0\d|10)\./, floors: { money: 0.95, date: 0.92, project: 0.7 } },
  { name: 'd11–d31', gold: join(gold, 'dev'), texts: join(root, 'test', 'fixtures', 'dev'), only: /^d(1[1-9]|2\d|3[01])\./, floors: { money: 0.97, date: 0.93, project: 0.75 } },
];

describe('scorer', () => {
  it('places gold mentions in order, skipping overlaps with the same type', () => {
    const text = '2024年投资2024年项目，2024年';
    const placed = placeGold(text, [
      { type: 'date', text: '2024年' },
      { type: 'date', text: '2024年' },
      { type: 'project', text: '2024年项目' },
      { type: 'date', text: '2024年' },
    ]);
    expect(placed.map((g) => [g.start, g.end])).toEqual([[0, 5], [7, 12], [7, 14], [15, 20]]);
    expect(() => placeGold(text, [{ type: 'date', text: '2025年' }])).toThrow(/not found/);
  });

  it('counts exact matches, ignores optional mentions and checks money values', () => {
    const doc: GoldDoc = {
      id: 't',
      text: '',
      gold: [
        { type: 'money', text: '5亿元', start: 0, end: 3, value: 5e8, currency: 'CNY' },
        { type: 'money', text: '6亿元', start: 10, end: 13, value: 6e8 },
        { type: 'project', text: 'A园', start: 20, end: 22, optional: true },
        { type: 'project', text: 'B园', start: 30, end: 32, optional: true },
        { type: 'date', text: '2024年', start: 40, end: 45 },
      ],
    };
    const s = scoreSet([doc], () => [
      { type: 'money', start: 0, end: 3, text: '5亿元', value: 5e8 * (1 + 1e-12), currency: 'CNY' },
      { type: 'money', start: 10, end: 13, text: '6亿元', value: 7e8 },
      { type: 'project', start: 19, end: 22, text: 'xA园' },
      { type: 'date', start: 40, end: 44, text: '2024' },
    ]);
    expect(s.byType.money).toMatchObject({ tp: 2, fp: 0, fn: 0, f1: 1 });
    expect(s.byType.project).toMatchObject({ tp: 0, fp: 0, fn: 0, f1: 1 });
    expect(s.byType.date).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(s.moneyValues).toMatchObject({ checked: 2, correct: 1 });
  });
});

/** Money value accuracy (value and currency on matched mentions) must stay at least this. */
const MONEY_VALUE_FLOOR = 0.95;

for (const { name, gold, texts, only, floors } of SETS) describe(`gold regression: ${name}`, () => {
  const docs = loadGoldSet(gold, texts).filter((d) => !only || only.test(d.id));

  it('has gold for every text', () => {
    expect(docs.length).toBeGreaterThanOrEqual(5);
    for (const d of docs) expect(d.gold.length).toBeGreaterThan(0);
  });

  it('meets the F1 floors', () => {
    const score = scoreSet(docs, (text) => extract(text));
    console.log(formatScore(name.padEnd(5), score));
    const failing = (Object.keys(floors) as EntityType[]).filter((t) => score.byType[t].f1 < floors[t]);
    if (failing.length) {
      // Show the errors of the failing types to make a regression easy to read.
      for (const m of score.misses.filter((x) => failing.includes(x.type)).slice(0, 60)) {
        console.log(`  ${m.kind.padEnd(5)} ${m.type.padEnd(8)} ${m.doc} ${m.start}-${m.end} ${m.text}${m.detail ? `  (${m.detail})` : ''}`);
      }
    }
    for (const t of Object.keys(floors) as EntityType[]) {
      expect(score.byType[t].f1, `${name} ${t} F1`).toBeGreaterThanOrEqual(floors[t]);
    }
    if (score.moneyValues.accuracy < MONEY_VALUE_FLOOR) {
      for (const m of score.misses.filter((x) => x.kind === 'value')) console.log(`  value ${m.doc} ${m.start}-${m.end} ${m.text}  (${m.detail})`);
    }
    expect(score.moneyValues.accuracy, `${name} money value accuracy`).toBeGreaterThanOrEqual(MONEY_VALUE_FLOOR);
  });
});
