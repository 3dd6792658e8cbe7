#!/usr/bin/env bash
# Installs the browser libraries of the gateway's web UI (npm packages pinned by src/Gateway/WebLibraries/package-lock.json)
# into src/Gateway/WebLibraries/node_modules. The gateway build copies the files the UI imports from there into
# wwwroot/lib (Gateway.csproj, WebLibrary items) and stops with "run ./platform install" when one is missing; the
# gateway's Dockerfile runs this script in a Node stage for the same result. Nothing is fetched at build time, so a
# build needs no network and no Node, and the browser never reaches a CDN.
#
# Beside the sources, not in $PLATFORM_TOOLS_DIR: what is installed depends on the checkout's lock file (another
# branch may pin other versions), and the build finds it without being told where the tools are.
#
# Idempotent: node_modules holds a stamp with a hash of package.json and the lock file; when it matches, nothing is
# done. npm ci runs in a staging directory and the result replaces node_modules only when it finished, so an
# interrupted run never leaves a half-installed tree that a build would copy from.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source_dir="$repo_root/src/Gateway/WebLibraries"
install_dir="$source_dir/node_modules"
stamp_file="$install_dir/.install-stamp"

log() { printf '[web-libraries] %s\n' "$*"; }
fail() { printf '[web-libraries] ERROR: %s\n' "$*" >&2; exit 1; }

stamp="$(sha256sum "$source_dir/package.json" "$source_dir/package-lock.json" | awk '{print $1}' | sha256sum | awk '{print $1}')"
if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" ]]; then
  log "Already installed in $install_dir (stamp ${stamp:0:12}); nothing to do."
  exit 0
fi

command -v npm >/dev/null || fail "npm is not on PATH (Node.js 20 or newer brings it)."

log "Installing the web UI's libraries (pinned by src/Gateway/WebLibraries/package-lock.json) into $install_dir"
staging="$(mktemp -d "$source_dir/.staging.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
cp "$source_dir/package.json" "$source_dir/package-lock.json" "$staging/"
# --ignore-scripts: these are files for the browser; no package of them needs to run anything to be installed.
(cd "$staging" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || fail "npm ci failed (is the npm registry reachable?)."
(cd "$staging" && node -e '
  const lock = require("./package-lock.json");
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path) continue;
    const installed = require(`./${path}/package.json`).version;
    if (installed !== entry.version) { console.error(`${path}: ${installed} installed, ${entry.version} locked`); process.exit(1); }
    console.log(`[web-libraries] ${path.replace(/^node_modules\//, "")} ${installed}`);
  }') || fail "npm ci installed other versions than package-lock.json pins."

printf '%s\n' "$stamp" > "$staging/node_modules/.install-stamp"
rm -rf "$install_dir"
mv "$staging/node_modules" "$install_dir"
log "Done: $install_dir (stamp ${stamp:0:12})"
