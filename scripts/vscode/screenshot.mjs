#!/usr/bin/env node
// npm run screenshot -- --file seeds/004_eb79909535b2c4d2.txt --out media/screenshot-x.png (or .webp)
//                       [--command "Policy Lens: …"] [--pick "Label"] [--key Escape]
//                       [--hover TEXT] [--click LABEL] [--expand LABEL] [--line N] [--wheel DY]...
//                       [--setting KEY=JSON]... [--installed FILE.vsix]
//                       [--wait MS] [--width 1280 --height 800] [--no-build] [--verbose]
//
// A PNG of the real VS Code (code-server 4.100.3, see setup.sh) with this extension
// loaded as a development extension, offline: builds the extension, starts code-server
// on a free 127.0.0.1 port with throwaway state, opens a throwaway workspace holding a
// copy of seeds/ (and of --file), opens --file through Quick Open, then, in the order
// given: runs each --command through the command palette (its title as the palette
// shows it), picks --pick in the quick pick a command opened (by label), presses --key
// (Playwright key names: Escape, Control+Z, ...), rests the mouse on the first
// occurrence of --hover TEXT in the editor (a hover opens), clicks the first list or
// tree row holding --click LABEL (a tree item runs its command), expands the tree item
// --expand LABEL; waits, and writes the screenshot.
// code-server and the browser are always stopped.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { cpSync } from 'node:fs';
import {
  ROOT,
  checkPrerequisites,
  installExtension,
  launchBrowser,
  makeTestHost,
  makeScratch,
  populateWorkspace,
  removeScratch,
  run,
  startCodeServer,
  workbenchUrl,
} from './lib.mjs';

const USAGE =
  'usage: npm run screenshot -- --file FILE --out OUT.png|OUT.webp [--command "Category: Title" | --pick LABEL | --key KEY | --hover TEXT | --click LABEL | --expand LABEL | --line N | --wheel DY]... [--setting KEY=JSON]... [--installed FILE.vsix] [--wait MS] [--width N] [--height N] [--no-build] [--verbose]';
const TIMEOUT_MS = 3 * 60_000;

// Paths on the command line are relative to where npm was run from.
const CWD = process.env.INIT_CWD || process.cwd();
const argv = process.argv.slice(2);
const opts = { file: undefined, out: undefined, installed: undefined, actions: [], settings: {}, wait: 2000, width: 1280, height: 800, build: true, verbose: false };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => {
    if (i + 1 >= argv.length) fail(`${a} needs a value`);
    return argv[++i];
  };
  if (a === '--file') opts.file = resolve(CWD, value());
  else if (a === '--out') opts.out = resolve(CWD, value());
  else if (a === '--command' || a === '--pick' || a === '--key' || a === '--hover' || a === '--click' || a === '--expand' || a === '--line' || a === '--wheel') opts.actions.push({ kind: a.slice(2), value: value() });
  else if (a === '--setting') {
    // A user setting of the throwaway profile: --setting editor.wordWrap='"on"' (JSON; a bare word is a string).
    const kv = value();
    const eq = kv.indexOf('=');
    if (eq < 1) fail(`--setting needs KEY=VALUE, got ${kv}`);
    const raw = kv.slice(eq + 1);
    let v;
    try {
      v = JSON.parse(raw);
    } catch {
      v = raw;
    }
    opts.settings[kv.slice(0, eq)] = v;
  } else if (a === '--wait') opts.wait = Number(value());
  else if (a === '--width') opts.width = Number(value());
  else if (a === '--height') opts.height = Number(value());
  else if (a === '--no-build') opts.build = false;
  else if (a === '--installed') opts.installed = resolve(CWD, value());
  else if (a === '--verbose' || a === '-v') opts.verbose = true;
  else if (a === '--help' || a === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else fail(`unknown argument ${a}`);
}
if (!opts.file || !opts.out) fail('--file and --out are required');
if (!/\.(png|webp)$/.test(opts.out)) fail('--out must end in .png or .webp');

function fail(msg) {
  console.error(`${msg}\n${USAGE}`);
  process.exit(2);
}

const t0 = Date.now();
const say = (msg) => console.log(`[screenshot ${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

/** Where --file goes in the workspace: its repo-relative path, or its name at the root. */
function workspacePath(file) {
  const rel = relative(ROOT, file);
  return rel.startsWith('..') || isAbsolute(rel) ? basename(file) : rel;
}

/**
 * Opens the quick input with `key`, types `text`, and accepts the row whose label is
 * `label` (e.g. "Policy Lens: Convert to Simplified Chinese", not its longer
 * namesakes; case and a trailing "…" aside), else the first row whose label contains
 * it; fails if none does rather than run whatever fuzzy-matched.
 */
async function quickPick(page, key, text, label, what) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  if (key) await page.keyboard.press(key);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(text);
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  try {
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
  } catch {
    throw new Error(`${what}: nothing matches "${text}"`);
  }
  await page.waitForTimeout(300); // let the list settle on the full text
  const norm = (s) => s.replace(/\s+/g, ' ').replace(/(\.\.\.|…)$/, '').trim().toLowerCase();
  const labels = await rows.locator('.label-name').allTextContents();
  let i = labels.findIndex((l) => norm(l) === norm(label));
  if (i < 0) i = labels.findIndex((l) => norm(l).includes(norm(label)));
  if (i < 0) {
    await page.keyboard.press('Escape');
    throw new Error(`${what}: no entry "${label}"; closest: ${labels.slice(0, 5).join(' | ')}`);
  }
  await rows.nth(i).click();
  await input.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  return labels[i];
}

async function main() {
  checkPrerequisites();
  if (opts.build) {
    say('building the extension (node esbuild.js)');
    run(process.execPath, ['esbuild.js'], { stdio: opts.verbose ? 'inherit' : 'ignore' });
  }
  const scratch = makeScratch('screenshot', opts.settings);
  const inWorkspace = workspacePath(opts.file);
  populateWorkspace(scratch.workspace);
  // --installed FILE.vsix: the extension as a user installs it, not this folder.
  let developmentPath;
  if (opts.installed) {
    installExtension(scratch, opts.installed);
    developmentPath = makeTestHost(scratch);
  }
  mkdirSync(dirname(join(scratch.workspace, inWorkspace)), { recursive: true });
  cpSync(opts.file, join(scratch.workspace, inWorkspace));

  let server;
  let browser;
  let interrupted = false;
  const cleanup = async () => {
    await browser?.close();
    await server?.stop();
    removeScratch(scratch);
  };
  const onSignal = (sig) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`[screenshot] ${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const timer = setTimeout(() => {
    console.error(`[screenshot] timed out after ${TIMEOUT_MS / 1000} s`);
    cleanup().finally(() => process.exit(1));
  }, TIMEOUT_MS);

  try {
    server = await startCodeServer(scratch, { log: (l) => opts.verbose && console.log(`[code-server] ${l}`) });
    say(`code-server ${server.url} (pid ${server.pid})`);
    browser = await launchBrowser(scratch, { width: opts.width, height: opts.height, verbose: opts.verbose });
    const { page } = browser;
    if (opts.verbose) page.on('console', (m) => console.log(`[workbench] ${m.text()}`));

    await page.goto(workbenchUrl(server, scratch.workspace, { developmentPath }));
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer shows the workspace once the remote file system answers.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    say('workbench ready');

    await quickPick(page, 'Control+P', inWorkspace, basename(inWorkspace), 'Quick Open');
    await page.locator(`.tabs-container .tab[aria-label*="${basename(inWorkspace)}"]`).first().waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
    say(`opened ${inWorkspace}`);

    for (const { kind, value } of opts.actions) {
      await page.waitForTimeout(500);
      if (kind === 'command') {
        const picked = await quickPick(page, 'F1', `>${value}`, value, 'Command palette');
        say(`ran "${picked}"`);
      } else if (kind === 'pick') {
        const picked = await quickPick(page, null, value, value, 'Quick pick');
        say(`picked "${picked}"`);
      } else if (kind === 'click') {
        await page.locator('.monaco-list-row', { hasText: value }).first().click();
        say(`clicked "${value}"`);
      } else if (kind === 'wheel') {
        // Scrolls what is under the middle of the editor area (a webview too) by DY pixels.
        const box = await page.locator('.part.editor').first().boundingBox();
        if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, Number(value));
        await page.waitForTimeout(500);
        say(`scrolled ${value} px`);
      } else if (kind === 'line') {
        // Go to Line: the line comes to the middle of the editor.
        await page.keyboard.press('Control+G');
        const input = page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(`:${value}`);
        await page.waitForTimeout(300);
        await page.keyboard.press('Enter');
        say(`went to line ${value}`);
      } else if (kind === 'expand') {
        await page.locator('.monaco-list-row', { hasText: value }).first().locator('.monaco-tl-twistie').click();
        say(`expanded "${value}"`);
      } else if (kind === 'hover') {
        // The editor renders a line as spans (one per token); the last one holding the text.
        const span = page.locator('.editor-instance .monaco-editor .view-lines span span', { hasText: value }).last();
        await span.waitFor({ state: 'visible', timeout: 15_000 });
        // The exact place of the text's first character inside the span (a DOM Range).
        const box = await span.evaluate((el, needle) => {
          const node = [...el.childNodes].find((n) => n.nodeType === 3 && n.textContent.includes(needle)) ?? el.firstChild;
          const at = Math.max(0, node.textContent.indexOf(needle));
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, Math.min(node.textContent.length, at + 2));
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }, value);
        if (!box || !box.width) throw new Error(`--hover: "${value}" is not on screen`);
        const x = box.x + box.width / 2;
        await page.mouse.move(x, box.y + box.height / 2);
        await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'visible', timeout: 10_000 });
        say(`hovering "${value}"`);
      } else {
        await page.keyboard.press(value);
        say(`pressed ${value}`);
      }
    }

    await page.waitForTimeout(opts.wait);
    mkdirSync(dirname(opts.out), { recursive: true });
    if (opts.out.endsWith('.webp')) {
      // WebP (lossy, quality 0.85) is about half a PNG of the same text: the README's
      // images ship inside the VSIX. Encoded by Chromium itself, in a blank page.
      const png = (await page.screenshot()).toString('base64');
      const conv = await page.context().newPage();
      const dataUrl = await conv.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        c.getContext('2d').drawImage(img, 0, 0);
        return c.toDataURL('image/webp', 0.85);
      }, png);
      await conv.close();
      writeFileSync(opts.out, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
    } else await page.screenshot({ path: opts.out });
    say(`wrote ${relative(CWD, opts.out) || opts.out} (${opts.width}×${opts.height})`);
    return 0;
  } catch (e) {
    console.error(`[screenshot] ${e.message}`);
    if (browser && opts.out) {
      const failed = opts.out.replace(/\.(png|webp)$/, '.failed.png');
      await browser.page.screenshot({ path: failed }).then(
        () => console.error(`[screenshot] the page as it was: ${relative(CWD, failed)}`),
        () => {},
      );
    }
    return 1;
  } finally {
    clearTimeout(timer);
    if (!interrupted) await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[screenshot] ${e.stack ?? e}`);
    process.exit(1);
  },
);
