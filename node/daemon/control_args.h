// Reading the arguments of a control request (the JSON object the CLI sends): each reader
// returns the value, the fallback when the argument is absent or null, or InvalidArgument naming
// the argument and what it must be.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/status.h"

namespace citynet::node {

Result<std::string> StringArg(const nlohmann::json& args, const char* name, bool required,
                              std::string fallback = "");
Result<int64_t> IntArg(const nlohmann::json& args, const char* name, int64_t fallback, int64_t min,
                       int64_t max);
Result<bool> BoolArg(const nlohmann::json& args, const char* name, bool fallback);
// A list of strings; empty when absent.
Result<std::vector<std::string>> StringListArg(const nlohmann::json& args, const char* name);
// A record id, 64 hex digits (required).
Result<RecordId> IdArg(const nlohmann::json& args, const char* name);

}  // namespace citynet::node
