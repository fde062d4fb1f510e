/**
 * Sentences and clauses of a working text (see normalize.ts), for the modules that
 * relate figures to what a sentence speaks of (relations.ts, figures.ts): one
 * definition of where a sentence or clause ends, and the searches over offsets.
 */

/** Characters that end a sentence; a line break does too. */
export const SENTENCE_END = new Set([...'。！？；!?;…']);
/** Characters that end a clause inside a sentence. */
export const CLAUSE_END = new Set([...'，,、：:—―']);
/** An ASCII ? or ! directly before a letter or Han character is scraping debris (布局?jǐn), not a sentence end. */
const DEBRIS_NEXT = /[A-Za-z\u00c0-\u024f\u3400-\u9fff]/;

/** First index in ascending `a` whose value is >= x. */
export function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Last index in ascending `a` (a[0] = 0) whose value is <= x. */
export function indexAt(a: ArrayLike<number>, x: number): number {
  return Math.max(0, lowerBound(a, x + 1) - 1);
}

export interface Sentences {
  /** Working offsets where each sentence starts (the first is 0). */
  sentStarts: number[];
  /** The paragraph (count of line breaks before it) of each sentence. */
  sentPara: number[];
  /** Working offsets where each clause starts (every sentence start is one). */
  clauseStarts: number[];
  /** The sentence of each clause. */
  clauseSent: number[];
  sentAt(w: number): number;
  clauseAt(w: number): number;
  /** Where sentence `s` (clause `c`) ends, exclusive. */
  sentEnd(s: number): number;
  clauseEnd(c: number): number;
}

/**
 * Cuts working text `W` into sentences and clauses. Positions where `covered` is 1
 * (inside an entity: `1,000.5亿`, `1.2万`) end nothing; a line break always ends a
 * sentence.
 */
export function sentences(W: string, covered: Uint8Array): Sentences {
  const n = W.length;
  const sentStarts = [0];
  const sentPara = [0];
  const clauseStarts = [0];
  const clauseSent = [0];
  let para = 0;
  for (let i = 0; i < n; i++) {
    const c = W[i];
    const brk = c === '\n' || c === '\r';
    if (!brk && covered[i]) continue;
    if (brk) para++;
    if (brk || (SENTENCE_END.has(c) && !((c === '?' || c === '!') && i + 1 < n && DEBRIS_NEXT.test(W[i + 1])))) {
      sentStarts.push(i + 1);
      sentPara.push(para);
      clauseStarts.push(i + 1);
      clauseSent.push(sentStarts.length - 1);
    } else if (CLAUSE_END.has(c)) {
      clauseStarts.push(i + 1);
      clauseSent.push(sentStarts.length - 1);
    }
  }
  return {
    sentStarts,
    sentPara,
    clauseStarts,
    clauseSent,
    sentAt: (w) => indexAt(sentStarts, w),
    clauseAt: (w) => indexAt(clauseStarts, w),
    sentEnd: (s) => (s + 1 < sentStarts.length ? sentStarts[s + 1] : n),
    clauseEnd: (c) => (c + 1 < clauseStarts.length ? clauseStarts[c + 1] : n),
  };
}
