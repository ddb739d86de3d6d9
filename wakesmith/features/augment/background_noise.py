"""Mix a pre-loaded background recording into a clip at a random SNR (audiomentations style).

audiomentations' AddBackgroundNoise takes file paths and reads (and decodes) a file for every clip it
augments — the reference's main bottleneck. This transform holds the recordings as int16 arrays loaded once
per worker and only converts the slice it mixes in. Parameters are drawn in `randomize_parameters` from
Python's `random` (like audiomentations), so seeding `random` per clip makes the result reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
from audiomentations.core.transforms_interface import BaseWaveformTransform
from numpy.typing import NDArray


class AddBackgroundNoiseFromArrays(BaseWaveformTransform):
    """Add a random stretch of one of `sounds` (int16 arrays) at an SNR drawn from [min_snr_db, max_snr_db].

    Shorter recordings are tiled; the noise polarity is flipped at random (doubles the variety for free).
    A silent input gets no noise (relative SNR), as in audiomentations.
    """

    supports_multichannel = False

    def __init__(self, sounds: Sequence[np.ndarray], min_snr_db: float = -5.0, max_snr_db: float = 10.0, p=0.5):
        super().__init__(p)
        if min_snr_db > max_snr_db:
            raise ValueError("min_snr_db must not be greater than max_snr_db")
        self.sounds = [np.asarray(sound, np.int16).reshape(-1) for sound in sounds if len(sound) > 0]
        if not self.sounds:
            raise ValueError("AddBackgroundNoiseFromArrays needs at least one non-empty recording")
        self.min_snr_db = min_snr_db
        self.max_snr_db = max_snr_db

    def randomize_parameters(self, samples: NDArray[np.float32], sample_rate: int) -> None:
        super().randomize_parameters(samples, sample_rate)
        if self.parameters["should_apply"]:
            index = random.randrange(len(self.sounds))
            spare = max(0, len(self.sounds[index]) - len(samples))
            self.parameters["sound_index"] = index
            self.parameters["offset"] = random.randint(0, spare)
            self.parameters["snr_db"] = random.uniform(self.min_snr_db, self.max_snr_db)
            self.parameters["invert"] = random.random() < 0.5

    def apply(self, samples: NDArray[np.float32], sample_rate: int) -> NDArray[np.float32]:
        sound = self.sounds[self.parameters["sound_index"]]
        offset = self.parameters["offset"]
        stretch = sound[offset : offset + len(samples)]
        if len(stretch) < len(samples):
            stretch = np.resize(stretch, len(samples))  # tiles a short recording
        noise = stretch.astype(np.float32)
        noise_rms = float(np.sqrt(np.mean(np.square(noise))))
        clean_rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float32))))
        if noise_rms < 1e-3 or clean_rms == 0.0:
            return samples
        gain = clean_rms / (10.0 ** (self.parameters["snr_db"] / 20.0)) / noise_rms
        if self.parameters["invert"]:
            gain = -gain
        return (samples + noise * np.float32(gain)).astype(np.float32, copy=False)
