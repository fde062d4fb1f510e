// Entry point that VS Code's extension host loads as `extensionTestsPath` (bundled by
// scripts/vscode/run-tests.mjs to .vscode-test/out/index.js). It runs mocha over every
// suite bundled beside it in suites/ — one per test/vscode/*.test.ts — so adding a
// suite is only a matter of adding a file.
//
// Besides mocha's own report, each test result is logged as one line starting with
// RESULT_MARKER; run-tests.mjs counts those (and hides them) to print
// `N passed, N failed`, even when a run is cut short.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export const RESULT_MARKER = '@@policy-lens-vscode-test@@';

function emit(record: Record<string, unknown>): void {
  console.log(`${RESULT_MARKER}${JSON.stringify(record)}`);
}

export function run(): Promise<void> {
  process.setSourceMapsEnabled?.(true);
  const grep = process.env.POLICY_LENS_TEST_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: process.env.POLICY_LENS_TEST_COLOR === '1',
    timeout: Number(process.env.POLICY_LENS_TEST_TIMEOUT_MS) || 30_000,
    ...(grep ? { grep } : {}),
  });
  const dir = path.join(__dirname, 'suites');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort() : [];
  for (const f of files) mocha.addFile(path.join(dir, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (runner.stats && runner.stats.passes === 0) reject(new Error('no test was run'));
        else resolve();
      });
      runner.on('pass', (t) => emit({ event: 'pass', title: t.fullTitle() }));
      runner.on('fail', (t, err: Error) => emit({ event: 'fail', title: t.fullTitle(), error: String(err?.message ?? err) }));
      runner.on('pending', (t) => emit({ event: 'pending', title: t.fullTitle() }));
      runner.on('end', () => emit({ event: 'end', stats: runner.stats }));
    } catch (err) {
      emit({ event: 'fail', title: '(loading the suites)', error: String(err) });
      reject(err);
    }
  });
}
