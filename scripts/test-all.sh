#!/usr/bin/env bash
# Sets up and runs every test on a fresh Debian machine with Node 20 (as root, or
# with sudo for apt-get): unit tests (vitest), the Debian opencc reference, and
# the extension inside a real VS Code (code-server + Debian Chromium), offline.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

# Debian's opencc is the independent reference the conversion tests compare against.
if ! command -v opencc >/dev/null; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq opencc >/dev/null
fi

npm ci --no-audit --no-fund
# code-server 4.100.3 into .vscode-test/, Chromium, fonts. Before the unit tests: the
# grammar's tests use code-server's Oniguruma and Markdown grammar when they are there.
bash scripts/vscode/setup.sh
npm test                      # type check, build, unit tests
npm run test:vscode           # integration tests in the real extension host
npm run test:web              # the same bundle in the web worker extension host

# The VSIX as a user gets it: packaged offline (vsce from the lock file), installed
# into a fresh profile of the real VS Code with --install-extension, smoke-tested there.
rm -f policy-lens-*.vsix
npm run package
npm run test:vscode -- --no-build --installed "$(ls policy-lens-*.vsix)"

# The command line works end to end on a seed.
node dist/cli.js extract seeds/000_dbe85c08eada0134.txt | head -3
