// Read-only views into micro_wake_word's protected state that the harness needs and no public method gives:
// each model's interpreter (arena use, the output of the last inference), stride position, refractory
// counter, tensor arena size and sliding window, and whether the inference task is idle (for lockstep).
// One write: the stride position is set to 0 before each stream, as after a boot (docs/device-protocol.md §5).
//
// How (firmware-harness/README.md, "Reaching what ESPHome does not expose"): an explicit template
// instantiation may name protected members, which standard C++ allows; the member names are those of
// ESPHome 2026.6.0 to 2026.10.0 (checked against each release's headers) and the harness refuses to build
// before 2026.6.0.
#pragma once

#ifdef USE_ESP32

#include "esphome/components/micro_wake_word/micro_wake_word.h"
#include "esphome/components/micro_wake_word/streaming_model.h"

#include <cstddef>
#include <cstdint>

namespace esphome::wakesmith_harness::model_access {

using micro_wake_word::MicroWakeWord;
using micro_wake_word::StreamingModel;

// The model's TFLM interpreter, or nullptr while it is not loaded.
tflite::MicroInterpreter *interpreter(StreamingModel *model);
bool is_loaded(StreamingModel *model);
// Features written into the input tensor since the last inference (equals the stride right after one).
uint8_t stride_step(StreamingModel *model);
void reset_stride_step(StreamingModel *model);
// The refractory counter: -100 after a load or a detection, rises to 0 (ESPHome's MIN_SLICES_BEFORE_DETECTION).
int16_t ignore_windows(StreamingModel *model);
// The tensor arena size: the manifest's before the first load, the probed size after it (2026.4 and later).
size_t tensor_arena_size(StreamingModel *model);
size_t sliding_window_size(StreamingModel *model);
// The frontend step in milliseconds (micro_wake_word's features_step_size).
uint8_t features_step_ms(MicroWakeWord *mww);
// True when every sample handed to micro_wake_word has been processed: its ring buffer is empty and its
// inference task is blocked waiting for more audio.
bool inference_idle(MicroWakeWord *mww);

}  // namespace esphome::wakesmith_harness::model_access

#endif  // USE_ESP32
