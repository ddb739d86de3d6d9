// The `wakesmith_harness` microphone: micro_wake_word listens to it like to any microphone, and the harness
// hands it the audio that arrives over the serial link (or, in acoustic mode, it passes on a real
// microphone's audio), so the stock component runs the models unchanged.
#pragma once

#ifdef USE_ESP32

#include "esphome/components/microphone/microphone.h"
#include "esphome/components/microphone/microphone_source.h"
#include "esphome/core/component.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace esphome::wakesmith_harness {

class SerialMicrophone : public microphone::Microphone, public Component {
 public:
  void setup() override;
  void loop() override;
  void dump_config() override;
  float get_setup_priority() const override { return setup_priority::DATA; }

  // micro_wake_word calls these from its inference task: they only raise flags that loop() acts on.
  void start() override { this->start_requested_.store(true); }
  void stop() override { this->stop_requested_.store(true); }

  void set_acoustic_source(microphone::MicrophoneSource *source) { this->acoustic_source_ = source; }
  bool has_acoustic_source() const { return this->acoustic_source_ != nullptr; }

  // Main loop, while stopped: whether the next stream takes a real microphone's audio.
  void set_acoustic(bool acoustic) { this->acoustic_ = acoustic; }

  // Main loop: hands one chunk of 16-bit mono samples to the listeners; false unless running.
  bool deliver(const std::vector<uint8_t> &pcm);

  // Samples the real microphone passed on since the last call (acoustic mode).
  uint32_t take_acoustic_samples() { return this->acoustic_samples_.exchange(0); }

 protected:
  std::atomic<bool> start_requested_{false};
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> running_{false};
  std::atomic<uint32_t> acoustic_samples_{0};
  microphone::MicrophoneSource *acoustic_source_{nullptr};
  bool acoustic_{false};
};

}  // namespace esphome::wakesmith_harness

#endif  // USE_ESP32
