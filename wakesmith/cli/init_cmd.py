"""`wakesmith init [DIR]`: the dataset layout and a config.yaml from a preset."""

from __future__ import annotations

import argparse
from pathlib import Path

from wakesmith.audio.layout import DATASET_KINDS
from wakesmith.cli.console import console
from wakesmith.config import PRESETS, preset_text
from wakesmith.errors import WakesmithError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init",
        help="create dataset/ folders and a config.yaml from a preset",
        description="Create DIR/dataset/{positive,negative,background,rir} and DIR/config.yaml from a preset.",
    )
    parser.add_argument("dir", nargs="?", default=".", type=Path, help="project folder (default: current)")
    parser.add_argument("--preset", choices=PRESETS, default="fast_test", help="config preset (default: fast_test)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing config.yaml")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.dir
    config_path = root / "config.yaml"
    if config_path.exists() and not args.force:
        raise WakesmithError(f"{config_path} already exists; use --force to overwrite it")
    for kind in DATASET_KINDS:
        (root / "dataset" / kind).mkdir(parents=True, exist_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    config_path.write_text(preset_text(args.preset), encoding="utf-8")
    console.print(f"wrote {config_path} (preset {args.preset}) and {root / 'dataset'}/{{{','.join(DATASET_KINDS)}}}")
    return 0
