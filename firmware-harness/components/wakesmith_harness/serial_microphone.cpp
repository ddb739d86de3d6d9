#include "serial_microphone.h"

#ifdef USE_ESP32

#include "esphome/core/log.h"

namespace esphome::wakesmith_harness {

static const char *const TAG = "wakesmith_harness.microphone";

void SerialMicrophone::setup() {
  this->audio_stream_info_ = audio::AudioStreamInfo(16, 1, 16000);
  if (this->acoustic_source_ != nullptr) {
    // Runs in the real microphone's task: pass its (converted) audio on only during an acoustic stream.
    this->acoustic_source_->add_data_callback([this](const std::vector<uint8_t> &data) {
      if (this->acoustic_ && this->running_.load()) {
        this->data_callbacks_.call(data);
        this->acoustic_samples_.fetch_add(static_cast<uint32_t>(data.size() / 2));
      }
    });
  }
}

void SerialMicrophone::loop() {
  if (this->start_requested_.exchange(false)) {
    if (this->acoustic_ && this->acoustic_source_ != nullptr) this->acoustic_source_->start();
    this->acoustic_samples_.store(0);
    this->running_.store(true);
    this->state_ = microphone::STATE_RUNNING;
  }
  if (this->stop_requested_.exchange(false)) {
    this->running_.store(false);
    if (this->acoustic_source_ != nullptr) this->acoustic_source_->stop();
    this->state_ = microphone::STATE_STOPPED;
  }
}

bool SerialMicrophone::deliver(const std::vector<uint8_t> &pcm) {
  if (!this->running_.load() || this->acoustic_) return false;
  this->data_callbacks_.call(pcm);
  return true;
}

void SerialMicrophone::dump_config() {
  ESP_LOGCONFIG(TAG, "wakesmith harness microphone (audio from the serial link%s)",
                this->acoustic_source_ != nullptr ? ", or from a real microphone in acoustic mode" : "");
}

}  // namespace esphome::wakesmith_harness

#endif  // USE_ESP32
