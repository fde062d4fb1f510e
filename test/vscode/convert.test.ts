/// <reference path="../../src/types/modules.d.ts" />
// The conversion commands in a real VS Code: every target, one undo step, multi-cursor
// selections, settings, the already-in-target prompt, large documents, the preview,
// and bad input. Prompts are answered through the commands' internal test argument
// (ConvertTestHooks); everything else goes through the real editor.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { convert, TARGETS, type Target } from '../../src/core/convert';
import type { ConvertResult, ConvertTestHooks } from '../../src/extension/commands/convert';
import { extension, seedUri, waitFor } from './helpers';

const COMMAND: Record<Target, string> = {
  simplified: 'policyLens.convert.simplified',
  'simplified-phrases': 'policyLens.convert.simplifiedPhrases',
  traditional: 'policyLens.convert.traditional',
  taiwan: 'policyLens.convert.taiwan',
  'taiwan-phrases': 'policyLens.convert.taiwanPhrases',
  hongkong: 'policyLens.convert.hongkong',
};

const TRADITIONAL = '軟體產業和資訊發展\n第二行：頭髮與計畫\n最後一行 ASCII only';
const SIMPLIFIED = '软件产业和信息发展\n第二行：头发与计划\n最后一行 ASCII only';

function run(command: string, hooks?: ConvertTestHooks): Thenable<ConvertResult> {
  return vscode.commands.executeCommand<ConvertResult>(command, hooks);
}

async function untitled(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
  return vscode.window.showTextDocument(doc);
}

async function undo(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
  await vscode.commands.executeCommand('undo');
}

/** Closes every editor without saving (untitled documents here are all scratch). */
async function closeWithoutSaving(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => {
      const input = t.input;
      const uris =
        input instanceof vscode.TabInputTextDiff ? [input.original, input.modified] : input instanceof vscode.TabInputText ? [input.uri] : [];
      return uris.some((u) => u.scheme === 'policy-lens-preview');
    });
}

/** Sets settings globally for one test and restores them afterwards. */
async function withSettings(values: Record<string, unknown>, body: () => Promise<void>): Promise<void> {
  const cfg = () => vscode.workspace.getConfiguration('policyLens.conversion');
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, cfg().inspect(k)?.globalValue]));
  try {
    for (const [k, v] of Object.entries(values)) await cfg().update(k, v, vscode.ConfigurationTarget.Global);
    await body();
  } finally {
    for (const [k, v] of Object.entries(before)) await cfg().update(k, v, vscode.ConfigurationTarget.Global);
  }
}

/** A read-only file system (`isReadonly: true`), so isWritableFileSystem(scheme) is false. */
class ReadOnlyFs implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  constructor(private readonly files: Map<string, Uint8Array>) {}
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: f.byteLength };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f;
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

describe('convert: traditional ↔ simplified commands', function () {
  this.timeout(60_000);

  before(async () => {
    await extension().activate();
  });
  afterEach(closeWithoutSaving);

  it('contributes every conversion command', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of [...Object.values(COMMAND), 'policyLens.convert.default', 'policyLens.convert.preview']) {
      assert.ok(all.includes(id), id);
    }
    // The editor context menu: Policy Lens → Convert Chinese Script → every command; one keybinding.
    const contributes = extension().packageJSON.contributes;
    assert.ok(contributes.menus['editor/context'].some((m: { submenu?: string }) => m.submenu === 'policyLens.editorContext'));
    const inSubmenu = contributes.menus['policyLens.convertSubmenu'].map((m: { command: string }) => m.command).sort();
    assert.deepEqual(inSubmenu, [...Object.values(COMMAND), 'policyLens.convert.default', 'policyLens.convert.preview'].sort());
    assert.deepEqual(
      contributes.keybindings.map((k: { command: string; key: string }) => [k.command, k.key]),
      [['policyLens.convert.default', 'ctrl+alt+shift+t']],
    );
  });

  for (const target of TARGETS) {
    it(`converts the whole document to ${target} in one undo step`, async () => {
      const source = target.startsWith('simplified') ? TRADITIONAL : SIMPLIFIED;
      const editor = await untitled(source);
      const result = await run(COMMAND[target]);
      assert.equal(result, 'converted');
      assert.equal(editor.document.getText(), convert(source, target));
      assert.notEqual(editor.document.getText(), source);
      await undo(editor);
      assert.equal(editor.document.getText(), source, 'one undo restores the original exactly');
    });
  }

  it('converts a traditional seed to simplified and one undo restores the file’s text', async () => {
    const uri = seedUri('004_eb79909535b2c4d2.txt');
    const disk = fs.readFileSync(uri.fsPath, 'utf8');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.equal(await run(COMMAND.simplified), 'converted');
    assert.equal(editor.document.getText(), convert(disk, 'simplified'));
    await undo(editor);
    assert.equal(editor.document.getText(), disk);
  });

  it('converts only the selections (multi-cursor) and selects the converted text', async () => {
    const editor = await untitled(TRADITIONAL);
    const doc = editor.document;
    // 軟體產業 on line 0 and 頭髮與計畫 on line 1; the rest stays traditional.
    const a = new vscode.Selection(0, 0, 0, 4);
    const b = new vscode.Selection(1, 9, 1, 4); // reversed
    editor.selections = [a, b];
    const textA = doc.getText(a);
    const textB = doc.getText(b);
    assert.equal(await run(COMMAND['simplified-phrases']), 'converted');
    const lines = doc.getText().split('\n');
    const original = TRADITIONAL.split('\n');
    assert.equal(lines[0], convert(textA, 'simplified-phrases') + original[0].slice(4));
    assert.equal(lines[1], original[1].slice(0, 4) + convert(textB, 'simplified-phrases'));
    assert.equal(lines[2], original[2]);
    const [sa, sb] = editor.selections;
    assert.equal(doc.getText(sa), convert(textA, 'simplified-phrases'));
    assert.equal(doc.getText(sb), convert(textB, 'simplified-phrases'));
    assert.equal(sb.isReversed, true, 'a reversed selection stays reversed');
    await undo(editor);
    assert.equal(doc.getText(), TRADITIONAL);
  });

  it('keeps selections on the converted text when its length changes', async () => {
    const editor = await untitled('前文軟體後文 另一個軟體');
    await withSettings({ customPhrases: { 軟體: '计算机软件' } }, async () => {
      editor.selections = [new vscode.Selection(0, 2, 0, 4), new vscode.Selection(0, 10, 0, 12)];
      assert.equal(await run(COMMAND.simplified, { convertAnyway: true }), 'converted');
      assert.equal(editor.document.getText(), '前文计算机软件後文 另一個计算机软件');
      assert.deepEqual(
        editor.selections.map((s) => editor.document.getText(s)),
        ['计算机软件', '计算机软件'],
      );
    });
  });

  it('leaves cursors where they were in a whole-document conversion', async () => {
    const editor = await untitled(TRADITIONAL);
    editor.selections = [new vscode.Selection(1, 5, 1, 5), new vscode.Selection(2, 3, 2, 3)];
    assert.equal(await run(COMMAND.simplified), 'converted');
    assert.deepEqual(
      editor.selections.map((s) => [s.active.line, s.active.character, s.isEmpty]),
      [
        [1, 5, true],
        [2, 3, true],
      ],
    );
  });

  it('honours protect and customPhrases', async () => {
    const source = '乾河分洪計畫發展';
    assert.notEqual(convert(source, 'simplified'), '乾河分洪方案发展');
    await withSettings({ protect: ['乾河分洪'], customPhrases: { 計畫: '方案' } }, async () => {
      const editor = await untitled(source);
      assert.equal(await run(COMMAND.simplified), 'converted');
      assert.equal(editor.document.getText(), '乾河分洪方案发展');
    });
  });

  it('converts to the default target setting', async () => {
    await withSettings({ defaultTarget: 'hongkong' }, async () => {
      const editor = await untitled(SIMPLIFIED);
      assert.equal(await run('policyLens.convert.default'), 'converted');
      assert.equal(editor.document.getText(), convert(SIMPLIFIED, 'hongkong'));
    });
  });

  it('asks before converting text already in the target, and changes nothing on no', async () => {
    const source = '这是简体文本，只有一个繁體字';
    const editor = await untitled(source);
    const version = editor.document.version;
    assert.equal(await run(COMMAND.simplified, { convertAnyway: false }), 'declined');
    assert.equal(editor.document.getText(), source);
    assert.equal(editor.document.version, version);
    assert.equal(await run(COMMAND.simplified, { convertAnyway: true }), 'converted');
    assert.equal(editor.document.getText(), '这是简体文本，只有一个繁体字');
  });

  it('does not ask about short text that only has no evidence of its script', async () => {
    // A prompt would be answered no (convertAnyway: false) and the result would be 'declined'.
    const editor = await untitled('前言：发展项目\n另一行：軟體');
    editor.selections = [new vscode.Selection(0, 3, 0, 7)];
    assert.equal(await run(COMMAND.traditional, { convertAnyway: false }), 'converted');
    assert.equal(editor.document.getText(), '前言：發展項目\n另一行：軟體');
    editor.selections = [new vscode.Selection(1, 4, 1, 6)];
    assert.equal(await run(COMMAND.simplified, { convertAnyway: false }), 'converted');
    assert.equal(editor.document.getText(), '前言：發展項目\n另一行：软体');
    const empty = await untitled('');
    assert.equal(await run(COMMAND.simplified, { convertAnyway: false }), 'unchanged');
    assert.equal(empty.document.getText(), '');
  });

  it('keeps project names already written in simplified when converting to simplified', async () => {
    const editor = await untitled('今年實施乾河分洪工程項目。\n建设智慧港口项目，突破核心技术。');
    assert.equal(await run(COMMAND['simplified-phrases'], { convertAnyway: true }), 'converted');
    assert.equal(editor.document.getText(), '今年实施乾河分洪工程项目。\n建设智慧港口项目，突破核心技术。');
  });

  it('changes nothing when the conversion would change nothing', async () => {
    const editor = await untitled('plain ASCII, nothing Chinese');
    const version = editor.document.version;
    assert.equal(await run(COMMAND.traditional, { convertAnyway: true }), 'unchanged');
    assert.equal(editor.document.version, version);
  });

  it('converts a large document with progress, and a cancelled one not at all', async () => {
    const big = (TRADITIONAL + '\n').repeat(8000); // ~300 000 characters, several chunks
    await withSettings({ largeDocumentThreshold: 1000 }, async () => {
      const editor = await untitled(big);
      const version = editor.document.version;
      assert.equal(await run(COMMAND.simplified, { cancelAfterProgress: 1 }), 'cancelled');
      assert.equal(editor.document.getText(), big);
      assert.equal(editor.document.version, version, 'no edit at all');
      assert.equal(await run(COMMAND.simplified), 'converted');
      assert.equal(editor.document.getText(), convert(big, 'simplified'));
      await undo(editor);
      assert.equal(editor.document.getText(), big);
    });
  });

  it('previews in a diff and applies only on Apply, then closes the preview', async () => {
    const editor = await untitled(SIMPLIFIED);
    const version = editor.document.version;
    assert.equal(await run('policyLens.convert.preview', { target: 'taiwan-phrases', apply: false }), 'declined');
    assert.equal(editor.document.getText(), SIMPLIFIED);
    assert.equal(editor.document.version, version);
    assert.equal(previewTabs().length, 0, 'the preview is closed after Discard');

    assert.equal(await run('policyLens.convert.preview', { target: 'taiwan-phrases', apply: true }), 'converted');
    assert.equal(editor.document.getText(), convert(SIMPLIFIED, 'taiwan-phrases'));
    assert.equal(previewTabs().length, 0, 'the preview is closed after Apply');
    const active = vscode.window.activeTextEditor;
    assert.ok(active && active.document === editor.document, 'the converted document is active again');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SIMPLIFIED);
  });

  it('shows the preview as a read-only policy-lens-preview document', async () => {
    const editor = await untitled(SIMPLIFIED);
    // Run without an answer, look at the diff, then close it: closing counts as Discard.
    const pending = run('policyLens.convert.preview', { target: 'traditional' });
    await waitFor(() => previewTabs().length === 1, 'the preview diff');
    const input = previewTabs()[0].input as vscode.TabInputTextDiff;
    assert.equal(input.original.toString(), editor.document.uri.toString());
    const preview = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(preview.getText(), convert(SIMPLIFIED, 'traditional'));
    await vscode.window.tabGroups.close(previewTabs());
    assert.equal(await pending, 'declined');
    assert.equal(editor.document.getText(), SIMPLIFIED);
  });

  it('refuses a read-only document and changes nothing', async () => {
    const files = new Map([['/ro.txt', new TextEncoder().encode(TRADITIONAL)]]);
    const reg = vscode.workspace.registerFileSystemProvider('policy-lens-test-ro', new ReadOnlyFs(files), { isReadonly: true });
    try {
      // The registration reaches the workbench and comes back asynchronously.
      await waitFor(() => vscode.workspace.fs.isWritableFileSystem('policy-lens-test-ro') === false, 'the read-only file system');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'policy-lens-test-ro', path: '/ro.txt' }));
      await vscode.window.showTextDocument(doc);
      const version = doc.version;
      assert.equal(await run(COMMAND.simplified), 'read-only');
      assert.equal(await run('policyLens.convert.preview', { target: 'simplified', apply: true }), 'read-only');
      assert.equal(doc.getText(), TRADITIONAL);
      assert.equal(doc.version, version);
    } finally {
      await closeWithoutSaving();
      reg.dispose();
    }
  });

  it('says so when no text editor is active', async () => {
    await closeWithoutSaving();
    await waitFor(() => vscode.window.activeTextEditor === undefined, 'no active editor');
    assert.equal(await run(COMMAND.simplified), 'no-editor');
    assert.equal(await run('policyLens.convert.default'), 'no-editor');
  });
});
