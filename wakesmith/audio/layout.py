"""The dataset folder layout: one sub-folder per kind of audio."""

from __future__ import annotations

DATASET_KINDS = ("positive", "negative", "background", "rir")
AUDIO_SUFFIXES = (".wav", ".flac")
SAMPLE_RATE = 16000
CACHE_DIRNAME = ".wakesmith-cache"
SPLITS = ("train", "validation", "test")
