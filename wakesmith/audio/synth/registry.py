"""The TTS engines `wakesmith synth` knows, in order of preference.

Add an engine by writing a TtsEngine subclass in its own module and listing its import path here; a
module that fails to import (optional dependency missing) is skipped, so one engine never breaks another.
"""

from __future__ import annotations

import importlib

from wakesmith.audio.synth.engine import TtsEngine
from wakesmith.errors import WakesmithError

ENGINE_CLASSES: tuple[str, ...] = (
    "wakesmith.audio.synth.espeak:EspeakEngine",
    "wakesmith.audio.synth.piper:PiperEngine",
    "wakesmith.audio.synth.kokoro:KokoroEngine",
    "wakesmith.audio.synth.festival:FestivalEngine",
    "wakesmith.audio.synth.mbrola:MbrolaEngine",
)


def engine_classes() -> dict[str, type[TtsEngine]]:
    """name → class for every engine module that imports."""
    found: dict[str, type[TtsEngine]] = {}
    for spec in ENGINE_CLASSES:
        module_name, _, class_name = spec.partition(":")
        try:
            cls = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            continue
        found[cls.name] = cls
    return found


def available_engines() -> list[str]:
    return [name for name, cls in engine_classes().items() if cls.available()]


def get_engine(name: str) -> TtsEngine:
    """An instance of the named engine, or a WakesmithError saying how to install it."""
    classes = engine_classes()
    if name not in classes:
        raise WakesmithError(f"unknown TTS engine '{name}' (known: {', '.join(classes) or 'none'})")
    cls = classes[name]
    if not cls.available():
        raise WakesmithError(f"TTS engine '{name}' is not installed: {cls.install_hint}")
    return cls()
