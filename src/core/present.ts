/**
 * What the editor and the command line show of an entity, as plain data: amounts
 * written out and in 万/亿, a money's value in 元 at a configured rate, and the
 * projects of a text as table rows (tab-separated for spreadsheets, or CSV).
 * No wording here: labels are the adapters' (and localised there).
 */
import type { Entity } from './types';
import type { ProjectInfo } from './relations';

/** An exact decimal string (`548.5`, `-3`, `0.05`) multiplied by 10^exp, exactly. */
export function shiftDecimalString(amount: string, exp: number): string {
  const neg = amount.startsWith('-');
  const [int, frac = ''] = (neg ? amount.slice(1) : amount).split('.');
  // value = digits × 10^e, digits an integer without leading zeros
  const digits = (int + frac).replace(/^0+/, '');
  if (digits === '') return '0';
  const e = exp - frac.length;
  let out: string;
  if (e >= 0) out = digits + '0'.repeat(e);
  else {
    const padded = digits.padStart(-e + 1, '0');
    out = `${padded.slice(0, padded.length + e)}.${padded.slice(padded.length + e)}`.replace(/0+$/, '').replace(/\.$/, '');
  }
  return (neg ? '-' : '') + out;
}

/** Groups the integer part of a decimal string in threes (`54850000000` → `54,850,000,000`). */
export function groupThousands(amount: string): string {
  const [int, frac] = amount.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? `.${frac}` : '');
}

export interface AmountForms {
  /** The amount written out in full, grouped (`54,850,000,000`). */
  full: string;
  /** In units of ten thousand (`5,485,000`), for 万元. */
  wan: string;
  /** In units of a hundred million (`548.5`), for 亿元. */
  yi: string;
}

/** A money entity's amount in full, in 万 and in 亿; undefined without an exact amount (ranges, approximations). */
export function amountForms(e: Pick<Entity, 'amount' | 'value'>): AmountForms | undefined {
  const amount = e.amount ?? (typeof e.value === 'number' && Number.isFinite(e.value) ? String(e.value) : undefined);
  if (amount === undefined || !/^-?\d+(?:\.\d+)?$/.test(amount)) return undefined;
  return {
    full: groupThousands(shiftDecimalString(amount, 0)),
    wan: groupThousands(shiftDecimalString(amount, -4)),
    yi: groupThousands(shiftDecimalString(amount, -8)),
  };
}

/**
 * The value in 元 (CNY) of an amount in another currency at `rates[currency]`
 * (元 per unit, as the user configured it); undefined when no rate is configured
 * for it: a rate is never assumed.
 */
export function valueInYuan(e: Pick<Entity, 'amount' | 'value' | 'currency'>, rates: Readonly<Record<string, number>>): number | undefined {
  if (!e.currency || e.currency === 'CNY') return undefined;
  const rate = rates[e.currency];
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) return undefined;
  const v = typeof e.value === 'number' ? e.value : e.amount !== undefined ? Number(e.amount) : NaN;
  return Number.isFinite(v) ? v * rate : undefined;
}

/** One line of the projects table: a project's figure, date, or (with neither) the project alone. */
export interface ProjectRow {
  file: string;
  project: string;
  /** 'figure' | 'date' | '' (a project with no figure or date). */
  kind: 'figure' | 'date' | '';
  /** The measure of a figure (总投资) or the event of a date (开工), as written. */
  label: string;
  /** The figure or date as written. */
  text: string;
  /** Amount (exact decimal) or ISO date / resolved date. */
  value: string;
  currency: string;
  /** 1-based line of the figure or date, or of the project's first mention. */
  line: number;
}

/** Rows of a file's projects, in the projects' order, figures then dates. `lineAt` maps an offset to a 0-based line. */
export function projectRows(file: string, projects: readonly ProjectInfo[], lineAt: (offset: number) => number): ProjectRow[] {
  const rows: ProjectRow[] = [];
  for (const p of projects) {
    const first = p.mentions[0];
    if (p.figures.length === 0 && p.dates.length === 0) {
      rows.push({ file, project: p.name, kind: '', label: '', text: '', value: '', currency: '', line: lineAt(first.start) + 1 });
    }
    for (const f of p.figures) {
      rows.push({ file, project: p.name, kind: 'figure', label: f.measure ?? '', text: f.entity.text, value: f.entity.amount ?? (f.entity.value !== undefined ? String(f.entity.value) : ''), currency: f.entity.currency ?? '', line: lineAt(f.entity.start) + 1 });
    }
    for (const d of p.dates) {
      rows.push({ file, project: p.name, kind: 'date', label: d.event ?? '', text: d.entity.text, value: String(d.entity.value ?? d.entity.resolved ?? ''), currency: '', line: lineAt(d.entity.start) + 1 });
    }
  }
  return rows;
}

const ROW_FIELDS: readonly (keyof ProjectRow)[] = ['file', 'project', 'kind', 'label', 'text', 'value', 'currency', 'line'];

/** Tab-separated values with a header line (header labels are the caller's); tabs and line breaks in cells become spaces. */
export function toTsv(header: readonly string[], rows: readonly ProjectRow[]): string {
  const cell = (v: unknown) => String(v).replace(/[\t\r\n]+/g, ' ');
  return [header.map(cell).join('\t'), ...rows.map((r) => ROW_FIELDS.map((f) => cell(r[f])).join('\t'))].join('\n') + '\n';
}

/** CSV (RFC 4180: quoted where needed, CRLF line ends) with a header line. */
export function toCsv(header: readonly string[], rows: readonly ProjectRow[]): string {
  const cell = (v: unknown) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.map(cell).join(','), ...rows.map((r) => ROW_FIELDS.map((f) => cell(r[f])).join(','))].join('\r\n') + '\r\n';
}

/** The UTF-8 length of a string (what a file of it would weigh), without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Whether a text has Chinese characters (the extension offers itself on those). */
export function hasHan(s: string, limit = 100_000): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/.test(s.length > limit ? s.slice(0, limit) : s);
}
