"""Keep TensorFlow's native start-up and converter chatter away from users.

TensorFlow's C++ code logs CUDA probing, oneDNN and CPU-feature notices (and the TFLite converter its
quantization settings) straight to file descriptor 2, before or outside Python's logging:
TF_CPP_MIN_LOG_LEVEL does not reach them, and users read them as errors. Within `native_stderr_silenced`
descriptor 2 points at a temporary file whose content is replayed only when the block fails.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import tempfile
from collections.abc import Iterator


@contextlib.contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """Capture descriptor 2 (native code included) for the block; show it only if the block raises."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile(mode="w+b") as capture:
        os.dup2(capture.fileno(), 2)
        try:
            yield
        except BaseException:
            sys.stderr.flush()
            os.dup2(saved, 2)
            capture.seek(0)
            sys.stderr.write(capture.read().decode(errors="replace"))
            raise
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def import_tensorflow_quietly() -> None:
    """Import TensorFlow (if installed) and probe its devices with native logging silenced."""
    if "tensorflow" in sys.modules or importlib.util.find_spec("tensorflow") is None:
        return
    with native_stderr_silenced():
        import tensorflow as tf

        tf.config.list_physical_devices("GPU")
