#!/usr/bin/env bash
# Installs what running the extension in a real VS Code needs on a machine
# without access to Microsoft's download servers: Debian's Chromium (to drive
# the workbench), ripgrep and the Kerberos headers (code-server's native
# dependencies), LibreOffice Calc (the CSV export's tests read the files back
# with it; no GUI), and code-server from the npm registry (VS Code's own server
# and web workbench; 4.100.3 = VS Code 1.100.3, which runs on Node 20).
# Idempotent: a second run on the same machine does nothing. code-server is
# cached outside the clone ($CORROBORATE_CACHE, default ~/.cache/corroborate).
# Prints the code-server directory on its last line.
set -euo pipefail

CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${CORROBORATE_CACHE:-$HOME/.cache/corroborate}"
DIR="$CACHE/code-server-$CS_VERSION"
ENTRY="$DIR/node_modules/code-server/out/node/entry.js"

log() { echo "[vscode-setup] $*" >&2; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || missing+=(libkrb5-dev)
# LibreOffice Calc without a GUI: the CSV export's tests read it back with it (test/helpers/libreoffice.ts).
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    log "need root (or sudo) to install: ${missing[*]}"; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

if [ ! -f "$ENTRY" ] || [ ! -f "$DIR/.complete" ]; then
  log "installing code-server $CS_VERSION into $DIR (about a minute)"
  rm -rf "$DIR"
  mkdir -p "$DIR"
  # A short private TMPDIR: code-server's nested @vscode/ripgrep install looks
  # for a cached download there before fetching rg from GitHub (unreachable
  # here). A tarball holding Debian's rg at that path makes the stock install
  # succeed. Version and tag are those code-server 4.100.3 pins.
  tmp="$(mktemp -d /tmp/cs-XXXXXX)"
  trap 'rm -rf "$tmp"' EXIT
  rgcache="$tmp/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rgcache/pkg"
  cp "$(command -v rg)" "$rgcache/pkg/rg"
  tar -czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$rgcache/pkg" rg
  echo '{ "name": "corroborate-code-server", "private": true }' > "$DIR/package.json"
  (
    cd "$DIR"
    TMPDIR="$tmp" \
    npm_config_unsafe_perm=true \
    npm_config_yes=true \
    npm_config_nodedir=/usr \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CS_VERSION" >&2
  )
  # Source maps are half of the install and never needed here.
  find "$DIR/node_modules" -name '*.map' -type f -delete 2>/dev/null || true
  touch "$DIR/.complete"
fi
log "code-server ready: $ENTRY"
echo "$DIR"
