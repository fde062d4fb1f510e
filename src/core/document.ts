/**
 * Extraction of a whole document, paragraph by paragraph, with a cache: what the
 * editor calls on every (debounced) change and what the CLI calls once.
 *
 * A document is cut at the line breaks the normaliser keeps (every line break
 * except those inside a sentence of a hard-wrapped text), so no entity spans two
 * parts. Document-level facts (region, reference date, hard-wrap width) are read
 * from the whole text; each part is then extracted on its own and remembered by
 * its text and those facts, so an edit re-extracts only the parts it touched.
 * Names found in one part are linked where they recur in the others, as the
 * project decoder links later mentions inside one part.
 */
import { detectRegion, findReferenceDate } from './context';
import { canonicalName, extractNormalized } from './extract';
import { measureWrapWidth, normalize, toOriginal, type Normalized } from './normalize';
import type { DocContext, Entity, EntityType } from './types';

export interface DocumentFacts {
  region: DocContext['region'];
  referenceDate?: string;
  /** The hard-wrap width of the text, 0 when it is not hard-wrapped. */
  wrapWidth: number;
}

export interface DocumentOptions {
  /** Overrides the detected region. */
  region?: DocContext['region'];
  /** Overrides the reference date (the first full date of the text). */
  referenceDate?: string;
  types?: readonly EntityType[];
  /** Parts already extracted (for instance in an earlier version of the same document). */
  cache?: ExtractionCache;
}

export interface DocumentResult {
  entities: Entity[];
  facts: DocumentFacts;
  /** How many parts the text has, and how many of them were extracted now (not cached). */
  parts: number;
  extracted: number;
}

interface Part {
  norm: Normalized;
  /** Offsets relative to the part. */
  entities: Entity[];
  /** Working-text forms of the part's project names (linked in other parts), with their confidence. */
  names: Map<string, number>;
}

/**
 * Extracted parts by their text and the facts they were read with. Parts not used
 * by the last `retain` documents' extractions are dropped on `sweep`, so a cache
 * held across edits does not grow with every version of the text.
 */
export class ExtractionCache {
  private parts = new Map<string, Part>();
  private used = new Set<string>();

  get(key: string): Part | undefined {
    const p = this.parts.get(key);
    if (p) this.used.add(key);
    return p;
  }

  set(key: string, part: Part): void {
    this.parts.set(key, part);
    this.used.add(key);
  }

  /** Forgets every part the extractions since the last sweep did not use. */
  sweep(): void {
    for (const k of this.parts.keys()) if (!this.used.has(k)) this.parts.delete(k);
    this.used = new Set();
  }

  get size(): number {
    return this.parts.size;
  }
}

/** Region, reference date and hard-wrap width of a whole text. */
export function documentFacts(text: string, opts: Pick<DocumentOptions, 'region' | 'referenceDate'> = {}): DocumentFacts {
  const wrapWidth = measureWrapWidth(text);
  const working = normalize(text, { wrapWidth }).text;
  return {
    region: opts.region ?? detectRegion(working),
    referenceDate: opts.referenceDate ?? findReferenceDate(working),
    wrapWidth,
  };
}

/** Characters that close a sentence: a line ending in one ends a paragraph. */
const PARAGRAPH_END = /[。！？；!?;：:」』）)”】》]\s*$/;
/** A part is at least this long (UTF-16 units) before it may end… */
export const PART_MIN = 8000;
/** …and is cut at the next paragraph break once this long, content or not. */
export const PART_MAX = 48000;

/** A small hash of a line (FNV-1a), to choose part boundaries by content. */
function lineHash(s: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Where the parts of a text begin (the first is 0). A part ends at a paragraph
 * break (after a blank line or a line that closes its sentence, never inside a
 * hard-wrapped sentence), once it is PART_MIN long, where the paragraph's last
 * line has a hash divisible by 8: the boundaries depend on the text around them,
 * not on their distance from the start, so an edit changes the part it falls in
 * (and rarely the next) and leaves the others as they were. A text shorter than
 * PART_MIN is one part.
 */
export function partStarts(text: string): number[] {
  const starts = [0];
  if (text.length < PART_MIN * 2) return starts;
  let from = 0;
  for (let a = 0; a < text.length; ) {
    let b = text.indexOf('\n', a);
    if (b < 0) break;
    const line = text.slice(a, b);
    const next = b + 1;
    const size = next - from;
    const paragraphEnd = !/\S/.test(line) || PARAGRAPH_END.test(line);
    if (paragraphEnd && size >= PART_MIN && text.length - next >= PART_MIN && (size >= PART_MAX || lineHash(text, a, b) % 8 === 0)) {
      starts.push(next);
      from = next;
    }
    a = next;
  }
  return starts;
}

const ALL: readonly EntityType[] = ['project', 'money', 'date'];
const stripProjectWord = (name: string) => name.replace(/(?:建设项目|项目)$/, '');
/** The shortest name linked across parts (as within one: a short name alone is ambiguous). */
const MIN_LINKED = 3;
/** What continues an organisation's name: a project name followed by these is not a mention. */
const ORG_AFTER = /^(?:有限|股份|公司|集团|控股|责任)/;

function extractPart(text: string, facts: DocumentFacts, types: readonly EntityType[]): Part {
  const norm = normalize(text, { wrapWidth: facts.wrapWidth });
  const entities = /\S/.test(text) ? extractNormalized(norm, { region: facts.region, referenceDate: facts.referenceDate, types }) : [];
  const names = new Map<string, number>();
  for (const e of entities) {
    if (e.type !== 'project') continue;
    const working = stripProjectWord(normalize(e.name ?? e.text).text.replace(/\s+/g, ''));
    if (working.length >= MIN_LINKED) names.set(working, Math.max(names.get(working) ?? 0, e.confidence ?? 0));
  }
  return { norm, entities, names };
}

/** Escapes a string for use inside a RegExp. */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Progress of a stepwise extraction: parts done (cached or extracted) of all parts. */
export interface DocumentProgress {
  done: number;
  parts: number;
}

/**
 * Extracts every entity of `text`, part by part (see above). With a cache, parts
 * met before are not extracted again.
 */
export function extractDocument(text: string, opts: DocumentOptions = {}): DocumentResult {
  const steps = extractDocumentSteps(text, opts);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * The same, one part at a time: the generator yields after each part it had to
 * extract, so a caller can give the event loop a turn, report progress or stop
 * (by not calling `next` again) between parts.
 */
export function* extractDocumentSteps(text: string, opts: DocumentOptions = {}): Generator<DocumentProgress, DocumentResult, void> {
  const facts = documentFacts(text, opts);
  const types = opts.types ?? ALL;
  const cache = opts.cache;
  const starts = partStarts(text);
  const factsKey = `${facts.region}|${facts.referenceDate ?? ''}|${facts.wrapWidth}|${types.join(',')}\u0000`;
  const parts: Part[] = [];
  let extracted = 0;
  for (let k = 0; k < starts.length; k++) {
    const slice = text.slice(starts[k], k + 1 < starts.length ? starts[k + 1] : text.length);
    const key = factsKey + slice;
    let part = cache?.get(key);
    if (!part) {
      part = extractPart(slice, facts, types);
      extracted++;
      cache?.set(key, part);
      parts.push(part);
      yield { done: k + 1, parts: starts.length };
    } else parts.push(part);
  }
  return { entities: linkParts(parts, starts, types), facts, parts: parts.length, extracted };
}

/** The parts' entities in document offsets, with names of each part linked where they recur in another. */
function linkParts(parts: readonly Part[], starts: readonly number[], types: readonly EntityType[]): Entity[] {
  const names = new Map<string, number>();
  for (const p of parts) for (const [n, c] of p.names) names.set(n, Math.max(names.get(n) ?? 0, c));
  const linker = names.size && types.includes('project') ? new RegExp([...names.keys()].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g') : undefined;

  const entities: Entity[] = [];
  parts.forEach((p, k) => {
    const offset = starts[k];
    const own: Entity[] = p.entities.map((e) => ({ ...e, start: e.start + offset, end: e.end + offset }));
    if (linker) {
      const taken = p.entities.filter((e) => e.type === 'project').map((e) => [e.start, e.end] as const);
      linker.lastIndex = 0;
      for (let m = linker.exec(p.norm.text); m; m = linker.exec(p.norm.text)) {
        const name = m[0];
        if (p.names.has(name)) continue; // this part's own names: its decoder has linked them
        const [s, e] = toOriginal(p.norm, m.index, m.index + name.length);
        if (taken.some(([a, b]) => s < b && a < e)) continue;
        if (ORG_AFTER.test(p.norm.text.slice(m.index + name.length, m.index + name.length + 2))) continue;
        taken.push([s, e]);
        own.push({ type: 'project', start: s + offset, end: e + offset, text: p.norm.original.slice(s, e), name: canonicalName(p.norm, m.index, m.index + name.length), confidence: names.get(name) });
      }
    }
    own.sort((a, b) => a.start - b.start || a.end - b.end);
    for (const e of own) entities.push(e);
  });
  return entities;
}
