"""Drawing exactly `count` distinct voice settings, speakers in turn, prosody at random.

`TtsEngine.voices(rng, count)` must return `count` distinct settings for any count (synth zips them with
its texts). Cycling through the speakers in a shuffled order uses every speaker before any repeats; the
prosody values are drawn from ranges rounded to a step, so the space is large but keys stay short.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from wakesmith.audio.synth.engine import VoiceSetting

Params = dict[str, float | int | str]


def uniform_step(rng: np.random.Generator, low: float, high: float, step: float) -> float:
    """A value from [low, high] on a grid of `step` (e.g. 0.01), as a plain float."""
    steps = int(round((high - low) / step))
    return round(low + step * int(rng.integers(0, steps + 1)), 6)


def distinct_settings(
    engine: str,
    speakers: Sequence[str],
    count: int,
    rng: np.random.Generator,
    draw_params: Callable[[str, np.random.Generator], Params],
    max_tries_per_setting: int = 1000,
) -> list[VoiceSetting]:
    """`count` distinct settings; speaker i of the shuffled list for setting i (mod the speaker count)."""
    if not speakers:
        return []
    order = [speakers[i] for i in rng.permutation(len(speakers))]
    chosen: list[VoiceSetting] = []
    seen: set[VoiceSetting] = set()
    tries = 0
    while len(chosen) < count:
        speaker = order[len(chosen) % len(order)]
        setting = VoiceSetting(engine=engine, voice=speaker, params=draw_params(speaker, rng))
        tries += 1
        if setting not in seen:
            seen.add(setting)
            chosen.append(setting)
            tries = 0
        elif tries > max_tries_per_setting:
            raise ValueError(f"{engine}: no new setting after {tries} draws; the prosody ranges are too narrow")
    return chosen
