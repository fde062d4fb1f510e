/**
 * The Node.js extension host (chosen by ./index.ts; see ./types.ts).
 */
import type { Platform } from './types';

export const platform: Platform = {
  kind: 'node',
  // A timer rather than setImmediate: the workbench's messages arrive as I/O, which a
  // timer lets through too.
  nextTurn: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
};
