import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// esbuild bundles .wasm with its binary loader; tests load the same bytes from disk.
export default defineConfig({
  plugins: [
    {
      name: 'wasm-binary',
      enforce: 'pre',
      load(id) {
        if (!id.endsWith('.wasm')) return null;
        const b64 = readFileSync(id).toString('base64');
        return `export default Uint8Array.from(Buffer.from(${JSON.stringify(b64)}, 'base64'));`;
      },
    },
  ],
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30000,
  },
});
