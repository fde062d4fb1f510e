#!/usr/bin/env node
// npm run test:vscode [-- [--grep PATTERN] [--no-build] [--no-typecheck] [--verbose]
//                         [--installed FILE.vsix] [test/vscode/NAME.test.ts ...]]
//
// Needs `bash scripts/vscode/setup.sh` once per machine (Chromium, code-server).
// A suite is any test/vscode/*.test.ts (mocha BDD: describe/it, `import * as vscode`);
// test/vscode/helpers.ts has shared helpers. --verbose also shows code-server's and the
// workbench's own messages. Environment: VSCODE_TEST_TIMEOUT_MS (whole run, default
// 10 min), POLICY_LENS_TEST_TIMEOUT_MS (one test, default 30 s), KEEP_VSCODE_TEST_TMP=1
// (keep the scratch folder under .vscode-test/tmp/).
//
// Runs the integration suites test/vscode/*.test.ts inside a real VS Code (code-server
// 4.100.3 = VS Code 1.100.3, see setup.sh), offline:
//   1. builds the extension (node esbuild.js) and type-checks test/vscode;
//   2. bundles test/vscode/index.ts to out/index.js and each suite to
//      out/suites/NAME.test.js in a scratch folder under .vscode-test/tmp/ (CommonJS,
//      esbuild.js's own plugins and loaders, `vscode` and `mocha` external: mocha
//      resolves from the repo's node_modules inside the extension host);
//   3. starts code-server on a free 127.0.0.1 port with throwaway user data, extensions,
//      XDG folders and EXTENSIONS_GALLERY='{}', and a throwaway workspace holding a copy
//      of seeds/;
//   4. opens the workbench in Debian's Chromium (playwright-core) with the payload
//      extensionDevelopmentPath = this repo, extensionTestsPath = the bundled index;
//   5. relays the test output to stdout, prints `N passed, N failed`, and exits with
//      mocha's exit code (1 on any failure, timeout or crash). code-server (by its process
//      group) and the browser are always stopped, the scratch folder removed.
// The workbench's and code-server's logs of the run (extension host included) are
// written to .vscode-test/logs/.
//
// --installed FILE.vsix: the suites of test/vscode-installed/ instead, against the
// VSIX installed into the throwaway profile with code-server --install-extension
// (what a user does), with a stand-in development extension so that the installed
// copy, not this folder, is the one that runs.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import Module, { SourceMap, createRequire } from 'node:module';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  ROOT,
  checkPrerequisites,
  installExtension,
  launchBrowser,
  makeTestHost,
  makeScratch,
  populateWorkspace,
  removeScratch,
  run,
  startCodeServer,
  workbenchUrl,
} from './lib.mjs';

const RESULT_MARKER = '@@policy-lens-vscode-test@@'; // as in test/vscode/index.ts
const OUTPUT_MARKER = '@@policy-lens-vscode-out@@';
const OVERALL_TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS) || 10 * 60_000;
const LOGS = join(ROOT, '.vscode-test/logs');

const argv = process.argv.slice(2);
const opts = { grep: undefined, build: true, typecheck: true, files: [], verbose: false, installed: undefined };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--grep' || a === '-g') opts.grep = argv[++i];
  else if (a === '--no-build') opts.build = false;
  else if (a === '--no-typecheck') opts.typecheck = false;
  else if (a === '--verbose' || a === '-v') opts.verbose = true;
  else if (a === '--installed') opts.installed = resolve(process.env.INIT_CWD || process.cwd(), argv[++i] ?? '');
  else if (a === '--help' || a === '-h') {
    console.log('usage: npm run test:vscode -- [--grep PATTERN] [--no-build] [--no-typecheck] [--verbose] [--installed FILE.vsix] [test/vscode/NAME.test.ts ...]');
    process.exit(0);
  } else if (a.startsWith('-')) {
    console.error(`unknown option ${a}`);
    process.exit(2);
  } else opts.files.push(resolve(process.env.INIT_CWD || process.cwd(), a));
}

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[test:vscode ${elapsed()}] ${msg}`);

/**
 * The options esbuild.js passes to esbuild.build() for dist/cli.js: esbuild.js is
 * evaluated with a stand-in `esbuild` module that records its calls instead of building.
 */
function extensionBuildOptions() {
  const file = join(ROOT, 'esbuild.js');
  const captured = [];
  const stub = {
    build: async (o) => (captured.push(o), { errors: [], warnings: [] }),
    context: async (o) => (captured.push(o), { watch: async () => {}, rebuild: async () => {}, dispose: async () => {} }),
  };
  const mod = new Module(file);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(ROOT);
  const realRequire = createRequire(file);
  mod.require = (id) => (id === 'esbuild' ? stub : realRequire(id));
  const argv = process.argv;
  process.argv = [argv[0], file];
  try {
    mod._compile(readFileSync(file, 'utf8'), file);
  } finally {
    process.argv = argv;
  }
  const ext = captured.find((o) => String(o.outfile ?? '').replace(/\\/g, '/').endsWith('dist/cli.js'));
  if (!ext) throw new Error('esbuild.js has no build for dist/cli.js');
  return ext;
}

async function bundleTests(out) {
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild');
  const dir = join(ROOT, opts.installed ? 'test/vscode-installed' : 'test/vscode');
  const suites = opts.files.length
    ? opts.files
    : readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts'))
        .sort()
        .map((f) => join(dir, f));
  if (suites.length === 0) throw new Error(`no ${relative(ROOT, dir)}/*.test.ts`);
  for (const s of suites) {
    if (dirname(s) !== dir || !s.endsWith('.test.ts')) throw new Error(`not a suite in ${relative(ROOT, dir)}/: ${relative(ROOT, s)}`);
  }
  // Suites may import src/core: bundle them for Node with the CLI's esbuild options (its
  // plugins and loaders, e.g. the reader of jieba's .wasm), read from esbuild.js itself.
  const ext = extensionBuildOptions();
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: ext.target ?? 'node18',
    charset: 'utf8',
    loader: ext.loader,
    define: ext.define,
    plugins: ext.plugins ?? [],
    sourcemap: 'linked', // read back by mapStack() for the stack traces in the output
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  };
  // One runner for both kinds of suites: test/vscode/index.ts.
  await esbuild.build({ ...common, entryPoints: [join(ROOT, 'test/vscode/index.ts')], outfile: join(out, 'index.js') });
  await esbuild.build({
    ...common,
    entryPoints: suites,
    outdir: join(out, 'suites'),
    entryNames: '[name]',
  });
  // The suites' own copy of the core reads jieba's .wasm from beside its bundle.
  cpSync(join(ROOT, 'dist', 'jieba.wasm'), join(out, 'suites', 'jieba.wasm'));
  return suites.map((s) => basename(s));
}

/**
 * Rewrites positions in the bundles (OUT/...js:L:C, or relative to the extension
 * host's working directory BASE, as mocha prints them) to the TypeScript sources, from
 * esbuild's source maps: the extension host replaces Error.prepareStackTrace, so
 * Node's own source-map support does not apply there.
 */
const sourceMaps = new Map();
function mapStack(text, out, base) {
  return text.replace(/([^\s():]+\.js):(\d+):(\d+)/g, (whole, path, line, col) => {
    const file = resolve(base, path);
    if (!file.startsWith(out + sep)) return whole;
    if (!sourceMaps.has(file)) {
      let map = null;
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      } catch {}
      sourceMaps.set(file, map);
    }
    const entry = sourceMaps.get(file)?.findEntry(Number(line) - 1, Number(col) - 1);
    if (!entry?.originalSource) return whole;
    const src = entry.originalSource.startsWith('file://')
      ? fileURLToPath(entry.originalSource)
      : resolve(dirname(file), entry.originalSource);
    return `${relative(ROOT, src)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

async function main() {
  checkPrerequisites();
  if (opts.build) {
    say('building the extension (node esbuild.js)');
    run(process.execPath, ['esbuild.js']);
  }
  if (opts.typecheck) {
    say('type-checking test/vscode');
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'test/vscode']);
  }
  // Everything of this run lives in its own scratch folder, so runs can overlap.
  const scratch = makeScratch('test');
  const out = join(scratch.dir, 'out');
  let suites;
  try {
    suites = await bundleTests(out);
  } catch (e) {
    removeScratch(scratch);
    throw e;
  }
  say(`bundled ${suites.length} suite(s): ${suites.join(', ')}`);
  populateWorkspace(scratch.workspace);
  let developmentPath;
  if (opts.installed) {
    say(`installing ${relative(ROOT, opts.installed) || opts.installed} into the throwaway profile`);
    installExtension(scratch, opts.installed);
    developmentPath = makeTestHost(scratch);
  }

  const counts = { passed: 0, failed: 0, skipped: 0 };
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
  // Ctrl-C / SIGTERM end the run like a failure: the usual cleanup below, exit 130.
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
      env: {
        ...(opts.grep ? { POLICY_LENS_TEST_GREP: opts.grep } : {}),
        POLICY_LENS_TEST_COLOR: process.stdout.isTTY ? '1' : '0',
        // The installed-VSIX suites check the file itself too (its size).
        ...(opts.installed ? { POLICY_LENS_VSIX: opts.installed } : {}),
      },
    });
    say(`code-server ${server.url} (pid ${server.pid})`);
    browser = await launchBrowser(scratch, { verbose: opts.verbose });
    const { page } = browser;

    if (abortReason) throw abortReason;
    let resolveDone, rejectDone;
    const done = new Promise((res, rej) => {
      resolveDone = res;
      rejectDone = rej;
    });
    done.catch(() => {}); // awaited below; no unhandled rejection meanwhile
    abortRun = rejectDone;
    timer = setTimeout(() => rejectDone(new Error(`timed out after ${OVERALL_TIMEOUT_MS / 1000} s`)), OVERALL_TIMEOUT_MS);
    page.on('crash', () => rejectDone(new Error('the browser page crashed')));
    browser.context.on('close', () => rejectDone(abortReason ?? new Error('the browser closed')));
    server.stopped().then(() => rejectDone(abortReason ?? new Error('code-server exited')));
    page.on('pageerror', (e) => opts.verbose && console.error(`[page error] ${e.message}`));

    // The workbench calls these two when it runs extension tests: every log message
    // (level, and the console arguments as an array: a format string and its values),
    // then the exit code of run() and the workbench's logs.
    await page.exposeFunction('codeAutomationLog', (type, message) => {
      const text = Array.isArray(message) ? format(...message) : String(message);
      // A marker applies to the whole message, which may span several lines.
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
      if (o >= 0) console.log(mapStack(text.slice(0, o) + text.slice(o + OUTPUT_MARKER.length), out, scratch.dir));
      else if (/^Error: (\d+ test\(s\) failed|no test was run)\n/.test(text)) return; // run()'s own rejection
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

    const url = workbenchUrl(server, scratch.workspace, { extensionTestsPath: join(out, 'index.js'), developmentPath });
    say('opening the workbench');
    await Promise.race([page.goto(url), done]);
    exitCode = await done;
    finished = true;
  } catch (e) {
    console.error(`[test:vscode] ${e.message}`);
    exitCode = 1;
  } finally {
    await cleanup();
  }
  if (!finished || (exitCode !== 0 && counts.failed === 0)) counts.failed++; // the run itself failed
  if (exitCode === 0 && counts.passed === 0) {
    console.error('[test:vscode] no test was run');
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
    console.error(`[test:vscode] ${e.stack ?? e}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
