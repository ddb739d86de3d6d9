"""Interface conformance of the optional TTS engines that are installed here (others are skipped)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from wakesmith.audio.synth.engine import TtsEngine, VoiceSetting
from wakesmith.audio.synth.festival import FestivalEngine, scheme_setup
from wakesmith.audio.synth.kokoro import KokoroEngine, speakers
from wakesmith.audio.synth.mbrola import MbrolaEngine, command
from wakesmith.audio.synth.piper import PiperEngine
from wakesmith.audio.synth.settings import distinct_settings, uniform_step
from wakesmith.errors import WakesmithError

ENGINES = [PiperEngine, KokoroEngine, FestivalEngine, MbrolaEngine]


@pytest.mark.parametrize("engine_class", ENGINES, ids=lambda c: c.name)
def test_engine_declares_name_and_install_hint(engine_class: type[TtsEngine]) -> None:
    assert engine_class.name and engine_class.install_hint
    assert isinstance(engine_class.available(), bool)


@pytest.mark.parametrize("engine_class", ENGINES, ids=lambda c: c.name)
def test_installed_engine_renders_16k_int16_speech(engine_class: type[TtsEngine]) -> None:
    if not engine_class.available():
        pytest.skip(f"{engine_class.name} not installed: {engine_class.install_hint}")
    engine = engine_class()
    settings = engine.voices(np.random.default_rng(3), 4)
    assert len(settings) == 4 and len({s.key() for s in settings}) == 4
    assert all(s.engine == engine.name for s in settings)
    assert [s.key() for s in engine.voices(np.random.default_rng(3), 4)] == [s.key() for s in settings]
    audio = engine.render("hey jarvis", settings[0])
    assert audio.dtype == np.int16 and audio.ndim == 1
    assert 0.3 * 16000 < audio.size < 3.0 * 16000, audio.size / 16000  # two words, 16 kHz
    assert np.abs(audio.astype(np.int32)).max() > 3000  # not silent


@pytest.mark.parametrize("engine_class", [PiperEngine, KokoroEngine, FestivalEngine], ids=lambda c: c.name)
def test_prosody_settings_change_the_audio(engine_class: type[TtsEngine]) -> None:
    if not engine_class.available():
        pytest.skip(f"{engine_class.name} not installed: {engine_class.install_hint}")
    engine = engine_class()
    slow = {"piper": {"length_scale": 1.35, "noise_w": 0.8}, "kokoro": {"speed": 0.85}, "festival": {"stretch": 1.25}}
    fast = {"piper": {"length_scale": 0.8, "noise_w": 0.8}, "kokoro": {"speed": 1.2}, "festival": {"stretch": 0.8}}
    voice = engine.voices(np.random.default_rng(0), 1)[0]
    if engine.name == "festival":
        voice = VoiceSetting("festival", "kal_diphone", {})
    long = engine.render(
        "turn on the lights", VoiceSetting(engine.name, voice.voice, {**voice.params, **slow[engine.name]})
    )
    short = engine.render(
        "turn on the lights", VoiceSetting(engine.name, voice.voice, {**voice.params, **fast[engine.name]})
    )
    assert long.size > short.size * 1.15


def test_unknown_voices_are_user_errors() -> None:
    with pytest.raises(WakesmithError):
        scheme_setup(VoiceSetting("festival", "nope", {}))
    with pytest.raises(WakesmithError):
        command("hi", VoiceSetting("mbrola", "xx9", {}))


def test_festival_setup_applies_prosody() -> None:
    diphone = scheme_setup(VoiceSetting("festival", "kal_diphone", {"stretch": 1.1, "f0": 120}))
    assert (
        diphone[0] == "(voice_kal_diphone)"
        and "Duration_Stretch 1.1" in diphone[1]
        and "target_f0_mean 120" in diphone[2]
    )
    hts = scheme_setup(VoiceSetting("festival", "cmu_us_slt_arctic_hts", {"rate": 0.9, "halftones": -2.0}))
    assert '("-r" 0.9)' in hts[1] and '("-fm" -2)' in hts[1]


def test_mbrola_command_uses_espeak_voice_names() -> None:
    args = command("hello", VoiceSetting("mbrola", "us2", {"speed": 140, "pitch": 60}))
    assert args[:3] == ["espeak-ng", "-v", "mb-us2"] and "140" in args and "60" in args and args[-1] == "hello"


def test_kokoro_speakers_are_singles_and_pairs() -> None:
    names = speakers()
    assert len(names) == 5 + 10 and len(set(names)) == 15
    assert sum("+" in n for n in names) == 10


@pytest.mark.parametrize("engine_class", ENGINES, ids=lambda c: c.name)
def test_any_count_of_distinct_settings_with_speakers_in_turn(engine_class: type[TtsEngine]) -> None:
    if not engine_class.available():
        pytest.skip(f"{engine_class.name} not installed: {engine_class.install_hint}")
    settings = engine_class().voices(np.random.default_rng(9), 1000)
    assert len(settings) == 1000 and len(set(settings)) == 1000
    per_speaker = Counter(s.voice for s in settings)
    assert max(per_speaker.values()) - min(per_speaker.values()) <= 1
    if engine_class is KokoroEngine:
        assert all(0.2 <= s.params["mix"] <= 0.8 for s in settings if "+" in s.voice)
        assert {s.params["lang"] for s in settings} == {"en-us", "en-gb"}


def test_distinct_settings_fails_loudly_when_the_space_is_exhausted() -> None:
    def fixed(_speaker: str, _rng: np.random.Generator) -> dict[str, float | int | str]:
        return {"speed": 1.0}

    assert len(distinct_settings("x", ["a", "b"], 2, np.random.default_rng(0), fixed)) == 2
    with pytest.raises(ValueError):
        distinct_settings("x", ["a", "b"], 3, np.random.default_rng(0), fixed, max_tries_per_setting=20)
    assert uniform_step(np.random.default_rng(0), 0.8, 1.2, 0.1) in {0.8, 0.9, 1.0, 1.1, 1.2}
