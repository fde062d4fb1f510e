/**
 * The web worker extension host of VS Code for the web (chosen by ./index.ts; see
 * ./types.ts). No Node.js here: no `process`, `Buffer`, `require` of Node's modules or
 * file system.
 */
import type { Platform } from './types';

/**
 * A message to itself is a new task without the timers' clamping: browsers delay a
 * timer set from within a timer's callback, five levels deep, by at least 4 ms, which a
 * loop that yields every few milliseconds would pay on every turn.
 */
function messageTurn(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  // The DOM's MessagePort (Node's typings, which the project's type check also sees, lack `onmessage`).
  (channel.port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(undefined);
    });
}

let turn: (() => Promise<void>) | undefined;

export const platform: Platform = {
  kind: 'web',
  // The channel is made on first use, not when the bundle loads: the same bundle runs in
  // Node too (./index.ts picks ./node.ts there), where an open port would keep the
  // process alive.
  nextTurn: () => (turn ??= typeof MessageChannel === 'function' ? messageTurn() : () => new Promise<void>((resolve) => setTimeout(resolve, 0)))(),
};
