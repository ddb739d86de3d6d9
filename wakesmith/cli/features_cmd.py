"""`wakesmith features --config CFG`: augment + frontend → RaggedMmap feature stores."""

from __future__ import annotations

import argparse
from pathlib import Path

from wakesmith.cli.console import console


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "features",
        help="augment audio and compute device-frontend feature stores",
        description="Build every feature store under <features.work_dir>/features/<set>/<split>/ "
        "(positive, negative, background × training, validation, testing, plus ambient windows). "
        "Stores whose settings and source files are unchanged are skipped; an interrupted run resumes "
        "when re-run.",
    )
    parser.add_argument("--config", required=True, type=Path, help="config.yaml")
    parser.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: features.workers, 0 = all cores)"
    )
    parser.add_argument("--force", action="store_true", help="rebuild every store, even the up-to-date ones")
    parser.set_defaults(func=run)


class RichProgress:
    """The build's progress as a rich bar with clips/s and ETA; the display starts on the first store."""

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("[bold]{task.description:<32}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} clips/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task = None

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("features", total=total, rate="-")

    def store(self, name: str) -> None:
        self.bar.update(self.task, description=name)

    def advance(self, units: int) -> None:
        self.bar.advance(self.task, units)
        speed = self.bar.tasks[0].speed
        self.bar.update(self.task, rate=f"{speed:.1f}" if speed else "-")

    def stop(self) -> None:
        if self.task is not None:
            self.bar.stop()


def run(args: argparse.Namespace) -> int:
    from wakesmith.config.loader import load_config
    from wakesmith.errors import WakesmithError
    from wakesmith.features.build import build_features

    if args.workers is not None and args.workers < 0:
        raise WakesmithError("--workers must be 0 (all cores) or a positive number")
    config = load_config(args.config)
    progress = RichProgress()
    try:
        summary = build_features(config, workers=args.workers, force=args.force, progress=progress)
    finally:
        progress.stop()
    for note in summary.notes:
        console.print(f"[yellow]warning:[/] {note}", highlight=False)
    root = config.features.work_dir / "features"
    if not summary.built:
        console.print(f"feature stores up to date ({len(summary.skipped)} stores in {root})")
        return 0
    rate = summary.clips / summary.seconds if summary.seconds else 0.0
    console.print(
        f"built {len(summary.built)} stores ({summary.clips} augmented clips, {rate:.1f} clips/s, "
        f"{summary.workers} workers), {len(summary.skipped)} up to date, in {root}"
    )
    return 0
