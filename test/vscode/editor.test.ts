/// <reference path="../../src/types/modules.d.ts" />
// Highlights, hovers, the Projects view and the status bar in a real VS Code. The
// expected entities come from the command line (dist/cli.js extract --json), run on
// the same file: the editor must show exactly what the extractor finds.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../src/extension/activate';
import type { Node } from '../../src/extension/projectsTree';
import { closeAllEditors, extension, openEditor, seedUri, seedUris, waitFor, workspaceRoot } from './helpers';

interface CliEntity {
  type: 'project' | 'money' | 'date';
  start: number;
  end: number;
  text: string;
  name?: string;
  value?: number | string;
  confidence?: number;
}

const TRADITIONAL_SEED = '004_eb79909535b2c4d2.txt';
const SIMPLIFIED_SEED = '000_dbe85c08eada0134.txt';

async function api(): Promise<PolicyLensApi> {
  const ext = extension();
  if (!ext.isActive) await ext.activate();
  return ext.exports as PolicyLensApi;
}

/** What the command line finds in a file. */
function cliEntities(file: string): CliEntity[] {
  const cli = path.join(extension().extensionUri.fsPath, 'dist', 'cli.js');
  const r = spawnSync(process.execPath.includes('node') ? process.execPath : 'node', [cli, 'extract', '--json', file], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    maxBuffer: 1 << 26,
  });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { entities: CliEntity[] }).entities;
}

async function readDoc(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const editor = await openEditor(uri);
  const a = await api();
  await a.cache.whenIdle(uri);
  return editor;
}

/** The highlighted ranges of one type (sure and doubtful together) as [start, end] offsets. */
function highlighted(a: PolicyLensApi, editor: vscode.TextEditor, type: CliEntity['type']): Array<[number, number]> {
  const r = a.decorations.rangesOf(editor.document.uri)?.get(type);
  if (!r) return [];
  return [...r.sure, ...r.doubtful]
    .map((x) => [editor.document.offsetAt(x.start), editor.document.offsetAt(x.end)] as [number, number])
    .sort((x, y) => x[0] - y[0]);
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('policyLens').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Waits until the decorations of `uri` are for its current version again. */
async function settled(a: PolicyLensApi, uri: vscode.Uri): Promise<void> {
  await a.cache.whenIdle(uri);
  await new Promise((r) => setTimeout(r, 20));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function hoverAt(editor: vscode.TextEditor, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset));
  return hoverText(hovers ?? []);
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('editor: highlights, hovers, Projects view', function () {
  this.timeout(120_000);
  afterEach(closeAllEditors);
  after(async () => {
    for (const k of ['highlight.money', 'maxFileSize', 'minConfidence', 'lowConfidence']) await setSetting(k, undefined);
  });

  it('highlights, in every seed, exactly the entities of each type the extractor finds', async () => {
    const a = await api();
    for (const uri of seedUris()) {
      const editor = await readDoc(uri);
      const expected = cliEntities(uri.fsPath);
      assert.ok(expected.length > 10, path.basename(uri.fsPath));
      for (const type of ['project', 'money', 'date'] as const) {
        const want = expected.filter((e) => e.type === type).map((e) => [e.start, e.end]);
        assert.deepEqual(highlighted(a, editor, type), want, `${path.basename(uri.fsPath)}: ${type}`);
      }
      assert.equal(a.cache.get(uri)?.state, 'ready');
    }
  });

  it('shows doubtful entities with their own style, or hides them', async () => {
    const a = await api();
    const uri = seedUri(SIMPLIFIED_SEED);
    await setSetting('minConfidence', 0.999);
    const editor = await readDoc(uri);
    await settled(a, uri);
    const money = a.decorations.rangesOf(uri)!.get('money')!;
    assert.ok(money.doubtful.length > 0, 'below 0.999 every amount is doubtful');
    assert.equal(money.sure.length, 0);
    await setSetting('lowConfidence', 'hide');
    await waitFor(() => highlighted(a, editor, 'money').length === 0, 'doubtful amounts to be hidden');
    await setSetting('lowConfidence', undefined);
    await setSetting('minConfidence', undefined);
    await waitFor(() => (a.decorations.rangesOf(uri)?.get('money')?.sure.length ?? 0) > 0, 'amounts to be shown again');
  });

  it('shows a money hover with the amount in full and in 万/亿', async () => {
    const editor = await readDoc(seedUri(SIMPLIFIED_SEED));
    const m = cliEntities(editor.document.uri.fsPath).find((e) => e.type === 'money' && typeof e.value === 'number' && e.value >= 1e8)!;
    assert.ok(m, 'the seed has an amount of 亿 or more');
    const text = await hoverAt(editor, m.start + 1);
    const full = BigInt(Math.round(m.value as number)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    assert.match(text, /Money|金额|金額/);
    assert.ok(text.includes(full), `${text} has ${full}`);
    assert.match(text, /亿/);
  });

  it('shows a date hover with the normalised date', async () => {
    const editor = await readDoc(seedUri(SIMPLIFIED_SEED));
    const d = cliEntities(editor.document.uri.fsPath).find((e) => e.type === 'date' && typeof e.value === 'string' && /^\d{4}-\d\d/.test(e.value))!;
    assert.ok(d);
    const text = await hoverAt(editor, d.start);
    assert.ok(text.includes(String(d.value)), text);
  });

  it('reads Markdown too, and resolves a relative date only against the text’s own date', async () => {
    const a = await api();
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# 通知\n\n今年7月1日起，示范园区总投资3亿元。\n' });
    const editor = await vscode.window.showTextDocument(doc);
    await a.cache.whenIdle(doc.uri);
    const text = doc.getText();
    await waitFor(() => highlighted(a, editor, 'money').length === 1, 'the amount highlighted in Markdown');
    assert.deepEqual(highlighted(a, editor, 'money')[0], [text.indexOf('3亿元'), text.indexOf('3亿元') + '3亿元'.length]);
    assert.match(await hoverAt(editor, text.indexOf('今年')), /Unresolved|无法推算|無法推算/);

    const dated = await vscode.workspace.openTextDocument({ language: 'markdown', content: '2018年3月5日发布\n\n今年7月1日起施行。\n' });
    const e2 = await vscode.window.showTextDocument(dated);
    await a.cache.whenIdle(dated.uri);
    const hover = await hoverAt(e2, dated.getText().indexOf('今年'));
    assert.ok(hover.includes('2018-07-01'), hover);
    assert.ok(hover.includes('2018-03-05'), 'names the date it resolved against');
    for (const d of [doc, dated]) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('shows a project hover with its mentions, figures and dates', async () => {
    const a = await api();
    const editor = await readDoc(seedUri(SIMPLIFIED_SEED));
    const projects = a.cache.get(editor.document.uri)!.projects;
    const p = projects.find((x) => x.figures.length > 0) ?? projects[0];
    assert.ok(p, 'the seed has a project');
    const text = await hoverAt(editor, p.mentions[0].start);
    assert.ok(text.includes(p.name), text);
    assert.ok(text.includes(`command:policyLens.revealRange`), 'mentions are links');
    if (p.figures.length) assert.ok(text.includes(p.figures[0].entity.text), text);
  });

  it('lists the projects of the open file in the Projects view, and reveals a mention on click', async () => {
    const a = await api();
    const editor = await readDoc(seedUri(SIMPLIFIED_SEED));
    await vscode.commands.executeCommand('policyLens.projects.focus');
    await waitFor(() => a.tree.getChildren().length > 0, 'the tree to list the file');
    const [file] = a.tree.getChildren();
    assert.equal(file.kind, 'file');
    assert.equal(file.uri.toString(), editor.document.uri.toString());
    const projects = a.tree.getChildren(file).filter((n): n is Extract<Node, { kind: 'project' }> => n.kind === 'project');
    const names = [...new Set(cliEntities(editor.document.uri.fsPath).filter((e) => e.type === 'project').map((e) => e.name))];
    assert.deepEqual(projects.map((n) => label(a.tree.getTreeItem(n))).sort(), names.sort());

    // Clicking a project selects its first mention in another editor state.
    await vscode.commands.executeCommand('cursorTop');
    const target = projects[projects.length - 1];
    const item = a.tree.getTreeItem(target);
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), editor.document.uri.toString());
    const m = target.project.mentions[0];
    assert.equal(active.document.offsetAt(active.selection.start), m.start);
    assert.equal(active.document.offsetAt(active.selection.end), m.end);
    assert.equal(active.document.getText(active.selection), m.text);

    // A figure's children: its item reveals the amount.
    const withFigure = projects.find((n) => n.project.figures.length > 0);
    if (withFigure) {
      const fig = a.tree.getChildren(withFigure).find((n) => n.kind === 'figure')!;
      const fi = a.tree.getTreeItem(fig);
      await vscode.commands.executeCommand(fi.command!.command, ...(fi.command!.arguments ?? []));
      assert.equal(vscode.window.activeTextEditor!.document.getText(vscode.window.activeTextEditor!.selection), (fig as Extract<Node, { kind: 'figure' }>).figure.entity.text);
    }
  });

  it('switches a type off in the settings, and all highlighting of a file with the toggle command', async () => {
    const a = await api();
    const editor = await readDoc(seedUri(SIMPLIFIED_SEED));
    const dates = highlighted(a, editor, 'date');
    assert.ok(highlighted(a, editor, 'money').length > 0);
    await setSetting('highlight.money', false);
    await waitFor(() => highlighted(a, editor, 'money').length === 0, 'money highlights to go');
    assert.deepEqual(highlighted(a, editor, 'date'), dates, 'dates stay');
    await setSetting('highlight.money', undefined);
    await waitFor(() => highlighted(a, editor, 'money').length > 0, 'money highlights to come back');

    assert.equal(await vscode.commands.executeCommand('policyLens.toggleHighlight'), false);
    for (const t of ['project', 'money', 'date'] as const) assert.deepEqual(highlighted(a, editor, t), [], t);
    assert.match(a.statusBar.item.text, /eye-closed/);
    assert.equal(await vscode.commands.executeCommand('policyLens.toggleHighlight'), true);
    assert.deepEqual(highlighted(a, editor, 'date'), dates);
  });

  it('follows an edit: new highlights, and the tree updated', async () => {
    const a = await api();
    const uri = seedUri(SIMPLIFIED_SEED);
    const editor = await readDoc(uri);
    const before = cliEntities(uri.fsPath);
    const project = before.find((e) => e.type === 'project')!;
    const beforeMentions = a.cache.get(uri)!.projects.find((p) => p.name === project.name)!.mentions.length;
    // A new first line that names a known project and gives an amount.
    const line = `${project.text}总投资12.5亿元。\n`;
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), line));
    await settled(a, uri);
    const money = highlighted(a, editor, 'money');
    assert.deepEqual(money[0], [project.text.length + 3, project.text.length + 3 + '12.5亿元'.length]);
    // Everything after the edit moved by the inserted length.
    assert.deepEqual(money.slice(1), before.filter((e) => e.type === 'money').map((e) => [e.start + line.length, e.end + line.length]));
    await waitFor(() => (a.cache.get(uri)?.projects.find((p) => p.name === project.name)?.mentions.length ?? 0) === beforeMentions + 1, 'the tree to count the new mention');
    await vscode.commands.executeCommand('undo');
    await settled(a, uri);
    assert.deepEqual(highlighted(a, editor, 'money'), before.filter((e) => e.type === 'money').map((e) => [e.start, e.end]));
  });

  it('lists a traditional and a simplified file side by side', async () => {
    const a = await api();
    await readDoc(seedUri(TRADITIONAL_SEED));
    const doc = await vscode.workspace.openTextDocument(seedUri(SIMPLIFIED_SEED));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
    await a.cache.whenIdle(doc.uri);
    await waitFor(() => a.tree.getChildren().length === 2, 'two files in the tree');
    const files = a.tree.getChildren();
    assert.equal(files[0].uri.toString(), doc.uri.toString(), 'the active file first');
    const names = files.map((f) => a.tree.getChildren(f).filter((n) => n.kind === 'project').map((n) => label(a.tree.getTreeItem(n))));
    assert.ok(names[0].length > 0 && names[1].length > 0, JSON.stringify(names));
    assert.ok(names[1].some((n) => /[項業產園數]/.test(n)), `traditional names: ${names[1].join(' ')}`);
  });

  it('lists no file (so the view shows its welcome text) while no Chinese text is open', async () => {
    const a = await api();
    await closeAllEditors();
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Plain English notes, nothing in Chinese.\n' });
    await vscode.window.showTextDocument(doc);
    await a.cache.whenIdle(doc.uri);
    assert.equal(a.cache.get(doc.uri)?.chinese, false);
    assert.deepEqual(a.tree.getChildren(), []);
    await waitFor(() => !a.statusBar.shown, 'the status-bar item to hide for a text without Chinese');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('copies the projects as a table and exports them as CSV', async () => {
    await readDoc(seedUri(SIMPLIFIED_SEED));
    const rows = await vscode.commands.executeCommand<number>('policyLens.projects.copyTable');
    assert.ok(rows > 0);
    const tsv = await vscode.env.clipboard.readText();
    const lines = tsv.trimEnd().split('\n');
    assert.equal(lines.length, rows + 1);
    assert.ok(lines.every((l) => l.split('\t').length === 8), 'eight tab-separated columns');
    const target = vscode.Uri.file(path.join(os.tmpdir(), `policy-lens-${process.pid}.csv`));
    const written = await vscode.commands.executeCommand<string>('policyLens.projects.exportCsv', { target: target.toString() });
    assert.equal(written, target.toString());
    const csv = fs.readFileSync(target.fsPath, 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'a BOM for spreadsheets');
    assert.equal(csv.trimEnd().split('\r\n').length, rows + 1);
    fs.rmSync(target.fsPath);
  });

  it('shows the counts in the status bar', async () => {
    const a = await api();
    const editor = await readDoc(seedUri(SIMPLIFIED_SEED));
    const e = cliEntities(editor.document.uri.fsPath);
    const money = e.filter((x) => x.type === 'money').length;
    const dates = e.filter((x) => x.type === 'date').length;
    const projects = new Set(e.filter((x) => x.type === 'project').map((x) => x.name)).size;
    await waitFor(() => a.statusBar.item.text.includes(`$(symbol-number) ${money}`), 'the status bar');
    assert.equal(a.statusBar.item.text, `$(symbol-class) ${projects}  $(symbol-number) ${money}  $(calendar) ${dates}`);
    assert.equal((a.statusBar.item.command as vscode.Command).command, 'policyLens.projects.focus');
  });

  it('does not read a file over the size limit until asked, then reads it with a cancellable progress', async () => {
    const a = await api();
    await setSetting('maxFileSize', 0.001); // about 1 KB
    const uri = seedUri(SIMPLIFIED_SEED);
    const editor = await readDoc(uri);
    await waitFor(() => a.cache.get(uri)?.state === 'too-large', 'the size limit to apply');
    // The editor shows nothing of what an earlier reading found.
    await waitFor(() => ['project', 'money', 'date'].every((t) => highlighted(a, editor, t as CliEntity['type']).length === 0), 'no highlights');
    await waitFor(() => a.statusBar.item.text.includes('$(warning)'), 'the status bar warning');
    assert.equal((a.statusBar.item.command as vscode.Command).command, 'policyLens.processAnyway');

    assert.equal(await vscode.commands.executeCommand('policyLens.processAnyway', uri), 'ready');
    const expected = cliEntities(uri.fsPath).filter((e) => e.type === 'money').map((e) => [e.start, e.end]);
    assert.deepEqual(highlighted(a, editor, 'money'), expected);

    // A long file (many parts), cancelled after the first progress report.
    const big = path.join(workspaceRoot().fsPath, 'big.txt');
    const seedTexts = seedUris().map((u) => fs.readFileSync(u.fsPath, 'utf8'));
    let text = '';
    for (let i = 0; text.length < 200_000; i++) text += seedTexts[i % seedTexts.length] + '\n';
    fs.writeFileSync(big, text);
    const bigUri = vscode.Uri.file(big);
    await readDoc(bigUri);
    assert.equal(a.cache.get(bigUri)?.state, 'too-large');
    assert.equal(await vscode.commands.executeCommand('policyLens.processAnyway', bigUri, { cancelAfterProgress: 1 }), 'cancelled');
    assert.equal(a.cache.get(bigUri)?.entities.length, 0);
    await setSetting('maxFileSize', undefined);
    await closeAllEditors();
    fs.rmSync(big);
  });
});
