/**
 * Word segmentation with jieba-wasm (its web build, so it runs in Node, in VS Code
 * for the web and in a worker alike). Loaded on first use. The .wasm (4 MB, most of
 * it jieba's dictionary) ships as a file beside the bundle (dist/jieba.wasm): the
 * command line reads it from disk; the extension reads it through VS Code's file
 * system (desktop and web alike) and hands the bytes over with
 * `provideSegmenterWasm` before the first use. jieba reports positions in code
 * points; this module maps them to UTF-16.
 */
import { initSync, tag as jiebaTag, cut as jiebaCut, tokenize as jiebaTokenize } from 'jieba-wasm/web';

const tokenizeRaw = (text: string) => jiebaTokenize(text, 'default', true);
// A virtual module (esbuild.js, vitest.config.mts): reads dist/jieba.wasm (a copy of the
// .wasm beside jieba-wasm's web build, which the package does not export) from disk.
import loadWasm from 'jieba-wasm-binary';

export interface Token {
  word: string;
  /** UTF-16 offsets into the segmented string. */
  start: number;
  end: number;
  /** Part-of-speech tag (jieba's ICTCLAS-style tags: n, v, ns, nz, x…). */
  tag: string;
}

let ready = false;
let provided: Uint8Array | undefined;

/** The .wasm's bytes, for hosts that read files their own way (the extension). */
export function provideSegmenterWasm(bytes: Uint8Array): void {
  provided = bytes;
}

/** Whether `loadSegmenter` can run without reading from disk. */
export function segmenterWasmProvided(): boolean {
  return provided !== undefined || ready;
}

function ensureLoaded(): void {
  if (ready) return;
  initSync({ module: provided ?? loadWasm() });
  provided = undefined; // compiled: the bytes are not needed any more
  ready = true;
}

/** Whether the segmenter is loaded (project recognition needs it; money and dates do not). */
export function segmenterLoaded(): boolean {
  return ready;
}

/** Loads the segmenter now (its dictionary and .wasm take a while): callers choose when. */
export function loadSegmenter(): void {
  ensureLoaded();
}

/** Plain segmentation (used by the benchmark as the baseline). */
export function cut(text: string): string[] {
  ensureLoaded();
  return jiebaCut(text, true);
}

/**
 * Tokens with part-of-speech tags and UTF-16 offsets. jieba's tagged words
 * concatenate to the input, so offsets follow from the words' lengths, which
 * also sidesteps code point ↔ UTF-16 conversion for characters outside the BMP.
 */
export function tag(text: string, hmm = true): Token[] {
  ensureLoaded();
  const out: Token[] = [];
  let pos = 0;
  for (const t of jiebaTag(text, hmm)) {
    const found = text.startsWith(t.word, pos) ? pos : text.indexOf(t.word, pos);
    if (found < 0) continue;
    out.push({ word: t.word, start: found, end: found + t.word.length, tag: t.tag });
    pos = found + t.word.length;
  }
  return out;
}

/**
 * jieba's own `tokenize` positions are code points; this maps them to UTF-16
 * offsets (a character outside the BMP, such as 𠮷, is two code units).
 */
export function tokenize(text: string): Token[] {
  ensureLoaded();
  const cpToUnit: number[] = [];
  let unit = 0;
  for (const ch of text) {
    cpToUnit.push(unit);
    unit += ch.length;
  }
  cpToUnit.push(unit);
  return tokenizeRaw(text).map((t) => ({ word: t.word, start: cpToUnit[t.start], end: cpToUnit[t.end], tag: '' }));
}

/**
 * Tags many short texts in one call. Each call into the wasm module costs far
 * more than its per-character work on a short text, so the project recognizer
 * batches its windows: they are joined by line breaks (a token never crosses
 * one) and the tokens are split back, with offsets relative to each text.
 */
export function tagMany(texts: readonly string[]): Token[][] {
  const out: Token[][] = texts.map(() => []);
  if (texts.length === 0) return out;
  const joined = texts.map((t) => t.replace(/[\n\r]/g, ' ')).join('\n');
  const tokens = tag(joined);
  let idx = 0;
  let base = 0;
  for (const t of tokens) {
    while (idx < texts.length && t.start >= base + texts[idx].length + 1) {
      base += texts[idx].length + 1;
      idx++;
    }
    if (idx >= texts.length) break;
    const end = base + texts[idx].length;
    if (t.start >= end) continue; // the separator
    out[idx].push({ word: t.word, start: t.start - base, end: Math.min(t.end, end) - base, tag: t.tag });
  }
  return out;
}
