// The device's half of the wakesmith protocol (docs/device-protocol.md): frames in, reports out, sequence
// numbers, acknowledgements and the report history. The Swift virtual device runs the same rules
// (Sources/Device/DeviceSide/LinkEngine.swift); both pass the shared transcripts.
//
// A polled state machine without callbacks: receive() consumes bytes until a frame needs the application
// (start micro_wake_word, deliver a chunk, stop, load models) and returns that action; the application does
// it (possibly over many loop() passes), reports what happened and calls the matching finish_*(). While an
// action is pending the engine is busy and consumes nothing, so unread bytes wait in the UART buffer.
#pragma once

#include "protocol.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace wakesmith {

struct ModelIdentity {
  std::string id;
  std::string wake_word;
  std::string hash;  // first 16 hex digits of BLAKE2b-512 of the .tflite bytes
  uint32_t cutoff{0};
  uint32_t window{0};
  uint32_t arena{0};
};

struct Identity {
  uint32_t harness{1};
  std::string esphome;
  std::string board;
  std::string boot;  // 8 hex digits, new at every boot
  uint32_t step{160};
  uint32_t window{6};
  uint32_t history{128};
  bool acoustic{false};
  std::vector<ModelIdentity> models;
};

// The device's own fault counters (STATUS counters/resets/bad). They outlive the engine: the application
// keeps them where a reset does not wipe them (RTC memory on the ESP32) and the engine counts into them.
struct Counters {
  uint32_t epoch{0};   // names this run of counting; new whenever the counts start from zero (power-on)
  uint32_t resets{0};  // resets the counters survived
  uint32_t bad{0};     // damaged frames discarded: one per BAD written, whether or not the report got out
};

enum class ActionType : uint8_t { NONE, START, AUDIO, STOP, LOAD };

struct Action {
  ActionType type{ActionType::NONE};
  uint16_t stream{0};
  uint8_t mode{0};
  std::vector<int16_t> audio;  // AUDIO: the samples
  std::string load;            // LOAD: the payload text
};

class LinkEngine {
 public:
  // `counters` must outlive the engine.
  LinkEngine(Identity identity, Counters *counters) : identity_(std::move(identity)), counters_(counters) {}

  // The reports a device sends when it boots.
  void boot() { this->announce_(); }

  // Consumes bytes up to the first frame that needs the application (or all of them); returns how many were
  // consumed. `action.type` is NONE unless an action is now pending. Consumes nothing while busy.
  size_t receive(const uint8_t *data, size_t length, Action &action);

  bool busy() const { return this->busy_ != Busy::NONE; }
  bool streaming() const { return this->streaming_; }
  uint8_t mode() const { return this->mode_; }
  uint32_t samples() const { return this->samples_; }
  const Identity &identity() const { return this->identity_; }
  const Counters &counters() const { return *this->counters_; }

  void finish_start(bool succeeded);
  void finish_audio();
  void finish_stop();
  void finish_load(bool succeeded);

  void count_microphone_samples(size_t count) { this->samples_ += static_cast<uint32_t>(count); }
  void report_probability(size_t model, uint8_t raw);
  void report_detection(size_t model);
  void report_arena(size_t model, size_t used, size_t size);
  void report_fault(const char *kind, const std::string &detail);

  // The report lines written since the last call, each without its newline.
  std::vector<std::string> take_output();

 protected:
  enum class Busy : uint8_t { NONE, STARTING, AUDIO, STOPPING, LOADING };

  bool process_(const Frame &frame, Action &action);
  void announce_();
  void resend_(uint32_t from);
  void emit_(const ReportBuilder &builder);

  Identity identity_;
  Counters *counters_;
  FrameReceiver receiver_;
  Frame frame_;
  uint32_t next_report_{0};
  std::deque<std::string> history_;
  std::vector<std::string> outbox_;
  Busy busy_{Busy::NONE};
  uint16_t busy_seq_{0};
  uint16_t pending_stream_{0};
  uint8_t pending_mode_{0};
  bool streaming_{false};
  uint16_t stream_{0};
  uint8_t mode_{0};
  uint16_t expect_{0};
  bool nak_sent_{false};
  uint16_t nak_sent_for_{0};
  bool idle_error_sent_{false};
  uint32_t samples_{0};
};

}  // namespace wakesmith
