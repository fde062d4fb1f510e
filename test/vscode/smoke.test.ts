// The harness itself, and what the extension does just by being installed: it is
// found, activates on a plaintext document, and VS Code reads the seeds
// exactly as they are on disk (the offsets the core reports are offsets in that text).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, extension, seedUri, seedUris, waitFor, workspaceRoot } from './helpers';

const SEED = '004_eb79909535b2c4d2.txt';

describe('smoke: Policy Lens in a real VS Code', () => {
  after(closeAllEditors);

  it('runs in VS Code 1.100 with the throwaway workspace of seeds', () => {
    assert.match(vscode.version, /^1\.100\./);
    assert.ok(seedUris().length >= 5, 'the workspace has the seeds');
    assert.ok(fs.existsSync(path.join(workspaceRoot().fsPath, 'seeds', SEED)));
  });

  it(`has ${EXTENSION_ID} installed from the development folder`, () => {
    const ext = extension();
    // This bundle is in a scratch folder under the repo's .vscode-test/.
    assert.ok(__dirname.startsWith(path.join(ext.extensionUri.fsPath, '.vscode-test') + path.sep), __dirname);
    const onDisk = JSON.parse(fs.readFileSync(path.join(ext.extensionUri.fsPath, 'package.json'), 'utf8'));
    assert.equal(`${onDisk.publisher}.${onDisk.name}`, EXTENSION_ID);
    assert.equal(ext.packageJSON.version, onDisk.version);
    assert.ok(fs.existsSync(path.join(ext.extensionUri.fsPath, onDisk.main)), `${onDisk.main} is built`);
    assert.ok((ext.packageJSON.activationEvents as string[]).includes('onLanguage:plaintext'));
  });

  // Whether it is still inactive before this test is not asserted: the workbench
  // itself creates plaintext models at startup (seen here to activate it at times).
  it('activates when a plaintext seed is opened', async () => {
    const doc = await vscode.workspace.openTextDocument(seedUri(SEED));
    assert.equal(doc.languageId, 'plaintext');
    await waitFor(() => extension().isActive, `${EXTENSION_ID} to activate`);
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(editor.document.uri.toString(), seedUri(SEED).toString());
  });

  it('reads every seed exactly as the file on disk', async () => {
    for (const uri of seedUris()) {
      const doc = await vscode.workspace.openTextDocument(uri);
      const disk = fs.readFileSync(uri.fsPath, 'utf8');
      assert.equal(doc.getText(), disk, path.basename(uri.fsPath));
      // UTF-16 offsets: VS Code's offsetAt agrees with JavaScript string indices.
      assert.equal(doc.offsetAt(doc.positionAt(disk.length)), disk.length);
      assert.equal(doc.isDirty, false);
    }
  });

  it('reads traditional Chinese with ruby artifacts unchanged', async () => {
    const doc = await vscode.workspace.openTextDocument(seedUri(SEED));
    const text = doc.getText();
    const i = text.indexOf('項(xiàng)目');
    assert.ok(i >= 0, 'the seed has a ruby artifact');
    assert.equal(doc.getText(new vscode.Range(doc.positionAt(i), doc.positionAt(i + 9))), '項(xiàng)目');
  });
});
