#!/usr/bin/env node
// npm run test:web [-- [--grep PATTERN] [--no-build] [--no-typecheck] [--verbose]]
//
// Needs `bash scripts/vscode/setup.sh` once per machine (Chromium, code-server).
// Runs test/vscode-web/*.test.ts against the browser build of the extension
// (dist/extension.js) in VS Code's *web worker* extension host, offline:
//   1. builds (node esbuild.js) and type-checks test/vscode-web (web worker types, no
//      Node.js types);
//   2. runs the command line (dist/cli.js extract --json) on the seeds the suites read,
//      for the entities they must find;
//   3. bundles test/vscode-web/index.ts and every suite into ONE CommonJS file for the
//      browser (the web worker host fetches a module and runs it with a `require` that
//      knows only `vscode`; mocha is its own browser build, bundled in);
//   4. starts code-server (scripts/vscode/lib.mjs) with the user setting
//      "remote.extensionKind": { "policy-lens.policy-lens": ["web"] }: the extension has
//      both `main` and `browser`, so in a remote window it would run in code-server's
//      Node extension host; kind `web` alone makes the workbench pick its web worker
//      extension host (VS Code 1.100's BrowserExtensionHostKindPicker). The tests run in
//      the host of the extension whose folder holds them (the bundle is under
//      .vscode-test/ of this repo), so in the same web worker;
//   5. opens the workbench in Debian's Chromium, records every request of the browser
//      (pages, frames, the workers' fetches) and every WebSocket, relays the test output,
//      and fails the run when any request went anywhere but the code-server origin
//      (http://127.0.0.1:PORT), or when the worker's own requests were not seen at all
//      (the recording would be blind).
// Prints `N passed, N failed` and exits with 1 on any failure (0 when all passed).
// Environment: VSCODE_TEST_TIMEOUT_MS (whole run, default 10 min),
// POLICY_LENS_TEST_TIMEOUT_MS (one test, default 30 s), KEEP_VSCODE_TEST_TMP=1.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import {
  ROOT,
  checkPrerequisites,
  launchBrowser,
  makeScratch,
  populateWorkspace,
  removeScratch,
  run,
  startCodeServer,
  workbenchUrl,
} from './lib.mjs';

const RESULT_MARKER = '@@policy-lens-vscode-test@@'; // as in test/vscode-web/index.ts
const OUTPUT_MARKER = '@@policy-lens-vscode-out@@';
const EXTENSION_ID = 'policy-lens.policy-lens';
/** The seeds whose entities the suites compare with the command line's. */
const SEEDS = ['000_dbe85c08eada0134.txt', '004_eb79909535b2c4d2.txt'];
const OVERALL_TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS) || 10 * 60_000;
const LOGS = join(ROOT, '.vscode-test/logs-web');
const SUITES = join(ROOT, 'test/vscode-web');

const argv = process.argv.slice(2);
const opts = { grep: undefined, build: true, typecheck: true, verbose: false };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--grep' || a === '-g') opts.grep = argv[++i];
  else if (a === '--no-build') opts.build = false;
  else if (a === '--no-typecheck') opts.typecheck = false;
  else if (a === '--verbose' || a === '-v') opts.verbose = true;
  else if (a === '--help' || a === '-h') {
    console.log('usage: npm run test:web -- [--grep PATTERN] [--no-build] [--no-typecheck] [--verbose]');
    process.exit(0);
  } else {
    console.error(`unknown argument ${a}`);
    process.exit(2);
  }
}

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[test:web ${elapsed()}] ${msg}`);

/** What the command line finds in the seeds the suites read: { name: entities }. */
function expectedEntities() {
  const files = SEEDS.map((s) => join(ROOT, 'seeds', s));
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'extract', '--json', ...files], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`dist/cli.js extract failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  return Object.fromEntries((Array.isArray(out) ? out : [out]).map((f) => [f.file.split('/').pop(), f.entities]));
}

/**
 * One CommonJS bundle for the web worker: an entry (generated in `out`) that sets the
 * configuration, then exports run(), which loads the suites once mocha's globals exist.
 */
async function bundleTests(out, config) {
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild');
  const suites = readdirSync(SUITES)
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  if (suites.length === 0) throw new Error('no test/vscode-web/*.test.ts');
  mkdirSync(out, { recursive: true });
  const entry = join(out, 'entry.js');
  const abs = (f) => JSON.stringify(join(SUITES, f));
  writeFileSync(
    entry,
    [
      `globalThis.__policyLensWebTest = ${JSON.stringify(config)};`,
      `const index = require(${abs('index.ts')});`,
      `exports.run = () => index.run(() => {`,
      ...suites.map((s) => `  require(${abs(s)});`),
      `});`,
      '',
    ].join('\n'),
  );
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: join(out, 'index.js'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    charset: 'utf8',
    external: ['vscode'],
    sourcemap: 'linked', // read back by mapStack() for the stack traces in the output
    metafile: true,
    logLevel: 'warning',
  });
  // No Node.js in the suites either: a built-in would not resolve for the browser, but
  // say which input pulled in what.
  const inputs = Object.keys(result.metafile.inputs);
  if (!inputs.some((i) => i.includes('mocha/mocha.js'))) throw new Error('the bundle lacks mocha’s browser build');
  return suites;
}

/**
 * Rewrites positions in the bundle (as the web worker reports them: its URL, then
 * :LINE:COL) to the TypeScript sources, from esbuild's source map.
 */
let sourceMap;
function mapStack(text, bundle) {
  if (sourceMap === undefined) {
    try {
      sourceMap = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    } catch {
      sourceMap = null;
    }
  }
  if (!sourceMap) return text;
  // The web worker host runs the module inside `new Function(...)` (its sourceURL ends in
  // #vscode-extension), whose head is two lines: the bundle's line is two less.
  return text.replace(/([^\s()]*?index\.js)(#vscode-extension)?:(\d+):(\d+)/g, (whole, url, wrapped, line, col) => {
    if (!url.endsWith(bundle) && !decodeURIComponent(url).endsWith(bundle)) return whole;
    const entry = sourceMap.findEntry(Number(line) - 1 - (wrapped ? 2 : 0), Number(col) - 1);
    if (!entry?.originalSource) return whole;
    const src = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : resolve(dirname(bundle), entry.originalSource);
    return `${relative(ROOT, src)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

/** Whether a URL goes to the code-server origin (data: and same-origin blob: URLs go nowhere). */
function local(url, origin) {
  if (url.startsWith('data:')) return true;
  try {
    const u = new URL(url);
    if (u.protocol === 'blob:') return new URL(u.pathname).origin === origin;
    if (u.protocol === 'ws:' || u.protocol === 'wss:') return `http://${u.host}` === origin;
    return u.origin === origin;
  } catch {
    return false;
  }
}

async function main() {
  checkPrerequisites();
  if (opts.build) {
    say('building the extension (node esbuild.js)');
    run(process.execPath, ['esbuild.js']);
  }
  if (opts.typecheck) {
    say('type-checking test/vscode-web');
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'test/vscode-web']);
  }
  const scratch = makeScratch('web', {
    // Kind `web` only: run Policy Lens in the web worker extension host (see the header).
    'remote.extensionKind': { [EXTENSION_ID]: ['web'] },
  });
  const out = join(scratch.dir, 'out');
  const bundle = join(out, 'index.js');
  let suites;
  try {
    const config = {
      grep: opts.grep,
      color: process.stdout.isTTY === true,
      timeoutMs: Number(process.env.POLICY_LENS_TEST_TIMEOUT_MS) || 30_000,
      expected: expectedEntities(),
    };
    suites = await bundleTests(out, config);
  } catch (e) {
    removeScratch(scratch);
    throw e;
  }
  say(`bundled ${suites.length} suite(s): ${suites.join(', ')}`);
  populateWorkspace(scratch.workspace);

  const counts = { passed: 0, failed: 0, skipped: 0 };
  /** Every request of the browser: { url, type, frame, worker }. */
  const requests = [];
  let server;
  let browser;
  let timer;
  let finished = false;
  let exitCode = 1;
  rmSync(LOGS, { recursive: true, force: true });
  const cleanup = async () => {
    clearTimeout(timer);
    await browser?.close();
    await server?.stop();
    try {
      cpSync(join(scratch.userData, 'logs'), join(LOGS, 'server'), { recursive: true });
    } catch {}
    removeScratch(scratch);
  };
  let abortRun = null;
  let abortReason = null;
  let interrupted = false;
  const onSignal = (sig) => {
    if (interrupted) return;
    interrupted = true;
    abortReason = new Error(`${sig}: stopping`);
    abortRun?.(abortReason);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    server = await startCodeServer(scratch, {
      log: (line) => opts.verbose && console.log(`[code-server] ${line}`),
    });
    say(`code-server ${server.url} (pid ${server.pid})`);
    browser = await launchBrowser(scratch, { verbose: opts.verbose });
    const { page, context } = browser;
    // Everything the browser asks for, the workers' fetches included (Chromium reports
    // dedicated workers' requests on the context), and every WebSocket.
    context.on('request', (r) => {
      const worker = r.serviceWorker?.() ?? null;
      requests.push({ url: r.url(), type: r.resourceType(), worker: Boolean(worker) || !r.frame?.() });
      if (opts.verbose) console.log(`[request] ${r.resourceType()} ${r.url().slice(0, 160)}`);
    });
    const onPage = (p) => p.on('websocket', (ws) => requests.push({ url: ws.url(), type: 'websocket' }));
    onPage(page);
    context.on('page', onPage);

    if (abortReason) throw abortReason;
    let resolveDone, rejectDone;
    const done = new Promise((res, rej) => {
      resolveDone = res;
      rejectDone = rej;
    });
    done.catch(() => {});
    abortRun = rejectDone;
    timer = setTimeout(() => rejectDone(new Error(`timed out after ${OVERALL_TIMEOUT_MS / 1000} s`)), OVERALL_TIMEOUT_MS);
    page.on('crash', () => rejectDone(new Error('the browser page crashed')));
    context.on('close', () => rejectDone(abortReason ?? new Error('the browser closed')));
    server.stopped().then(() => rejectDone(abortReason ?? new Error('code-server exited')));
    page.on('pageerror', (e) => opts.verbose && console.error(`[page error] ${e.message}`));
    if (opts.verbose) page.on('worker', (w) => console.log(`[worker] ${w.url().slice(0, 160)}`));

    await page.exposeFunction('codeAutomationLog', (type, message) => {
      const text = Array.isArray(message) ? format(...message) : String(message);
      const r = text.indexOf(RESULT_MARKER);
      if (r >= 0) {
        try {
          const rec = JSON.parse(text.slice(r + RESULT_MARKER.length));
          if (rec.event === 'pass') counts.passed++;
          else if (rec.event === 'fail') counts.failed++;
          else if (rec.event === 'pending') counts.skipped++;
        } catch {}
        return;
      }
      const o = text.indexOf(OUTPUT_MARKER);
      if (o >= 0) console.log(mapStack(text.slice(0, o) + text.slice(o + OUTPUT_MARKER.length), bundle));
      else if (/^Error: (\d+ test\(s\) failed|no test was run)\n/.test(text)) return;
      else if (type === 'error') console.error(text.replace(/^/gm, '[workbench] '));
      else if (opts.verbose) console.log(text.replace(/^/gm, '[workbench] '));
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      try {
        for (const { relativePath, contents } of logs ?? []) {
          const p = join(LOGS, 'workbench', relativePath);
          mkdirSync(dirname(p), { recursive: true });
          writeFileSync(p, contents);
        }
      } catch {}
      resolveDone(code);
    });

    const url = workbenchUrl(server, scratch.workspace, { extensionTestsPath: bundle });
    say('opening the workbench');
    await Promise.race([page.goto(url), done]);
    exitCode = await done;
    finished = true;

    // No request anywhere but code-server.
    const origin = server.url;
    const elsewhere = requests.filter((r) => !local(r.url, origin));
    const workerFetch = requests.some((r) => decodeURIComponent(r.url).includes(join(ROOT, 'dist/extension.js')));
    console.log(`\n  network: ${requests.length} requests and WebSockets of the browser, ${elsewhere.length} not to ${origin}`);
    if (elsewhere.length) {
      for (const r of elsewhere.slice(0, 20)) console.log(`    ✗ ${r.type} ${r.url}`);
      counts.failed++;
      exitCode = 1;
    }
    if (!workerFetch) {
      console.log('    ✗ the web worker’s fetch of dist/extension.js was not seen: the recording is blind to workers');
      counts.failed++;
      exitCode = 1;
    } else if (!elsewhere.length) {
      console.log(`    ✓ every one went to ${origin} (the worker’s own fetches seen among them)`);
      counts.passed++;
    }
  } catch (e) {
    console.error(`[test:web] ${e.message}`);
    exitCode = 1;
  } finally {
    await cleanup();
  }
  if (!finished || (exitCode !== 0 && counts.failed === 0)) counts.failed++;
  if (exitCode === 0 && counts.passed === 0) {
    console.error('[test:web] no test was run');
    exitCode = 1;
  }
  if (interrupted) exitCode = 130;
  say(`exit code ${exitCode}; logs in ${relative(ROOT, LOGS)}/`);
  console.log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[test:web] ${e.stack ?? e}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
