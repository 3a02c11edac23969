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

#include "protocol/crypto.h"
#include "protocol/keyfile.h"
#include "protocol/node_card.h"
#include "protocol/toml_text.h"
#include "protocol/vocabulary.h"
#include "tools/cli/display.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/output.h"
#include "tools/control_client.h"

namespace citynet::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// What citynetd uses when its command line or config names nothing else (node/config.h).
constexpr std::string_view kDefaultConfigPath = "/etc/citynet/citynetd.toml";
constexpr std::string_view kDefaultDataDir = "/var/lib/citynet";
constexpr std::string_view kDefaultListen = "tcp://0.0.0.0:7400";
constexpr std::string_view kDefaultControl = "ipc:///run/citynet/control.sock";

// A config file is a page or two; a card about 1 KiB (the daemon's own limits).
constexpr std::size_t kMaxConfigBytes = 1024 * 1024;
constexpr std::size_t kMaxCardBytes = 64 * 1024;
// sockaddr_un::sun_path is 108 bytes on Linux, including the terminating NUL.
constexpr std::size_t kMaxUnixSocketPathBytes = 107;

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

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsIpv4(std::string_view s) {
  int parts = 0;
  for (;;) {
    const std::size_t dot = s.find('.');
    const std::string_view part = s.substr(0, dot);
    if (!IsDigits(part) || part.size() > 3 || std::stoi(std::string(part)) > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  return parts == 4;
}

bool IsWildcardHost(std::string_view host) {
  return host == "*" || host == "0.0.0.0" || host == "[::]";
}

bool IsHostName(std::string_view s) {
  if (s.empty() || s.size() > 253 || s.front() == '.' || s.back() == '.' || s.front() == '-') {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
}

bool IsBracketedIpv6(std::string_view s) {
  if (s.size() < 4 || s.front() != '[' || s.back() != ']') return false;
  const std::string_view inner = s.substr(1, s.size() - 2);
  return inner.find(':') != std::string_view::npos &&
         std::all_of(inner.begin(), inner.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                  c == ':' || c == '.';
         });
}

// A mesh endpoint "tcp://HOST:PORT"; wildcard hosts only where the node listens.
std::optional<std::string> EndpointProblem(std::string_view flag, std::string_view value,
                                           bool allow_wildcard) {
  constexpr std::string_view kScheme = "tcp://";
  if (!value.starts_with(kScheme)) {
    return fmt::format(
        "{} '{}' must be tcp://HOST:PORT, e.g. 'tcp://{}'", flag, value,
        value.find("://") == std::string_view::npos ? value : "cph.example.org:7400");
  }
  const std::string_view rest = value.substr(kScheme.size());
  const std::size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos || rest.ends_with(']')) {
    return fmt::format("{} '{}' has no port: write it as 'tcp://HOST:7400'", flag, value);
  }
  const std::string_view host = rest.substr(0, colon);
  const std::string_view port = rest.substr(colon + 1);
  if (!IsDigits(port) || port.size() > 5 || std::stoi(std::string(port)) < 1 ||
      std::stoi(std::string(port)) > 65535) {
    return fmt::format("{} '{}' has port '{}'; a port is a number from 1 to 65535", flag, value,
                       port);
  }
  if (host.find(':') != std::string_view::npos && !host.starts_with('[')) {
    return fmt::format("{} '{}': write an IPv6 address in brackets: 'tcp://[{}]:{}'", flag, value,
                       host, port);
  }
  if (IsWildcardHost(host)) {
    if (allow_wildcard) return std::nullopt;
    return fmt::format(
        "{} '{}' is a wildcard address, which cannot be dialled: give the host name or address "
        "it is reached at",
        flag, value);
  }
  if (!IsIpv4(host) && !IsBracketedIpv6(host) && !IsHostName(host)) {
    return fmt::format(
        "{} '{}' has host '{}', which is not a host name, an IPv4 address or an IPv6 address in "
        "brackets",
        flag, value, host);
  }
  return std::nullopt;
}

std::optional<std::string> ControlProblem(std::string_view value) {
  constexpr std::string_view kIpc = "ipc://";
  if (!value.starts_with(kIpc) || !value.substr(kIpc.size()).starts_with('/')) {
    return fmt::format(
        "--control '{}' must be ipc:// and an absolute path, e.g. '{}': the control socket is a "
        "Unix socket guarded by file permissions",
        value, kDefaultControl);
  }
  const std::string_view path = value.substr(kIpc.size());
  if (path.size() > kMaxUnixSocketPathBytes) {
    return fmt::format(
        "--control: the socket path is {} bytes long; a Unix socket path is at "
        "most {}",
        path.size(), kMaxUnixSocketPathBytes);
  }
  if (path.ends_with('/')) {
    return fmt::format("--control '{}' names a directory: add the socket's file name", value);
  }
  return std::nullopt;
}

// The problems of --network values: bad slugs and repeats.
std::optional<std::string> NetworksProblem(const std::vector<std::string>& networks) {
  if (networks.empty()) return "give at least one --network";
  for (std::size_t i = 0; i < networks.size(); ++i) {
    if (auto bad = protocol::CheckSlug("--network", networks[i])) return bad;
    for (std::size_t j = 0; j < i; ++j) {
      if (networks[j] == networks[i]) {
        return fmt::format("--network '{}' is given twice", networks[i]);
      }
    }
  }
  return std::nullopt;
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
  CITYNET_ASSIGN_OR_RETURN(FileText file, ReadSmallFile(path, kMaxCardBytes));
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
  std::vector<Partner> partners;      // in file order
};

// NotFound (with the fix) when there is no config; InvalidArgument when it is not valid TOML or
// has no usable [node] networks.
Result<ConfigFile> LoadConfigFile(const std::string& given_path) {
  ConfigFile config;
  config.path = Absolute(given_path);
  config.dir = fs::path(config.path).parent_path().string();
  auto file = ReadSmallFile(config.path, kMaxConfigBytes);
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
  config.control = root["listen"]["control"].value_or(std::string(kDefaultControl));

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
  std::string data_dir = std::string(kDefaultDataDir);
  std::vector<std::string> listen;
  std::vector<std::string> advertise;
  std::string control = std::string(kDefaultControl);
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

// What the four commands share: where output goes.
class Setup {
 public:
  Setup(std::ostream& out, std::ostream& err, const Terminal& terminal)
      : out_(out), err_(err), terminal_(terminal), style_(terminal.color) {}

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
  void PrintJson(const json& j) { out_ << j.dump(2) << "\n"; }
  // Asks citynetd to reload after `config` changed; on a refusal, `undo` puts the files back.
  // Returns the exit code and says what happened.
  int Reload(const ConfigFile& config, const std::string& control, bool json_output,
             const std::function<Status()>& undo, json* report);

  std::ostream& out_;
  std::ostream& err_;
  Terminal terminal_;
  Style style_;
};

std::string ConfigText(const InitFlags& f, const std::string& data_dir, const std::string& key_dir,
                       const std::vector<std::string>& listen, const std::string& config_path,
                       int64_t now_ms) {
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
  t +=
      "[limits]\n"
      "# What one partner, or all of them together, may cost this node. The defaults suit a city\n"
      "# node; uncomment a line to change it. citynetd refuses values outside the bounds shown.\n"
      "#\n"
      "# Largest message from a peer, in bytes (4211712 to 268435456): at least one record.\n"
      "# max_message_bytes = 8_388_608\n"
      "# Direct connections at most (1 to 4096). Records still reach the rest through relay.\n"
      "# max_peers = 64\n"
      "# Records per second accepted from one peer (1 to 1000000).\n"
      "# peer_rate_records_per_s = 2000\n"
      "# Bytes queued for one peer (max_message_bytes to 4 GiB).\n"
      "# peer_queue_bytes = 67_108_864\n"
      "# Records that arrived before their predecessor and wait for it (1 to 100000000).\n"
      "# pending_records = 100_000\n"
      "# Seconds between catch-up exchanges with each peer (1 to 86400).\n"
      "# catch_up_interval_s = 30\n"
      "# Seconds without anything from a partner (heartbeats go every third of it) before its\n"
      "# connection is dropped and it shows as disconnected (3 to 3600).\n"
      "# heartbeat_timeout_s = 30\n"
      "\n"
      "[log]\n"
      "# debug, info, notice, warning or error.\n"
      "level = \"info\"\n"
      "\n"
      "# Partners: one [[partner]] block per partner node, below. A partner is known by its node\n"
      "# card, the text block (-----BEGIN CITYNET NODE CARD-----) it sends you. Before you trust\n"
      "# a card, compare its Signing-Key line with the partner over a channel you trust (a call).\n"
      "# Then add it with\n"
      "#\n"
      "#     citynet peer add PARTNER.card --network NETWORK [--endpoint tcp://HOST:PORT]\n"
      "#\n"
      "# which checks the card's signature, copies it to the partners/ directory beside this\n"
      "# file, adds its block here and tells a running citynetd to reload. `citynet peer remove\n"
      "# NAME` takes a block out again. A block holds:\n"
      "#\n"
      "#   card      the card file\n"
      "#   networks  the networks you share with this partner: each must be in node.networks\n"
      "#   endpoint  where to dial the partner: tcp://HOST:PORT. Default: the first endpoint on\n"
      "#             its card. \"none\" when the partner dials this node (you have the open "
      "port).\n";
  return t;
}

int Setup::Init(const InitFlags& flags) {
  // Every check of the command line before anything is written.
  if (auto bad = protocol::CheckSlug("--name", flags.name)) return Error(kExitUsage, *bad);
  if (auto bad = NetworksProblem(flags.networks)) return Error(kExitUsage, *bad);
  std::vector<std::string> listen = flags.listen;
  if (listen.empty()) listen.emplace_back(kDefaultListen);
  for (const std::string& e : listen) {
    if (auto bad = EndpointProblem("--listen", e, true)) return Error(kExitUsage, *bad);
  }
  for (const std::string& e : flags.advertise) {
    if (auto bad = EndpointProblem("--advertise", e, false)) return Error(kExitUsage, *bad);
  }
  if (auto bad = ControlProblem(flags.control)) return Error(kExitUsage, *bad);
  if (flags.config.empty()) return Error(kExitUsage, "--config is empty");
  if (flags.data_dir.empty()) return Error(kExitUsage, "--data-dir is empty");
  const std::string config_path = Absolute(flags.config);
  const std::string data_dir = Absolute(flags.data_dir);
  const std::string key_dir = data_dir + "/keys";
  const std::string card_path = data_dir + "/node.card";

  if (Status s = protocol::InitCrypto(); !s.ok()) return Fail(s);
  // What the card says, as citynetd will say it (node/daemon.cc MakeOwnCard): the advertised
  // endpoints, else the listen endpoints that are not wildcards.
  protocol::NodeCard card;
  card.name = flags.name;
  card.display_name = flags.display_name;
  card.networks = flags.networks;
  card.endpoints = flags.advertise;
  if (card.endpoints.empty()) {
    for (const std::string& e : listen) {
      const std::string_view rest = std::string_view(e).substr(6);
      if (!IsWildcardHost(rest.substr(0, rest.rfind(':')))) card.endpoints.push_back(e);
    }
  }
  card.issued_at_ms = WallMs();
  // A card signed by a throwaway key shows every problem of the values (display name too)
  // before a key or a file exists.
  {
    protocol::NodeCard trial = card;
    trial.transport_key = protocol::TransportKey::Generate().public_key();
    auto signed_trial = protocol::SignNodeCard(protocol::SigningKey::Generate(), std::move(trial));
    if (!signed_trial.ok()) return Error(kExitUsage, signed_trial.status().message());
  }

  if (Exists(config_path) && !flags.force) {
    return Error(kExitRefused,
                 fmt::format("{} exists already: this node looks set up (see it with `citynetd "
                             "--check-config --config {}`). Run again with --force to replace "
                             "the file; the keys in {} are kept either way",
                             config_path, config_path, key_dir));
  }
  if (Exists(config_path) && fs::is_directory(config_path)) {
    return Error(kExitUsage, fmt::format("--config {} is a directory: name the file", config_path));
  }

  // Keys: created when missing, never replaced (they are the node's identity).
  if (Status s = MakeDirs(data_dir, 0750); !s.ok()) return Fail(s);
  if (Status s = MakeDirs(key_dir, 0700); !s.ok()) return Fail(s);
  const std::string signing_path = key_dir + "/signing.key";
  const std::string transport_path = key_dir + "/transport.key";
  std::vector<std::string> created;
  if (!Exists(signing_path)) {
    if (Status s = protocol::WriteSigningKeyFile(signing_path, protocol::SigningKey::Generate());
        !s.ok()) {
      return Fail(s);
    }
    created.push_back(signing_path);
  }
  if (!Exists(transport_path)) {
    if (Status s =
            protocol::WriteTransportKeyFile(transport_path, protocol::TransportKey::Generate());
        !s.ok()) {
      return Fail(s);
    }
    created.push_back(transport_path);
  }
  auto signing = protocol::LoadSigningKeyFile(signing_path);
  if (!signing.ok()) return Fail(signing.status());
  auto transport = protocol::LoadTransportKeyFile(transport_path);
  if (!transport.ok()) return Fail(transport.status());
  card.transport_key = transport->public_key();
  auto signed_card = protocol::SignNodeCard(*signing, card);
  if (!signed_card.ok()) return Fail(signed_card.status());
  const std::string armored = protocol::ArmorNodeCard(*signed_card);
  const std::string signing_key = signing->public_key().Hex();

  const std::string config_dir = fs::path(config_path).parent_path().string();
  if (Status s = MakeDirs(config_dir, 0755); !s.ok()) return Fail(s);
  const int64_t now_ms = WallMs();
  if (Status s = WriteFileAtomically(
          config_path, ConfigText(flags, data_dir, key_dir, listen, config_path, now_ms), 0644);
      !s.ok()) {
    return Fail(s);
  }
  if (Status s = WriteFileAtomically(card_path, armored, 0644); !s.ok()) return Fail(s);

  if (flags.json) {
    PrintJson({{"config", config_path},
               {"key_dir", key_dir},
               {"card", armored},
               {"card_file", card_path},
               {"signing_key", signing_key},
               {"keys_created", created}});
    return kExitOk;
  }
  std::string told = fmt::format("Wrote the config {}\n", config_path);
  if (created.size() == 2) {
    told += fmt::format("Created this node's keys in {} (mode 0600): back them up\n", key_dir);
  } else if (created.empty()) {
    told += fmt::format("Kept this node's keys in {}\n", key_dir);
  } else {
    told += fmt::format("Kept the key in {} and created {}\n", key_dir, created.front());
  }
  told += fmt::format("This node's card, also in {}:\n\n", card_path);
  Tell(told);
  out_ << armored;
  if (!armored.ends_with('\n')) out_ << "\n";
  out_.flush();
  if (card.endpoints.empty()) {
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
      card_path, Grouped(signing_key), flags.networks.front(),
      config_path == kDefaultConfigPath ? "" : " --config " + config_path, config_path));
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

int Setup::PeerAdd(const PeerFlags& flags) {
  if (auto bad = NetworksProblem(flags.networks)) return Error(kExitUsage, *bad);
  if (!flags.endpoint.empty()) {
    if (auto bad = EndpointProblem("--endpoint", flags.endpoint, false)) {
      return Error(kExitUsage, *bad);
    }
  }
  if (!flags.control.empty()) {
    if (auto bad = ControlProblem(flags.control)) return Error(kExitUsage, *bad);
  }
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
  const std::string key = card.signing_key.Hex();

  auto loaded = LoadConfigFile(flags.config);
  if (!loaded.ok()) return Fail(loaded.status());
  ConfigFile& config = *loaded;

  if (!flags.json) {
    std::string shown = fmt::format("Partner card {}\n", Absolute(flags.card_file));
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

  // The checks citynetd makes when it loads the config, so that the file never gets a block
  // the daemon would refuse.
  if (!config.node_name.empty() && card.name == config.node_name) {
    return Error(kExitRefused,
                 fmt::format("the card is for '{}', which is this node's own name: use the card "
                             "the partner sent you",
                             card.name));
  }
  for (const Partner& p : config.partners) {
    if (p.name == card.name) {
      return Error(kExitRefused,
                   fmt::format("'{}' is a partner already (card {}, {} line {}): to replace its "
                               "card, run `citynet peer remove {}` first",
                               card.name, p.card_path, config.path, p.line, card.name));
    }
    if (!p.signing_key.empty() && p.signing_key == key) {
      return Error(kExitRefused,
                   fmt::format("this card has the signing key of the partner '{}' ({} line "
                               "{}): it is the same node under another name",
                               p.name, config.path, p.line));
    }
    if (!p.transport_key.empty() && p.transport_key == card.transport_key.Hex()) {
      return Error(kExitRefused,
                   fmt::format("this card has the transport key of the partner '{}' ({} line "
                               "{}): a transport key belongs to one node; ask the partner for a "
                               "fresh card",
                               p.name, config.path, p.line));
    }
  }
  for (const std::string& n : flags.networks) {
    if (std::find(config.networks.begin(), config.networks.end(), n) == config.networks.end()) {
      return Error(kExitRefused,
                   fmt::format("--network {} is not one of this node's networks ({}, in {}): "
                               "add it to [node] networks first, or share another",
                               n, fmt::join(config.networks, ", "), config.path));
    }
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
  std::string endpoint = flags.endpoint;
  if (flags.no_dial) {
    endpoint = "none";
  } else if (endpoint.empty()) {
    if (card.endpoints.empty()) {
      return Error(kExitRefused,
                   "the card lists no endpoint: give --endpoint tcp://HOST:PORT to dial the "
                   "partner, or --no-dial when it connects to this node");
    }
    endpoint = card.endpoints.front();
  }
  if (!unlisted.empty()) {
    Warn(
        fmt::format("the card does not list {}: the partner may not sync {} with this node; ask "
                    "them to confirm, or for a fresh card",
                    fmt::join(unlisted, ", "), unlisted.size() == 1 ? "it" : "them"));
  }

  // The card beside the config, then the block that names it.
  const std::string partners_dir = config.dir + "/partners";
  const std::string card_path = partners_dir + "/" + card.name + ".card";
  for (const Partner& p : config.partners) {
    if (p.card_path == card_path) {
      return Error(kExitRefused, fmt::format("{} line {} names {} already, for '{}'", config.path,
                                             p.line, card_path, p.name));
    }
  }
  std::string block = "[[partner]]\n";
  block += fmt::format("# {}: {}, signing key {}, added on {} by `citynet peer add`\n", card.name,
                       OneLine(card.display_name), key, FormatDate(WallMs()));
  block += fmt::format("card = {}\n", protocol::TomlString(card_path));
  block += fmt::format("networks = {}\n", protocol::TomlStringList(flags.networks));
  block += fmt::format("endpoint = {}\n", protocol::TomlString(endpoint));
  auto text = InsertPartnerBlock(config.text, block);
  if (!text.ok())
    return Error(kExitRefused, fmt::format("{}:{}", config.path, text.status().message()));

  std::optional<std::string> old_card;  // a card file of that name left by an earlier remove
  if (auto previous = ReadSmallFile(card_path, kMaxCardBytes); previous.ok()) {
    old_card = previous->text;
  }
  if (Status s = MakeDirs(partners_dir, 0755); !s.ok()) return Fail(s);
  if (Status s = WriteFileAtomically(card_path, protocol::ArmorNodeCard(read->signed_card), 0644);
      !s.ok()) {
    return Fail(s);
  }
  // Puts the partners directory back as it was.
  auto undo_card = [&card_path, &old_card]() -> Status {
    if (old_card) return WriteFileAtomically(card_path, *old_card, 0644);
    if (::unlink(card_path.c_str()) != 0) return FileError("remove", card_path, errno);
    return Status::Ok();
  };
  if (Status s = WriteFileAtomically(config.path, *text, config.mode); !s.ok()) {
    (void)undo_card();  // best effort: the error to report is the config's
    return Fail(s);
  }

  if (!flags.json) {
    out_ << fmt::format("Added {} ({}) to {}, sharing {}, {}.\nIts card is at {}.\n", card.name,
                        card.display_name, config.path, fmt::join(flags.networks, ", "),
                        endpoint == "none" ? "waiting for it to connect" : "dialing " + endpoint,
                        card_path);
    out_.flush();
  }
  json report = {{"name", card.name},
                 {"display_name", card.display_name},
                 {"signing_key", key},
                 {"networks", flags.networks},
                 {"endpoint", endpoint == "none" ? json(nullptr) : json(endpoint)},
                 {"card_file", card_path},
                 {"config", config.path}};
  auto undo = [&config, &undo_card]() -> Status {
    CITYNET_RETURN_IF_ERROR(WriteFileAtomically(config.path, config.text, config.mode));
    return undo_card();
  };
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
                   "The config file to write (default /etc/citynet/citynetd.toml)");
  init->add_option("--data-dir", i.data_dir,
                   "Where the store, the keys (DIR/keys) and the card go (default "
                   "/var/lib/citynet)");
  init->add_option("--listen", i.listen,
                   "Where partners connect, tcp://HOST:PORT (default tcp://0.0.0.0:7400)")
      ->allow_extra_args(false);
  init->add_option("--advertise", i.advertise,
                   "The address partners dial, for the card: tcp://HOST:PORT (repeatable)")
      ->allow_extra_args(false);
  init->add_option("--control", i.control,
                   "The control socket citynetd will serve (default "
                   "ipc:///run/citynet/control.sock)");
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
                  "citynetd's config file (default /etc/citynet/citynetd.toml)");
  AddControl(add, &a.control, "the config's [listen] control");
  add->add_flag("--json", a.json, "Print one JSON document with stable field names");
  add->callback([state, run] { *run = [state] { return state->setup.PeerAdd(state->add); }; });

  CLI::App* list = peer->add_subcommand(
      "list", "Partners as citynetd sees them: networks, connected, sync lag, dial address");
  PeerFlags& l = state->list;
  l.config.clear();
  list->add_option("--config", l.config, "Find the control socket in this config file");
  AddControl(list, &l.control, "$CITYNET_CONTROL, else ipc:///run/citynet/control.sock");
  list->add_flag("--json", l.json, "Print the peers as a JSON array ([] when none)");
  list->callback([state, run] { *run = [state] { return state->setup.PeerList(state->list); }; });

  CLI::App* remove = peer->add_subcommand(
      "remove", "Take a partner out of the config (its card file stays) and tell citynetd");
  PeerFlags& r = state->remove;
  remove->add_option("NAME", r.name, "The partner's name, as `citynet peer list` shows it")
      ->required();
  remove->add_option("--config", r.config,
                     "citynetd's config file (default /etc/citynet/citynetd.toml)");
  AddControl(remove, &r.control, "the config's [listen] control");
  remove->add_flag("--json", r.json, "Print one JSON document with stable field names");
  remove->callback(
      [state, run] { *run = [state] { return state->setup.PeerRemove(state->remove); }; });
}

}  // namespace citynet::cli
