"""The interface every text-to-speech engine implements.

An engine says whether it is installed, lists the voice settings it can render, and renders text to
16 kHz mono int16. Settings are plain data (`VoiceSetting`), so a clip can be re-rendered from its
manifest entry alone.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class VoiceSetting:
    """One voice with its prosody settings, e.g. espeak-ng en-us+m3 at speed 160 and pitch 40."""

    engine: str
    voice: str
    params: dict[str, float | int | str] = field(default_factory=dict)

    def key(self) -> str:
        """Stable short id used in file names and for grouping one voice into one split."""
        extras = "_".join(f"{k}{v}" for k, v in sorted(self.params.items()))
        return f"{self.engine}-{self.voice}-{extras}".replace("/", "-").replace("+", "-").replace(" ", "")

    def __hash__(self) -> int:  # params is a dict; hash its sorted items
        return hash((self.engine, self.voice, tuple(sorted(self.params.items()))))


class TtsEngine(ABC):
    """A text-to-speech engine usable by `wakesmith synth`."""

    name: str = ""
    install_hint: str = ""

    @classmethod
    @abstractmethod
    def available(cls) -> bool:
        """True when the engine can render here (binary on PATH, package importable, voices present)."""

    @abstractmethod
    def voices(self, rng: np.random.Generator, count: int) -> list[VoiceSetting]:
        """`count` distinct voice settings drawn with `rng` (deterministic for a seed)."""

    @abstractmethod
    def render(self, text: str, voice: VoiceSetting) -> np.ndarray:
        """Speak `text`: 16 kHz mono int16 samples. Raises WakesmithError with a clear message on failure."""
