"""The augmentation chain: the one place that decides which transforms run, in what order, how likely.

Order follows the signal path: the talker's voice is coloured (EQ, distortion, pitch, band stop), the room
reverberates it (RIR), background sound and sensor noise add at the microphone, and the input gain scales
everything. Probabilities and ranges come from `AugmentationConfig` (reference defaults, SPEC §4).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from audiomentations import (
    AddColorNoise,
    BandStopFilter,
    Compose,
    Gain,
    PitchShift,
    SevenBandParametricEQ,
    TanhDistortion,
)

from wakesmith.config.models import AugmentationConfig
from wakesmith.features.augment.background_noise import AddBackgroundNoiseFromArrays
from wakesmith.features.augment.impulse_response import ApplyImpulseResponseFromArrays


def build_augmenter(
    config: AugmentationConfig, backgrounds: Sequence[np.ndarray], impulse_responses: Sequence[np.ndarray]
) -> Compose:
    """A Compose over float32 clips; transforms whose material is missing (no background/RIR files) are left out.

    PitchShift uses audiomentations' signalsmith backend (C++), ~10 ms per 3.2 s clip; at the reference
    probability 0.1 it costs ~1 ms per clip on average.
    """
    transforms = [
        SevenBandParametricEQ(min_gain_db=-6.0, max_gain_db=6.0, p=config.seven_band_eq),
        TanhDistortion(min_distortion=0.0001, max_distortion=0.10, p=config.tanh_distortion),
        PitchShift(
            min_semitones=config.pitch_semitones[0],
            max_semitones=config.pitch_semitones[1],
            p=config.pitch_shift,
            **_fast_pitch(),
        ),
        BandStopFilter(p=config.band_stop),
    ]
    if impulse_responses and config.rir > 0:
        transforms.append(ApplyImpulseResponseFromArrays(impulse_responses, p=config.rir))
    if backgrounds and config.background_noise > 0:
        low, high = config.background_snr_db
        transforms.append(
            AddBackgroundNoiseFromArrays(backgrounds, min_snr_db=low, max_snr_db=high, p=config.background_noise)
        )
    transforms += [
        AddColorNoise(
            min_snr_db=config.color_noise_snr_db[0], max_snr_db=config.color_noise_snr_db[1], p=config.color_noise
        ),
        Gain(min_gain_db=config.gain_db[0], max_gain_db=config.gain_db[1], p=config.gain),
    ]
    return Compose([t for t in transforms if t.p > 0])


def _fast_pitch() -> dict[str, str]:
    """audiomentations ≥ 0.39 offers the signalsmith backend (C++); older releases only have librosa's."""
    import inspect

    return {"method": "signalsmith_stretch"} if "method" in inspect.signature(PitchShift.__init__).parameters else {}
