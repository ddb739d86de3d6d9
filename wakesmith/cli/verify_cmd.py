"""`wakesmith verify PATH [PATH…]`: will this model load on ESPHome? Exit 0 only when every model will."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from wakesmith.cli.console import console

_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red", "info": "cyan"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check that a model will load on ESPHome (manifest, ops, tensors, arena, state)",
        description=(
            "Verify manifests (.json, model path relative to it) or bare .tflite files against what ESPHome's "
            "micro_wake_word checks when it loads a model: closed V2 manifest schema, flatbuffer version, op list, "
            "minimum ESPHome version, int8 [1, stride, 40] input, uint8 [1, 1] output, resource variables, and a "
            "run in tflite_micro with the manifest's arena (the minimal arena is measured and reported). With "
            "several paths, also whether they fit on one device together. Exit status 0 only when every model "
            "will load; 1 when one will not."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="manifest .json or .tflite")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument(
        "--strides", type=int, default=50, help="inferences in the determinism run (default: 50)", metavar="N"
    )
    parser.add_argument(
        "--esphome",
        action="store_true",
        help="also run `esphome config` on a minimal device YAML (needs ESPHome's venv: create it once with "
        "`python -m wakesmith.export.esphome_judge --install`)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from wakesmith.export.verify import verify_paths

    if args.strides < 1:
        from wakesmith.errors import WakesmithError

        raise WakesmithError("--strides must be at least 1")
    with console.status("verifying (measuring arenas in tflite_micro)…", spinner="dots") if not args.json else _null():
        result = verify_paths(args.paths, strides=args.strides)
        if args.esphome:
            from wakesmith.export.esphome_judge import judge_reports

            judge_reports(result)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        _render(result)
    return 0 if result.ok else 1


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _render(result) -> None:
    for model in result.models:
        title = f"{model.path}" + (
            f" → {model.model_path.name}" if model.kind == "manifest" and model.model_path else ""
        )
        console.print(_checks_table(title, model.checks))
        verdict = "[green]will load on ESPHome[/]" if model.ok else "[bold red]will NOT load on ESPHome[/]"
        extra = ""
        if model.minimal_arena is not None:
            extra = f"; minimal arena {model.minimal_arena} bytes (host {model.host_minimal_arena})"
            if model.margin is not None:
                extra += f", manifest margin {model.margin:.1%}"
        console.print(f"{verdict}{extra}\n", highlight=False)
    if len(result.models) > 1:
        console.print(_checks_table("together on one device", result.group))
        verdict = "[green]all OK[/]" if result.ok else "[bold red]NOT OK[/]"
        console.print(f"{verdict}: {len(result.models)} models", highlight=False)


def _checks_table(title: str, checks):
    """One row per check: name, coloured status, one-line message."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    table.add_column("check", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("result", overflow="fold")
    for check in checks:
        table.add_row(check.name, f"[{_STYLE[check.status]}]{check.status}[/]", check.message)
    return table
