// Bundles the extension, the CLI and the benchmark entry (dist/bench.js). jieba-wasm's
// web build is used with its .wasm inlined (binary loader), so each bundle is one
// self-contained file.
const esbuild = require('esbuild');
const path = require('node:path');

/** jieba-wasm does not export its .wasm; resolve it beside the web build. */
const jiebaWasmPath = path.join(path.dirname(require.resolve('jieba-wasm/web')), 'jieba_rs_wasm_bg.wasm');
const jiebaWasm = {
  name: 'jieba-wasm-binary',
  setup(build) {
    // A virtual module whose function requires the .wasm (binary loader) on first
    // call: the 5 MB of base64 are decoded when segmentation is first needed, not
    // when the bundle loads (activation, CLI start).
    build.onResolve({ filter: /^jieba-wasm-binary$/ }, () => ({ path: 'jieba-wasm-binary', namespace: 'jieba-wasm-binary' }));
    build.onLoad({ filter: /.*/, namespace: 'jieba-wasm-binary' }, () => ({
      contents: `export default function load() { return require(${JSON.stringify(jiebaWasmPath)}); }`,
      resolveDir: path.dirname(jiebaWasmPath),
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
  // The binary loader emits Uint8Array.fromBase64 above es2020, which Node 20 lacks.
  target: 'node18',
  charset: 'utf8',
  loader: { '.wasm': 'binary' },
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  plugins: [jiebaWasm],
};

const builds = [
  { ...common, entryPoints: ['src/extension/activate.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
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
