#!/usr/bin/env node
// npm start [-- --port N] [--no-package]
//
// Shows Policy Lens working: builds the VSIX (npm run package), installs it into a
// throwaway profile of a real VS Code (code-server 4.100.3, see setup.sh) with
// `--install-extension`, opens a workspace holding a copy of seeds/, and prints the
// address to open in a browser (127.0.0.1 only). Ctrl-C stops code-server and
// removes the throwaway folder. Nothing is downloaded.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, checkPrerequisites, installExtension, makeScratch, populateWorkspace, removeScratch, run, startCodeServer } from './lib.mjs';

const argv = process.argv.slice(2);
const opts = { port: 0, package: true };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--port') opts.port = Number(argv[++i]);
  else if (a === '--no-package') opts.package = false;
  else if (a === '--help' || a === '-h') {
    console.log('usage: npm start [-- --port N] [--no-package]');
    process.exit(0);
  } else {
    console.error(`unknown argument ${a}\nusage: npm start [-- --port N] [--no-package]`);
    process.exit(2);
  }
}

const say = (msg) => console.log(`[start] ${msg}`);

async function main() {
  checkPrerequisites();
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const vsix = join(ROOT, `${name}-${version}.vsix`);
  if (opts.package || !existsSync(vsix)) {
    say('building the VSIX (npm run package)');
    run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const scratch = makeScratch('start', { 'editor.wordWrap': 'on', 'workbench.startupEditor': 'none' });
  populateWorkspace(scratch.workspace);
  say(`installing ${name}-${version}.vsix`);
  installExtension(scratch, vsix);

  let server;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping');
    await server?.stop();
    removeScratch(scratch);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  server = await startCodeServer(scratch, { port: opts.port });
  const url = `${server.url}/?folder=${encodeURIComponent(scratch.workspace)}`;
  console.log(`\nPolicy Lens ${version} is running in VS Code (code-server) with the seeds open:\n\n    ${url}\n\nOpen a seed (seeds/*.txt) to see highlights, hovers and the Projects view (activity bar).\nPress Ctrl-C to stop.\n`);
  await server.stopped();
  if (!stopping) {
    console.error('[start] code-server stopped by itself');
    removeScratch(scratch);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(`[start] ${e.stack ?? e}`);
  process.exit(1);
});
