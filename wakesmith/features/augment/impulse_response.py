"""Convolve a clip with a pre-loaded room impulse response (audiomentations style).

Differs from audiomentations' ApplyImpulseResponse in three deliberate ways: responses are arrays loaded once
per worker (no per-clip file access); each response is cut to start at its direct-path peak, so reverb never
delays the word (positives keep their word-end position); and the output keeps the input's peak level
instead of being normalised to 0.5, so Gain and SNR settings keep their meaning. The convolution reuses each
response's FFT (all clips have one length): two FFTs per clip instead of three, ~2× faster than oaconvolve.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
from audiomentations.core.transforms_interface import BaseWaveformTransform
from numpy.typing import NDArray
from scipy import fft


def align_impulse_response(response: np.ndarray) -> np.ndarray:
    """Float32 response starting at its strongest tap (the direct path), unit peak."""
    response = np.asarray(response, np.float32).reshape(-1)
    if response.size == 0:
        return response
    peak = int(np.argmax(np.abs(response)))
    aligned = response[peak:]
    top = float(np.max(np.abs(aligned)))
    return aligned / np.float32(top) if top > 0 else aligned


class ApplyImpulseResponseFromArrays(BaseWaveformTransform):
    """Reverberate with one of `responses` (any numeric arrays); output length and peak equal the input's."""

    supports_multichannel = False

    def __init__(self, responses: Sequence[np.ndarray], p=0.5):
        super().__init__(p)
        self.responses = [r for r in (align_impulse_response(r) for r in responses) if r.size > 0]
        if not self.responses:
            raise ValueError("ApplyImpulseResponseFromArrays needs at least one non-empty response")
        self._spectra: dict[tuple[int, int], np.ndarray] = {}  # (response, FFT size) → spectrum, reused per clip

    def randomize_parameters(self, samples: NDArray[np.float32], sample_rate: int) -> None:
        super().randomize_parameters(samples, sample_rate)
        if self.parameters["should_apply"]:
            self.parameters["response_index"] = random.randrange(len(self.responses))

    def apply(self, samples: NDArray[np.float32], sample_rate: int) -> NDArray[np.float32]:
        index = self.parameters["response_index"]
        size = fft.next_fast_len(len(samples) + len(self.responses[index]) - 1, real=True)
        spectrum = self._spectra.get((index, size))
        if spectrum is None:  # clips share one length, so each response is transformed once per worker
            spectrum = self._spectra[(index, size)] = fft.rfft(self.responses[index], size)
        wet = fft.irfft(fft.rfft(samples, size) * spectrum, size)[: len(samples)].astype(np.float32, copy=False)
        peak_in = float(np.max(np.abs(samples)))
        peak_out = float(np.max(np.abs(wet)))
        if peak_out == 0.0:
            return samples
        return wet * np.float32(peak_in / peak_out)
