"""The compiled training step behind one interface, implemented per Keras backend.

Every engine draws its batches on the device from the pool arrays (`sampler.draw_batch`), computes the
weighted binary cross-entropy, and applies Adam. TensorFlow runs a `tf.function` per step; JAX runs a jitted,
stateless `lax.scan` over several steps at once (state lives in JAX arrays until `sync_to_model`); torch runs
eagerly. The loop only talks to `Engine`.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod

import keras
import numpy as np
from keras import ops

from wakesmith.training.sampler import PhaseBatchSettings

EPSILON = 1e-7


def weighted_loss(probabilities, labels, weights):
    """(mean over the batch of weight × BCE, accuracy at 0.5) of the last output of each example."""
    p = ops.clip(ops.cast(probabilities[:, -1, 0], "float32"), EPSILON, 1.0 - EPSILON)
    bce = -(labels * ops.log(p) + (1.0 - labels) * ops.log(1.0 - p))
    loss = ops.sum(weights * bce) / ops.cast(ops.shape(bce)[0], "float32")
    accuracy = ops.mean(ops.cast(ops.equal(ops.cast(p > 0.5, "float32"), labels), "float32"))
    return loss, accuracy


class Engine(ABC):
    """Trains `model` with `optimizer` on batches drawn from `data` (device arrays from `sampler.to_device`)."""

    def __init__(self, model, optimizer, data: dict, seed: int, batch_size: int, window: int, profile: bool = False):
        self.model = model
        self.optimizer = optimizer
        self.data = data
        self.seed = seed
        self.batch_size = batch_size
        self.window = window
        self.profile = profile
        self.timings: dict[str, float] = {"data": 0.0, "step": 0.0}
        self.settings: PhaseBatchSettings | None = None
        if not optimizer.built:
            optimizer.build(model.trainable_variables)

    def set_phase(self, settings: PhaseBatchSettings, learning_rate: float) -> None:
        """Batch settings and learning rate of the phase that starts now (rebuilds compiled functions)."""
        self.sync_to_model()
        self.settings = settings
        self.optimizer.learning_rate.assign(learning_rate)
        self._compile()
        self.load_from_model()

    @abstractmethod
    def _compile(self) -> None: ...

    @abstractmethod
    def run(self, step: int, count: int) -> tuple[float, float]:
        """Train steps step … step + count − 1; returns (sum of losses, sum of accuracies) over them."""

    def sync_to_model(self) -> None:
        """Write engine-held state back into the Keras variables (no-op for stateful engines)."""
        return None

    def load_from_model(self) -> None:
        """Re-read engine-held state from the Keras variables (no-op for stateful engines)."""
        return None

    def get_state(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        self.sync_to_model()
        model_values = [np.array(ops.convert_to_numpy(v)) for v in self.model.variables]
        return model_values, [np.array(ops.convert_to_numpy(v)) for v in self.optimizer.variables]

    def set_state(self, model_values: list[np.ndarray], optimizer_values: list[np.ndarray]) -> None:
        variables, opt_variables = self.model.variables, self.optimizer.variables
        if len(variables) != len(model_values) or len(opt_variables) != len(optimizer_values):
            raise ValueError("checkpoint does not match this model/optimizer (different architecture or settings)")
        for variable, value in zip(variables, model_values, strict=True):
            variable.assign(value)
        for variable, value in zip(opt_variables, optimizer_values, strict=True):
            variable.assign(value)
        self.load_from_model()

    def _timed(self, part: str, start: float) -> float:
        now = time.perf_counter()
        self.timings[part] += now - start
        return now


def make_predictor(model):
    """x (numpy [B, T, 40]) → numpy probabilities, compiled for the backend, inference mode."""
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        function = tf.function(lambda x: model(x, training=False), reduce_retracing=True)
        return lambda x: function(tf.convert_to_tensor(x, tf.float32)).numpy()
    if backend == "jax":
        import jax

        @jax.jit
        def function(trainable, non_trainable, x):
            return model.stateless_call(trainable, non_trainable, x, training=False)[0]

        def predict(x):
            trainable = [v.value for v in model.trainable_variables]
            non_trainable = [v.value for v in model.non_trainable_variables]
            return np.asarray(function(trainable, non_trainable, x))

        return predict
    import torch

    def predict_torch(x):
        with torch.no_grad():
            return ops.convert_to_numpy(model(ops.convert_to_tensor(x, "float32"), training=False))

    return predict_torch


def create_engine(model, optimizer, data: dict, seed: int, batch_size: int, window: int, profile: bool = False):
    """The engine for the active Keras backend."""
    backend = keras.backend.backend()
    if backend == "tensorflow":
        from wakesmith.training.engine_tf import TensorFlowEngine as cls
    elif backend == "jax":
        from wakesmith.training.engine_jax import JaxEngine as cls
    elif backend == "torch":
        from wakesmith.training.engine_torch import TorchEngine as cls
    else:
        raise RuntimeError(f"unsupported Keras backend {backend!r}")
    return cls(model, optimizer, data, seed, batch_size, window, profile)
