"""Per-file problems: each bad kind of file is detected with its own message."""

from __future__ import annotations

import pytest

from wakesmith.audio.ingest import scan_dataset
from wakesmith.audio.validation import check_record, content_stats
from wakesmith.config.models import DatasetConfig


def problems_by_file(root, config=None):
    config = config or DatasetConfig(root=root)
    return {r.relative_path: [p.message for p in check_record(r, config)] for r in scan_dataset(config)}


def test_good_files_have_no_problems(dataset):
    assert problems_by_file(dataset) == {"positive/good.wav": [], "negative/good.wav": []}


def test_each_bad_file_has_its_own_message(dataset, audio):
    for name, (make, _) in audio.bad_files.items():
        make(dataset / "positive" / name)
    found = problems_by_file(dataset)
    for name, (_, expected) in audio.bad_files.items():
        messages = found[f"positive/{name}"]
        assert any(expected in m for m in messages), (name, messages)
    # Format problems are reported alone (the content is fine), so each message names exactly one issue.
    assert found["positive/stereo.wav"] == ["not mono: 2 channels"]
    assert found["positive/rate.wav"] == ["wrong sample rate: 44100 Hz (needs 16000)"]
    assert found["positive/good.wav"] == []


def test_limits_depend_on_kind(dataset, audio):
    audio.write(dataset / "negative" / "six.wav", audio.tone(6.0))  # too long for a positive, fine as a negative
    audio.write(dataset / "background" / "short.wav", audio.tone(0.5))  # background needs >= 1 s
    found = problems_by_file(dataset)
    assert found["negative/six.wav"] == []
    assert any(m.startswith("too short") for m in found["background/short.wav"])


def test_thresholds_come_from_config(dataset, audio):
    audio.write(dataset / "positive" / "quietish.wav", audio.tone(1.0, amplitude=0.01))  # about -40 dBFS
    assert problems_by_file(dataset)["positive/quietish.wav"] == []
    strict = DatasetConfig(root=dataset, silence_dbfs=-20.0)
    assert problems_by_file(dataset, strict)["positive/quietish.wav"][0].startswith("silent")


def test_clipping_fraction_threshold(dataset, audio):
    samples = audio.tone(1.0)
    samples[:50] = 1.0  # 0.3 % of samples at full scale
    audio.write(dataset / "positive" / "few.wav", samples)
    assert problems_by_file(dataset)["positive/few.wav"] == []
    strict = DatasetConfig(root=dataset, clipping_fraction=0.001)
    assert problems_by_file(dataset, strict)["positive/few.wav"][0].startswith("clipped: 0.3%")


@pytest.mark.parametrize("block", [7, 1000, 1 << 16])
def test_content_stats_streamed_in_blocks(tmp_path, audio, block):
    samples = audio.tone(2.0, channels=2)
    samples[12345, 1] = 1.0
    path = audio.write(tmp_path / "s.wav", samples)
    stats = content_stats(path, block_frames=block)
    assert stats.frames_read == samples.shape[0]
    assert stats.peak == pytest.approx(1.0, abs=1e-4)
    assert stats.clipped_fraction == pytest.approx(1 / samples.size)


def test_truncated_wav_is_read_at_its_real_length(dataset, audio):
    """libsndfile trusts the file size over a WAV header's data length: a cut file is simply shorter."""
    path = audio.write(dataset / "positive" / "cut.wav", audio.tone(1.0))
    data = path.read_bytes()
    path.write_bytes(data[: 44 + 16000])  # header still claims 1 s; 0.5 s of samples remain
    records = {r.relative_path: r for r in scan_dataset(DatasetConfig(root=dataset))}
    assert records["positive/cut.wav"].frames == 8000
    assert problems_by_file(dataset)["positive/cut.wav"] == []
