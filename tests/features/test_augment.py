"""Clip placement, per-clip seeding and the custom array-backed transforms."""

from __future__ import annotations

import random

import numpy as np
import pytest

from wakesmith.config.models import AugmentationConfig
from wakesmith.features.augment.background_noise import AddBackgroundNoiseFromArrays
from wakesmith.features.augment.impulse_response import ApplyImpulseResponseFromArrays
from wakesmith.features.augment.pipeline import build_augmenter
from wakesmith.features.clips import clip_rng, clip_samples, place_positive, place_randomly, speech_end
from wakesmith.features.frontend import compute_raw_features
from wakesmith.features.plan import ClipJob
from wakesmith.features.worker import WorkerSetup, init_worker, render_clip

RATE = 16000
NO_AUGMENTATION = AugmentationConfig(
    seven_band_eq=0, tanh_distortion=0, pitch_shift=0, band_stop=0, color_noise=0, background_noise=0, gain=0, rir=0
)


def last_nonzero(samples: np.ndarray) -> int:
    return int(np.flatnonzero(samples)[-1]) + 1


@pytest.mark.parametrize("word_s", [0.4, 1.1, 4.0])
def test_positive_word_end_sits_offset_before_clip_end(tone, word_s):
    length = clip_samples(3.2)
    word = tone(word_s, 800)
    source = np.concatenate([np.zeros(1234, np.int16), word, np.zeros(RATE // 3, np.int16)])  # trailing silence
    for offset in (0.195, 0.2, 0.205):
        clip = place_positive(source, length, offset)
        assert clip.dtype == np.int16 and clip.size == length
        gap = length - last_nonzero(clip)
        # speech_end works on 10 ms frames: the burst end lands within one frame before the target point.
        assert round(offset * RATE) <= gap < round(offset * RATE) + 160
    if word_s > 3.0:  # too long: the start is cropped, the end kept
        assert np.flatnonzero(clip)[0] < 5  # the word fills the clip from its very start


def test_speech_end_ignores_trailing_silence_and_handles_silence(tone):
    word = tone(0.5)
    assert speech_end(np.concatenate([word, np.zeros(4000, np.int16)])) == word.size
    assert speech_end(np.zeros(5000, np.int16)) == 0
    # A noisy recording: the tail is noise 35 dB below the word, which must not count as speech.
    rng = np.random.default_rng(0)
    noisy = np.concatenate([word, np.zeros(8000, np.int16)]) + (rng.standard_normal(word.size + 8000) * 200)
    assert abs(speech_end(noisy.astype(np.int16)) - word.size) <= 160
    # A soft ending 25 dB below the peak is kept.
    soft = np.concatenate([word, (word[:1600] * 0.056).astype(np.int16), np.zeros(4000, np.int16)])
    assert speech_end(soft) == word.size + 1600


def test_random_placement_contains_or_crops(tone):
    rng = np.random.default_rng(0)
    short = tone(0.5)
    starts = set()
    for _ in range(20):
        clip = place_randomly(short, 16000, rng)
        assert clip.size == 16000 and np.count_nonzero(clip) == np.count_nonzero(short)
        starts.add(int(np.flatnonzero(clip)[0]))
    assert len(starts) > 5
    long = (np.arange(40000) % 1000 + 1).astype(np.int16)
    crop = place_randomly(long, 16000, rng)
    start = int(crop[0]) - 1
    assert crop.size == 16000 and np.all(np.diff(crop.astype(int)) % 1000 == 1)
    assert 0 <= start < 1000


def test_rendered_positive_ends_at_expected_frame(tiny_project):
    """Through the worker with augmentation off: the word's last frame sits ~0.2 s before the clip end."""
    config, records = tiny_project
    positive = next(r for r in records if r.kind == "positive")
    setup = WorkerSetup(NO_AUGMENTATION, 3.2, (0.2, 0.2), 1, config.dataset.root)
    init_worker(setup)
    raw = render_clip(ClipJob(positive, "positive", 7, 0, "training"))
    assert raw.shape == (318, 40)
    # Silence gives all-zero frames; the word ends 3200 samples (20 steps) before the end, so the last frame
    # touching it is 18 frames from the end (19 when the 10 ms end detection rounds up).
    frames_after = raw.shape[0] - 1 - np.flatnonzero(raw.sum(axis=1))[-1]
    assert 18 <= frames_after <= 19


def test_clip_seed_controls_all_randomness(tiny_project):
    config, records = tiny_project
    backgrounds = [np.random.default_rng(i).integers(-3000, 3000, RATE * 5).astype(np.int16) for i in range(2)]
    setup = WorkerSetup(
        AugmentationConfig(seven_band_eq=1, tanh_distortion=1, band_stop=1, color_noise=1, background_noise=1, rir=1),
        1.5,
        (0.195, 0.205),
        5,
        config.dataset.root,
        backgrounds=backgrounds,
        pools={"training": [0, 1]},
        impulse_responses=[np.r_[1.0, np.zeros(99), 0.5, np.zeros(50)]],
    )
    init_worker(setup)
    positive = next(r for r in records if r.kind == "positive")
    a, b = ClipJob(positive, "positive", 11, 0, "training"), ClipJob(positive, "positive", 12, 0, "training")
    first_a, first_b = render_clip(a), render_clip(b)
    random.seed(999)  # disturbing the global RNGs between clips must not matter
    np.random.seed(999)
    assert np.array_equal(render_clip(b), first_b)
    assert np.array_equal(render_clip(a), first_a)
    assert not np.array_equal(first_a, first_b)
    assert not np.array_equal(render_clip(ClipJob(positive, "positive", 11, 1, "training")), first_a)


def test_background_noise_from_arrays_hits_the_snr(tone):
    clean = tone(1.0, 440, 0.3).astype(np.float32) / 32768
    noise = np.random.default_rng(0).standard_normal(RATE * 3).astype(np.float32) * 5000
    transform = AddBackgroundNoiseFromArrays([noise.astype(np.int16)], min_snr_db=6.0, max_snr_db=6.0, p=1.0)
    clip_rng(0, 1, 0)
    mixed = transform(clean, RATE)
    added = mixed - clean
    snr = 20 * np.log10(np.sqrt(np.mean(clean**2)) / np.sqrt(np.mean(added**2)))
    assert abs(snr - 6.0) < 0.01
    assert mixed.shape == clean.shape
    assert np.array_equal(transform(np.zeros_like(clean), RATE), np.zeros_like(clean))  # silent stays silent


def test_impulse_response_keeps_length_peak_and_timing():
    clip = np.zeros(8000, np.float32)
    clip[4000] = 0.5
    response = np.r_[np.zeros(30), 1.0, np.zeros(9), 0.5].astype(np.float32)  # pre-delay 30 samples
    transform = ApplyImpulseResponseFromArrays([response], p=1.0)
    wet = transform(clip, RATE)
    assert wet.shape == clip.shape
    assert int(np.argmax(np.abs(wet))) == 4000  # the direct path is not delayed
    assert abs(np.max(np.abs(wet)) - 0.5) < 1e-6
    assert abs(wet[4010] - 0.25) < 1e-6


def test_augmenter_respects_probabilities_and_missing_material():
    names = lambda c: [type(t).__name__ for t in c.transforms]  # noqa: E731
    assert names(build_augmenter(NO_AUGMENTATION, [], [])) == []
    full = build_augmenter(AugmentationConfig(), [np.ones(100, np.int16)], [np.ones(10)])
    assert "AddBackgroundNoiseFromArrays" in names(full) and "ApplyImpulseResponseFromArrays" in names(full)
    assert "AddBackgroundNoiseFromArrays" not in names(build_augmenter(AugmentationConfig(), [], []))
    assert compute_raw_features(np.zeros(480, np.int16)).shape == (1, 40)
