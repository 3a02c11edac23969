// citynetd: the citynet node daemon. See node/daemon.h for what it does, and
// deploy/citynetd.example.toml for its configuration.
#include <execinfo.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "node/config/parse.h"
#include "node/config/render.h"
#include "node/daemon/daemon.h"
#include "node/daemon/log.h"
#include "node/daemon/store_check.h"
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

constexpr std::string_view kUsage =
    R"(usage: citynetd [--config FILE]
                [--check-config | --check-store | --init | --restored | --end-restore-hold]

The citynet node: keeps this city's case studies and datasets in sync with its partners over an
encrypted mesh, and serves the `citynet` command line tool on its control socket.

  --config FILE    the configuration (default /etc/citynet/citynetd.toml)
  --check-config   check the configuration, list every problem, print the effective
                   configuration with every default filled in, and exit
  --check-store    with the node stopped: read the whole store and check it (indexes,
                   every record's signature and payload hash, every complete dataset
                   body's chunks); exit 0 when sound, 1 with the problems found
  --init           create this node's keys if they are missing, print its card, and
                   exit: send the card to partners (the running daemon also keeps it
                   in DATA_DIR/node.card)
  --restored       before the first start of a node restored from a backup (or with
                   its store lost): put it under the restore hold, so that it signs
                   nothing in a network until every partner there has shown its copy of
                   this node's own records and they are back here; then exit, and start
                   the node as usual. Run it as the user citynetd runs as.
  --end-restore-hold
                   end the restore hold without waiting (a partner is gone for good):
                   records the partners hold beyond this node's head would fork its
                   feed. With the node stopped; then exit.
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

// What the command line asks for.
struct Options {
  std::string config_path = std::string(citynet::node::kDefaultConfigPath);
  bool check_only = false;
  bool init_only = false;
  bool mark_restored = false;
  bool end_hold = false;
  bool check_store = false;
};

// The options, or the exit code when the command line was answered (--help, --version) or is
// wrong (the problem and the usage printed).
std::variant<Options, int> ParseArgs(int argc, char** argv) {
  Options o;
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
      o.config_path = argv[++i];
    } else if (arg.rfind("--config=", 0) == 0) {
      o.config_path = std::string(arg.substr(9));
    } else if (arg == "--check-config") {
      o.check_only = true;
    } else if (arg == "--check-store") {
      o.check_store = true;
    } else if (arg == "--init") {
      o.init_only = true;
    } else if (arg == "--restored") {
      o.mark_restored = true;
    } else if (arg == "--end-restore-hold") {
      o.end_hold = true;
    } else {
      return Usage(fmt::format("unknown argument '{}'", arg));
    }
  }
  if (int{o.check_only} + int{o.init_only} + int{o.mark_restored} + int{o.end_hold} +
          int{o.check_store} >
      1) {
    return Usage(
        "--check-config, --check-store, --init, --restored and --end-restore-hold do not go "
        "together");
  }
  return o;
}

// --init: this node's keys, created when missing, and its card on stdout.
int PrintOwnCard(const citynet::node::NodeConfig& config, citynet::node::Logger& log) {
  using namespace citynet;
  using namespace citynet::node;
  auto keys = LoadOrCreateKeys(config.key_dir);
  if (!keys.ok()) {
    log.Error("{}", keys.status().message());
    return kExitError;
  }
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  auto card = MakeOwnCard(config, *keys, now_ms);
  if (!card.ok()) {
    log.Error("{}", card.status().message());
    return kExitConfig;
  }
  std::fputs(protocol::ArmorNodeCard(*card).c_str(), stdout);
  return 0;
}

// --check-store: the whole store read and checked, with the node stopped.
int CheckStoreOnce(const citynet::node::NodeConfig& config, citynet::node::Logger& log) {
  using namespace citynet;
  using namespace citynet::node;
  const std::string path = config.data_dir + "/store";
  // RocksDB writes its log and manifest when it opens a store: as root, in a store the daemon
  // owns, those files would be root's and the next start would fail on them.
  struct stat st {};
  if (::geteuid() == 0 && ::stat(path.c_str(), &st) == 0 && st.st_uid != 0) {
    log.Error(
        "{} belongs to uid {}: run --check-store as that user (e.g. sudo -u citynet), "
        "not as root, so that the files it writes stay the daemon's",
        path, st.st_uid);
    return kExitError;
  }
  auto report = CheckStore(path);
  if (!report.ok()) {
    log.Error("{}", report.status().message());
    return kExitError;
  }
  for (const std::string& p : report->problems) std::printf("problem: %s\n", p.c_str());
  if (report->problems_found > report->problems.size()) {
    std::printf("... and %llu more\n",
                static_cast<unsigned long long>(report->problems_found - report->problems.size()));
  }
  std::printf(
      "%s: %llu records (%llu with their payload), %llu dataset bodies (%llu chunks): "
      "%s\n",
      path.c_str(), static_cast<unsigned long long>(report->records),
      static_cast<unsigned long long>(report->payloads),
      static_cast<unsigned long long>(report->bodies),
      static_cast<unsigned long long>(report->chunks),
      report->problems_found == 0 ? "sound"
                                  : "DAMAGED: restore the data directory from a backup "
                                    "(docs/backup-restore.md), keeping this copy for inspection");
  return report->problems_found == 0 ? 0 : kExitError;
}

// --restored and --end-restore-hold: the restore hold put in place or ended.
int SetRestoreHold(const citynet::node::NodeConfig& config, bool mark_restored,
                   citynet::node::Logger& log) {
  using namespace citynet;
  using namespace citynet::node;
  std::set<std::string> networks;
  if (mark_restored) {
    // Without the node's own signing key the daemon would make a new one: a new identity,
    // for which a hold means nothing. The keys go back first.
    const std::string key = config.key_dir + "/signing.key";
    if (::access(key.c_str(), F_OK) != 0) {
      log.Error("{} is missing: put the node's keys back first (docs/backup-restore.md, step 2)",
                key);
      return kExitError;
    }
    networks.insert(config.networks.begin(), config.networks.end());
  }
  if (Status s = WriteRestoreHold(config, networks); !s.ok()) {
    log.Error("{}", s.message());
    return kExitError;
  }
  if (mark_restored) {
    std::printf(
        "%s: the node signs nothing in %s until every partner there has shown its copy of "
        "this node's records. Start the node; `citynet node status` shows the progress.\n",
        RestoreHoldPath(config).c_str(), fmt::format("{}", fmt::join(networks, ", ")).c_str());
  } else {
    std::printf("no restore hold: the node signs again from its next start\n");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace citynet;
  using namespace citynet::node;
  auto parsed = ParseArgs(argc, argv);
  if (const int* code = std::get_if<int>(&parsed)) return *code;
  const Options& o = std::get<Options>(parsed);

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
  auto config = LoadConfig(o.config_path);
  if (!config.ok()) {
    log.Error("{}", config.status().message());
    return config.status().code() == StatusCode::kInvalidArgument ? kExitConfig : kExitError;
  }
  if (o.check_only) {
    for (const std::string& w : config->warnings) std::fprintf(stderr, "%s\n", w.c_str());
    std::fputs(ToString(*config).c_str(), stdout);
    return 0;
  }
  if (o.init_only) return PrintOwnCard(*config, log);
  if (o.check_store) return CheckStoreOnce(*config, log);
  if (o.mark_restored || o.end_hold) return SetRestoreHold(*config, o.mark_restored, log);

  // What the node takes from the world: the system clock, RocksDB on disk, libsodium.
  auto daemon = Daemon::Start(std::move(config).value(), log, Environment::Real());
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
