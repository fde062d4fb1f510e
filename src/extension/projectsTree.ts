/**
 * The Projects view: the projects of the active file and, below it, of every other
 * open file, each with its figures and dates (and its mentions when it has several).
 * Clicking an item reveals and selects its place in the text. The model (projects,
 * their figures and dates) is the core's (core/relations.ts); this only makes items.
 */
import * as vscode from 'vscode';
import { amountForms } from '../core/present';
import { CONFIDENT_RELATION, type ProjectDate, type ProjectFigure, type ProjectInfo } from '../core/relations';
import type { Entity } from '../core/types';
import { baseName, type DocumentCache } from './documentCache';
import { uncertainMark } from './labels';
import { REVEAL_COMMAND } from './hover';

export const VIEW_ID = 'policyLens.projects';
/** Context key: some open file has Chinese text (the view's welcome text shows otherwise). */
export const HAS_TEXT_CONTEXT = 'policyLens.hasChineseText';

export type Node =
  | { kind: 'file'; uri: vscode.Uri; active: boolean }
  | { kind: 'note'; uri: vscode.Uri; text: string }
  | { kind: 'project'; uri: vscode.Uri; project: ProjectInfo }
  | { kind: 'figure'; uri: vscode.Uri; project: ProjectInfo; figure: ProjectFigure }
  | { kind: 'date'; uri: vscode.Uri; project: ProjectInfo; date: ProjectDate }
  | { kind: 'mentions'; uri: vscode.Uri; project: ProjectInfo }
  | { kind: 'mention'; uri: vscode.Uri; project: ProjectInfo; entity: Entity; index: number };

/** The open files, in tab order (the active one first), that the cache reads. */
export function openFiles(cache: DocumentCache): vscode.Uri[] {
  const seen = new Map<string, vscode.Uri>();
  const active = vscode.window.activeTextEditor?.document.uri;
  const add = (uri: vscode.Uri) => {
    const e = cache.get(uri);
    if (e && (e.chinese || e.projects.length)) seen.set(uri.toString(), uri);
  };
  if (active) add(active);
  for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) if (t.input instanceof vscode.TabInputText) add(t.input.uri);
  for (const ed of vscode.window.visibleTextEditors) add(ed.document.uri);
  return [...seen.values()];
}

export class ProjectsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly docs = new Map<string, vscode.TextDocument>();

  constructor(private readonly cache: DocumentCache) {}

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }

  /** Redraws soon (several changes in a row redraw once). */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void vscode.commands.executeCommand('setContext', HAS_TEXT_CONTEXT, openFiles(this.cache).length > 0);
      this.changed.fire(undefined);
    }, 50);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      return openFiles(this.cache).map((uri) => ({ kind: 'file', uri, active: uri.toString() === active }));
    }
    const entry = this.cache.get(node.uri);
    switch (node.kind) {
      case 'file': {
        if (!entry) return [];
        if (entry.state === 'too-large') return [{ kind: 'note', uri: node.uri, text: vscode.l10n.t('Not read: the file is larger than the size limit. Use the status bar to read it anyway.') }];
        if (entry.state === 'pending' || entry.state === 'partial') return [{ kind: 'note', uri: node.uri, text: vscode.l10n.t('Finding projects…') }];
        if (entry.state === 'failed') return [{ kind: 'note', uri: node.uri, text: vscode.l10n.t('Reading this file failed: {0}', entry.error ?? '') }];
        if (entry.state === 'cancelled') return [{ kind: 'note', uri: node.uri, text: vscode.l10n.t('Reading was stopped.') }];
        if (!entry.projects.length) return [{ kind: 'note', uri: node.uri, text: vscode.l10n.t('No project names found.') }];
        return entry.projects.map((project) => ({ kind: 'project', uri: node.uri, project }));
      }
      case 'project': {
        const out: Node[] = [];
        for (const figure of node.project.figures) out.push({ kind: 'figure', uri: node.uri, project: node.project, figure });
        for (const date of node.project.dates) out.push({ kind: 'date', uri: node.uri, project: node.project, date });
        if (node.project.mentions.length > 1) out.push({ kind: 'mentions', uri: node.uri, project: node.project });
        return out;
      }
      case 'mentions':
        return node.project.mentions.map((entity, index) => ({ kind: 'mention', uri: node.uri, project: node.project, entity, index }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const key = node.uri.toString();
    switch (node.kind) {
      case 'file': {
        const entry = this.cache.get(node.uri);
        const item = new vscode.TreeItem(baseName(node.uri), node.active ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${key}#file${node.active ? '#active' : ''}`;
        item.resourceUri = node.uri;
        item.iconPath = vscode.ThemeIcon.File;
        item.description = entry?.state === 'ready' ? projectCount(entry.projects.length) : undefined;
        item.tooltip = node.uri.scheme === 'file' ? node.uri.fsPath : node.uri.toString();
        item.contextValue = 'file';
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = `${key}#note`;
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'project': {
        const p = node.project;
        const hasChildren = p.figures.length + p.dates.length > 0 || p.mentions.length > 1;
        const item = new vscode.TreeItem(p.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `${key}#p#${p.name}`;
        item.iconPath = new vscode.ThemeIcon('symbol-class', new vscode.ThemeColor('policyLens.project.border'));
        item.description = [
          p.mentions.length > 1 ? vscode.l10n.t('{0} mentions', String(p.mentions.length)) : '',
          p.figures.length ? vscode.l10n.t('{0} figures', String(p.figures.length)) : '',
          p.dates.length ? vscode.l10n.t('{0} dates', String(p.dates.length)) : '',
        ].filter(Boolean).join(' · ');
        item.tooltip = new vscode.MarkdownString(`**${p.name}**`);
        item.command = revealCommand(node.uri, p.mentions[0]);
        item.contextValue = 'project';
        return item;
      }
      case 'figure': {
        const f = node.figure;
        const item = new vscode.TreeItem(`${f.measure ? `${f.measure} ` : ''}${f.entity.text}`, vscode.TreeItemCollapsibleState.None);
        item.id = `${key}#p#${node.project.name}#f#${f.entity.start}`;
        item.iconPath = new vscode.ThemeIcon('symbol-number', new vscode.ThemeColor('policyLens.money.border'));
        const forms = amountForms(f.entity);
        item.description = [forms ? `${forms.full} ${f.entity.currency ?? ''}`.trim() : '', uncertainMark(f.confidence)].filter(Boolean).join(' ');
        item.tooltip = relationTooltip(f.confidence);
        item.command = revealCommand(node.uri, f.entity);
        item.contextValue = 'figure';
        return item;
      }
      case 'date': {
        const d = node.date;
        const item = new vscode.TreeItem(`${d.event ? `${d.event} ` : ''}${d.entity.text}`, vscode.TreeItemCollapsibleState.None);
        item.id = `${key}#p#${node.project.name}#d#${d.entity.start}`;
        item.iconPath = new vscode.ThemeIcon('calendar', new vscode.ThemeColor('policyLens.date.border'));
        const v = d.entity.value ?? d.entity.resolved;
        item.description = [v !== undefined ? String(v) : '', uncertainMark(d.confidence)].filter(Boolean).join(' ');
        item.tooltip = relationTooltip(d.confidence);
        item.command = revealCommand(node.uri, d.entity);
        item.contextValue = 'date';
        return item;
      }
      case 'mentions': {
        const item = new vscode.TreeItem(vscode.l10n.t('Mentions'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${key}#p#${node.project.name}#mentions`;
        item.iconPath = new vscode.ThemeIcon('references');
        item.description = String(node.project.mentions.length);
        return item;
      }
      case 'mention': {
        const doc = this.document(node.uri);
        const line = doc ? doc.positionAt(node.entity.start).line + 1 : undefined;
        const item = new vscode.TreeItem(line !== undefined ? vscode.l10n.t('line {0}', String(line)) : node.entity.text, vscode.TreeItemCollapsibleState.None);
        item.id = `${key}#p#${node.project.name}#m#${node.entity.start}`;
        item.description = node.entity.text;
        item.command = revealCommand(node.uri, node.entity);
        return item;
      }
    }
  }

  getParent(node: Node): Node | undefined {
    switch (node.kind) {
      case 'file':
        return undefined;
      case 'note':
      case 'project':
        return { kind: 'file', uri: node.uri, active: vscode.window.activeTextEditor?.document.uri.toString() === node.uri.toString() };
      case 'mention':
        return { kind: 'mentions', uri: node.uri, project: node.project };
      default:
        return { kind: 'project', uri: node.uri, project: node.project };
    }
  }

  private document(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (doc) this.docs.set(key, doc);
    return doc ?? this.docs.get(key);
  }
}

function relationTooltip(confidence: number): string {
  return confidence < CONFIDENT_RELATION
    ? vscode.l10n.t('Related to this project with confidence {0}: the text names the project in an earlier sentence or refers to it (该项目, 一期…). Check it in the text.', confidence.toFixed(2))
    : vscode.l10n.t('Related to this project with confidence {0}.', confidence.toFixed(2));
}

function projectCount(n: number): string {
  return n === 1 ? vscode.l10n.t('1 project') : vscode.l10n.t('{0} projects', String(n));
}

function revealCommand(uri: vscode.Uri, e: Pick<Entity, 'start' | 'end'>): vscode.Command {
  return { command: REVEAL_COMMAND, title: vscode.l10n.t('Go to this mention'), arguments: [uri.toString(), e.start, e.end] };
}
