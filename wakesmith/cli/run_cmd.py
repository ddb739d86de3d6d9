"""`wakesmith run --config CFG`: every stage in order, skipping those that are up to date."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table

from wakesmith.cli.console import console
from wakesmith.pipeline.stages import STAGES


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run every stage in order (validate → features → train → export → verify → eval)",
        description="Run every stage in order, skipping stages whose inputs did not change since their last "
        "successful run. Ends with where the model, manifest and report are, and the headline metric.",
    )
    parser.add_argument("--config", required=True, type=Path, help="config.yaml")
    parser.add_argument(
        "--force",
        nargs="+",
        default=[],
        metavar="STAGE",
        help=f"re-run these stages even if up to date ({', '.join(s.name for s in STAGES)}, or all)",
    )
    parser.add_argument("--backend", choices=("tensorflow", "jax", "torch"), help="Keras backend for training")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    summary = execute(args.config, force=args.force, backend=args.backend)
    print_summary(summary)
    return 0


def execute(config_path: Path, force=(), backend: str | None = None):
    from wakesmith.cli.main import main
    from wakesmith.pipeline.runner import run_pipeline

    extra = {"train": ["--backend", backend]} if backend else None
    return run_pipeline(config_path, invoke=main, force=force, announce=_announce, extra_args=extra)


def _announce(message: str) -> None:
    from rich.markup import escape

    console.rule(escape(message), style="cyan")


def print_summary(summary) -> None:
    table = Table(title="wakesmith run", show_header=True)
    table.add_column("stage")
    table.add_column("status")
    table.add_column("time", justify="right")
    for outcome in summary.outcomes:
        table.add_row(outcome.name, outcome.status, f"{outcome.seconds:.1f} s" if outcome.status == "ran" else "")
    console.print(table)
    console.print(f"model:    {summary.model}")
    console.print(f"manifest: {summary.manifest}")
    console.print(f"report:   {summary.report}")
    if summary.headline:
        console.print(f"[bold green]{summary.headline}[/]")
