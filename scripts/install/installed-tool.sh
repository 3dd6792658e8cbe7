# Sourced by the install steps of the tools that are no Debian package (s3rver.sh, helm.sh), after they set tool_name:
# where such a tool goes and how its step reports. Each step writes $stamp_file last, when the install is complete;
# verify-system.sh and the installation tests look for it (requirements.txt, kind installed-tool).
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools_dir="${PLATFORM_TOOLS_DIR:-$repo_root/.platform/tools}"
install_dir="$tools_dir/$tool_name"
stamp_file="$install_dir/.install-stamp"

log() { printf '[%s] %s\n' "$tool_name" "$*"; }
fail() { printf '[%s] ERROR: %s\n' "$tool_name" "$*" >&2; exit 1; }
