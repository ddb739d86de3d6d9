"""`wakesmith validate` in-process: exit codes, one line per problem file, --fix."""

from __future__ import annotations

from wakesmith.cli.main import main


def run(capsys, *args):
    code = main(["validate", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_clean_dataset_exits_zero(dataset, capsys):
    code, out, _ = run(capsys, "--dataset", str(dataset))
    assert code == 0
    assert "all files usable" in out
    assert "background/: no audio files" in out and "rir/: no audio files" in out  # optional kinds warn


def test_every_planted_file_named_and_exit_one(dataset, audio, capsys):
    for name, (make, _) in audio.bad_files.items():
        make(dataset / "positive" / name)
    code, out, err = run(capsys, "--dataset", str(dataset))
    assert code == 1
    assert "Traceback" not in out + err
    lines = out.splitlines()
    for name, (_, expected) in audio.bad_files.items():
        assert any(line.startswith(f"positive/{name}: ") and expected in line for line in lines), name
    assert not any(line.startswith("positive/good.wav") for line in lines)


def test_fix_converts_and_then_passes(dataset, audio, capsys):
    planted = {
        "rate.wav": audio.write(dataset / "positive" / "rate.wav", audio.tone(1.0, rate=44100), rate=44100),
        "stereo.wav": audio.write(dataset / "positive" / "stereo.wav", audio.tone(1.0, channels=2)),
        "pcm24.wav": audio.write(dataset / "negative" / "pcm24.wav", audio.tone(1.0), subtype="PCM_24"),
    }
    originals = {name: path.read_bytes() for name, path in planted.items()}
    assert run(capsys, "--dataset", str(dataset))[0] == 1
    code, out, _ = run(capsys, "--dataset", str(dataset), "--fix")
    assert code == 0
    assert "positive/rate.wav: wrong sample rate: 44100 Hz (needs 16000) -> fixed (converted copy)" in out
    assert "positive/stereo.wav: not mono: 2 channels -> fixed (converted copy)" in out
    assert all(path.read_bytes() == originals[name] for name, path in planted.items())
    converted = dataset / ".wakesmith-cache" / "converted"
    assert (converted / "positive" / "rate.wav.wav").is_file()
    assert run(capsys, "--dataset", str(dataset))[0] == 0  # copies found on the next run without --fix


def test_fix_does_not_hide_unfixable_problems(dataset, audio, capsys):
    audio.write(dataset / "positive" / "loud48k.wav", audio.tone(1.0, rate=48000, amplitude=4.0), rate=48000)
    code, out, _ = run(capsys, "--dataset", str(dataset), "--fix")
    assert code == 1
    assert "positive/loud48k.wav: wrong sample rate: 48000 Hz (needs 16000); clipped:" in out


def test_missing_required_kind_exits_one(dataset, capsys):
    (dataset / "negative" / "good.wav").unlink()
    code, out, _ = run(capsys, "--dataset", str(dataset))
    assert code == 1 and "negative/: no audio files (required" in out


def test_missing_dataset_is_a_user_error(tmp_path, capsys):
    code, out, err = run(capsys, "--dataset", str(tmp_path / "nope"))
    assert code == 2 and "dataset folder not found" in err and "Traceback" not in err


def test_config_limits_are_used(dataset, audio, tmp_path, capsys):
    audio.write(dataset / "positive" / "long.wav", audio.tone(4.0))
    config = tmp_path / "strict.yaml"
    config.write_text("dataset:\n  root: dataset\n  positive: {min_s: 0.3, max_s: 3.0}\n")
    code, out, _ = run(capsys, "--config", str(config))
    assert code == 1 and "positive/long.wav: too long: 4.0 s (positive allows <= 3 s)" in out
