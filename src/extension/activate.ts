import * as vscode from 'vscode';
import { CleanupActions } from './codeActions';
import { registerCleanCommand } from './commands/clean';
import { registerConvertCommands } from './commands/convert';
import { registerEntityCommands } from './commands/entities';
import { readSettings } from './config';
import { Decorations } from './decorations';
import { Diagnostics } from './diagnostics';
import { DocumentCache } from './documentCache';
import { EntityHoverProvider } from './hover';
import { ProjectsTree, VIEW_ID } from './projectsTree';
import { StatusBar } from './statusBar';

/** What the extension exports: its parts, for the integration tests (not a public API). */
export interface PolicyLensApi {
  cache: DocumentCache;
  decorations: Decorations;
  tree: ProjectsTree;
  treeView: vscode.TreeView<unknown>;
  statusBar: StatusBar;
  diagnostics: Diagnostics;
}

/**
 * Registers the commands, providers and listeners. Cheap on purpose: nothing is
 * read here, no dictionary or segmenter is loaded; the first reading of a document
 * happens after activation (debounced), and the segmenter loads on its first need.
 */
export function activate(context: vscode.ExtensionContext): PolicyLensApi {
  const preview = registerConvertCommands(context);
  registerCleanCommand(context, preview);

  const log = vscode.window.createOutputChannel('Policy Lens', { log: true });
  const cache = new DocumentCache(log, () => vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'jieba.wasm')));
  const decorations = new Decorations(cache);
  const tree = new ProjectsTree(cache);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new StatusBar(cache, decorations);
  const diagnostics = new Diagnostics(cache);
  context.subscriptions.push(log, cache, decorations, tree, treeView, statusBar, diagnostics);

  const refreshActive = () => {
    statusBar.refresh();
    tree.refresh();
  };
  registerEntityCommands(context, cache, decorations, refreshActive);

  // Hovers and quick fixes, for the languages of the settings (registered anew when they change).
  let providers: vscode.Disposable[] = [];
  const registerHover = () => {
    for (const p of providers) p.dispose();
    const selector = readSettings().languages.map((language) => ({ language }));
    providers = [
      vscode.languages.registerHoverProvider(selector, new EntityHoverProvider(cache)),
      vscode.languages.registerCodeActionsProvider(selector, new CleanupActions(cache), { providedCodeActionKinds: CleanupActions.kinds }),
    ];
  };
  registerHover();
  context.subscriptions.push({ dispose: () => providers.forEach((p) => p.dispose()) });

  context.subscriptions.push(
    cache.onDidChange((uri) => {
      decorations.refreshUri(uri);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc) diagnostics.refresh(doc);
      else diagnostics.forget(uri);
      if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) statusBar.refresh();
      tree.refresh();
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => cache.schedule(doc, 0)),
    vscode.workspace.onDidChangeTextDocument((ev) => {
      if (ev.contentChanges.length) cache.schedule(ev.document);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => cache.forget(doc.uri)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const ed of editors) decorations.refresh(ed);
    }),
    vscode.window.onDidChangeActiveTextEditor(refreshActive),
    vscode.window.tabGroups.onDidChangeTabs(() => tree.refresh()),
    vscode.workspace.onDidChangeConfiguration((ev) => {
      if (!ev.affectsConfiguration('policyLens')) return;
      if (ev.affectsConfiguration('policyLens.languages')) registerHover();
      cache.reconfigure();
      decorations.reconfigure();
      diagnostics.refreshAll();
      refreshActive();
    }),
  );

  // The documents already open when the extension starts.
  for (const doc of vscode.workspace.textDocuments) cache.schedule(doc, 0);
  refreshActive();
  return { cache, decorations, tree, treeView: treeView as vscode.TreeView<unknown>, statusBar, diagnostics };
}

export function deactivate(): void {}
