"""`wakesmith bench features`: augmented clips per second through the real worker path.

Generates its own material in a temporary folder (word-like tone sweeps, noise backgrounds, decaying
impulse responses), then renders N training positives (3.2 s, default augmentation, 10 slides written to
a throw-away store) with 1 worker and with all cores. The last line is the headline:
`features: N clips/s (1 worker: M clips/s) workers=K`. `--profile` prints a cProfile breakdown of the
single-worker run (the machine may be shared, so a breakdown says more than a rate).
"""

from __future__ import annotations

import argparse

SOURCE_FILES = 24


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--clips", type=int, default=512, help="augmented clips per measurement (default 512)")
    parser.add_argument("--workers", type=int, default=0, help="workers for the parallel run (default: all cores)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile breakdown of the 1-worker run")


def _material(root, rng):
    """Records for generated positives, two 60 s backgrounds and three RIRs, written as 16 kHz WAV."""
    import hashlib

    import numpy as np
    import soundfile

    from wakesmith.audio.records import SampleRecord

    def write(relative: str, samples: np.ndarray, kind: str) -> SampleRecord:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        pcm = np.clip(samples * 32767, -32768, 32767).astype(np.int16)
        soundfile.write(str(path), pcm, 16000, subtype="PCM_16")
        digest = hashlib.sha256(pcm.tobytes()).hexdigest()[:16]
        return SampleRecord(
            path=path,
            relative_path=relative,
            kind=kind,
            duration_s=pcm.size / 16000,
            sample_rate=16000,
            channels=1,
            sample_format="PCM_16",
            frames=pcm.size,
            content_hash=digest,
            split="train",
        )

    records = []
    for i in range(SOURCE_FILES):
        seconds = rng.uniform(0.6, 1.4)
        t = np.arange(int(seconds * 16000)) / 16000
        sweep = np.sin(2 * np.pi * (200 + 300 * i / SOURCE_FILES + 400 * t) * t) * np.hanning(t.size) * 0.5
        records.append(write(f"positive/w{i}.wav", np.concatenate([sweep, np.zeros(4000)]), "positive"))
    for i in range(2):
        noise = np.cumsum(rng.standard_normal(16000 * 60)) * 0.002
        records.append(
            write(f"background/b{i}.wav", (noise - noise.mean()) / (np.abs(noise).max() + 1e-9) * 0.5, "background")
        )
    for i in range(3):
        taps = rng.standard_normal(4000) * np.exp(-np.arange(4000) / (400.0 * (i + 1)))
        taps[0] = 4.0
        records.append(write(f"rir/r{i}.wav", taps / np.abs(taps).max() * 0.9, "rir"))
    return records


def _measure(setup, jobs, workers: int, folder) -> tuple[float, float]:
    """(clips/s wall clock, CPU ms per clip over the parent and its workers)."""
    import resource
    import time

    from wakesmith.features.build import BATCH_CLIPS, _executor
    from wakesmith.features.spectrograms import slides
    from wakesmith.features.stores import StoreWriter

    tasks = [(0, 0, "clips", jobs[i : i + BATCH_CLIPS]) for i in range(0, len(jobs), BATCH_CLIPS)]

    def cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    started, cpu_started = time.perf_counter(), cpu()
    with _executor(workers, setup) as run:
        writer = StoreWriter(folder)
        for *_, arrays in run(tasks):
            for array in arrays:
                for view in slides(array, 10):
                    writer.add(view)
        writer.commit({})
    return len(jobs) / (time.perf_counter() - started), (cpu() - cpu_started) * 1000 / len(jobs)


def run_benchmark(args: argparse.Namespace) -> int:
    import cProfile
    import io
    import pstats
    import tempfile
    from pathlib import Path

    import numpy as np

    from wakesmith.cli.console import console
    from wakesmith.config.models import FeaturesConfig
    from wakesmith.errors import WakesmithError
    from wakesmith.features.build import default_workers
    from wakesmith.features.plan import ClipJob, noise_pools
    from wakesmith.features.sources import clip_key, read_clip
    from wakesmith.features.worker import WorkerSetup, init_worker, render_batch

    if args.clips < 1:
        raise WakesmithError("--clips must be at least 1")
    workers = args.workers or default_workers()
    config = FeaturesConfig()  # default augmentation, 3.2 s clips
    with tempfile.TemporaryDirectory(prefix="wakesmith-bench-") as tmp:
        root = Path(tmp)
        records = _material(root / "dataset", np.random.default_rng(0))
        backgrounds = [r for r in records if r.kind == "background"]
        positives = [r for r in records if r.kind == "positive"]
        setup = WorkerSetup(
            augmentation=config.augmentation,
            clip_duration_s=config.clip_duration_s,
            word_end_offset_s=config.word_end_offset_s,
            seed=config.seed,
            dataset_root=root / "dataset",
            backgrounds=[read_clip(r, root / "dataset") for r in backgrounds],
            pools=noise_pools(backgrounds),
            impulse_responses=[read_clip(r, root / "dataset") for r in records if r.kind == "rir"],
        )
        jobs = [
            ClipJob(positives[i % len(positives)], "positive", clip_key(f"bench{i}"), 0, "training")
            for i in range(args.clips)
        ]
        # Warm-up: imports and augmenter construction happen once per run, not per clip; forked workers
        # inherit them from here.
        init_worker(setup)
        render_batch(jobs[:2])
        console.print(f"{args.clips} clips of {config.clip_duration_s} s, default augmentation, 10 slides each")
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        single, single_cpu = _measure(setup, jobs, 1, root / "store1")
        if profiler:
            profiler.disable()
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(18)
            console.print(text.getvalue(), highlight=False, markup=False)
        console.print(f"1 worker: {single:.1f} clips/s, {single_cpu:.2f} CPU ms per clip")
        parallel, parallel_cpu = (
            _measure(setup, jobs, workers, root / "storeN") if workers > 1 else (single, single_cpu)
        )
        console.print(f"{workers} workers: {parallel:.1f} clips/s, {parallel_cpu:.2f} CPU ms per clip (all processes)")
        console.print(
            f"CPU-bound ceiling on {workers} idle cores: {workers * 1000 / parallel_cpu:.0f} clips/s "
            "(wall-clock rates drop when other processes share the cores)"
        )
    print(f"features: {parallel:.1f} clips/s (1 worker: {single:.1f} clips/s) workers={workers}")
    return 0
