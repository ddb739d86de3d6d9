#include "harness.h"

#ifdef USE_ESP32

#include "model_access.h"

#include "esphome/core/hal.h"
#include "esphome/core/log.h"
#include "esphome/core/version.h"

#include <esp_attr.h>
#include <esp_system.h>

#include <cstdio>

namespace esphome::wakesmith_harness {

static const char *const TAG = "wakesmith_harness";

static const uint32_t HARNESS_VERSION = 2;  // 2: STATUS carries the fault counters
static const uint32_t WINDOW_FRAMES = 6;      // 60 ms of 10 ms chunks: half of micro_wake_word's ring buffer
static const uint32_t HISTORY_REPORTS = 128;  // reports kept for RESEND
static const uint32_t WINDOW_SAMPLES = 480;   // micro_wake_word's 30 ms analysis window
static const uint32_t START_TIMEOUT_MS = 10000;
static const uint32_t CHUNK_TIMEOUT_MS = 3000;
static const int16_t IGNORE_AFTER_RESET = -100;  // micro_wake_word's MIN_SLICES_BEFORE_DETECTION
static const uint32_t COUNTERS_MAGIC = 0x57534643;  // "WSFC"

// The fault counters in RTC memory that startup code does not clear: they survive software, watchdog and panic
// resets (not a power-on or brownout, after which the check fails or the reason says so and counting starts
// over under a new epoch). The link engine counts into them directly, so no count waits to be saved.
struct RetainedCounters {
  uint32_t magic;
  uint32_t check;  // ~epoch: the memory held counters, not noise
  wakesmith::Counters counters;
};
static RTC_NOINIT_ATTR RetainedCounters retained_counters;

static wakesmith::Counters *take_counters() {
  esp_reset_reason_t reason = esp_reset_reason();
  RetainedCounters &kept = retained_counters;
  bool valid = kept.magic == COUNTERS_MAGIC && kept.check == ~kept.counters.epoch && reason != ESP_RST_POWERON &&
               reason != ESP_RST_BROWNOUT && reason != ESP_RST_UNKNOWN;
  if (valid) {
    kept.counters.resets++;
  } else {
    kept.counters = wakesmith::Counters{random_uint32(), 0, 0};
    kept.check = ~kept.counters.epoch;
    kept.magic = COUNTERS_MAGIC;
  }
  return &kept.counters;
}

void Harness::setup() {
  wakesmith::Identity identity;
  identity.harness = HARNESS_VERSION;
  identity.esphome = ESPHOME_VERSION;
  identity.board = this->board_;
  char boot[9];
  snprintf(boot, sizeof(boot), "%08x", static_cast<unsigned>(random_uint32()));
  identity.boot = boot;
  this->step_samples_ = static_cast<uint32_t>(model_access::features_step_ms(this->mww_)) * 16;
  identity.step = this->step_samples_;
  identity.window = WINDOW_FRAMES;
  identity.history = HISTORY_REPORTS;
  identity.acoustic = this->microphone_->has_acoustic_source();
  for (ModelSlot &slot : this->models_) {
    slot.model->enable();  // micro_wake_word enables only the first model by default
    wakesmith::ModelIdentity model;
    model.id = slot.model->get_id();
    model.wake_word = slot.model->get_wake_word();
    model.hash = slot.hash;
    model.cutoff = slot.model->get_probability_cutoff();
    model.window = static_cast<uint32_t>(model_access::sliding_window_size(slot.model));
    model.arena = static_cast<uint32_t>(model_access::tensor_arena_size(slot.model));
    identity.models.push_back(model);
  }
  this->engine_ = make_unique<wakesmith::LinkEngine>(identity, take_counters());
  this->high_frequency_.start();
  this->engine_->boot();
  this->write_output_();
}

uint32_t Harness::features_after_(uint32_t samples) const {
  return samples < WINDOW_SAMPLES ? 0 : 1 + (samples - WINDOW_SAMPLES) / this->step_samples_;
}

void Harness::loop() {
  this->step_();
  // Read only while the engine can act: unread bytes wait in the UART's buffer.
  while (!this->engine_->busy()) {
    if (this->rx_position_ == this->rx_length_) {
      size_t available = this->available();
      if (available == 0) break;
      this->rx_length_ = std::min(available, sizeof(this->rx_));
      this->rx_position_ = 0;
      if (!this->read_array(this->rx_, this->rx_length_)) {
        this->rx_length_ = 0;
        break;
      }
    }
    wakesmith::Action action;
    this->rx_position_ += this->engine_->receive(this->rx_ + this->rx_position_, this->rx_length_ - this->rx_position_, action);
    if (action.type != wakesmith::ActionType::NONE) this->begin_(action);
  }
  this->write_output_();
}

void Harness::begin_(wakesmith::Action &action) {
  this->phase_started_ = millis();
  switch (action.type) {
    case wakesmith::ActionType::START:
      this->pending_mode_ = action.mode;
      this->phase_ = this->mww_->is_running() ? Phase::STOP_FOR_START : Phase::STARTING;
      if (this->phase_ == Phase::STOP_FOR_START) {
        this->mww_->stop();
      } else {
        this->prepare_stream_();
      }
      break;
    case wakesmith::ActionType::AUDIO: {
      for (ModelSlot &slot : this->models_) {
        slot.was_loaded = model_access::is_loaded(slot.model);
        slot.ignore_before = model_access::ignore_windows(slot.model);
      }
      this->detections_.clear();
      this->features_before_ = this->features_after_(this->engine_->samples() - static_cast<uint32_t>(action.audio.size()));
      this->pcm_.resize(action.audio.size() * 2);
      for (size_t i = 0; i < action.audio.size(); i++) {
        uint16_t sample = static_cast<uint16_t>(action.audio[i]);
        this->pcm_[2 * i] = static_cast<uint8_t>(sample & 0xFF);
        this->pcm_[2 * i + 1] = static_cast<uint8_t>(sample >> 8);
      }
      if (!this->microphone_->deliver(this->pcm_)) {
        this->engine_->report_fault("inference", "micro_wake_word is not listening");
        this->engine_->finish_audio();
        break;
      }
      this->phase_ = Phase::WAIT_IDLE;
      break;
    }
    case wakesmith::ActionType::STOP:
      this->mww_->stop();
      this->phase_ = Phase::STOPPING;
      break;
    case wakesmith::ActionType::LOAD:
      this->engine_->finish_load(false);  // models are compiled in; only the virtual device loads them
      break;
    default:
      break;
  }
}

// Fresh stream, as after a boot: models enabled, stride positions at 0 (ESPHome keeps them across stop/start).
void Harness::prepare_stream_() {
  for (ModelSlot &slot : this->models_) {
    if (!slot.model->is_enabled()) slot.model->enable();
    model_access::reset_stride_step(slot.model);
  }
  this->microphone_->set_acoustic(this->pending_mode_ == 1);
  this->mww_->start();
}

void Harness::step_() {
  uint32_t elapsed = millis() - this->phase_started_;
  switch (this->phase_) {
    case Phase::STOP_FOR_START:
      if (!this->mww_->is_running()) {
        this->phase_ = Phase::STARTING;
        this->prepare_stream_();
      } else if (elapsed > START_TIMEOUT_MS) {
        this->phase_ = Phase::IDLE;
        this->engine_->finish_start(false);
      }
      break;
    case Phase::STARTING:
      if (this->mww_->is_running() && this->microphone_->is_running()) {
        this->phase_ = Phase::IDLE;
        this->engine_->finish_start(true);
      } else if (elapsed > START_TIMEOUT_MS) {
        this->phase_ = Phase::IDLE;
        this->mww_->stop();
        this->engine_->finish_start(false);
      }
      break;
    case Phase::WAIT_IDLE:
      if (model_access::inference_idle(this->mww_)) {
        this->phase_ = Phase::SETTLE;  // one more main-loop pass, so micro_wake_word fires a queued detection
      } else if (elapsed > CHUNK_TIMEOUT_MS) {
        this->engine_->report_fault("stall", "micro_wake_word did not finish a chunk in time");
        this->phase_ = Phase::IDLE;
        this->engine_->finish_audio();
      }
      break;
    case Phase::SETTLE:
      this->finish_chunk_();
      break;
    case Phase::STOPPING:
      if (!this->mww_->is_running() && !this->microphone_->is_running()) {
        this->phase_ = Phase::IDLE;
        this->engine_->finish_stop();
      }
      break;
    default:
      if (this->engine_->streaming() && this->engine_->mode() == 1) {
        uint32_t heard = this->microphone_->take_acoustic_samples();
        if (heard > 0) this->engine_->count_microphone_samples(heard);
      }
      break;
  }
}

// After one chunk: which models were loaded (ARENA), which ran an inference (PROB: one feature per chunk, so
// an inference happened when this chunk made a feature and left the stride position full), which detected (DET:
// micro_wake_word reset the refractory counter of a model that was past it, and fired on_wake_word_detected).
void Harness::finish_chunk_() {
  this->phase_ = Phase::IDLE;
  bool new_feature = this->features_after_(this->engine_->samples()) > this->features_before_;
  std::vector<size_t> detected;
  for (size_t i = 0; i < this->models_.size(); i++) {
    ModelSlot &slot = this->models_[i];
    tflite::MicroInterpreter *interpreter = model_access::interpreter(slot.model);
    if (interpreter == nullptr || !model_access::is_loaded(slot.model)) continue;
    if (!slot.was_loaded) {
      this->engine_->report_arena(i, interpreter->arena_used_bytes(), model_access::tensor_arena_size(slot.model));
    }
    int stride = interpreter->input(0)->dims->data[1];
    if (new_feature && model_access::stride_step(slot.model) == stride) {
      this->engine_->report_probability(i, interpreter->output(0)->data.uint8[0]);
    }
    if (slot.was_loaded && slot.ignore_before >= -1 && model_access::ignore_windows(slot.model) == IGNORE_AFTER_RESET) {
      detected.push_back(i);
    }
  }
  for (size_t index : detected) {
    this->engine_->report_detection(index);
    const std::string &word = this->models_[index].model->get_wake_word();
    for (auto it = this->detections_.begin(); it != this->detections_.end(); ++it) {
      if (*it == word) {
        this->detections_.erase(it);
        break;
      }
    }
  }
  for (const std::string &word : this->detections_) {
    this->engine_->report_fault("detection", "on_wake_word_detected without a model reset: " + word);
  }
  this->detections_.clear();
  this->engine_->finish_audio();
}

void Harness::write_output_() {
  for (std::string &line : this->engine_->take_output()) {
    line.push_back('\n');
    this->write_array(reinterpret_cast<const uint8_t *>(line.data()), line.size());
  }
}

void Harness::dump_config() {
  ESP_LOGCONFIG(TAG, "wakesmith harness: protocol %u, %u model(s), board %s, ESPHome %s", wakesmith::PROTOCOL_VERSION,
                static_cast<unsigned>(this->models_.size()), this->board_.c_str(), ESPHOME_VERSION);
}

}  // namespace esphome::wakesmith_harness

#endif  // USE_ESP32
