// Status and Result<T>: how every citynet function that can fail on input, disk or network
// reports it. The codes are the subset of abseil's canonical codes that citynet uses
// (absl/status/status.h says when to use which). A message is written for the person who
// will read it in a log or on a terminal: what was wrong, where, and what to do.
//
// Exceptions thrown by Cap'n Proto (kj::Exception) and cppzmq (zmq::error_t) are caught at the
// adapter that calls the library and turned into a Status there.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace citynet {

enum class StatusCode : int {
  kOk = 0,
  kCancelled = 1,
  kInvalidArgument = 3,  // the input itself is wrong (validation, malformed bytes)
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,    // e.g. a secret key file readable by others, a non-member author
  kResourceExhausted = 8,   // a size or rate limit
  kFailedPrecondition = 9,  // the system is not in a state for this (missing predecessor)
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,    // e.g. a format version this build does not know
  kInternal = 13,         // a bug or a broken invariant
  kUnavailable = 14,      // a peer or the daemon cannot be reached; retrying may help
  kDataLoss = 15,         // corrupt stored data
  kUnauthenticated = 16,  // a signature does not verify
};

// Human name of a code, e.g. "invalid argument".
std::string_view StatusCodeName(StatusCode code);

// The outcome of an operation: ok, or a code with a message. Cheap to copy when ok.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "invalid argument: summary is empty"
  std::string ToString() const;

  // A copy whose message is "<context>: <message>", same code. No-op when ok.
  Status WithContext(std::string_view context) const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status ResourceExhausted(std::string m) {
  return {StatusCode::kResourceExhausted, std::move(m)};
}
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status Unimplemented(std::string m) { return {StatusCode::kUnimplemented, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status Unauthenticated(std::string m) {
  return {StatusCode::kUnauthenticated, std::move(m)};
}
inline Status OutOfRange(std::string m) { return {StatusCode::kOutOfRange, std::move(m)}; }

// A value of T, or the Status that says why there is none. Constructing a Result from an ok
// Status is a bug (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design, like absl::StatusOr
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result built from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The error; an ok Status when there is a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

  // Precondition: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace citynet

#define CITYNET_CONCAT_INNER_(a, b) a##b
#define CITYNET_CONCAT_(a, b) CITYNET_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function when `expr` (a Status) is not ok.
#define CITYNET_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::citynet::Status citynet_status_ = (expr);        \
    if (!citynet_status_.ok()) return citynet_status_; \
  } while (false)

// `CITYNET_ASSIGN_OR_RETURN(auto x, F());` declares x from a Result, or returns its Status.
#define CITYNET_ASSIGN_OR_RETURN(lhs, expr) \
  CITYNET_ASSIGN_OR_RETURN_IMPL_(CITYNET_CONCAT_(citynet_result_, __LINE__), lhs, expr)
#define CITYNET_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                   \
  if (!result.ok()) return result.status();               \
  lhs = std::move(result).value()
