#include "tools/cli/common.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <utility>
#include <vector>

#include "node/config/schema.h"

namespace citynet::cli {

using json = nlohmann::json;

void AddCommon(CLI::App* cmd, Common* common) {
  cmd->add_flag("--json", common->json, "Print one JSON document with stable field names");
  cmd->add_option("--control", common->control,
                  fmt::format("citynetd's control socket (default: $CITYNET_CONTROL, else {})",
                              node::kDefaultControlEndpoint));
}

Result<json> CommandRun::Call(const Common& common, const std::string& op, const json& args) {
  if (!client_) {
    const std::string endpoint =
        common.control.empty() ? tools::DefaultControlEndpoint() : common.control;
    auto client = tools::ControlClient::Connect(endpoint);
    if (!client.ok()) return client.status();
    client_.emplace(std::move(client).value());
  }
  return client_->Call(op, args);
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

int64_t Int(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return 0;
  return it->get<int64_t>();
}

std::string Join(const json& list, std::string_view sep) {
  std::string out;
  if (!list.is_array()) return out;
  for (const json& v : list) {
    if (!out.empty()) out += sep;
    out += v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

bool IsHexId(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::optional<std::string> IdSyntaxProblem(const std::string& id, const IdListing& listing) {
  if (IsHexId(id)) return std::nullopt;
  if (id.size() < 8 || id.size() > 64 ||
      id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return fmt::format("'{}' is not a {}: give its 64 hex digits, or the first 8 or more of them",
                       id, listing.id);
  }
  return std::nullopt;
}

Result<std::string> ResolvePrefix(
    const std::function<Result<json>(const std::string&, const json&)>& call, IdListing listing,
    const std::string& prefix) {
  std::vector<std::string> matches;
  for (;;) {
    auto page = call(listing.op, listing.args);
    if (!page.ok()) return page.status();
    for (const json& r : (*page)[listing.list]) {
      std::string id = Str(r, "id");
      if (id.rfind(prefix, 0) == 0) matches.push_back(std::move(id));
    }
    const std::string cursor = Str(*page, "next_cursor");
    if (cursor.empty()) break;
    listing.args["cursor"] = cursor;
  }
  if (matches.empty()) {
    return NotFound(fmt::format("no {} has an id starting with {}", listing.one, prefix));
  }
  if (matches.size() > 1) {
    return InvalidArgument(fmt::format("{} {} have ids starting with {}: give more digits ({})",
                                       matches.size(), listing.many, prefix,
                                       fmt::join(matches, ", ")));
  }
  return matches.front();
}

}  // namespace citynet::cli
