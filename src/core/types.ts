/** The three kinds of entity Policy Lens finds. */
export type EntityType = 'project' | 'money' | 'date';

/** What a recognizer reports: a span of the working text (see normalize.ts) and its details. */
export interface Span {
  start: number;
  end: number;
  /** money: exact amount in the currency's units; date: ISO-like value where the year is written. */
  value?: number | string;
  /** money: the amount as an exact decimal string (no binary rounding). */
  amount?: string;
  /** money: ISO 4217 code where the text settles it. */
  currency?: string;
  /** project: canonical name (no ruby artifacts, whitespace or trailing 项目). */
  name?: string;
  /** date: what kind of expression it is (for hovers). */
  kind?: string;
  /** date: a value resolved against the reference date, for relative or partial dates. */
  resolved?: string;
  /**
   * How sure the recognizer is that this is an entity of its type, 0–1. Projects:
   * the span scorer's probability; money and dates: by the kind of evidence.
   */
  confidence?: number;
}

/**
 * An entity found in a text. `start`/`end` are UTF-16 code-unit offsets into the
 * original text (end exclusive): exactly what `TextDocument.offsetAt` uses.
 */
export interface Entity extends Span {
  type: EntityType;
  /** The original text of the span, artifacts included. */
  text: string;
}

/** Facts about the whole document that recognizers may need. */
export interface DocContext {
  /** Whose currency a bare 元 or $ is, and whose calendar (民國) applies. */
  region: 'mainland' | 'hk' | 'tw';
  /** Reference date (YYYY-MM-DD) for relative expressions (今年, 去年), if known. */
  referenceDate?: string;
}
