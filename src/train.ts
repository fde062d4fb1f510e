/**
 * Entry point of dist/train.js (see esbuild.js), used by scripts/train-projects.mjs:
 * the core functions the project model is trained and evaluated with, bundled
 * exactly like the CLI so that training sees the features the product computes.
 */
export { normalize, toOriginal } from './core/normalize';
export { detectRegion, findReferenceDate } from './core/context';
export { scoreCandidates, decode, linear, endSoftmax } from './core/projectScorer';
export { tag } from './core/segmenter';
