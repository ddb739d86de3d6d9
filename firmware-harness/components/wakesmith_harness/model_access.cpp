#include "model_access.h"

#ifdef USE_ESP32

#include "esphome/core/macros.h"
#include "esphome/core/version.h"

#include <freertos/FreeRTOS.h>
#include <freertos/task.h>

#if ESPHOME_VERSION_CODE < VERSION_CODE(2026, 6, 0)
#error "the wakesmith harness needs ESPHome 2026.6.0 or later (firmware-harness/README.md)"
#endif

namespace esphome::wakesmith_harness::model_access {

namespace {

// `Grant<Tag, &Class::member>` is explicitly instantiated below; an explicit instantiation may name a
// protected member, and the friend function it defines hands out the pointer to member.
template<typename Tag, typename Tag::type Member> struct Grant {
  friend typename Tag::type get(Tag) { return Member; }
};

#define WAKESMITH_GRANT(NAME, CLASS, TYPE, MEMBER) \
  struct NAME { \
    using type = TYPE CLASS::*; \
    friend type get(NAME); \
  }; \
  template struct Grant<NAME, &CLASS::MEMBER>;

WAKESMITH_GRANT(InterpreterTag, StreamingModel, std::unique_ptr<tflite::MicroInterpreter>, interpreter_)
WAKESMITH_GRANT(LoadedTag, StreamingModel, bool, loaded_)
WAKESMITH_GRANT(StrideStepTag, StreamingModel, uint8_t, current_stride_step_)
WAKESMITH_GRANT(IgnoreTag, StreamingModel, int16_t, ignore_windows_)
WAKESMITH_GRANT(ArenaSizeTag, StreamingModel, size_t, tensor_arena_size_)
WAKESMITH_GRANT(WindowTag, StreamingModel, size_t, sliding_window_size_)
WAKESMITH_GRANT(StepTag, MicroWakeWord, uint8_t, features_step_size_)
WAKESMITH_GRANT(RingTag, MicroWakeWord, std::weak_ptr<ring_buffer::RingBuffer>, ring_buffer_)
WAKESMITH_GRANT(TaskTag, MicroWakeWord, StaticTask, inference_task_)

#undef WAKESMITH_GRANT

}  // namespace

tflite::MicroInterpreter *interpreter(StreamingModel *model) { return (model->*get(InterpreterTag())).get(); }
bool is_loaded(StreamingModel *model) { return model->*get(LoadedTag()); }
uint8_t stride_step(StreamingModel *model) { return model->*get(StrideStepTag()); }
void reset_stride_step(StreamingModel *model) { model->*get(StrideStepTag()) = 0; }
int16_t ignore_windows(StreamingModel *model) { return model->*get(IgnoreTag()); }
size_t tensor_arena_size(StreamingModel *model) { return model->*get(ArenaSizeTag()); }
size_t sliding_window_size(StreamingModel *model) { return model->*get(WindowTag()); }
uint8_t features_step_ms(MicroWakeWord *mww) { return mww->*get(StepTag()); }

bool inference_idle(MicroWakeWord *mww) {
  std::shared_ptr<ring_buffer::RingBuffer> ring = (mww->*get(RingTag())).lock();
  if (ring == nullptr || ring->available() != 0) return false;
  const StaticTask &task = mww->*get(TaskTag());
  TaskHandle_t handle = task.get_handle();
  return handle != nullptr && eTaskGetState(handle) == eBlocked;
}

}  // namespace esphome::wakesmith_harness::model_access

#endif  // USE_ESP32
