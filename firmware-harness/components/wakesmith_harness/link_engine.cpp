#include "link_engine.h"

#include <cstdio>

namespace wakesmith {

size_t LinkEngine::receive(const uint8_t *data, size_t length, Action &action) {
  action.type = ActionType::NONE;
  if (this->busy()) return 0;
  size_t consumed = 0;
  while (consumed < length) {
    Rejection rejection = Rejection::NONE;
    bool ended = this->receiver_.push(data[consumed++], this->frame_, rejection);
    if (!ended) continue;
    if (rejection != Rejection::NONE) {
      this->counters_->bad++;
      this->emit_(ReportBuilder(this->next_report_, "BAD").add("reason", std::string(rejection_name(rejection))));
      this->nak_sent_ = false;  // the damaged frame may have been the one resent for the last NAK
      continue;
    }
    if (this->process_(this->frame_, action)) return consumed;
  }
  return consumed;
}

bool LinkEngine::process_(const Frame &frame, Action &action) {
  const uint8_t *payload = frame.payload.data();
  switch (frame.type) {
    case FRAME_QUERY:
      this->announce_();
      return false;
    case FRAME_RESEND:
      this->resend_(read_u32(payload));
      return false;
    case FRAME_LOAD:
      this->busy_ = Busy::LOADING;
      this->busy_seq_ = frame.seq;
      action.type = ActionType::LOAD;
      action.load.assign(frame.payload.begin(), frame.payload.end());
      return true;
    default:
      break;
  }
  if (!this->streaming_) {
    if (frame.type != FRAME_START) {
      if (!this->idle_error_sent_) {
        this->emit_(ReportBuilder(this->next_report_, "ERR").add("seq", frame.seq).add("code", std::string("idle")));
        this->idle_error_sent_ = true;
      }
      return false;
    }
  } else {
    uint16_t distance = static_cast<uint16_t>(frame.seq - this->expect_);
    if (distance != 0) {
      if (distance < 0x8000 && !(this->nak_sent_ && this->nak_sent_for_ == this->expect_)) {
        this->emit_(ReportBuilder(this->next_report_, "NAK").add("expect", this->expect_));
        this->nak_sent_ = true;
        this->nak_sent_for_ = this->expect_;
      }
      return false;
    }
  }
  this->expect_ = static_cast<uint16_t>(frame.seq + 1);
  switch (frame.type) {
    case FRAME_START: {
      uint8_t mode = payload[2];
      if (mode > 1 || (mode == 1 && !this->identity_.acoustic)) {
        this->emit_(ReportBuilder(this->next_report_, "ERR")
                        .add("seq", frame.seq)
                        .add("code", std::string(mode > 1 ? "mode" : "acoustic")));
        return false;
      }
      this->busy_ = Busy::STARTING;
      this->busy_seq_ = frame.seq;
      this->pending_stream_ = read_u16(payload);
      this->pending_mode_ = mode;
      action.type = ActionType::START;
      action.stream = this->pending_stream_;
      action.mode = mode;
      return true;
    }
    case FRAME_AUDIO: {
      if (read_u32(payload) != this->samples_) {
        this->emit_(ReportBuilder(this->next_report_, "ERR").add("seq", frame.seq).add("code", std::string("offset")));
        return false;
      }
      if (this->mode_ != 0) {
        this->emit_(ReportBuilder(this->next_report_, "ERR").add("seq", frame.seq).add("code", std::string("acoustic")));
        return false;
      }
      size_t count = (frame.payload.size() - 4) / 2;
      action.audio.resize(count);
      for (size_t i = 0; i < count; i++) action.audio[i] = static_cast<int16_t>(read_u16(payload + 4 + 2 * i));
      this->samples_ += static_cast<uint32_t>(count);
      this->busy_ = Busy::AUDIO;
      this->busy_seq_ = frame.seq;
      action.type = ActionType::AUDIO;
      return true;
    }
    case FRAME_STOP:
      this->busy_ = Busy::STOPPING;
      this->busy_seq_ = frame.seq;
      action.type = ActionType::STOP;
      return true;
    default:
      return false;
  }
}

void LinkEngine::finish_start(bool succeeded) {
  if (this->busy_ != Busy::STARTING) return;
  this->busy_ = Busy::NONE;
  if (!succeeded) {
    this->streaming_ = false;
    this->emit_(ReportBuilder(this->next_report_, "ERR").add("seq", this->busy_seq_).add("code", std::string("start")));
    return;
  }
  this->streaming_ = true;
  this->stream_ = this->pending_stream_;
  this->mode_ = this->pending_mode_;
  this->samples_ = 0;
  this->nak_sent_ = false;
  this->idle_error_sent_ = false;
  this->emit_(ReportBuilder(this->next_report_, "STARTED")
                  .add("seq", this->busy_seq_)
                  .add("stream", this->stream_)
                  .add("mode", this->mode_));
}

void LinkEngine::finish_audio() {
  if (this->busy_ != Busy::AUDIO) return;
  this->busy_ = Busy::NONE;
  this->emit_(ReportBuilder(this->next_report_, "ACK").add("seq", this->busy_seq_).add("samples", this->samples_));
}

void LinkEngine::finish_stop() {
  if (this->busy_ != Busy::STOPPING) return;
  this->busy_ = Busy::NONE;
  this->streaming_ = false;
  this->emit_(ReportBuilder(this->next_report_, "STOPPED")
                  .add("seq", this->busy_seq_)
                  .add("stream", this->stream_)
                  .add("samples", this->samples_));
}

void LinkEngine::finish_load(bool succeeded) {
  if (this->busy_ != Busy::LOADING) return;
  this->busy_ = Busy::NONE;
  if (!succeeded) {
    this->emit_(ReportBuilder(this->next_report_, "ERR").add("seq", this->busy_seq_).add("code", std::string("load")));
  }
}

void LinkEngine::report_probability(size_t model, uint8_t raw) {
  this->emit_(ReportBuilder(this->next_report_, "PROB").add("model", model).add("samples", this->samples_).add("raw", raw));
}

void LinkEngine::report_detection(size_t model) {
  this->emit_(ReportBuilder(this->next_report_, "DET").add("model", model).add("samples", this->samples_));
}

void LinkEngine::report_arena(size_t model, size_t used, size_t size) {
  this->emit_(ReportBuilder(this->next_report_, "ARENA").add("model", model).add("used", used).add("size", size));
}

void LinkEngine::report_fault(const char *kind, const std::string &detail) {
  this->emit_(ReportBuilder(this->next_report_, "FAULT").add("kind", std::string(kind)).add("detail", detail));
}

std::vector<std::string> LinkEngine::take_output() {
  std::vector<std::string> lines;
  lines.swap(this->outbox_);
  return lines;
}

void LinkEngine::announce_() {
  const Identity &id = this->identity_;
  char epoch_text[9];
  std::snprintf(epoch_text, sizeof(epoch_text), "%08x", static_cast<unsigned>(this->counters_->epoch));
  const std::string epoch(epoch_text);
  this->emit_(ReportBuilder(this->next_report_, "HELLO")
                  .add("protocol", PROTOCOL_VERSION)
                  .add("harness", id.harness)
                  .add("esphome", id.esphome)
                  .add("board", id.board)
                  .add("boot", id.boot)
                  .add("step", id.step)
                  .add("window", id.window)
                  .add("history", id.history)
                  .add("models", id.models.size())
                  .add("acoustic", id.acoustic ? 1 : 0));
  for (size_t i = 0; i < id.models.size(); i++) {
    const ModelIdentity &model = id.models[i];
    this->emit_(ReportBuilder(this->next_report_, "MODEL")
                    .add("index", i)
                    .add("id", model.id)
                    .add("wake_word", model.wake_word)
                    .add("hash", model.hash)
                    .add("cutoff", model.cutoff)
                    .add("window", model.window)
                    .add("arena", model.arena));
  }
  this->emit_(ReportBuilder(this->next_report_, "STATUS")
                  .add("state", std::string(this->streaming_ ? "streaming" : "idle"))
                  .add("stream", this->stream_)
                  .add("expect", this->expect_)
                  .add("samples", this->samples_)
                  .add("counters", epoch)
                  .add("resets", this->counters_->resets)
                  .add("bad", this->counters_->bad));
}

void LinkEngine::resend_(uint32_t from) {
  uint32_t oldest = this->next_report_ - static_cast<uint32_t>(this->history_.size());
  if (from == this->next_report_) return;
  if (from < oldest || from > this->next_report_) {
    this->emit_(ReportBuilder(this->next_report_, "GAP").add("from", from).add("oldest", oldest));
    return;
  }
  for (size_t i = this->history_.size() - (this->next_report_ - from); i < this->history_.size(); i++) {
    this->outbox_.push_back(this->history_[i]);
  }
}

void LinkEngine::emit_(const ReportBuilder &builder) {
  std::string line = builder.finish();
  this->next_report_++;
  if (this->history_.size() >= this->identity_.history) this->history_.pop_front();
  this->history_.push_back(line);
  this->outbox_.push_back(std::move(line));
}

}  // namespace wakesmith
