// citynet: the command-line tool for a citynet node. Everything is in tools/cli/commands.h.
#include <iostream>

#include "tools/cli/commands.h"

int main(int argc, char** argv) {
  const int code =
      citynet::cli::RunCli(argc, argv, std::cout, std::cerr, citynet::cli::DetectTerminal());
  std::cout.flush();
  return code;
}
