import os

import pytest

from wakesmith.quiet_tensorflow import native_stderr_silenced


def test_native_output_is_hidden_when_the_block_succeeds(capfd):
    with native_stderr_silenced():
        os.write(2, b"I0000 cudart_stub.cc: Could not find cuda drivers\n")
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n"


def test_native_output_is_replayed_when_the_block_fails(capfd):
    with pytest.raises(RuntimeError), native_stderr_silenced():
        os.write(2, b"the real reason\n")
        raise RuntimeError("import failed")
    assert "the real reason" in capfd.readouterr().err
