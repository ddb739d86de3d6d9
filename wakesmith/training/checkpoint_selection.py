"""Two-priority checkpoint selection (SPEC §5), as pure functions over evaluation metric dicts.

Among evaluations whose minimization metric (e.g. ambient false accepts per hour) is at or below its target,
keep the one with the highest maximization metric (e.g. average viable recall); until the target is met, keep
the one with the lowest minimization metric. Ties keep the earlier evaluation. A metric that could not be
measured (missing, None or NaN: e.g. no ambient audio) never meets the target and ranks last.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from wakesmith.config.models import CheckpointSelectionConfig


def _value(metrics: dict, name: str) -> float | None:
    value = metrics.get(name)
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def meets_target(metrics: dict, rule: CheckpointSelectionConfig) -> bool:
    value = _value(metrics, rule.minimization_metric)
    return value is not None and value <= rule.target_minimization


def is_better(candidate: dict, incumbent: dict | None, rule: CheckpointSelectionConfig) -> bool:
    """Whether `candidate` should replace `incumbent` (None = nothing chosen yet) as the kept checkpoint."""
    if incumbent is None:
        return True
    candidate_ok, incumbent_ok = meets_target(candidate, rule), meets_target(incumbent, rule)
    if candidate_ok != incumbent_ok:
        return candidate_ok
    if candidate_ok:
        new, old = _value(candidate, rule.maximization_metric), _value(incumbent, rule.maximization_metric)
        if new is None:
            return False
        return old is None or new > old
    new, old = _value(candidate, rule.minimization_metric), _value(incumbent, rule.minimization_metric)
    if new is None:
        return False
    return old is None or new < old


def select_best(history: Sequence[dict], rule: CheckpointSelectionConfig) -> int | None:
    """Index of the evaluation to keep from a sequence (None when empty)."""
    best: int | None = None
    for index, metrics in enumerate(history):
        if is_better(metrics, None if best is None else history[best], rule):
            best = index
    return best
