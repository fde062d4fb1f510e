/**
 * Entry point of dist/bench.js (see esbuild.js), used by scripts/bench.mjs: the
 * core functions the benchmark times, bundled with the same options as the CLI.
 */
export { extract } from './core/extract';
export { extractDocument, ExtractionCache } from './core/document';
export { cut, loadSegmenter } from './core/segmenter';
export { normalize } from './core/normalize';
export { convert, TARGETS, OPENCC_CONFIG } from './core/convert';
export { cleanText, findCleanups } from './core/clean';
export { checkText } from './core/figures';
