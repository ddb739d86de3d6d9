"""Non-speech synthetic audio: coloured noise, babble mixing and simple room impulse responses.

Noise colour follows a power law: power spectral density ∝ f^exponent (white 0, pink −1, brown −2,
blue +1, violet +2), shaped in the frequency domain from white Gaussian noise.
"""

from __future__ import annotations

import numpy as np

from wakesmith.audio.layout import SAMPLE_RATE
from wakesmith.audio.synth.shaping import set_rms

NOISE_EXPONENTS = {"white": 0.0, "pink": -1.0, "brown": -2.0, "blue": 1.0, "violet": 2.0}


def colored_noise(rng: np.random.Generator, frames: int, color: str) -> np.ndarray:
    """`frames` samples of unit-RMS noise with the named spectral slope."""
    exponent = NOISE_EXPONENTS[color]
    white = rng.standard_normal(frames)
    if exponent == 0.0:
        shaped = white
    else:
        spectrum = np.fft.rfft(white)
        freqs = np.fft.rfftfreq(frames, d=1.0 / SAMPLE_RATE)
        freqs[0] = freqs[1] if frames > 1 else 1.0  # avoid 0^negative at DC
        spectrum *= freqs ** (exponent / 2.0)
        shaped = np.fft.irfft(spectrum, n=frames)
    shaped = shaped - shaped.mean()
    return set_rms(shaped.astype(np.float32), 0.0)


def loop_to(samples: np.ndarray, frames: int, offset: int) -> np.ndarray:
    """Repeat `samples` to `frames` long, starting `offset` samples in (so streams do not line up)."""
    if samples.size == 0:
        return np.zeros(frames, np.float32)
    repeats = -(-(frames + offset) // samples.size)
    return np.tile(samples, repeats)[offset : offset + frames]


def mix_babble(streams: list[np.ndarray], gains_db: list[float], frames: int, offsets: list[int]) -> np.ndarray:
    """Overlapping talkers: each stream looped to length, offset, scaled, summed."""
    total = np.zeros(frames, np.float32)
    for stream, gain, offset in zip(streams, gains_db, offsets, strict=True):
        voice = set_rms(loop_to(stream, frames, offset % max(1, stream.size)), gain)
        total += voice
    return total


def synthetic_rir(rng: np.random.Generator, rt60_s: float) -> np.ndarray:
    """A plausible room impulse response: direct path, a few early reflections, exponentially decaying tail."""
    frames = int(round(rt60_s * 1.2 * SAMPLE_RATE))
    time = np.arange(frames) / SAMPLE_RATE
    decay = np.exp(-6.9 * time / rt60_s)  # −60 dB at rt60
    tail = rng.standard_normal(frames) * decay * 0.3
    onset = int(rng.integers(8, 80))
    tail[:onset] = 0.0
    response = tail
    response[0] = 1.0
    for _ in range(int(rng.integers(3, 8))):
        delay = int(rng.integers(onset, min(frames - 1, onset + int(0.05 * SAMPLE_RATE))))
        response[delay] += rng.uniform(-0.6, 0.6)
    return (response / np.max(np.abs(response)) * 0.9).astype(np.float32)
