import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract, type ExtractOptions } from '../../src/core/extract';
import type { EntityType } from '../../src/core/types';
import { readText } from './scorer';

const root = join(__dirname, '..', '..');
const dirs = [join(root, 'seeds'), join(root, 'test', 'fixtures', 'dev')];

/** The confidence of the one entity of `type` whose text is `span` in `text`. */
function conf(text: string, span: string, type: EntityType, opts: ExtractOptions = {}): number {
  const hits = extract(text, opts).filter((e) => e.type === type && e.text === span);
  expect(hits, `${type} ${span} in ${text}`).toHaveLength(1);
  return hits[0].confidence!;
}

describe('confidence', () => {
  it('every entity of every type on the seeds and development texts has a finite confidence in [0, 1]', () => {
    const seen = new Set<EntityType>();
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
        for (const e of extract(readText(join(dir, f)))) {
          seen.add(e.type);
          const c = e.confidence;
          expect(typeof c === 'number' && Number.isFinite(c) && c >= 0 && c <= 1, `${f} ${e.type} ${e.text}: ${c}`).toBe(true);
        }
      }
    }
    expect([...seen].sort()).toEqual(['date', 'money', 'project']);
  });

  it('ranks a full date above a bare year, a written year above a relative one', () => {
    const text = '2024年4月1日，在2024全市工作会议上，今年目标明确，2024年全区工作。';
    const full = conf(text, '2024年4月1日', 'date');
    const bare = conf(text, '2024', 'date');
    const year = conf(text, '2024年', 'date');
    const rel = conf(text, '今年', 'date');
    expect(full).toBeGreaterThan(year);
    expect(year).toBeGreaterThan(rel);
    expect(rel).toBeGreaterThan(bare);
  });

  it('ranks yearless, compact and ROC dates below dates with a written year', () => {
    const text = '2024年3月7日发布，3月7日实施，20240307号文件之外。';
    expect(conf(text, '2024年3月7日', 'date')).toBeGreaterThan(conf(text, '3月7日', 'date'));
    expect(conf('公告日期：20240307。2024年3月7日', '20240307', 'date')).toBeLessThan(conf('2024年3月7日', '2024年3月7日', 'date'));
    const tw = '民國113年5月1日起，113年5月底前完成。行政院表示，台北市配合。';
    expect(conf(tw, '民國113年5月1日', 'date', { region: 'tw' })).toBeGreaterThan(conf(tw, '113年5月底', 'date', { region: 'tw' }));
  });

  it('ranks 548.5亿元 above a unit-less amount governed by 投资, a named currency above a bare 元', () => {
    const text = '全市完成投资548.5亿元，项目总投资120亿，引进外资2610万美元，计划投入10-20亿元。';
    const yuan = conf(text, '548.5亿元', 'money');
    const governed = conf(text, '120亿', 'money');
    const named = conf(text, '2610万美元', 'money');
    const range = conf(text, '10-20亿元', 'money');
    expect(yuan).toBeGreaterThan(governed);
    expect(named).toBeGreaterThan(yuan);
    expect(yuan).toBeGreaterThan(range);
    expect(range).toBeGreaterThan(governed);
  });

  it('ranks HK$ above a bare 元 whose currency only the region settles', () => {
    const text = '政府撥款50億元，另撥HK$30億。';
    expect(conf(text, 'HK$30億', 'money', { region: 'hk' })).toBeGreaterThan(conf(text, '50億元', 'money', { region: 'hk' }));
    expect(conf(text, '50億元', 'money', { region: 'mainland' })).toBeGreaterThan(conf(text, '50億元', 'money', { region: 'hk' }));
  });
});
