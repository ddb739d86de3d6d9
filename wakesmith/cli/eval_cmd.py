"""`wakesmith eval --config CFG`: metrics, curves and the cutoff, measured on the exported streaming model."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from wakesmith.cli.console import console


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="metrics, curves and the probability cutoff for an exported model",
        description="Stream the exported int8 model over the testing feature stores (positive/negative/background) "
        "and the testing_ambient store, like the device does (sliding-window mean, cool-down). Writes "
        "metrics.json, PNG plots and report.md into evaluation.report_dir, model_card.md beside the model, and "
        "sets the manifest's probability_cutoff to the cutoff with the most recall at the target false accepts "
        "per hour (the highest such cutoff on ties).",
    )
    parser.add_argument("--config", required=True, type=Path, help="config.yaml")
    parser.add_argument(
        "--model",
        type=Path,
        default=None,
        help="manifest PATH.json (default: <export.output_dir>/<export.model_name>.json)",
    )
    parser.add_argument(
        "--engine",
        choices=("tflite", "micro"),
        default="tflite",
        help="interpreter for the full run: tflite (fast, default) or micro (tflite_micro, the device stand-in); "
        "a sample always runs on both to show they agree",
    )
    parser.add_argument(
        "--keep-cutoff", action="store_true", help="report only: leave the manifest's probability_cutoff unchanged"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's start-up chatter hides the results
    from wakesmith.config import load_config
    from wakesmith.errors import WakesmithError
    from wakesmith.evaluation.pipeline import run_evaluation

    config = load_config(args.config)
    manifest_path = args.model or config.export.output_dir / f"{config.export.model_name}.json"
    if manifest_path.suffix == ".tflite":
        manifest_path = manifest_path.with_suffix(".json")
    if not manifest_path.is_file():
        raise WakesmithError(f"model manifest {manifest_path} not found: run `wakesmith export --config CFG` first")
    outcome = run_evaluation(config, manifest_path, engine=args.engine, update_manifest=not args.keep_cutoff)
    result = outcome.result
    console.print(f"[bold]{result.headline}[/]")
    for target, point in result.operating_points.items():
        console.print(
            f"  {target} FAH: recall {point['recall'] * 100:.1f} %, false rejection "
            f"{point['false_rejection_rate'] * 100:.1f} %, cutoff {point['cutoff']:.2f}"
        )
    console.print(f"  average viable recall {result.average_viable_recall:.3f}; {result.ambient_hours:.2f} h ambient")
    if result.agreement:
        a = result.agreement
        console.print(
            f"  {a['engines'][0]} vs {a['engines'][1]}: max output difference {a['max_abs_diff_raw']}/255 "
            f"over {a['clips']} clips"
        )
    for note in result.notes:
        console.print(f"  [yellow]note:[/] {note}")
    action = "updated" if outcome.manifest_updated else "left unchanged"
    console.print(f"report: {outcome.paths['report']}; model card: {outcome.model_card}; manifest {action}")
    return 0
