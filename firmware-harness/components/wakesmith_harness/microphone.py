"""The `wakesmith_harness` microphone: audio from the serial link, or in acoustic mode from the microphone named
under `acoustic:` (a real one, converted to 16-bit mono by a MicrophoneSource)."""

import esphome.codegen as cg
from esphome.components import audio, microphone
import esphome.config_validation as cv
from esphome.const import CONF_ID

from . import SerialMicrophone

CONF_ACOUSTIC = "acoustic"

def _set_stream_limits(config):
    # 16 kHz, 16-bit mono: what micro_wake_word needs, and all the link carries
    audio.set_stream_limits(
        min_bits_per_sample=16,
        max_bits_per_sample=16,
        min_channels=1,
        max_channels=1,
        min_sample_rate=16000,
        max_sample_rate=16000,
    )(config)
    return config


CONFIG_SCHEMA = cv.All(
    microphone.MICROPHONE_SCHEMA.extend(
        {
            cv.GenerateID(): cv.declare_id(SerialMicrophone),
            cv.Optional(CONF_ACOUSTIC): microphone.microphone_source_schema(
                min_bits_per_sample=16, max_bits_per_sample=16
            ),
        }
    ).extend(cv.COMPONENT_SCHEMA),
    _set_stream_limits,
)


def _final_validate(config):
    if CONF_ACOUSTIC in config:
        microphone.final_validate_microphone_source_schema("wakesmith_harness", sample_rate=16000)(
            config[CONF_ACOUSTIC]
        )
    return config


FINAL_VALIDATE_SCHEMA = _final_validate


async def to_code(config):
    var = cg.new_Pvariable(config[CONF_ID])
    await cg.register_component(var, config)
    await microphone.register_microphone(var, config)
    if CONF_ACOUSTIC in config:
        source = await microphone.microphone_source_to_code(config[CONF_ACOUSTIC])
        cg.add(var.set_acoustic_source(source))
