"""Train/validation/test assignment decided per file by a hash, never by position in a list.

Each file's split depends only on its own key (its relative path, or the group id taken from its name by
`group_pattern`), so adding or removing other files never moves it, and every file of a group (one speaker,
one synthetic voice) lands in the same split — no voice is heard in training and then again in testing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from wakesmith.audio.layout import SPLITS
from wakesmith.audio.records import Split
from wakesmith.config.models import SplitRatios


def split_key(relative_path: str, group_pattern: str | re.Pattern[str] | None = None) -> str:
    """What the split is decided on: `group:<id>` when the pattern matches the file name, else the path.

    The pattern is searched in the file name only (not the folders), so `^(.+?)__` takes the part of
    `positive/espeak-en-us-m3__0007.wav` before the double underscore.
    """
    if group_pattern is not None:
        pattern = re.compile(group_pattern) if isinstance(group_pattern, str) else group_pattern
        match = pattern.search(PurePosixPath(relative_path).name)
        if match and match.group(1):
            return f"group:{match.group(1)}"
    return f"path:{relative_path}"


def unit_interval(key: str) -> float:
    """A stable pseudo-random number in [0, 1) for `key` (same on every machine and Python version)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2.0**64


def split_for_key(key: str, ratios: SplitRatios) -> Split:
    value = unit_interval(key)
    if value < ratios.train:
        return "train"
    if value < ratios.train + ratios.validation:
        return "validation"
    return "test"


def assign_split(relative_path: str, ratios: SplitRatios, group_pattern: str | re.Pattern[str] | None = None) -> Split:
    """The split of one file."""
    return split_for_key(split_key(relative_path, group_pattern), ratios)


def assign_splits(
    relative_paths: Iterable[str], ratios: SplitRatios, group_pattern: str | None = None
) -> dict[str, Split]:
    """Splits for many files (the pattern compiled once)."""
    pattern = re.compile(group_pattern) if group_pattern else None
    return {path: assign_split(path, ratios, pattern) for path in relative_paths}


def split_counts(splits: Iterable[Split]) -> dict[str, int]:
    counts = dict.fromkeys(SPLITS, 0)
    for split in splits:
        counts[split] += 1
    return counts
