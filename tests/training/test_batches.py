import numpy as np
import pytest

from wakesmith.features.frontend import RAW_PER_FLOAT
from wakesmith.training.pool import PoolSource, build_pool, cut_windows, pad_short_items, window_starts
from wakesmith.training.sampler import PhaseBatchSettings, draw_batch, to_device
from wakesmith.training.specaugment import spec_augment
from wakesmith.training.stores import RaggedFrames

keras = pytest.importorskip("keras")
from keras import ops  # noqa: E402


def _numbered(lengths, channel_value=0):
    """Items whose frame f of item i holds 1000·i + f + 1 (so crops can be read back), channel 0 only."""
    items = []
    for i, length in enumerate(lengths):
        item = np.full((length, 40), channel_value, np.uint16)
        item[:, 0] = 1000 * i + np.arange(length) + 1
        items.append(item)
    return RaggedFrames.from_items(items)


def test_truncation_strategies_crop_the_right_frames():
    store = _numbered([10, 4, 7])
    window = 5
    padded = pad_short_items(store, window)
    assert list(padded.lengths) == [10, 5, 7]
    assert list(padded.item(1)[:, 0]) == [0, 1001, 1002, 1003, 1004]  # short item: zeros at the start
    end = cut_windows(store, window, "truncate_start")[:, :, 0]
    assert list(end[0]) == [6, 7, 8, 9, 10] and list(end[2]) == [2003, 2004, 2005, 2006, 2007]
    start = cut_windows(store, window, "truncate_end")[:, :, 0]
    assert list(start[0]) == [1, 2, 3, 4, 5] and list(start[2]) == [2001, 2002, 2003, 2004, 2005]
    split = cut_windows(store, window, "split")[:, :, 0]
    assert [list(w) for w in split] == [
        [1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10],
        [0, 1001, 1002, 1003, 1004],
        [2001, 2002, 2003, 2004, 2005],
    ]
    starts, spans = window_starts(padded, window, "random")
    assert list(spans) == [6, 1, 3] and list(starts) == list(padded.starts)


def _pool(window=5):
    return build_pool(
        [
            PoolSource("pos", _numbered([8] * 30), True, 2.0, 1.0, "truncate_start"),
            PoolSource("neg", _numbered([20] * 50, channel_value=7), False, 0.5, 3.0, "random"),
            PoolSource("empty", RaggedFrames.empty(), False, 1.0, 5.0, "random"),
        ],
        window,
    )


def test_batch_composition_follows_sampling_weights_and_weights_are_penalty_times_class():
    pool = _pool()
    assert [s.name for s in pool.sets] == ["pos", "neg"]  # empty sets are dropped
    data = to_device(pool.arrays())
    settings = PhaseBatchSettings(positive_weight=1.5, negative_weight=20.0)
    labels, weights, features = [], [], []
    for step in range(8):
        x, y, w = draw_batch(data, seed=3, step=step, batch_size=256, window=5, settings=settings)
        labels.append(ops.convert_to_numpy(y))
        weights.append(ops.convert_to_numpy(w))
        features.append(ops.convert_to_numpy(x))
    labels, weights, features = np.concatenate(labels), np.concatenate(weights), np.concatenate(features)
    # Sampling weights 1 : 3 → 25 % positives; 2048 draws: standard error ≈ 1 %.
    assert abs(labels.mean() - 0.25) < 0.04
    np.testing.assert_allclose(weights[labels == 1], 2.0 * 1.5)
    np.testing.assert_allclose(weights[labels == 0], 0.5 * 20.0)
    raw = np.rint(features * RAW_PER_FLOAT).astype(int)
    # Positives (truncate_start): always the last 5 frames of an 8-frame item.
    assert np.all(raw[labels == 1, :, 0] % 1000 == np.arange(4, 9))
    # Negatives (random): consecutive frames of one item, starts spread over all 16 positions.
    neg = raw[labels == 0, :, 0]
    assert np.all(np.diff(neg, axis=1) == 1) and np.all(raw[labels == 0, :, 1] == 7)
    assert set(neg[:, 0] % 1000) == set(range(1, 17))
    # Items are drawn uniformly within a set.
    assert len(set(neg[:, 0] // 1000)) == 50


def test_batches_are_a_function_of_seed_and_step():
    data = to_device(_pool().arrays())
    settings = PhaseBatchSettings(1.0, 1.0, time_mask_count=1, time_mask_max_size=2)
    first = ops.convert_to_numpy(draw_batch(data, 1, 5, 64, 5, settings)[0])
    again = ops.convert_to_numpy(draw_batch(data, 1, 5, 64, 5, settings)[0])
    other = ops.convert_to_numpy(draw_batch(data, 1, 6, 64, 5, settings)[0])
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


@pytest.mark.parametrize("count,max_size", [(1, 5), (2, 3), (3, 10)])
def test_spec_augment_masks_have_configured_counts_and_sizes(count, max_size):
    rng = np.random.default_rng(count)
    batch, frames, channels = 400, 50, 40
    x = np.ones((batch, frames, channels), np.float32)
    time_u = rng.uniform(size=(batch, count, 2)).astype(np.float32)
    freq_u = rng.uniform(size=(batch, count, 2)).astype(np.float32)
    out = ops.convert_to_numpy(spec_augment(ops.convert_to_tensor(x), time_u, None, max_size, 0))
    masked_frames = (out[:, :, 0] == 0).sum(axis=1)
    assert masked_frames.max() <= count * max_size
    assert masked_frames.min() >= 0
    if count == 1:
        assert set(masked_frames) == set(range(max_size + 1))  # sizes uniform over 0…max_size
        for row in out[:, :, 0]:  # one contiguous run of zeros
            zeros = np.flatnonzero(row == 0)
            assert len(zeros) == 0 or zeros[-1] - zeros[0] + 1 == len(zeros)
    assert np.all((out == 0).all(axis=2) == (out[:, :, 0] == 0))  # time masks cover every channel
    out = ops.convert_to_numpy(spec_augment(ops.convert_to_tensor(x), None, freq_u, 0, max_size))
    masked_channels = (out[:, 0, :] == 0).sum(axis=1)
    assert masked_channels.max() <= count * max_size and np.all((out == 0).all(axis=1) == (out[:, 0, :] == 0))
    assert masked_channels.mean() > 0
    unchanged = ops.convert_to_numpy(spec_augment(ops.convert_to_tensor(x), None, None, 5, 5))
    np.testing.assert_array_equal(unchanged, x)
