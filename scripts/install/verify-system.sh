#!/usr/bin/env bash
# Verifies that this machine has everything in requirements.txt: each GStreamer element, executable, Python module,
# ffmpeg component, the browser and the tools installed into $PLATFORM_TOOLS_DIR. Prints one line per kind, and for
# anything missing the Debian package or install script that brings it; exits non-zero if something is missing. `./platform install` runs it after installing.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
python=/usr/bin/python3
camera_script="$repo_root/src/LocalInfra/Resources/rtsp_camera.py"
tools_dir="${PLATFORM_TOOLS_DIR:-$repo_root/.platform/tools}"

missing=()
declare -A checked=()
note_missing() { missing+=("$1 (Debian package: $2)"); }

ffmpeg_lists() { ffmpeg -hide_banner "-$1" 2>/dev/null; }
ffmpeg_has() { # kind name: the name appears as a word in its list (muxers: " E mp4 ...", encoders: " V....D mjpeg ...")
  local list
  case "$1" in
    ffmpeg-muxer) list="$muxers" ;; ffmpeg-demuxer) list="$demuxers" ;;
    ffmpeg-encoder) list="$encoders" ;; ffmpeg-filter) list="$filters" ;;
  esac
  awk -v n="$2" '{ for (i = 1; i <= 3 && i <= NF; i++) { split($i, names, ","); for (j in names) if (names[j] == n) found = 1 } } END { exit !found }' <<<"$list"
}

executable_exists() {
  case "$1" in
    /*) compgen -G "$1" >/dev/null ;;
    *) command -v "$1" >/dev/null ;;
  esac
}

chromium_starts() {
  local profile output
  profile="$(mktemp -d)"
  output="$(timeout 60 "$1" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --no-first-run --user-data-dir="$profile" --dump-dom 'data:text/html,<p>chromium-started</p>' 2>/dev/null)"
  rm -rf "$profile"
  grep -q chromium-started <<<"$output"
}

muxers="$(ffmpeg_lists muxers)"; demuxers="$(ffmpeg_lists demuxers)"
encoders="$(ffmpeg_lists encoders)"; filters="$(ffmpeg_lists filters)"

while read -r kind name package; do
  [[ -z "$kind" || "$kind" == \#* ]] && continue
  checked[$kind]=$(( ${checked[$kind]:-0} + 1 ))
  case "$kind" in
    gst-element) gst-inspect-1.0 --exists "$name" 2>/dev/null || note_missing "GStreamer element $name" "$package" ;;
    executable) executable_exists "$name" || note_missing "program $name" "$package" ;;
    python-module)
      if [[ "$name" == gi ]]; then
        "$python" -c 'import gi' 2>/dev/null || note_missing "Python module gi for $python" "$package"
      else
        "$python" -c "import gi; gi.require_version('$name', '1.0'); from gi.repository import $name" 2>/dev/null \
          || note_missing "GObject introspection data $name for $python" "$package"
      fi ;;
    ffmpeg-*) ffmpeg_has "$kind" "$name" || note_missing "ffmpeg ${kind#ffmpeg-} $name" "$package" ;;
    browser) { executable_exists "$name" && chromium_starts "$name"; } || note_missing "a browser that starts headless at $name" "$package" ;;
    prerequisite) command -v "$name" >/dev/null || missing+=("$name: $package") ;;
    installed-tool) [[ -f "$tools_dir/$name/.install-stamp" ]] \
      || missing+=("$name: not installed in $tools_dir/$name (bash $repo_root/$package installs it)") ;;
    *) missing+=("unknown kind '$kind' in requirements.txt") ;;
  esac
done <"$here/requirements.txt"

# Every element the camera pipeline names must be a line above, or the check would miss what a new camera needs.
if [[ -x "$python" && -f "$camera_script" ]]; then
  while read -r element; do
    grep -qE "^gst-element +$element " "$here/requirements.txt" \
      || missing+=("GStreamer element $element: used by $camera_script but not in requirements.txt")
  done < <("$python" "$camera_script" --list-elements)
fi

summary=""
for kind in "${!checked[@]}"; do summary+="${checked[$kind]} $kind, "; done
if [ ${#missing[@]} -gt 0 ]; then
  printf 'platform: this machine lacks what the platform needs:\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  printf 'Install the packages named (apt-get install -y PACKAGE) and run ./platform install again.\n' >&2
  exit 1
fi
echo "System check: all present (${summary%, })"
