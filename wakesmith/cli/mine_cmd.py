"""`wakesmith mine --config CFG [--rounds N]`: hard negative mining rounds with fine-tuning."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from wakesmith.cli.console import console


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "mine",
        help="find the negative audio that fools the model and fine-tune on it",
        description="Each round exports the current best model (int8 streaming), streams the training split of "
        "every negative feature set through it, stores the windows whose output exceeds mining.threshold in "
        "<work>/features/hard_negative/training (reused by later runs), fine-tunes from the current best for "
        "mining.fine_tune_steps, and keeps the result when its validation metrics are better. Stops early when "
        "a round finds no new hard negative. The chosen weights become <run_dir>/best_weights.npz.",
    )
    parser.add_argument("--config", required=True, type=Path, help="config.yaml")
    parser.add_argument("--rounds", type=int, default=None, help="number of rounds (default: mining.rounds)")
    parser.set_defaults(func=run)


def _fmt(value: float | None, pattern: str) -> str:
    return "–" if value is None else pattern.format(value)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from rich.table import Table

    from wakesmith.config import load_config
    from wakesmith.errors import WakesmithError
    from wakesmith.evaluation.mining_rounds import RoundResult, run_mining

    config = load_config(args.config)
    rounds = args.rounds if args.rounds is not None else config.mining.rounds
    if rounds < 1:
        raise WakesmithError(f"--rounds must be at least 1, got {rounds}")

    table = Table(title="Hard negative mining")
    for column in ("round", "new hard negatives", "stored", "validation FAH", "recall", "avg viable recall", "kept"):
        table.add_column(column, justify="right")

    def on_round(result: RoundResult) -> None:
        row = (
            str(result.round),
            str(result.new_hard_negatives),
            str(result.stored),
            _fmt(result.validation_fah, "{:.2f}"),
            _fmt(result.recall, "{:.1%}"),
            _fmt(result.average_viable_recall, "{:.3f}"),
            "yes" if result.kept else "no",
        )
        table.add_row(*row)
        if result.new_hard_negatives == 0:
            console.print(f"round {result.round}: no new hard negatives above {config.mining.threshold}; stopping")
        else:
            console.print(
                f"round {result.round}: {result.new_hard_negatives} new hard negatives, validation FAH "
                f"{row[3]}, recall {row[4]} ({'kept' if result.kept else 'previous model kept'})"
            )

    results = run_mining(config, rounds, on_round=on_round, status=lambda m: console.print(m, style="dim"))
    console.print(table)
    if any(r.kept for r in results):
        console.print("best weights updated; run `wakesmith export` and `wakesmith eval` to ship the mined model")
    return 0
