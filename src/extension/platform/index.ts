/**
 * The platform the extension runs on, chosen at run time: one bundle
 * (dist/extension.js, built for the browser, so without any Node built-in) serves
 * both VS Code's Node extension host and the web worker of VS Code for the web.
 * See ./types.ts.
 */
import { platform as browserPlatform } from './browser';
import { platform as nodePlatform } from './node';
import type { Platform } from './types';

const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

export const platform: Platform = isNode ? nodePlatform : browserPlatform;
