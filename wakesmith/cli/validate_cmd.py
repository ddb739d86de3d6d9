"""`wakesmith validate`: one line per problem file, a summary per kind, exit 0 only when every file is usable."""

from __future__ import annotations

import argparse
from pathlib import Path

from wakesmith.cli.console import console, error_console
from wakesmith.errors import WakesmithError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check every dataset file (format, length, silence, clipping); --fix writes converted copies",
        description=(
            "Check every file under DATASET/{positive,negative,background,rir}: sample rate, 16-bit PCM, mono, "
            "empty, too short/long for its kind, silent, clipped, unreadable. Prints `path: problem` per bad file "
            "and a summary per kind. Exit 0 when every file is usable, 1 otherwise. With --fix, files in the wrong "
            "format get 16 kHz/16-bit/mono copies under DATASET/.wakesmith-cache/converted/ (originals untouched), "
            "which later stages use."
        ),
    )
    parser.add_argument("--dataset", type=Path, help="dataset folder (default: dataset.root of the config)")
    parser.add_argument(
        "--config",
        type=Path,
        help="config file for limits and split ratios (default: config.yaml beside the dataset folder or in the "
        "current folder, else built-in defaults)",
    )
    parser.add_argument("--fix", action="store_true", help="write converted copies for files in the wrong format")
    parser.set_defaults(func=run)


def resolve_dataset_config(dataset: Path | None, config_path: Path | None):
    """The DatasetConfig to use and where its settings came from."""
    from wakesmith.config.loader import load_config
    from wakesmith.config.models import DatasetConfig

    if config_path is None:
        candidates = ([dataset.parent / "config.yaml"] if dataset is not None else []) + [Path("config.yaml")]
        config_path = next((c for c in candidates if c.is_file()), None)
    if config_path is not None:
        settings = load_config(config_path).dataset
        source = str(config_path)
    else:
        settings = DatasetConfig()
        source = "built-in defaults"
    if dataset is not None:
        settings = settings.model_copy(update={"root": dataset.resolve()})
    return settings, source


def run(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from wakesmith.audio.report import validate_dataset

    settings, source = resolve_dataset_config(args.dataset, args.config)
    root = Path(settings.root)
    if not root.is_dir():
        raise WakesmithError(f"dataset folder not found: {root} (create it with `wakesmith init` or pass --dataset)")
    console.print(f"validating {root} (limits from {source})", highlight=False)

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=error_console, transient=True) as progress:
        tasks: dict[str, int] = {}

        def update(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                label = "scanning headers" if phase == "scan" else ("checking + converting" if args.fix else "checking")
                tasks[phase] = progress.add_task(label, total=total)
            progress.update(tasks[phase], completed=done)

        report = validate_dataset(settings, fix=args.fix, progress=update)

    print_report(report)
    return 0 if report.usable else 1


def print_report(report) -> None:
    from rich.table import Table

    from wakesmith.audio.layout import DATASET_KINDS

    for file in report.problem_files:
        console.print(file.line(), highlight=False, markup=False, soft_wrap=True)
    for relative in report.ignored:
        console.print(f"{relative}: ignored (not a .wav or .flac file)", highlight=False, markup=False)
    for kind in report.empty_required:
        console.print(f"{kind}/: no audio files (required: add some, or run `wakesmith synth`)", highlight=False)
    for kind in report.empty_optional:
        console.print(f"[yellow]warning:[/] {kind}/: no audio files (optional, but recommended)", highlight=False)

    table = Table(title=f"dataset {report.root}")
    for column in ("kind", "files", "hours", "problems", "fixed", "train", "validation", "test"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    summary = report.summary()
    for kind in DATASET_KINDS:
        entry = summary[kind]
        problems = f"[red]{entry.problems}[/]" if entry.problems else "0"
        table.add_row(
            kind,
            str(entry.files),
            f"{entry.hours:.3f}",
            problems,
            str(entry.fixed),
            *(str(entry.splits[s]) for s in ("train", "validation", "test")),
        )
    console.print(table)
    unusable = sum(1 for f in report.files if not f.usable)
    fixable = sum(1 for f in report.files if not f.usable and all(p.fixable for p in f.problems))
    if report.usable:
        console.print("[green]all files usable[/]")
    else:
        hint = f" ({fixable} fixable with `wakesmith validate --fix`)" if fixable else ""
        if unusable:
            console.print(f"[red]{unusable} unusable file(s){hint}[/]", highlight=False)
        else:
            console.print("[red]dataset not usable: a required folder is empty (see above)[/]", highlight=False)
