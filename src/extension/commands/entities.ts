/**
 * Commands of the editor surfaces: turn highlighting of the current file on or off,
 * read a file over the size limit anyway, reveal an entity (tree items and hover
 * links), copy the projects as a table and export them as CSV.
 */
import * as vscode from 'vscode';
import { readSettings } from '../config';
import { projectRows, toCsv, toTsv, type ProjectRow } from '../../core/present';
import type { Decorations } from '../decorations';
import { baseName, type DocumentCache, type DocState } from '../documentCache';
import { REVEAL_COMMAND } from '../hover';
import { openFiles } from '../projectsTree';
import { PROCESS_ANYWAY_COMMAND } from '../statusBar';

export const TOGGLE_COMMAND = 'policyLens.toggleHighlight';
export const COPY_TABLE_COMMAND = 'policyLens.projects.copyTable';
export const EXPORT_CSV_COMMAND = 'policyLens.projects.exportCsv';

/** Internal: the tests pass these instead of answering dialogs. */
export interface EntityCommandHooks {
  /** Where "export CSV" writes, instead of asking. */
  target?: string;
  /** Large files: cancel once this many progress reports have been made. */
  cancelAfterProgress?: number;
}

const hooksOf = (arg: unknown): EntityCommandHooks => (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as EntityCommandHooks) : {});

function header(): string[] {
  return [
    vscode.l10n.t('File'),
    vscode.l10n.t('Project'),
    vscode.l10n.t('Kind'),
    vscode.l10n.t('Measure or event'),
    vscode.l10n.t('As written'),
    vscode.l10n.t('Value'),
    vscode.l10n.t('Currency'),
    vscode.l10n.t('Line'),
  ];
}

/** The rows of every file in the Projects view (the active file first). */
function allRows(cache: DocumentCache): ProjectRow[] {
  const rows: ProjectRow[] = [];
  for (const uri of openFiles(cache)) {
    const entry = cache.get(uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!entry || !doc || entry.version !== doc.version) continue;
    const kinds = { figure: vscode.l10n.t('figure'), date: vscode.l10n.t('date'), '': '' };
    for (const r of projectRows(vscode.workspace.asRelativePath(uri, false), entry.projects, (o) => doc.positionAt(o).line)) rows.push({ ...r, kind: kinds[r.kind] as ProjectRow['kind'] });
  }
  return rows;
}

export function registerEntityCommands(context: vscode.ExtensionContext, cache: DocumentCache, decorations: Decorations, refresh: () => void): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(TOGGLE_COMMAND, (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: open a text file to turn its highlighting on or off.'));
        return undefined;
      }
      const on = decorations.toggle(uri);
      refresh();
      vscode.window.setStatusBarMessage(on ? vscode.l10n.t('Policy Lens: highlighting on for {0}', baseName(uri)) : vscode.l10n.t('Policy Lens: highlighting off for {0}', baseName(uri)), 3000);
      return on;
    }),

    vscode.commands.registerCommand(PROCESS_ANYWAY_COMMAND, async (arg?: unknown, hooksArg?: unknown): Promise<DocState | undefined> => {
      const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
      const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (!doc) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: open the file to read first.'));
        return undefined;
      }
      if (!cache.isWatched(doc)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens reads {0} files only (setting policyLens.languages).', readSettings().languages.join(', ')));
        return undefined;
      }
      return cache.processAnyway(doc, hooksOf(hooksArg ?? arg));
    }),

    vscode.commands.registerCommand(REVEAL_COMMAND, async (uriText: string, start: number, end: number) => {
      const uri = vscode.Uri.parse(uriText);
      const doc = await vscode.workspace.openTextDocument(uri);
      const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
      const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return editor;
    }),

    vscode.commands.registerCommand(COPY_TABLE_COMMAND, async () => {
      const rows = allRows(cache);
      if (!rows.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: no projects to copy.'));
        return 0;
      }
      await vscode.env.clipboard.writeText(toTsv(header(), rows));
      vscode.window.setStatusBarMessage(vscode.l10n.t('Policy Lens: copied {0} rows (tab-separated, ready to paste into a spreadsheet)', String(rows.length)), 4000);
      return rows.length;
    }),

    vscode.commands.registerCommand(EXPORT_CSV_COMMAND, async (arg?: unknown) => {
      const rows = allRows(cache);
      if (!rows.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: no projects to export.'));
        return undefined;
      }
      const hooks = hooksOf(arg);
      let target: vscode.Uri | undefined = hooks.target ? vscode.Uri.parse(hooks.target) : undefined;
      if (!target) {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        target = await vscode.window.showSaveDialog({
          defaultUri: folder ? vscode.Uri.joinPath(folder, 'projects.csv') : undefined,
          filters: { CSV: ['csv'] },
          title: vscode.l10n.t('Export projects as CSV'),
        });
      }
      if (!target) return undefined;
      // A byte-order mark, so that spreadsheets open the Chinese text as UTF-8.
      const bytes = new TextEncoder().encode('\uFEFF' + toCsv(header(), rows));
      try {
        await vscode.workspace.fs.writeFile(target, bytes);
      } catch (err) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens: could not write {0}: {1}', target.toString(), String((err as Error)?.message ?? err)));
        return undefined;
      }
      void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: exported {0} rows to {1}', String(rows.length), baseName(target)));
      return target.toString();
    }),
  );
}
