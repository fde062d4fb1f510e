/**
 * The conversion commands: traditional ↔ simplified on the selections or the
 * whole document. A thin adapter over `core/convert`: it reads the settings,
 * asks the user, reports progress and turns the core's offset edits into one
 * `editor.edit` (one undo step).
 */
import * as vscode from 'vscode';
import {
  alreadyInTarget,
  applyEdits,
  convertLarge,
  isLoaded,
  isSimplifiedTarget,
  isTarget,
  lineEdits,
  OPENCC_CONFIG,
  rangesAfterEdits,
  setProjectFinder,
  TARGETS,
  type ConvertOptions,
  type OffsetRange,
  type Target,
  type TextEdit,
} from '../../core/convert';
import { extractDocument } from '../../core/document';
import { askInDiff, PREVIEW_SCHEME, PreviewProvider } from '../preview/provider';

/** One command per target; the ids are the manifest's. */
export const TARGET_COMMANDS: Record<Target, string> = {
  simplified: 'policyLens.convert.simplified',
  'simplified-phrases': 'policyLens.convert.simplifiedPhrases',
  traditional: 'policyLens.convert.traditional',
  taiwan: 'policyLens.convert.taiwan',
  'taiwan-phrases': 'policyLens.convert.taiwanPhrases',
  hongkong: 'policyLens.convert.hongkong',
};
export const DEFAULT_COMMAND = 'policyLens.convert.default';
export const PREVIEW_COMMAND = 'policyLens.convert.preview';

/**
 * What a command did; commands return it (the integration tests check it).
 * `declined`: the user said no to a prompt; `cancelled`: progress cancelled.
 */
export type ConvertResult =
  | 'converted'
  | 'unchanged'
  | 'declined'
  | 'cancelled'
  | 'no-editor'
  | 'read-only'
  | 'changed-meanwhile'
  | 'failed';

/**
 * Internal: answers the prompts instead of the user. Passed as the command's
 * argument by the integration tests only; users never see or set it.
 */
export interface ConvertTestHooks {
  /** The preview / default target instead of the QuickPick / setting. */
  target?: Target;
  /** The answer to "already looks simplified. Convert anyway?". */
  convertAnyway?: boolean;
  /** The answer to the preview's Apply / Discard. */
  apply?: boolean;
  /** Large documents: cancel once this many progress reports have been made. */
  cancelAfterProgress?: number;
}

/** A command's first argument is a Uri from the context menu, or the tests' hooks. */
function hooksOf(arg: unknown): ConvertTestHooks {
  return arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as ConvertTestHooks) : {};
}

export function targetLabel(target: Target): string {
  switch (target) {
    case 'simplified':
      return vscode.l10n.t('Simplified Chinese');
    case 'simplified-phrases':
      return vscode.l10n.t('Simplified Chinese with mainland phrases');
    case 'traditional':
      return vscode.l10n.t('Traditional Chinese (OpenCC standard)');
    case 'taiwan':
      return vscode.l10n.t('Traditional Chinese (Taiwan standard)');
    case 'taiwan-phrases':
      return vscode.l10n.t('Traditional Chinese (Taiwan, with Taiwanese phrases)');
    case 'hongkong':
      return vscode.l10n.t('Traditional Chinese (Hong Kong standard)');
  }
}

interface Settings {
  defaultTarget: Target;
  options: ConvertOptions;
  threshold: number;
}

/** The settings, with anything malformed in settings.json left out. */
function readSettings(doc: vscode.TextDocument): Settings {
  const cfg = vscode.workspace.getConfiguration('policyLens.conversion', doc.uri);
  const def = cfg.get<string>('defaultTarget', 'simplified');
  const protect = cfg.get<unknown>('protect', []);
  const phrases = cfg.get<unknown>('customPhrases', {});
  const threshold = cfg.get<number>('largeDocumentThreshold', 1_000_000);
  // Not in the manifest yet: read when set in settings.json, on by default.
  const protectProjects = cfg.get<unknown>('protectProjects', true);
  const customPhrases: Record<string, string> = {};
  if (phrases && typeof phrases === 'object' && !Array.isArray(phrases)) {
    for (const [from, to] of Object.entries(phrases)) if (typeof to === 'string') customPhrases[from] = to;
  }
  return {
    defaultTarget: typeof def === 'string' && isTarget(def) ? def : 'simplified',
    options: {
      protect: Array.isArray(protect) ? protect.filter((p): p is string => typeof p === 'string') : [],
      customPhrases,
      protectProjects: protectProjects !== false,
    },
    threshold: typeof threshold === 'number' && threshold >= 0 ? threshold : 1_000_000,
  };
}

/** What a conversion works on: the non-empty selections, or the whole document. */
interface Scope {
  ranges: OffsetRange[];
  wholeDocument: boolean;
}

function scopeOf(editor: vscode.TextEditor): Scope {
  const doc = editor.document;
  const selected = editor.selections.filter((s) => !s.isEmpty);
  if (selected.length === 0) return { ranges: [{ start: 0, end: doc.getText().length }], wholeDocument: true };
  return {
    ranges: selected.map((s) => ({ start: doc.offsetAt(s.start), end: doc.offsetAt(s.end) })).sort((a, b) => a.start - b.start),
    wholeDocument: false,
  };
}

/** The active text editor, or an error message saying why there is none. */
function activeEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Policy Lens: no text editor is active. Open a text file (binary files cannot be converted) and run the command again.'),
    );
  }
  return editor;
}

function isReadOnly(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === PREVIEW_SCHEME || vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false;
}

function showReadOnly(doc: vscode.TextDocument): void {
  void vscode.window.showErrorMessage(
    vscode.l10n.t('Policy Lens: “{0}” is read-only, so it cannot be converted. Nothing was changed.', fileName(doc)),
  );
}

function fileName(doc: vscode.TextDocument): string {
  return doc.uri.path.split('/').pop() || doc.uri.toString();
}

/**
 * Converts texts; above the threshold (all texts together) with a cancellable
 * progress notification. Returns undefined when cancelled. While a direction's
 * dictionaries are built for the first time the status bar says so.
 */
async function convertTexts(
  texts: readonly string[],
  target: Target,
  settings: Settings,
  hooks: ConvertTestHooks,
): Promise<string[] | undefined> {
  const loading = isLoaded(target)
    ? undefined
    : vscode.window.setStatusBarMessage('$(loading~spin) ' + vscode.l10n.t('Loading OpenCC dictionaries…'));
  try {
    // Let the status bar message out before the dictionaries are built.
    if (loading) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    const total = texts.reduce((n, t) => n + t.length, 0);
    if (total <= settings.threshold) {
      const out: string[] = [];
      // convertLarge yields between chunks, so even a long text below the threshold never blocks for long.
      for (const text of texts) out.push((await convertLarge(text, target, settings.options))!);
      return out;
    }
    return await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Converting to {0}', targetLabel(target)),
        cancellable: true,
      },
      async (progress, token) => {
        const out: string[] = [];
        let done = 0;
        let reported = 0;
        let reports = 0;
        for (const text of texts) {
          const converted = await convertLarge(text, target, settings.options, {
            onProgress: (share) => {
              const percent = ((done + share * text.length) / total) * 100;
              progress.report({ increment: percent - reported });
              reported = percent;
              reports++;
            },
            isCancelled: () =>
              token.isCancellationRequested || (hooks.cancelAfterProgress !== undefined && reports >= hooks.cancelAfterProgress),
          });
          if (converted === undefined) return undefined;
          out.push(converted);
          done += text.length;
        }
        return out;
      },
    );
  } finally {
    loading?.dispose();
  }
}

/** A planned conversion: the document edits and where the selections go. */
interface Plan {
  editor: vscode.TextEditor;
  doc: vscode.TextDocument;
  version: number;
  scope: Scope;
  target: Target;
  /** Document offsets, from every range's minimal line edits. */
  edits: TextEdit[];
  /** The editor's selections when the conversion started, as offsets. */
  selections: { range: OffsetRange; reversed: boolean }[];
}

/**
 * Everything up to the edit: checks, the already-in-target question, the
 * conversion. Returns the plan, or the result to report when there is nothing to apply.
 */
async function plan(
  editor: vscode.TextEditor,
  target: Target,
  settings: Settings,
  hooks: ConvertTestHooks,
  askIfAlreadyInTarget: boolean,
): Promise<Plan | ConvertResult> {
  const doc = editor.document;
  if (isReadOnly(doc)) {
    showReadOnly(doc);
    return 'read-only';
  }
  const version = doc.version;
  const scope = scopeOf(editor);
  const selections = editor.selections.map((s) => ({
    range: { start: doc.offsetAt(s.start), end: doc.offsetAt(s.end) },
    reversed: s.isReversed,
  }));
  const text = doc.getText();
  const texts = scope.ranges.map((r) => text.slice(r.start, r.end));

  if (askIfAlreadyInTarget && alreadyInTarget(texts.join('\n'), target)) {
    const anyway = vscode.l10n.t('Convert anyway');
    const question = isSimplifiedTarget(target)
      ? vscode.l10n.t('This text already looks simplified. Convert anyway?')
      : vscode.l10n.t('This text already looks traditional. Convert anyway?');
    const answer =
      hooks.convertAnyway !== undefined
        ? hooks.convertAnyway
        : (await vscode.window.showWarningMessage(
            question,
            { modal: true, detail: vscode.l10n.t('Target: {0} (OpenCC {1}).', targetLabel(target), OPENCC_CONFIG[target]) },
            anyway,
          )) === anyway;
    if (!answer) return 'declined';
  }

  const converted = await convertTexts(texts, target, settings, hooks);
  if (!converted) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Conversion cancelled. Nothing was changed.'));
    return 'cancelled';
  }
  const edits = scope.ranges.flatMap((r, i) =>
    lineEdits(texts[i], converted[i]).map((e) => ({ start: e.start + r.start, end: e.end + r.start, text: e.text })),
  );
  if (edits.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Nothing to convert: the text is already {0}. Nothing was changed.', targetLabel(target)),
    );
    return 'unchanged';
  }
  return { editor, doc, version, scope, target, edits, selections };
}

/** Applies a plan as ONE editor edit and puts the selections on the converted text. */
async function apply(p: Plan, editor: vscode.TextEditor): Promise<ConvertResult> {
  const { doc, edits } = p;
  if (doc.version !== p.version) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Policy Lens: “{0}” changed while it was being converted. Nothing was changed; run the command again.', fileName(doc)),
    );
    return 'changed-meanwhile';
  }
  const ranges = edits.map((e) => new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)));
  let ok: boolean;
  try {
    ok = await editor.edit(
      (builder) => {
        edits.forEach((e, i) => builder.replace(ranges[i], e.text));
      },
      { undoStopBefore: true, undoStopAfter: true },
    );
  } catch {
    ok = false;
  }
  if (!ok) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Policy Lens: “{0}” could not be edited (it may be read-only). Nothing was changed.', fileName(doc)),
    );
    return 'failed';
  }
  // Each selection covers its converted text; cursors (whole-document conversion)
  // stay where they were, shifted only by the edits before them. Set explicitly, as
  // after a preview the editor may be a new one.
  const after = rangesAfterEdits(
    p.selections.map((s) => s.range),
    edits,
  );
  editor.selections = after.map((r, i) => {
    const start = doc.positionAt(r.start);
    const end = doc.positionAt(r.end);
    return p.selections[i].reversed ? new vscode.Selection(end, start) : new vscode.Selection(start, end);
  });
  return 'converted';
}

/** A target command: convert the selections or the document, no preview. */
async function convertCommand(target: Target | undefined, arg: unknown): Promise<ConvertResult> {
  const hooks = hooksOf(arg);
  const editor = activeEditor();
  if (!editor) return 'no-editor';
  const settings = readSettings(editor.document);
  const t = target ?? hooks.target ?? settings.defaultTarget;
  const p = await plan(editor, t, settings, hooks, true);
  if (typeof p === 'string') return p;
  return apply(p, editor);
}

/** Asks for the target, shows the result in a diff, applies it only on "Apply". */
async function previewCommand(provider: PreviewProvider, arg: unknown): Promise<ConvertResult> {
  const hooks = hooksOf(arg);
  const editor = activeEditor();
  if (!editor) return 'no-editor';
  const doc = editor.document;
  if (isReadOnly(doc)) {
    showReadOnly(doc);
    return 'read-only';
  }
  const settings = readSettings(doc);
  let target = hooks.target;
  if (!target) {
    const items = TARGETS.map((t) => ({
      label: targetLabel(t),
      description: t === settings.defaultTarget ? vscode.l10n.t('OpenCC {0} · default', OPENCC_CONFIG[t]) : vscode.l10n.t('OpenCC {0}', OPENCC_CONFIG[t]),
      target: t,
    }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Convert to…') });
    if (!picked) return 'declined';
    target = picked.target;
  }
  // The diff shows what will change, so the already-in-target question is not asked here.
  const p = await plan(editor, target, settings, hooks, false);
  if (typeof p === 'string') return p;

  const answer = await askInDiff(provider, doc, applyEdits(doc.getText(), p.edits), {
    title: vscode.l10n.t('{0} ↔ {1} (preview)', fileName(doc), targetLabel(target)),
    question: vscode.l10n.t('Apply the conversion to {0} shown in the diff ({1} changed lines)?', targetLabel(target), String(countLines(p.edits, doc))),
    viewColumn: editor.viewColumn,
    answer: hooks.apply,
  });
  if (!answer) return 'declined';
  // The diff replaced the editor in its column; edit the document's editor again.
  const docEditor = await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
  return apply(p, docEditor);
}

/** How many lines the edits touch. */
function countLines(edits: readonly TextEdit[], doc: vscode.TextDocument): number {
  return new Set(edits.map((e) => doc.positionAt(e.start).line)).size;
}

/** Registers the conversion commands and the preview scheme (its provider is shared with Clean Document). Nothing is converted or loaded here. */
export function registerConvertCommands(context: vscode.ExtensionContext): PreviewProvider {
  // Converting to simplified keeps project names already written in simplified
  // (policyLens.conversion.protectProjects). Finding names needs the segmenter; where
  // it cannot load yet (VS Code for the web before the extractor has run), names are
  // not looked for rather than the conversion failing.
  setProjectFinder((text) => {
    try {
      return extractDocument(text, { types: ['project'] }).entities;
    } catch {
      return [];
    }
  });
  const provider = new PreviewProvider();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, provider));
  for (const target of TARGETS) {
    context.subscriptions.push(vscode.commands.registerCommand(TARGET_COMMANDS[target], (arg?: unknown) => convertCommand(target, arg)));
  }
  context.subscriptions.push(
    vscode.commands.registerCommand(DEFAULT_COMMAND, (arg?: unknown) => convertCommand(undefined, arg)),
    vscode.commands.registerCommand(PREVIEW_COMMAND, (arg?: unknown) => previewCommand(provider, arg)),
  );
  return provider;
}
