// No network access anywhere in the extension (Node extension host): every way Node
// has to reach the network is wrapped to record its calls, the extension does all it
// does (reads every seed, loading jieba's .wasm and OpenCC's dictionaries on first
// use; hovers; Clean Document; a conversion of a selection; the Projects table), and
// nothing may have been called.
//
// The recorder is installed when this file is loaded, before any suite's first test
// (mocha loads every suite file, then runs them), so what the other suites make the
// extension do is watched too, first loads included, whatever runs first.
//
// VS Code hands extensions their own copies of `http`, `https`, `net` and `tls` (its
// proxy support intercepts `require`), while `node:http` and the like are Node's own
// modules: both are wrapped. `net.Socket.prototype.connect`, which every TCP or IPC
// connection of the process goes through (http, https, tls, fetch's undici), is the
// catch-all.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../src/extension/activate';
import { closeAllEditors, extension, seedUri, seedUris } from './helpers';

interface Call {
  api: string;
  target: string;
  stack: string;
}

const calls: Call[] = [];
const restores: Array<() => void> = [];

/** Where a call was going, as far as its arguments say (never throws). */
function describeTarget(args: unknown[]): string {
  const one = (a: unknown): string => {
    if (typeof a === 'string') return a;
    if (a instanceof URL) return a.href;
    if (Array.isArray(a)) return a.length ? one(a[0]) : '';
    if (a && typeof a === 'object') {
      const o = a as Record<string, unknown>;
      if (typeof o.url === 'string') return o.url;
      const host = o.hostname ?? o.host ?? o.path;
      if (host !== undefined) return `${String(host)}${o.port !== undefined ? `:${String(o.port)}` : ''}`;
      return Object.prototype.toString.call(a);
    }
    return typeof a === 'function' ? 'ƒ' : String(a);
  };
  try {
    return one(args[0]);
  } catch {
    return '?';
  }
}

function wrap(owner: Record<string, unknown> | undefined, key: string, api: string): void {
  const orig = owner?.[key];
  if (!owner || typeof orig !== 'function' || (orig as { __policyLensRecorder?: boolean }).__policyLensRecorder) return;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    calls.push({ api, target: describeTarget(args), stack: new Error().stack ?? '' });
    return (orig as (...a: unknown[]) => unknown).apply(this, args);
  };
  Object.defineProperty(wrapped, '__policyLensRecorder', { value: true });
  const desc = Object.getOwnPropertyDescriptor(owner, key);
  try {
    Object.defineProperty(owner, key, { ...(desc ?? { enumerable: true }), configurable: true, writable: true, value: wrapped });
    restores.push(() => Object.defineProperty(owner, key, desc ?? { configurable: true, writable: true, value: orig }));
  } catch {
    // A frozen export: the catch-all below still sees its connections.
  }
}

function wrapClass(key: string): void {
  const g = globalThis as Record<string, unknown>;
  const orig = g[key] as (new (...a: unknown[]) => object) | undefined;
  if (typeof orig !== 'function') return;
  g[key] = new Proxy(orig, {
    construct(target, args, newTarget) {
      calls.push({ api: key, target: describeTarget(args), stack: new Error().stack ?? '' });
      return Reflect.construct(target, args, newTarget);
    },
  });
  restores.push(() => (g[key] = orig));
}

/**
 * The modules as an extension gets them (VS Code's copies) and as Node has them
 * (`node:` ids skip VS Code's interception). Literal ids, so that esbuild leaves each
 * `require` as it is.
 */
const MODULES: Record<string, unknown[]> = {
  http: [require('http'), require('node:http')],
  https: [require('https'), require('node:https')],
  net: [require('net'), require('node:net')],
  tls: [require('tls'), require('node:tls')],
  http2: [require('http2'), require('node:http2')],
  dgram: [require('dgram'), require('node:dgram')],
  dns: [require('dns'), require('node:dns')],
};

function modules(name: string): Record<string, unknown>[] {
  return [...new Set(MODULES[name])] as Record<string, unknown>[];
}

function installRecorder(): void {
  const fns: Record<string, string[]> = {
    http: ['request', 'get'],
    https: ['request', 'get'],
    net: ['connect', 'createConnection'],
    tls: ['connect'],
    http2: ['connect'],
    dgram: ['createSocket'],
    dns: ['lookup', 'resolve', 'resolve4', 'resolve6'],
  };
  for (const [name, keys] of Object.entries(fns)) {
    for (const m of modules(name)) for (const k of keys) wrap(m, k, `${name}.${k}`);
  }
  for (const m of modules('dns')) wrap(m.promises as Record<string, unknown>, 'lookup', 'dns.promises.lookup');
  const net = require('node:net') as typeof import('node:net');
  wrap(net.Socket.prototype as unknown as Record<string, unknown>, 'connect', 'net.Socket#connect');
  wrap(globalThis as unknown as Record<string, unknown>, 'fetch', 'fetch');
  wrapClass('WebSocket');
  wrapClass('EventSource');
}

installRecorder();

function report(list: Call[]): string {
  return list.map((c) => `${c.api} ${c.target}\n${c.stack.split('\n').slice(2, 9).join('\n')}`).join('\n\n');
}

async function api(): Promise<PolicyLensApi> {
  const ext = extension();
  if (!ext.isActive) await ext.activate();
  return ext.exports as PolicyLensApi;
}

async function hoverText(uri: vscode.Uri, offset: number, doc: vscode.TextDocument): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, doc.positionAt(offset));
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('network: the extension never reaches the network', function () {
  this.timeout(120_000);
  after(async () => {
    for (const r of restores.reverse()) r();
    restores.length = 0;
    for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAllEditors();
  });

  it('the recorder sees a connection attempt (it is not blind)', async () => {
    const before = calls.length;
    const http = require('http') as typeof import('node:http');
    // A port of this machine nobody listens on: refused at once, nothing leaves the machine.
    await new Promise<void>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: 9, timeout: 2000 }, () => resolve());
      req.on('error', () => resolve());
      req.on('timeout', () => req.destroy());
    });
    const seen = calls.splice(before);
    assert.ok(seen.some((c) => c.api === 'http.get'), report(seen) || 'nothing recorded');
    assert.ok(seen.some((c) => c.api === 'net.Socket#connect'), 'the catch-all saw the socket');
  });

  it('reads every seed, hovers, cleans and converts without a single network call', async () => {
    const a = await api();
    for (const uri of seedUris()) {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await a.cache.whenIdle(uri);
      const entry = a.cache.get(uri);
      assert.equal(entry?.state, 'ready', uri.path);
      for (const type of ['money', 'date', 'project'] as const) {
        const e = entry!.entities.find((x) => x.type === type);
        if (e) assert.ok((await hoverText(uri, e.start, doc)).length > 0, `a ${type} hover in ${uri.path}`);
      }
    }
    await vscode.commands.executeCommand('policyLens.projects.focus');
    assert.ok(((await vscode.commands.executeCommand<number>('policyLens.projects.copyTable')) ?? 0) > 0, 'the Projects table was copied');

    const ruby = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(seedUri('004_eb79909535b2c4d2.txt')));
    assert.equal(await vscode.commands.executeCommand('policyLens.cleanDocument', { apply: false }), 'declined');
    assert.equal(ruby.document.isDirty, false);

    // Each direction's dictionaries load on first use: three directions, each on a selection.
    for (const [command, hooks, content, expected] of [
      ['policyLens.convert.simplified', { convertAnyway: true }, '軟體產業和資訊發展，總投資12億元。', 'converted'],
      ['policyLens.convert.taiwanPhrases', { convertAnyway: true }, '软件产业和信息发展，总投资12亿元。', 'converted'],
      ['policyLens.convert.preview', { target: 'hongkong', apply: false }, '软件产业和信息发展，总投资12亿元。', 'declined'],
    ] as const) {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content }));
      editor.selections = [new vscode.Selection(0, 0, 0, 9)];
      assert.equal(await vscode.commands.executeCommand(command, hooks), expected, command);
      await a.cache.whenIdle(editor.document.uri);
    }

    assert.equal(calls.length, 0, `network calls in the extension host since the suites loaded:\n${report(calls)}`);
  });
});
