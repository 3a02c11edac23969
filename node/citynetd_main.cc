// citynetd: the citynet node daemon. See node/daemon.h for what it does, and
// deploy/citynetd.example.toml for its configuration.
#include <execinfo.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "node/config.h"
#include "node/daemon.h"
#include "node/log.h"
#include "protocol/crypto.h"
#include "protocol/node_card.h"

#ifndef CITYNET_VERSION
#define CITYNET_VERSION "0.0.0"
#endif

namespace {

// sysexits.h: EX_USAGE for a wrong command line, EX_CONFIG for a config with problems (a unit
// can list it in RestartPreventExitStatus: restarting will not fix the file).
constexpr int kExitError = 1;
constexpr int kExitUsage = 64;
constexpr int kExitConfig = 78;

constexpr std::string_view kUsage = R"(usage: citynetd [--config FILE] [--check-config | --init]

The citynet node: keeps this city's case studies and datasets in sync with its partners over an
encrypted mesh, and serves the `citynet` command line tool on its control socket.

  --config FILE    the configuration (default /etc/citynet/citynetd.toml)
  --check-config   check the configuration, list every problem, print the effective
                   configuration with every default filled in, and exit
  --init           create this node's keys if they are missing, print its card, and
                   exit: send the card to partners (the running daemon also keeps it
                   in DATA_DIR/node.card)
  --version        print the version and exit
  --help           print this help and exit

Signals: SIGTERM or SIGINT stop the node cleanly; SIGHUP reloads the partner list.
)";

// On a crash, the stack on stderr (the journal) before the default action (a core dump where
// enabled), so a fault seen once in the field can be found.
void OnFatalSignal(int signal) {
  static const char kHead[] = "citynetd: fatal signal; stack:\n";
  (void)!::write(2, kHead, sizeof kHead - 1);
  void* frames[64];
  const int n = ::backtrace(frames, 64);
  ::backtrace_symbols_fd(frames, n, 2);
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

void InstallCrashHandler() {
  void* warm[1];
  (void)::backtrace(warm, 1);  // loads libgcc now, not inside the handler
  for (int s : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT}) ::signal(s, OnFatalSignal);
}

int Usage(std::string_view problem) {
  std::fprintf(stderr, "citynetd: %.*s\n\n%.*s", static_cast<int>(problem.size()), problem.data(),
               static_cast<int>(kUsage.size()), kUsage.data());
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace citynet;
  using namespace citynet::node;
  std::string config_path(kDefaultConfigPath);
  bool check_only = false, init_only = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage.data(), stdout);
      return 0;
    } else if (arg == "--version") {
      std::printf("citynetd %s\n", CITYNET_VERSION);
      return 0;
    } else if (arg == "--config" || arg == "-c") {
      if (i + 1 == argc) return Usage("--config needs a file name");
      config_path = argv[++i];
    } else if (arg.rfind("--config=", 0) == 0) {
      config_path = std::string(arg.substr(9));
    } else if (arg == "--check-config") {
      check_only = true;
    } else if (arg == "--init") {
      init_only = true;
    } else {
      return Usage(fmt::format("unknown argument '{}'", arg));
    }
  }
  if (check_only && init_only) return Usage("--check-config and --init do not go together");

  InstallCrashHandler();
  if (Status s = BlockDaemonSignals(); !s.ok()) {
    std::fprintf(stderr, "citynetd: %s\n", s.message().c_str());
    return kExitError;
  }
  Logger log(LogLevel::kInfo);
  if (Status s = protocol::InitCrypto(); !s.ok()) {
    log.Error("{}", s.message());
    return kExitError;
  }
  auto config = LoadConfig(config_path);
  if (!config.ok()) {
    log.Error("{}", config.status().message());
    return config.status().code() == StatusCode::kInvalidArgument ? kExitConfig : kExitError;
  }
  if (check_only) {
    for (const std::string& w : config->warnings) std::fprintf(stderr, "%s\n", w.c_str());
    std::fputs(ToString(*config).c_str(), stdout);
    return 0;
  }
  if (init_only) {
    auto keys = LoadOrCreateKeys(config->key_dir);
    if (!keys.ok()) {
      log.Error("{}", keys.status().message());
      return kExitError;
    }
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    auto card = MakeOwnCard(*config, *keys, now_ms);
    if (!card.ok()) {
      log.Error("{}", card.status().message());
      return kExitConfig;
    }
    std::fputs(protocol::ArmorNodeCard(*card).c_str(), stdout);
    return 0;
  }

  auto daemon = Daemon::Start(std::move(config).value(), log);
  if (!daemon.ok()) {
    log.Error("cannot start: {}", daemon.status().message());
    return kExitError;
  }
  Status s = (*daemon)->Run();
  daemon->reset();
  if (!s.ok()) {
    log.Error("{}", s.message());
    return kExitError;
  }
  log.Notice("stopped");
  return 0;
}
