"""Scanning many files: every file found once, the second scan served from the hash cache.

How long it takes is a benchmark (`wakesmith bench scan`), not a test.
"""

from __future__ import annotations

from wakesmith.audio.benchmark import write_dataset
from wakesmith.audio.ingest import scan
from wakesmith.config.models import DatasetConfig


def test_many_files_scan_once_then_from_the_cache(tmp_path):
    write_dataset(tmp_path, 300)
    config = DatasetConfig(root=tmp_path)
    cold = scan(config)
    warm = scan(config)
    assert len(cold.records) == len(warm.records) == 300
    assert len({r.content_hash for r in cold.records}) == 300  # distinct contents, distinct hashes
    assert warm.cache.hits == 300
    assert [r.content_hash for r in warm.records] == [r.content_hash for r in cold.records]
