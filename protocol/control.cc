#include "protocol/control.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace citynet::protocol::control {
namespace {

using nlohmann::json;

struct SlugEntry {
  StatusCode code;
  std::string_view slug;
};

constexpr std::array<SlugEntry, 16> kSlugs = {{
    {StatusCode::kOk, "ok"},
    {StatusCode::kCancelled, "cancelled"},
    {StatusCode::kInvalidArgument, "invalid_argument"},
    {StatusCode::kDeadlineExceeded, "deadline_exceeded"},
    {StatusCode::kNotFound, "not_found"},
    {StatusCode::kAlreadyExists, "already_exists"},
    {StatusCode::kPermissionDenied, "permission_denied"},
    {StatusCode::kResourceExhausted, "resource_exhausted"},
    {StatusCode::kFailedPrecondition, "failed_precondition"},
    {StatusCode::kAborted, "aborted"},
    {StatusCode::kOutOfRange, "out_of_range"},
    {StatusCode::kUnimplemented, "unimplemented"},
    {StatusCode::kInternal, "internal"},
    {StatusCode::kUnavailable, "unavailable"},
    {StatusCode::kDataLoss, "data_loss"},
    {StatusCode::kUnauthenticated, "unauthenticated"},
}};

// The JSON type names a message can have, for error messages written to a person.
std::string_view TypeName(const json& j) {
  if (j.is_number_unsigned()) return "unsigned integer";
  if (j.is_number_integer()) return "negative integer";
  if (j.is_number_float()) return "fractional number";
  return j.type_name();
}

// Refuses nesting deeper than kMaxJsonDepth before the parser sees the text: nlohmann parses
// iteratively, but dump() and most code that walks a json recurse.
bool DepthWithinLimit(ByteView text) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (uint8_t c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

Status CheckVersion(const json& message, std::string_view what) {
  auto it = message.find("v");
  if (it == message.end()) return InvalidArgument(fmt::format("{} has no \"v\"", what));
  if (!it->is_number_integer()) {
    return InvalidArgument(
        fmt::format("{}: \"v\" must be an integer, got {}", what, TypeName(*it)));
  }
  if (*it != kVersion) {
    return Unimplemented(fmt::format(
        "{} is control protocol version {}; this build speaks version {}: use a citynet CLI and "
        "citynetd of the same release",
        what, it->dump(), kVersion));
  }
  return Status::Ok();
}

bool ValidOp(std::string_view op) {
  if (op.empty() || op.size() > kMaxOpLength) return false;
  for (char c : op) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Status MalformedResponse(std::string_view what) {
  return Internal(fmt::format("malformed response from citynetd: {}", what));
}

}  // namespace

std::string_view StatusCodeSlug(StatusCode code) {
  for (const auto& e : kSlugs) {
    if (e.code == code) return e.slug;
  }
  return "internal";
}

std::optional<StatusCode> StatusCodeFromSlug(std::string_view slug) {
  for (const auto& e : kSlugs) {
    if (e.slug == slug) return e.code;
  }
  return std::nullopt;
}

Bytes EncodeFrame(const json& message) {
  // The replace handler keeps dump() from throwing on a string that is not valid UTF-8.
  std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
  Bytes frame;
  frame.reserve(4 + body.size());
  auto n = static_cast<uint32_t>(body.size());
  frame.push_back(static_cast<uint8_t>(n >> 24));
  frame.push_back(static_cast<uint8_t>(n >> 16));
  frame.push_back(static_cast<uint8_t>(n >> 8));
  frame.push_back(static_cast<uint8_t>(n));
  frame.insert(frame.end(), body.begin(), body.end());
  return frame;
}

void FrameReader::Feed(ByteView bytes) {
  if (failed()) return;
  // Drop the consumed prefix before growing, so a long-lived connection does not keep every
  // message it ever received.
  if (start_ > 0 && (start_ == buffer_.size() || start_ >= buffer_.size() / 2)) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

Result<std::optional<json>> FrameReader::Next() {
  if (failed()) return error_;
  if (buffered() < 4) return std::optional<json>();
  const uint8_t* p = buffer_.data() + start_;
  std::size_t n = (std::size_t{p[0]} << 24) | (std::size_t{p[1]} << 16) | (std::size_t{p[2]} << 8) |
                  std::size_t{p[3]};
  if (n == 0) {
    error_ = InvalidArgument("control frame of length 0: a frame carries one JSON object");
    return error_;
  }
  if (n > max_frame_bytes_) {
    error_ = InvalidArgument(fmt::format("control frame of {} bytes is over the limit of {} bytes",
                                         n, max_frame_bytes_));
    return error_;
  }
  if (buffered() < 4 + n) return std::optional<json>();
  ByteView body(p + 4, n);
  start_ += 4 + n;
  if (!DepthWithinLimit(body)) {
    error_ = InvalidArgument(
        fmt::format("control frame nests arrays and objects deeper than {}", kMaxJsonDepth));
    return error_;
  }
  json message = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded()) {
    error_ = InvalidArgument(fmt::format("control frame of {} bytes is not valid JSON", n));
    return error_;
  }
  if (!message.is_object()) {
    error_ = InvalidArgument(
        fmt::format("control frame holds a JSON {}, not an object", TypeName(message)));
    return error_;
  }
  return std::optional<json>(std::move(message));
}

json ToJson(const Request& request) {
  return json{{"v", kVersion},
              {"id", request.id},
              {"op", request.op},
              {"args", request.args.is_null() ? json::object() : request.args}};
}

Result<Request> ParseRequest(const json& message) {
  if (!message.is_object()) {
    return InvalidArgument(fmt::format("request is a JSON {}, not an object", TypeName(message)));
  }
  CITYNET_RETURN_IF_ERROR(CheckVersion(message, "request"));
  Request request;
  auto id = message.find("id");
  if (id == message.end()) return InvalidArgument("request has no \"id\"");
  if (!id->is_number_unsigned()) {
    return InvalidArgument(
        fmt::format("request \"id\" must be an unsigned integer, got {}", TypeName(*id)));
  }
  request.id = id->get<uint64_t>();
  auto op = message.find("op");
  if (op == message.end()) return InvalidArgument("request has no \"op\"");
  if (!op->is_string()) {
    return InvalidArgument(fmt::format("request \"op\" must be a string, got {}", TypeName(*op)));
  }
  request.op = op->get<std::string>();
  if (!ValidOp(request.op)) {
    return InvalidArgument(fmt::format("request \"op\" {} is not 1 to {} characters of [a-z0-9._-]",
                                       op->dump(-1, ' ', false, json::error_handler_t::replace),
                                       kMaxOpLength));
  }
  auto args = message.find("args");
  if (args != message.end()) {
    if (!args->is_object()) {
      return InvalidArgument(fmt::format("request \"args\" of \"{}\" must be an object, got {}",
                                         request.op, TypeName(*args)));
    }
    request.args = *args;
  }
  return request;
}

uint64_t MessageId(const json& message) {
  if (!message.is_object()) return 0;
  auto id = message.find("id");
  if (id == message.end() || !id->is_number_unsigned()) return 0;
  return id->get<uint64_t>();
}

json OkResponse(uint64_t id, json result) {
  return json{{"v", kVersion}, {"id", id}, {"ok", true}, {"result", std::move(result)}};
}

json ErrorResponse(uint64_t id, const Status& status) {
  Status s = status.ok() ? Internal("an error response was built from an ok status") : status;
  return json{{"v", kVersion},
              {"id", id},
              {"ok", false},
              {"error", {{"code", StatusCodeSlug(s.code())}, {"message", s.message()}}}};
}

Result<json> ParseResponse(const json& message, uint64_t expected_id) {
  if (!message.is_object()) {
    return MalformedResponse(fmt::format("a JSON {}, not an object", TypeName(message)));
  }
  CITYNET_RETURN_IF_ERROR(CheckVersion(message, "response"));
  auto id = message.find("id");
  if (id == message.end() || !id->is_number_unsigned()) return MalformedResponse("no valid \"id\"");
  auto ok = message.find("ok");
  if (ok == message.end() || !ok->is_boolean()) return MalformedResponse("no boolean \"ok\"");
  uint64_t got = id->get<uint64_t>();
  bool connection_error = got == 0 && !ok->get<bool>();
  if (got != expected_id && !connection_error) {
    return MalformedResponse(fmt::format("it answers request {}, not {}", got, expected_id));
  }
  if (ok->get<bool>()) {
    auto result = message.find("result");
    if (result == message.end()) return MalformedResponse("\"ok\" is true but there is no result");
    return *result;
  }
  auto error = message.find("error");
  if (error == message.end() || !error->is_object()) {
    return MalformedResponse("\"ok\" is false but there is no \"error\" object");
  }
  auto code = error->find("code");
  auto text = error->find("message");
  if (code == error->end() || !code->is_string() || text == error->end() || !text->is_string()) {
    return MalformedResponse("the error needs a string \"code\" and a string \"message\"");
  }
  const auto& slug = code->get_ref<const std::string&>();
  const auto& m = text->get_ref<const std::string&>();
  std::optional<StatusCode> c = StatusCodeFromSlug(slug);
  if (!c || *c == StatusCode::kOk) {
    return Internal(
        fmt::format("citynetd answered with an unknown error code \"{}\": {}", slug, m));
  }
  return Status(*c, m);
}

}  // namespace citynet::protocol::control
