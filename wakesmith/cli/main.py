"""The `wakesmith` command: a thin argparse front over the stage modules.

Each command lives in its own module under `wakesmith.cli` exposing `register(subparsers)`, which adds a
parser whose `func(args) -> int` runs the command. Command modules import heavy libraries (TensorFlow,
Keras) inside `func`, so `wakesmith --help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from wakesmith import __version__
from wakesmith.cli.console import print_error
from wakesmith.errors import WakesmithError
from wakesmith.quiet_tensorflow import import_tensorflow_quietly

# Order here is the order shown in --help: the pipeline order.
COMMAND_MODULES = (
    "init_cmd",
    "validate_cmd",
    "synth_cmd",
    "data_cmd",
    "features_cmd",
    "train_cmd",
    "mine_cmd",
    "export_cmd",
    "verify_cmd",
    "eval_cmd",
    "run_cmd",
    "demo_cmd",
    "doctor_cmd",
    "bench_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wakesmith",
        description="Train a wake word model for ESPHome's micro_wake_word: "
        "data → features → training → streaming TFLite export → verification → metrics.",
    )
    parser.add_argument("--version", action="version", version=f"wakesmith {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"wakesmith.cli.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    # TensorFlow's C++ start-up chatter (CUDA probing, CPU features) is noise for users; errors still show.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # oneDNN's depthwise filter gradient is ~7x slower for MixedNet on CPU (measured by `bench train`); every
    # command may import TensorFlow before training starts (`run`, `mine`), so decide it here, once.
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    if _uses_tensorflow(args):
        import_tensorflow_quietly()
    try:
        return int(args.func(args) or 0)
    except WakesmithError as error:
        print_error(str(error))
        return 2
    except KeyboardInterrupt:
        print_error("interrupted; re-run the same command to resume")
        return 130


def _uses_tensorflow(args: argparse.Namespace) -> bool:
    """Commands that load TensorFlow (export, tflite runtimes, the default Keras backend)."""
    command = args.command
    if command in ("export", "verify", "eval", "mine", "run", "demo"):
        return True
    if command in ("train", "bench"):
        if command == "bench" and getattr(args, "target", "train") != "train":
            return False
        backend = getattr(args, "backend", None) or os.environ.get("KERAS_BACKEND", "tensorflow")
        return backend == "tensorflow"
    return False


if __name__ == "__main__":
    sys.exit(main())
