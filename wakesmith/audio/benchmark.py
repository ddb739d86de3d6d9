"""`wakesmith bench scan`: how long ingestion takes for many files, cold (hashing) and from the hash cache.

Writes N one-second 16 kHz WAVs into a temporary dataset, then scans it twice. Issue #2's budget is
10 000 files in under 30 s on 2 cores. Last line: `scan: N files, cold X s (hashing), warm Y s (cache)`.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--files", type=int, default=10_000, help="files in the generated dataset (default 10000)")


def write_dataset(root, files: int) -> None:
    """`files` distinct one-second WAVs, alternating positive/negative, in 50 speaker sub-folders."""
    import numpy as np
    import soundfile as sf

    clip = (np.random.default_rng(0).standard_normal(16000) * 3000).astype(np.int16)
    for index in range(files):
        kind = "positive" if index % 2 else "negative"
        folder = root / kind / f"spk{index % 50:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        sf.write(str(folder / f"f{index:05d}.wav"), np.roll(clip, index), 16000, subtype="PCM_16")


def run_benchmark(args: argparse.Namespace) -> int:
    import tempfile
    import time
    from pathlib import Path

    from wakesmith.audio.ingest import scan
    from wakesmith.cli.console import console
    from wakesmith.config.models import DatasetConfig

    with tempfile.TemporaryDirectory(prefix="wakesmith-bench-scan-") as folder:
        root = Path(folder)
        with console.status(f"writing {args.files} files…"):
            write_dataset(root, args.files)
        config = DatasetConfig(root=root)
        started = time.perf_counter()
        cold = scan(config)
        cold_s = time.perf_counter() - started
        started = time.perf_counter()
        warm = scan(config)
        warm_s = time.perf_counter() - started
    console.print(f"{len(cold.records)} records cold, {warm.cache.hits} cache hits warm", highlight=False)
    console.print(
        f"scan: {args.files} files, cold {cold_s:.1f} s (hashing), warm {warm_s:.1f} s (cache)", highlight=False
    )
    return 0
