/**
 * Highlights of project names, money and dates in the visible editors. Decoration
 * types are made once per configuration (and disposed together when it changes),
 * never per update; colours are theme colours (package.json `contributes.colors`),
 * so light, dark and high-contrast themes each get their own. Doubtful entities
 * (below `policyLens.minConfidence`) get a dashed outline without fill, or are hidden.
 */
import * as vscode from 'vscode';
import type { Entity, EntityType } from '../core/types';
import { ENTITY_TYPES, readSettings, type EditorSettings } from './config';
import type { DocumentCache } from './documentCache';

interface Styles {
  sure: vscode.TextEditorDecorationType;
  doubtful: vscode.TextEditorDecorationType;
}

export interface AppliedRanges {
  sure: vscode.Range[];
  doubtful: vscode.Range[];
}

const COLOR_ID: Record<EntityType, string> = { project: 'policyLens.project', money: 'policyLens.money', date: 'policyLens.date' };

function makeStyles(type: EntityType): Styles {
  const id = COLOR_ID[type];
  return {
    sure: vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor(`${id}.background`),
      border: '1px solid',
      borderColor: new vscode.ThemeColor(`${id}.border`),
      borderRadius: '2px',
      overviewRulerColor: new vscode.ThemeColor(`${id}.border`),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
    doubtful: vscode.window.createTextEditorDecorationType({
      border: '1px dashed',
      borderColor: new vscode.ThemeColor(`${id}.border`),
      borderRadius: '2px',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
  };
}

export class Decorations implements vscode.Disposable {
  private styles = new Map<EntityType, Styles>();
  private settings: EditorSettings = readSettings();
  /** Documents whose highlighting the user turned off (`policyLens.toggleHighlight`). */
  private readonly off = new Set<string>();
  /** What was last applied per editor document and type: for the tests and for skipping no-op updates. */
  private readonly applied = new Map<string, Map<EntityType, AppliedRanges>>();

  constructor(private readonly cache: DocumentCache) {
    this.reconfigure();
  }

  dispose(): void {
    for (const s of this.styles.values()) {
      s.sure.dispose();
      s.doubtful.dispose();
    }
    this.styles.clear();
  }

  /** Re-reads the settings and makes the decoration types anew. */
  reconfigure(): void {
    this.dispose();
    this.settings = readSettings();
    for (const t of ENTITY_TYPES) this.styles.set(t, makeStyles(t));
    this.applied.clear();
    this.refreshAll();
  }

  isOn(uri: vscode.Uri): boolean {
    return !this.off.has(uri.toString());
  }

  /** Turns highlighting of one document on or off; returns the new state. */
  toggle(uri: vscode.Uri): boolean {
    const key = uri.toString();
    if (this.off.has(key)) this.off.delete(key);
    else this.off.add(key);
    this.refreshAll();
    return !this.off.has(key);
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.refresh(editor);
  }

  refreshUri(uri: vscode.Uri): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri.toString()) this.refresh(editor);
  }

  /** The ranges last applied to a document, per type (what the user sees). */
  rangesOf(uri: vscode.Uri): Map<EntityType, AppliedRanges> | undefined {
    return this.applied.get(uri.toString());
  }

  refresh(editor: vscode.TextEditor): void {
    const doc = editor.document;
    const entry = this.cache.get(doc.uri);
    const byType = new Map<EntityType, AppliedRanges>();
    for (const t of ENTITY_TYPES) byType.set(t, { sure: [], doubtful: [] });
    // Entities of an older version would sit at wrong places: shown only for the current one.
    const current = entry && entry.version === doc.version && this.isOn(doc.uri) && this.cache.isWatched(doc);
    if (current) {
      for (const e of entry.entities) {
        if (!this.settings.highlight[e.type]) continue;
        const doubtful = (e.confidence ?? 1) < this.settings.minConfidence;
        if (doubtful && this.settings.lowConfidence === 'hide') continue;
        const slot = byType.get(e.type)!;
        (doubtful && this.settings.lowConfidence === 'dim' ? slot.doubtful : slot.sure).push(rangeOf(doc, e));
      }
    } else if (entry && entry.version !== doc.version && this.applied.has(doc.uri.toString()) && this.isOn(doc.uri)) {
      // Typing: keep what is shown (VS Code moves decorations with the edit) until the new reading arrives.
      return;
    }
    for (const t of ENTITY_TYPES) {
      const s = this.styles.get(t)!;
      const r = byType.get(t)!;
      editor.setDecorations(s.sure, r.sure);
      editor.setDecorations(s.doubtful, r.doubtful);
    }
    this.applied.set(doc.uri.toString(), byType);
  }
}

export function rangeOf(doc: vscode.TextDocument, e: Pick<Entity, 'start' | 'end'>): vscode.Range {
  return new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end));
}
