/**
 * "Clean Document": every cleaning fix of the enabled rules, shown as a diff
 * first, then applied as one edit (one undo step).
 */
import * as vscode from 'vscode';
import { applyCleanups, cleanText, findCleanups } from '../../core/clean';
import { readCleanOptions } from '../config';
import { baseName } from '../documentCache';
import { askInDiff, PREVIEW_SCHEME, type PreviewProvider } from '../preview/provider';

export const CLEAN_COMMAND = 'policyLens.cleanDocument';

export type CleanResult = 'cleaned' | 'unchanged' | 'declined' | 'no-editor' | 'read-only' | 'changed-meanwhile' | 'failed';

/** Internal: the tests answer the preview's question through this argument. */
export interface CleanTestHooks {
  /** The answer to Apply / Discard, or a function that looks at the open preview and answers. */
  apply?: boolean | ((preview: { original: vscode.Uri; cleaned: vscode.Uri; text: string }) => boolean | Promise<boolean>);
}

const hooksOf = (arg: unknown): CleanTestHooks => (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as CleanTestHooks) : {});

async function cleanCommand(provider: PreviewProvider, arg: unknown): Promise<CleanResult> {
  const hooks = hooksOf(arg);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens: no text editor is active. Open the text to clean and run the command again.'));
    return 'no-editor';
  }
  const doc = editor.document;
  if (doc.uri.scheme === PREVIEW_SCHEME || vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens: “{0}” is read-only, so it cannot be cleaned. Nothing was changed.', baseName(doc.uri)));
    return 'read-only';
  }
  const version = doc.version;
  const text = doc.getText();
  const options = readCleanOptions(doc.uri);
  const cleaned = cleanText(text, options);
  if (cleaned === text) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: nothing to clean in {0}.', baseName(doc.uri)));
    return 'unchanged';
  }
  // The fixes themselves are the edit when one pass gives the cleaned text (small
  // edits keep the cursor and folding); otherwise the whole text is replaced, still one edit.
  const findings = findCleanups(text, options).filter((f) => f.replacement !== undefined);
  const edits =
    applyCleanups(text, findings) === cleaned
      ? findings.map((f) => ({ start: f.start, end: f.end, text: f.replacement! }))
      : [{ start: 0, end: text.length, text: cleaned }];

  const hook = hooks.apply;
  const answer = await askInDiff(provider, doc, cleaned, {
    title: vscode.l10n.t('{0} ↔ cleaned (preview)', baseName(doc.uri)),
    question: vscode.l10n.t('Apply the {0} cleaning fixes shown in the diff?', String(findings.length)),
    viewColumn: editor.viewColumn,
    answer: typeof hook === 'function' ? (cleanedUri) => hook({ original: doc.uri, cleaned: cleanedUri, text: cleaned }) : hook,
  });
  if (!answer) return 'declined';
  const docEditor = await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
  if (doc.version !== version) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens: “{0}” changed while it was being cleaned. Nothing was changed; run the command again.', baseName(doc.uri)));
    return 'changed-meanwhile';
  }
  const ok = await docEditor.edit(
    (b) => {
      for (const e of edits) b.replace(new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
    },
    { undoStopBefore: true, undoStopAfter: true },
  );
  if (!ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens: “{0}” could not be edited. Nothing was changed.', baseName(doc.uri)));
    return 'failed';
  }
  return 'cleaned';
}

export function registerCleanCommand(context: vscode.ExtensionContext, provider: PreviewProvider): void {
  context.subscriptions.push(vscode.commands.registerCommand(CLEAN_COMMAND, (arg?: unknown) => cleanCommand(provider, arg)));
}
