"""`wakesmith train --config CFG`: step-based training of the MixedNet on the feature stores."""

from __future__ import annotations

import argparse
from pathlib import Path

from wakesmith.cli.console import console


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train",
        help="train the wake word model on the feature stores",
        description="Train MixedNet in phases (training.* in the config): evaluation every eval_every steps, "
        "two-priority checkpoint selection, resumable checkpoints. Writes best_weights.npz, last_weights.npz, "
        "metrics.jsonl and tensorboard/ under training.run_dir.",
    )
    parser.add_argument("--config", type=Path, default=Path("config.yaml"), help="config file (default: config.yaml)")
    parser.add_argument(
        "--backend",
        choices=("tensorflow", "jax", "torch"),
        help="Keras backend (default: training.backend, else KERAS_BACKEND, else tensorflow); jax is fastest on GPUs",
    )
    parser.add_argument("--resume", action="store_true", help="continue from run_dir/checkpoint (same step/RNG)")
    parser.add_argument("--mixed-precision", action="store_true", help="float16 compute (GPUs; slower on CPUs)")
    parser.add_argument("--profile", action="store_true", help="write cProfile stats and a time-per-part table")
    parser.add_argument("--run-dir", type=Path, help="override training.run_dir")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from wakesmith.config.loader import load_config
    from wakesmith.training.backend import configure_devices, select_backend

    config = load_config(args.config)
    backend = select_backend(args.backend or config.training.backend)
    updates = {"backend": backend}
    if args.mixed_precision:
        updates["mixed_precision"] = True
    config = config.model_copy(update={"training": config.training.model_copy(update=updates)})
    device = configure_devices()
    run_dir = args.run_dir or config.training.run_dir
    console.print(f"training on {backend} ({device}) → {run_dir}")

    from wakesmith.training.loop import train

    if not args.profile:
        result = train(config, resume=args.resume, run_dir=run_dir)
    else:
        import cProfile

        from wakesmith.training.profiling import print_timings

        profiler = cProfile.Profile()
        profiler.enable()
        result = train(config, resume=args.resume, run_dir=run_dir, profile=True)
        profiler.disable()
        stats_path = Path(run_dir) / "train.prof"
        profiler.dump_stats(stats_path)
        print_timings(result.timings, result.final_step)
        console.print(f"cProfile stats: {stats_path} (view with `python -m pstats {stats_path}`)")
    best = result.best_metrics or {}
    figures = ", ".join(
        f"{key} {best[key]:.3f}"
        for key in ("recall", "ambient_false_accepts_per_hour", "average_viable_recall", "loss")
        if best.get(key) is not None
    )
    console.print(f"done at step {result.final_step}; best checkpoint: step {best.get('step', '-')} ({figures})")
    console.print(f"weights: {result.best_weights_path or result.last_weights_path}")
    return 0
