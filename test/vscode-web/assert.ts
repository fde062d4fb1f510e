// The few assertions the web suites need (node:assert does not exist in a web worker,
// and nothing is polyfilled there).
export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
}

export function ok(value: unknown, message?: string): asserts value {
  if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${show(value)}`);
}

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected)) throw new AssertionError(`${message ? message + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, message?: string): void {
  const a = show(actual);
  const e = show(expected);
  if (a !== e) throw new AssertionError(`${message ? message + ': ' : ''}expected\n  ${e}\ngot\n  ${a}`);
}

export function match(text: string, re: RegExp, message?: string): void {
  if (!re.test(text)) throw new AssertionError(`${message ? message + ': ' : ''}${show(text)} does not match ${re}`);
}
