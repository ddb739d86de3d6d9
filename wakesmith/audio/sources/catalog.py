"""The documented list of Debian packages whose recordings become negatives and background.

Every entry names the package, which of its files to take (globs on the path inside the package), what they
become (`negative` = speech that is not the wake word, `background` = music and ambience mixed under
training clips and used for false-accepts-per-hour), and the licence read from the package's
/usr/share/doc/PKG/copyright (the full text is copied next to the data at fetch time). Sizes are the
Debian bookworm download sizes, measured when the list was written; `lite` stays under 100 MB.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    """Files matching `pattern` (fnmatch on the path inside the package, `*` crosses folders) become `kind`."""

    pattern: str
    kind: str  # "negative" | "background"
    raw_rate: int | None = None  # sample rate of headerless 16-bit little-endian .raw files
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    package: str
    sets: tuple[str, ...]  # "lite" and/or "full"
    licence: str
    description: str
    download_mb: float
    rules: tuple[Rule, ...] = field(default_factory=tuple)


SOURCES: tuple[Source, ...] = (
    Source(
        "pocketsphinx-testdata",
        ("lite", "full"),
        "BSD-2-Clause (Carnegie Mellon University)",
        "read US English speech: card names, digits, a LibriVox excerpt",
        1.8,
        (
            Rule("usr/share/pocketsphinx/test/data/*.wav", "negative"),
            Rule("usr/share/pocketsphinx/test/data/*.raw", "negative", raw_rate=16000),
        ),
    ),
    Source(
        "kajongg",
        ("lite", "full"),
        "GPL-2+ (KDE Kajongg voices)",
        "four English and four German speakers calling mahjongg tiles",
        4.7,
        (Rule("usr/share/kajongg/voices/*.ogg", "negative"),),
    ),
    Source(
        "codec2-examples",
        ("lite", "full"),
        "LGPL-2.1 (David Rowe, codec2)",
        "English test speech, mostly 8 kHz, male and female, some radio recordings",
        11.4,
        (
            Rule("usr/share/codec2/wav/*.wav", "negative", exclude=("*/all.wav",)),
            Rule("usr/share/codec2/raw/speech_orig_16k.wav", "negative"),
        ),
    ),
    Source(
        "etw-data",
        ("lite", "full"),
        "GPL-2+ (Gabriele Greco, Eat The Whistle)",
        "football stadium crowd, whistles, commentary-free game sounds",
        5.0,
        (Rule("usr/share/games/etw/*.wav", "background"),),
    ),
    Source(
        "sonic-pi-samples",
        ("lite", "full"),
        "mostly CC0 (freesound.org), a few CC-BY-SA-4.0 / MIT; per-file list in the copyright file",
        "ambient drones, loops, instruments, percussion",
        21.9,
        (Rule("usr/share/sonic-pi/samples/*.flac", "background"),),
    ),
    Source(
        "qabcs-data",
        ("lite", "full"),
        "GPL-3+ (DanSoft, qABCs)",
        "single words spoken in 7 languages (en, de, fr, pl, ru, uk, be); animal and instrument noises",
        33.6,
        (
            Rule("usr/share/qabcs/abcs/*/sounds/*.ogg", "negative"),
            Rule("usr/share/qabcs/abcs/all/noises/*.ogg", "background"),
        ),
    ),
    Source(
        "lugaru-data",
        ("full",),
        "CC-BY-SA-3.0 (Wolfire Games, Lugaru data)",
        "game music, wind, desert and nature ambience, effects",
        34.2,
        (Rule("usr/share/games/lugaru/Sounds/*.ogg", "background"),),
    ),
    Source(
        "fillets-ng-data",
        ("full",),
        "GPL-2+ (Fish Fillets NG)",
        "English dialogue by many voice actors; game music",
        70.6,
        (
            Rule("usr/share/games/fillets-ng/sound/*/en/*.ogg", "negative"),
            Rule("usr/share/games/fillets-ng/music/*.ogg", "background"),
        ),
    ),
    Source(
        "drascula-music",
        ("full",),
        "Drascula licence (freeware, redistributable; Alcachofa Soft)",
        "adventure game soundtrack (31 tracks)",
        36.4,
        (Rule("usr/share/scummvm/drascula/audio/*.ogg", "background"),),
    ),
    Source(
        "planetblupi-music-ogg",
        ("full",),
        "GPL-3+ (Mathieu Schroeter, Planet Blupi)",
        "game soundtrack (10 tracks)",
        60.1,
        (Rule("usr/share/planetblupi/music/*.ogg", "background"),),
    ),
)
SETS = ("lite", "full")


def sources_for(set_name: str) -> list[Source]:
    """Sources in a set, in catalog order."""
    if set_name not in SETS:
        raise ValueError(f"unknown set {set_name!r}; use one of {SETS}")
    return [s for s in SOURCES if set_name in s.sets]


def download_mb(set_name: str) -> float:
    return sum(s.download_mb for s in sources_for(set_name))
