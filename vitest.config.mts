import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const jiebaWasm = join(dirname(require.resolve('jieba-wasm/web')), 'jieba_rs_wasm_bg.wasm');
const VIRTUAL = '\0jieba-wasm-binary';

// The bundles read dist/jieba.wasm (esbuild.js copies it there); tests read the same bytes from jieba-wasm's folder.
export default defineConfig({
  plugins: [
    {
      name: 'jieba-wasm-binary',
      enforce: 'pre',
      resolveId: (id) => (id === 'jieba-wasm-binary' ? VIRTUAL : null),
      load(id) {
        if (id !== VIRTUAL) return null;
        return `import { readFileSync } from 'node:fs';\nexport default function load() { return new Uint8Array(readFileSync(${JSON.stringify(jiebaWasm)})); }`;
      },
    },
  ],
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30000,
  },
});
