"""`wakesmith export --config CFG`: streaming int8 .tflite + V2 manifest with a measured arena."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from wakesmith.cli.console import console


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="streaming int8 .tflite + V2 manifest (measured arena) for ESPHome",
        description=(
            "Build the streaming model from the trained weights, quantize it to int8 with representative strides "
            "from the training feature stores, write <export.output_dir>/<name>.tflite and the V2 manifest "
            "<name>.json (tensor_arena_size measured in tflite_micro plus export.arena_margin), compare int8 "
            "against float decisions on the test stores and write <name>.export.json."
        ),
    )
    parser.add_argument("--config", type=Path, required=True, help="config.yaml")
    parser.add_argument("--weights", type=Path, help="weights .npz (default: <training.run_dir>/best_weights.npz)")
    parser.add_argument("--name", help="model file name without extension (default: export.model_name)")
    parser.add_argument(
        "--skip-agreement", action="store_true", help="do not compare int8 against float on the test stores"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before TensorFlow loads: keep its C++ chatter out
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from wakesmith.config.loader import load_config
    from wakesmith.export.exporter import export_model

    config = load_config(args.config)
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
    )
    task = None

    def on_clip(done: int, total: int) -> None:
        nonlocal task
        if task is None:
            progress.start()
            task = progress.add_task("int8 vs float", total=total)
        progress.update(task, completed=done)
        if done == total:
            progress.stop()

    def status(message: str) -> None:
        console.print(f"[dim]export:[/] {message}", highlight=False)

    try:
        result = export_model(
            config,
            weights_path=args.weights,
            name=args.name,
            status=status,
            check_agreement=not args.skip_agreement,
            on_clip=on_clip,
        )
    finally:
        progress.stop()
    console.print(
        f"[green]exported[/] {result.tflite_path} + {result.manifest_path.name} "
        f"(arena {result.tensor_arena_size} bytes, ESPHome ≥ {result.minimum_esphome_version}); "
        f"report {result.report_path}"
    )
    if result.agreement is not None and not result.agreement.passed:
        console.print(f"[yellow]warning:[/] {result.agreement.summary()}")
    return 0
