#include "node/daemon/control_args.h"

#include <fmt/format.h>

namespace citynet::node {

using json = nlohmann::json;

// Argument readers for control requests: InvalidArgument naming the argument.
Result<std::string> StringArg(const json& args, const char* name, bool required,
                              std::string fallback) {
  auto it = args.find(name);
  if (it == args.end() || it->is_null()) {
    if (required) return InvalidArgument(fmt::format("missing argument '{}'", name));
    return fallback;
  }
  if (!it->is_string()) return InvalidArgument(fmt::format("argument '{}' must be a string", name));
  return it->get<std::string>();
}

Result<int64_t> IntArg(const json& args, const char* name, int64_t fallback, int64_t min,
                       int64_t max) {
  auto it = args.find(name);
  if (it == args.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) {
    return InvalidArgument(fmt::format("argument '{}' must be an integer", name));
  }
  const int64_t v = it->get<int64_t>();
  if (v < min || v > max) {
    return InvalidArgument(fmt::format("argument '{}' must be from {} to {}", name, min, max));
  }
  return v;
}

Result<RecordId> IdArg(const json& args, const char* name) {
  CITYNET_ASSIGN_OR_RETURN(std::string hex, StringArg(args, name, true));
  auto id = RecordId::FromHexString(hex);
  if (!id.ok()) {
    return InvalidArgument(
        fmt::format("argument '{}' is not a record id (64 hex digits): {}", name, hex));
  }
  return *id;
}

Result<bool> BoolArg(const json& args, const char* name, bool fallback) {
  auto it = args.find(name);
  if (it == args.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) {
    return InvalidArgument(fmt::format("argument '{}' must be true or false", name));
  }
  return it->get<bool>();
}

Result<std::vector<std::string>> StringListArg(const json& args, const char* name) {
  std::vector<std::string> out;
  auto it = args.find(name);
  if (it == args.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidArgument(fmt::format("argument '{}' must be a list", name));
  for (const json& v : *it) {
    if (!v.is_string()) {
      return InvalidArgument(fmt::format("argument '{}' must hold strings", name));
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace citynet::node
