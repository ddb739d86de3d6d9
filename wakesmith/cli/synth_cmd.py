"""`wakesmith synth`: an offline demo dataset from text-to-speech voices (espeak-ng by default)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from wakesmith.cli.console import console, error_console


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "synth",
        help="synthesise a demo dataset (espeak-ng voices): positives, near-miss negatives, background, RIRs",
        description=(
            "Write an offline demo dataset into OUT/{positive,negative,background,rir}/synth/: the wake phrase "
            "spoken by many espeak-ng accents, variants, speeds and pitches; negatives made of phonetically close "
            "phrases, pieces of the phrase and ordinary sentences; background made of speech babble and coloured "
            "noise; simple synthetic room impulse responses. The same --seed gives byte-identical files. "
            "File names start with the voice id and '__', so `dataset.group_pattern: '^(.+?)__'` keeps each voice "
            "in one split. A synth_manifest.jsonl in OUT lists every file with its engine, voice, settings and text."
        ),
    )
    parser.add_argument("--wake-word", required=True, help='the wake phrase, e.g. "hey jarvis"')
    parser.add_argument("--out", type=Path, default=Path("dataset"), help="dataset folder (default: dataset)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--positives", type=_non_negative_int, default=250, help="wake phrase clips (default: 250)")
    parser.add_argument("--negatives", type=_non_negative_int, default=500, help="negative clips (default: 500)")
    parser.add_argument(
        "--background-minutes", type=_non_negative_float, default=10.0, help="minutes of background (default: 10)"
    )
    parser.add_argument("--rirs", type=_non_negative_int, default=20, help="synthetic room impulse responses (20)")
    parser.add_argument("--workers", type=_non_negative_int, default=0, help="worker processes (default: all cores)")
    parser.add_argument(
        "--engine",
        default="espeak",
        help="TTS engine(s), comma-separated; voices are shared out evenly (default: espeak, the only one whose "
        "output is byte-identical for a seed)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from wakesmith.audio.synth.generate import SynthOptions, synthesize
    from wakesmith.errors import WakesmithError

    if not args.wake_word.strip():
        raise WakesmithError('--wake-word is empty; give the phrase, e.g. --wake-word "hey jarvis"')
    options = SynthOptions(
        wake_word=args.wake_word,
        out=args.out,
        seed=args.seed,
        positives=args.positives,
        negatives=args.negatives,
        background_minutes=args.background_minutes,
        rirs=args.rirs,
        workers=args.workers,
        engine=args.engine,
    )
    started = time.perf_counter()
    columns = (TextColumn("synthesising"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=error_console, transient=True) as progress:
        task = progress.add_task("synth", total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = synthesize(options, progress=update)
    elapsed = time.perf_counter() - started
    parts = ", ".join(
        f"{result.counts.get(kind, 0)} {kind} ({result.seconds.get(kind, 0.0) / 60:.1f} min)"
        for kind in ("positive", "negative", "background", "rir")
    )
    console.print(f"wrote {parts} to {args.out} in {elapsed:.0f} s; manifest {result.manifest_path}", highlight=False)
    return 0
