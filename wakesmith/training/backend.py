"""Choosing the Keras backend and device settings; must run before anything imports keras."""

from __future__ import annotations

import contextlib
import os
import sys

from wakesmith.errors import WakesmithError

BACKENDS = ("tensorflow", "jax", "torch")


def select_backend(name: str | None) -> str:
    """Set KERAS_BACKEND (when `name` is given) before Keras loads; error if Keras already runs another one."""
    if name is not None and name not in BACKENDS:
        raise WakesmithError(f"unknown backend {name!r}; use one of {', '.join(BACKENDS)}")
    if "keras" in sys.modules:
        import keras

        active = keras.backend.backend()
        if name is not None and active != name:
            raise WakesmithError(
                f"Keras was already loaded with the {active} backend in this process, so {name} cannot be used; "
                f"start a new process with KERAS_BACKEND={name}"
            )
        return active
    if name is not None:
        os.environ["KERAS_BACKEND"] = name
    chosen = os.environ.get("KERAS_BACKEND", "tensorflow")
    if chosen == "tensorflow" and "tensorflow" not in sys.modules:
        # oneDNN's depthwise-conv filter gradient is ~7× slower than TF's own kernel for MixedNet's shapes
        # (measured on 2 cores: 17–21 → 14 ms per step of 128). Users can still opt in by setting the variable.
        os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    module = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}.get(chosen, chosen)
    try:
        __import__(module)
    except ImportError as error:
        hint = {"jax": "pip install jax (or jax[cuda12] for NVIDIA GPUs)", "torch": "pip install torch"}.get(chosen, "")
        raise WakesmithError(f"the {chosen} backend is not installed ({error}); {hint}".rstrip("; ")) from error
    return chosen


def configure_devices() -> str:
    """TF: let GPU memory grow instead of grabbing it all. Returns a short device description."""
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        for gpu in gpus:
            with contextlib.suppress(RuntimeError):  # already initialised: growth can no longer change
                tf.config.experimental.set_memory_growth(gpu, True)
        return f"gpu x{len(gpus)}" if gpus else "cpu"
    if backend == "jax":
        import jax

        device = jax.devices()[0]
        kind = getattr(device, "device_kind", "")
        return device.platform if not kind or kind == device.platform else f"{device.platform}:{kind}"
    import torch

    return f"cuda:{torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else "cpu"


def set_mixed_precision(enabled: bool) -> None:
    import keras

    keras.mixed_precision.set_global_policy("mixed_float16" if enabled else "float32")
