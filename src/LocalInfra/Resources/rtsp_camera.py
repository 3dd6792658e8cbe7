#!/usr/bin/python3
"""A test RTSP camera: a GStreamer RTSP server on 127.0.0.1 serving live H.264 test patterns.

Each mount is a shared live stream (all clients see the same frames, as with a real camera). Every frame
carries the wall-clock time (UTC, milliseconds) at which it was produced, burnt into the picture, so tests
can prove when a recorded frame was captured. Prints "READY rtsp://127.0.0.1:PORT" once it listens and
exits with code 0 on SIGTERM or SIGINT.

Run with the system interpreter (/usr/bin/python3): it needs python3-gi and gir1.2-gst-rtsp-server-1.0.
`--list-elements` prints the GStreamer elements the pipeline uses, one per line, and needs neither: the install
step checks each with gst-inspect-1.0, and a test checks that the install list brings the package of each.
"""

import argparse
import signal
import sys
import time

# A different picture per mount makes a mixed-up mount visible at a glance. All are cheap to encode
# (no snow: noise costs x264 several times the CPU and bitrate of the rest).
PATTERNS = ["ball", "smpte", "pinwheel", "spokes", "gamut", "circular"]

# Exit code when the port cannot be bound, so the caller can tell "port taken" from other failures.
EXIT_BIND_FAILED = 3


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--list-elements", action="store_true", help="print the pipeline's elements and exit")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--mount", action="append", default=[], help="mount name; repeat for several")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--fps", type=int, default=25)
    parser.add_argument("--gop-seconds", type=float, default=2.0)
    parser.add_argument("--bitrate-kbps", type=int, default=2000)
    return parser.parse_args(argv)


def launch_line(args, pattern):
    gop_frames = max(1, round(args.fps * args.gop_seconds))
    # clock: wall-clock time with milliseconds, set per frame by a pad probe (clockoverlay's strftime
    # format has no sub-second field). timeoverlay: the pipeline's running time, which starts at 0 each
    # time a mount goes from no clients to one (a fresh pipeline), so a restart is visible in the picture.
    # scenecut=0 keeps keyframes exactly on the GOP grid, as a real camera's fixed GOP does.
    return (
        f"( videotestsrc is-live=true pattern={pattern} "
        f"! video/x-raw,width={args.width},height={args.height},framerate={args.fps}/1 "
        "! textoverlay name=clock valignment=top halignment=left font-desc=\"Monospace 28\" wrap-mode=none "
        "shaded-background=true "
        "! timeoverlay valignment=bottom halignment=left font-desc=\"Monospace 20\" "
        "shaded-background=true "
        "! videoconvert "
        f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={gop_frames} "
        f"bitrate={args.bitrate_kbps} option-string=scenecut=0 "
        "! rtph264pay name=pay0 pt=96 config-interval=1 )"
    )


def pipeline_elements(launch):
    """The element names of a launch line: the first word of each '!'-separated part that is not a caps filter."""
    names = []
    for part in launch.strip("() ").split("!"):
        words = part.split()
        if words and "/" not in words[0] and words[0] not in names:
            names.append(words[0])
    return names


def stamp_wall_clock(mount):
    """A probe that writes the wall-clock time into the overlay just before it draws this frame."""

    def probe(_pad, info, overlay):
        now = time.time()
        text = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}Z"
        overlay.set_property("text", f"{mount}  {text}")
        return Gst.PadProbeReturn.OK

    return probe


def make_factory(args, mount, pattern):
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch_line(args, pattern))
    # Shared: one pipeline per mount however many clients watch, like a camera's single encoder.
    factory.set_shared(True)
    # Suspend mode NONE: with RESET the shared pipeline is torn down between DESCRIBE and PLAY, and a second
    # client arriving in that window gets "503 Service Unavailable" (reproduced with two ffprobes at once).
    # Once the last client leaves the pipeline stops anyway, and the next client gets a fresh one.
    factory.set_suspend_mode(GstRtspServer.RTSPSuspendMode.NONE)
    factory.set_stop_on_disconnect(True)
    # No EOS on shutdown: it would keep a dying pipeline around until the EOS drains through the encoder.
    factory.set_eos_shutdown(False)
    # Not seekable, like a camera. Otherwise every PLAY (ffmpeg sends "Range: npt=0.000-") makes a flushing
    # seek on the shared pipeline: it restarts the source's clock and forces a keyframe for every client.
    # The RTSP media counts itself unseekable when it publishes clock and offset (RFC 7273 SDP lines).
    factory.set_publish_clock_mode(GstRtspServer.RTSPPublishClockMode.CLOCK_AND_OFFSET)

    def on_media_configure(_factory, media):
        element = media.get_element()
        overlay = element.get_by_name("clock")
        overlay.get_static_pad("video_sink").add_probe(
            Gst.PadProbeType.BUFFER, stamp_wall_clock(mount), overlay)

    factory.connect("media-configure", on_media_configure)
    return factory


def main(argv):
    args = parse_args(argv)
    if args.list_elements:
        print("\n".join(pipeline_elements(launch_line(args, PATTERNS[0]))))
        return 0
    if not args.port or not args.mount:
        print("rtsp_camera.py: --port and at least one --mount are required", file=sys.stderr)
        return 2

    return serve(args)


def load_gstreamer():
    """Imported on use, so that --list-elements works on a machine that lacks GStreamer's Python bindings."""
    global GLib, Gst, GstRtspServer
    import gi

    gi.require_version("Gst", "1.0")
    gi.require_version("GstRtspServer", "1.0")
    from gi.repository import GLib, Gst, GstRtspServer  # noqa: F401 (module globals for the functions above)


def serve(args):
    load_gstreamer()
    Gst.init(None)

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    mounts = server.get_mount_points()
    for index, mount in enumerate(args.mount):
        mounts.add_factory("/" + mount, make_factory(args, mount, PATTERNS[index % len(PATTERNS)]))

    loop = GLib.MainLoop()
    if server.attach(None) == 0:
        print(f"BIND-FAILED 127.0.0.1:{args.port}", flush=True)
        return EXIT_BIND_FAILED

    for signum in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, loop.quit)

    print(f"READY rtsp://127.0.0.1:{server.get_bound_port()}", flush=True)
    loop.run()
    print("STOPPED", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
