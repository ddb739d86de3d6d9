"""JAX engine: a stateless train step, several steps per call inside one jitted `lax.scan`.

Model and optimizer state live as JAX arrays between calls (no host round trip); `sync_to_model` writes them
back into the Keras variables for evaluation and checkpoints. Pool arrays are passed as arguments, not
captured, so they are not baked into the compiled program as constants.
"""

from __future__ import annotations

import time

import jax
import keras
import numpy as np

from wakesmith.training.engine import Engine, weighted_loss
from wakesmith.training.sampler import draw_batch

STEPS_PER_CALL = 25


class JaxEngine(Engine):
    state = None

    def _compile(self) -> None:
        model, optimizer, settings = self.model, self.optimizer, self.settings
        seed, batch_size, window = self.seed, self.batch_size, self.window
        scaled = isinstance(optimizer, keras.optimizers.LossScaleOptimizer)

        def objective(trainable, non_trainable, features, labels, weights):
            probabilities, non_trainable = model.stateless_call(trainable, non_trainable, features, training=True)
            loss, accuracy = weighted_loss(probabilities, labels, weights)
            return (optimizer.scale_loss(loss) if scaled else loss), (loss, accuracy, non_trainable)

        gradient = jax.value_and_grad(objective, has_aux=True)

        def one_step(carry, step):
            trainable, non_trainable, opt_vars, data = carry
            features, labels, weights = draw_batch(data, seed, step, batch_size, window, settings)
            (_, (loss, accuracy, non_trainable)), grads = gradient(trainable, non_trainable, features, labels, weights)
            trainable, opt_vars = optimizer.stateless_apply(opt_vars, grads, trainable)
            return (trainable, non_trainable, opt_vars, data), (loss, accuracy)

        def steps(state, data, first_step, count):
            carry = (*state, data)
            step_numbers = first_step + jax.numpy.arange(count, dtype="int32")
            (trainable, non_trainable, opt_vars, _), (loss, accuracy) = jax.lax.scan(one_step, carry, step_numbers)
            return (trainable, non_trainable, opt_vars), loss.sum(), accuracy.sum()

        self._steps = jax.jit(steps, static_argnums=3, donate_argnums=0)

    def load_from_model(self) -> None:
        # Copies: the state is donated to the next call, which must not invalidate the Keras variables.
        self.state = (
            [jax.numpy.copy(v.value) for v in self.model.trainable_variables],
            [jax.numpy.copy(v.value) for v in self.model.non_trainable_variables],
            [jax.numpy.copy(v.value) for v in self.optimizer.variables],
        )

    def sync_to_model(self) -> None:
        if self.state is None:
            return
        trainable, non_trainable, opt_vars = self.state
        for variable, value in zip(self.model.trainable_variables, trainable, strict=True):
            variable.assign(value)
        for variable, value in zip(self.model.non_trainable_variables, non_trainable, strict=True):
            variable.assign(value)
        for variable, value in zip(self.optimizer.variables, opt_vars, strict=True):
            variable.assign(value)
        self.load_from_model()

    def run(self, step: int, count: int) -> tuple[float, float]:
        loss_total = accuracy_total = 0.0
        done = 0
        start = time.perf_counter()
        while done < count:
            chunk = STEPS_PER_CALL if count - done >= STEPS_PER_CALL else 1
            self.state, loss, accuracy = self._steps(self.state, self.data, np.int32(step + done), chunk)
            loss_total += float(loss)
            accuracy_total += float(accuracy)
            done += chunk
        if self.profile:
            self._timed("step", start)
        return loss_total, accuracy_total
