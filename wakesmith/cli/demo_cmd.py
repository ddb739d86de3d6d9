"""`wakesmith demo`: synthesise a "hey jarvis" dataset and run the whole pipeline on the fast_test preset."""

from __future__ import annotations

import argparse
from pathlib import Path

from wakesmith.cli.console import console


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="synthesise 'hey jarvis' data and run every stage on the fast_test preset",
        description="Create DIR (default ./wakesmith-demo) with a fast_test config, synthesise an offline "
        "espeak-ng dataset into DIR/dataset (sizes from the config's `synth` section), then run validate → "
        "features → train → export → verify → eval. A few minutes on 2 CPU cores. "
        "Re-running resumes: finished stages are skipped.",
    )
    parser.add_argument("--dir", type=Path, default=Path("wakesmith-demo"), help="demo folder")
    parser.add_argument("--wake-word", default="hey jarvis", help="phrase to synthesise (default: hey jarvis)")
    parser.add_argument("--seed", type=int, help="synthesis seed (default: the config's synth.seed)")
    parser.add_argument("--backend", choices=("tensorflow", "jax", "torch"), help="Keras backend for training")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.markup import escape

    from wakesmith.cli.main import main
    from wakesmith.cli.run_cmd import execute, print_summary
    from wakesmith.errors import WakesmithError

    root: Path = args.dir
    config_path = root / "config.yaml"
    if not config_path.exists():
        code = main(["init", str(root), "--preset", "fast_test"])
        if code:
            return code
        _set_phrase(config_path, args.wake_word)
    dataset = root / "dataset"
    if not (dataset / "synth_manifest.jsonl").exists():
        console.rule(escape(f"[synth] '{args.wake_word}' into {dataset}"), style="cyan")
        # --config: the preset's `synth` section sets the dataset size (its header says what that costs)
        argv = ["synth", "--config", str(config_path), "--wake-word", args.wake_word, "--out", str(dataset)]
        if args.seed is not None:
            argv += ["--seed", str(args.seed)]
        code = main(argv)
        if code:
            raise WakesmithError("synthesis failed; see above")
    else:
        console.rule(escape("[synth] dataset exists, skipped"), style="cyan")
    summary = execute(config_path, backend=args.backend)
    print_summary(summary)
    return 0


def _set_phrase(config_path: Path, phrase: str) -> None:
    """Write the wake phrase and a matching model name into a freshly initialised config."""
    import re

    name = re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_") or "wake_word"
    text = config_path.read_text()
    text = re.sub(r"(?m)^(\s*phrase:).*$", lambda m: f"{m.group(1)} {phrase}", text, count=1)
    text = re.sub(r"(?m)^(\s*model_name:).*$", lambda m: f"{m.group(1)} {name}", text, count=1)
    config_path.write_text(text)
