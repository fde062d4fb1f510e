/**
 * Quick fixes for cleaning diagnostics: fix this one, fix all of this kind in the
 * file (one edit), or clean the whole document with a preview.
 */
import * as vscode from 'vscode';
import type { CleanFinding } from '../core/clean';
import { CLEAN_COMMAND } from './commands/clean';
import { cleanMessage, SOURCE } from './diagnostics';
import type { DocumentCache } from './documentCache';
import { rangeOf } from './decorations';

export class CleanupActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly cache: DocumentCache) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entry = this.cache.get(doc.uri);
    if (!entry || entry.version !== doc.version) return [];
    const text = doc.getText();
    const actions: vscode.CodeAction[] = [];
    const rulesDone = new Set<string>();
    for (const diag of context.diagnostics) {
      if (diag.source !== SOURCE) continue;
      const start = doc.offsetAt(diag.range.start);
      const end = doc.offsetAt(diag.range.end);
      const f = entry.cleanups.find((x) => x.start === start && x.end === end && x.rule === diag.code);
      if (!f || f.replacement === undefined) continue;

      const one = new vscode.CodeAction(vscode.l10n.t('Fix: {0}', cleanMessage(f, text)), vscode.CodeActionKind.QuickFix);
      one.edit = new vscode.WorkspaceEdit();
      one.edit.replace(doc.uri, rangeOf(doc, f), f.replacement);
      one.diagnostics = [diag];
      one.isPreferred = true;
      actions.push(one);

      if (!rulesDone.has(f.rule)) {
        rulesDone.add(f.rule);
        const same = entry.cleanups.filter((x) => x.rule === f.rule && x.replacement !== undefined);
        if (same.length > 1) actions.push(fixAll(doc, same, vscode.l10n.t('Fix all {0} of this kind in this file', String(same.length))));
      }
    }
    if (actions.length) {
      const all = new vscode.CodeAction(vscode.l10n.t('Clean the whole document (with a preview)…'), vscode.CodeActionKind.QuickFix);
      all.command = { command: CLEAN_COMMAND, title: all.title };
      actions.push(all);
    }
    return actions;
  }
}

/** One edit that fixes every finding given (they never overlap). */
export function fixAll(doc: vscode.TextDocument, findings: readonly CleanFinding[], title: string): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const f of findings) if (f.replacement !== undefined) action.edit.replace(doc.uri, rangeOf(doc, f), f.replacement);
  return action;
}
