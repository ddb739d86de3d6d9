"""Build every feature store that is out of date, with worker processes.

All stores' work is one ordered stream of small tasks over one process pool, so workers never idle at a
store boundary; results come back in task order, so the stores are identical for any number of workers.
Finished chunks are kept as shards (`shards.py`): a killed run resumes where it stopped.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from wakesmith.audio.records import SampleRecord
from wakesmith.config.models import WakesmithConfig
from wakesmith.features.plan import StoreSpec, noise_pools, plan_stores
from wakesmith.features.shards import ShardSet, shard_folder
from wakesmith.features.sources import check_usable, read_clip, scan_records
from wakesmith.features.spectrograms import slides
from wakesmith.features.stores import StoreWriter, is_current, remove_leftovers
from wakesmith.features.worker import WorkerSetup, init_worker, render_ambient, render_batch

BATCH_CLIPS = 8  # clips per task: small enough to balance workers, large enough to amortise IPC
CHUNK_CLIPS = 256  # clips per resumable shard


@dataclass
class BuildSummary:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    clips: int = 0
    seconds: float = 0.0
    workers: int = 1
    notes: list[str] = field(default_factory=list)


class Progress:
    """What the build reports to; the CLI plugs in a rich progress bar, tests use this silent default."""

    def start(self, total: int) -> None: ...

    def store(self, name: str) -> None: ...

    def advance(self, units: int) -> None: ...


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def build_features(
    config: WakesmithConfig,
    workers: int | None = None,
    force: bool = False,
    records: list[SampleRecord] | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Build out-of-date stores (all with `force`); `records` replaces the dataset scan (tests, benchmarks)."""
    progress = progress or Progress()
    features = config.features
    started = time.perf_counter()
    remove_leftovers(features.work_dir)
    records = scan_records(config.dataset) if records is None else records
    check_usable(records, config.dataset.root)
    specs, backgrounds = plan_stores(features, records)
    summary = BuildSummary()
    todo = []
    for spec in specs:
        name = f"{spec.set_name}/{spec.split}"
        if not force and is_current(spec.folder, spec.config_hash, spec.source_hash):
            summary.skipped.append(name)
            shutil.rmtree(shard_folder(spec.folder), ignore_errors=True)  # from an interrupted --force run
        else:
            todo.append(spec)
            summary.notes.extend(n for n in spec.notes if n not in summary.notes)
    if not todo:
        return summary
    setup = WorkerSetup(
        augmentation=features.augmentation,
        clip_duration_s=features.clip_duration_s,
        word_end_offset_s=features.word_end_offset_s,
        seed=features.seed,
        dataset_root=config.dataset.root,
        ambient_window_s=features.ambient_window_s,
        backgrounds=[read_clip(r, config.dataset.root) for r in backgrounds],
        pools=noise_pools(backgrounds),
        impulse_responses=[read_clip(r, config.dataset.root) for r in records if r.kind == "rir"],
    )
    summary.workers = max(1, workers or features.workers or default_workers())
    # Import audiomentations (+ scipy, librosa: ~1 s) once here, so forked workers inherit it.
    import wakesmith.features.augment.pipeline  # noqa: F401

    stores = []
    for spec in todo:
        chunks = _chunks(spec)
        shards = ShardSet(spec.folder, spec.config_hash, spec.source_hash, len(chunks), fresh=force)
        stores.append((spec, chunks, shards))
    _run(stores, setup, summary, progress)
    summary.seconds = time.perf_counter() - started
    return summary


def _run(stores: list, setup: WorkerSetup, summary: BuildSummary, progress: Progress) -> None:
    """Compute the missing chunks of every store in one ordered task stream; assemble each store when complete."""
    missing = [shards.missing() for _, _, shards in stores]
    tasks = [(s, c, *task) for s, (_, chunks, _) in enumerate(stores) for c in missing[s] for task in chunks[c]]
    expected = {(s, c): len(stores[s][1][c]) for s in range(len(stores)) for c in missing[s]}
    left = [len(m) for m in missing]
    with _executor(summary.workers, setup) as run:  # fork before any progress thread exists
        progress.start(sum(_units(kind, payload) for _, _, kind, payload in tasks))
        for s, (spec, _, shards) in enumerate(stores):
            if not left[s]:  # empty, or every chunk survived an earlier, interrupted run
                _assemble(spec, shards, summary, progress)
        received: dict[tuple[int, int], tuple[int, list]] = {}
        shown = -1
        for s, c, kind, units, arrays in run(tasks):
            spec, _, shards = stores[s]
            if s != shown:
                progress.store(f"{spec.set_name}/{spec.split}")
                shown = s
            done, collected = received.pop((s, c), (0, []))
            collected.extend(arrays)
            summary.clips += units if kind == "clips" else 0
            progress.advance(units)
            if done + 1 < expected[(s, c)]:
                received[(s, c)] = (done + 1, collected)
                continue
            shards.write(c, collected)
            left[s] -= 1
            if not left[s]:
                _assemble(spec, shards, summary, progress)


def _chunks(spec: StoreSpec) -> list[list[tuple[str, object]]]:
    """The store's resumable chunks, each a list of (kind, payload) tasks."""
    if spec.clips:
        chunks = []
        for start in range(0, len(spec.clips), CHUNK_CLIPS):
            part = spec.clips[start : start + CHUNK_CLIPS]
            chunks.append([("clips", part[i : i + BATCH_CLIPS]) for i in range(0, len(part), BATCH_CLIPS)])
        return chunks
    return [[("ambient", job)] for job in spec.ambient]


def _units(kind: str, payload: object) -> int:
    return len(payload) if kind == "clips" else 1  # type: ignore[arg-type]


def run_task(task: tuple[int, int, str, object]) -> tuple[int, int, str, int, list]:
    store, chunk, kind, payload = task
    if kind == "clips":
        return store, chunk, kind, len(payload), render_batch(payload)  # type: ignore[arg-type]
    return store, chunk, kind, 1, render_ambient(payload)  # type: ignore[arg-type]


def _assemble(spec: StoreSpec, shards: ShardSet, summary: BuildSummary, progress: Progress) -> None:
    """Write the store from its shards (slides cut here, as views), commit it atomically, drop the shards."""
    name = f"{spec.set_name}/{spec.split}"
    progress.store(name)
    writer = StoreWriter(spec.folder)
    try:
        for chunk in range(shards.chunks):
            for array in shards.read(chunk):
                for view in slides(array, spec.slide_frames) if spec.clips else [array]:
                    writer.add(view)
        info = {
            "set": spec.set_name,
            "split": spec.split,
            "config_hash": spec.config_hash,
            "source_hash": spec.source_hash,
            "sources": spec.sources,
            "slide_frames": spec.slide_frames,
            "clips": len(spec.clips),
            "source_files": len({job.record.relative_path for job in spec.clips}) or len(spec.ambient),
            "notes": spec.notes,
        }
        if spec.ambient:
            info["hours"] = writer.total_frames * 0.01 / 3600.0
        writer.commit(info)
    except BaseException:
        writer.abort()
        raise
    shards.discard()
    summary.built.append(name)


class _executor:
    """`run(tasks)` → ordered results; a process pool for several workers, in-process for one."""

    def __init__(self, workers: int, setup: WorkerSetup) -> None:
        self.workers = workers
        self.setup = setup
        self.pool = None

    def __enter__(self) -> Callable:
        if self.workers <= 1:
            init_worker(self.setup)
            return lambda tasks: map(run_task, tasks)
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.pool = context.Pool(self.workers, initializer=_pool_worker_init, initargs=(self.setup,))
        return lambda tasks: self.pool.imap(run_task, tasks, chunksize=1)

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.terminate() if exc[0] else self.pool.close()
            self.pool.join()


def _pool_worker_init(setup: WorkerSetup) -> None:
    """Workers ignore Ctrl-C: the parent catches it, terminates the pool and discards the partial store."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(setup)
