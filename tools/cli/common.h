// What the command groups of the CLI share (commands.cc for nodes and cases, dataset.cc for
// datasets, setup.cc for init and peers): where a command's output goes and its connection to
// citynetd, the flags every command takes, reading fields of the daemon's answers, and turning
// an id prefix into a full record id.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "protocol/status.h"
#include "tools/cli/commands.h"
#include "tools/cli/output.h"
#include "tools/control_client.h"

namespace CLI {
class App;
}  // namespace CLI

namespace citynet::cli {

// Flags every command takes.
struct Common {
  bool json = false;
  std::string control;
};
void AddCommon(CLI::App* cmd, Common* common);

// One run of a command: where its output goes and its connection to citynetd, made at the
// first Call and kept for the rest of the run. The command groups derive from it.
class CommandRun {
 public:
  CommandRun(std::ostream& out, std::ostream& err, const Terminal& terminal)
      : out_(out), err_(err), terminal_(terminal), style_(terminal.color) {}

  // Connects (once) to --control, else tools::DefaultControlEndpoint(), and calls `op`. The
  // errors of tools::ControlClient::Connect and Call.
  Result<nlohmann::json> Call(const Common& common, const std::string& op,
                              const nlohmann::json& args);

  // `j` on stdout, indented by two, for --json.
  void PrintJson(const nlohmann::json& j) { out_ << j.dump(2) << "\n"; }

 protected:
  std::ostream& out_;
  std::ostream& err_;
  Terminal terminal_;
  Style style_;

 private:
  std::optional<tools::ControlClient> client_;
};

// A field of a daemon answer as text: "" when missing or null.
std::string Str(const nlohmann::json& j, const char* key);
// A numeric field, 0 when missing or not a number.
int64_t Int(const nlohmann::json& j, const char* key);
// The items of a JSON list as text, joined.
std::string Join(const nlohmann::json& list, std::string_view sep = ", ");

// Whether `s` is a full record id: 64 lower-case hex digits.
bool IsHexId(std::string_view s);

// How to find the records an id prefix may name: the listing op and its arguments, the list in
// its answer, and the words for messages ("case", "cases", "record id").
struct IdListing {
  std::string op;
  nlohmann::json args;
  std::string list;
  std::string one;   // "no <one> has an id starting with ..."
  std::string many;  // "3 <many> have ids starting with ..."
  std::string id;    // "'x' is not a <id>: ..."
};
// Why `id` can be neither a full id nor a prefix of 8 or more hex digits; nullopt when it can.
std::optional<std::string> IdSyntaxProblem(const std::string& id, const IdListing& listing);
// The one id of the listing that starts with `prefix`, walking every page (citynetd has no
// prefix lookup). NotFound when none, InvalidArgument naming them when several.
Result<std::string> ResolvePrefix(
    const std::function<Result<nlohmann::json>(const std::string&, const nlohmann::json&)>& call,
    IdListing listing, const std::string& prefix);

}  // namespace citynet::cli
