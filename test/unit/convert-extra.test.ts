import { describe, expect, it } from 'vitest';
import { applyEdits, convert, lineEdits, rangesAfterEdits, type TextEdit } from '../../src/core/convert';

describe('applyEdits', () => {
  it('applies edits in any order and gives the converted text back', () => {
    const original = '軟體產業\n第二行不變\n計畫資訊';
    const converted = convert(original, 'simplified');
    const edits = lineEdits(original, converted);
    expect(applyEdits(original, edits)).toBe(converted);
    expect(applyEdits(original, [...edits].reverse())).toBe(converted);
  });

  it('handles insertions, deletions and no edits', () => {
    expect(applyEdits('abc', [])).toBe('abc');
    expect(applyEdits('abc', [{ start: 1, end: 1, text: 'X' }])).toBe('aXbc');
    expect(applyEdits('abc', [{ start: 0, end: 2, text: '' }])).toBe('c');
  });
});

describe('rangesAfterEdits', () => {
  const e = (start: number, end: number, text: string): TextEdit => ({ start, end, text });

  it('shifts ranges after an edit and grows the range an edit is in', () => {
    // "ab[cd]ef[gh]": the first selection's text grows by one, the second shifts.
    const edits = [e(2, 3, 'XY'), e(6, 8, 'Z')];
    expect(rangesAfterEdits([{ start: 2, end: 4 }, { start: 6, end: 8 }], edits)).toEqual([
      { start: 2, end: 5 },
      { start: 7, end: 8 },
    ]);
  });

  it('counts edits touching a range’s ends as inside it', () => {
    expect(rangesAfterEdits([{ start: 2, end: 4 }], [e(2, 2, 'XX'), e(4, 4, 'Y')])).toEqual([{ start: 2, end: 7 }]);
  });

  it('moves a cursor past an insertion at it and leaves cursors before edits alone', () => {
    expect(rangesAfterEdits([{ start: 3, end: 3 }], [e(3, 3, 'XX')])).toEqual([{ start: 5, end: 5 }]);
    expect(rangesAfterEdits([{ start: 1, end: 1 }], [e(3, 4, 'XX')])).toEqual([{ start: 1, end: 1 }]);
  });

  it('keeps a selection on its converted text when lengths change (的士 → 計程車)', () => {
    const text = '坐的士去';
    const sel = { start: 1, end: 3 };
    const converted = '計程車';
    const edits = lineEdits(text.slice(sel.start, sel.end), converted).map((x) => ({ ...x, start: x.start + sel.start, end: x.end + sel.start }));
    const [r] = rangesAfterEdits([sel], edits);
    expect(applyEdits(text, edits).slice(r.start, r.end)).toBe(converted);
  });
});
