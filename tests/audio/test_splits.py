"""Splits: stable under additions, groups never straddle, ratios roughly respected."""

from __future__ import annotations

import pytest

from wakesmith.audio.splits import assign_split, assign_splits, split_counts, split_key
from wakesmith.config.models import SplitRatios


def paths(count: int, prefix: str = "positive/f") -> list[str]:
    return [f"{prefix}{i:05d}.wav" for i in range(count)]


def test_adding_files_never_moves_existing_ones():
    ratios = SplitRatios()
    before = assign_splits(paths(500), ratios)
    after = assign_splits(paths(500) + paths(700, "positive/new/g") + paths(50, "negative/x"), ratios)
    assert all(after[path] == split for path, split in before.items())


def test_ratios_roughly_respected():
    ratios = SplitRatios(train=0.7, validation=0.2, test=0.1)
    counts = split_counts(assign_splits(paths(5000), ratios).values())
    assert abs(counts["train"] / 5000 - 0.7) < 0.03
    assert abs(counts["validation"] / 5000 - 0.2) < 0.03
    assert abs(counts["test"] / 5000 - 0.1) < 0.03


def test_zero_ratio_split_gets_nothing():
    counts = split_counts(assign_splits(paths(1000), SplitRatios(train=0.9, validation=0.1, test=0.0)).values())
    assert counts["test"] == 0 and counts["validation"] > 0


def test_groups_never_straddle_splits():
    pattern = r"^(.+?)__"
    files = [
        f"{kind}/sub/voice{v:03d}__{i:04d}.wav"
        for kind in ("positive", "negative")
        for v in range(60)
        for i in range(8)
    ]
    splits = assign_splits(files, SplitRatios(), pattern)
    by_group: dict[str, set[str]] = {}
    for path, split in splits.items():
        by_group.setdefault(path.split("/")[-1].split("__")[0], set()).add(split)
    assert all(len(s) == 1 for s in by_group.values())
    assert len({next(iter(s)) for s in by_group.values()}) == 3  # groups still spread over all splits


def test_group_pattern_uses_file_name_and_falls_back_to_path():
    assert split_key("positive/spk7/a__1.wav", r"^(.+?)__") == "group:a"
    assert split_key("positive/nomatch.wav", r"^(.+?)__") == "path:positive/nomatch.wav"
    assert split_key("positive/x.wav") == "path:positive/x.wav"


def test_split_is_independent_of_list_order():
    files = paths(200)
    forward = assign_splits(files, SplitRatios())
    backward = assign_splits(list(reversed(files)), SplitRatios())
    assert forward == backward
    assert assign_split(files[3], SplitRatios()) == forward[files[3]]


@pytest.mark.parametrize("pattern", ["abc", "(a)(b)", "(unclosed"])
def test_config_rejects_bad_group_pattern(pattern):
    from pydantic import ValidationError

    from wakesmith.config.models import DatasetConfig

    with pytest.raises(ValidationError):
        DatasetConfig(group_pattern=pattern)
