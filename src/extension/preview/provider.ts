import * as vscode from 'vscode';

/** The scheme of the read-only documents that show a conversion before it is applied. */
export const PREVIEW_SCHEME = 'policy-lens-preview';

/**
 * Serves preview texts as read-only virtual documents. Each preview gets its own
 * URI (a counter in the query) and is forgotten with `remove` once the user has
 * answered, so nothing lingers after the diff is closed.
 */
export class PreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private seq = 0;

  /** Registers a preview text; `name` (the original's file name) keeps its language in the diff. */
  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: '/' + name, query: String(++this.seq) });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  remove(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/** Closes every tab that shows `uri`, alone or as a side of a diff. */
export async function closeTabsShowing(uri: vscode.Uri): Promise<void> {
  const key = uri.toString();
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((tab) => showsUri(tab, key));
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

function showsUri(tab: vscode.Tab, key: string): boolean {
  const input = tab.input;
  if (input instanceof vscode.TabInputTextDiff) return input.modified.toString() === key || input.original.toString() === key;
  if (input instanceof vscode.TabInputText) return input.uri.toString() === key;
  return false;
}

/** `closed` resolves (to undefined) once no tab shows `uri` any more; dispose to stop watching. */
export function watchClosed(uri: vscode.Uri): { closed: Promise<undefined>; dispose(): void } {
  const key = uri.toString();
  let sub: vscode.Disposable | undefined;
  const closed = new Promise<undefined>((resolve) => {
    sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => showsUri(t, key)))) {
        sub?.dispose();
        resolve(undefined);
      }
    });
  });
  return { closed, dispose: () => sub?.dispose() };
}

/**
 * Shows `text` as a diff against `doc` (a read-only preview) and asks the user to
 * apply it. Closing the diff counts as Discard, so an unanswered notification
 * never leaves a preview behind; the preview is closed and forgotten either way.
 * `answer`, where given (the tests), replaces the question: a boolean, or a
 * function that may look at the open preview first.
 */
export async function askInDiff(
  provider: PreviewProvider,
  doc: vscode.TextDocument,
  text: string,
  opts: {
    title: string;
    question: string;
    viewColumn?: vscode.ViewColumn;
    answer?: boolean | ((preview: vscode.Uri) => boolean | Promise<boolean>);
  },
): Promise<boolean> {
  const name = doc.uri.path.split('/').pop() || doc.uri.toString();
  const previewUri = provider.add(name, text);
  let watch: { closed: Promise<undefined>; dispose(): void } | undefined;
  try {
    await vscode.commands.executeCommand('vscode.diff', doc.uri, previewUri, opts.title, { preview: true, viewColumn: opts.viewColumn });
    if (typeof opts.answer === 'function') return await opts.answer(previewUri);
    if (opts.answer !== undefined) return opts.answer;
    const applyLabel = vscode.l10n.t('Apply');
    const discardLabel = vscode.l10n.t('Discard');
    return (
      (await Promise.race([
        vscode.window.showInformationMessage(opts.question, applyLabel, discardLabel),
        (watch = watchClosed(previewUri)).closed,
      ])) === applyLabel
    );
  } finally {
    watch?.dispose();
    await closeTabsShowing(previewUri);
    provider.remove(previewUri);
  }
}
