#include "protocol/export.h"

#include <fmt/format.h>

#include <cstring>

namespace citynet::protocol {
namespace {

constexpr char kMagic[8] = {'C', 'I', 'T', 'Y', 'N', 'E', 'T', 'X'};
constexpr std::size_t kHeaderBytes = sizeof kMagic + 2;

void PutBe(Bytes& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint64_t GetBe(const uint8_t* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

Bytes ExportHeader() {
  Bytes out(kMagic, kMagic + sizeof kMagic);
  PutBe(out, kExportFormatVersion, 2);
  return out;
}

Bytes ExportFrame(const SignedRecord& record) {
  Bytes envelope = EncodeEnvelope(Envelope{record});
  Bytes out;
  out.reserve(4 + envelope.size());
  PutBe(out, envelope.size(), 4);
  out.insert(out.end(), envelope.begin(), envelope.end());
  return out;
}

Bytes ExportTrailer(uint64_t records) {
  Bytes out;
  PutBe(out, 0, 4);
  PutBe(out, records, 8);
  return out;
}

void ExportReader::Feed(ByteView bytes) {
  if (!error_.ok()) return;
  // Compact now and then, so a long file does not grow the buffer without end.
  if (start_ > (1u << 20) && start_ * 2 > buffer_.size()) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

Status ExportReader::Fail(Status s) {
  error_ = std::move(s);
  return error_;
}

Result<std::optional<SignedRecord>> ExportReader::Next() {
  if (!error_.ok()) return error_;
  auto available = [&] { return buffer_.size() - start_; };
  auto consume = [&](std::size_t n) {
    start_ += n;
    offset_ += n;
  };
  if (!header_read_) {
    if (available() < kHeaderBytes) return std::optional<SignedRecord>();
    const uint8_t* p = buffer_.data() + start_;
    if (std::memcmp(p, kMagic, sizeof kMagic) != 0) {
      return Fail(InvalidArgument("not a citynet export file (it does not start with CITYNETX)"));
    }
    const auto version = static_cast<uint16_t>(GetBe(p + sizeof kMagic, 2));
    if (version != kExportFormatVersion) {
      return Fail(Status(StatusCode::kUnimplemented,
                         fmt::format("export format version {}; this citynet reads version {}: "
                                     "upgrade citynet to read this file",
                                     version, kExportFormatVersion)));
    }
    consume(kHeaderBytes);
    header_read_ = true;
  }
  if (done_) {
    if (available() != 0) {
      return Fail(InvalidArgument(
          fmt::format("{} bytes follow the end of the export at byte {}", available(), offset_)));
    }
    return std::optional<SignedRecord>();
  }
  if (available() < 4) return std::optional<SignedRecord>();
  const uint8_t* p = buffer_.data() + start_;
  const uint64_t length = GetBe(p, 4);
  if (length == 0) {
    if (available() < 12) return std::optional<SignedRecord>();
    const uint64_t count = GetBe(p + 4, 8);
    if (count != records_) {
      return Fail(InvalidArgument(fmt::format(
          "the export's end says {} records but {} were read: the file is damaged", count,
          records_)));
    }
    consume(12);
    done_ = true;
    if (available() != 0) {
      return Fail(InvalidArgument(
          fmt::format("{} bytes follow the end of the export at byte {}", available(), offset_)));
    }
    return std::optional<SignedRecord>();
  }
  if (length > kMaxExportFrameBytes) {
    return Fail(InvalidArgument(fmt::format(
        "record {} at byte {} claims {} bytes, more than a record can have: the file is damaged",
        records_ + 1, offset_, length)));
  }
  if (available() < 4 + length) return std::optional<SignedRecord>();
  auto envelope = DecodeEnvelope(ByteView(p + 4, static_cast<std::size_t>(length)));
  if (!envelope.ok() || !std::holds_alternative<SignedRecord>(envelope->body)) {
    return Fail(InvalidArgument(
        fmt::format("record {} at byte {} is damaged: {}", records_ + 1, offset_,
                    envelope.ok() ? "it is not a record" : envelope.status().message())));
  }
  consume(4 + static_cast<std::size_t>(length));
  ++records_;
  return std::optional<SignedRecord>(std::move(std::get<SignedRecord>(envelope->body)));
}

Status ExportReader::Finish() const {
  if (!error_.ok()) return error_;
  if (!header_read_) {
    return InvalidArgument("the export file is empty or shorter than its header");
  }
  if (!done_) {
    return InvalidArgument(fmt::format(
        "the export file is truncated after {} records (byte {}): its end marker is missing; "
        "export it again",
        records_, offset_ + (buffer_.size() - start_)));
  }
  return Status::Ok();
}

}  // namespace citynet::protocol
