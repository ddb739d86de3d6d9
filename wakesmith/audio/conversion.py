"""Converted copies in device format (16 kHz, 16-bit PCM, mono), written by `wakesmith validate --fix`.

Originals are never touched. A copy lives at `<root>/.wakesmith-cache/converted/<relative path>.wav` next
to a `.source` marker holding the content hash of the original it came from: a changed original no longer
matches its marker, so its stale copy is ignored and re-converted. Conversion streams blocks through soxr,
so hours of 48 kHz stereo need only a few MB of memory.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from wakesmith.atomic import atomic_path, write_text_atomic
from wakesmith.audio.filecache import cache_dir
from wakesmith.audio.layout import SAMPLE_RATE
from wakesmith.audio.records import SampleRecord

BLOCK_FRAMES = 1 << 16


def converted_path(dataset_root: Path, relative_path: str) -> Path:
    return cache_dir(dataset_root) / "converted" / f"{relative_path}.wav"


def source_marker(copy: Path) -> Path:
    return copy.with_name(copy.name + ".source")


def has_valid_copy(record: SampleRecord, dataset_root: Path) -> bool:
    """True when a converted copy exists and was made from exactly this content."""
    copy = converted_path(dataset_root, record.relative_path)
    try:
        return copy.is_file() and source_marker(copy).read_text(encoding="utf-8").strip() == record.content_hash
    except OSError:
        return False


def float_to_int16(samples: np.ndarray) -> np.ndarray:
    """Float (1.0 = full scale, soundfile's convention) to int16 with rounding and clipping, never wrap-around."""
    return np.clip(np.rint(samples * 32768.0), -32768, 32767).astype(np.int16)


def convert_file(source: Path, target: Path, block_frames: int = BLOCK_FRAMES) -> int:
    """Write `source` as 16 kHz mono PCM_16 WAV to `target` (atomically); returns frames written."""
    written = 0
    with atomic_path(target, suffix=".wav") as tmp, sf.SoundFile(str(source)) as reader:
        rate = reader.samplerate
        stream = None if rate == SAMPLE_RATE else soxr.ResampleStream(rate, SAMPLE_RATE, 1, dtype="float32")
        with sf.SoundFile(str(tmp), "w", SAMPLE_RATE, 1, "PCM_16", format="WAV") as writer:
            for block in reader.blocks(blocksize=block_frames, dtype="float32", always_2d=True):
                mono = block.mean(axis=1, dtype=np.float32)
                out = mono if stream is None else stream.resample_chunk(mono)
                if out.size:
                    writer.write(float_to_int16(out))
                    written += out.size
            if stream is not None:
                tail = stream.resample_chunk(np.zeros(0, dtype=np.float32), last=True)
                if tail.size:
                    writer.write(float_to_int16(tail))
                    written += tail.size
    return written


def convert_record(record: SampleRecord, dataset_root: Path) -> Path:
    """Convert one file unless an up-to-date copy exists; returns the copy's path."""
    copy = converted_path(dataset_root, record.relative_path)
    if has_valid_copy(record, dataset_root):
        return copy
    marker = source_marker(copy)
    marker.unlink(missing_ok=True)  # a copy without a matching marker is never trusted
    convert_file(record.path, copy)
    write_text_atomic(marker, record.content_hash)
    return copy
