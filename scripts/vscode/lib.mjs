// Shared by run-tests.mjs and screenshot.mjs: a throwaway code-server (VS Code 1.100.3,
// installed by scripts/vscode/setup.sh into .vscode-test/code-server) on a free
// 127.0.0.1 port, and Debian's Chromium driven by playwright-core that opens its
// workbench with a payload (extensionDevelopmentPath, optionally extensionTestsPath).
// Nothing here downloads anything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_DIR = join(ROOT, '.vscode-test/code-server');
const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Fails early, with the command that fixes it, when setup.sh has not been run. */
export function checkPrerequisites() {
  const problems = [];
  if (!existsSync(join(CODE_SERVER_DIR, '.installed')) || !existsSync(CODE_SERVER_ENTRY)) {
    problems.push(`code-server ${CODE_SERVER_VERSION} is not installed in .vscode-test/code-server`);
  }
  if (!existsSync(CHROMIUM)) problems.push(`${CHROMIUM} is missing (Debian package chromium)`);
  if (problems.length) {
    throw new Error(`${problems.join('; ')}.\nRun: bash scripts/vscode/setup.sh`);
  }
}

/** Runs a command in the repo root, inheriting stdio; throws on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  }
}

/**
 * A throwaway folder under .vscode-test/tmp (git-ignored) holding the user data,
 * extensions, XDG folders, the Chromium profile and the workspace. Removed by
 * `dispose()` unless KEEP_VSCODE_TEST_TMP=1.
 */
export function makeScratch(prefix, userSettings = {}) {
  const base = join(ROOT, '.vscode-test/tmp');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${prefix}-`));
  const paths = {
    dir,
    userData: join(dir, 'user-data'),
    extensions: join(dir, 'extensions'),
    xdg: join(dir, 'xdg'),
    profile: join(dir, 'chromium-profile'),
    workspace: join(dir, 'policy-lens'), // its name is the window title in screenshots
  };
  for (const p of Object.values(paths)) mkdirSync(p, { recursive: true });
  // User settings: no trust prompt, no welcome page, nothing that goes online.
  mkdirSync(join(paths.userData, 'User'), { recursive: true });
  writeFileSync(
    join(paths.userData, 'User/settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'git.enabled': false,
        'npm.autoDetect': 'off',
        'typescript.disableAutomaticTypeAcquisition': true,
        'chat.disableAIFeatures': true,
        'files.hotExit': 'off',
        'window.confirmBeforeClose': 'never',
        ...userSettings,
      },
      null,
      2,
    ),
  );
  return paths;
}

/** Copies seeds/ (and any extra repo-relative files) into the scratch workspace. */
export function populateWorkspace(workspace, extraFiles = []) {
  cpSync(join(ROOT, 'seeds'), join(workspace, 'seeds'), { recursive: true });
  for (const rel of extraFiles) {
    const dest = join(workspace, rel);
    mkdirSync(dirname(dest), { recursive: true });
    cpSync(join(ROOT, rel), dest);
  }
}

/**
 * Starts code-server on 127.0.0.1 with a port chosen by the OS (port 0, read back from
 * its log), in its own process group so that stopping it stops its children (the
 * extension host) too. Resolves to { url, port, pid, stop(), stopped() } once /healthz
 * answers.
 */
export async function startCodeServer(scratch, { log = () => {}, env = {}, port: wantedPort = 0 } = {}) {
  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr', `127.0.0.1:${wantedPort}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir', scratch.userData,
    '--extensions-dir', scratch.extensions,
  ];
  const childEnv = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: join(scratch.xdg, 'config'),
    XDG_DATA_HOME: join(scratch.xdg, 'data'),
    XDG_CACHE_HOME: join(scratch.xdg, 'cache'),
    TMPDIR: scratch.dir,
    ...env,
  };
  // Not inherited from whatever runs this script (a VS Code terminal, npm).
  for (const k of ['ELECTRON_RUN_AS_NODE', 'VSCODE_IPC_HOOK_CLI', 'NODE_OPTIONS', 'VSCODE_PID', 'VSCODE_CWD']) {
    delete childEnv[k];
  }
  const child = spawn(process.execPath, args, {
    cwd: scratch.dir,
    detached: true, // own process group: stop() kills it and everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv,
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stopped = () =>
    exited ? Promise.resolve() : new Promise((res) => child.once('exit', () => res()));
  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {} // ESRCH: the group is gone
  };
  /** SIGTERM to the whole process group; SIGKILL to what is left of it after 3 s. */
  const stop = async () => {
    if (child.pid === undefined) return;
    killGroup('SIGTERM');
    await Promise.race([stopped(), new Promise((r) => setTimeout(r, 3000))]);
    killGroup('SIGKILL');
  };

  const port = await new Promise((res, rej) => {
    let buf = '';
    const timer = setTimeout(() => rej(new Error(`code-server did not start in 30 s:\n${buf}`)), 30000);
    const onData = (d) => {
      const s = d.toString();
      buf += s;
      for (const line of s.split('\n')) if (line.trim()) log(line);
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        res(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      rej(new Error(`code-server exited (${code ?? sig}) before listening:\n${buf}`));
    });
  }).catch(async (e) => {
    await stop();
    throw e;
  });

  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {}
    if (i > 100) {
      await stop();
      throw new Error('code-server did not answer /healthz');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, pid: child.pid, stop, stopped };
}

/**
 * The workbench URL for a folder with a payload ([key, value] pairs, as VS Code's own
 * tests use). `developmentPath` is the extension loaded in development (this repo by
 * default; a stand-in when the tests run against an installed VSIX).
 */
export function workbenchUrl(server, folder, { extensionTestsPath, developmentPath = ROOT, extra = [] } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(developmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true'], ...extra);
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Debian's Chromium, headless, in the scratch profile; nothing of Chromium's goes online. */
export async function launchBrowser(scratch, { width = 1280, height = 800, verbose = false } = {}) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(scratch.profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Chromium's crash database and GTK's dconf would otherwise land in $HOME.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(scratch.xdg, 'browser-config'),
      XDG_CACHE_HOME: join(scratch.xdg, 'browser-cache'),
    },
    // The scripts stop the browser themselves, in order, on Ctrl-C and SIGTERM.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: { width, height },
    deviceScaleFactor: 1,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--disable-default-apps',
      '--disable-extensions',
    ],
  });
  // Offline by construction: any request that would leave this machine is refused
  // (and reported with --verbose), so nothing depends on the network.
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname) && /^(https?|wss?):$/.test(url.protocol),
    (route) => {
      if (verbose) console.error(`[browser] refused ${route.request().url()}`);
      return route.abort('blockedbyclient');
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close().catch(() => {}) };
}

export function removeScratch(scratch) {
  if (process.env.KEEP_VSCODE_TEST_TMP === '1') {
    console.error(`(kept ${scratch.dir})`);
    return;
  }
  rmSync(scratch.dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Installs a VSIX into the scratch profile's extensions folder with code-server's own
 * `--install-extension` (offline: the file is local), as a user would.
 */
export function installExtension(scratch, vsix) {
  run(process.execPath, [CODE_SERVER_ENTRY, '--extensions-dir', scratch.extensions, '--user-data-dir', scratch.userData, '--install-extension', vsix], {
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: join(scratch.xdg, 'config'), XDG_DATA_HOME: join(scratch.xdg, 'data'), XDG_CACHE_HOME: join(scratch.xdg, 'cache') },
  });
}

/**
 * A stand-in development extension (no code): VS Code runs extension tests only with
 * one, and with it the installed copy of Policy Lens is the one that loads.
 */
export function makeTestHost(scratch) {
  const dir = join(scratch.dir, 'test-host');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'policy-lens-test-host', publisher: 'policy-lens-tests', version: '0.0.0', engines: { vscode: '^1.100.0' } }, null, 2),
  );
  return dir;
}
