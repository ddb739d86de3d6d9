"""What to synthesise: a deterministic list of jobs (text, voice, seed, file name) drawn from one seed.

Planning happens once in the main process; workers only execute jobs, so the output depends on the seed
and the job list alone, not on how many processes ran them or in which order they finished.
File names start with the speaker id and a double underscore (`espeak-en-us-m3__0007.wav`), so the group
pattern `^(.+?)__` keeps every clip of one synthetic voice in one split.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field

import numpy as np

from wakesmith.audio.sources.rir import draw_room
from wakesmith.audio.synth.engine import TtsEngine, VoiceSetting
from wakesmith.audio.synth.phrases import near_misses, partial_phrases, positive_texts
from wakesmith.audio.synth.sentences import ordinary_sentences

SYNTH_FOLDER = "synth"  # sub-folder of each kind folder that synth owns
GROUP_PATTERN = r"^(.+?)__"
NEGATIVE_SHARES = {"close": 0.4, "partial": 0.25, "sentence": 0.35}
BACKGROUND_MODES = ("babble", "noise", "babble+noise")
NOISE_COLORS = ("white", "pink", "brown", "blue")
# Engines with only a handful of speakers (Piper: one) would put all their clips in one split under the
# group pattern, so their settings are shared out over this many prosody groups (`piper-joe-g07`): every split
# then hears every engine, at the price that validation/test are not unseen *speakers* for these engines.
PROSODY_GROUPS = {"piper": 40, "festival": 12, "mbrola": 10}


@dataclass(frozen=True)
class SpeechJob:
    kind: str  # positive | negative
    index: int
    text: str
    voice: VoiceSetting
    seed: int
    file: str  # relative to the output folder
    category: str = "wake"  # wake | close (spelling edit) | close-word (dictionary word) | partial | sentence


@dataclass(frozen=True)
class BackgroundJob:
    index: int
    duration_s: float
    mode: str
    color: str
    seed: int
    file: str
    voices: tuple[VoiceSetting, ...] = field(default_factory=tuple)
    texts: tuple[str, ...] = field(default_factory=tuple)
    kind: str = "background"


@dataclass(frozen=True)
class RirJob:
    index: int
    rt60_s: float
    seed: int
    file: str
    kind: str = "rir"
    mode: str = "synthetic"  # synthetic (decaying noise) | simulated (pyroomacoustics room from `seed`)


Job = SpeechJob | BackgroundJob | RirJob


def speaker_id(voice: VoiceSetting) -> str:
    """The voice id used in file names, e.g. `espeak-en-us-m3` (plus a prosody group for few-speaker engines)."""
    base = VoiceSetting(voice.engine, voice.voice).key().rstrip("-")
    groups = PROSODY_GROUPS.get(voice.engine)
    if groups:
        base += f"-g{zlib.crc32(voice.key().encode()) % groups:02d}"
    return base


def job_seed(seed: int, kind: str, index: int) -> int:
    kind_code = ("positive", "negative", "background", "rir").index(kind)
    return int(np.random.SeedSequence([seed, kind_code, index]).generate_state(1, np.uint64)[0] >> 1)


def cycle(items: list[str], count: int, rng: np.random.Generator) -> list[str]:
    """`count` items: the whole list in a shuffled order, repeated as needed (every item used evenly)."""
    if not items or count <= 0:
        return []
    out: list[str] = []
    while len(out) < count:
        out.extend(items[i] for i in rng.permutation(len(items)))
    return out[:count]


def negative_texts(wake_phrase: str, count: int, rng: np.random.Generator, phonemize=None) -> list[tuple[str, str]]:
    """(category, text) for `count` negatives: near misses, pieces of the phrase, ordinary sentences."""
    misses = near_misses(wake_phrase, phonemize)
    pools = {
        "close": [text for _, text in misses],
        "partial": partial_phrases(wake_phrase),
        "sentence": ordinary_sentences(wake_phrase),
    }
    counts = {name: int(round(count * share)) for name, share in NEGATIVE_SHARES.items()}
    counts["sentence"] = count - counts["close"] - counts["partial"]
    chosen = [(name, text) for name in pools for text in cycle(pools[name], counts[name], rng)]
    dictionary_words = {text for source, text in misses if source == "dictionary"}
    chosen = [("close-word" if text in dictionary_words else name, text) for name, text in chosen]
    return [chosen[i] for i in rng.permutation(len(chosen))]


def background_lengths(total_s: float, rng: np.random.Generator) -> list[float]:
    """Split `total_s` into files of roughly 30–120 s (one shorter file when the total is small)."""
    if total_s <= 0:
        return []
    count = max(1, round(total_s / 75.0))
    weights = rng.uniform(0.5, 1.5, count)
    lengths = total_s * weights / weights.sum()
    return [round(float(length), 3) for length in lengths]


def engine_shares(names: list[str], count: int, weights: dict[str, float] | None = None) -> list[int]:
    """How many of `count` clips each engine renders: even shares, or by weight (largest remainder)."""
    if not weights:
        return [count // len(names) + (1 if index < count % len(names) else 0) for index in range(len(names))]
    exact = [count * weights.get(name, 0.0) for name in names]
    shares = [int(math.floor(value)) for value in exact]
    by_remainder = sorted(range(len(names)), key=lambda i: (shares[i] - exact[i], i))
    for index in by_remainder[: count - sum(shares)]:
        shares[index] += 1
    return shares


def draw_voices(
    engines: list[TtsEngine], rng: np.random.Generator, count: int, weights: dict[str, float] | None = None
) -> list[VoiceSetting]:
    """`count` voice settings shared out over the engines (evenly, or by `weights`), in a shuffled order."""
    voices: list[VoiceSetting] = []
    for engine, share in zip(engines, engine_shares([e.name for e in engines], count, weights), strict=True):
        voices.extend(engine.voices(rng, share) if share else [])
    if len(engines) > 1:
        voices = [voices[i] for i in rng.permutation(len(voices))]
    return voices


def plan_jobs(
    engines: list[TtsEngine],
    wake_phrase: str,
    seed: int,
    positives: int,
    negatives: int,
    background_minutes: float,
    rirs: int,
    phonemize=None,
    positive_weights: dict[str, float] | None = None,
    negative_weights: dict[str, float] | None = None,
    background_engines: list[TtsEngine] | None = None,
    rir_mode: str = "synthetic",
) -> list[Job]:
    """Every job of a run. Without the keyword options this is the demo plan, draw for draw (same files)."""
    rng = np.random.default_rng(seed)
    jobs: list[Job] = []
    wake_texts = cycle(positive_texts(wake_phrase), positives, rng)
    positive_voices = draw_voices(engines, rng, positives, positive_weights)
    for index, (voice, text) in enumerate(zip(positive_voices, wake_texts, strict=True)):
        file = f"positive/{SYNTH_FOLDER}/{speaker_id(voice)}__{index:04d}.wav"
        jobs.append(SpeechJob("positive", index, text, voice, job_seed(seed, "positive", index), file))
    texts = negative_texts(wake_phrase, negatives, rng, phonemize)
    negative_voices = draw_voices(engines, rng, negatives, negative_weights)
    for index, (voice, (category, text)) in enumerate(zip(negative_voices, texts, strict=True)):
        file = f"negative/{SYNTH_FOLDER}/{speaker_id(voice)}__{index:04d}.wav"
        jobs.append(SpeechJob("negative", index, text, voice, job_seed(seed, "negative", index), file, category))
    sentences = ordinary_sentences(wake_phrase)
    for index, length in enumerate(background_lengths(background_minutes * 60.0, rng)):
        mode = BACKGROUND_MODES[index % len(BACKGROUND_MODES)]
        talkers = int(rng.integers(1, 7)) if "babble" in mode else 0
        voices = tuple(draw_voices(background_engines or engines, rng, talkers)) if talkers else ()
        # About 4 s per sentence; at most ~60 s per talker, looped with an offset to fill longer files.
        per_talker = max(2, min(15, math.ceil(length / 4.0)))
        texts_bg = tuple(" ".join(cycle(sentences, per_talker, rng)) for _ in range(talkers))
        color = NOISE_COLORS[int(rng.integers(len(NOISE_COLORS)))]
        file = f"background/{SYNTH_FOLDER}/{mode.replace('+', '-')}-{index:03d}.wav"
        jobs.append(
            BackgroundJob(index, length, mode, color, job_seed(seed, "background", index), file, voices, texts_bg)
        )
    for index in range(rirs):
        if rir_mode == "simulated":
            room_seed = job_seed(seed, "rir", index)
            rt60 = draw_room(np.random.default_rng(room_seed)).rt60
            file = f"rir/{SYNTH_FOLDER}/simroom-{index:03d}.wav"
            jobs.append(RirJob(index, rt60, room_seed, file, mode="simulated"))
            continue
        rt60 = round(float(rng.uniform(0.15, 0.9)), 3)
        jobs.append(RirJob(index, rt60, job_seed(seed, "rir", index), f"rir/{SYNTH_FOLDER}/room-{index:03d}.wav"))
    return jobs
