/**
 * The `policyLens.*` settings the editor surfaces read, with anything malformed in
 * settings.json replaced by its default.
 */
import * as vscode from 'vscode';
import { CLEAN_RULES, type CleanOptions } from '../core/clean';
import type { EntityType } from '../core/types';

export const ENTITY_TYPES: readonly EntityType[] = ['project', 'money', 'date'];

export type LowConfidenceStyle = 'dim' | 'hide' | 'show';

export interface EditorSettings {
  /** Language ids whose documents are read (plaintext and markdown by default). */
  languages: string[];
  /** Which types are highlighted. */
  highlight: Record<EntityType, boolean>;
  /** Entities below this confidence are doubtful… */
  minConfidence: number;
  /** …and shown this way. */
  lowConfidence: LowConfidenceStyle;
  /** Documents larger than this (UTF-8 bytes) are not read unless asked. */
  maxFileSize: number;
  /** 元 per unit of another currency, for hovers; none unless configured. */
  exchangeRates: Record<string, number>;
  /** Milliseconds after the last edit before a document is read again. */
  debounceMs: number;
}

const num = (v: unknown, dflt: number, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : dflt);

export function readSettings(scope?: vscode.ConfigurationScope): EditorSettings {
  const cfg = vscode.workspace.getConfiguration('policyLens', scope);
  const languages = cfg.get<unknown>('languages', ['plaintext', 'markdown']);
  const rates = cfg.get<unknown>('exchangeRates', {});
  const exchangeRates: Record<string, number> = {};
  if (rates && typeof rates === 'object' && !Array.isArray(rates)) {
    for (const [code, rate] of Object.entries(rates)) if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0) exchangeRates[code.toUpperCase()] = rate;
  }
  const low = cfg.get<string>('lowConfidence', 'dim');
  return {
    languages: Array.isArray(languages) ? languages.filter((l): l is string => typeof l === 'string') : ['plaintext', 'markdown'],
    highlight: {
      project: cfg.get<boolean>('highlight.project', true) !== false,
      money: cfg.get<boolean>('highlight.money', true) !== false,
      date: cfg.get<boolean>('highlight.date', true) !== false,
    },
    minConfidence: num(cfg.get('minConfidence'), 0.6, 0, 1),
    lowConfidence: low === 'hide' || low === 'show' ? low : 'dim',
    maxFileSize: Math.round(num(cfg.get('maxFileSize'), 2, 0, 1024) * 1024 * 1024),
    exchangeRates,
    debounceMs: num(cfg.get('debounceMs'), 250, 0, 5000),
  };
}

/** Whether the editor surfaces read this document. */
export function isWatched(doc: vscode.TextDocument, settings: EditorSettings): boolean {
  return settings.languages.includes(doc.languageId) && doc.uri.scheme !== 'output' && doc.uri.scheme !== 'vscode-scm';
}

/** The cleaning rules switched on (`policyLens.cleaning.rules`: a rule set to false is off). */
export function readCleanOptions(scope?: vscode.ConfigurationScope): CleanOptions {
  const cfg = vscode.workspace.getConfiguration('policyLens.cleaning', scope).get<unknown>('rules', {});
  const rules: NonNullable<CleanOptions['rules']> = {};
  if (cfg && typeof cfg === 'object' && !Array.isArray(cfg)) {
    for (const r of CLEAN_RULES) {
      const v = (cfg as Record<string, unknown>)[r];
      if (v === false) rules[r] = false;
    }
  }
  return { rules };
}
