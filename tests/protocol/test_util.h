// Shared fixtures for the protocol tests: deterministic keys, valid sample values of every
// payload kind, the project's copy of the seed cases, and temporary directories.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/codec.h"
#include "protocol/crypto.h"
#include "protocol/record.h"
#include "protocol/types.h"

namespace citynet::testing {

// 2025-11-23T12:00:00Z, a fixed creation time.
inline constexpr int64_t kTestTimeMs = 1763899200000;

// A signing key from a fixed seed (all bytes = n).
protocol::SigningKey TestKey(uint8_t n = 1);

protocol::CaseStudy SampleCase();
// Gate version 1 (no column roles): the records partners already hold.
protocol::Dataset SampleDataset();
// Gate version 2: every input column with its role.
protocol::Dataset SampleDatasetV2();
protocol::Retraction SampleRetraction();
protocol::ErasureReceipt SampleReceipt();

// A draft for the given feed position; prev must be set for seq > 1.
protocol::RecordDraft Draft(const std::string& network, uint64_t seq,
                            std::optional<RecordId> prev = std::nullopt);

// One valid signed record of each kind, by TestKey(1).
std::vector<protocol::SignedRecord> OneRecordOfEachKind();

// deploy/demo/cases/*.json, sorted by file name.
std::vector<std::string> SeedCaseFiles();
std::string ReadFileOrDie(const std::string& path);

// What `python3 SOURCE_DIR/tests/data/SCRIPT ARGUMENTS` writes to standard output (the test data
// generators), or "" when it could not run or failed.
std::string DataScriptOutput(const std::string& script, const std::string& arguments);

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace citynet::testing
