"""Festival (`text2wave`) with the Debian main English voices: two diphone voices and one HTS voice.

`apt-get install festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts`. Diphone voices
(kal, ked: male US) take a duration stretch and a target mean pitch; the HTS voice (slt: female US) takes
hts_engine's speech rate (`-r`) and pitch shift in half-tones (`-fm`). Festival is deterministic: a setting
renders the same audio every time.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from wakesmith.audio.sources.convert import read_audio, to_pcm16
from wakesmith.audio.synth.engine import TtsEngine, VoiceSetting
from wakesmith.audio.synth.settings import distinct_settings, uniform_step
from wakesmith.errors import WakesmithError

VOICE_ROOT = Path("/usr/share/festival/voices")
# voice name -> synthesis kind
VOICES = {"kal_diphone": "diphone", "ked_diphone": "diphone", "cmu_us_slt_arctic_hts": "hts"}
# (low, high, step): diphone duration stretch and target mean pitch (Hz); HTS rate and pitch shift
STRETCH = (0.8, 1.25, 0.01)
F0_MEAN = (85, 150, 1)
HTS_RATE = (0.8, 1.25, 0.01)
HTS_HALFTONES = (-4.0, 6.0, 0.5)
OUTPUT_PEAK = 0.7
TIMEOUT_S = 60


def installed_voices(root: Path = VOICE_ROOT) -> list[str]:
    """Known voices whose folder exists under any language folder of `root`."""
    return [name for name in VOICES if any(root.glob(f"*/{name}"))]


def scheme_setup(voice: VoiceSetting) -> list[str]:
    """The `-eval` expressions that select the voice and apply its prosody settings."""
    if voice.voice not in VOICES:
        raise WakesmithError(f"unknown festival voice {voice.voice!r}; known: {', '.join(VOICES)}")
    exprs = [f"(voice_{voice.voice})"]
    if VOICES[voice.voice] == "diphone":
        stretch = float(voice.params.get("stretch", 1.0))
        f0 = float(voice.params.get("f0", 105))
        exprs.append(f"(Parameter.set 'Duration_Stretch {stretch:g})")
        exprs.append(
            f"(set! int_lr_params '((target_f0_mean {f0:g}) (target_f0_std {max(8.0, f0 * 0.13):.1f})"
            " (model_f0_mean 170) (model_f0_std 34)))"
        )
    else:
        rate = float(voice.params.get("rate", 1.0))
        halftones = float(voice.params.get("halftones", 0.0))
        extra = f'(("-r" {rate:g}) ("-fm" {halftones:g}))'
        exprs.append(f"(set! hts_engine_params (append hts_engine_params '{extra}))")
    return exprs


class FestivalEngine(TtsEngine):
    name = "festival"
    install_hint = "apt-get install festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts"

    @classmethod
    def available(cls) -> bool:
        return shutil.which("text2wave") is not None and bool(installed_voices())

    def voices(self, rng: np.random.Generator, count: int) -> list[VoiceSetting]:
        def draw(speaker: str, rng: np.random.Generator) -> dict[str, float | int | str]:
            if VOICES[speaker] == "diphone":
                return {"stretch": uniform_step(rng, *STRETCH), "f0": int(uniform_step(rng, *F0_MEAN))}
            return {"rate": uniform_step(rng, *HTS_RATE), "halftones": uniform_step(rng, *HTS_HALFTONES)}

        return distinct_settings(self.name, installed_voices(), count, rng, draw)

    def render(self, text: str, voice: VoiceSetting) -> np.ndarray:
        with tempfile.TemporaryDirectory(prefix="wakesmith-festival-") as tmp:
            out = Path(tmp) / "out.wav"
            command = ["text2wave", "-o", str(out)]
            for expr in scheme_setup(voice):
                command += ["-eval", expr]
            try:
                result = subprocess.run(command, input=text, text=True, capture_output=True, timeout=TIMEOUT_S)
            except (OSError, subprocess.TimeoutExpired) as error:
                raise WakesmithError(f"festival failed on {text!r}: {error}; install: {self.install_hint}") from error
            if result.returncode != 0 or not out.is_file():
                detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
                raise WakesmithError(f"festival failed on {text!r} with {voice.key()}: {detail[0]}")
            audio, rate = read_audio(out)
        return to_pcm16(audio, rate, peak=OUTPUT_PEAK)
