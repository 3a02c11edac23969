// Runs a program of the project (citynet, citynetd) as a user would, for the CLI tests.
#pragma once

#include <string>
#include <vector>

namespace citynet::testing {

struct Ran {
  int code = -1;  // exit status, or 128 + the signal
  std::string out;
  std::string err;
};

// Runs `binary` with `args`; its environment is this process's without CITYNET_*, NO_COLOR
// and COLUMNS, plus `env` (NAME=VALUE). stdin is /dev/null; stdout and stderr are files, so
// never a TTY. A program that cannot be started is a test failure (code -1).
Ran RunBinary(const std::string& binary, const std::vector<std::string>& args,
              const std::vector<std::string>& env = {});

// "exit N", then stdout and stderr: for failure messages.
std::string Describe(const Ran& r);

std::string ReadFile(const std::string& path);

}  // namespace citynet::testing
