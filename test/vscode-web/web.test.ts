// Policy Lens in VS Code for the web: the extension's one bundle (dist/extension.js) in the
// web worker extension host, where there is no Node.js. The same core must find the
// same entities there as the command line does on the same file (run-web-tests.mjs
// runs `dist/cli.js extract --json` on the seeds and passes the result in), read
// jieba's .wasm through vscode.workspace.fs, and feed the highlights, hovers, the
// Projects view and the conversion commands.
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../src/extension/activate';
import type { Node } from '../../src/extension/projectsTree';
import * as assert from './assert';
import { api, closeWithoutSaving, expected, extension, highlighted, hoverAt, read, SIMPLIFIED_SEED, TRADITIONAL_SEED, waitFor } from './helpers';
import type { ExpectedEntity } from './index';

const TYPES = ['project', 'money', 'date'] as const;

describe('web: Policy Lens in the web worker extension host', function () {
  this.timeout(120_000);
  afterEach(closeWithoutSaving);

  it('runs in a browser web worker, without Node.js, from the browser entry', async () => {
    const g = globalThis as Record<string, unknown>;
    assert.equal(typeof g.process, 'undefined', 'no process');
    assert.equal(typeof g.Buffer, 'undefined', 'no Buffer');
    assert.equal(typeof g.require, 'undefined', 'no global require');
    assert.equal(typeof g.WorkerGlobalScope, 'function', 'a web worker');
    assert.ok(globalThis instanceof (g.WorkerGlobalScope as { new (): unknown }), 'the global scope is a worker’s');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    const ext = extension();
    // In a remote window, UI is "runs where the workbench runs": the browser, here.
    assert.equal(ext.extensionKind, vscode.ExtensionKind.UI);
    assert.equal(ext.packageJSON.browser, './dist/extension.js');
    const a = await api();
    assert.ok(a.cache && a.decorations && a.tree, 'the extension activated and exported its parts');
  });

  for (const name of [TRADITIONAL_SEED, SIMPLIFIED_SEED]) {
    it(`highlights in ${name} exactly the projects, money and dates the command line finds`, async () => {
      const a = await api();
      const editor = await read(name);
      const entry = a.cache.get(editor.document.uri);
      assert.equal(entry?.state, 'ready', `read to the end (${entry?.error ?? ''})`);
      const want = expected(name);
      for (const type of TYPES) {
        const ranges = want.filter((e) => e.type === type).map((e) => [e.start, e.end]);
        assert.ok(ranges.length > 0, `${name} has ${type} entities`);
        assert.deepEqual(highlighted(a, editor, type), ranges, `${name}: ${type}`);
      }
    });
  }

  it('finds the traditional seed’s money, dates and project names as written', async () => {
    const a = await api();
    const editor = await read(TRADITIONAL_SEED);
    const texts = (type: ExpectedEntity['type']) => highlighted(a, editor, type).map(([s, e]) => editor.document.getText().slice(s, e));
    assert.ok(texts('money').includes('360億元'), texts('money').join(' '));
    assert.ok(texts('date').includes('2024年12月11日'), texts('date').join(' '));
    assert.ok(texts('project').includes('愛旭太陽能項(xiàng)目'), texts('project').join(' '));
    const names = a.cache.get(editor.document.uri)!.entities.filter((e) => e.type === 'project').map((e) => e.name);
    assert.ok(names.includes('山東黃河數字經濟產業園'), names.join(' '));
  });

  it('shows money and date hovers', async () => {
    const editor = await read(SIMPLIFIED_SEED);
    const want = expected(SIMPLIFIED_SEED);
    const m = want.find((e) => e.type === 'money' && typeof e.value === 'number' && e.value >= 1e8);
    assert.ok(m, 'the seed has an amount of 亿 or more');
    const money = await hoverAt(editor, m.start + 1);
    const full = BigInt(Math.round(m.value as number)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    assert.ok(money.includes(full), `${money} has ${full}`);
    const d = want.find((e) => e.type === 'date' && typeof e.value === 'string' && /^\d{4}-\d\d/.test(e.value));
    assert.ok(d, 'the seed has a full date');
    const date = await hoverAt(editor, d.start);
    assert.ok(date.includes(String(d.value)), date);
  });

  it('lists the projects of the open seed in the Projects view', async () => {
    const a = await api();
    const editor = await read(SIMPLIFIED_SEED);
    await vscode.commands.executeCommand('policyLens.projects.focus');
    await waitFor(() => a.treeView.visible, 'the Projects view to show');
    await waitFor(() => a.tree.getChildren().length > 0, 'the tree to list the file');
    const [file] = a.tree.getChildren();
    assert.equal(file.kind, 'file');
    assert.equal(file.uri.toString(), editor.document.uri.toString());
    const projects = a.tree.getChildren(file).filter((n): n is Extract<Node, { kind: 'project' }> => n.kind === 'project');
    const names = [...new Set(expected(SIMPLIFIED_SEED).filter((e) => e.type === 'project').map((e) => e.name))].sort();
    assert.ok(names.length > 0, 'the seed has projects');
    const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
    assert.deepEqual(projects.map((n) => label(a.tree.getTreeItem(n))).sort(), names);
  });

  it('converts a selection with OpenCC, one undo restoring it', async () => {
    const source = '軟體產業和資訊發展';
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: source });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selections = [new vscode.Selection(0, 0, 0, 4)];
    assert.equal(await vscode.commands.executeCommand('policyLens.convert.simplified'), 'converted');
    assert.equal(doc.getText(), '软体产业和資訊發展');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), source);
  });

  it('reports ruby pinyin as cleaning diagnostics, and Clean Document changes nothing when declined', async () => {
    const editor = await read(TRADITIONAL_SEED);
    const uri = editor.document.uri;
    const ruby = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Policy Lens' && d.code === 'ruby');
    await waitFor(() => ruby().length > 0, 'ruby diagnostics');
    for (const d of ruby()) assert.match(editor.document.getText(d.range), /^[(（][a-zü\u00e0-\u01dc]+[)）]$/);
    const original = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand('policyLens.cleanDocument', { apply: false }), 'declined');
    assert.equal(editor.document.getText(), original);
    assert.equal(editor.document.isDirty, false);
  });
});
