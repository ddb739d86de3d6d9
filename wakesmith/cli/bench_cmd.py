"""`wakesmith bench TARGET`: throughput figures of a pipeline stage.

Each stage owns its benchmark in a module exposing `add_arguments(parser)` and `run_benchmark(args) -> int`;
adding a target is one line in TARGETS. Modules are imported only when their target runs.
"""

from __future__ import annotations

import argparse
import importlib

# target → (module with add_arguments/run_benchmark, one-line help)
TARGETS: dict[str, tuple[str, str]] = {
    "scan": ("wakesmith.audio.benchmark", "dataset ingestion time for many files, cold and from the hash cache"),
    "features": ("wakesmith.features.benchmark", "augmented clips/s of the feature stage (3.2 s clips)"),
    "train": ("wakesmith.training.benchmark", "training steps/s of the default MixedNet (batch 128)"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="throughput figures (scan, features, train)",
        description="Measure a stage's throughput on generated data; the last line is the headline figure.",
    )
    targets = parser.add_subparsers(dest="target", metavar="TARGET", required=True)
    for name, (module, text) in TARGETS.items():
        sub = targets.add_parser(name, help=text, description=text)
        sub.set_defaults(func=run, bench_module=module)
        # Arguments are declared by the stage; importing a light module here keeps --help complete.
        _add_arguments(module, sub)


def _add_arguments(module: str, parser: argparse.ArgumentParser) -> None:
    importlib.import_module(module).add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    return int(importlib.import_module(args.bench_module).run_benchmark(args) or 0)
