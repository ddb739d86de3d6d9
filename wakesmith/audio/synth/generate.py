"""Execute synth jobs in worker processes, write WAVs atomically, and the `synth_manifest.jsonl`.

Each job is a pure function of its fields (text, voice, seed), so the same seed gives byte-identical files
whatever the number of workers. Files from an earlier run that are listed in its manifest are removed first,
so a smaller re-run does not leave stale clips behind; files synth did not write are never touched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import soundfile as sf

from wakesmith.atomic import atomic_path, write_text_atomic
from wakesmith.audio.layout import SAMPLE_RATE
from wakesmith.audio.synth.noise import colored_noise, mix_babble, synthetic_rir
from wakesmith.audio.synth.plan import BackgroundJob, Job, RirJob, SpeechJob, plan_jobs
from wakesmith.audio.synth.registry import get_engine
from wakesmith.audio.synth.shaping import limit_peak, pad_to, set_peak, set_rms, to_float, to_int16, trim_silence
from wakesmith.errors import WakesmithError

MANIFEST_NAME = "synth_manifest.jsonl"
MIN_SPEECH_S = 0.5  # pad short words so every clip passes the dataset's minimum length


@dataclass
class SynthOptions:
    wake_word: str
    out: Path
    seed: int = 0
    positives: int = 250
    negatives: int = 500
    background_minutes: float = 10.0
    rirs: int = 20
    workers: int = 0  # 0 = all cores
    engine: str = "espeak"
    positive_weights: dict[str, float] | None = None  # share of clips per engine; None = even
    negative_weights: dict[str, float] | None = None
    background_engines: tuple[str, ...] = ()  # babble talkers; empty = the speech engines
    rir_mode: str = "synthetic"  # synthetic | simulated (pyroomacoustics)


@dataclass
class SynthResult:
    manifest_path: Path
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def render_speech(job: SpeechJob) -> np.ndarray:
    rng = np.random.default_rng(job.seed)
    samples = to_float(get_engine(job.voice.engine).render(job.text, job.voice))
    samples = trim_silence(samples, margin_s=float(rng.uniform(0.05, 0.15)))
    samples = pad_to(samples, MIN_SPEECH_S)
    return set_peak(samples, float(rng.uniform(-12.0, -2.0)))


def render_background(job: BackgroundJob) -> np.ndarray:
    rng = np.random.default_rng(job.seed)
    frames = int(round(job.duration_s * SAMPLE_RATE))
    total = np.zeros(frames, np.float32)
    babble_db = float(rng.uniform(-30.0, -18.0))
    if job.voices:
        streams = [to_float(get_engine(v.engine).render(t, v)) for v, t in zip(job.voices, job.texts, strict=True)]
        gains = [float(rng.uniform(-8.0, 0.0)) for _ in streams]
        offsets = [int(rng.integers(0, 1 << 30)) for _ in streams]
        total += set_rms(mix_babble(streams, gains, frames, offsets), babble_db)
    if "noise" in job.mode:
        level = babble_db - float(rng.uniform(5.0, 20.0)) if job.voices else float(rng.uniform(-42.0, -22.0))
        total += set_rms(colored_noise(rng, frames, job.color), level)
    return limit_peak(total, -1.0)


def render_rir(job: RirJob) -> np.ndarray:
    if job.mode == "simulated":
        from wakesmith.audio.sources.rir import draw_room, simulate

        return to_float(simulate(draw_room(np.random.default_rng(job.seed)), job.seed))
    return synthetic_rir(np.random.default_rng(job.seed), job.rt60_s)


def render_job(job: Job) -> np.ndarray:
    if isinstance(job, SpeechJob):
        return render_speech(job)
    if isinstance(job, BackgroundJob):
        return render_background(job)
    return render_rir(job)


# Rough seconds of CPU per job, to start the slow ones first (no worker is left with a long job at the end).
ENGINE_COST = {"kokoro": 30.0, "festival": 4.0, "piper": 4.0}


def job_cost(job: Job) -> float:
    if isinstance(job, BackgroundJob):
        return 1000.0
    if isinstance(job, RirJob):
        return 5.0 if job.mode == "simulated" else 0.5
    return ENGINE_COST.get(job.voice.engine, 1.0)


def manifest_entry(job: Job, run_seed: int, duration_s: float) -> dict:
    entry: dict = {"kind": job.kind, "file": job.file, "seed": job.seed, "run_seed": run_seed}
    if isinstance(job, SpeechJob):
        entry.update(
            engine=job.voice.engine,
            voice=job.voice.voice,
            settings=dict(job.voice.params),
            text=job.text,
            category=job.category,
        )
    elif isinstance(job, BackgroundJob):
        entry.update(
            engine=",".join(dict.fromkeys(v.engine for v in job.voices)) or "noise",
            mode=job.mode,
            noise_color=job.color if "noise" in job.mode else None,
            voices=[{"engine": v.engine, "voice": v.voice, "settings": dict(v.params)} for v in job.voices],
            text=list(job.texts),
        )
    elif isinstance(job, RirJob) and job.mode == "simulated":
        from wakesmith.audio.sources.rir import draw_room

        room = draw_room(np.random.default_rng(job.seed)).as_dict()
        entry.update(engine="pyroomacoustics", settings=room)
    elif isinstance(job, RirJob):
        entry.update(engine="synthetic-rir", settings={"rt60_s": job.rt60_s})
    entry["duration_s"] = round(duration_s, 3)
    return entry


def write_wav(path: Path, samples: np.ndarray) -> None:
    """Atomic PCM_16 WAV write (temp file in the same folder, then rename)."""
    with atomic_path(path, suffix=".wav") as tmp:
        sf.write(str(tmp), to_int16(samples), SAMPLE_RATE, subtype="PCM_16", format="WAV")


def execute(job: Job, out: str) -> tuple[str, float]:
    """Worker entry point: render and write one job; returns (file, duration)."""
    samples = render_job(job)
    write_wav(Path(out) / job.file, samples)
    return job.file, samples.size / SAMPLE_RATE


def remove_previous(out: Path) -> int:
    """Delete the files an earlier synth run listed in its manifest (and only those)."""
    manifest = out / MANIFEST_NAME
    if not manifest.is_file():
        return 0
    removed = 0
    for line in manifest.read_text(encoding="utf-8").splitlines():
        try:
            relative = json.loads(line)["file"]
        except (ValueError, KeyError, TypeError):
            continue
        target = (out / relative).resolve()
        if out.resolve() in target.parents and target.is_file():
            target.unlink()
            removed += 1
    return removed


def phonemizer():
    """espeak-ng's phonemes rank near-miss phrases by sound whenever it is installed (else spelling is used)."""
    from wakesmith.audio.synth.espeak import EspeakEngine

    return EspeakEngine().phonemes if EspeakEngine.available() else None


def select_engines(names: list[str], skip_missing: bool, minimum: int = 1) -> tuple[list[str], list[str]]:
    """(engines to use, one note per problem). Missing engines are skipped (with their install hint) or fatal.

    Fewer than `minimum` usable engines is a warning, not an error: the data is still valid, only less varied.
    """
    from wakesmith.audio.synth.registry import engine_classes

    classes = engine_classes()
    chosen, notes = [], []
    for name in dict.fromkeys(names):
        if skip_missing and (name not in classes or not classes[name].available()):
            hint = classes[name].install_hint if name in classes else "its module does not import"
            notes.append(f"skipping TTS engine {name}: not installed ({hint})")
            continue
        get_engine(name)  # raises a one-line WakesmithError for an unknown or missing engine
        chosen.append(name)
    if not chosen:
        raise WakesmithError(f"none of the TTS engines {', '.join(names)} is installed; install espeak-ng at least")
    if len(chosen) < minimum:
        notes.append(
            f"warning: only {len(chosen)} TTS engine(s) available ({', '.join(chosen)}); this size asks for "
            f"{minimum} or more for voice variety: install the ones skipped above"
        )
    return chosen, notes


def synthesize(options: SynthOptions, progress: Callable[[int, int], None] | None = None) -> SynthResult:
    names = [name.strip() for name in options.engine.split(",") if name.strip()]
    engines = [get_engine(name) for name in dict.fromkeys(names)]
    if not engines:
        raise WakesmithError("no TTS engine given; use e.g. --engine espeak")
    babble = [get_engine(n) for n in options.background_engines if n in names] or None
    jobs = plan_jobs(
        engines,
        options.wake_word,
        options.seed,
        options.positives,
        options.negatives,
        options.background_minutes,
        options.rirs,
        phonemizer(),
        positive_weights=options.positive_weights,
        negative_weights=options.negative_weights,
        background_engines=babble,
        rir_mode=options.rir_mode,
    )
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    remove_previous(out)
    durations: dict[str, float] = {}
    workers = options.workers or os.cpu_count() or 1
    if workers == 1:
        for done, job in enumerate(jobs, 1):
            durations[job.file] = execute(job, str(out))[1]
            if progress:
                progress(done, len(jobs))
    else:
        ordered = sorted(jobs, key=job_cost, reverse=True)  # heaviest first; the output does not depend on order
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(execute, job, str(out)) for job in ordered]
            try:
                for done, future in enumerate(as_completed(futures), 1):
                    file, duration = future.result()
                    durations[file] = duration
                    if progress:
                        progress(done, len(jobs))
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)  # one failure (or Ctrl-C) stops the rest
                raise
    result = SynthResult(manifest_path=out / MANIFEST_NAME)
    lines = []
    for job in jobs:
        lines.append(json.dumps(manifest_entry(job, options.seed, durations[job.file])))
        result.counts[job.kind] = result.counts.get(job.kind, 0) + 1
        result.seconds[job.kind] = result.seconds.get(job.kind, 0.0) + durations[job.file]
    write_text_atomic(result.manifest_path, "\n".join(lines) + "\n")
    return result
