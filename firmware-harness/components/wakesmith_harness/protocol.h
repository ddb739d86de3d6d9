// The wakesmith device protocol, version 1 (docs/device-protocol.md): the device's codec.
// Plain C++ with no ESPHome or ESP-IDF dependency, so the host compiles and tests it
// (firmware-harness/tests/protocol_test.cpp, run by the Swift suite against the shared vectors).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace wakesmith {

static const uint8_t PROTOCOL_VERSION = 1;
static const size_t MAX_ENCODED_FRAME = 1100;
static const size_t MAX_AUDIO_SAMPLES = 512;
static const size_t MAX_LOAD_PAYLOAD = 1032;

enum FrameType : uint8_t {
  FRAME_QUERY = 0x01,
  FRAME_RESEND = 0x02,
  FRAME_LOAD = 0x03,
  FRAME_START = 0x10,
  FRAME_AUDIO = 0x11,
  FRAME_STOP = 0x12,
};

// Why a frame was discarded; the order is the order of the checks.
enum class Rejection : uint8_t { NONE, LONG, COBS, SHORT, CRC, VERSION, TYPE, LENGTH };

// The `reason` word of a BAD report.
const char *rejection_name(Rejection rejection);

uint32_t crc32(const uint8_t *data, size_t length);

// COBS: `encoded` gets the stuffed bytes (no delimiter). Decoding returns false on an invalid encoding.
void cobs_encode(const uint8_t *data, size_t length, std::vector<uint8_t> &encoded);
bool cobs_decode(const uint8_t *data, size_t length, std::vector<uint8_t> &decoded);

struct Frame {
  uint8_t type{0};
  uint16_t seq{0};
  std::vector<uint8_t> payload;
};

// The wire form of a frame: COBS(body) and the 0x00 delimiter (the host's side; used by the tests).
std::vector<uint8_t> encode_frame(uint8_t type, uint16_t seq, const uint8_t *payload, size_t length);

// Checks a frame body between delimiters (still COBS-encoded) in the protocol's order.
Rejection decode_frame(const uint8_t *encoded, size_t length, Frame &frame);

// Collects bytes up to each delimiter. push() returns true when a frame ended: then either `rejection` is
// NONE and `frame` holds it, or `rejection` says why it was discarded. Empty frames are skipped.
class FrameReceiver {
 public:
  bool push(uint8_t byte, Frame &frame, Rejection &rejection);

 protected:
  std::vector<uint8_t> pending_;
  bool overlong_{false};
};

// Reads little-endian integers from a payload.
uint16_t read_u16(const uint8_t *data);
uint32_t read_u32(const uint8_t *data);

// Builds one report line: "MWWH <rseq> <TYPE> key=value ... *<crc>" (no newline).
class ReportBuilder {
 public:
  ReportBuilder(uint32_t rseq, const char *type);
  ReportBuilder &add(const char *key, uint64_t value);
  ReportBuilder &add(const char *key, const std::string &value);
  std::string finish() const;

 protected:
  std::string text_;
};

// A value as reports write it: bytes outside '!'..'~' and '%', '*', '=' become %XX.
std::string escape_value(const std::string &value);

struct ParsedReport {
  uint32_t rseq{0};
  std::string type;
  std::vector<std::pair<std::string, std::string>> fields;
};

// The valid reports in one line; returns how many report markers did not start a valid report.
size_t parse_reports(const std::string &line, std::vector<ParsedReport> &reports);

}  // namespace wakesmith
