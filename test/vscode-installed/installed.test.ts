/// <reference path="../../src/types/modules.d.ts" />
// Smoke test of the VSIX as a user gets it: installed with --install-extension into a
// fresh profile (run by `npm run test:vscode -- --installed FILE.vsix`), not loaded
// from the development folder. It finds its files, highlights a seed, hovers,
// lists projects, reports a cleaning finding and converts a text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../src/extension/activate';
import { EXTENSION_ID, closeAllEditors, extension, openEditor, seedUri, waitFor } from '../vscode/helpers';

describe('the installed VSIX', function () {
  this.timeout(60_000);
  after(closeAllEditors);

  it('is the installed copy, holding only what runs', () => {
    const ext = extension();
    const dir = ext.extensionUri.fsPath;
    assert.match(dir, new RegExp(`[/\\\\]extensions[/\\\\]${EXTENSION_ID.replace('.', '\\.')}-\\d+\\.\\d+\\.\\d+$`), dir);
    for (const f of ['package.json', 'dist/extension.js', 'dist/jieba.wasm', 'syntaxes/policy-lens.injection.tmLanguage.json', 'l10n/bundle.l10n.zh-cn.json', 'media/icon.png']) {
      assert.ok(fs.existsSync(path.join(dir, f)), `${f} is installed`);
    }
    for (const f of ['src', 'test', 'node_modules', 'scripts', 'seeds', 'tsconfig.json', 'dist/cli.js', 'dist/extension.js.map']) {
      assert.ok(!fs.existsSync(path.join(dir, f)), `${f} is not shipped`);
    }
    // The README's screenshots are inlined (VS Code's page of an installed extension
    // resolves a relative image against its webview, not this folder): they show offline.
    const readme = fs.readFileSync(path.join(dir, 'readme.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3, `${images.length} images`);
    for (const img of images) assert.match(img.slice(0, 30), /^data:image\/(webp|png);base64,/);
  });

  it('comes from a VSIX of at most 4 MB', () => {
    const vsix = process.env.POLICY_LENS_VSIX;
    assert.ok(vsix && fs.existsSync(vsix), `POLICY_LENS_VSIX names the package (${vsix})`);
    const size = fs.statSync(vsix).size;
    console.log(`      ${path.basename(vsix)}: ${(size / 1024 / 1024).toFixed(2)} MiB (${size} bytes)`);
    assert.ok(size <= 4 * 1024 * 1024, `${size} bytes`);
  });

  it('activates on a seed and highlights projects, money and dates', async () => {
    const editor = await openEditor(seedUri('000_dbe85c08eada0134.txt'));
    await waitFor(() => extension().isActive, 'activation');
    const api = extension().exports as PolicyLensApi;
    await api.cache.whenIdle(editor.document.uri);
    const ranges = api.decorations.rangesOf(editor.document.uri)!;
    for (const t of ['project', 'money', 'date'] as const) {
      const r = ranges.get(t)!;
      assert.ok(r.sure.length + r.doubtful.length > 0, `${t} highlighted`);
    }
    const money = api.cache.get(editor.document.uri)!.entities.find((e) => e.type === 'money')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(money.start));
    assert.ok(hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('亿'))));
    const files = api.tree.getChildren();
    assert.ok(api.tree.getChildren(files[0]).some((n) => n.kind === 'project'));
    await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.source === 'Policy Lens' && d.code === 'ruby'), 'a cleaning diagnostic');
  });

  it('converts a document to traditional Chinese', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '软件产业和信息发展' });
    await vscode.window.showTextDocument(doc);
    assert.equal(await vscode.commands.executeCommand('policyLens.convert.traditional', { convertAnyway: true }), 'converted');
    assert.equal(doc.getText(), '軟件產業和信息發展');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
