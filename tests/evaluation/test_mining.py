"""Hard negative mining: accept events, windows at the false accept, de-duplication, the stored set."""

from __future__ import annotations

import numpy as np

from wakesmith.evaluation.mining import (
    HardNegative,
    accept_steps,
    load_stored,
    mine_clips,
    select_new,
    window_ending_at,
    write_hard_negatives,
)


def test_accept_steps_strictly_above_with_cooldown():
    stream = np.array([200, 127, 128, 0, 255, 255, 0, 130], np.uint8)
    # threshold 0.5 → raw > 127: steps 0, 2, 4, 5, 7. cool-down 2: 0 kept, 2 blocked (0+2), 4 kept, 5 blocked, 7 kept
    assert accept_steps(stream, 0.5, 2).tolist() == [0, 4, 7]
    assert accept_steps(stream, 0.5, 0).tolist() == [0, 2, 4, 5, 7]
    # from step 1: 2 kept, 4 blocked (2+2), 5 kept, 7 blocked (5+2)
    assert accept_steps(stream, 0.5, 2, first_step=1).tolist() == [2, 5]


def test_window_ends_with_the_frames_of_the_accepting_inference(make_frames):
    clip = make_frames(list(range(1, 13)))  # frames valued 1..12
    # stride 3: step 2 consumed frames 7, 8, 9 → a 5-frame window ends at frame value 9: 5..9
    assert window_ending_at(clip, 2, 3, 5)[:, 0].tolist() == [5, 6, 7, 8, 9]
    # step 0 ends at frame 3; 5 frames need 2 zero frames on the left
    assert window_ending_at(clip, 0, 3, 5)[:, 0].tolist() == [0, 0, 1, 2, 3]


def test_mine_clips_with_echo_runner(echo_runner, make_frames):
    clips = [make_frames([0, 0, 10, 0, 0, 200, 0, 0, 0]), make_frames([0, 0, 250])]
    found = mine_clips(echo_runner(), clips, "negative", 3, 4, 0.5, 75, 0)
    # clip 0 outputs 10, 200, 0 → step 1 fires (200), its window = frames 2..5; clip 1: 250 at step 0
    assert [(h.source, h.score) for h in found] == [("negative#0@1", 200), ("negative#1@0", 250)]
    assert found[0].window[:, 0].tolist() == [10, 0, 0, 200] and found[0].window.shape == (4, 40)
    assert found[1].window[:, 0].tolist() == [0, 0, 0, 250]
    # step 0 has seen 3 frames: ignoring 4 frames (device-style suppression) removes clip 1's only event
    assert len(mine_clips(echo_runner(), clips, "negative", 3, 4, 0.5, 75, 3)) == 2
    assert len(mine_clips(echo_runner(), clips, "negative", 3, 4, 0.5, 75, 4)) == 1


def test_select_new_drops_stored_and_repeated_windows_keeps_highest(make_frames):
    a, b, c = make_frames([1, 2]), make_frames([3, 4]), make_frames([5, 6])
    found = [HardNegative(a, 140, "x"), HardNegative(b, 250, "y"), HardNegative(b, 250, "z"), HardNegative(c, 200, "w")]
    kept, duplicates = select_new(found, stored=[a], limit=1)
    assert [h.source for h in kept] == ["y"] and duplicates == 2  # a stored, b found twice; limit keeps 250
    kept, _ = select_new(found, stored=[], limit=10)
    assert [h.score for h in kept] == [250, 200, 140]


def test_hard_negative_store_round_trip(tmp_path, make_frames):
    windows = [make_frames([7] * 4), make_frames([9] * 4), make_frames([1] * 3)]
    folder = write_hard_negatives(tmp_path, windows, {"rounds": 1})
    assert (folder / "store.json").is_file()
    loaded = load_stored(tmp_path, 4)  # the 3-frame window belongs to another model geometry: dropped
    assert [w[0, 0] for w in loaded] == [7, 9]
    assert load_stored(tmp_path / "elsewhere", 4) == []
