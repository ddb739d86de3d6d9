"""Converted copies and read_samples: device format out, originals untouched, stale copies refused."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from wakesmith.audio.conversion import convert_record, converted_path, has_valid_copy
from wakesmith.audio.ingest import scan_dataset
from wakesmith.audio.loading import read_samples
from wakesmith.config.models import DatasetConfig
from wakesmith.errors import WakesmithError


def record_of(root, relative):
    return next(r for r in scan_dataset(DatasetConfig(root=root)) if r.relative_path == relative)


def test_device_format_original_is_read_directly(dataset):
    record = record_of(dataset, "positive/good.wav")
    samples = read_samples(record, dataset)
    expected, _ = sf.read(str(dataset / "positive" / "good.wav"), dtype="int16")
    assert samples.dtype == np.int16 and np.array_equal(samples, expected)


def test_wrong_format_needs_fix(dataset, audio):
    audio.write(dataset / "positive" / "hi.wav", audio.tone(1.0, rate=48000, channels=2), rate=48000)
    with pytest.raises(WakesmithError, match="validate --fix"):
        read_samples(record_of(dataset, "positive/hi.wav"), dataset)


def test_unreadable_file_raises_user_error(dataset):
    (dataset / "positive" / "bad.wav").write_bytes(b"garbage" * 10)
    with pytest.raises(WakesmithError, match="unreadable"):
        read_samples(record_of(dataset, "positive/bad.wav"), dataset)


@pytest.mark.parametrize(
    ("rate", "channels", "subtype"),
    [(44100, 1, "PCM_16"), (16000, 2, "PCM_16"), (16000, 1, "PCM_24"), (8000, 2, "FLOAT")],
)
def test_conversion_gives_16k_mono_int16(dataset, audio, rate, channels, subtype):
    source = audio.tone(1.0, rate=rate, channels=channels, amplitude=0.5)
    path = audio.write(dataset / "positive" / "in.wav", source, rate=rate, subtype=subtype)
    original = path.read_bytes()
    record = record_of(dataset, "positive/in.wav")
    copy = convert_record(record, dataset)
    assert copy == converted_path(dataset, "positive/in.wav") and has_valid_copy(record, dataset)
    info = sf.info(str(copy))
    assert (info.samplerate, info.channels, info.subtype) == (16000, 1, "PCM_16")
    assert abs(info.frames - 16000) <= 2
    samples = read_samples(record, dataset)
    assert samples.dtype == np.int16 and samples.ndim == 1
    mono = source.mean(axis=1) if channels > 1 else source
    assert np.max(np.abs(samples)) / 32768 == pytest.approx(np.max(np.abs(mono)), abs=0.03)
    assert path.read_bytes() == original  # never modified


def test_changed_original_invalidates_copy(dataset, audio):
    audio.write(dataset / "positive" / "in.wav", audio.tone(1.0, rate=22050), rate=22050)
    convert_record(record_of(dataset, "positive/in.wav"), dataset)
    audio.write(dataset / "positive" / "in.wav", audio.tone(1.2, rate=22050, seed=3), rate=22050)
    changed = record_of(dataset, "positive/in.wav")
    assert not has_valid_copy(changed, dataset)
    with pytest.raises(WakesmithError, match="validate --fix"):
        read_samples(changed, dataset)
    convert_record(changed, dataset)
    assert abs(len(read_samples(changed, dataset)) - 19200) <= 2


def test_long_file_converts_in_blocks(dataset, audio):
    from wakesmith.audio.conversion import convert_file

    source = audio.tone(3.0, rate=44100, channels=2)
    path = audio.write(dataset / "background" / "long.wav", source, rate=44100)
    one = dataset / "one.wav"
    many = dataset / "many.wav"
    convert_file(path, one, block_frames=1 << 20)
    convert_file(path, many, block_frames=1000)
    a, _ = sf.read(str(one), dtype="int16")
    b, _ = sf.read(str(many), dtype="int16")
    assert a.shape == b.shape and np.max(np.abs(a.astype(int) - b.astype(int))) <= 2
