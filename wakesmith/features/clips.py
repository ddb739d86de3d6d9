"""Fixed-length clips: where a sample sits inside the clip, and one clip's seeded randomness.

Positives are aligned so the spoken word ENDS `word_end_offset_s` (jittered, ~0.2 s) before the clip end:
the streaming model is trained to fire at that point (SPEC §4). Negatives land at a random position; long
recordings are cropped at random. Everything random about a clip comes from `clip_rng(seed, key, repetition)`,
so a clip's augmentation never depends on which worker made it or how many there are.
"""

from __future__ import annotations

import random

import numpy as np

from wakesmith.features.frontend import SAMPLE_RATE, SAMPLES_PER_STEP

# Trailing frames count as silence when their energy is below peak − SPEECH_FLOOR_DB, or (for recordings with a
# noise floor) within NOISE_MARGIN_DB of the quietest tenth of frames — but never when within SPEECH_KEEP_DB
# of the peak, so a soft final consonant ("…vis") is kept.
SPEECH_FLOOR_DB = 40.0
NOISE_MARGIN_DB = 6.0
SPEECH_KEEP_DB = 20.0


def clip_rng(seed: int, key: int, repetition: int) -> np.random.Generator:
    """The clip's own generator; also seeds `random` and numpy's global RNG, which audiomentations draws from."""
    sequence = np.random.SeedSequence([seed & 0xFFFFFFFF, key & 0xFFFFFFFF, key >> 32, repetition])
    state = sequence.generate_state(3)
    random.seed(int(state[0]))
    np.random.seed(int(state[1]))
    return np.random.default_rng(sequence)


def clip_samples(duration_s: float) -> int:
    """Clip length in samples, a whole number of 10 ms steps so no audio is left unused by the frontend."""
    return int(round(duration_s * SAMPLE_RATE / SAMPLES_PER_STEP)) * SAMPLES_PER_STEP


def speech_end(samples: np.ndarray) -> int:
    """Index one past the last 10 ms frame that is not trailing silence (see the thresholds above).

    Recordings often carry trailing silence; aligning the file's end instead of the word's end would put the
    word early by that much. Returns 0 for an all-silent clip.
    """
    audio = np.asarray(samples, np.float32)
    whole = audio.size // SAMPLES_PER_STEP
    if whole == 0:
        return int(audio.size if np.any(audio) else 0)
    frames = audio[: whole * SAMPLES_PER_STEP].reshape(whole, SAMPLES_PER_STEP)
    energy = np.mean(np.square(frames), axis=1)
    top = float(energy.max())
    if top == 0.0:
        return 0
    floor = float(np.percentile(energy, 10)) * 10.0 ** (NOISE_MARGIN_DB / 10.0)
    threshold = min(max(top * 10.0 ** (-SPEECH_FLOOR_DB / 10.0), floor), top * 10.0 ** (-SPEECH_KEEP_DB / 10.0))
    loud = np.flatnonzero(energy > threshold)
    return int((loud[-1] + 1) * SAMPLES_PER_STEP)


def place_positive(samples: np.ndarray, length: int, end_offset_s: float) -> np.ndarray:
    """The word (trailing silence removed) ending `end_offset_s` before the end of a zero clip of `length`.

    Words longer than the space before that point lose their start (the end is what the model must see).
    """
    word = np.asarray(samples)[: speech_end(samples)]
    end = max(0, length - int(round(end_offset_s * SAMPLE_RATE)))
    clip = np.zeros(length, np.int16)
    word = word[max(0, word.size - end) :]
    clip[end - word.size : end] = word
    return clip


def place_randomly(samples: np.ndarray, length: int, rng: np.random.Generator) -> np.ndarray:
    """A shorter sample at a random position in a zero clip; a longer one cropped at a random start."""
    samples = np.asarray(samples)
    if samples.size >= length:
        start = int(rng.integers(0, samples.size - length + 1))
        return np.array(samples[start : start + length], np.int16)
    clip = np.zeros(length, np.int16)
    start = int(rng.integers(0, length - samples.size + 1))
    clip[start : start + samples.size] = samples
    return clip


def to_float(samples: np.ndarray) -> np.ndarray:
    return np.asarray(samples, np.float32) * np.float32(1.0 / 32768.0)


def to_int16(samples: np.ndarray) -> np.ndarray:
    """Float clip back to PCM: scaled, rounded and clipped (loud augmentations saturate like a real ADC)."""
    return np.clip(np.rint(np.asarray(samples, np.float32) * np.float32(32768.0)), -32768, 32767).astype(np.int16)
