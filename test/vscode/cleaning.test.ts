/// <reference path="../../src/types/modules.d.ts" />
// Cleaning and figure checks in a real VS Code: diagnostics, a quick fix, "fix all of
// this kind", and Clean Document with its diff preview and a single undo.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cleanText, findCleanups } from '../../src/core/clean';
import type { PolicyLensApi } from '../../src/extension/activate';
import type { CleanResult } from '../../src/extension/commands/clean';
import { closeAllEditors, extension, seedUri, waitFor } from './helpers';

const RUBY_SEED = '004_eb79909535b2c4d2.txt';

async function api(): Promise<PolicyLensApi> {
  const ext = extension();
  if (!ext.isActive) await ext.activate();
  return ext.exports as PolicyLensApi;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  await (await api()).cache.whenIdle(uri);
  return editor;
}

const ours = (uri: vscode.Uri, code?: string) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Policy Lens' && (code === undefined || d.code === code));

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

async function revertAll(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

describe('cleaning and figure checks', function () {
  this.timeout(60_000);
  afterEach(revertAll);
  after(async () => {
    await vscode.workspace.getConfiguration('policyLens.cleaning').update('rules', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('reports ruby pinyin as information-level diagnostics', async () => {
    const editor = await open(seedUri(RUBY_SEED));
    const uri = editor.document.uri;
    await waitFor(() => ours(uri, 'ruby').length > 0, 'ruby diagnostics');
    const expected = findCleanups(editor.document.getText()).filter((f) => f.rule === 'ruby');
    const diags = ours(uri, 'ruby');
    assert.equal(diags.length, expected.length);
    for (const d of diags) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
      assert.match(editor.document.getText(d.range), /^[(（][a-zü\u00e0-\u01dc]+[)）]$/);
    }
  });

  it('fixes one finding with a quick fix, then all of its kind with one action', async () => {
    const editor = await open(seedUri(RUBY_SEED));
    const doc = editor.document;
    const uri = doc.uri;
    await waitFor(() => ours(uri, 'ruby').length > 1, 'ruby diagnostics');
    const before = ours(uri, 'ruby').length;
    const first = ours(uri, 'ruby')[0];
    const firstText = doc.getText(first.range);
    const offset = doc.offsetAt(first.range.start);
    const actions = await actionsAt(uri, first.range);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, `a preferred quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.notEqual(doc.getText().slice(offset, offset + firstText.length), firstText);
    await waitFor(() => ours(uri, 'ruby').length === before - 1, 'one ruby diagnostic fewer');

    const next = ours(uri, 'ruby')[0];
    const all = (await actionsAt(uri, next.range)).find((a) => /\d/.test(a.title) && a !== undefined && !a.isPreferred && a.edit);
    assert.ok(all?.edit, 'a fix-all action');
    assert.ok(await vscode.workspace.applyEdit(all.edit));
    await waitFor(() => ours(uri, 'ruby').length === 0, 'no ruby diagnostic left');
    assert.equal(findCleanups(doc.getText()).filter((f) => f.rule === 'ruby').length, 0);
    assert.ok(doc.getText().includes('項目'), 'the characters stay');
  });

  it('cleans the document after a diff preview, as one edit that one undo restores', async () => {
    const editor = await open(seedUri(RUBY_SEED));
    const doc = editor.document;
    const original = doc.getText();
    const expected = cleanText(original);
    assert.notEqual(expected, original);
    let seen: string | undefined;
    let diffOpen = false;
    const result = await vscode.commands.executeCommand<CleanResult>('policyLens.cleanDocument', {
      apply: (p: { original: vscode.Uri; cleaned: vscode.Uri; text: string }) => {
        seen = p.text;
        diffOpen = vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === p.cleaned.toString());
        return true;
      },
    });
    assert.equal(result, 'cleaned');
    assert.equal(seen, expected, 'the preview shows the cleaned text');
    assert.ok(diffOpen, 'the preview is a diff');
    assert.equal(doc.getText(), expected);
    assert.ok(!vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff), 'the preview is closed');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'one undo restores the text');
  });

  it('changes nothing when the preview is discarded', async () => {
    const editor = await open(seedUri(RUBY_SEED));
    const original = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand<CleanResult>('policyLens.cleanDocument', { apply: false }), 'declined');
    assert.equal(editor.document.getText(), original);
    assert.equal(editor.document.isDirty, false);
  });

  it('drops the diagnostics of a rule switched off in the settings', async () => {
    const editor = await open(seedUri(RUBY_SEED));
    const uri = editor.document.uri;
    await waitFor(() => ours(uri, 'ruby').length > 0, 'ruby diagnostics');
    await vscode.workspace.getConfiguration('policyLens.cleaning').update('rules', { ruby: false }, vscode.ConfigurationTarget.Global);
    await waitFor(() => ours(uri, 'ruby').length === 0, 'ruby diagnostics to go');
    await vscode.workspace.getConfiguration('policyLens.cleaning').update('rules', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => ours(uri, 'ruby').length > 0, 'ruby diagnostics back');
  });

  it('reports a project given two different amounts for one measure, naming both places', async () => {
    const text = '城东污水处理厂项目总投资12亿元，2024年3月开工。\n\n据介绍，城东污水处理厂项目总投资15亿元，建成后日处理污水10万吨。\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: text });
    await vscode.window.showTextDocument(doc);
    await (await api()).cache.whenIdle(doc.uri);
    await waitFor(() => ours(doc.uri, 'conflicting-amounts').length === 1, 'a figure diagnostic');
    const d = ours(doc.uri, 'conflicting-amounts')[0];
    assert.equal(doc.getText(d.range), '15亿元');
    assert.equal(d.relatedInformation?.length, 1);
    assert.equal(doc.getText(d.relatedInformation![0].location.range), '12亿元');
    assert.ok(d.message.includes('12亿元') && d.message.includes('15亿元'), d.message);
  });
});
