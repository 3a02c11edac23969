#include "tools/cli/setup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "node/config/parse.h"
#include "node/config/schema.h"
#include "node/config/validate.h"
#include "protocol/crypto.h"
#include "protocol/keyfile.h"
#include "protocol/node_card.h"
#include "protocol/toml_text.h"
#include "protocol/vocabulary.h"
#include "tools/cli/common.h"
#include "tools/cli/display.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/output.h"
#include "tools/control_client.h"

namespace citynet::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

using node::kDefaultConfigPath;
using node::kMaxCardFileBytes;
using node::kMaxConfigFileBytes;

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// ---- text -------------------------------------------------------------------------------------

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsBlank(std::string_view line) { return Trim(line).empty(); }
bool IsComment(std::string_view line) { return Trim(line).starts_with('#'); }

// Text from a card for a comment line: control characters would end the comment.
std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return out;
}

// "ab12 cd34 ...": a key in groups of four, easier to read out on the phone.
std::string Grouped(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 4) {
    if (!out.empty()) out += ' ';
    out += hex.substr(i, 4);
  }
  return out;
}

// The lines of a text, numbered from 1 as toml++ numbers them.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {
    begins_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' && i + 1 < text.size()) begins_.push_back(i + 1);
    }
  }
  int count() const { return static_cast<int>(begins_.size()); }
  // Offset of line n's first byte; the text's size for n == count() + 1.
  std::size_t Begin(int n) const {
    return n > count() ? text_.size() : begins_[static_cast<std::size_t>(n - 1)];
  }
  // Line n without its line end.
  std::string_view Line(int n) const {
    std::string_view line = text_.substr(Begin(n), Begin(n + 1) - Begin(n));
    if (line.ends_with('\n')) line.remove_suffix(1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    return line;
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> begins_;
};

// ---- the config as TOML -------------------------------------------------------------------------

Result<toml::table> ParseToml(std::string_view text, const std::string& path) {
  try {
    return toml::parse(text, std::string_view(path));
  } catch (const toml::parse_error& e) {
    const toml::source_position& at = e.source().begin;
    return InvalidArgument(fmt::format("{}{}:{}: syntax error: {}", path.empty() ? "" : path + ":",
                                       at.line, at.column, e.description()));
  }
}

int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Where the tables of a config file start.
struct Layout {
  std::vector<int> headers;   // lines of every table header ("[x]", "[[x]]"), ascending
  std::vector<int> partners;  // lines of the [[partner]] headers, in file order
};

void CollectHeaders(const toml::table& table, const Lines& lines, std::vector<int>& headers) {
  auto add = [&lines, &headers](const toml::table& t) {
    const int line = LineOf(t);
    // Tables made by dotted keys have no header line of their own.
    if (!t.is_inline() && line >= 1 && line <= lines.count() &&
        Trim(lines.Line(line)).starts_with('[')) {
      headers.push_back(line);
    }
  };
  for (auto&& [key, value] : table) {
    if (const toml::table* sub = value.as_table()) {
      add(*sub);
      CollectHeaders(*sub, lines, headers);
    } else if (const toml::array* list = value.as_array(); list && list->is_array_of_tables()) {
      for (const toml::node& element : *list) {
        add(*element.as_table());
        CollectHeaders(*element.as_table(), lines, headers);
      }
    }
  }
}

// InvalidArgument "PATH:LINE: ..." when the partners are not written as [[partner]] blocks.
Result<Layout> ReadLayout(const toml::table& root, const Lines& lines, const std::string& path) {
  const std::string at = path.empty() ? "" : path + ":";
  Layout layout;
  CollectHeaders(root, lines, layout.headers);
  std::sort(layout.headers.begin(), layout.headers.end());
  if (const toml::node* partner = root.get("partner")) {
    const toml::array* list = partner->as_array();
    if (list == nullptr || !list->is_array_of_tables()) {
      return InvalidArgument(
          fmt::format("{}{}: partner must be written [[partner]], one block per "
                      "partner",
                      at, LineOf(*partner)));
    }
    for (const toml::node& element : *list) {
      const toml::table& t = *element.as_table();
      if (t.is_inline()) {
        return InvalidArgument(fmt::format(
            "{}{}: write each partner as a [[partner]] block, not inline", at, LineOf(t)));
      }
      layout.partners.push_back(LineOf(t));
    }
  }
  return layout;
}

// The first table header after line `after`, or 0.
int NextHeader(const Layout& layout, int after) {
  auto it = std::upper_bound(layout.headers.begin(), layout.headers.end(), after);
  return it == layout.headers.end() ? 0 : *it;
}

// The first of the comment lines directly above header line `header` (and below line `after`):
// they introduce that table, so a block before them ends above them.
int LeadInStart(const Lines& lines, int header, int after) {
  int start = header;
  while (start - 1 > after && IsComment(lines.Line(start - 1))) --start;
  return start;
}

// ---- files ------------------------------------------------------------------------------------

Status FileError(std::string_view verb, const std::string& path, int err) {
  const std::string what = fmt::format("cannot {} {}: {}", verb, path, std::strerror(err));
  if (err == EACCES || err == EPERM || err == EROFS) {
    return PermissionDenied(what + ": run the command as a user who may (e.g. with sudo)");
  }
  if (err == ENOENT || err == ENOTDIR) return NotFound(what);
  return Internal(what);
}

struct FileText {
  std::string text;
  mode_t mode = 0;
};

// A small regular file. O_NONBLOCK keeps a FIFO in a card's place from hanging the command.
Result<FileText> ReadSmallFile(const std::string& path, std::size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return FileError("read", path, errno);
  FileText out;
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return FileError("read", path, err);
  }
  out.mode = st.st_mode & 07777;
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return InvalidArgument(fmt::format("{} is not a regular file", path));
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return InvalidArgument(
        fmt::format("{} is {} bytes, more than the {} such a file may have: is "
                    "it the right file?",
                    path, st.st_size, max_bytes));
  }
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return FileError("read", path, err);
    }
    if (n == 0) break;
    out.text.append(buffer, static_cast<std::size_t>(n));
    if (out.text.size() > max_bytes) {
      ::close(fd);
      return InvalidArgument(
          fmt::format("{} grew past {} bytes while being read", path, max_bytes));
    }
  }
  ::close(fd);
  return out;
}

// Writes a temporary file beside `path` and renames it over `path`, so that a reader (citynetd
// reloading) sees the old file or the new one, never half of one.
Status WriteFileAtomically(const std::string& path, std::string_view text, mode_t mode) {
  std::string tmp = path + ".tmp-XXXXXX";
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return FileError("write", path, errno);
  auto fail = [&tmp, &path, fd](int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return FileError("write", path, err);
  };
  if (::fchmod(fd, mode) != 0) return fail(errno);
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(errno);
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail(errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return FileError("write", path, err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return FileError("write", path, err);
  }
  // The rename itself is durable once the directory is.
  const std::string dir = fs::path(path).parent_path().string();
  const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return Status::Ok();
}

// mkdir -p: missing parents get 0755, `path` itself `mode` (whatever the umask). `created` says
// whether `path` was made here.
Status MakeDirs(const std::string& path, mode_t mode, bool* created = nullptr) {
  if (created != nullptr) *created = false;
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::Ok();
  const fs::path p(path);
  if (p.has_parent_path() && p.parent_path() != p) {
    CITYNET_RETURN_IF_ERROR(MakeDirs(p.parent_path().string(), 0755));
  }
  if (::mkdir(path.c_str(), mode) != 0) {
    if (errno == EEXIST && fs::is_directory(path, ec)) return Status::Ok();
    return FileError("create directory", path, errno);
  }
  ::chmod(path.c_str(), mode);
  if (created != nullptr) *created = true;
  return Status::Ok();
}

bool Exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

std::string Absolute(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(path), ec);
  if (ec) p = fs::path(path);
  std::string s = p.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// ---- values on the command line ---------------------------------------------------------------
// Judged by citynetd's own rules (node/config/validate.h), so that a value the CLI accepts is one
// the daemon loads; the messages name the flag instead of the config key.

std::optional<std::string> FlagProblem(std::string_view flag,
                                       const std::optional<std::string>& problem) {
  if (!problem) return std::nullopt;
  return fmt::format("{}: {}", flag, *problem);
}

// The values of a repeatable flag that becomes one list in the config: each checked by `check`,
// none given twice.
std::optional<std::string> ListFlagProblem(
    std::string_view flag, const std::vector<std::string>& values,
    const std::function<std::optional<std::string>(const std::string&)>& check) {
  for (const std::string& v : values) {
    if (auto bad = FlagProblem(flag, check(v))) return bad;
  }
  if (auto repeated = node::RepeatedValue(values)) {
    return fmt::format("{} '{}' is given twice", flag, *repeated);
  }
  return std::nullopt;
}

std::optional<std::string> ControlProblem(std::string_view value) {
  return FlagProblem("--control", node::ControlEndpointProblem(value, Absolute(".")));
}

// The problems of --network values: bad slugs and repeats.
std::optional<std::string> NetworksProblem(const std::vector<std::string>& networks) {
  if (networks.empty()) return "give at least one --network";
  return ListFlagProblem("--network", networks,
                         [](const std::string& n) { return node::SlugProblem(n); });
}

// ---- cards --------------------------------------------------------------------------------------

// A card file read and verified: the signed bytes and what they say.
struct VerifiedCard {
  protocol::SignedNodeCard signed_card;
  protocol::NodeCard card;
};

// InvalidArgument (not a card) or Unauthenticated / InvalidArgument (does not verify), with
// the file named; the read errors of ReadSmallFile.
Result<VerifiedCard> ReadCard(const std::string& path) {
  CITYNET_ASSIGN_OR_RETURN(FileText file, ReadSmallFile(path, kMaxCardFileBytes));
  auto signed_card = protocol::DearmorNodeCard(file.text);
  if (!signed_card.ok()) {
    return InvalidArgument(
        fmt::format("{} is not a readable node card: {}", path, signed_card.status().message()));
  }
  auto card = protocol::VerifyNodeCard(*signed_card);
  if (!card.ok()) {
    return Status(card.status().code(),
                  fmt::format("{}: the card does not verify ({}): it was altered or damaged on "
                              "the way; ask the partner to send it again",
                              path, card.status().message()));
  }
  return VerifiedCard{std::move(signed_card).value(), std::move(card).value()};
}

// ---- the config file as the peer commands see it ------------------------------------------------

struct Partner {
  int line = 0;               // of its [[partner]] header
  std::string card_path;      // absolute
  std::string name;           // from the card, or the card file's stem when it cannot be read
  std::string signing_key;    // hex, "" when the card cannot be read
  std::string transport_key;  // hex, "" when the card cannot be read
  std::string card_problem;   // why the card cannot be read, "" when it could
};

struct ConfigFile {
  std::string path;  // absolute
  std::string dir;
  std::string text;
  mode_t mode = 0644;
  std::string node_name;
  std::vector<std::string> networks;  // [node] networks
  std::string control;                // [listen] control, or citynetd's default
  bool listen_written_empty = false;  // [listen] endpoints = []: nothing accepts partners
  std::vector<Partner> partners;      // in file order
};

// NotFound (with the fix) when there is no config; InvalidArgument when it is not valid TOML or
// has no usable [node] networks.
Result<ConfigFile> LoadConfigFile(const std::string& given_path) {
  ConfigFile config;
  config.path = Absolute(given_path);
  config.dir = fs::path(config.path).parent_path().string();
  auto file = ReadSmallFile(config.path, kMaxConfigFileBytes);
  if (!file.ok()) {
    if (file.status().code() == StatusCode::kNotFound) {
      return NotFound(
          fmt::format("there is no config file {}: set the node up first with "
                      "`citynet init`, or name the config with --config",
                      config.path));
    }
    return file.status();
  }
  config.text = std::move(file->text);
  config.mode = file->mode;
  CITYNET_ASSIGN_OR_RETURN(toml::table root, ParseToml(config.text, config.path));
  const Lines lines(config.text);
  CITYNET_ASSIGN_OR_RETURN(Layout layout, ReadLayout(root, lines, config.path));

  if (auto name = root["node"]["name"].value<std::string>()) config.node_name = *name;
  if (const toml::array* networks = root["node"]["networks"].as_array()) {
    for (const toml::node& n : *networks) {
      if (auto s = n.value<std::string>()) config.networks.push_back(*s);
    }
  }
  if (config.networks.empty()) {
    return InvalidArgument(
        fmt::format("{}: [node] networks is missing or empty: list the "
                    "networks this node belongs to there first",
                    config.path));
  }
  config.control = root["listen"]["control"].value_or(std::string(node::kDefaultControlEndpoint));
  if (const toml::array* endpoints = root["listen"]["endpoints"].as_array()) {
    config.listen_written_empty = endpoints->empty();
  }

  if (const toml::array* list = root["partner"].as_array()) {
    std::size_t i = 0;
    for (const toml::node& element : *list) {
      Partner p;
      p.line = layout.partners.at(i++);
      const std::string card = element.as_table()->get("card") != nullptr
                                   ? element.as_table()->get("card")->value_or(std::string())
                                   : std::string();
      if (card.empty()) {
        p.card_problem = "no card";
      } else {
        const fs::path card_path(card);
        p.card_path = card_path.is_absolute()
                          ? card_path.lexically_normal().string()
                          : (fs::path(config.dir) / card_path).lexically_normal().string();
        p.name = fs::path(p.card_path).stem().string();
        auto loaded = ReadCard(p.card_path);
        if (loaded.ok()) {
          p.name = loaded->card.name;
          p.signing_key = loaded->card.signing_key.Hex();
          p.transport_key = loaded->card.transport_key.Hex();
        } else {
          p.card_problem = loaded.status().message();
        }
      }
      config.partners.push_back(std::move(p));
    }
  }
  return config;
}

// ---- asking citynetd to reload ----------------------------------------------------------------

struct ReloadOutcome {
  enum Kind { kReloaded, kNotRunning, kRefused, kUnknown } kind = kReloaded;
  Status status;
};

ReloadOutcome AskReload(const std::string& endpoint) {
  auto client = tools::ControlClient::Connect(endpoint, std::chrono::seconds(10));
  if (!client.ok()) {
    const StatusCode code = client.status().code();
    if (code == StatusCode::kUnavailable || code == StatusCode::kPermissionDenied ||
        code == StatusCode::kNotFound || code == StatusCode::kInvalidArgument) {
      return {ReloadOutcome::kNotRunning, client.status()};
    }
    return {ReloadOutcome::kUnknown, client.status()};
  }
  auto reloaded = client->Call("node.reload");
  if (reloaded.ok()) return {ReloadOutcome::kReloaded, Status::Ok()};
  const StatusCode code = reloaded.status().code();
  if (code == StatusCode::kUnavailable || code == StatusCode::kDeadlineExceeded) {
    return {ReloadOutcome::kUnknown, reloaded.status()};
  }
  return {ReloadOutcome::kRefused, reloaded.status()};
}

// ---- the commands -------------------------------------------------------------------------------

struct InitFlags {
  std::string name;
  std::string display_name;
  std::vector<std::string> networks;
  std::string config = std::string(kDefaultConfigPath);
  std::string data_dir = std::string(node::kDefaultDataDir);
  std::vector<std::string> listen;
  std::vector<std::string> advertise;
  std::string control = std::string(node::kDefaultControlEndpoint);
  bool force = false;
  bool json = false;
};

struct PeerFlags {
  std::string card_file;  // add
  std::string name;       // remove
  std::vector<std::string> networks;
  std::string endpoint;
  bool no_dial = false;
  std::string config = std::string(kDefaultConfigPath);
  std::string control;  // "" = the config's (add, remove) or $CITYNET_CONTROL (list)
  bool json = false;
};

struct InitPlan;

// What the four commands share: where output goes.
class Setup : public CommandRun {
 public:
  using CommandRun::CommandRun;

  int Init(const InitFlags& flags);
  int PeerAdd(const PeerFlags& flags);
  int PeerRemove(const PeerFlags& flags);
  int PeerList(const PeerFlags& flags);

 private:
  int Error(int code, std::string_view message) {
    out_.flush();
    err_ << "citynet: error: " << message << "\n";
    return code;
  }
  int Fail(const Status& status) { return Error(ExitCodeFor(status), status.message()); }
  void Warn(std::string_view message) {
    out_.flush();
    err_ << style_.Yellow("warning: ") << message << "\n";
    err_.flush();
  }
  // Text for the person, on stderr; stdout keeps what a script wants (the card, the table).
  void Tell(std::string_view text) {
    out_.flush();
    err_ << text;
    err_.flush();
  }
  void ShowCard(const std::string& card_file, const protocol::NodeCard& card);
  int WritePartner(const ConfigFile& config, const VerifiedCard& read,
                   const std::vector<std::string>& networks, const std::string& endpoint,
                   std::function<Status()>* undo);
  // The files `init` wrote and the next steps, or one JSON document.
  int ReportInit(const InitFlags& flags, const InitPlan& plan, const std::string& armored,
                 const std::string& signing_key, const std::vector<std::string>& created);
  // Asks citynetd to reload after `config` changed; on a refusal, `undo` puts the files back.
  // Returns the exit code and says what happened.
  int Reload(const ConfigFile& config, const std::string& control, bool json_output,
             const std::function<Status()>& undo, json* report);
};

// The opening comment: what the file is and how to check it.
std::string ConfigHeaderText(const std::string& config_path, int64_t now_ms) {
  std::string t;
  t += fmt::format(
      "# citynetd configuration, written by `citynet init` on {}.\n"
      "#\n"
      "# Check it after any change with\n"
      "#\n"
      "#     citynetd --check-config --config {}\n"
      "#\n"
      "# which lists every problem at once, each with its line, and prints the effective\n"
      "# configuration with every default filled in. `systemctl reload citynetd` (SIGHUP) applies\n"
      "# a change of partners or log level; other changes take effect at the next start.\n"
      "#\n"
      "# The file is TOML (https://toml.io). Strings are in double quotes; lists are [ ... ].\n"
      "# Relative paths are resolved against the directory of this file.\n"
      "#\n"
      "# This file decides which partners the node trusts. Keep it, and the partner card files,\n"
      "# writable only by root: citynetd refuses a config file or card file that any user may\n"
      "# change. It holds no secret: the node's keys are files under key_dir.\n"
      "\n",
      FormatDate(now_ms), config_path);
  return t;
}

std::string NodeSectionText(const InitFlags& f, const std::string& data_dir,
                            const std::string& key_dir) {
  std::string t;
  t += fmt::format(
      "[node]\n"
      "# The node's name: lower case a-z, 0-9 and '-'. It goes on this node's card, and partners\n"
      "# know the node by it; changing it later means sending every partner a new card.\n"
      "name = {}\n"
      "\n"
      "# The name partners see.\n"
      "display_name = {}\n"
      "\n"
      "# Where the record store lives.\n"
      "data_dir = {}\n"
      "\n"
      "# Where the node's two secret keys live: signing.key (its identity) and transport.key\n"
      "# (encryption), mode 0600. Back them up: a node that loses its signing key needs a new\n"
      "# card, and every partner has to accept it again.\n"
      "key_dir = {}\n"
      "\n"
      "# The networks this node belongs to. Each [[partner]] below shares some of them.\n"
      "networks = {}\n"
      "\n",
      protocol::TomlString(f.name), protocol::TomlString(f.display_name),
      protocol::TomlString(data_dir), protocol::TomlString(key_dir),
      protocol::TomlStringList(f.networks));
  return t;
}

std::string ListenSectionText(const InitFlags& f, const std::vector<std::string>& listen) {
  std::string t;
  t += fmt::format(
      "[listen]\n"
      "# Where the node accepts connections from partners: tcp://HOST:PORT. 0.0.0.0 (IPv4), [::]\n"
      "# (IPv6) or * listen on every interface. Open this port in the firewall for your\n"
      "# partners. [] means the node only dials out and accepts no partner connection.\n"
      "endpoints = {}\n"
      "\n"
      "# The addresses partners dial to reach this node, as they see it from outside (after NAT\n"
      "# or a load balancer). They go on this node's card. Default: the endpoints above that are\n"
      "# not wildcards.\n",
      protocol::TomlStringList(listen));
  if (f.advertise.empty()) {
    t += "# advertise = [\"tcp://node.example.org:7400\"]\n";
  } else {
    t += fmt::format("advertise = {}\n", protocol::TomlStringList(f.advertise));
  }
  t += fmt::format(
      "\n"
      "# The control socket that the `citynet` command line tool talks to. Whoever can open it\n"
      "# controls the node, so it is always a Unix socket (ipc:// and an absolute path), guarded\n"
      "# by file permissions.\n"
      "control = {}\n"
      "\n"
      "# Prometheus metrics, HOST:PORT. Off when left out or \"\".\n"
      "# Only loopback addresses (127.0.0.1, [::1], localhost) unless allow_remote_metrics = "
      "true.\n"
      "# metrics = \"127.0.0.1:9464\"\n"
      "# allow_remote_metrics = false\n"
      "\n",
      protocol::TomlString(f.control));
  return t;
}

// A number as the file's comments show it: digits grouped by underscores from 10_000 up.
std::string TomlNumber(uint64_t n) {
  std::string digits = std::to_string(n);
  if (digits.size() < 5) return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '_';
    out += digits[i];
  }
  return out;
}

// [limits], every line commented out with citynetd's default and bounds (node/config/schema.h),
// and [log] at its default.
std::string LimitsAndLogText() {
  const node::LimitsConfig d;
  static_assert(node::kMaxPeerQueueBytes == uint64_t{4} << 30, "the comment says 4 GiB");
  std::string t =
      "[limits]\n"
      "# What one partner, or all of them together, may cost this node. The defaults suit a city\n"
      "# node; uncomment a line to change it. citynetd refuses values outside the bounds shown.\n"
      "#\n";
  t += fmt::format(
      "# Largest message from a peer, in bytes ({} to {}): at least one record.\n"
      "# max_message_bytes = {}\n",
      node::kMinMessageBytes, node::kMaxMessageBytes, TomlNumber(d.max_message_bytes));
  t += fmt::format(
      "# Direct connections at most ({} to {}). Records still reach the rest through relay.\n"
      "# max_peers = {}\n",
      node::kMinPeers, node::kMaxPeers, TomlNumber(static_cast<uint64_t>(d.max_peers)));
  t += fmt::format(
      "# Records per second accepted from one peer ({} to {}).\n"
      "# peer_rate_records_per_s = {}\n",
      node::kMinPeerRate, node::kMaxPeerRate,
      TomlNumber(static_cast<uint64_t>(d.peer_rate_records_per_s)));
  t += fmt::format(
      "# Bytes queued for one peer (max_message_bytes to 4 GiB).\n"
      "# peer_queue_bytes = {}\n",
      TomlNumber(d.peer_queue_bytes));
  t += fmt::format(
      "# Records that arrived before their predecessor and wait for it ({} to {}).\n"
      "# pending_records = {}\n",
      node::kMinPendingRecords, node::kMaxPendingRecords, TomlNumber(d.pending_records));
  t += fmt::format(
      "# Seconds between catch-up exchanges with each peer ({} to {}).\n"
      "# catch_up_interval_s = {}\n",
      node::kMinCatchUpInterval.count(), node::kMaxCatchUpInterval.count(),
      TomlNumber(static_cast<uint64_t>(d.catch_up_interval.count())));
  t += fmt::format(
      "# Seconds without anything from a partner (heartbeats go every third of it) before its\n"
      "# connection is dropped and it shows as disconnected ({} to {}).\n"
      "# heartbeat_timeout_s = {}\n",
      node::kMinHeartbeatTimeout.count(), node::kMaxHeartbeatTimeout.count(),
      TomlNumber(static_cast<uint64_t>(d.heartbeat_timeout.count())));
  t += fmt::format(
      "\n"
      "[log]\n"
      "# debug, info, notice, warning or error.\n"
      "level = {}\n"
      "\n",
      protocol::TomlString(node::LogLevelName(node::NodeConfig{}.log_level)));
  return t;
}

// How partners are added: the file's last comment, above the blocks `citynet peer add` appends.
std::string PartnersIntroText() {
  return "# Partners: one [[partner]] block per partner node, below. A partner is known by its "
         "node\n"
         "# card, the text block (-----BEGIN CITYNET NODE CARD-----) it sends you. Before you "
         "trust\n"
         "# a card, compare its Signing-Key line with the partner over a channel you trust (a "
         "call).\n"
         "# Then add it with\n"
         "#\n"
         "#     citynet peer add PARTNER.card --network NETWORK [--endpoint tcp://HOST:PORT]\n"
         "#\n"
         "# which checks the card's signature, copies it to the partners/ directory beside this\n"
         "# file, adds its block here and tells a running citynetd to reload. `citynet peer "
         "remove\n"
         "# NAME` takes a block out again. A block holds:\n"
         "#\n"
         "#   card      the card file\n"
         "#   networks  the networks you share with this partner: each must be in node.networks\n"
         "#   endpoint  where to dial the partner: tcp://HOST:PORT. Default: the first endpoint "
         "on\n"
         "#             its card. \"none\" when the partner dials this node (you have the open "
         "port).\n";
}

// The config file `citynet init` writes: every value it was given, every default it was not
// as a comment, and how to go on.
std::string ConfigText(const InitFlags& f, const std::string& data_dir, const std::string& key_dir,
                       const std::vector<std::string>& listen, const std::string& config_path,
                       int64_t now_ms) {
  return ConfigHeaderText(config_path, now_ms) + NodeSectionText(f, data_dir, key_dir) +
         ListenSectionText(f, listen) + LimitsAndLogText() + PartnersIntroText();
}

// What `citynet init` will write, from its flags: checked in full and made absolute before
// anything is written.
struct InitPlan {
  std::string config_path;
  std::string data_dir;
  std::string key_dir;
  std::string card_path;
  std::string config_text;
  protocol::NodeCard card;  // as citynetd will sign it, but for the transport key
};

// Every check of the command line, by citynetd's rules: the problem with a flag named, or
// std::nullopt. `listen` is --listen or citynetd's default.
std::optional<std::string> InitFlagsProblem(const InitFlags& flags,
                                            const std::vector<std::string>& listen) {
  if (auto bad = protocol::CheckSlug("--name", flags.name)) return bad;
  if (auto bad = node::DisplayNameProblem("--display-name", flags.display_name)) return bad;
  if (auto bad = NetworksProblem(flags.networks)) return bad;
  if (auto bad = ListFlagProblem("--listen", listen, [](const std::string& e) {
        return node::TcpEndpointProblem(e, true);
      })) {
    return bad;
  }
  if (auto bad = ListFlagProblem("--advertise", flags.advertise, [](const std::string& e) {
        return node::TcpEndpointProblem(e, false, "this node");
      })) {
    return bad;
  }
  if (auto bad = ControlProblem(flags.control)) return bad;
  if (flags.config.empty()) return "--config is empty";
  return node::DirectoryPathProblem("--data-dir", flags.data_dir);
}

// The plan for `flags`, or InvalidArgument with the first problem of the command line.
Result<InitPlan> PlanInit(const InitFlags& flags) {
  std::vector<std::string> listen = flags.listen;
  if (listen.empty()) listen.emplace_back(node::kDefaultListenEndpoint);
  if (auto bad = InitFlagsProblem(flags, listen)) return InvalidArgument(*bad);
  InitPlan plan;
  plan.config_path = Absolute(flags.config);
  plan.data_dir = Absolute(flags.data_dir);
  plan.key_dir = plan.data_dir + "/keys";
  plan.card_path = plan.data_dir + "/node.card";
  plan.config_text =
      ConfigText(flags, plan.data_dir, plan.key_dir, listen, plan.config_path, WallMs());
  // The file as citynetd will load it: the flags' checks above are its rules, and this makes
  // sure that what they let through is a whole file it accepts.
  auto loaded = node::ParseConfig(plan.config_text, plan.config_path,
                                  fs::path(plan.config_path).parent_path().string());
  if (!loaded.ok()) {
    return InvalidArgument(fmt::format("citynetd would refuse the config these values make:\n{}",
                                       loaded.status().message()));
  }
  // What the card says, as citynetd will say it (node/daemon.cc MakeOwnCard).
  plan.card.name = flags.name;
  plan.card.display_name = flags.display_name;
  plan.card.networks = flags.networks;
  plan.card.endpoints = loaded->listen.advertise;
  plan.card.issued_at_ms = WallMs();
  // A card signed by a throwaway key shows every problem of the values before a key or a file
  // exists.
  protocol::NodeCard trial = plan.card;
  trial.transport_key = protocol::TransportKey::Generate().public_key();
  auto signed_trial = protocol::SignNodeCard(protocol::SigningKey::Generate(), std::move(trial));
  if (!signed_trial.ok()) return signed_trial.status();
  return plan;
}

// This node's keys, created when missing and never replaced (they are the node's identity).
struct NodeKeys {
  protocol::SigningKey signing;
  protocol::TransportKey transport;
  std::vector<std::string> created;  // the key files made now
};

Result<NodeKeys> EnsureKeys(const std::string& data_dir, const std::string& key_dir) {
  CITYNET_RETURN_IF_ERROR(MakeDirs(data_dir, 0750));
  CITYNET_RETURN_IF_ERROR(MakeDirs(key_dir, 0700));
  const std::string signing_path = key_dir + "/signing.key";
  const std::string transport_path = key_dir + "/transport.key";
  std::vector<std::string> created;
  if (!Exists(signing_path)) {
    CITYNET_RETURN_IF_ERROR(
        protocol::WriteSigningKeyFile(signing_path, protocol::SigningKey::Generate()));
    created.push_back(signing_path);
  }
  if (!Exists(transport_path)) {
    CITYNET_RETURN_IF_ERROR(
        protocol::WriteTransportKeyFile(transport_path, protocol::TransportKey::Generate()));
    created.push_back(transport_path);
  }
  CITYNET_ASSIGN_OR_RETURN(protocol::SigningKey signing,
                           protocol::LoadSigningKeyFile(signing_path));
  CITYNET_ASSIGN_OR_RETURN(protocol::TransportKey transport,
                           protocol::LoadTransportKeyFile(transport_path));
  return NodeKeys{std::move(signing), std::move(transport), std::move(created)};
}

int Setup::Init(const InitFlags& flags) {
  if (Status s = protocol::InitCrypto(); !s.ok()) return Fail(s);
  auto plan = PlanInit(flags);
  if (!plan.ok()) return Error(kExitUsage, plan.status().message());
  if (Exists(plan->config_path) && !flags.force) {
    return Error(kExitRefused,
                 fmt::format("{} exists already: this node looks set up (see it with `citynetd "
                             "--check-config --config {}`). Run again with --force to replace "
                             "the file; the keys in {} are kept either way",
                             plan->config_path, plan->config_path, plan->key_dir));
  }
  if (Exists(plan->config_path) && fs::is_directory(plan->config_path)) {
    return Error(kExitUsage,
                 fmt::format("--config {} is a directory: name the file", plan->config_path));
  }

  auto keys = EnsureKeys(plan->data_dir, plan->key_dir);
  if (!keys.ok()) return Fail(keys.status());
  protocol::NodeCard card = plan->card;
  card.transport_key = keys->transport.public_key();
  auto signed_card = protocol::SignNodeCard(keys->signing, card);
  if (!signed_card.ok()) return Fail(signed_card.status());
  const std::string armored = protocol::ArmorNodeCard(*signed_card);

  const std::string config_dir = fs::path(plan->config_path).parent_path().string();
  if (Status s = MakeDirs(config_dir, 0755); !s.ok()) return Fail(s);
  if (Status s = WriteFileAtomically(plan->config_path, plan->config_text, 0644); !s.ok()) {
    return Fail(s);
  }
  if (Status s = WriteFileAtomically(plan->card_path, armored, 0644); !s.ok()) return Fail(s);
  return ReportInit(flags, *plan, armored, keys->signing.public_key().Hex(), keys->created);
}

int Setup::ReportInit(const InitFlags& flags, const InitPlan& plan, const std::string& armored,
                      const std::string& signing_key, const std::vector<std::string>& created) {
  if (flags.json) {
    PrintJson({{"config", plan.config_path},
               {"key_dir", plan.key_dir},
               {"card", armored},
               {"card_file", plan.card_path},
               {"signing_key", signing_key},
               {"keys_created", created}});
    return kExitOk;
  }
  std::string told = fmt::format("Wrote the config {}\n", plan.config_path);
  if (created.size() == 2) {
    told += fmt::format("Created this node's keys in {} (mode 0600): back them up\n", plan.key_dir);
  } else if (created.empty()) {
    told += fmt::format("Kept this node's keys in {}\n", plan.key_dir);
  } else {
    told += fmt::format("Kept the key in {} and created {}\n", plan.key_dir, created.front());
  }
  told += fmt::format("This node's card, also in {}:\n\n", plan.card_path);
  Tell(told);
  out_ << armored;
  if (!armored.ends_with('\n')) out_ << "\n";
  out_.flush();
  if (plan.card.endpoints.empty()) {
    Warn(
        "the card carries no endpoint (every --listen address is a wildcard and no --advertise "
        "was given): partners must add this node with --endpoint, or run init again with "
        "--advertise tcp://HOST:PORT --force");
  }
  Tell(fmt::format(
      "\nNext steps:\n"
      "  1. Send this card to each partner (the text above, or the file {}).\n"
      "  2. Call each partner and read out the Signing-Key line; check that the card they\n"
      "     received says the same. This node's signing key, in groups of four:\n"
      "       {}\n"
      "  3. Add each partner from the card it sent you, after comparing its key the same way:\n"
      "       citynet peer add PARTNER.card --network {}{}\n"
      "  4. Start the node: systemctl start citynetd  (or: citynetd --config {})\n",
      plan.card_path, Grouped(signing_key), flags.networks.front(),
      plan.config_path == kDefaultConfigPath ? "" : " --config " + plan.config_path,
      plan.config_path));
  return kExitOk;
}

int Setup::Reload(const ConfigFile& config, const std::string& control, bool json_output,
                  const std::function<Status()>& undo, json* report) {
  const std::string endpoint = control.empty() ? config.control : control;
  const ReloadOutcome outcome = AskReload(endpoint);
  (*report)["reloaded"] = outcome.kind == ReloadOutcome::kReloaded;
  switch (outcome.kind) {
    case ReloadOutcome::kReloaded:
      if (json_output) {
        PrintJson(*report);
      } else {
        Tell("citynetd reloaded its partners: the change is in effect.\n");
      }
      return kExitOk;
    case ReloadOutcome::kNotRunning:
      if (json_output) {
        PrintJson(*report);
      } else if (outcome.status.code() == StatusCode::kUnavailable) {
        Tell(fmt::format("The change is saved and takes effect when citynetd starts. {}.\n",
                         outcome.status.message()));
      } else {
        Tell(
            fmt::format("The change is saved, but citynetd could not be asked to apply it ({}): "
                        "run `systemctl reload citynetd`, or it takes effect at the next start.\n",
                        outcome.status.message()));
      }
      return kExitOk;
    case ReloadOutcome::kRefused: {
      // The daemon keeps its running configuration; the file must say the same.
      const Status undone = undo();
      if (!undone.ok()) {
        return Error(kExitError,
                     fmt::format("citynetd refused the new configuration:\n{}\nand the old "
                                 "file could not be put back: {}",
                                 outcome.status.message(), undone.message()));
      }
      return Error(kExitRefused,
                   fmt::format("citynetd refused the new configuration, so {} is as it was:\n{}",
                               config.path, outcome.status.message()));
    }
    case ReloadOutcome::kUnknown:
      break;
  }
  return Error(kExitError,
               fmt::format("the change is saved in {}, but whether citynetd applied it is not "
                           "known ({}): run `systemctl reload citynetd`",
                           config.path, outcome.status.message()));
}

// The checks citynetd makes when it loads the config (node/config/parse_partners.cc), so that
// the file never gets a block the daemon would refuse: the card is not this node's and not a
// partner's already, and each network given is this node's. The refusal, or std::nullopt.
std::optional<std::string> NewPartnerProblem(const ConfigFile& config,
                                             const protocol::NodeCard& card,
                                             const std::vector<std::string>& networks) {
  const std::string key = card.signing_key.Hex();
  if (!config.node_name.empty() && card.name == config.node_name) {
    return fmt::format(
        "the card is for '{}', which is this node's own name: use the card "
        "the partner sent you",
        card.name);
  }
  for (const Partner& p : config.partners) {
    if (p.name == card.name) {
      return fmt::format(
          "'{}' is a partner already (card {}, {} line {}): to replace its "
          "card, run `citynet peer remove {}` first",
          card.name, p.card_path, config.path, p.line, card.name);
    }
    if (!p.signing_key.empty() && p.signing_key == key) {
      return fmt::format(
          "this card has the signing key of the partner '{}' ({} line "
          "{}): it is the same node under another name",
          p.name, config.path, p.line);
    }
    if (!p.transport_key.empty() && p.transport_key == card.transport_key.Hex()) {
      return fmt::format(
          "this card has the transport key of the partner '{}' ({} line "
          "{}): a transport key belongs to one node; ask the partner for a "
          "fresh card",
          p.name, config.path, p.line);
    }
  }
  for (const std::string& n : networks) {
    if (std::find(config.networks.begin(), config.networks.end(), n) == config.networks.end()) {
      return fmt::format(
          "--network {} is not one of this node's networks ({}, in {}): "
          "add it to [node] networks first, or share another",
          n, fmt::join(config.networks, ", "), config.path);
    }
  }
  return std::nullopt;
}

// The endpoint to dial the partner at: --endpoint, "none" for --no-dial, else the first on its
// card. FailedPrecondition when there is none, or when the partner is to dial this node and
// nothing listens.
Result<std::string> PartnerEndpoint(const PeerFlags& flags, const ConfigFile& config,
                                    const protocol::NodeCard& card) {
  if (flags.no_dial) {
    if (auto bad = node::DialsInProblem(config.listen_written_empty)) {
      return FailedPrecondition(fmt::format("--no-dial: {} ({})", *bad, config.path));
    }
    return std::string("none");
  }
  if (!flags.endpoint.empty()) return flags.endpoint;
  if (card.endpoints.empty()) {
    return FailedPrecondition(
        "the card lists no endpoint: give --endpoint tcp://HOST:PORT to dial the partner, or "
        "--no-dial when it connects to this node");
  }
  return card.endpoints.front();
}

// The partner's card, shown for the phone call that confirms its key.
void Setup::ShowCard(const std::string& card_file, const protocol::NodeCard& card) {
  const std::string key = card.signing_key.Hex();
  std::string shown = fmt::format("Partner card {}\n", Absolute(card_file));
  auto field = [&shown](std::string_view name, const std::string& value) {
    shown += fmt::format("  {}{}\n", PadToWidth(name, 14), value.empty() ? "-" : value);
  };
  field("name", card.name);
  field("display name", card.display_name);
  field("signing key", key);
  field("", Grouped(key));
  field("networks", fmt::format("{}", fmt::join(card.networks, ", ")));
  field("endpoints", fmt::format("{}", fmt::join(card.endpoints, ", ")));
  shown += "Compare the signing key with the partner by phone before you rely on this node.\n";
  out_ << shown;
  out_.flush();
}

// The partner's card copied to partners/ beside the config, then the config with the block that
// names it. On success *undo puts both back as they were; on failure the exit code, the message
// printed and the card put back.
int Setup::WritePartner(const ConfigFile& config, const VerifiedCard& read,
                        const std::vector<std::string>& networks, const std::string& endpoint,
                        std::function<Status()>* undo) {
  const protocol::NodeCard& card = read.card;
  const std::string partners_dir = config.dir + "/partners";
  const std::string card_path = partners_dir + "/" + card.name + ".card";
  std::string block = "[[partner]]\n";
  block += fmt::format("# {}: {}, signing key {}, added on {} by `citynet peer add`\n", card.name,
                       OneLine(card.display_name), card.signing_key.Hex(), FormatDate(WallMs()));
  block += fmt::format("card = {}\n", protocol::TomlString(card_path));
  block += fmt::format("networks = {}\n", protocol::TomlStringList(networks));
  block += fmt::format("endpoint = {}\n", protocol::TomlString(endpoint));
  auto text = InsertPartnerBlock(config.text, block);
  if (!text.ok()) {
    return Error(kExitRefused, fmt::format("{}:{}", config.path, text.status().message()));
  }

  std::optional<std::string> old_card;  // a card file of that name left by an earlier remove
  if (auto previous = ReadSmallFile(card_path, kMaxCardFileBytes); previous.ok()) {
    old_card = previous->text;
  }
  if (Status s = MakeDirs(partners_dir, 0755); !s.ok()) return Fail(s);
  if (Status s = WriteFileAtomically(card_path, protocol::ArmorNodeCard(read.signed_card), 0644);
      !s.ok()) {
    return Fail(s);
  }
  // Puts the partners directory back as it was.
  auto undo_card = [card_path, old_card]() -> Status {
    if (old_card) return WriteFileAtomically(card_path, *old_card, 0644);
    if (::unlink(card_path.c_str()) != 0) return FileError("remove", card_path, errno);
    return Status::Ok();
  };
  if (Status s = WriteFileAtomically(config.path, *text, config.mode); !s.ok()) {
    (void)undo_card();  // best effort: the error to report is the config's
    return Fail(s);
  }
  *undo = [&config, undo_card]() -> Status {
    CITYNET_RETURN_IF_ERROR(WriteFileAtomically(config.path, config.text, config.mode));
    return undo_card();
  };
  return kExitOk;
}

// The command line of `peer add`, by citynetd's rules.
std::optional<std::string> PeerAddFlagsProblem(const PeerFlags& flags) {
  if (auto bad = NetworksProblem(flags.networks)) return bad;
  if (!flags.endpoint.empty()) {
    if (auto bad = FlagProblem("--endpoint",
                               node::TcpEndpointProblem(flags.endpoint, false, "the partner"))) {
      return bad;
    }
  }
  if (!flags.control.empty()) return ControlProblem(flags.control);
  return std::nullopt;
}

int Setup::PeerAdd(const PeerFlags& flags) {
  if (auto bad = PeerAddFlagsProblem(flags)) return Error(kExitUsage, *bad);
  if (Status s = protocol::InitCrypto(); !s.ok()) return Fail(s);

  auto read = ReadCard(flags.card_file);
  if (!read.ok()) {
    const StatusCode code = read.status().code();
    const bool untrusted = code == StatusCode::kInvalidArgument ||
                           code == StatusCode::kUnauthenticated ||
                           code == StatusCode::kUnimplemented;
    return Error(untrusted ? kExitRefused : ExitCodeFor(read.status()), read.status().message());
  }
  const protocol::NodeCard& card = read->card;
  auto loaded = LoadConfigFile(flags.config);
  if (!loaded.ok()) return Fail(loaded.status());
  const ConfigFile& config = *loaded;
  if (!flags.json) ShowCard(flags.card_file, card);

  if (auto refused = NewPartnerProblem(config, card, flags.networks)) {
    return Error(kExitRefused, *refused);
  }
  std::vector<std::string> unlisted;
  for (const std::string& n : flags.networks) {
    if (std::find(card.networks.begin(), card.networks.end(), n) == card.networks.end()) {
      unlisted.push_back(n);
    }
  }
  if (unlisted.size() == flags.networks.size()) {
    return Error(
        kExitRefused,
        fmt::format("the card lists none of the networks given ({}); it lists {}: is it "
                    "the right card? Give the networks you share, or ask the partner "
                    "for a fresh card",
                    fmt::join(flags.networks, ", "),
                    card.networks.empty() ? std::string("no network")
                                          : fmt::format("{}", fmt::join(card.networks, ", "))));
  }
  auto endpoint = PartnerEndpoint(flags, config, card);
  if (!endpoint.ok()) return Error(kExitRefused, endpoint.status().message());
  if (!unlisted.empty()) {
    Warn(
        fmt::format("the card does not list {}: the partner may not sync {} with this node; ask "
                    "them to confirm, or for a fresh card",
                    fmt::join(unlisted, ", "), unlisted.size() == 1 ? "it" : "them"));
  }

  const std::string card_path = config.dir + "/partners/" + card.name + ".card";
  for (const Partner& p : config.partners) {
    if (p.card_path == card_path) {
      return Error(kExitRefused, fmt::format("{} line {} names {} already, for '{}'", config.path,
                                             p.line, card_path, p.name));
    }
  }
  std::function<Status()> undo;
  if (int failed = WritePartner(config, *read, flags.networks, *endpoint, &undo); failed != 0) {
    return failed;
  }
  if (!flags.json) {
    out_ << fmt::format("Added {} ({}) to {}, sharing {}, {}.\nIts card is at {}.\n", card.name,
                        card.display_name, config.path, fmt::join(flags.networks, ", "),
                        *endpoint == "none" ? "waiting for it to connect" : "dialing " + *endpoint,
                        card_path);
    out_.flush();
  }
  json report = {{"name", card.name},
                 {"display_name", card.display_name},
                 {"signing_key", card.signing_key.Hex()},
                 {"networks", flags.networks},
                 {"endpoint", *endpoint == "none" ? json(nullptr) : json(*endpoint)},
                 {"card_file", card_path},
                 {"config", config.path}};
  return Reload(config, flags.control, flags.json, undo, &report);
}

int Setup::PeerRemove(const PeerFlags& flags) {
  if (!flags.control.empty()) {
    if (auto bad = ControlProblem(flags.control)) return Error(kExitUsage, *bad);
  }
  if (Status s = protocol::InitCrypto(); !s.ok()) return Fail(s);
  auto loaded = LoadConfigFile(flags.config);
  if (!loaded.ok()) return Fail(loaded.status());
  const ConfigFile& config = *loaded;

  // By the name on the card; a card that cannot be read is known by its file's name.
  std::vector<std::size_t> matches;
  for (std::size_t i = 0; i < config.partners.size(); ++i) {
    if (config.partners[i].name == flags.name) matches.push_back(i);
  }
  if (matches.empty()) {
    std::vector<std::string> names;
    for (const Partner& p : config.partners) names.push_back(p.name);
    return Error(
        kExitNotFound,
        fmt::format("no partner named '{}' in {}{}", flags.name, config.path,
                    names.empty() ? std::string(" (it has no partner)")
                                  : fmt::format(" (partners: {})", fmt::join(names, ", "))));
  }
  if (matches.size() > 1) {
    std::vector<int> at;
    for (std::size_t i : matches) at.push_back(config.partners[i].line);
    return Error(kExitRefused,
                 fmt::format("{} has {} [[partner]] blocks for '{}' (lines {}): edit the file by "
                             "hand",
                             config.path, matches.size(), flags.name, fmt::join(at, ", ")));
  }
  const Partner& partner = config.partners[matches.front()];
  auto text = RemovePartnerBlock(config.text, matches.front());
  if (!text.ok())
    return Error(kExitRefused, fmt::format("{}:{}", config.path, text.status().message()));
  if (Status s = WriteFileAtomically(config.path, *text, config.mode); !s.ok()) return Fail(s);

  if (!flags.json) {
    out_ << fmt::format("Removed {} from {}.\n", flags.name, config.path);
    if (!partner.card_path.empty()) {
      out_ << fmt::format("Its card stays at {}: delete it when you no longer need it.\n",
                          partner.card_path);
    }
    out_.flush();
  }
  json report = {
      {"name", flags.name},
      {"config", config.path},
      {"card_file", partner.card_path.empty() ? json(nullptr) : json(partner.card_path)}};
  auto undo = [&config]() { return WriteFileAtomically(config.path, config.text, config.mode); };
  return Reload(config, flags.control, flags.json, undo, &report);
}

int Setup::PeerList(const PeerFlags& flags) {
  std::string endpoint = flags.control;
  if (endpoint.empty() && !flags.config.empty()) {
    auto config = LoadConfigFile(flags.config);
    if (!config.ok()) return Fail(config.status());
    endpoint = config->control;
  }
  if (endpoint.empty()) endpoint = tools::DefaultControlEndpoint();
  auto client = tools::ControlClient::Connect(endpoint);
  if (!client.ok()) return Fail(client.status());
  auto status = client->Call("status");
  if (!status.ok()) return Fail(status.status());
  json peers = status->value("peers", json::array());
  if (!peers.is_array()) peers = json::array();
  if (flags.json) {
    PrintJson(peers);
    return kExitOk;
  }
  if (peers.empty()) {
    Tell("no partners: add one with `citynet peer add CARD --network NETWORK`\n");
    return kExitOk;
  }
  Table t({{"NAME"},
           {"NETWORKS"},
           {"CONNECTED"},
           {"LAG", Table::Align::kRight},
           {"DIAL", Table::Align::kLeft, true, 12}});
  for (const json& p : peers) {
    std::string networks;
    for (const json& n : p.value("networks", json::array())) {
      if (!networks.empty()) networks += ",";
      networks += n.is_string() ? n.get<std::string>() : n.dump();
    }
    const json dial = p.value("dial", json(nullptr));
    t.AddRow({p.value("name", std::string()), networks, p.value("connected", false) ? "yes" : "no",
              std::to_string(p.value("lag_records", int64_t{0})),
              dial.is_string() ? dial.get<std::string>() : "(dials us)"});
  }
  out_ << t.Render(terminal_.width, style_);
  return kExitOk;
}

// Everything the commands need from parsing to running, kept alive by CLI11's callbacks.
struct SetupState {
  SetupState(std::ostream& out, std::ostream& err, const Terminal& terminal)
      : setup(out, err, terminal) {}
  Setup setup;
  InitFlags init;
  PeerFlags add;
  PeerFlags remove;
  PeerFlags list;
};

void AddControl(CLI::App* cmd, std::string* control, std::string_view what) {
  cmd->add_option("--control", *control,
                  fmt::format("citynetd's control socket (default: {})", what));
}

void AddNetworks(CLI::App* cmd, std::vector<std::string>* networks, std::string_view what) {
  cmd->add_option("--network,-n", *networks, std::string(what))
      ->required()
      ->allow_extra_args(false)
      ->delimiter(',');
}

}  // namespace

Result<std::string> InsertPartnerBlock(std::string_view text, std::string_view block) {
  CITYNET_ASSIGN_OR_RETURN(toml::table root, ParseToml(text, ""));
  const Lines lines(text);
  CITYNET_ASSIGN_OR_RETURN(Layout layout, ReadLayout(root, lines, ""));
  std::string out(text);
  if (!layout.partners.empty()) {
    const int last = layout.partners.back();
    if (const int next = NextHeader(layout, last); next != 0) {
      // Right after the last partner's block, and a blank line before the next table.
      out.insert(lines.Begin(LeadInStart(lines, next, last)), std::string(block) + "\n");
      return out;
    }
  }
  if (!out.empty() && !out.ends_with('\n')) out += '\n';
  if (!out.empty()) out += '\n';
  out += block;
  return out;
}

Result<std::string> RemovePartnerBlock(std::string_view text, std::size_t index) {
  CITYNET_ASSIGN_OR_RETURN(toml::table root, ParseToml(text, ""));
  const Lines lines(text);
  CITYNET_ASSIGN_OR_RETURN(Layout layout, ReadLayout(root, lines, ""));
  if (index >= layout.partners.size()) {
    return NotFound(fmt::format("there is no [[partner]] block number {} (the file has {})",
                                index + 1, layout.partners.size()));
  }
  const int header = layout.partners[index];
  std::size_t begin = lines.Begin(header);
  std::size_t end = text.size();
  if (const int next = NextHeader(layout, header); next != 0) {
    end = lines.Begin(LeadInStart(lines, next, header));
  } else if (header > 1 && IsBlank(lines.Line(header - 1))) {
    begin = lines.Begin(header - 1);  // the blank line that set the block apart
  }
  std::string out(text);
  out.erase(begin, end - begin);
  return out;
}

void RegisterSetupCommands(CLI::App& app, std::ostream& out, std::ostream& err,
                           const Terminal& terminal, std::function<int()>& action) {
  auto state = std::make_shared<SetupState>(out, err, terminal);
  std::function<int()>* run = &action;

  CLI::App* init = app.add_subcommand(
      "init", "Set up this node before its first start: config file, keys and card");
  InitFlags& i = state->init;
  init->add_option("--name", i.name, "The node's name on its card: a-z, 0-9 and '-'")->required();
  init->add_option("--display-name", i.display_name, "The name partners see")->required();
  AddNetworks(init, &i.networks, "A network this node belongs to (repeat for more)");
  init->add_option("--config", i.config,
                   fmt::format("The config file to write (default {})", kDefaultConfigPath));
  init->add_option("--data-dir", i.data_dir,
                   fmt::format("Where the store, the keys (DIR/keys) and the card go (default {})",
                               node::kDefaultDataDir));
  init->add_option("--listen", i.listen,
                   fmt::format("Where partners connect, tcp://HOST:PORT (default {})",
                               node::kDefaultListenEndpoint))
      ->allow_extra_args(false);
  init->add_option("--advertise", i.advertise,
                   "The address partners dial, for the card: tcp://HOST:PORT (repeatable)")
      ->allow_extra_args(false);
  init->add_option("--control", i.control,
                   fmt::format("The control socket citynetd will serve (default {})",
                               node::kDefaultControlEndpoint));
  init->add_flag("--force", i.force, "Replace an existing config file (keys are always kept)");
  init->add_flag("--json", i.json, "Print one JSON document: config, key_dir, card, signing_key");
  init->callback([state, run] { *run = [state] { return state->setup.Init(state->init); }; });

  CLI::App* peer = app.add_subcommand("peer", "Partner nodes: add one from its card, list, remove");
  peer->require_subcommand(1);

  CLI::App* add = peer->add_subcommand(
      "add", "Check a partner's card, add it to the config and tell citynetd to reload");
  PeerFlags& a = state->add;
  add->add_option("CARD_FILE", a.card_file, "The card the partner sent you")->required();
  AddNetworks(add, &a.networks, "A network you share with the partner (repeat for more)");
  CLI::Option* endpoint = add->add_option(
      "--endpoint", a.endpoint, "Where to dial the partner (default: the first on its card)");
  CLI::Option* no_dial =
      add->add_flag("--no-dial", a.no_dial, "Do not dial: the partner connects to this node");
  endpoint->excludes(no_dial);
  add->add_option("--config", a.config,
                  fmt::format("citynetd's config file (default {})", kDefaultConfigPath));
  AddControl(add, &a.control, "the config's [listen] control");
  add->add_flag("--json", a.json, "Print one JSON document with stable field names");
  add->callback([state, run] { *run = [state] { return state->setup.PeerAdd(state->add); }; });

  CLI::App* list = peer->add_subcommand(
      "list", "Partners as citynetd sees them: networks, connected, sync lag, dial address");
  PeerFlags& l = state->list;
  l.config.clear();
  list->add_option("--config", l.config, "Find the control socket in this config file");
  AddControl(list, &l.control,
             fmt::format("$CITYNET_CONTROL, else {}", node::kDefaultControlEndpoint));
  list->add_flag("--json", l.json, "Print the peers as a JSON array ([] when none)");
  list->callback([state, run] { *run = [state] { return state->setup.PeerList(state->list); }; });

  CLI::App* remove = peer->add_subcommand(
      "remove", "Take a partner out of the config (its card file stays) and tell citynetd");
  PeerFlags& r = state->remove;
  remove->add_option("NAME", r.name, "The partner's name, as `citynet peer list` shows it")
      ->required();
  remove->add_option("--config", r.config,
                     fmt::format("citynetd's config file (default {})", kDefaultConfigPath));
  AddControl(remove, &r.control, "the config's [listen] control");
  remove->add_flag("--json", r.json, "Print one JSON document with stable field names");
  remove->callback(
      [state, run] { *run = [state] { return state->setup.PeerRemove(state->remove); }; });
}

}  // namespace citynet::cli
