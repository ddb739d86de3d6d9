// The harness's C++ codec and link engine against the shared protocol vectors
// (Tests/DeviceTests/Fixtures/protocol-vectors.txt, made by scripts/fixtures/make_protocol_vectors.py).
// Built and run on the host by the Swift suite (HarnessCodecTests):
//   g++ -std=gnu++20 -I ../components/wakesmith_harness protocol_test.cpp ../components/.../{protocol,link_engine}.cpp
//   ./protocol_test VECTORS   → "ok N vectors, M transcripts, K fuzz rounds" and exit 0, or the failures and exit 1
//   ./protocol_test --engine INPUT   → runs the transcripts' engine over the hex bytes of INPUT (one chunk per
//   line, as the host's reads would split them) and prints every report line: the Swift test compares them
//   with its own engine's on random damaged streams.
#include "link_engine.h"
#include "protocol.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace wakesmith;

static int failures = 0;

static void fail(const std::string &what) {
  if (failures < 50) std::printf("FAIL %s\n", what.c_str());
  failures++;
}

static std::vector<std::string> split(const std::string &text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream(text);
  while (std::getline(stream, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.push_back("");
  return parts;
}

static std::vector<uint8_t> from_hex(const std::string &hex) {
  std::vector<uint8_t> bytes;
  if (hex == "-") return bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  return bytes;
}

static std::string to_hex(const std::vector<uint8_t> &bytes) {
  if (bytes.empty()) return "-";
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0xF]);
  }
  return out;
}

// The transcripts' stand-in for micro_wake_word (the same rules as the script and the Swift test).
struct Stub {
  bool first_chunk{false};
  void perform(const Action &action, LinkEngine &engine) {
    switch (action.type) {
      case ActionType::START:
        this->first_chunk = true;
        engine.finish_start(true);
        break;
      case ActionType::AUDIO:
        if (this->first_chunk) engine.report_arena(0, 1000, 2000);
        this->first_chunk = false;
        engine.report_probability(0, static_cast<uint8_t>(action.audio[0] & 0xFF));
        if (action.audio[0] == 32767) engine.report_detection(0);
        engine.finish_audio();
        break;
      case ActionType::STOP:
        engine.finish_stop();
        break;
      case ActionType::LOAD:
        engine.finish_load(false);
        break;
      default:
        break;
    }
  }
};

static Identity transcript_identity() {
  Identity id;
  id.harness = 1;
  id.esphome = "2026.6.0";
  id.board = "test";
  id.boot = "0000abcd";
  id.step = 160;
  id.window = 6;
  id.history = 8;
  id.acoustic = false;
  id.models.push_back(ModelIdentity{"test_model", "Hey Test", "0123456789abcdef", 247, 5, 26080});
  return id;
}

// The counters the transcripts' device starts with (retained through two earlier resets).
static Counters transcript_counters() { return Counters{0xc0ffee00u, 2, 3}; }

static void feed(LinkEngine &engine, Stub &stub, const std::vector<uint8_t> &input) {
  size_t index = 0;
  while (index < input.size()) {
    Action action;
    size_t consumed = engine.receive(input.data() + index, input.size() - index, action);
    index += consumed;
    if (action.type != ActionType::NONE) stub.perform(action, engine);
    if (consumed == 0 && action.type == ActionType::NONE) {
      fail("the engine stalled");
      return;
    }
  }
}

// Random damaged input must never crash, hang or produce a line that is not a valid report.
static int fuzz(int rounds) {
  uint32_t state = 12345;
  auto next = [&]() {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int round = 0; round < rounds; round++) {
    Counters counters = transcript_counters();
    LinkEngine engine(transcript_identity(), &counters);
    Stub stub;
    engine.boot();
    std::vector<uint8_t> input;
    uint16_t seq = 0;
    for (int f = 0; f < 40; f++) {
      std::vector<uint8_t> payload;
      uint8_t type = static_cast<uint8_t>(std::vector<uint8_t>{0x01, 0x02, 0x10, 0x11, 0x12}[next() % 5]);
      if (type == 0x02) payload = {static_cast<uint8_t>(next()), 0, 0, 0};
      if (type == 0x10) payload = {1, 0, static_cast<uint8_t>(next() % 3)};
      if (type == 0x11) {
        payload = {0, 0, 0, 0};
        for (uint32_t i = 0, n = 1 + next() % 200; i < n; i++) {
          payload.push_back(static_cast<uint8_t>(next()));
          payload.push_back(static_cast<uint8_t>(next()));
        }
      }
      if (type == 0x12) payload = {1, 0};
      std::vector<uint8_t> wire = encode_frame(type, seq, payload.data(), payload.size());
      seq = static_cast<uint16_t>(seq + (next() % 4 == 0 ? 2 : 1));
      for (uint8_t &b : wire) {
        uint32_t r = next() % 1000;
        if (r < 5) b = static_cast<uint8_t>(next());
      }
      if (next() % 10 == 0) wire.erase(wire.begin() + static_cast<long>(next() % wire.size()));
      input.insert(input.end(), wire.begin(), wire.end());
    }
    feed(engine, stub, input);
    for (const std::string &line : engine.take_output()) {
      std::vector<ParsedReport> reports;
      if (parse_reports(line, reports) != 0 || reports.size() != 1) fail("fuzz produced an invalid line: " + line);
    }
  }
  return rounds;
}

static int run_engine(const char *path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return 2;
  Counters counters = transcript_counters();
  LinkEngine engine(transcript_identity(), &counters);
  Stub stub;
  engine.boot();
  for (const std::string &out : engine.take_output()) std::printf("%s\n", out.c_str());
  std::string line;
  while (std::getline(file, line)) {
    feed(engine, stub, from_hex(line.empty() ? "-" : line));
    for (const std::string &out : engine.take_output()) std::printf("%s\n", out.c_str());
  }
  return failures == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc == 3 && std::string(argv[1]) == "--engine") return run_engine(argv[2]);
  if (argc < 2) {
    std::printf("usage: protocol_test VECTORS\n");
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::printf("cannot read %s\n", argv[1]);
    return 2;
  }
  std::stringstream contents;
  contents << file.rdbuf();
  int vectors = 0, transcripts = 0;
  bool in_transcript = false;
  std::string transcript_name;
  std::vector<std::string> expected, produced;
  LinkEngine *engine = nullptr;
  Counters counters;
  Stub stub;
  for (const std::string &line : split(contents.str(), '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = split(line, '\t');
    const std::string &kind = f[0];
    if (kind == "transcript") {
      in_transcript = true;
      transcript_name = f[1];
      expected.clear();
      counters = transcript_counters();
      engine = new LinkEngine(transcript_identity(), &counters);
      stub = Stub();
      engine->boot();
      produced = engine->take_output();
      continue;
    }
    if (in_transcript) {
      if (kind == "out") {
        expected.push_back(f[1]);
      } else if (kind == "in") {
        feed(*engine, stub, from_hex(f[1]));
        for (std::string &out : engine->take_output()) produced.push_back(out);
      } else if (kind == "end") {
        if (produced != expected) {
          fail("transcript " + transcript_name);
          for (size_t i = 0; i < std::max(produced.size(), expected.size()); i++) {
            std::string p = i < produced.size() ? produced[i] : "(none)";
            std::string e = i < expected.size() ? expected[i] : "(none)";
            if (p != e) std::printf("  #%zu got      %s\n  #%zu expected %s\n", i, p.c_str(), i, e.c_str());
          }
        }
        delete engine;
        engine = nullptr;
        in_transcript = false;
        transcripts++;
      }
      continue;
    }
    vectors++;
    if (kind == "crc") {
      std::vector<uint8_t> data = from_hex(f[1]);
      char text[9];
      std::snprintf(text, sizeof(text), "%08x", crc32(data.data(), data.size()));
      if (f[2] != text) fail("crc " + f[1].substr(0, 20));
    } else if (kind == "cobs") {
      std::vector<uint8_t> raw = from_hex(f[1]), encoded, decoded;
      cobs_encode(raw.data(), raw.size(), encoded);
      if (to_hex(encoded) != f[2]) fail("cobs encode " + f[1].substr(0, 20));
      std::vector<uint8_t> wire = from_hex(f[2]);
      if (!cobs_decode(wire.data(), wire.size(), decoded) || decoded != raw) fail("cobs decode " + f[2].substr(0, 20));
    } else if (kind == "frame") {
      std::vector<uint8_t> payload = from_hex(f[3]);
      uint8_t type = static_cast<uint8_t>(std::stoi(f[1]));
      uint16_t seq = static_cast<uint16_t>(std::stoi(f[2]));
      std::vector<uint8_t> wire = encode_frame(type, seq, payload.data(), payload.size());
      if (to_hex(wire) != f[4]) fail("frame encode type " + f[1] + " seq " + f[2]);
      FrameReceiver receiver;
      Frame frame;
      Rejection rejection = Rejection::NONE;
      int ended = 0;
      for (uint8_t b : from_hex(f[4])) ended += receiver.push(b, frame, rejection) ? 1 : 0;
      if (ended != 1 || rejection != Rejection::NONE || frame.type != type || frame.seq != seq || frame.payload != payload) {
        fail("frame decode type " + f[1] + " seq " + f[2]);
      }
    } else if (kind == "badframe") {
      FrameReceiver receiver;
      Frame frame;
      Rejection rejection = Rejection::NONE;
      int ended = 0;
      for (uint8_t b : from_hex(f[1])) ended += receiver.push(b, frame, rejection) ? 1 : 0;
      if (ended != 1 || f[2] != rejection_name(rejection)) fail("badframe " + f[2] + " got " + rejection_name(rejection));
    } else if (kind == "report") {
      ReportBuilder builder(static_cast<uint32_t>(std::stoul(f[1])), f[2].c_str());
      std::vector<std::pair<std::string, std::string>> fields;
      if (f[3] != "-") {
        for (const std::string &pair : split(f[3], ',')) {
          size_t colon = pair.find(':');
          std::vector<uint8_t> value = from_hex(pair.substr(colon + 1));
          fields.emplace_back(pair.substr(0, colon), std::string(value.begin(), value.end()));
          builder.add(fields.back().first.c_str(), fields.back().second);
        }
      }
      if (builder.finish() != f[4]) fail("report format " + f[4]);
      std::vector<ParsedReport> reports;
      size_t rejected = parse_reports(f[4], reports);
      if (rejected != 0 || reports.size() != 1 || reports[0].rseq != std::stoul(f[1]) || reports[0].type != f[2] ||
          reports[0].fields != fields) {
        fail("report parse " + f[4]);
      }
    } else if (kind == "badreport") {
      std::vector<ParsedReport> reports;
      size_t rejected = parse_reports(f[1], reports);
      if (!reports.empty() || rejected != 1) fail("badreport accepted: " + f[1]);
    } else if (kind == "multireport") {
      std::vector<ParsedReport> reports;
      parse_reports(f[1], reports);
      std::string got;
      for (const ParsedReport &r : reports) got += (got.empty() ? "" : ",") + std::to_string(r.rseq);
      if ((got.empty() ? "-" : got) != f[2]) fail("multireport " + f[2] + " got " + got);
    } else {
      fail("unknown vector kind " + kind);
    }
  }
  int rounds = fuzz(300);
  if (failures > 0) {
    std::printf("%d failures\n", failures);
    return 1;
  }
  std::printf("ok %d vectors, %d transcripts, %d fuzz rounds\n", vectors, transcripts, rounds);
  return 0;
}
