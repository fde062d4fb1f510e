// Entry point that VS Code's extension host loads as `extensionTestsPath` (bundled by
// scripts/vscode/run-tests.mjs to .vscode-test/out/index.js). It runs mocha over every
// suite bundled beside it in suites/ — one per test/vscode/*.test.ts — so adding a
// suite is only a matter of adding a file.
//
// The extension host's console reaches run-tests.mjs through the workbench's log,
// mixed with the workbench's own messages. So while the tests run, everything this
// process writes to the console (mocha's report, the extension's and the tests' own
// output) is formatted here and marked with OUTPUT_MARKER; run-tests.mjs prints
// those lines. Each test result is also logged as one line marked RESULT_MARKER;
// run-tests.mjs counts those to print `N passed, N failed`, even when a run is cut
// short.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

export const RESULT_MARKER = '@@policy-lens-vscode-test@@';
export const OUTPUT_MARKER = '@@policy-lens-vscode-out@@';

const original = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };

function emit(record: Record<string, unknown>): void {
  original.log(`${RESULT_MARKER}${JSON.stringify(record)}`);
}

/**
 * VS Code's extension host defines the console methods as getters (forwarding to the
 * workbench), so they are redefined here rather than assigned.
 */
function markConsole(): () => void {
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const level of Object.keys(original) as (keyof typeof original)[]) {
    const write = original[level];
    const marked = (...args: unknown[]) => write(OUTPUT_MARKER + util.format(...args));
    saved.set(level, Object.getOwnPropertyDescriptor(console, level));
    Object.defineProperty(console, level, { configurable: true, enumerable: true, get: () => marked, set: () => {} });
  }
  // mocha's reporters write through their own reference to console.log.
  const savedConsoleLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = console.log;
  return () => {
    for (const [level, desc] of saved) if (desc) Object.defineProperty(console, level, desc);
    Mocha.reporters.Base.consoleLog = savedConsoleLog;
  };
}

export function run(): Promise<void> {
  process.setSourceMapsEnabled?.(true);
  const restoreConsole = markConsole();
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
        restoreConsole();
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (runner.stats && runner.stats.passes === 0) reject(new Error('no test was run'));
        else resolve();
      });
      runner.on('pass', (t) => emit({ event: 'pass', title: t.fullTitle() }));
      runner.on('fail', (t, err: Error) => emit({ event: 'fail', title: t.fullTitle(), error: String(err?.message ?? err) }));
      runner.on('pending', (t) => emit({ event: 'pending', title: t.fullTitle() }));
      runner.on('end', () => emit({ event: 'end', stats: runner.stats }));
    } catch (err) {
      restoreConsole();
      emit({ event: 'fail', title: '(loading the suites)', error: String(err) });
      reject(err);
    }
  });
}
