/**
 * The entities of each open document: the one place in the extension that calls the
 * core's extraction. Every surface (decorations, hovers, the projects tree, the
 * status bar) reads from here and redraws on `onDidChange`.
 *
 * - Reading is debounced per document and never blocks the extension host for
 *   long: the core extracts part by part (core/document.ts) and this loop gives the
 *   event loop a turn every few milliseconds; a newer version of the text makes an
 *   older run stop.
 * - An edit re-extracts only the parts it touched (each document keeps the core's
 *   part cache between versions).
 * - Money and dates come first; projects need the segmenter, which is loaded on
 *   first need, after activation, off the activation path.
 * - A document over `policyLens.maxFileSize` is not read until the user asks
 *   (`processAnyway`), then with a cancellable progress notification.
 */
import * as vscode from 'vscode';
import { ExtractionCache, extractDocumentSteps, type DocumentFacts } from '../core/document';
import { relateProjects, type ProjectInfo } from '../core/relations';
import { findCleanups, type CleanFinding } from '../core/clean';
import { checkFigures, type FigureFinding } from '../core/figures';
import { hasHan, utf8Length } from '../core/present';
import { loadSegmenter, provideSegmenterWasm, segmenterLoaded, segmenterWasmProvided } from '../core/segmenter';
import type { Entity, EntityType } from '../core/types';
import { isWatched, readCleanOptions, readSettings, type EditorSettings } from './config';
import { platform } from './platform';

/**
 * - `pending`: not read yet; `partial`: money and dates only, projects follow;
 * - `ready`: everything read for `version`; `too-large`: over the size limit, not read;
 * - `cancelled`: the user stopped the reading of a large document; `failed`: the core threw.
 */
export type DocState = 'pending' | 'partial' | 'ready' | 'too-large' | 'cancelled' | 'failed';

export interface DocEntities {
  uri: vscode.Uri;
  /** The document version these entities are for. */
  version: number;
  state: DocState;
  entities: Entity[];
  projects: ProjectInfo[];
  /** What cleaning would fix (the enabled rules), and figures that contradict each other. */
  cleanups: CleanFinding[];
  figures: FigureFinding[];
  facts?: DocumentFacts;
  /** Whether the text has Chinese characters at all. */
  chinese: boolean;
  /** UTF-8 size of the text, for the size limit's message. */
  size: number;
  /** Parts extracted in the last run, of how many (for the tests and the log). */
  extracted: number;
  parts: number;
  error?: string;
}

interface Entry extends DocEntities {
  quickCache: ExtractionCache;
  fullCache: ExtractionCache;
  /** The user asked to read it despite its size. */
  forced: boolean;
  timer?: ReturnType<typeof setTimeout>;
  /** Increments on every run; a run whose number is no longer current stops. */
  run: number;
}

/** How long a run may hold the extension host before it yields. */
const SLICE_MS = 15;
/** A later turn of the event loop (in a web worker without the 4 ms of nested timers). */
const nextTurn = () => platform.nextTurn();
const MONEY_AND_DATES: readonly EntityType[] = ['money', 'date'];

export interface RunOptions {
  progress?: vscode.Progress<{ message?: string; increment?: number }>;
  token?: vscode.CancellationToken;
}

export class DocumentCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a document's entities (or state) change. */
  readonly onDidChange = this.changed.event;
  private settings: EditorSettings;
  private disposed = false;
  private readonly idle = new Map<string, Array<() => void>>();

  /**
   * `segmenterBytes` reads jieba's .wasm (the extension reads it through VS Code's
   * file system, which works in VS Code for the web too); it is called once, when a
   * text first needs the segmenter or the cleaning rules.
   */
  constructor(
    private readonly log?: vscode.LogOutputChannel,
    private readonly segmenterBytes?: () => Thenable<Uint8Array>,
  ) {
    this.settings = readSettings();
  }

  private wasm?: Promise<void>;

  /** Makes the segmenter's bytes available (once); does not load the segmenter. */
  private prepareSegmenter(): Promise<void> {
    if (segmenterWasmProvided() || !this.segmenterBytes) return Promise.resolve();
    this.wasm ??= Promise.resolve(this.segmenterBytes()).then(
      (bytes) => provideSegmenterWasm(bytes),
      (err) => {
        this.wasm = undefined; // try again next time
        throw err;
      },
    );
    return this.wasm;
  }

  dispose(): void {
    this.disposed = true;
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
    this.entries.clear();
    this.changed.dispose();
  }

  /** Re-reads the settings; every watched document is read again (limits or languages may have changed). */
  reconfigure(): void {
    this.settings = readSettings();
    for (const [key, e] of this.entries) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (!doc || !isWatched(doc, this.settings)) {
        this.forget(e.uri);
        continue;
      }
      // Read again (from the part cache: only what the new settings change costs anything);
      // what is shown stays until then.
      this.schedule(doc, 0);
    }
    for (const doc of vscode.workspace.textDocuments) if (isWatched(doc, this.settings) && !this.entries.has(doc.uri.toString())) this.schedule(doc, 0);
  }

  get(uri: vscode.Uri): DocEntities | undefined {
    return this.entries.get(uri.toString());
  }

  /** Every document read so far, in no particular order. */
  all(): DocEntities[] {
    return [...this.entries.values()];
  }

  isWatched(doc: vscode.TextDocument): boolean {
    return isWatched(doc, this.settings);
  }

  /** Reads `doc` again after the debounce delay (or `delay` ms). */
  schedule(doc: vscode.TextDocument, delay = this.settings.debounceMs): void {
    if (this.disposed || !isWatched(doc, this.settings)) return;
    const entry = this.entryFor(doc);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.read(doc, entry);
    }, delay);
  }

  private entryFor(doc: vscode.TextDocument): Entry {
    const key = doc.uri.toString();
    let e = this.entries.get(key);
    if (!e) {
      e = {
        uri: doc.uri,
        version: -1,
        state: 'pending',
        entities: [],
        projects: [],
        cleanups: [],
        figures: [],
        chinese: false,
        size: 0,
        extracted: 0,
        parts: 0,
        quickCache: new ExtractionCache(),
        fullCache: new ExtractionCache(),
        forced: false,
        run: 0,
      };
      this.entries.set(key, e);
    }
    return e;
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const e = this.entries.get(key);
    if (!e) return;
    if (e.timer) clearTimeout(e.timer);
    e.run++;
    this.entries.delete(key);
    this.changed.fire(uri);
  }

  /**
   * Reads a document over the size limit, with a cancellable progress notification.
   * Resolves to its state afterwards ('ready', or 'cancelled').
   */
  async processAnyway(doc: vscode.TextDocument, hooks: { cancelAfterProgress?: number } = {}): Promise<DocState | undefined> {
    if (this.disposed || !isWatched(doc, this.settings)) return undefined;
    const e = this.entryFor(doc);
    if (e.timer) clearTimeout(e.timer);
    e.timer = undefined;
    e.forced = true;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Policy Lens: reading {0}', baseName(doc.uri)), cancellable: true },
      async (progress, token) => {
        let reports = 0;
        const counting: vscode.Progress<{ message?: string; increment?: number }> = {
          report: (v) => {
            reports++;
            progress.report(v);
          },
        };
        const cancel = new vscode.CancellationTokenSource();
        const sub = token.onCancellationRequested(() => cancel.cancel());
        const poll = hooks.cancelAfterProgress === undefined ? undefined : setInterval(() => reports >= hooks.cancelAfterProgress! && cancel.cancel(), 1);
        try {
          await this.read(doc, e, { progress: counting, token: cancel.token });
        } finally {
          sub.dispose();
          if (poll) clearInterval(poll);
          cancel.dispose();
        }
        if (e.state === 'cancelled') {
          e.forced = false;
          void vscode.window.showInformationMessage(vscode.l10n.t('Policy Lens: stopped reading {0}. Nothing is highlighted in it.', baseName(doc.uri)));
        }
        return e.state;
      },
    );
  }

  /** Resolves once `uri` is read for its current version (state ready, too-large, cancelled or failed). */
  whenIdle(uri: vscode.Uri): Promise<void> {
    const e = this.entries.get(uri.toString());
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (e && doc && e.version === doc.version && !e.timer && e.state !== 'partial' && e.state !== 'pending') return Promise.resolve();
    return new Promise((resolve) => {
      const key = uri.toString();
      (this.idle.get(key) ?? this.idle.set(key, []).get(key)!).push(resolve);
    });
  }

  private publish(e: Entry): void {
    this.changed.fire(e.uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === e.uri.toString());
    const settled = e.state !== 'partial' && e.state !== 'pending' && !e.timer && (!doc || doc.version === e.version);
    if (settled) {
      const waiting = this.idle.get(e.uri.toString());
      this.idle.delete(e.uri.toString());
      for (const w of waiting ?? []) w();
    }
  }

  private async read(doc: vscode.TextDocument, e: Entry, opts: RunOptions = {}): Promise<void> {
    if (this.disposed || doc.isClosed) return;
    const run = ++e.run;
    const version = doc.version;
    const stale = () => this.disposed || e.run !== run || doc.isClosed || doc.version !== version;
    const text = doc.getText();
    e.chinese = hasHan(text);
    e.size = utf8Length(text);
    if (!e.forced && e.size > this.settings.maxFileSize) {
      Object.assign(e, { version, state: 'too-large', entities: [], projects: [], cleanups: [], figures: [], extracted: 0, parts: 0 });
      this.publish(e);
      return;
    }
    try {
      // The cleaning rules may segment a word, and projects need the segmenter: its bytes first.
      await this.prepareSegmenter();
      if (stale()) return;
      const t0 = Date.now();
      let deadline = t0 + SLICE_MS;
      let quickShown = false;
      // Cleaning findings: one linear scan, ready with the first highlights.
      const cleanups = findCleanups(text, readCleanOptions(doc.uri));
      // Money and dates: cheap, shown at once when projects will take a while.
      const showQuick = () => {
        const quick = drain(extractDocumentSteps(text, { types: MONEY_AND_DATES, cache: e.quickCache }));
        e.quickCache.sweep();
        Object.assign(e, { version, state: 'partial', entities: quick.entities, projects: [], cleanups, figures: [], facts: quick.facts });
        quickShown = true;
        this.publish(e);
      };
      if (!segmenterLoaded()) {
        showQuick();
        await nextTurn();
        if (stale()) return;
        const l0 = Date.now();
        loadSegmenter();
        this.log?.info(`segmenter loaded in ${Date.now() - l0} ms`);
        deadline = Date.now() + SLICE_MS;
      }
      const steps = extractDocumentSteps(text, { cache: e.fullCache });
      let lastShare = 0;
      for (;;) {
        const r = steps.next();
        if (r.done) {
          e.fullCache.sweep();
          // Relations and figure checks read the whole text (about 60–70 ms each per MB):
          // each gets its own turn, and a newer version of the text stops the run between them.
          await platform.nextTurn();
          if (stale()) return;
          const projects = relateProjects(text, r.value.entities);
          await platform.nextTurn();
          if (stale()) return;
          const figures = checkFigures(text, r.value.entities, projects);
          Object.assign(e, { version, state: 'ready', entities: r.value.entities, projects, cleanups, figures, facts: r.value.facts, extracted: r.value.extracted, parts: r.value.parts, error: undefined });
          this.log?.info(`${baseName(doc.uri)} v${version}: ${r.value.entities.length} entities, ${r.value.extracted}/${r.value.parts} parts read in ${Date.now() - t0} ms`);
          this.publish(e);
          return;
        }
        if (opts.progress) {
          const share = (r.value.done / r.value.parts) * 100;
          opts.progress.report({ increment: share - lastShare, message: `${r.value.done}/${r.value.parts}` });
          lastShare = share;
        }
        if (Date.now() >= deadline) {
          if (!quickShown) showQuick();
          await nextTurn();
          if (opts.token?.isCancellationRequested) {
            Object.assign(e, { version, state: 'cancelled', entities: [], projects: [], cleanups: [], figures: [] });
            this.publish(e);
            return;
          }
          if (stale()) return;
          deadline = Date.now() + SLICE_MS;
        }
      }
    } catch (err) {
      this.log?.error(`reading ${doc.uri.toString()} failed: ${String((err as Error)?.stack ?? err)}`);
      Object.assign(e, { version, state: 'failed', entities: [], projects: [], cleanups: [], figures: [], error: String((err as Error)?.message ?? err) });
      this.publish(e);
    }
  }
}

function drain<T, R>(g: Generator<T, R, void>): R {
  for (let r = g.next(); ; r = g.next()) if (r.done) return r.value;
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}
