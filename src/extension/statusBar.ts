/**
 * The status-bar item of the active file: how many projects, amounts and dates it
 * has (a click shows the Projects view), or that it is too large to be read
 * automatically (a click reads it anyway).
 */
import * as vscode from 'vscode';
import { readSettings } from './config';
import type { Decorations } from './decorations';
import type { DocumentCache } from './documentCache';
import { VIEW_ID } from './projectsTree';

export const PROCESS_ANYWAY_COMMAND = 'policyLens.processAnyway';

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** Whether the item is shown (the API has no getter for it). */
  shown = false;

  constructor(
    private readonly cache: DocumentCache,
    private readonly decorations: Decorations,
  ) {
    this.item = vscode.window.createStatusBarItem('policyLens.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Policy Lens');
  }

  dispose(): void {
    this.item.dispose();
  }

  refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const entry = doc && this.cache.isWatched(doc) ? this.cache.get(doc.uri) : undefined;
    if (!doc || !entry || (!entry.chinese && entry.state !== 'too-large')) {
      this.item.hide();
      this.shown = false;
      return;
    }
    this.shown = true;
    const item = this.item;
    item.backgroundColor = undefined;
    if (entry.state === 'too-large') {
      const limit = readSettings(doc.uri).maxFileSize;
      item.text = `$(warning) ${vscode.l10n.t('Policy Lens: not read')}`;
      item.tooltip = vscode.l10n.t('This file ({0} MB) is larger than policyLens.maxFileSize ({1} MB), so it is not read automatically. Click to read it anyway.', mb(entry.size), mb(limit));
      item.command = { command: PROCESS_ANYWAY_COMMAND, title: vscode.l10n.t('Read this file anyway'), arguments: [doc.uri] };
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      item.show();
      return;
    }
    const count = (t: string) => entry.entities.filter((e) => e.type === t).length;
    const projects = entry.projects.length;
    const money = count('money');
    const dates = count('date');
    const busy = entry.state === 'pending' || entry.state === 'partial';
    const off = !this.decorations.isOn(doc.uri);
    item.text = `${busy ? '$(sync~spin)' : '$(symbol-class)'} ${busy ? '…' : projects}  $(symbol-number) ${money}  $(calendar) ${dates}${off ? '  $(eye-closed)' : ''}`;
    const lines = [
      busy ? vscode.l10n.t('Policy Lens: finding projects…') : vscode.l10n.t('Policy Lens: {0} projects ({1} mentions), {2} amounts, {3} dates', String(projects), String(count('project')), String(money), String(dates)),
    ];
    if (off) lines.push(vscode.l10n.t('Highlighting is off for this file.'));
    if (entry.state === 'failed') lines.push(vscode.l10n.t('Reading this file failed: {0}', entry.error ?? ''));
    lines.push(vscode.l10n.t('Click to show the Projects view.'));
    item.tooltip = lines.join('\n');
    item.command = { command: `${VIEW_ID}.focus`, title: vscode.l10n.t('Show the Projects view') };
    item.show();
  }
}
