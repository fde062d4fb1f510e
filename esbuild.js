// Bundles the extension (dist/extension.js: one bundle for VS Code's Node extension
// host and the web worker of VS Code for the web), the CLI and the
// developer entries (dist/bench.js, train.js, grammar.js). jieba-wasm's web build is
// used; its .wasm (4 MB, mostly the dictionary) is not inlined but copied to
// dist/jieba.wasm, beside the bundles: inlined as base64 it made every bundle 5.4 MB
// larger, slowed every start (the CLI parses its bundle on each run) and compressed
// worse in the VSIX.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

/** jieba-wasm does not export its .wasm; resolve it beside the web build. */
const jiebaWasmPath = path.join(path.dirname(require.resolve('jieba-wasm/web')), 'jieba_rs_wasm_bg.wasm');
const WASM_OUT = path.join(__dirname, 'dist', 'jieba.wasm');

/**
 * A virtual module whose function reads jieba.wasm from beside the running bundle.
 * The extension hands the bytes over itself (read through vscode.workspace.fs, so
 * that VS Code for the web works too); there this is only the fallback of Node
 * hosts, and in a browser it throws.
 */
const jiebaWasm = {
  name: 'jieba-wasm-binary',
  setup(build) {
    build.onResolve({ filter: /^jieba-wasm-binary$/ }, () => ({ path: 'jieba-wasm-binary', namespace: 'jieba-wasm-binary' }));
    build.onLoad({ filter: /.*/, namespace: 'jieba-wasm-binary' }, () => ({
      contents: `export default function load() {
  if (typeof require !== 'function' || typeof __dirname !== 'string') throw new Error('jieba.wasm: no file system here; provide the bytes with provideSegmenterWasm');
  const fs = require('fs');
  const path = require('path');
  return new Uint8Array(fs.readFileSync(path.join(__dirname, 'jieba.wasm')));
}`,
      loader: 'js',
    }));
    build.onEnd(() => {
      fs.mkdirSync(path.dirname(WASM_OUT), { recursive: true });
      const src = fs.statSync(jiebaWasmPath);
      const dst = fs.existsSync(WASM_OUT) ? fs.statSync(WASM_OUT) : undefined;
      if (!dst || dst.size !== src.size || dst.mtimeMs < src.mtimeMs) fs.copyFileSync(jiebaWasmPath, WASM_OUT);
    });
  },
};

/**
 * The extension's build is for the browser (src/extension/platform/types.ts), and the
 * same file runs in Node: any Node built-in fails the build (esbuild cannot resolve `fs`
 * for the browser), nothing is polyfilled, and the core's `jieba-wasm-binary` (the
 * CLI's fallback that reads jieba.wasm from disk) is a function that throws; the
 * extension hands the bytes over itself, read through vscode.workspace.fs.
 */
const browserPlatform = {
  name: 'policy-lens-browser-platform',
  setup(build) {
    build.onResolve({ filter: /^jieba-wasm-binary$/ }, () => ({ path: 'jieba-wasm-binary', namespace: 'jieba-wasm-binary-browser' }));
    build.onLoad({ filter: /.*/, namespace: 'jieba-wasm-binary-browser' }, () => ({
      contents: `export default function load() {
  throw new Error('jieba.wasm: no file system here; provide the bytes with provideSegmenterWasm');
}`,
      loader: 'js',
    }));
  },
};

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  charset: 'utf8',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  plugins: [jiebaWasm],
};

const builds = [
  // The extension, for VS Code's Node extension host and for VS Code for the web's web
  // worker alike (the manifest's `main` and `browser`): built for the browser, CommonJS
  // (both hosts load it so), `vscode` being the host's. It reads dist/jieba.wasm, which
  // the Node builds copy, through vscode.workspace.fs.
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    entryPoints: ['src/extension/activate.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [browserPlatform],
  },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // For scripts/bench.mjs: the core's entry points, bundled exactly like the CLI.
  { ...common, entryPoints: ['src/bench.ts'], outfile: 'dist/bench.js' },
  // For scripts/train-projects.mjs: candidate generation and scoring of project spans.
  { ...common, entryPoints: ['src/train.ts'], outfile: 'dist/train.js' },
  // For scripts/gen-grammar.mjs: the TextMate grammar built from the recognizers' patterns.
  { ...common, entryPoints: ['src/core/grammar.ts'], outfile: 'dist/grammar.js' },
];

(async () => {
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
  } else {
    await Promise.all(builds.map((b) => esbuild.build(b)));
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
