/**
 * The one entry point the editor and the CLI call: normalise, run the
 * recognizers, map spans back to the original text, resolve overlaps.
 */
import { normalize, toOriginal, type Normalized } from './normalize';
import { detectRegion, findReferenceDate } from './context';
import { findMoney } from './money';
import { findDates } from './dates';
import { findProjects } from './projectScorer';
import type { DocContext, Entity, EntityType, Span } from './types';

export interface ExtractOptions {
  /** Overrides the detected region. */
  region?: DocContext['region'];
  /** Reference date for relative expressions; defaults to the first full date in the text. */
  referenceDate?: string;
  /** Which types to find (all by default). */
  types?: readonly EntityType[];
}

const ALL: readonly EntityType[] = ['project', 'money', 'date'];

/**
 * A project's canonical name in the original script: the original characters of
 * the span without ruby artifacts or whitespace, and without a trailing 项目.
 */
export function canonicalName(norm: Normalized, start: number, end: number): string {
  const src = norm.original;
  let name = '';
  let prev = -1;
  for (let k = start; k < end; k++) {
    const o = norm.starts[k];
    if (o === prev) continue; // the second unit of a surrogate pair maps to the same place
    prev = o;
    const c = src.charCodeAt(o);
    if (c === 0x20 || c === 0x3000 || c === 0xa0 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    name += c >= 0xd800 && c <= 0xdbff ? src.slice(o, o + 2) : src[o];
  }
  return name.replace(/(?:建設項目|建设项目|項目|项目)$/, '');
}

function toEntities(norm: Normalized, type: EntityType, spans: Span[]): Entity[] {
  const out: Entity[] = [];
  for (const s of spans) {
    if (s.end <= s.start) continue;
    const [start, end] = toOriginal(norm, s.start, s.end);
    if (end <= start) continue;
    const e: Entity = { ...s, type, start, end, text: norm.original.slice(start, end) };
    if (type === 'project') e.name = canonicalName(norm, s.start, s.end);
    out.push(e);
  }
  return out;
}

/** Within one type, keeps the earliest-starting, then longest, of overlapping spans. */
function dropOverlaps(list: Entity[]): Entity[] {
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Entity[] = [];
  for (const e of list) {
    const last = out[out.length - 1];
    if (last && e.start < last.end) continue;
    out.push(e);
  }
  return out;
}

export function extractNormalized(norm: Normalized, opts: ExtractOptions = {}): Entity[] {
  const ctx: DocContext = {
    region: opts.region ?? detectRegion(norm.text),
    referenceDate: opts.referenceDate ?? findReferenceDate(norm.text),
  };
  const types = opts.types ?? ALL;
  const money = types.includes('money') ? dropOverlaps(toEntities(norm, 'money', findMoney(norm.text, ctx))) : [];
  const dates = types.includes('date') ? dropOverlaps(toEntities(norm, 'date', findDates(norm.text, ctx))) : [];
  const projects = types.includes('project') ? dropOverlaps(toEntities(norm, 'project', findProjects(norm, ctx))) : [];
  return [...projects, ...money, ...dates].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Finds every project, money and date entity in `text`, with UTF-16 offsets into it. */
export function extract(text: string, opts: ExtractOptions = {}): Entity[] {
  return extractNormalized(normalize(text), opts);
}
