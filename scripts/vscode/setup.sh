#!/usr/bin/env bash
# Prepares this machine for the real-VS Code integration tests (npm run test:vscode)
# and screenshots (npm run screenshot), offline: only Debian's packages and the npm
# registry are used. Idempotent: each step is skipped when its result is already there.
#
#   - Debian: chromium (driven by playwright-core), ripgrep (code-server's search,
#     see below), libkrb5-dev + build tools (code-server's native modules are built
#     from source), Noto CJK fonts (Chinese text in screenshots).
#   - code-server@4.100.3 (VS Code 1.100.3, the last npm release that runs on
#     Node 20) into .vscode-test/code-server, never into package.json.
#
# Usage: bash scripts/vscode/setup.sh        (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"

CODE_SERVER_VERSION=4.100.3
RIPGREP_NPM_VERSION=1.15.11              # @vscode/ripgrep used by code-server 4.100.3
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
DEST="$ROOT/.vscode-test/code-server"
START=$SECONDS

step() { printf '[setup %3ds] %s\n' $((SECONDS - START)) "$*"; }

SUDO=
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

# --- 1. Debian packages -------------------------------------------------------
APT_PACKAGES=(chromium ripgrep libkrb5-dev make g++ python3 pkg-config fonts-noto-cjk)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  step "Debian packages already installed"
fi

# --- 2. code-server -----------------------------------------------------------
installed_version() {
  node -p "require('$DEST/node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [ -f "$DEST/.installed" ] && [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] \
   && [ -x "$DEST/node_modules/.bin/code-server" ]; then
  step "code-server $CODE_SERVER_VERSION already installed in ${DEST#$ROOT/}"
else
  step "installing code-server@$CODE_SERVER_VERSION into ${DEST#$ROOT/}"
  rm -rf "$DEST"
  mkdir -p "$DEST"
  # @vscode/ripgrep's postinstall downloads ripgrep from GitHub unless its cache
  # tarball exists: put Debian's rg there (a single `rg` at the archive root).
  # TMPDIR is private to this install so nothing depends on /tmp's contents.
  export TMPDIR="$ROOT/.vscode-test/tmp"
  cache="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_NPM_VERSION"
  mkdir -p "$cache"
  tar -czf "$cache/$RIPGREP_ASSET" -C /usr/bin rg
  # A package.json of its own so npm never walks up to the project's.
  printf '{ "name": "policy-lens-code-server", "private": true }\n' > "$DEST/package.json"
  (
    cd "$DEST"
    export npm_config_unsafe_perm=true   # root: let install scripts run as root
    export npm_config_nodedir=/usr       # build native modules against /usr/include/node
    export npm_config_yes=true           # node-pty's install runs `npx node-gyp`
    export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
    npm install --no-save --no-package-lock --loglevel=error "code-server@$CODE_SERVER_VERSION"
  )
  test "$(installed_version)" = "$CODE_SERVER_VERSION"
  # Even --version writes a default config and data folder: keep them out of $HOME.
  XDG_CONFIG_HOME="$TMPDIR/xdg" XDG_DATA_HOME="$TMPDIR/xdg" \
    "$DEST/node_modules/.bin/code-server" --version 2>/dev/null | tail -1
  rm -rf "$TMPDIR/xdg"
  touch "$DEST/.installed"
fi

step "done in $((SECONDS - START)) s"
