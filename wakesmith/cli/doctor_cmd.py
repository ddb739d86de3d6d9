"""`wakesmith doctor`: is this machine ready? Python, packages, tools, disk, backends and accelerators."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table

from wakesmith.cli.console import console


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check Python, packages, espeak-ng/sox, disk space and usable Keras backends/accelerators",
        description="Check the environment; each problem comes with a fix. Exit 1 when a required check fails.",
    )
    parser.add_argument("--config", type=Path, help="config.yaml, to check free disk against what it will need")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from wakesmith.config.loader import load_config
    from wakesmith.doctor import run_checks

    config = load_config(args.config) if args.config else None
    with console.status("probing backends…"):
        checks = run_checks(config)
    table = Table(title="wakesmith doctor")
    for column in ("check", "status", "found", "fix"):
        table.add_column(column, overflow="fold")
    for check in checks:
        status = "[green]ok[/]" if check.ok else ("[red]FAIL[/]" if check.required else "[yellow]optional[/]")
        table.add_row(check.name, status, check.found, "" if check.ok else check.fix)
    console.print(table)
    failed = [c for c in checks if c.required and not c.ok]
    if failed:
        console.print(f"[red]{len(failed)} required check(s) failed[/]")
        return 1
    console.print("[green]ready[/]")
    return 0
