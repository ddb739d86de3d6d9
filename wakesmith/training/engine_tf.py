"""TensorFlow engine: one `tf.function` per step that draws the batch and applies the gradients."""

from __future__ import annotations

import time

import keras
import tensorflow as tf

from wakesmith.training.engine import Engine, weighted_loss
from wakesmith.training.sampler import draw_batch


class TensorFlowEngine(Engine):
    def _compile(self) -> None:
        model, optimizer, settings = self.model, self.optimizer, self.settings
        scaled = isinstance(optimizer, keras.optimizers.LossScaleOptimizer)

        def sample(step):
            return draw_batch(self.data, self.seed, step, self.batch_size, self.window, settings)

        def train(features, labels, weights):
            with tf.GradientTape() as tape:
                probabilities = model(features, training=True)
                loss, accuracy = weighted_loss(probabilities, labels, weights)
                objective = optimizer.scale_loss(loss) if scaled else loss
            gradients = tape.gradient(objective, model.trainable_variables)
            optimizer.apply(gradients, model.trainable_variables)
            return loss, accuracy

        self._sample = tf.function(sample)
        self._train = tf.function(train)
        self._fused = tf.function(lambda step: train(*sample(step)))

    def run(self, step: int, count: int) -> tuple[float, float]:
        losses, accuracies = [], []
        for offset in range(count):
            step_tensor = tf.constant(step + offset, tf.int64)
            if self.profile:
                start = time.perf_counter()
                batch = self._sample(step_tensor)
                batch[0].numpy()  # wait for the batch (cheap on CPU: tensors already live in host memory)
                start = self._timed("data", start)
                loss, accuracy = self._train(*batch)
                loss.numpy()
                self._timed("step", start)
            else:
                loss, accuracy = self._fused(step_tensor)
            losses.append(loss)
            accuracies.append(accuracy)
        return float(tf.add_n(losses).numpy()), float(tf.add_n(accuracies).numpy())
