#include "protocol.h"

#include <cstring>

namespace wakesmith {

const char *rejection_name(Rejection rejection) {
  switch (rejection) {
    case Rejection::LONG:
      return "long";
    case Rejection::COBS:
      return "cobs";
    case Rejection::SHORT:
      return "short";
    case Rejection::CRC:
      return "crc";
    case Rejection::VERSION:
      return "version";
    case Rejection::TYPE:
      return "type";
    case Rejection::LENGTH:
      return "length";
    default:
      return "none";
  }
}

uint32_t crc32(const uint8_t *data, size_t length) {
  static uint32_t table[256];
  static bool ready = false;
  if (!ready) {
    for (uint32_t i = 0; i < 256; i++) {
      uint32_t value = i;
      for (int bit = 0; bit < 8; bit++) value = (value & 1) ? (value >> 1) ^ 0xEDB88320u : value >> 1;
      table[i] = value;
    }
    ready = true;
  }
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < length; i++) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

void cobs_encode(const uint8_t *data, size_t length, std::vector<uint8_t> &encoded) {
  encoded.clear();
  encoded.reserve(length + length / 254 + 2);
  size_t code_index = 0;
  encoded.push_back(1);
  for (size_t i = 0; i < length; i++) {
    if (data[i] == 0) {
      code_index = encoded.size();
      encoded.push_back(1);
      continue;
    }
    encoded.push_back(data[i]);
    if (++encoded[code_index] == 255) {
      code_index = encoded.size();
      encoded.push_back(1);
    }
  }
}

bool cobs_decode(const uint8_t *data, size_t length, std::vector<uint8_t> &decoded) {
  decoded.clear();
  decoded.reserve(length);
  size_t index = 0;
  while (index < length) {
    size_t code = data[index];
    if (code == 0 || index + code > length) return false;
    for (size_t i = index + 1; i < index + code; i++) {
      if (data[i] == 0) return false;
      decoded.push_back(data[i]);
    }
    index += code;
    if (code < 255 && index < length) decoded.push_back(0);
  }
  return true;
}

uint16_t read_u16(const uint8_t *data) { return static_cast<uint16_t>(data[0] | (data[1] << 8)); }

uint32_t read_u32(const uint8_t *data) {
  return static_cast<uint32_t>(data[0]) | (static_cast<uint32_t>(data[1]) << 8) |
         (static_cast<uint32_t>(data[2]) << 16) | (static_cast<uint32_t>(data[3]) << 24);
}

static void append_u32(std::vector<uint8_t> &out, uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<uint8_t>(value >> shift));
}

std::vector<uint8_t> encode_frame(uint8_t type, uint16_t seq, const uint8_t *payload, size_t length) {
  std::vector<uint8_t> body = {PROTOCOL_VERSION, type, static_cast<uint8_t>(seq & 0xFF), static_cast<uint8_t>(seq >> 8)};
  body.insert(body.end(), payload, payload + length);
  append_u32(body, crc32(body.data(), body.size()));
  std::vector<uint8_t> wire;
  cobs_encode(body.data(), body.size(), wire);
  wire.push_back(0);
  return wire;
}

static bool payload_length_fits(uint8_t type, size_t length) {
  switch (type) {
    case FRAME_QUERY:
      return length == 0;
    case FRAME_RESEND:
      return length == 4;
    case FRAME_LOAD:
      return length >= 1 && length <= MAX_LOAD_PAYLOAD;
    case FRAME_START:
      return length == 3;
    case FRAME_AUDIO:
      return length >= 6 && length % 2 == 0 && (length - 4) / 2 <= MAX_AUDIO_SAMPLES;
    case FRAME_STOP:
      return length == 2;
    default:
      return false;
  }
}

static bool known_type(uint8_t type) {
  return type == FRAME_QUERY || type == FRAME_RESEND || type == FRAME_LOAD || type == FRAME_START ||
         type == FRAME_AUDIO || type == FRAME_STOP;
}

Rejection decode_frame(const uint8_t *encoded, size_t length, Frame &frame) {
  if (length > MAX_ENCODED_FRAME) return Rejection::LONG;
  std::vector<uint8_t> body;
  if (!cobs_decode(encoded, length, body)) return Rejection::COBS;
  if (body.size() < 8) return Rejection::SHORT;
  size_t end = body.size() - 4;
  if (read_u32(body.data() + end) != crc32(body.data(), end)) return Rejection::CRC;
  if (body[0] != PROTOCOL_VERSION) return Rejection::VERSION;
  if (!known_type(body[1])) return Rejection::TYPE;
  if (!payload_length_fits(body[1], end - 4)) return Rejection::LENGTH;
  frame.type = body[1];
  frame.seq = read_u16(body.data() + 2);
  frame.payload.assign(body.begin() + 4, body.begin() + end);
  return Rejection::NONE;
}

bool FrameReceiver::push(uint8_t byte, Frame &frame, Rejection &rejection) {
  if (byte != 0) {
    if (this->pending_.size() < MAX_ENCODED_FRAME) {
      this->pending_.push_back(byte);
    } else {
      this->overlong_ = true;
    }
    return false;
  }
  bool ended = true;
  if (this->overlong_) {
    rejection = Rejection::LONG;
  } else if (!this->pending_.empty()) {
    rejection = decode_frame(this->pending_.data(), this->pending_.size(), frame);
  } else {
    ended = false;
  }
  this->pending_.clear();
  this->overlong_ = false;
  return ended;
}

static void append_hex8(std::string &text, uint32_t value) {
  static const char digits[] = "0123456789abcdef";
  for (int shift = 28; shift >= 0; shift -= 4) text.push_back(digits[(value >> shift) & 0xF]);
}

std::string escape_value(const std::string &value) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (unsigned char byte : value) {
    if (byte >= 0x21 && byte <= 0x7E && byte != '%' && byte != '*' && byte != '=') {
      out.push_back(static_cast<char>(byte));
    } else {
      out.push_back('%');
      out.push_back(digits[byte >> 4]);
      out.push_back(digits[byte & 0xF]);
    }
  }
  return out;
}

ReportBuilder::ReportBuilder(uint32_t rseq, const char *type) {
  this->text_.reserve(96);
  this->text_ = "MWWH ";
  this->text_ += std::to_string(rseq);
  this->text_ += ' ';
  this->text_ += type;
}

ReportBuilder &ReportBuilder::add(const char *key, uint64_t value) {
  this->text_ += ' ';
  this->text_ += key;
  this->text_ += '=';
  this->text_ += std::to_string(value);
  return *this;
}

ReportBuilder &ReportBuilder::add(const char *key, const std::string &value) {
  this->text_ += ' ';
  this->text_ += key;
  this->text_ += '=';
  this->text_ += escape_value(value);
  return *this;
}

std::string ReportBuilder::finish() const {
  std::string line = this->text_;
  line += " *";
  append_hex8(line, crc32(reinterpret_cast<const uint8_t *>(this->text_.data()), this->text_.size()));
  return line;
}

static int upper_hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses one report starting at `start`; on success sets `end` to the index after its checksum.
static bool parse_one(const std::string &line, size_t start, ParsedReport &report, size_t &end) {
  size_t index = start + 5;
  auto token = [&]() {
    size_t begin = index;
    while (index < line.size() && line[index] != ' ') index++;
    return line.substr(begin, index - begin);
  };
  std::string number = token();
  if (number.empty() || number.size() > 10) return false;
  uint64_t rseq = 0;
  for (char c : number) {
    if (c < '0' || c > '9') return false;
    rseq = rseq * 10 + static_cast<uint64_t>(c - '0');
  }
  if (rseq > 0xFFFFFFFFull || index >= line.size()) return false;
  index++;
  std::string type = token();
  if (type.empty()) return false;
  for (char c : type) {
    if (c < 'A' || c > 'Z') return false;
  }
  report.rseq = static_cast<uint32_t>(rseq);
  report.type = type;
  report.fields.clear();
  while (true) {
    if (index + 1 >= line.size() || line[index] != ' ') return false;
    index++;
    if (line[index] == '*') break;
    std::string pair = token();
    size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) return false;
    for (size_t i = 0; i < equals; i++) {
      if (!((pair[i] >= 'a' && pair[i] <= 'z') || pair[i] == '_')) return false;
    }
    std::string value;
    for (size_t i = equals + 1; i < pair.size(); i++) {
      unsigned char c = static_cast<unsigned char>(pair[i]);
      if (c == '%') {
        if (i + 2 >= pair.size()) return false;
        int high = upper_hex(pair[i + 1]), low = upper_hex(pair[i + 2]);
        if (high < 0 || low < 0) return false;
        value.push_back(static_cast<char>(high * 16 + low));
        i += 2;
      } else if (c >= 0x21 && c <= 0x7E && c != '*' && c != '=') {
        value.push_back(static_cast<char>(c));
      } else {
        return false;
      }
    }
    report.fields.emplace_back(pair.substr(0, equals), value);
  }
  size_t checked_end = index - 1;
  index++;
  if (index + 8 > line.size()) return false;
  std::string expected;
  append_hex8(expected, crc32(reinterpret_cast<const uint8_t *>(line.data() + start), checked_end - start));
  if (line.compare(index, 8, expected) != 0) return false;
  end = index + 8;
  return true;
}

size_t parse_reports(const std::string &line, std::vector<ParsedReport> &reports) {
  size_t rejected = 0;
  size_t from = 0;
  while (true) {
    size_t marker = line.find("MWWH ", from);
    if (marker == std::string::npos) break;
    ParsedReport report;
    size_t end = 0;
    if (parse_one(line, marker, report, end)) {
      reports.push_back(report);
      from = end;
    } else {
      rejected++;
      from = marker + 1;
    }
  }
  return rejected;
}

}  // namespace wakesmith
