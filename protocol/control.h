// The control protocol: how the CLI (tools/control_client.h) and the daemon
// (node/control_server.h) talk over citynetd's local control socket. A message is one JSON object
// in a frame: a 4-byte big-endian length N, then N bytes of UTF-8 JSON.
//
//   request:  {"v":1, "id":7, "op":"status", "args":{...}}
//   response: {"v":1, "id":7, "ok":true, "result":...}
//             {"v":1, "id":7, "ok":false, "error":{"code":"not_found", "message":"..."}}
//
// A client numbers its requests; the daemon answers each connection's requests in order, with the
// request's id. An error response with id 0 concerns the connection rather than one request (a
// malformed frame, a refused connection); the daemon closes the connection after sending one.
//
// Boundary: pure. This module builds, parses and checks messages and frames; it opens no socket
// and reads no file. What the ops mean is the daemon's business.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/bytes.h"
#include "protocol/status.h"

namespace citynet::protocol::control {

// The protocol version this build speaks ("v" in every message).
inline constexpr int kVersion = 1;
// The largest frame body, in bytes. Responses can carry many records.
inline constexpr std::size_t kMaxFrameBytes = std::size_t{64} << 20;
// The deepest nesting of arrays and objects a frame may have; deeper input is refused before it
// is parsed, so no later recursive walk (dump, handlers) can exhaust the stack.
inline constexpr int kMaxJsonDepth = 100;
// The longest op name; an op is 1 to kMaxOpLength characters of [a-z0-9._-].
inline constexpr std::size_t kMaxOpLength = 64;

// The stable spelling of a code on the wire: "not_found", "invalid_argument", ... ("ok" for kOk).
std::string_view StatusCodeSlug(StatusCode code);
// The code a slug names (the inverse of StatusCodeSlug, "ok" included); nullopt when unknown.
std::optional<StatusCode> StatusCodeFromSlug(std::string_view slug);

// `message` as a frame. Strings that are not valid UTF-8 are written with U+FFFD in place of the
// bad bytes (never an exception). The caller checks the size against kMaxFrameBytes (+ 4 for the
// length) when the message may be large: a larger frame is refused by every FrameReader.
Bytes EncodeFrame(const nlohmann::json& message);

// Cuts a byte stream into messages. Feed it bytes as they arrive, then call Next until it returns
// nullopt. InvalidArgument when a frame's length is 0 or over the limit (detected as soon as the
// 4 length bytes are in, before the body is buffered), when its body is not valid JSON, nests
// deeper than kMaxJsonDepth, or is not an object. After an error the reader stays failed: every
// later Next returns the same error and Feed ignores its input (the stream cannot be
// resynchronised).
//
// Thread safety: not thread-safe. Copyable.
class FrameReader {
 public:
  explicit FrameReader(std::size_t max_frame_bytes = kMaxFrameBytes)
      : max_frame_bytes_(max_frame_bytes) {}

  void Feed(ByteView bytes);
  Result<std::optional<nlohmann::json>> Next();

  // Bytes received and not yet returned as a message.
  std::size_t buffered() const { return buffer_.size() - start_; }
  bool failed() const { return !error_.ok(); }

 private:
  std::size_t max_frame_bytes_;
  Bytes buffer_;
  std::size_t start_ = 0;  // buffer_[0, start_) has been consumed
  Status error_;
};

struct Request {
  uint64_t id = 0;
  std::string op;
  nlohmann::json args = nlohmann::json::object();
};

// The request as a message; a null `args` is written as {}.
nlohmann::json ToJson(const Request& request);

// Checks a request message. InvalidArgument naming the field when "v" or "id" is missing or not an
// unsigned integer, when "op" is missing, not a string or not 1..64 characters of [a-z0-9._-], or
// when "args" is not an object (a missing "args" is {}); Unimplemented naming both versions when
// "v" is not kVersion.
Result<Request> ParseRequest(const nlohmann::json& message);

// The "id" of a message when it is an unsigned integer, else 0: the id to answer a request that
// ParseRequest refused with.
uint64_t MessageId(const nlohmann::json& message);

nlohmann::json OkResponse(uint64_t id, nlohmann::json result);
// An error response carrying the status's code (as its slug) and message. An ok `status` is a
// caller's bug; it is sent as internal.
nlohmann::json ErrorResponse(uint64_t id, const Status& status);

// The result of a response to request `expected_id`, or the error it carries as a Status (same
// code and message; an unknown code becomes internal with the code in the message). An error
// response with id 0 is accepted for any expected id (it concerns the connection). Unimplemented
// naming both versions when "v" is not kVersion; Internal, starting "malformed response from
// citynetd", when the message does not have the response shape or answers another id.
Result<nlohmann::json> ParseResponse(const nlohmann::json& message, uint64_t expected_id);

}  // namespace citynet::protocol::control
