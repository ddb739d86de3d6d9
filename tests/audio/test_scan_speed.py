"""Issue #2 budget: 10 000 files scanned in under 30 s on 2 cores (slow: run with `-m slow`)."""

from __future__ import annotations

import time

import numpy as np
import pytest
import soundfile as sf

from wakesmith.audio.ingest import scan
from wakesmith.config.models import DatasetConfig


@pytest.mark.slow
def test_ten_thousand_files_scan_under_30_s(tmp_path):
    rng = np.random.default_rng(0)
    clip = (rng.standard_normal(16000) * 3000).astype(np.int16)
    for index in range(10_000):
        kind = "positive" if index % 2 else "negative"
        folder = tmp_path / kind / f"spk{index % 50:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        sf.write(str(folder / f"f{index:05d}.wav"), np.roll(clip, index), 16000, subtype="PCM_16")
    config = DatasetConfig(root=tmp_path)
    started = time.perf_counter()
    cold = scan(config)
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    warm = scan(config)
    warm_s = time.perf_counter() - started
    print(f"10 000 files: cold scan (hashing) {cold_s:.1f} s, warm scan (cache) {warm_s:.1f} s")
    assert len(cold.records) == len(warm.records) == 10_000
    assert warm.cache.hits == 10_000
    assert cold_s < 30 and warm_s < 30
