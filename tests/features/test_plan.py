"""Which audio goes into which store: ambient sources, noise pools, background crops."""

from __future__ import annotations

from dataclasses import replace

from wakesmith.config.models import FeaturesConfig
from wakesmith.features.plan import ambient_jobs, noise_pools, plan_stores


def backgrounds(tiny_project, splits):
    _, records = tiny_project
    base = next(r for r in records if r.kind == "background")
    return [replace(base, relative_path=f"background/b{i}.wav", split=s) for i, s in enumerate(splits)]


def test_ambient_from_own_split_when_both_exist(tiny_project):
    jobs, notes = ambient_jobs(backgrounds(tiny_project, ["train", "validation", "test"]), (0.5, 0.5))
    assert [(j.background_index, j.start, j.stop) for j in jobs["validation_ambient"]] == [(1, 0.0, 1.0)]
    assert [(j.background_index, j.start, j.stop) for j in jobs["testing_ambient"]] == [(2, 0.0, 1.0)]
    assert notes == []


def test_ambient_shares_one_heldout_file_by_fraction(tiny_project):
    jobs, notes = ambient_jobs(backgrounds(tiny_project, ["train", "validation"]), (0.4, 0.6))
    assert [(j.background_index, j.start, j.stop) for j in jobs["validation_ambient"]] == [(1, 0.0, 0.4)]
    assert [(j.background_index, j.start, j.stop) for j in jobs["testing_ambient"]] == [(1, 0.4, 1.0)]
    assert notes == []


def test_ambient_falls_back_to_training_audio_with_a_warning(tiny_project):
    jobs, notes = ambient_jobs(backgrounds(tiny_project, ["train", "train"]), (0.5, 0.5))
    assert len(jobs["validation_ambient"]) == 2 and len(jobs["testing_ambient"]) == 2
    assert notes and "better than they are" in notes[0]


def test_noise_pools_keep_evaluation_noise_apart(tiny_project):
    pools = noise_pools(backgrounds(tiny_project, ["train", "validation", "test", "train"]))
    assert pools == {"training": [0, 3], "heldout": [1, 2]}
    assert noise_pools(backgrounds(tiny_project, ["train"])) == {"training": [0], "heldout": [0]}


def test_background_clip_jobs_cover_each_recording(tiny_project):
    config, records = tiny_project
    features = FeaturesConfig(clip_duration_s=1.5, repetitions={"training": 2, "validation": 1, "testing": 1})
    specs, _ = plan_stores(features, records)
    by_name = {f"{s.set_name}/{s.split}": s for s in specs}
    training = by_name["background/training"].clips
    assert len(training) == (12 // 1.5) * 2  # one 12 s training recording, 8 crops × 2 repetitions
    assert len({(j.key, j.repetition) for j in training}) == len(training)  # every clip has its own seed
    assert all(j.noise_pool == "heldout" for j in by_name["positive/validation"].clips)
    assert all(j.placement == "positive" for j in by_name["positive/training"].clips)
