// Fuzzes the control channel's decoding, which reads whatever a local process writes to the
// daemon's socket: frames fed in pieces (the first byte of the input picks the piece size), each
// complete frame parsed as a request and as a response, and every accepted request encoded and
// read back the same.
#include <cstddef>
#include <cstdint>

#include "protocol/control.h"

using namespace citynet;
using namespace citynet::protocol::control;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = 1 + data[0] % 64;
  ByteView input(data + 1, size - 1);
  FrameReader reader;
  for (std::size_t at = 0; at < input.size(); at += piece) {
    reader.Feed(input.subspan(at, std::min(piece, input.size() - at)));
    for (;;) {
      auto frame = reader.Next();
      if (!frame.ok()) return 0;  // the connection would be closed
      if (!frame->has_value()) break;
      const nlohmann::json& message = **frame;
      (void)ParseResponse(message, MessageId(message));
      auto request = ParseRequest(message);
      if (!request.ok()) continue;
      // What the daemon accepts, it can write back and read again unchanged.
      FrameReader again;
      again.Feed(EncodeFrame(ToJson(*request)));
      auto round = again.Next();
      if (!round.ok() || !round->has_value()) __builtin_trap();
      auto reparsed = ParseRequest(**round);
      if (!reparsed.ok() || reparsed->op != request->op || reparsed->id != request->id ||
          reparsed->args != request->args) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
