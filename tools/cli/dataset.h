// `citynet dataset publish|check|list|show|fetch|export`: anonymised tables (CSV) that pass
// citynetd's privacy gate before they leave the node. `publish` uploads a file to citynetd in
// parts, starts the gate's job and follows it; `check` (and `publish --dry-run`) runs the same
// gate and shows what it would publish, signing nothing; `fetch` asks citynetd to pull a
// dataset's body from partners; `export` writes a body held here back out as CSV.
//
// Boundary: the gate, the signed record and the chunk transfer are the daemon's
// (node/privacy/gate.h); this file carries bytes over the control socket, checks what it can
// before a byte is sent, and shows the daemon's answers. The pure helpers below are declared
// here for the tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/status.h"
#include "tools/cli/commands.h"

namespace CLI {
class App;
}  // namespace CLI

namespace citynet::cli {

// Decoded bytes per dataset.upload call: the daemon's limit for one part.
inline constexpr std::size_t kUploadPartBytes = std::size_t{8} << 20;

// Adds `dataset` (with publish, list, show, fetch, export) to `app`, in the manner of
// RegisterSetupCommands (setup.h): a parsed command sets `action`. `out`, `err`, `terminal` and
// `action` must outlive `app`.
void RegisterDatasetCommands(CLI::App& app, std::ostream& out, std::ostream& err,
                             const Terminal& terminal, std::function<int()>& action);

// The metadata and gate options of `citynet dataset publish`, as given on the command line.
struct DatasetPublishFlags {
  std::string network;
  std::string title;
  std::string description;
  std::string licence;
  std::string language = "en";
  std::string publisher;
  std::vector<std::string> themes;
  std::string spatial;
  std::string country;
  std::string from;
  std::string to;
  std::vector<std::string> quasi;        // each may hold a comma-separated list
  std::vector<std::string> sensitive;    // likewise
  std::vector<std::string> insensitive;  // likewise
  std::vector<std::string> keep_text;    // likewise
  int k = 5;
  int l = -1;  // -1: not given (the gate's default: 2 with a sensitive column, else 0)
  double max_suppression = 0.05;
  bool no_detect_quasi = false;  // gone with gate version 2: refused with what replaces it
  bool no_removal = false;
  bool dry_run = false;
  int rows = 10;  // rows of the dry run's preview
};

// Which flags DatasetPublishArgs checks: all (publish), or the gate's alone (check).
enum class DatasetArgs { kPublish, kGateOnly };

// The dataset.publish (or dataset.check) arguments for `flags` and the upload id `upload` (left
// out when empty). InvalidArgument listing, separated by "; ", every problem the CLI can see
// without the daemon: for kPublish an empty network, title, description or licence, a language
// that is not a BCP 47 tag, a country that is not two letters, a date that is not YYYY, YYYY-MM
// or YYYY-MM-DD, --from after --to; and always k not from 2 to 1000000 (citynetd's range), l
// below 0, --no-detect-quasi (gone), max suppression outside 0..1, --rows outside 0..1000. So a
// large file is never uploaded only to be refused for a typo. Optional fields left empty are
// omitted.
Result<nlohmann::json> DatasetPublishArgs(const DatasetPublishFlags& flags,
                                          const std::string& upload,
                                          DatasetArgs which = DatasetArgs::kPublish);

// Whether `s` is YYYY, YYYY-MM or YYYY-MM-DD and names a real month or day.
bool IsPartialDate(std::string_view s);

// "a,b" "c" -> {"a", "b", "c"}: repeated flags and comma lists alike, blanks trimmed, empty
// items dropped.
std::vector<std::string> SplitCommaList(const std::vector<std::string>& values);

// A job's progress for the terminal: "anonymising  42%" from {stage, done}; `done` is clamped
// to 0..1 and rounded down, so 100% shows only when the stage is over.
std::string JobProgressLine(const nlohmann::json& job);

// "0 B", "900 B", "1.5 KiB", "8.0 MiB", "1.2 GiB".
std::string FormatBytes(uint64_t bytes);

// A dataset's body state in a few words: "complete (12 chunks)", "fetching 3/12 chunks",
// "not held here (citynet dataset fetch)", "refused: REASON".
std::string BodyStateText(const nlohmann::json& body);

}  // namespace citynet::cli
