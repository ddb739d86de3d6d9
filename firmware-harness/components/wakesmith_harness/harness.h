// The wakesmith harness component: speaks the device protocol (docs/device-protocol.md) on a UART, feeds
// micro_wake_word through the harness microphone one chunk at a time (lockstep: the next chunk goes in only
// when the inference task has finished the last one), and reports what the models did.
#pragma once

#ifdef USE_ESP32

#include "link_engine.h"
#include "serial_microphone.h"

#include "esphome/components/micro_wake_word/micro_wake_word.h"
#include "esphome/components/uart/uart.h"
#include "esphome/core/component.h"
#include "esphome/core/helpers.h"

#include <memory>
#include <string>
#include <vector>

namespace esphome::wakesmith_harness {

class Harness : public Component, public uart::UARTDevice {
 public:
  void setup() override;
  void loop() override;
  void dump_config() override;
  // After micro_wake_word (AFTER_CONNECTION), so its models exist when the harness announces them.
  float get_setup_priority() const override { return setup_priority::LATE; }

  void set_micro_wake_word(micro_wake_word::MicroWakeWord *mww) { this->mww_ = mww; }
  void set_microphone(SerialMicrophone *microphone) { this->microphone_ = microphone; }
  void set_board(const char *board) { this->board_ = board; }
  void add_model(micro_wake_word::WakeWordModel *model, const char *hash) {
    this->models_.push_back(ModelSlot{model, hash});
  }

  // micro_wake_word's on_wake_word_detected (main loop).
  void on_detection(const std::string &wake_word) { this->detections_.push_back(wake_word); }

 protected:
  enum class Phase : uint8_t { IDLE, STOP_FOR_START, STARTING, WAIT_IDLE, SETTLE, STOPPING };

  struct ModelSlot {
    micro_wake_word::WakeWordModel *model;
    std::string hash;
    // Before the chunk being processed:
    bool was_loaded{false};
    int16_t ignore_before{0};
  };

  void begin_(wakesmith::Action &action);
  void step_();
  void finish_chunk_();
  void prepare_stream_();
  void write_output_();
  uint32_t features_after_(uint32_t samples) const;

  micro_wake_word::MicroWakeWord *mww_{nullptr};
  SerialMicrophone *microphone_{nullptr};
  std::string board_;
  std::vector<ModelSlot> models_;
  std::vector<std::string> detections_;
  std::unique_ptr<wakesmith::LinkEngine> engine_;
  HighFrequencyLoopRequester high_frequency_;

  Phase phase_{Phase::IDLE};
  uint32_t phase_started_{0};
  uint8_t pending_mode_{0};
  uint32_t step_samples_{160};
  uint32_t features_before_{0};
  std::vector<uint8_t> pcm_;
  uint8_t rx_[256];
  size_t rx_length_{0};
  size_t rx_position_{0};
};

}  // namespace esphome::wakesmith_harness

#endif  // USE_ESP32
