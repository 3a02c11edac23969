// Export files: signed records taken off one node and read into another (offline exchange,
// backups). The receiving node verifies every record as if it had arrived from a partner, so the
// file needs no signature of its own; the container only has to make truncation and damage
// visible.
//
// Format, version 1 (all integers big-endian):
//   "CITYNETX"  magic, 8 bytes
//   u16         container version (1)
//   frames      u32 length N (1 .. kMaxExportFrameBytes), then N bytes: the canonical
//               envelope of one SignedRecord (EncodeEnvelope), in the order they were written
//   end         u32 0, then u64 the number of frames
// Nothing may follow the end. A reader that reaches the end of its input before `end` reports a
// truncated file.
//
// Pure: no file access; callers feed bytes in and write bytes out.
#pragma once

#include <cstdint>
#include <optional>

#include "protocol/bytes.h"
#include "protocol/codec.h"
#include "protocol/status.h"

namespace citynet::protocol {

inline constexpr uint16_t kExportFormatVersion = 1;
inline constexpr std::size_t kMaxExportFrameBytes = 16u << 20;

Bytes ExportHeader();
// One record's frame. Internal is impossible: the envelope of a record always fits.
Bytes ExportFrame(const SignedRecord& record);
Bytes ExportTrailer(uint64_t records);

// Reads an export file fed in pieces.
class ExportReader {
 public:
  void Feed(ByteView bytes);
  // The next record: a value, nullopt when more input is needed (or the end was read: see
  // done()), or an error that names the byte offset: not an export file, an unknown version,
  // a bad frame length, a frame that is not a record, a count that disagrees, bytes after the end.
  // After an error the reader stays failed.
  Result<std::optional<SignedRecord>> Next();
  // Call when the input is exhausted: Ok only when the end marker was read and checked.
  Status Finish() const;
  bool done() const { return done_; }
  uint64_t records() const { return records_; }

 private:
  Status Fail(Status s);

  Bytes buffer_;
  std::size_t start_ = 0;
  uint64_t offset_ = 0;  // file offset of buffer_[start_]
  bool header_read_ = false;
  bool done_ = false;
  uint64_t records_ = 0;
  Status error_ = Status::Ok();
};

}  // namespace citynet::protocol
