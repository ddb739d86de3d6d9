"""Counter-based random numbers: the draws of step n are a pure function of (seed, n).

That makes the random state of a run just its step counter: resuming at step n reproduces exactly the batches
an uninterrupted run would have drawn, on every backend. Keras' own random ops keep hidden state, so each
backend's stateless generator is used directly (TF stateless ops, JAX fold_in keys, a seeded torch Generator).
"""

from __future__ import annotations

import keras


def uniform(seed: int, step, shape: tuple[int, ...]):
    """Uniform [0, 1) float32 tensor of `shape` for training step `step` (an int or a scalar integer tensor)."""
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        key = tf.stack([tf.constant(seed, tf.int64), tf.cast(step, tf.int64)])
        return tf.random.stateless_uniform(shape, seed=key, dtype=tf.float32)
    if backend == "jax":
        import jax

        key = jax.random.fold_in(jax.random.key(seed), step)
        return jax.random.uniform(key, shape, dtype="float32")
    if backend == "torch":
        import torch
        from keras.src.backend.torch.core import get_device

        generator = torch.Generator(device=get_device())
        generator.manual_seed(int(seed) * 1_000_003 + int(step))
        return torch.rand(shape, generator=generator, device=get_device(), dtype=torch.float32)
    raise RuntimeError(f"unsupported Keras backend {backend!r}")
