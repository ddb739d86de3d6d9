"""Per-file problems: what would make a file useless or harmful for training, each with its own message.

Header problems come from the SampleRecord (no read). Content problems (silent, clipped, truncated) need
the samples, which are streamed in blocks so hours-long background files never sit in memory. A problem is
`fixable` when a converted copy (`validate --fix`) removes it: wrong rate, sample format or channel count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from wakesmith.audio.filecache import FileCache
from wakesmith.audio.layout import SAMPLE_RATE
from wakesmith.audio.records import SampleRecord
from wakesmith.config.models import DatasetConfig, DurationLimits

FULL_SCALE = 0.9999  # |sample| at or above this (float scale, 1.0 = full scale) counts as clipped
BLOCK_FRAMES = 1 << 16


@dataclass(frozen=True)
class Problem:
    message: str
    fixable: bool = False


@dataclass(frozen=True)
class ContentStats:
    """What the samples say: peak (linear, 1.0 = full scale), share of full-scale samples, frames read."""

    peak: float
    clipped_fraction: float
    frames_read: int

    def to_dict(self) -> dict:
        return {"peak": self.peak, "clipped_fraction": self.clipped_fraction, "frames_read": self.frames_read}


def dbfs(level: float) -> float:
    return 20.0 * math.log10(level) if level > 0 else -math.inf


def limits_for(kind: str, config: DatasetConfig) -> DurationLimits:
    return getattr(config, kind)


def header_problems(record: SampleRecord, config: DatasetConfig) -> list[Problem]:
    """Problems visible in the header: unreadable, empty, format, duration."""
    if record.read_error:
        try:
            empty = record.path.stat().st_size == 0
        except OSError:
            empty = False
        return [Problem("empty: 0 bytes" if empty else f"unreadable: {record.read_error}")]
    if record.frames == 0:
        return [Problem("empty: no samples")]
    problems = []
    if record.sample_rate != SAMPLE_RATE:
        problems.append(Problem(f"wrong sample rate: {record.sample_rate} Hz (needs {SAMPLE_RATE})", fixable=True))
    if record.sample_format != "PCM_16":
        problems.append(Problem(f"not 16-bit PCM: {record.sample_format}", fixable=True))
    if record.channels != 1:
        problems.append(Problem(f"not mono: {record.channels} channels", fixable=True))
    limits = limits_for(record.kind, config)
    if record.duration_s < limits.min_s:
        problems.append(Problem(f"too short: {record.duration_s:.2f} s ({record.kind} needs >= {limits.min_s:g} s)"))
    elif record.duration_s > limits.max_s:
        problems.append(Problem(f"too long: {record.duration_s:.1f} s ({record.kind} allows <= {limits.max_s:g} s)"))
    return problems


def content_stats(path: Path, block_frames: int = BLOCK_FRAMES) -> ContentStats:
    """Peak and clipping share, streamed block by block (bounded memory for any file length)."""
    peak = 0.0
    clipped = 0
    values = 0
    frames = 0
    for block in sf.blocks(str(path), blocksize=block_frames, dtype="float32", always_2d=True):
        if block.size == 0:
            continue
        magnitude = np.abs(block)
        peak = max(peak, float(magnitude.max()))
        clipped += int(np.count_nonzero(magnitude >= FULL_SCALE))
        values += magnitude.size
        frames += block.shape[0]
    return ContentStats(peak=peak, clipped_fraction=clipped / values if values else 0.0, frames_read=frames)


def content_problems(record: SampleRecord, stats: ContentStats, config: DatasetConfig) -> list[Problem]:
    problems = []
    if stats.frames_read < record.frames * 0.99:
        problems.append(Problem(f"truncated: header says {record.frames} frames, only {stats.frames_read} readable"))
    level = dbfs(stats.peak)
    if level < config.silence_dbfs:
        shown = "-inf" if math.isinf(level) else f"{level:.1f}"
        problems.append(Problem(f"silent: peak {shown} dBFS (below {config.silence_dbfs:g} dBFS)"))
    if stats.clipped_fraction > config.clipping_fraction:
        problems.append(
            Problem(
                f"clipped: {stats.clipped_fraction:.1%} of samples at full scale (limit {config.clipping_fraction:.1%})"
            )
        )
    return problems


def cached_content_stats(record: SampleRecord, cache: FileCache | None) -> ContentStats:
    """Content stats, reusing the cache entry when the file's content is unchanged."""
    if cache is not None:
        known = cache.get_fact(record.relative_path, record.content_hash, "content")
        if isinstance(known, dict):
            try:
                return ContentStats(**known)
            except TypeError:
                pass
    stats = content_stats(record.path)
    if cache is not None:
        cache.set_fact(record.relative_path, record.content_hash, "content", stats.to_dict())
    return stats


def check_record(record: SampleRecord, config: DatasetConfig, cache: FileCache | None = None) -> list[Problem]:
    """Every problem of one file. Never raises for a bad file: a read failure is itself a problem."""
    problems = header_problems(record, config)
    if record.read_error or record.frames == 0:
        return problems
    try:
        stats = cached_content_stats(record, cache)
    except Exception as error:  # corrupt sample data: report, never stop the scan
        reason = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        return problems + [Problem(f"unreadable samples: {reason}")]
    return problems + content_problems(record, stats, config)
