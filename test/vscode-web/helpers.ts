// Helpers shared by the suites in test/vscode-web/*.test.ts (no Node.js here).
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../src/extension/activate';
import { config, type ExpectedEntity } from './index';

export const EXTENSION_ID = 'policy-lens.policy-lens';
export const TRADITIONAL_SEED = '004_eb79909535b2c4d2.txt';
export const SIMPLIFIED_SEED = '000_dbe85c08eada0134.txt';

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return ext;
}

export async function api(): Promise<PolicyLensApi> {
  const ext = extension();
  if (!ext.isActive) await ext.activate();
  return ext.exports as PolicyLensApi;
}

/** A seed in the throwaway workspace (a copy of the repo's seeds/, on code-server's side). */
export function seedUri(name: string): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders;
  if (!folders || folders.length !== 1) throw new Error('expected exactly one workspace folder');
  return vscode.Uri.joinPath(folders[0].uri, 'seeds', name);
}

/** What the command line finds in a seed (run-web-tests.mjs passes it in). */
export function expected(name: string): ExpectedEntity[] {
  const e = config().expected[name];
  if (!e) throw new Error(`no expected entities for ${name}`);
  return e;
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens a seed in an editor and waits until the extension has read it. */
export async function read(name: string): Promise<vscode.TextEditor> {
  const uri = seedUri(name);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await (await api()).cache.whenIdle(uri);
  return editor;
}

/** The highlighted ranges of one type (sure and doubtful) as [start, end] offsets, in order. */
export function highlighted(a: PolicyLensApi, editor: vscode.TextEditor, type: ExpectedEntity['type']): Array<[number, number]> {
  const r = a.decorations.rangesOf(editor.document.uri)?.get(type);
  if (!r) return [];
  return [...r.sure, ...r.doubtful]
    .map((x) => [editor.document.offsetAt(x.start), editor.document.offsetAt(x.end)] as [number, number])
    .sort((x, y) => x[0] - y[0]);
}

export async function hoverAt(editor: vscode.TextEditor, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset));
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export async function closeWithoutSaving(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}
