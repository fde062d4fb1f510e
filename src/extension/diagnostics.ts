/**
 * Problems of a text as diagnostics: what cleaning would fix (ruby pinyin, doubled
 * or half-width punctuation, page furniture, broken words, garbled characters) and
 * figures that contradict each other. Both come from the document cache, so they
 * update with the highlights, in the same debounce. Information level by default:
 * error squiggles are too loud for editorial remarks (`policyLens.diagnostics.*`).
 */
import * as vscode from 'vscode';
import type { CleanFinding, CleanRuleId } from '../core/clean';
import type { FigureFinding } from '../core/figures';
import type { DocumentCache } from './documentCache';
import { rangeOf } from './decorations';

export const SOURCE = 'Policy Lens';
export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

const SEVERITY: Record<Exclude<SeverityName, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function severitySetting(key: string): SeverityName {
  const v = vscode.workspace.getConfiguration('policyLens.diagnostics').get<string>(key, 'information');
  return v === 'error' || v === 'warning' || v === 'hint' || v === 'off' ? v : 'information';
}

const quote = (s: string, max = 24) => {
  const one = s.replace(/\r?\n/g, '⏎');
  return one.length > max ? `${one.slice(0, max)}…` : one;
};

/** The message of a cleaning finding, in the user's language. */
export function cleanMessage(f: CleanFinding, text: string): string {
  const found = quote(text.slice(f.start, f.end));
  const repl = f.replacement !== undefined ? quote(f.replacement) : '';
  switch (f.rule as CleanRuleId) {
    case 'ruby':
      return vscode.l10n.t('Ruby pinyin left by the web page: “{0}” (remove it).', found);
    case 'doubled-punctuation':
      return vscode.l10n.t('Doubled punctuation “{0}”: write “{1}”.', found, repl);
    case 'half-width-punctuation':
      return vscode.l10n.t('Half-width punctuation “{0}” in Chinese text: write “{1}”.', found, repl);
    case 'page-chrome':
      // The range holds the line with its break (and blank lines around it): quote the line.
      return vscode.l10n.t('Page furniture, not article text: “{0}” (remove the line).', quote(f.data?.line ?? found));
    case 'broken-word':
      // The range is the blank line between the halves: quote the word they make.
      return vscode.l10n.t('A word broken across lines: “{0}” (join it).', quote(f.data?.word ?? `${f.data?.before ?? ''}${f.data?.after ?? ''}`));
    case 'garbled':
      return vscode.l10n.t('Characters lost to a bad encoding: “{0}”. Check them against the source; they are not fixed automatically.', found);
    default:
      return f.message;
  }
}

/** The message of a figure finding, naming both places. */
export function figureMessage(f: FigureFinding, doc: vscode.TextDocument): string {
  const here = doc.getText().slice(f.start, f.end);
  const other = f.related[0];
  const line = other ? String(doc.positionAt(other.start).line + 1) : '?';
  const project = f.project ?? '';
  const measure = f.measure ?? '';
  switch (f.kind) {
    case 'conflicting-amounts':
      return vscode.l10n.t('{0}: {1} is {2} here but {3} on line {4}.', project, measure || vscode.l10n.t('the amount'), here, other?.text ?? '', line);
    case 'parts-sum':
      return vscode.l10n.t('{0}: the parts ({1}) do not add up to this total, {2}.', project, f.related.map((r) => r.text).join(' + '), here);
    case 'magnitude-mismatch':
      return vscode.l10n.t('The same figure with another magnitude or currency: {0} here, {1} on line {2}.', here, other?.text ?? '', line);
    default:
      return f.message;
  }
}

export class Diagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('policy-lens');

  constructor(private readonly cache: DocumentCache) {}

  dispose(): void {
    this.collection.dispose();
  }

  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.refresh(doc);
  }

  refresh(doc: vscode.TextDocument): void {
    const entry = this.cache.get(doc.uri);
    if (!entry || !this.cache.isWatched(doc)) {
      this.collection.delete(doc.uri);
      return;
    }
    // Findings of an older version would sit at wrong places: keep what is shown until the new reading.
    if (entry.version !== doc.version) return;
    const out: vscode.Diagnostic[] = [];
    const cleaning = severitySetting('cleaning');
    if (cleaning !== 'off') {
      const text = doc.getText();
      for (const f of entry.cleanups) {
        const d = new vscode.Diagnostic(rangeOf(doc, f), cleanMessage(f, text), SEVERITY[cleaning]);
        d.source = SOURCE;
        d.code = f.rule;
        if (f.rule === 'page-chrome') d.tags = [vscode.DiagnosticTag.Unnecessary];
        out.push(d);
      }
    }
    const figures = severitySetting('figures');
    if (figures !== 'off') {
      for (const f of entry.figures) {
        const d = new vscode.Diagnostic(rangeOf(doc, f), figureMessage(f, doc), SEVERITY[figures]);
        d.source = SOURCE;
        d.code = f.kind;
        d.relatedInformation = f.related.map(
          (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, rangeOf(doc, r)), vscode.l10n.t('The other place: {0}', r.text)),
        );
        out.push(d);
      }
    }
    this.collection.set(doc.uri, out);
  }

  forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }
}
