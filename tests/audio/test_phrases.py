"""Text generation for synth: near misses, partial phrases, sentences (pure functions)."""

from __future__ import annotations

import shutil

import pytest

from wakesmith.audio.synth.phrases import (
    close_candidates,
    close_phrases,
    edit_distance,
    partial_phrases,
    positive_texts,
    word_variants,
)
from wakesmith.audio.synth.sentences import SENTENCES, ordinary_sentences


@pytest.mark.parametrize("phrase", ["hey jarvis", "okay nabu", "alexa", "hey home assistant"])
def test_close_phrases_are_generated_for_any_phrase(phrase):
    close = close_phrases(phrase)
    assert len(close) >= 20
    assert phrase not in close and len(set(close)) == len(close)
    for candidate in close:
        assert len(candidate.split()) == len(phrase.split())
        assert 0 < edit_distance(candidate.replace(" ", ""), phrase.replace(" ", "")) <= 4


def test_close_phrases_cover_every_word():
    close = close_phrases("hey jarvis")
    assert any(c.endswith(" jarvis") for c in close)  # first word edited
    assert any(c.startswith("hey ") for c in close)  # last word edited


def test_word_variants_edit_onset_vowel_and_coda():
    variants = word_variants("jarvis")
    assert {"marvis", "jervis", "arvis", "jarvin", "javis"} <= variants
    assert "jarvis" not in variants


def test_phonemizer_drops_homophones():
    """A candidate that sounds exactly like the phrase must never become a negative."""

    def fake_phonemes(texts):
        return ["SAME" if t in ("hey jarvis", "hay jarvis") else t for t in texts]

    assert "hay jarvis" in close_candidates("hey jarvis")
    assert "hay jarvis" not in close_phrases("hey jarvis", fake_phonemes, limit=500)
    assert "hay jarvis" in close_phrases("hey jarvis", None, limit=500)


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_espeak_phonemes_drop_real_homophone():
    from wakesmith.audio.synth.espeak import EspeakEngine

    engine = EspeakEngine()
    assert engine.phonemes(["hey jarvis", "hay jarvis"])[0] == engine.phonemes(["hay jarvis"])[0]
    assert "hay jarvis" not in close_phrases("hey jarvis", engine.phonemes, limit=500)


def test_partial_phrases():
    parts = partial_phrases("hey jarvis")
    assert {"hey", "jarvis", "hey hey", "jarvis jarvis", "jarvis hey"} <= set(parts)
    assert "hey jarvis" not in parts
    assert all("hey jarvis" not in p for p in parts)  # no piece contains the whole phrase
    single = partial_phrases("alexa")
    assert single and all(p != "alexa" for p in single)
    three = partial_phrases("hey home assistant")
    assert {"hey home", "home assistant", "assistant home hey"} <= set(three)


def test_positive_texts_vary_punctuation_only():
    texts = positive_texts("Hey Jarvis")
    assert "hey jarvis" in texts and "hey, jarvis" in texts
    assert all(t.replace(",", "").rstrip(".!?") == "hey jarvis" for t in texts)


def test_sentences():
    assert len(SENTENCES) >= 100
    assert len(ordinary_sentences("okay let's")) == len(SENTENCES) - 1


def test_near_misses_never_include_homophones():
    from wakesmith.audio.synth.phrases import near_misses

    def fake_phonemes(texts):
        return ["SAME" if t in ("hey jarvis", "hay jarvis", "hey marvin") else t for t in texts]

    misses = near_misses("hey jarvis", fake_phonemes, limit=500)
    texts = [text for _, text in misses]
    assert "hay jarvis" not in texts and "hey marvin" not in texts
    assert len(texts) == len(set(texts)) and {source for source, _ in misses} <= {"spelling", "dictionary"}
