// No network from the extension in the web worker: while the extension reads seeds
// (loading jieba's .wasm and OpenCC's dictionaries on first use), hovers, cleans and
// converts, every way a worker has to reach the network is wrapped to record its calls,
// and nothing may be called. (run-web-tests.mjs also records every request of the
// browser and fails when one goes anywhere but code-server.)
import * as vscode from 'vscode';
import * as assert from './assert';
import { api, closeWithoutSaving, expected, hoverAt, read, SIMPLIFIED_SEED, TRADITIONAL_SEED } from './helpers';

type Recorded = { api: string; target: string; stack: string };

/** Wraps fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon and importScripts. */
function recordNetwork(): { calls: Recorded[]; restore(): void } {
  const calls: Recorded[] = [];
  const g = globalThis as Record<string, unknown>;
  const restores: Array<() => void> = [];
  const note = (api: string, target: unknown) => calls.push({ api, target: String(target instanceof Request ? target.url : target), stack: new Error().stack ?? '' });
  const wrapFunction = (owner: Record<string, unknown>, key: string, name: string) => {
    const orig = owner[key];
    if (typeof orig !== 'function') return;
    owner[key] = function (this: unknown, ...args: unknown[]) {
      note(name, args[0]);
      return (orig as (...a: unknown[]) => unknown).apply(this, args);
    };
    restores.push(() => (owner[key] = orig));
  };
  const wrapClass = (key: string) => {
    const orig = g[key] as (new (...a: unknown[]) => object) | undefined;
    if (typeof orig !== 'function') return;
    g[key] = new Proxy(orig, {
      construct(target, args, newTarget) {
        note(key, args[0]);
        return Reflect.construct(target, args, newTarget);
      },
    });
    restores.push(() => (g[key] = orig));
  };
  wrapFunction(g, 'fetch', 'fetch');
  wrapFunction(g, 'importScripts', 'importScripts');
  if (typeof XMLHttpRequest === 'function') wrapFunction(XMLHttpRequest.prototype as unknown as Record<string, unknown>, 'open', 'XMLHttpRequest.open');
  if (typeof navigator !== 'undefined') wrapFunction(navigator as unknown as Record<string, unknown>, 'sendBeacon', 'navigator.sendBeacon');
  wrapClass('WebSocket');
  wrapClass('EventSource');
  wrapClass('WebTransport');
  return { calls, restore: () => restores.reverse().forEach((r) => r()) };
}

describe('web: no network from the extension', function () {
  this.timeout(120_000);
  afterEach(closeWithoutSaving);

  it('reads, hovers, cleans and converts without any fetch, XMLHttpRequest or socket', async () => {
    const rec = recordNetwork();
    try {
      const a = await api();
      for (const name of [TRADITIONAL_SEED, SIMPLIFIED_SEED]) {
        const editor = await read(name);
        assert.equal(a.cache.get(editor.document.uri)?.state, 'ready', name);
        const money = expected(name).find((e) => e.type === 'money')!;
        assert.ok((await hoverAt(editor, money.start)).length > 0, 'a money hover');
        const project = expected(name).find((e) => e.type === 'project')!;
        assert.ok((await hoverAt(editor, project.start)).length > 0, 'a project hover');
      }
      const editor = await read(TRADITIONAL_SEED);
      assert.equal(await vscode.commands.executeCommand('policyLens.cleanDocument', { apply: false }), 'declined');
      const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '軟體產業和資訊發展，總投資12億元。' });
      const scratch = await vscode.window.showTextDocument(doc);
      scratch.selections = [new vscode.Selection(0, 0, 0, 9)];
      for (const command of ['policyLens.convert.simplified', 'policyLens.convert.taiwanPhrases']) {
        assert.equal(await vscode.commands.executeCommand(command, { convertAnyway: true }), 'converted', command);
      }
      assert.ok(editor.document.getText().length > 0);
    } finally {
      rec.restore();
    }
    assert.deepEqual(
      rec.calls.map((c) => `${c.api} ${c.target}\n${c.stack}`),
      [],
      'network calls in the web worker',
    );
  });
});
