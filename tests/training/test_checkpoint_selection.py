import math

from wakesmith.config.models import CheckpointSelectionConfig
from wakesmith.training.checkpoint_selection import is_better, select_best

RULE = CheckpointSelectionConfig(
    minimization_metric="ambient_false_accepts_per_hour", target_minimization=0.5, maximization_metric="avr"
)


def _m(fah, avr):
    return {"ambient_false_accepts_per_hour": fah, "avr": avr}


def test_lowest_minimization_until_target_then_highest_maximization():
    history = [
        _m(5.0, 0.9),  # 0: first
        _m(3.0, 0.2),  # 1: lower FAH wins while no target is met (recall ignored)
        _m(4.0, 0.99),  # 2: higher FAH: no
        _m(0.5, 0.3),  # 3: meets target (at the target counts): wins
        _m(0.1, 0.25),  # 4: lower FAH but lower recall: no (target met, recall decides)
        _m(0.7, 0.95),  # 5: misses target: never replaces a target-meeting one
        _m(0.4, 0.6),  # 6: meets target with higher recall: wins
        _m(0.2, 0.6),  # 7: tie on recall keeps the earlier
    ]
    assert [select_best(history[: n + 1], RULE) for n in range(len(history))] == [0, 1, 1, 3, 3, 3, 6, 6]


def test_unmeasured_metrics_rank_last():
    assert not is_better(_m(None, 0.9), _m(10.0, 0.1), RULE)
    assert not is_better(_m(math.nan, 0.9), _m(10.0, 0.1), RULE)
    assert is_better(_m(10.0, 0.1), _m(None, 0.9), RULE)
    assert is_better(_m(None, 0.9), None, RULE)
    assert select_best([], RULE) is None
