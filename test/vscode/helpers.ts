// Helpers shared by the suites in test/vscode/*.test.ts (bundled into each suite).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'policy-lens.policy-lens';

/** The extension under test; fails the test if VS Code does not know it. */
export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return ext;
}

/**
 * The throwaway workspace folder that run-tests.mjs opened; it holds a copy of the
 * repo's seeds/ (tests may modify files there freely).
 */
export function workspaceRoot(): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders;
  if (!folders || folders.length !== 1) throw new Error('expected exactly one workspace folder');
  return folders[0].uri;
}

export function seedUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'seeds', name);
}

/** Every seeds/*.txt of the workspace, sorted by name. */
export function seedUris(): vscode.Uri[] {
  const dir = path.join(workspaceRoot().fsPath, 'seeds');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => seedUri(f));
}

/** Opens a file and shows it in an editor. */
export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** Polls `condition` until it holds, or fails after `timeoutMs` naming `what`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Closes every editor (e.g. in afterEach, so suites do not see each other's tabs). */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
