"""Bring any decoded audio to the device format (16 kHz mono int16) and write it atomically.

Engines and package sources produce float audio at many rates (22.05 kHz Piper, 24 kHz Kokoro, 44.1 kHz
game music, 8 kHz codec2 speech); everything downstream expects exactly 16 kHz mono int16, so every
path into the dataset goes through `to_pcm16`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from wakesmith.atomic import atomic_path

SAMPLE_RATE = 16000
SILENCE_PEAK = 10 ** (-60 / 20)  # matches DatasetConfig.silence_dbfs default
CLIP_LEVEL = 32765  # |int16| at or above this counts as clipped (validation: 0.9999 of full scale)
CLIPPED_FRACTION = 0.01  # matches DatasetConfig.clipping_fraction default


def to_mono(audio: np.ndarray) -> np.ndarray:
    """Average channels of a [frames, channels] array; a 1-D array is returned as float32."""
    audio = np.asarray(audio, dtype=np.float32)
    return audio.mean(axis=1, dtype=np.float32) if audio.ndim == 2 else audio


def to_pcm16(audio: np.ndarray, rate: int, peak: float | None = None) -> np.ndarray:
    """Float audio (1.0 = full scale) at `rate` → 16 kHz mono int16 via soxr.

    `peak` rescales so the loudest sample sits at that fraction of full scale (TTS engines differ wildly
    in level; real recordings keep theirs when `peak` is None).
    """
    mono = to_mono(audio)
    if rate != SAMPLE_RATE and mono.size:
        mono = soxr.resample(mono, rate, SAMPLE_RATE, quality="HQ").astype(np.float32)
    if peak is not None and mono.size:
        top = float(np.max(np.abs(mono)))
        if top > 0:
            mono = mono * (peak / top)
    return np.clip(np.rint(mono * 32768.0), -32768, 32767).astype(np.int16)


def read_audio(path: Path, raw_rate: int | None = None) -> tuple[np.ndarray, int]:
    """Decode a file to float32 [frames] or [frames, channels] and its rate.

    Headerless `.raw` files (codec2, pocketsphinx test data) are signed 16-bit little-endian mono at
    `raw_rate`; everything else is read by libsndfile (wav, flac, ogg, and mp3 with libsndfile ≥ 1.1).
    """
    if path.suffix.lower() == ".raw":
        if raw_rate is None:
            raise ValueError(f"{path}: headerless raw audio needs a sample rate")
        data = np.fromfile(path, dtype="<i2").astype(np.float32) / 32768.0
        return data, raw_rate
    data, rate = sf.read(str(path), dtype="float32", always_2d=False)
    return data, int(rate)


def is_silent(samples: np.ndarray) -> bool:
    """True when the int16 clip never rises above -60 dBFS."""
    return samples.size == 0 or float(np.max(np.abs(samples.astype(np.int32)))) / 32768.0 < SILENCE_PEAK


def clipped_fraction(samples: np.ndarray) -> float:
    """Share of int16 samples at full scale (flat-topped recordings fail `validate`)."""
    return float(np.count_nonzero(np.abs(samples.astype(np.int32)) >= CLIP_LEVEL)) / max(1, samples.size)


def chunk(samples: np.ndarray, max_seconds: float) -> list[np.ndarray]:
    """Cut a long clip into near-equal pieces no longer than `max_seconds` (negatives have a length cap)."""
    limit = int(max_seconds * SAMPLE_RATE)
    if samples.size <= limit:
        return [samples]
    pieces = int(np.ceil(samples.size / limit))
    return [part for part in np.array_split(samples, pieces) if part.size]


def write_wav(path: Path, samples: np.ndarray) -> None:
    """Write 16 kHz mono PCM_16 WAV via a temp file + rename, so a kill never leaves half a file."""
    with atomic_path(path, suffix=".wav") as tmp:
        sf.write(str(tmp), samples, SAMPLE_RATE, subtype="PCM_16", format="WAV")


def stream_to_wav(
    source: Path, target: Path, max_seconds: float, block_frames: int = 1 << 16
) -> tuple[float, float, float]:
    """Convert a long file block by block (a 30-minute 44.1 kHz stereo track would need 600 MB in memory).

    Writes at most `max_seconds`; returns (seconds written, peak as a fraction of full scale, clipped
    fraction). Atomic.
    """
    limit = int(max_seconds * SAMPLE_RATE)
    written, peak, clipped = 0, 0, 0
    with (
        atomic_path(target, suffix=".wav") as tmp,
        sf.SoundFile(str(source)) as reader,
        sf.SoundFile(str(tmp), "w", SAMPLE_RATE, 1, "PCM_16", format="WAV") as out,
    ):
        stream = None if reader.samplerate == SAMPLE_RATE else soxr.ResampleStream(reader.samplerate, SAMPLE_RATE, 1)
        blocks = reader.blocks(blocksize=block_frames, dtype="float32", always_2d=True)
        for last, block in _flag_last(blocks):
            mono = block.mean(axis=1, dtype=np.float32)
            mono = mono if stream is None else stream.resample_chunk(mono, last=last).astype(np.float32)
            pcm = np.clip(np.rint(mono * 32768.0), -32768, 32767).astype(np.int16)[: limit - written]
            if pcm.size:
                out.write(pcm)
                written += pcm.size
                magnitude = np.abs(pcm.astype(np.int32))
                peak = max(peak, int(magnitude.max()))
                clipped += int(np.count_nonzero(magnitude >= CLIP_LEVEL))
            if written >= limit:
                break
    return written / SAMPLE_RATE, peak / 32768.0, clipped / max(1, written)


def _flag_last(iterable):  # noqa: ANN001, ANN202
    """Yield (is_last, item) so the resampler can flush its tail on the final block."""
    iterator = iter(iterable)
    try:
        current = next(iterator)
    except StopIteration:
        return
    for item in iterator:
        yield False, current
        current = item
    yield True, current
