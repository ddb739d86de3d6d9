"""Package audio → dataset clips: decoding ogg/flac/raw, resampling, checks, chunking, publishing, manifest."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from wakesmith.audio.sources import debian
from wakesmith.audio.sources.catalog import SOURCES, Rule, Source, download_mb, sources_for
from wakesmith.audio.sources.convert import chunk, clipped_fraction, is_silent, read_audio, to_pcm16
from wakesmith.audio.sources.manifest import read_manifest, update_manifest


def dominant_hz(samples: np.ndarray, rate: int = 16000) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float32)))
    return float(np.argmax(spectrum) * rate / samples.size)


@pytest.mark.parametrize(("suffix", "rate"), [(".ogg", 44100), (".flac", 48000), (".wav", 8000)])
def test_encoded_file_becomes_16k_mono_int16(tmp_path: Path, tone, suffix: str, rate: int) -> None:
    path = tmp_path / f"clip{suffix}"
    sf.write(path, tone(1.5, rate, channels=2, freq=440.0), rate)
    audio, read_rate = read_audio(path)
    samples = to_pcm16(audio, read_rate)
    assert read_rate == rate and samples.dtype == np.int16 and samples.ndim == 1
    assert abs(samples.size - 1.5 * 16000) <= 16
    assert abs(dominant_hz(samples) - 440.0) < 5
    assert 0.4 < np.abs(samples).max() / 32768 < 0.6  # level kept when no peak is asked for
    assert clipped_fraction(samples) == 0 and clipped_fraction(np.full(10, 32767, np.int16)) == 1


def test_headerless_raw_needs_and_uses_a_rate(tmp_path: Path, tone) -> None:
    path = tmp_path / "speech.raw"
    (tone(1.0, 8000)[:, 0] * 32767).astype("<i2").tofile(path)
    with pytest.raises(ValueError):
        read_audio(path)
    audio, rate = read_audio(path, raw_rate=8000)
    samples = to_pcm16(audio, rate)
    assert rate == 8000 and abs(samples.size - 16000) <= 16 and abs(dominant_hz(samples) - 440) < 5


def test_peak_normalisation_silence_and_chunking() -> None:
    quiet = np.full(1600, 0.001, dtype=np.float32)
    assert np.abs(to_pcm16(quiet, 16000, peak=0.5)).max() == pytest.approx(16384, abs=1)
    assert is_silent(np.zeros(100, np.int16)) and not is_silent(np.full(100, 1000, np.int16))
    pieces = chunk(np.zeros(16000 * 65, np.int16), 30.0)
    assert len(pieces) == 3 and sum(p.size for p in pieces) == 16000 * 65 and max(p.size for p in pieces) <= 16000 * 30


def test_select_files_rules_excludes_and_stems(tmp_path: Path) -> None:
    for rel in [
        "usr/share/voices/de/m1/a.ogg",
        "usr/share/voices/en/b.ogg",
        "usr/share/voices/all.ogg",
        "usr/share/x.txt",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"")
    rules = (Rule("usr/share/voices/*.ogg", "negative", exclude=("*/all.ogg",)),)
    chosen = [p.relative_to(tmp_path).as_posix() for p, _ in debian.select_files(tmp_path, rules)]
    assert chosen == ["usr/share/voices/de/m1/a.ogg", "usr/share/voices/en/b.ogg"]
    assert debian.output_stem("usr/share/voices/de/m1/a.ogg", rules[0]) == "de__m1__a"


def _fake_package(root: Path, tone) -> None:
    speech = root / "usr/share/game/voices"
    speech.mkdir(parents=True)
    sf.write(speech / "hello.ogg", tone(1.0, 22050, freq=300.0), 22050)
    sf.write(speech / "long.flac", tone(70.0, 8000, freq=200.0), 8000)  # cut into 30 s pieces
    sf.write(speech / "blip.ogg", tone(0.1, 22050), 22050)  # too short for a negative
    sf.write(speech / "mute.ogg", np.zeros((22050, 1), np.float32), 22050)  # silent
    sf.write(speech / "loud.wav", np.clip(tone(1.0, 16000) * 4, -1, 1), 16000)  # flat-topped
    (root / "usr/share/game/music").mkdir(parents=True)
    sf.write(root / "usr/share/game/music/theme.ogg", tone(3.0, 44100, channels=2), 44100)
    (root / "usr/share/doc/fake-data").mkdir(parents=True)
    (root / "usr/share/doc/fake-data/copyright").write_text("License: CC0\n")


def test_fetch_source_converts_publishes_and_records_licence(tmp_path: Path, tone, monkeypatch) -> None:
    def fake_download(package: str, dest: Path) -> Path:
        dest.mkdir(parents=True, exist_ok=True)
        (dest / f"{package}_1.0_all.deb").write_bytes(b"")
        return dest / f"{package}_1.0_all.deb"

    def fake_extract(deb: Path, dest: Path) -> str:
        _fake_package(dest, tone)
        return "1.0"

    monkeypatch.setattr(debian, "download", fake_download)
    monkeypatch.setattr(debian, "extract", fake_extract)
    source = Source(
        "fake-data",
        ("lite",),
        "CC0",
        "test",
        0.1,
        (Rule("usr/share/game/voices/*", "negative"), Rule("usr/share/game/music/*.ogg", "background")),
    )
    dataset = tmp_path / "dataset"
    (dataset / "negative" / "fake-data").mkdir(parents=True)
    (dataset / "negative" / "fake-data" / "stale.wav").write_bytes(b"old")  # replaced, not merged
    result = debian.fetch_source(source, dataset, tmp_path / "work")
    negatives = sorted(p.name for p in (dataset / "negative" / "fake-data").iterdir())
    assert negatives == ["hello.wav", "long_part00.wav", "long_part01.wav", "long_part02.wav"]
    assert result.files == {"negative": 4, "background": 1}
    assert result.skipped == {"too short": 1, "silent": 1, "clipped": 1}
    assert result.seconds["negative"] == pytest.approx(71.0, abs=0.01)
    for path in [*(dataset / "negative" / "fake-data").iterdir(), dataset / "background" / "fake-data" / "theme.wav"]:
        info = sf.info(path)
        assert (info.samplerate, info.channels, info.subtype) == (16000, 1, "PCM_16")
    assert (dataset / "licenses" / "fake-data.copyright").read_text() == "License: CC0\n"
    assert not (dataset / debian.STAGING / "fake-data").exists()


def test_manifest_merges_entries(tmp_path: Path) -> None:
    assert read_manifest(tmp_path)["sources"] == {}
    update_manifest(tmp_path, {"debian:a": {"licence": "GPL"}})
    update_manifest(tmp_path, {"debian:b": {"licence": "CC0"}, "debian:a": {"licence": "MIT"}})
    data = json.loads((tmp_path / "sources_manifest.json").read_text())
    assert data["sources"] == {"debian:a": {"licence": "MIT"}, "debian:b": {"licence": "CC0"}}


def test_catalog_sets_and_sizes() -> None:
    assert download_mb("lite") < 100
    assert {s.package for s in sources_for("lite")} <= {s.package for s in sources_for("full")}
    assert len({s.package for s in SOURCES}) == len(SOURCES)
    for source in SOURCES:
        assert source.licence and source.rules and all(r.kind in ("negative", "background") for r in source.rules)
    with pytest.raises(ValueError):
        sources_for("huge")


def test_streamed_conversion_matches_in_memory_and_caps_length(tmp_path: Path, tone) -> None:
    from wakesmith.audio.sources.convert import stream_to_wav

    source = tmp_path / "music.ogg"
    sf.write(source, tone(5.0, 44100, channels=2, freq=523.0), 44100)
    seconds, peak, clipped = stream_to_wav(source, tmp_path / "full.wav", max_seconds=60, block_frames=10000)
    streamed, rate = sf.read(tmp_path / "full.wav", dtype="int16")
    reference = to_pcm16(*read_audio(source))
    assert rate == 16000 and seconds == pytest.approx(5.0, abs=0.01) and 0.4 < peak < 0.6 and clipped == 0
    assert streamed.size == reference.size and np.abs(streamed.astype(int) - reference).max() <= 2
    capped, _, _ = stream_to_wav(source, tmp_path / "capped.wav", max_seconds=2.0, block_frames=10000)
    assert capped == 2.0 and sf.info(tmp_path / "capped.wav").frames == 32000
