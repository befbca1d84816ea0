"""Child process for bench_startup: start one app headless, note when its first screen painted, idle, exit.

``python -m benchmarks._startup_child nutri|bare|content``; prints one JSON line. BENCH_LAUNCH is the
parent's time.perf_counter() just before it started this process (CLOCK_MONOTONIC on Linux and
macOS, so comparable across processes); the time since it includes interpreter start and imports.
"""

import time

TOP = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

IDLE_S = 1.5
"""Peak memory is read this long after the first paint (issue 15: "once idle 1.5 s after start")."""


def peak_rss_mib() -> float:
    """This process's peak resident memory. On Linux VmHWM, because ru_maxrss survives exec and so
    would report the parent's peak when the parent is larger (subprocess uses vfork + exec)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main() -> None:
    if sys.argv[1] == "nutri":
        from nutri_tui.tui.app import NutriTuiApp as AppClass
    elif sys.argv[1] == "content":
        from benchmarks.bare_app import KnowledgeBaseApp as AppClass
    else:
        from benchmarks.bare_app import BareApp as AppClass
    from benchmarks._common import PaintSpy

    app = AppClass()
    spy = PaintSpy(app)
    found: dict[str, object] = {}

    async def auto_pilot(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pauses = 1
        while spy.painted(pilot.app.screen) is None and pauses < 50:  # normally painted after the first pause
            await pilot.pause()
            pauses += 1
        found["ready"] = time.perf_counter()
        found["painted"] = spy.painted(pilot.app.screen)
        found["screen"] = type(pilot.app.screen).__name__
        found["pauses"] = pauses
        found["peak_at_paint_mib"] = peak_rss_mib()
        # Peak memory once idle: nutri-tui loads and validates its content 0.25 s after start-up, so
        # reading it at the first paint missed the real peak. Read 1.5 s after the first paint.
        painted = float(found["painted"] or found["ready"])  # type: ignore[arg-type]
        await asyncio.sleep(max(0.0, painted + IDLE_S - time.perf_counter()))
        await pilot.pause()
        found["peak_mib"] = peak_rss_mib()
        pilot.app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=auto_pilot)
    launch = float(os.environ.get("BENCH_LAUNCH", TOP))
    ready = float(found["ready"])  # type: ignore[arg-type]
    print(
        json.dumps(
            {
                "startup_s": ready - launch,
                "in_script_s": ready - TOP,
                "first_paint_s": float(found["painted"] or ready) - launch,  # type: ignore[arg-type]
                "peak_mib": found["peak_mib"],
                "peak_at_paint_mib": found["peak_at_paint_mib"],
                "screen": found["screen"],
                "pauses": found["pauses"],
            }
        )
    )


if __name__ == "__main__":
    main()
