"""wakesmith firmware harness: micro_wake_word runs the models unchanged on audio that arrives over a UART
(or, in acoustic mode, from a real microphone), and the harness reports detections, per-inference
probabilities, arena use and the ESPHome release over the same UART (docs/device-protocol.md).

    wakesmith_harness:
      uart_id: link                 # 921600 baud, tx and rx
      microphone: link_mic          # the `wakesmith_harness` microphone micro_wake_word listens to
      board: esp32s3                # or esp32
      models:
        - model: okay_nabu          # a micro_wake_word model id
          hash: 0123456789abcdef    # BLAKE2b-512 of the .tflite, first 16 hex digits (wakesmith writes it)

micro_wake_word must run with `stop_after_detection: false` and call the harness on every detection
(`on_wake_word_detected: - lambda: id(harness).on_detection(wake_word);`); `wakesmith device flash`
writes such a configuration.
"""

import re

import esphome.codegen as cg
from esphome.components import micro_wake_word, microphone, uart
import esphome.config_validation as cv
import esphome.final_validate as fv
from esphome.const import CONF_ID, CONF_MICROPHONE, CONF_MODEL

CONF_MODELS = "models"

CODEOWNERS = []
DEPENDENCIES = ["uart", "micro_wake_word", "microphone"]

# The oldest ESPHome release the harness supports (firmware-harness/README.md says why).
MINIMUM_ESPHOME = (2026, 6, 0)
BAUD_RATE = 921600

CONF_BOARD = "board"
CONF_HASH = "hash"
CONF_MICRO_WAKE_WORD_ID = "micro_wake_word_id"

harness_ns = cg.esphome_ns.namespace("wakesmith_harness")
Harness = harness_ns.class_("Harness", cg.Component, uart.UARTDevice)
SerialMicrophone = harness_ns.class_("SerialMicrophone", microphone.Microphone, cg.Component)


def _model_hash(value):
    value = cv.string_strict(value)
    if not re.fullmatch(r"[0-9a-f]{16}", value):
        raise cv.Invalid("hash must be 16 lowercase hex digits (the first 16 of the .tflite's BLAKE2b-512)")
    return value


MODEL_SCHEMA = cv.Schema(
    {
        cv.Required(CONF_MODEL): cv.use_id(micro_wake_word.WakeWordModel),
        cv.Required(CONF_HASH): _model_hash,
    }
)

CONFIG_SCHEMA = cv.All(
    cv.Schema(
        {
            cv.GenerateID(): cv.declare_id(Harness),
            cv.GenerateID(CONF_MICRO_WAKE_WORD_ID): cv.use_id(micro_wake_word.MicroWakeWord),
            cv.Required(CONF_MICROPHONE): cv.use_id(SerialMicrophone),
            cv.Required(CONF_BOARD): cv.one_of("esp32s3", "esp32", lower=True),
            cv.Required(CONF_MODELS): cv.All(cv.ensure_list(MODEL_SCHEMA), cv.Length(min=1)),
        }
    )
    .extend(cv.COMPONENT_SCHEMA)
    .extend(uart.UART_DEVICE_SCHEMA),
    cv.only_on_esp32,
    cv.require_esphome_version(*MINIMUM_ESPHOME),
)


def _final_validate(config):
    full = fv.full_config.get()
    mww = full.get("micro_wake_word", {})
    if mww.get("stop_after_detection", True):
        raise cv.Invalid(
            "the harness needs `micro_wake_word: stop_after_detection: false` (a detection must not stop the stream)"
        )
    if mww.get("vad"):
        raise cv.Invalid("the harness does not report a VAD model yet; remove `micro_wake_word: vad:`")
    listed = {str(model[CONF_MODEL]) for model in config[CONF_MODELS]}
    configured = {str(model[CONF_ID]) for model in mww.get(CONF_MODELS, [])}
    if listed != configured:
        raise cv.Invalid(
            f"every micro_wake_word model must be listed under wakesmith_harness: models (missing: "
            f"{', '.join(sorted(configured - listed)) or 'none'}; unknown: {', '.join(sorted(listed - configured)) or 'none'})"
        )
    return config


FINAL_VALIDATE_SCHEMA = cv.All(
    uart.final_validate_device_schema("wakesmith_harness", baud_rate=BAUD_RATE, require_tx=True, require_rx=True),
    _final_validate,
)


async def to_code(config):
    var = cg.new_Pvariable(config[CONF_ID])
    await cg.register_component(var, config)
    await uart.register_uart_device(var, config)
    cg.add(var.set_micro_wake_word(await cg.get_variable(config[CONF_MICRO_WAKE_WORD_ID])))
    cg.add(var.set_microphone(await cg.get_variable(config[CONF_MICROPHONE])))
    cg.add(var.set_board(config[CONF_BOARD]))
    for model in config[CONF_MODELS]:
        cg.add(var.add_model(await cg.get_variable(model[CONF_MODEL]), model[CONF_HASH]))
