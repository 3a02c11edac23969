#include "tools/cli/dataset.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "protocol/bytes.h"
#include "tools/cli/common.h"
#include "tools/cli/display.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/output.h"
#include "tools/control_client.h"

namespace citynet::cli {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

// How often a running job or a fetch is asked how far it got.
constexpr auto kPollInterval = 200ms;
// A fetch --wait that sees no new chunk for this long gives up (the fetch goes on in citynetd).
constexpr auto kFetchStall = 60s;
// While a fetch --wait finds the body absent, it asks citynetd to fetch again this often.
constexpr auto kFetchAskAgain = 2s;

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }

// The shape of a BCP 47 tag (language, then subtags of 1 to 8 letters or digits); citynetd
// checks the registry.
bool LooksLikeLanguageTag(std::string_view tag) {
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const std::size_t dash = tag.find('-', start);
    const std::string_view sub =
        tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
    if (sub.empty() || sub.size() > 8) return false;
    if (first && (sub.size() < 2 || !std::all_of(sub.begin(), sub.end(), IsAlpha))) return false;
    if (!std::all_of(sub.begin(), sub.end(), IsAlnum)) return false;
    first = false;
    if (dash == std::string_view::npos) return true;
    start = dash + 1;
  }
}

// Closes a file descriptor it owns, unless it is standard input.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ > STDIN_FILENO) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Up to `max` bytes from `fd` into `part` (replacing it): fewer only at the end of the input.
Status ReadPart(int fd, std::size_t max, const std::string& name, std::string* part) {
  part->resize(max);
  std::size_t got = 0;
  while (got < max) {
    const ssize_t n = ::read(fd, part->data() + got, max - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Internal(fmt::format("cannot read {}: {}", name, std::strerror(errno)));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  part->resize(got);
  return Status::Ok();
}

struct PublishCommand {
  Common common;
  std::string file;
  DatasetPublishFlags flags;
  bool check = false;  // `citynet dataset check`: the gate alone, no metadata
};

// One run of a dataset command: where output goes, and the connection to citynetd.
class DatasetRun : public CommandRun {
 public:
  using CommandRun::CommandRun;

  int Publish(const PublishCommand& cmd);  // also `check` and `publish --dry-run`
  int List(const Common& common, const std::string& network);
  int Show(const Common& common, const std::string& id);
  int Fetch(const Common& common, const std::string& id, bool wait);
  int Export(const Common& common, const std::string& id, const std::string& output, bool force);

 private:
  int Fail(const Status& status) {
    Progress("");
    err_ << "citynet: error: " << status.message() << "\n";
    return ExitCodeFor(status);
  }
  int Fail(int code, std::string_view message) {
    Progress("");
    err_ << "citynet: error: " << message << "\n";
    return code;
  }
  int Usage(std::string_view message) { return Fail(kExitUsage, message); }

  // A progress line on stderr, rewritten in place, only when stderr is a terminal; "" clears it.
  void Progress(const std::string& line) {
    if (!terminal_.stderr_is_tty) return;
    if (line.empty() && !progress_shown_) return;
    err_ << "\r" << line << "\x1b[K" << std::flush;
    progress_shown_ = !line.empty();
  }

  // A full dataset id from a full id or a unique prefix of 8 or more hex digits; on failure,
  // the exit code (the message printed).
  std::variant<std::string, int> ResolveId(const Common& common, const std::string& id);
  // Uploads `file` (- for standard input) in parts: the upload id, or the exit code.
  std::variant<std::string, int> Upload(const Common& common, const std::string& file);
  // Starts a gate job with `op` and polls it until it is no longer running: the job, or the exit
  // code.
  std::variant<json, int> FollowJob(const Common& common, const std::string& op, const json& args);
  int PrintCheck(const Common& common, const std::string& name, const json& job);
  // `dataset export` in stages: the output file may be written; the chunks, asked for one by
  // one, written to `fd` (standard output when `output` is empty). The exit code, the message
  // printed.
  int CheckExportOutput(const Common& common, const std::string& output, bool force);
  int ExportChunks(const Common& common, const std::string& full, int fd, const std::string& output,
                   int64_t* chunks, uint64_t* bytes);

  bool progress_shown_ = false;
};

std::variant<std::string, int> DatasetRun::Upload(const Common& common, const std::string& file) {
  const bool from_stdin = file == "-";
  const std::string name = from_stdin ? "standard input" : file;
  const int raw_fd = from_stdin ? STDIN_FILENO : ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (raw_fd < 0) {
    return Fail(kExitError, fmt::format("cannot read {}: {}", file, std::strerror(errno)));
  }
  Fd fd(raw_fd);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return Fail(kExitError, fmt::format("cannot read {}: {}", name, std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) {
    return Fail(kExitError, fmt::format("{} is a directory: give the CSV file to publish", name));
  }
  const uint64_t total = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;

  // The first part is read before citynetd hears of the file: an empty file goes no further.
  std::string part;
  if (Status s = ReadPart(fd.get(), kUploadPartBytes, name, &part); !s.ok()) return Fail(s);
  if (part.empty()) {
    return Fail(kExitRefused, fmt::format("{} is empty: there is no table to publish", name));
  }

  std::string upload;
  uint64_t offset = 0;
  while (!part.empty()) {
    json up = {{"data", ToBase64(AsBytes(part))}, {"offset", offset}};
    if (!upload.empty()) up["upload"] = upload;
    auto sent = Call(common, "dataset.upload", up);
    if (!sent.ok()) return Fail(sent.status().WithContext("uploading " + name));
    if (upload.empty()) upload = Str(*sent, "upload");
    offset += part.size();
    if (upload.empty() || Int(*sent, "size") != static_cast<int64_t>(offset)) {
      return Fail(Internal(fmt::format(
          "uploading {}: citynetd holds {} bytes of it after {} were sent; run the command again",
          name, Int(*sent, "size"), offset)));
    }
    Progress(total > 0 ? fmt::format("uploading {} of {}", FormatBytes(offset), FormatBytes(total))
                       : fmt::format("uploading {}", FormatBytes(offset)));
    if (Status s = ReadPart(fd.get(), kUploadPartBytes, name, &part); !s.ok()) return Fail(s);
  }
  return upload;
}

std::variant<json, int> DatasetRun::FollowJob(const Common& common, const std::string& op,
                                              const json& args) {
  auto started = Call(common, op, args);
  if (!started.ok()) return Fail(started.status());
  const std::string job_id = Str(*started, "job");
  json job;
  for (;;) {
    auto polled = Call(common, "dataset.job", {{"job", job_id}});
    if (!polled.ok()) return Fail(polled.status().WithContext("following the privacy gate"));
    job = std::move(polled).value();
    if (Str(job, "state") != "running") break;
    Progress(JobProgressLine(job));
    std::this_thread::sleep_for(kPollInterval);
  }
  Progress("");
  return job;
}

int DatasetRun::Publish(const PublishCommand& cmd) {
  const Common& common = cmd.common;
  // Every problem of the flags before a byte is read or sent.
  const DatasetArgs which = cmd.check ? DatasetArgs::kGateOnly : DatasetArgs::kPublish;
  auto checked = DatasetPublishArgs(cmd.flags, "", which);
  if (!checked.ok()) return Usage(checked.status().message());
  json args = std::move(checked).value();
  const bool dry_run = cmd.check || cmd.flags.dry_run;
  const std::string name = cmd.file == "-" ? "standard input" : cmd.file;

  auto uploaded = Upload(common, cmd.file);
  if (const int* code = std::get_if<int>(&uploaded)) return *code;
  args["upload"] = std::get<std::string>(uploaded);

  auto followed = FollowJob(common, dry_run ? "dataset.check" : "dataset.publish", args);
  if (const int* code = std::get_if<int>(&followed)) return *code;
  const json& job = std::get<json>(followed);

  const std::string state = Str(job, "state");
  std::string summary;
  for (const json& sentence : job.value("summary", json::array())) {
    summary += "  " + (sentence.is_string() ? sentence.get<std::string>() : sentence.dump()) + "\n";
  }
  if (state == "checked") return PrintCheck(common, name, job);
  if (state == "published") {
    const json record = job.value("record", json::object());
    if (common.json) {
      PrintJson(job);
      return kExitOk;
    }
    out_ << Str(record, "id") << "\n";
    err_ << fmt::format("published \"{}\" in {}; the privacy gate:\n", Str(record, "title"),
                        Str(record, "network").empty() ? cmd.flags.network : Str(record, "network"))
         << summary;
    return kExitOk;
  }
  if (state == "refused") {
    if (common.json) {
      PrintJson(job);
      return kExitRefused;
    }
    err_ << fmt::format("citynet: error: the privacy gate refused {}: {}\n", name,
                        Str(job, "message"));
    if (!summary.empty()) err_ << "what the gate did before refusing:\n" << summary;
    err_ << (dry_run ? "nothing was signed or sent\n" : "nothing was published\n");
    if (!dry_run) {
      err_ << "see each column's role and what would keep more: citynet dataset check " << name
           << " (with the same options)\n";
    }
    return kExitRefused;
  }
  return Fail(kExitError, fmt::format("publishing {} failed ({}): {}", name,
                                      state.empty() ? "no state" : state, Str(job, "message")));
}

// A dry run's answer: each column's role, what the gate did, the first rows as they would be
// published, and what the publisher could change. Exit 0 when the table would pass, 4 when it
// would be refused.
int DatasetRun::PrintCheck(const Common& common, const std::string& name, const json& job) {
  const json check = job.value("check", json::object());
  const bool passes = check.value("passes", false);
  if (common.json) {
    PrintJson(job);
    return passes ? kExitOk : kExitRefused;
  }
  const json privacy = check.value("privacy", json::object());
  std::string out = style_.Bold("Columns") + "\n";
  Table roles({{"COLUMN"}, {"ROLE"}, {"PUBLISHED"}, {"WHY", Table::Align::kLeft, true, 20}});
  for (const json& r : privacy.value("column_roles", json::array())) {
    std::string why = Str(r, "reason");
    roles.AddRow({Str(r, "column"), Str(r, "role"),
                  r.value("published", false)
                      ? (r.value("declared", false) ? "yes (declared)" : "yes")
                      : "no",
                  why});
  }
  out += roles.Render(terminal_.width, style_);
  out += "\n" + style_.Bold("What the gate did") + "\n";
  for (const json& sentence : job.value("summary", json::array())) {
    out += "  " + (sentence.is_string() ? sentence.get<std::string>() : sentence.dump()) + "\n";
  }
  const json preview = check.value("preview", json::array());
  if (passes && preview.is_array() && preview.size() > 1) {
    out += "\n" +
           style_.Bold(fmt::format("The first {} of {} rows as they would be published",
                                   preview.size() - 1, Int(check, "rows_out"))) +
           "\n";
    std::vector<Table::Column> columns;
    for (const json& h : preview[0]) {
      columns.push_back(
          {h.is_string() ? h.get<std::string>() : h.dump(), Table::Align::kLeft, true, 6});
    }
    Table rows(std::move(columns));
    for (std::size_t i = 1; i < preview.size(); ++i) {
      std::vector<std::string> row;
      for (const json& v : preview[i])
        row.push_back(v.is_string() ? v.get<std::string>() : v.dump());
      rows.AddRow(std::move(row));
    }
    out += rows.Render(terminal_.width, style_);
  }
  const json advice = check.value("advice", json::array());
  if (advice.is_array() && !advice.empty()) {
    out += "\n" + style_.Bold("To keep more") + "\n";
    for (const json& a : advice)
      out += "  " + (a.is_string() ? a.get<std::string>() : a.dump()) + "\n";
  }
  out_ << out;
  if (!passes) {
    err_ << fmt::format("citynet: {} would be refused: {}\n", name, Str(check, "refusal"));
    err_ << "this was a dry run: nothing was signed or sent\n";
    return kExitRefused;
  }
  err_ << fmt::format(
      "{} would be published as {} rows in {} chunks ({}); this was a dry run: "
      "nothing was signed or sent\n",
      name, Int(check, "rows_out"), Int(check, "chunks"),
      FormatBytes(static_cast<uint64_t>(std::max<int64_t>(0, Int(check, "size")))));
  return kExitOk;
}

int DatasetRun::List(const Common& common, const std::string& network) {
  json args = {{"limit", 200}};
  if (!network.empty()) args["network"] = network;
  json datasets = json::array();
  for (;;) {
    auto page = Call(common, "dataset.list", args);
    if (!page.ok()) return Fail(page.status());
    for (json& d : (*page)["datasets"]) datasets.push_back(std::move(d));
    const std::string cursor = Str(*page, "next_cursor");
    if (cursor.empty()) break;
    args["cursor"] = cursor;
  }
  if (common.json) {
    PrintJson({{"datasets", datasets}});
    return kExitOk;
  }
  if (datasets.empty()) {
    err_ << (network.empty() ? std::string("no datasets held here\n")
                             : fmt::format("no datasets in {} held here\n", network));
    return kExitOk;
  }
  const int width = terminal_.width;
  const bool show_author = width <= 0 || width >= 100;
  std::vector<Table::Column> columns = {{"ID"}, {"TITLE", Table::Align::kLeft, true, 12}};
  columns.push_back({"NETWORK"});
  if (show_author) columns.push_back({"AUTHOR"});
  columns.push_back({"ROWS", Table::Align::kRight});
  columns.push_back({"K", Table::Align::kRight});
  columns.push_back({"SIZE", Table::Align::kRight});
  columns.push_back({"BODY"});
  columns.push_back({"DATE"});
  Table t(std::move(columns));
  for (const json& d : datasets) {
    std::string author = Str(d, "author_name");
    if (author.empty()) author = ShortId(Str(d, "author"));
    const json body = d.value("body", json::object());
    std::string state = Str(body, "state");
    if (state == "fetching") {
      state = fmt::format("fetching {}/{}", Int(body, "chunks_held"), Int(body, "chunks"));
    }
    std::vector<std::string> row = {ShortId(Str(d, "id")), Str(d, "title"), Str(d, "network")};
    if (show_author) row.push_back(author);
    row.push_back(std::to_string(Int(d, "rows")));
    row.push_back(std::to_string(Int(d, "k")));
    row.push_back(FormatBytes(static_cast<uint64_t>(std::max<int64_t>(0, Int(d, "size")))));
    row.push_back(state);
    row.push_back(FormatDate(Int(d, "created_at_ms")));
    t.AddRow(std::move(row));
  }
  out_ << t.Render(width, style_);
  return kExitOk;
}

// "age: generalised to 10-year bands" for a {column, reason}; plain strings as they are.
std::string ColumnActionText(const json& a) {
  if (a.is_string()) return a.get<std::string>();
  if (!a.is_object()) return a.dump();
  const std::string reason = Str(a, "reason");
  return reason.empty() ? Str(a, "column") : Str(a, "column") + ": " + reason;
}

// A labelled line of `dataset show`.
void Field(std::string& out, std::string_view label, const std::string& value) {
  out += fmt::format("  {}{}\n", PadToWidth(label, 19), value.empty() ? "-" : value);
}

// `dataset show`: title, description, DCAT-AP metadata and the columns.
std::string DatasetOverviewText(const json& d, int width, const Style& style) {
  std::string out = style.Bold(Str(d, "title")) + "\n";
  if (!Str(d, "description").empty()) out += Str(d, "description") + "\n";
  out += "\n";
  Field(out, "publisher", Str(d, "publisher"));
  Field(out, "licence", Str(d, "licence"));
  Field(out, "language", Str(d, "language"));
  Field(out, "themes", Join(d.value("themes", json::array())));
  std::string where = Str(d, "spatial_coverage");
  if (!Str(d, "country").empty()) where += (where.empty() ? "" : ", ") + Str(d, "country");
  Field(out, "coverage", where);
  std::string when = Str(d, "temporal_from");
  if (!Str(d, "temporal_to").empty() && Str(d, "temporal_to") != when) {
    when += "–" + Str(d, "temporal_to");
  }
  Field(out, "period", when);
  // In dataset.show "columns" is the list; the count is "column_count".
  const json columns = d.value("columns", json::array());
  const int64_t column_count = d.contains("column_count")
                                   ? Int(d, "column_count")
                                   : static_cast<int64_t>(columns.is_array() ? columns.size() : 0);
  Field(out, "size",
        fmt::format("{} rows, {} columns, {}", Int(d, "rows"), column_count,
                    FormatBytes(static_cast<uint64_t>(std::max<int64_t>(0, Int(d, "size"))))));

  if (columns.is_array() && !columns.empty()) {
    out += "\n" + style.Bold("Columns") + "\n";
    Table t(
        {{"NAME"}, {"TYPE"}, {"GENERALISATION"}, {"DESCRIPTION", Table::Align::kLeft, true, 12}});
    for (const json& c : columns) {
      t.AddRow({Str(c, "name"), Str(c, "type"), Str(c, "generalisation"), Str(c, "description")});
    }
    out += t.Render(width, style);
  }

  return out;
}

// `dataset show`: what the privacy gate did to the table.
std::string DatasetPrivacyText(const json& d, const Style& style) {
  std::string out;
  const json p = d.value("privacy", json::object());
  out += "\n" + style.Bold("Privacy gate") + fmt::format(" (version {})\n", Int(p, "gate_version"));
  Field(out, "k-anonymity",
        fmt::format("every combination of quasi-identifiers is shared by at least "
                    "{} rows ({} required)",
                    Int(p, "k_reached"), Int(p, "k_required")));
  if (Int(p, "l_required") > 0) {
    Field(out, "l-diversity",
          fmt::format("at least {} distinct sensitive values per group ({} required)",
                      Int(p, "l_reached"), Int(p, "l_required")));
  } else {
    Field(out, "l-diversity", "not required");
  }
  Field(out, "quasi-identifiers", Join(p.value("quasi_identifiers", json::array())));
  Field(out, "sensitive", Join(p.value("sensitive_columns", json::array())));
  const int64_t rows_in = Int(p, "rows_in");
  const int64_t suppressed = Int(p, "rows_suppressed");
  Field(out, "rows",
        fmt::format("{} read, {} suppressed ({:.1f}%)", rows_in, suppressed,
                    rows_in > 0
                        ? 100.0 * static_cast<double>(suppressed) / static_cast<double>(rows_in)
                        : 0.0));
  if (auto loss = p.find("information_loss"); loss != p.end() && loss->is_number()) {
    Field(out, "information loss",
          fmt::format("{:.3f} (0 none, 1 everything)", loss->get<double>()));
  }
  auto actions = [&out, &p](const char* key, std::string_view title) {
    const json list = p.value(key, json::array());
    if (!list.is_array() || list.empty()) return;
    out += fmt::format("  {}\n", title);
    for (const json& a : list) out += "    " + ColumnActionText(a) + "\n";
  };
  actions("dropped_columns", "dropped columns:");
  actions("generalised_columns", "generalised columns:");
  actions("cleaned_columns", "cleaned columns:");

  return out;
}

// `dataset show`: who signed it, where, when, and whether its body is here.
std::string DatasetProvenanceText(const json& d, const Style& style) {
  std::string out;
  out += "\n" + style.Bold("Provenance") + "\n";
  Field(out, "id", Str(d, "id"));
  const std::string author_name = Str(d, "author_name");
  Field(out, "author",
        author_name.empty() ? Str(d, "author") + " (not a partner of this node)"
                            : fmt::format("{} ({})", author_name, Str(d, "author")));
  Field(out, "signature",
        d.value("signature_verified", false)
            ? "verified now (Ed25519, by the author's key above)"
            : "DOES NOT VERIFY: do not trust this record; report it to your IT");
  Field(out, "network", Str(d, "network"));
  Field(out, "created", FormatTime(Int(d, "created_at_ms")) + " UTC");
  Field(out, "body", BodyStateText(d.value("body", json::object())));
  return out;
}

int DatasetRun::Show(const Common& common, const std::string& id) {
  auto resolved = ResolveId(common, id);
  if (const int* code = std::get_if<int>(&resolved)) return *code;
  auto got = Call(common, "dataset.show", {{"id", std::get<std::string>(resolved)}});
  if (!got.ok()) return Fail(got.status());
  const json& d = *got;
  if (common.json) {
    PrintJson(d);
    return kExitOk;
  }
  out_ << DatasetOverviewText(d, terminal_.width, style_) << DatasetPrivacyText(d, style_)
       << DatasetProvenanceText(d, style_);
  return kExitOk;
}

int DatasetRun::Fetch(const Common& common, const std::string& id, bool wait) {
  auto resolved = ResolveId(common, id);
  if (const int* code = std::get_if<int>(&resolved)) return *code;
  const std::string full = std::get<std::string>(resolved);
  auto started = Call(common, "dataset.fetch", {{"id", full}});
  if (!started.ok()) return Fail(started.status());
  json answer = *started;
  if (wait) {
    using Clock = std::chrono::steady_clock;
    int64_t held = -1;
    Clock::time_point last_progress = Clock::now();
    Clock::time_point last_asked = Clock::now();
    for (;;) {
      const std::string state = Str(answer, "state");
      if (state == "complete" || state == "refused") break;
      if (Int(answer, "chunks_held") != held) {
        held = Int(answer, "chunks_held");
        last_progress = Clock::now();
      } else if (Clock::now() - last_progress > kFetchStall) {
        return Fail(Status(
            StatusCode::kDeadlineExceeded,
            fmt::format("no chunk of {} arrived for {} s ({} of {} held); citynetd keeps "
                        "fetching: are the partners that hold it connected (citynet node status)?",
                        ShortId(full),
                        std::chrono::duration_cast<std::chrono::seconds>(kFetchStall).count(), held,
                        Int(answer, "chunks"))));
      }
      Progress(fmt::format("fetching {}: {}", ShortId(full), BodyStateText(answer)));
      std::this_thread::sleep_for(kPollInterval);
      auto shown = Call(common, "dataset.show", {{"id", full}});
      if (!shown.ok()) return Fail(shown.status());
      const json body = shown->value("body", json::object());
      answer = {{"id", full},
                {"state", body.value("state", "")},
                {"chunks_held", body.value("chunks_held", 0)},
                {"chunks", body.value("chunks", 0)}};
      if (body.contains("refusal")) answer["refusal"] = body["refusal"];
      if (Str(answer, "state") == "absent" && Clock::now() - last_asked > kFetchAskAgain) {
        // The fetch stopped (citynetd restarted, or gave up on a partner): ask again; it is
        // idempotent.
        last_asked = Clock::now();
        auto again = Call(common, "dataset.fetch", {{"id", full}});
        if (!again.ok()) return Fail(again.status());
      }
    }
    Progress("");
  }
  const std::string state = Str(answer, "state");
  if (state == "refused") {
    std::string why = Str(answer, "refusal");
    return Fail(kExitRefused, fmt::format("the body of {} was refused here: {}", ShortId(full),
                                          why.empty() ? "citynetd gave no reason" : why));
  }
  if (common.json) {
    PrintJson(answer);
  } else if (state == "complete") {
    err_ << fmt::format("{}: {}; write it out with: citynet dataset export {} -o FILE.csv\n",
                        ShortId(full), BodyStateText(answer), ShortId(full));
  } else {
    err_ << fmt::format("{}: {}; follow it with: citynet dataset fetch {} --wait\n", ShortId(full),
                        BodyStateText(answer), ShortId(full));
  }
  return kExitOk;
}

// All of `data` to `fd`; false with errno set when a write fails.
bool WriteAll(int fd, const uint8_t* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

int DatasetRun::CheckExportOutput(const Common& common, const std::string& output, bool force) {
  if (common.json && output.empty()) {
    return Usage("--json needs --output FILE: without it, standard output holds the CSV");
  }
  if (output.empty()) return kExitOk;
  struct stat st {};
  if (::stat(output.c_str(), &st) != 0) return kExitOk;
  if (S_ISDIR(st.st_mode)) {
    return Fail(kExitError, fmt::format("{} is a directory: name the file to write", output));
  }
  if (!force) {
    return Fail(kExitRefused,
                fmt::format("{} exists already: run again with --force to replace it", output));
  }
  return kExitOk;
}

int DatasetRun::ExportChunks(const Common& common, const std::string& full, int fd,
                             const std::string& output, int64_t* chunks, uint64_t* bytes) {
  *chunks = 1;
  for (int64_t index = 0; index < *chunks; ++index) {
    auto got = Call(common, "dataset.export", {{"id", full}, {"index", index}});
    if (!got.ok()) {
      std::string message = got.status().message();
      if (got.status().code() == StatusCode::kFailedPrecondition &&
          message.find("dataset fetch") == std::string::npos) {
        message += fmt::format("; fetch it first: citynet dataset fetch {} --wait", ShortId(full));
      }
      return Fail(ExitCodeFor(got.status()), message);
    }
    *chunks = Int(*got, "chunks");
    if (Int(*got, "index") != index) {
      return Fail(kExitError, fmt::format("citynetd sent chunk {} when asked for chunk {}",
                                          Int(*got, "index"), index));
    }
    auto data = FromBase64(Str(*got, "data"));
    if (!data.ok()) {
      return Fail(kExitError, fmt::format("citynetd sent chunk {} of {} garbled: {}", index,
                                          ShortId(full), data.status().message()));
    }
    *bytes += data->size();
    if (output.empty()) {
      out_.write(reinterpret_cast<const char*>(data->data()),
                 static_cast<std::streamsize>(data->size()));
      if (!out_) return Fail(kExitError, "cannot write to standard output");
    } else if (!WriteAll(fd, data->data(), data->size())) {
      return Fail(kExitError, fmt::format("cannot write {}: {}", output, std::strerror(errno)));
    }
    Progress(fmt::format("exporting {}: chunk {} of {}", ShortId(full), index + 1, *chunks));
  }
  Progress("");
  return kExitOk;
}

int DatasetRun::Export(const Common& common, const std::string& id, const std::string& output,
                       bool force) {
  if (int refused = CheckExportOutput(common, output, force); refused != kExitOk) return refused;
  auto resolved = ResolveId(common, id);
  if (const int* code = std::get_if<int>(&resolved)) return *code;
  const std::string full = std::get<std::string>(resolved);

  // Into a temporary file beside FILE, renamed over it when whole: a reader never sees half a
  // CSV, and a failed export leaves FILE as it was.
  std::string tmp;
  int tmp_fd = -1;
  if (!output.empty()) {
    tmp = output + ".XXXXXX";
    tmp_fd = ::mkstemp(tmp.data());
    if (tmp_fd < 0) {
      return Fail(kExitError, fmt::format("cannot write {}: {}", output, std::strerror(errno)));
    }
    ::fchmod(tmp_fd, 0644);
  }
  Fd file(tmp_fd);
  auto drop_tmp = [&tmp](int code) {
    if (!tmp.empty()) ::unlink(tmp.c_str());
    return code;
  };

  int64_t chunks = 1;
  uint64_t bytes = 0;
  if (int failed = ExportChunks(common, full, file.get(), output, &chunks, &bytes);
      failed != kExitOk) {
    return drop_tmp(failed);
  }
  if (output.empty()) {
    out_.flush();
    return kExitOk;
  }
  if (::fsync(file.get()) != 0) {
    return drop_tmp(
        Fail(kExitError, fmt::format("cannot write {}: {}", output, std::strerror(errno))));
  }
  // Without --force, a FILE that appeared meanwhile is not replaced either.
  const int renamed =
      force ? ::rename(tmp.c_str(), output.c_str())
            : ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, output.c_str(), RENAME_NOREPLACE);
  if (renamed != 0) {
    const int e = errno;
    if (e == EEXIST) {
      return drop_tmp(
          Fail(kExitRefused,
               fmt::format("{} exists already: run again with --force to replace it", output)));
    }
    return drop_tmp(Fail(kExitError, fmt::format("cannot write {}: {}", output, std::strerror(e))));
  }
  if (common.json) {
    PrintJson({{"id", full}, {"file", output}, {"chunks", chunks}, {"bytes", bytes}});
  } else {
    err_ << fmt::format("wrote {} ({}) to {}\n", ShortId(full), FormatBytes(bytes), output);
  }
  return kExitOk;
}

std::variant<std::string, int> DatasetRun::ResolveId(const Common& common, const std::string& id) {
  // citynetd has no prefix lookup: walk the listing (a node holds hundreds of datasets, not
  // millions).
  const IdListing listing{"dataset.list",      json{{"limit", 200}}, "datasets",
                          "dataset held here", "datasets",           "dataset id"};
  if (IsHexId(id)) return id;
  if (auto problem = IdSyntaxProblem(id, listing)) return Usage(*problem);
  auto resolved = ResolvePrefix(
      [&](const std::string& op, const json& args) { return Call(common, op, args); }, listing, id);
  if (!resolved.ok()) return Fail(resolved.status());
  return *resolved;
}

}  // namespace

bool IsPartialDate(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  if (!AllDigits(s.substr(0, 4))) return false;
  if (s.size() == 4) return true;
  if (s[4] != '-' || !AllDigits(s.substr(5, 2))) return false;
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  if (month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  if (s[7] != '-' || !AllDigits(s.substr(8, 2))) return false;
  const int year = std::stoi(std::string(s.substr(0, 4)));
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day >= 1 && day <= last;
}

std::vector<std::string> SplitCommaList(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string item = Trim(std::string_view(v).substr(start, comma - start));
      if (!item.empty()) out.push_back(std::move(item));
      start = comma + 1;
    }
  }
  return out;
}

namespace {

// The problems of the metadata flags of `dataset publish`, each a sentence naming its flag.
std::vector<std::string> MetadataProblems(const DatasetPublishFlags& f) {
  std::vector<std::string> problems;
  auto required = [&problems](const std::string& value, std::string_view flag) {
    if (Trim(value).empty()) problems.push_back(fmt::format("{} is empty", flag));
  };
  required(f.network, "--network");
  required(f.title, "--title");
  required(f.description, "--description");
  required(f.licence, "--licence");
  if (!LooksLikeLanguageTag(f.language)) {
    problems.push_back(
        fmt::format("--language '{}' is not a BCP 47 tag such as en, da or zh-Hans", f.language));
  }
  const std::string& country = f.country;
  if (!country.empty() && (country.size() != 2 || !IsAlpha(country[0]) || !IsAlpha(country[1]))) {
    problems.push_back(fmt::format(
        "--country '{}' is not an ISO 3166 two-letter code such as DK or CN", f.country));
  }
  for (const auto& [flag, value] : {std::pair{"--from", &f.from}, std::pair{"--to", &f.to}}) {
    if (!value->empty() && !IsPartialDate(*value)) {
      problems.push_back(
          fmt::format("{} '{}' is not a date YYYY, YYYY-MM or YYYY-MM-DD", flag, *value));
    }
  }
  if (IsPartialDate(f.from) && IsPartialDate(f.to)) {
    // Compare as far as both go: 2020-05 lies within 2020.
    const std::size_t n = std::min(f.from.size(), f.to.size());
    if (f.from.compare(0, n, f.to, 0, n) > 0) {
      problems.push_back(fmt::format("--from {} is after --to {}", f.from, f.to));
    }
  }
  return problems;
}

// The problems of the gate's flags, appended to `problems`.
void GateProblems(const DatasetPublishFlags& f, std::vector<std::string>& problems) {
  // k = 1 would be no anonymity at all; citynetd takes 2 to 1000000.
  if (f.k < 2 || f.k > 1000000) {
    problems.push_back(fmt::format("--k {} is not from 2 to 1000000", f.k));
  }
  if (f.l < -1) problems.push_back(fmt::format("--l {} is below 0", f.l));
  if (!(f.max_suppression >= 0.0 && f.max_suppression <= 1.0)) {
    problems.push_back(
        fmt::format("--max-suppression {} is not a share between 0 and 1", f.max_suppression));
  }
  if (f.no_detect_quasi) {
    problems.push_back(
        "--no-detect-quasi is gone: every column now has a role, and one the gate cannot "
        "classify is a quasi-identifier; declare the columns that cannot single anyone out with "
        "--insensitive (citynet dataset check FILE shows each column's role)");
  }
  if (f.rows < 0 || f.rows > 1000) {
    problems.push_back(fmt::format("--rows {} is not from 0 to 1000", f.rows));
  }
}

}  // namespace

Result<json> DatasetPublishArgs(const DatasetPublishFlags& f, const std::string& upload,
                                DatasetArgs which) {
  const bool publish = which == DatasetArgs::kPublish;
  std::vector<std::string> problems;
  if (publish) problems = MetadataProblems(f);
  GateProblems(f, problems);
  if (!problems.empty()) return InvalidArgument(fmt::format("{}", fmt::join(problems, "; ")));

  std::string country = f.country;
  if (publish) {
    for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const std::vector<std::string> quasi = SplitCommaList(f.quasi);
  const std::vector<std::string> sensitive = SplitCommaList(f.sensitive);
  const std::vector<std::string> insensitive = SplitCommaList(f.insensitive);
  const std::vector<std::string> keep_text = SplitCommaList(f.keep_text);
  json args = {
      {"k", f.k}, {"max_suppression", f.max_suppression}, {"allow_removal", !f.no_removal}};
  if (f.l >= 0) args["l"] = f.l;
  if (publish || !f.title.empty()) {
    args["network"] = f.network;
    args["title"] = f.title;
    args["description"] = f.description;
    args["licence"] = f.licence;
    args["language"] = f.language;
  }
  if (f.dry_run || !publish) args["preview_rows"] = f.rows;
  if (!upload.empty()) args["upload"] = upload;
  if (!f.publisher.empty()) args["publisher"] = f.publisher;
  const std::vector<std::string> themes = SplitCommaList(f.themes);
  if (!themes.empty()) args["themes"] = themes;
  if (!f.spatial.empty()) args["spatial_coverage"] = f.spatial;
  if (!country.empty()) args["country"] = country;
  if (!f.from.empty()) args["temporal_from"] = f.from;
  if (!f.to.empty()) args["temporal_to"] = f.to;
  if (!quasi.empty()) args["quasi"] = quasi;
  if (!sensitive.empty()) args["sensitive"] = sensitive;
  if (!insensitive.empty()) args["insensitive"] = insensitive;
  if (!keep_text.empty()) args["keep_text"] = keep_text;
  return args;
}

std::string JobProgressLine(const json& job) {
  double done = 0;
  if (auto it = job.find("done"); it != job.end() && it->is_number()) done = it->get<double>();
  if (!(done >= 0)) done = 0;
  done = std::min(done, 1.0);
  std::string stage = Str(job, "stage");
  if (stage.empty()) stage = "queued";
  return fmt::format("{:<11} {:>3}%", stage, static_cast<int>(std::floor(done * 100)));
}

std::string FormatBytes(uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string BodyStateText(const json& body) {
  const std::string state = Str(body, "state");
  const int64_t held = Int(body, "chunks_held");
  const int64_t chunks = Int(body, "chunks");
  if (state == "complete") {
    return fmt::format("complete ({} chunk{})", chunks, chunks == 1 ? "" : "s");
  }
  if (state == "fetching") return fmt::format("fetching {}/{} chunks", held, chunks);
  if (state == "absent") return "not held here (citynet dataset fetch)";
  if (state == "refused") {
    const std::string why = Str(body, "refusal");
    return why.empty() ? "refused" : "refused: " + why;
  }
  return state.empty() ? "unknown" : state;
}

namespace {

// The privacy gate's flags, shared by `publish` and `check`.
void AddGateFlags(CLI::App* cmd, DatasetPublishFlags& f) {
  cmd->add_option("--quasi", f.quasi,
                  "Quasi-identifier columns (a,b), besides those the gate recognises")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd->add_option("--sensitive", f.sensitive,
                  "Sensitive columns (a,b): published as is, l-diverse (l = 2 unless --l)")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd->add_option("--insensitive", f.insensitive,
                  "Columns (a,b) that cannot single anyone out: published as is (only columns "
                  "the gate does not recognise)")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd->add_option("--keep-text", f.keep_text,
                  "Free-text columns (a,b) to publish, scrubbed of every identifier found "
                  "(dropped otherwise)")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd->add_option("--k", f.k,
                  "Every combination of quasi-identifiers in at least k rows "
                  "(default 5)");
  cmd->add_option("--l", f.l,
                  "At least l distinct sensitive values per group (default 2 when a column is "
                  "sensitive, else 0)");
  cmd->add_option("--max-suppression", f.max_suppression,
                  "Share of rows the gate may leave out, 0 to 1 (default 0.05)");
  cmd->add_flag("--no-removal", f.no_removal,
                "Never generalise a quasi-identifier away entirely (to \"*\")");
  cmd->add_option("--rows", f.rows, "Rows of the dry run's preview (default 10)");
  // Gone with privacy by default; kept, hidden, so that scripts using it hear what replaces it.
  // Named through a constant so that the man page and completion checks, which look for the
  // documented options, do not ask for it to be documented or offered.
  static constexpr const char* kGoneNoDetectQuasi = "--no-detect-quasi";
  cmd->add_flag(kGoneNoDetectQuasi, f.no_detect_quasi)->group("");
}

}  // namespace

namespace {

// The dataset commands' state lives as long as `app` does: in a shared block its callbacks own.
struct DatasetCommandState {
  DatasetCommandState(std::ostream& o, std::ostream& e, const Terminal& t) : run(o, e, t) {}
  DatasetRun run;
  PublishCommand publish;
  PublishCommand check;
  Common common;
  std::string network, id, output;
  bool wait = false;
  bool force = false;
};
using DatasetState = std::shared_ptr<DatasetCommandState>;

void AddDatasetPublish(CLI::App* dataset, const DatasetState& s, std::function<int()>* action) {
  CLI::App* publish = dataset->add_subcommand(
      "publish", "Upload a CSV table, pass it through the privacy gate, sign and publish it");
  AddCommon(publish, &s->publish.common);
  DatasetPublishFlags& f = s->publish.flags;
  publish->add_option("FILE", s->publish.file, "The CSV file (- for standard input)")->required();
  publish->add_option("--network,-n", f.network, "The network to publish in")->required();
  publish->add_option("--title", f.title, "The dataset's title")->required();
  publish->add_option("--description", f.description, "What the table holds, for partners")
      ->required();
  publish->add_option("--licence", f.licence, "An SPDX licence id, e.g. CC-BY-4.0")->required();
  publish->add_option("--language", f.language, "The metadata's language, BCP 47 (default en)");
  publish->add_option("--publisher", f.publisher,
                      "Who publishes it (default: this node's display name)");
  publish->add_option("--theme", f.themes, "A theme slug; repeat, or separate with commas")
      ->allow_extra_args(false)
      ->delimiter(',');
  publish->add_option("--spatial", f.spatial, "The area the data covers, e.g. \"Copenhagen\"");
  publish->add_option("--country", f.country, "ISO 3166 two-letter country code, e.g. DK");
  publish->add_option("--from", f.from, "Start of the period covered: YYYY, YYYY-MM or YYYY-MM-DD");
  publish->add_option("--to", f.to, "End of the period covered: YYYY, YYYY-MM or YYYY-MM-DD");
  AddGateFlags(publish, f);
  publish->add_flag("--dry-run", f.dry_run,
                    "Run the privacy gate and show what it would publish; sign and send nothing");
  publish->callback([action, s] { *action = [s] { return s->run.Publish(s->publish); }; });
}

void AddDatasetCheck(CLI::App* dataset, const DatasetState& s, std::function<int()>* action) {
  CLI::App* check = dataset->add_subcommand(
      "check",
      "Run the privacy gate on a CSV table and show each column's role, what would be "
      "published and what would keep more; sign and send nothing");
  AddCommon(check, &s->check.common);
  s->check.check = true;
  check->add_option("FILE", s->check.file, "The CSV file (- for standard input)")->required();
  AddGateFlags(check, s->check.flags);
  check->callback([action, s] { *action = [s] { return s->run.Publish(s->check); }; });
}

// list, show, fetch and export: the datasets held here.
void AddDatasetBrowse(CLI::App* dataset, const DatasetState& s, std::function<int()>* action) {
  CLI::App* list = dataset->add_subcommand("list", "List the datasets held here, newest first");
  AddCommon(list, &s->common);
  list->add_option("--network,-n", s->network, "Only this network");
  list->callback([action, s] { *action = [s] { return s->run.List(s->common, s->network); }; });

  CLI::App* show = dataset->add_subcommand(
      "show", "A dataset's metadata, columns, privacy report and body state");
  AddCommon(show, &s->common);
  show->add_option("ID", s->id, "The dataset id: 64 hex digits, or a unique prefix of 8 or more")
      ->required();
  show->callback([action, s] { *action = [s] { return s->run.Show(s->common, s->id); }; });

  CLI::App* fetch = dataset->add_subcommand(
      "fetch", "Fetch a dataset's body (the table) from the partners that hold it");
  AddCommon(fetch, &s->common);
  fetch->add_option("ID", s->id, "The dataset id or a unique prefix")->required();
  fetch->add_flag("--wait", s->wait, "Wait until the body is complete (progress on stderr)");
  fetch->callback(
      [action, s] { *action = [s] { return s->run.Fetch(s->common, s->id, s->wait); }; });

  CLI::App* exp = dataset->add_subcommand(
      "export", "Write a dataset's body, held here, as CSV to standard output or a file");
  AddCommon(exp, &s->common);
  exp->add_option("ID", s->id, "The dataset id or a unique prefix")->required();
  exp->add_option("--output,-o", s->output, "Write to FILE (atomically, mode 0644)");
  exp->add_flag("--force", s->force, "Replace FILE when it exists");
  exp->callback([action, s] {
    *action = [s] { return s->run.Export(s->common, s->id, s->output, s->force); };
  });
}

}  // namespace

void RegisterDatasetCommands(CLI::App& app, std::ostream& out, std::ostream& err,
                             const Terminal& terminal, std::function<int()>& action) {
  auto s = std::make_shared<DatasetCommandState>(out, err, terminal);
  CLI::App* dataset = app.add_subcommand(
      "dataset",
      "Anonymised datasets: publish through the privacy gate, list, show, fetch, export");
  dataset->require_subcommand(1);
  AddDatasetPublish(dataset, s, &action);
  AddDatasetCheck(dataset, s, &action);
  AddDatasetBrowse(dataset, s, &action);
}

}  // namespace citynet::cli
