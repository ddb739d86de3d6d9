"""espeak-ng as a TtsEngine: many English accents × voice variants × speed, pitch and word gap.

espeak-ng is formant synthesis: robotic, but offline, fast (hundreds of times real time), deterministic and
installed everywhere with apt. Its WAV on stdout is 22050 Hz with placeholder chunk sizes (it streams), so
the RIFF chunks are parsed by hand and the samples resampled to 16 kHz with soxr.
"""

from __future__ import annotations

import shutil
import struct
import subprocess

import numpy as np
import soxr

from wakesmith.audio.conversion import float_to_int16
from wakesmith.audio.layout import SAMPLE_RATE
from wakesmith.audio.synth.engine import TtsEngine, VoiceSetting
from wakesmith.errors import WakesmithError

BINARY = "espeak-ng"

# English accents shipped with espeak-ng (`espeak-ng --voices=en`).
BASE_VOICES = (
    "en-us",
    "en",
    "en-gb-x-rp",
    "en-gb-scotland",
    "en-029",
    "en-gb-x-gbclan",
    "en-gb-x-gbcwmd",
    "en-us-nyc",
)
# Variants (`espeak-ng --voices=variant`) that still sound like speech: male, female, klatt and named voices.
VARIANTS = (
    "",
    "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8",
    "f1", "f2", "f3", "f4", "f5",
    "klatt", "klatt2", "klatt3", "klatt4",
    "Alex", "Alicia", "Andrea", "Andy", "Annie", "Denis", "Gene", "Jacky", "Lee", "Michael", "Mike",
    "adam", "anika", "aunty", "belinda", "benjamin", "david", "ed", "edward", "grandma", "grandpa",
    "iven", "john", "linda", "max", "norbert", "paul", "quincy", "rob", "robert", "steph", "travis", "victor",
    "whisper", "whisperf", "zac",
)  # fmt: skip
SPEED_RANGE = (115, 200)  # words per minute
PITCH_RANGE = (15, 85)  # 0..99
GAP_RANGE = (0, 4)  # extra pause between words, 10 ms units


def parse_wav_stream(data: bytes) -> tuple[np.ndarray, int]:
    """(int16 mono samples, sample rate) from espeak-ng's streamed WAV (chunk sizes are placeholders)."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("espeak-ng did not write a WAV stream")
    offset, rate = 12, 0
    while offset + 8 <= len(data):
        chunk_id, size = data[offset : offset + 4], struct.unpack("<I", data[offset + 4 : offset + 8])[0]
        body = offset + 8
        if chunk_id == b"fmt ":
            channels, rate = struct.unpack("<HI", data[body + 2 : body + 8])
            if channels != 1:
                raise ValueError(f"expected mono from espeak-ng, got {channels} channels")
        elif chunk_id == b"data":
            payload = data[body:]
            payload = payload[: len(payload) // 2 * 2]
            return np.frombuffer(payload, dtype="<i2").astype(np.int16), rate
        offset = body + size + (size & 1)
    raise ValueError("no data chunk in espeak-ng output")


class EspeakEngine(TtsEngine):
    name = "espeak"
    install_hint = "install espeak-ng (Debian/Ubuntu: sudo apt-get install espeak-ng)"

    @classmethod
    def available(cls) -> bool:
        return shutil.which(BINARY) is not None

    def speakers(self) -> list[str]:
        """Every accent+variant combination, e.g. `en-us+m3` (the speed/pitch-independent voice id)."""
        return [f"{base}+{variant}" if variant else base for base in BASE_VOICES for variant in VARIANTS]

    def voices(self, rng: np.random.Generator, count: int) -> list[VoiceSetting]:
        """`count` distinct settings: speakers in a shuffled order (all used before any repeats), random prosody."""
        speakers = self.speakers()
        order = [speakers[i] for i in rng.permutation(len(speakers))]
        chosen: list[VoiceSetting] = []
        seen: set[VoiceSetting] = set()
        while len(chosen) < count:
            voice = order[len(chosen) % len(order)]
            setting = VoiceSetting(
                engine=self.name,
                voice=voice,
                params={
                    "speed": int(rng.integers(SPEED_RANGE[0], SPEED_RANGE[1] + 1)),
                    "pitch": int(rng.integers(PITCH_RANGE[0], PITCH_RANGE[1] + 1)),
                    "gap": int(rng.integers(GAP_RANGE[0], GAP_RANGE[1] + 1)),
                },
            )
            if setting not in seen:
                seen.add(setting)
                chosen.append(setting)
        return chosen

    def command(self, voice: VoiceSetting) -> list[str]:
        params = voice.params
        return [
            BINARY,
            "--stdout",
            "--stdin",
            "-v",
            voice.voice,
            "-s",
            str(int(params.get("speed", 160))),
            "-p",
            str(int(params.get("pitch", 50))),
            "-g",
            str(int(params.get("gap", 0))),
        ]

    def render(self, text: str, voice: VoiceSetting) -> np.ndarray:
        try:
            result = subprocess.run(self.command(voice), input=text.encode("utf-8"), capture_output=True, check=False)
        except OSError as error:
            raise WakesmithError(f"cannot run {BINARY} ({error}); {self.install_hint}") from None
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise WakesmithError(
                f"{BINARY} failed for voice {voice.voice}: {detail[-1] if detail else result.returncode}"
            )
        try:
            samples, rate = parse_wav_stream(result.stdout)
        except ValueError as error:
            raise WakesmithError(f"{BINARY} voice {voice.voice}: {error}") from None
        if rate != SAMPLE_RATE:
            resampled = soxr.resample(samples.astype(np.float32) / 32768.0, rate, SAMPLE_RATE, quality="HQ")
            return float_to_int16(resampled)
        return samples

    def phonemes(self, texts: list[str], voice: str = "en-us") -> list[str]:
        """espeak-ng's phoneme mnemonics for each text (one line per input line), used to rank close phrases."""
        if not texts:
            return []
        payload = "".join(f"{text}.\n" for text in texts)
        result = subprocess.run(
            [BINARY, "-q", "-x", "--stdin", "-v", voice], input=payload.encode(), capture_output=True, check=False
        )
        lines = [line.strip() for line in result.stdout.decode("utf-8", "replace").splitlines() if line.strip()]
        if result.returncode == 0 and len(lines) == len(texts):
            return lines
        return [self.phonemes_one(text, voice) for text in texts]  # line-up failed: slower, one call each

    def phonemes_one(self, text: str, voice: str = "en-us") -> str:
        result = subprocess.run([BINARY, "-q", "-x", "-v", voice, text], capture_output=True, check=False)
        return " ".join(result.stdout.decode("utf-8", "replace").split())
