#!/usr/bin/env bash
# Installs the local S3-compatible server (npm @20minutes/s3rver, pinned by infra/s3rver/package-lock.json)
# into "$PLATFORM_TOOLS_DIR/s3rver" (default <repo>/.platform/tools/s3rver) and applies our fixes to it
# (infra/s3rver/patches/*.patch, unified diffs against the package's lib/).
#
# Idempotent: the install holds a stamp with a hash of the lock file and the patches; when it matches,
# nothing is done. The new install is built beside the old one and moved into place only when every patch
# applied, so an interrupted or failed run never leaves a half-patched server that tests would trust.
set -euo pipefail

tool_name=s3rver
source "$(dirname "${BASH_SOURCE[0]}")/installed-tool.sh"
source_dir="$repo_root/infra/s3rver"
package_subdir="node_modules/@20minutes/s3rver"

command -v node >/dev/null || fail "node is not on PATH (Node >= 20 is needed)."
command -v npm >/dev/null || fail "npm is not on PATH."
command -v patch >/dev/null || fail "patch is not on PATH (apt-get install patch)."

shopt -s nullglob
patches=("$source_dir"/patches/*.patch)
shopt -u nullglob

# The stamp covers everything that decides the installed bytes: the pinned dependency tree and the patches
# (names and contents, in the order they are applied).
stamp="$(
  {
    sha256sum "$source_dir/package.json" "$source_dir/package-lock.json" | awk '{print $1}'
    for p in "${patches[@]}"; do
      printf '%s %s\n' "$(basename "$p")" "$(sha256sum "$p" | awk '{print $1}')"
    done
  } | sha256sum | awk '{print $1}'
)"

if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" && -f "$install_dir/$package_subdir/lib/cli.js" ]]; then
  log "Already installed and patched in $install_dir (stamp ${stamp:0:12}); nothing to do."
  exit 0
fi

log "Installing @20minutes/s3rver (pinned by infra/s3rver/package-lock.json) into $install_dir"
mkdir -p "$tools_dir"
staging="$(mktemp -d "$tools_dir/s3rver.staging.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

cp "$source_dir/package.json" "$source_dir/package-lock.json" "$staging/"
log "Running npm ci"
(cd "$staging" && npm ci --no-audit --no-fund --loglevel=error)

package_dir="$staging/$package_subdir"
[[ -f "$package_dir/lib/cli.js" ]] || fail "npm ci finished but $package_subdir/lib/cli.js is missing."
installed_version="$(node -p "require('$package_dir/package.json').version")"
log "Installed @20minutes/s3rver $installed_version"

for p in "${patches[@]}"; do
  name="$(basename "$p")"
  log "Applying patch $name"
  # A dry run first, so a patch that no longer fits leaves no half-edited files behind and names itself.
  if ! dry_run_output="$(patch -p1 --forward --batch --dry-run -d "$package_dir/lib" -i "$p" 2>&1)"; then
    printf '%s\n' "$dry_run_output" >&2
    fail "patch $name no longer applies to @20minutes/s3rver $installed_version lib/. Update or remove infra/s3rver/patches/$name (see the output above)."
  fi
  patch -p1 --forward --batch --no-backup-if-mismatch -d "$package_dir/lib" -i "$p" >/dev/null \
    || fail "patch $name passed its dry run but failed to apply."
done
if [[ ${#patches[@]} -eq 0 ]]; then
  log "No patches in infra/s3rver/patches"
fi

printf '%s\n' "$stamp" > "$staging/.install-stamp"
rm -rf "$install_dir"
mv "$staging" "$install_dir"
trap - EXIT
log "Done: $install_dir (stamp ${stamp:0:12}, ${#patches[@]} patch(es) applied)"
