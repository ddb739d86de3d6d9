import sys

from wakesmith.config.loader import load_preset
from wakesmith.doctor import check_disk, check_packages, check_python, estimate_disk_gb


def test_python_check_matches_supported_range():
    check = check_python()
    assert check.ok == ((3, 10) <= sys.version_info[:2] <= (3, 12))


def test_installed_packages_are_found():
    found = {check.name: check for check in check_packages()}
    assert found["numpy"].ok and found["numpy"].found[0].isdigit()


def test_disk_check_fails_when_more_is_needed_than_free(tmp_path):
    assert check_disk(tmp_path, 0.0).ok
    failing = check_disk(tmp_path, 1e9)
    assert not failing.ok and "need" in failing.found


def test_disk_estimate_grows_with_files(tmp_path):
    config = load_preset("fast_test", base=tmp_path)
    empty = estimate_disk_gb(config)
    (tmp_path / "dataset" / "positive").mkdir(parents=True)
    for index in range(10):
        (tmp_path / "dataset" / "positive" / f"{index}.wav").write_bytes(b"")
    assert estimate_disk_gb(config) > empty
