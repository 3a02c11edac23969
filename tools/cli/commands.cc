#include "tools/cli/commands.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "protocol/case_json.h"
#include "protocol/codec.h"
#include "protocol/export.h"
#include "tools/cli/common.h"
#include "tools/cli/dataset.h"
#include "tools/cli/display.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/output.h"
#include "tools/cli/setup.h"
#include "tools/control_client.h"

namespace citynet::cli {
namespace {

using json = nlohmann::json;

std::string Number(const json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return fmt::format("{}", v.get<double>());
  return "";
}

// A case file in TOML, as the JSON text of the same shape. InvalidArgument with
// "LINE:COLUMN: ..." for a TOML syntax error.
Result<std::string> CaseTomlToJson(const std::string& text) {
  try {
    toml::table table = toml::parse(text);
    std::stringstream out;
    out << toml::json_formatter{table};
    return out.str();
  } catch (const toml::parse_error& e) {
    return InvalidArgument(fmt::format("{}:{}: syntax error: {}", e.source().begin.line,
                                       e.source().begin.column, e.description()));
  }
}

// One run of the CLI: where output goes and the connection to citynetd.
class Run : public CommandRun {
 public:
  using CommandRun::CommandRun;

  int Fail(const Status& status) {
    err_ << "citynet: error: " << status.message() << "\n";
    return ExitCodeFor(status);
  }
  int Usage(std::string_view message) {
    err_ << "citynet: error: " << message << "\n";
    return kExitUsage;
  }

  int NodeStatus(const Common& common);
  int NodeCard(const Common& common, const std::string& output);
  int NodeReload(const Common& common);
  int CasePublish(const Common& common, const std::string& file, std::string network,
                  const std::string& supersedes);
  struct ListFlags {
    std::string network, theme, city, lang, since, author, cursor;
    int sdg = 0;
    int limit = 0;
    bool all = false;
  };
  int CaseList(const Common& common, const ListFlags& flags);
  int CaseSearch(const Common& common, const std::string& query, const std::string& network,
                 int limit, bool wait);
  int CaseShow(const Common& common, const std::string& id);
  int CaseRetract(const Common& common, const std::string& id, const std::string& reason);
  int CaseErasure(const Common& common, const std::string& id);
  int Export(const Common& common, const std::string& file, const std::string& network);
  int Import(const Common& common, const std::string& file);
  // A progress line on stderr, rewritten in place; only on a terminal.
  void Progress(const std::string& line) {
    if (terminal_.stdout_is_tty && ::isatty(2)) err_ << "\r" << line << "\x1b[K" << std::flush;
  }
  // A full id from a full id or a unique prefix; on failure, the exit code.
  std::variant<std::string, int> ResolveId(const Common& common, const std::string& id);
};

// `node status`: the node, its keys, networks and sockets.
std::string StatusIdentityText(const json& s, const Style& style) {
  const json& node = s.value("node", json::object());
  std::string out;
  out += style.Bold(Str(node, "name"));
  if (!Str(node, "display_name").empty()) out += "  " + Str(node, "display_name");
  out += "\n";
  auto field = [&out](std::string_view name, const std::string& value) {
    out += fmt::format("  {}{}\n", PadToWidth(name, 15), value.empty() ? "-" : value);
  };
  field("signing key", Str(node, "signing_key"));
  field("transport key", Str(node, "transport_key"));
  field("networks", Join(node.value("networks", json::array())));
  field("listen", Join(s.value("listen", json::array())));
  field("control", Str(s, "control"));
  field("metrics", Str(s, "metrics"));
  field("version", fmt::format("{}, pid {}, started {} UTC", Str(node, "version"), Int(node, "pid"),
                               FormatTime(Int(node, "started_at_ms"))));
  return out;
}

// `node status`: the partners, connected or not, and how far behind.
std::string StatusPeersText(const json& s, int width, const Style& style) {
  std::string out;
  out += "\n" + style.Bold("Peers") + "\n";
  const json& peers = s.value("peers", json::array());
  if (peers.empty()) {
    out += "  none configured\n";
  } else {
    Table t({{"NAME"},
             {"NETWORKS"},
             {"CONNECTED"},
             {"LAG", Table::Align::kRight},
             {"DIAL", Table::Align::kLeft, true, 12}});
    for (const json& p : peers) {
      std::string dial = Str(p, "dial");
      t.AddRow({Str(p, "name"), Join(p.value("networks", json::array()), ","),
                p.value("connected", false) ? "yes" : "no", std::to_string(Int(p, "lag_records")),
                dial.empty() ? "(dials us)" : dial});
    }
    out += t.Render(width, style);
  }

  return out;
}

// `node status`: what came in, and what was refused and why.
std::string StatusRecordsText(const json& s, int width, const Style& style) {
  std::string out;
  const json& r = s.value("records", json::object());
  out += "\n" + style.Bold("Records") + "\n";
  out += fmt::format(
      "  stored {} · accepted {} · duplicate {} · waiting {} · pending {} · sent {} · fork "
      "evidence {}\n",
      Int(r, "stored"), Int(r, "accepted"), Int(r, "duplicate"), Int(r, "waiting"),
      Int(r, "pending"), Int(r, "sent"), Int(r, "fork_evidence"));
  if (!r.value("search_current", true)) out += "  search index is catching up\n";

  out += "\n" + style.Bold("Refused") + "\n";
  const json& refused = s.value("refused", json::object());
  if (refused.empty()) {
    out += "  none\n";
  } else {
    Table t({{"REASON", Table::Align::kLeft, true, 12}, {"COUNT", Table::Align::kRight}});
    for (const auto& [reason, count] : refused.items()) t.AddRow({reason, Number(count)});
    out += t.Render(width, style);
  }

  return out;
}

// `node status`: evidence of feeds that forked.
std::string StatusForksText(const json& s, int width, const Style& style) {
  std::string out;
  out += "\n" + style.Bold("Forks") + "\n";
  const json& forks = s.value("forks", json::array());
  if (forks.empty()) {
    out += "  none\n";
  } else {
    Table t({{"AUTHOR"}, {"NETWORK"}, {"SEQ", Table::Align::kRight}, {"KEY", {}, true, 12}});
    for (const json& f : forks) {
      t.AddRow({Str(f, "author_name"), Str(f, "network"), std::to_string(Int(f, "seq")),
                Str(f, "author")});
    }
    out += t.Render(width, style);
  }

  return out;
}

// `node status`: after a restore from backup, what the node waits for before it signs.
std::string StatusRestoreHoldText(const json& s, int width, const Style& style) {
  std::string out;
  const json& hold = s.value("restore_hold", json::object());
  if (!hold.empty()) {
    out += "\n" + style.Bold("Restore hold") + "\n";
    out +=
        "  restored from a backup: signs nothing in these networks until every partner there\n"
        "  has shown its copy of this node's records and they are back here\n";
    Table t({{"NETWORK"}, {"OWN SEQ", Table::Align::kRight}, {"PARTNERS", {}, true, 12}});
    for (const auto& [network, entry] : hold.items()) {
      std::vector<std::string> partners;
      for (const json& p : entry.value("partners", json::array())) {
        std::string state = !p.value("heard", false) ? "not heard"
                            : p.value("confirmed", false)
                                ? "confirmed"
                                : fmt::format("has up to {}", Int(p, "their_seq"));
        partners.push_back(fmt::format("{} ({})", Str(p, "name"), state));
      }
      t.AddRow({network, std::to_string(Int(entry, "own_seq")),
                fmt::format("{}", fmt::join(partners, ", "))});
    }
    out += t.Render(width, style);
  }

  return out;
}

// `node status`: retractions whose erasure receipts are still missing.
std::string StatusErasuresText(const json& s, int width, const Style& style) {
  std::string out;
  out += "\n" + style.Bold("Pending erasures") + "\n";
  const json& erasures = s.value("pending_erasures", json::array());
  if (erasures.empty()) {
    out += "  none\n";
  } else {
    Table t({{"CASE"},
             {"NETWORK"},
             {"RETRACTED"},
             {"CONFIRMED", Table::Align::kRight},
             {"WAITING FOR", {}, true, 12}});
    for (const json& e : erasures) {
      t.AddRow({ShortId(Str(e, "target")), Str(e, "network"), FormatTime(Int(e, "retracted_at_ms")),
                Number(e["confirmed"]), Join(e["pending"])});
    }
    out += t.Render(width, style);
  }
  return out;
}

int Run::NodeStatus(const Common& common) {
  auto status = Call(common, "status", json::object());
  if (!status.ok()) return Fail(status.status());
  const json& s = *status;
  if (common.json) {
    PrintJson(s);
    return kExitOk;
  }
  const int width = terminal_.width;
  out_ << StatusIdentityText(s, style_) << StatusPeersText(s, width, style_)
       << StatusRecordsText(s, width, style_) << StatusForksText(s, width, style_)
       << StatusRestoreHoldText(s, width, style_) << StatusErasuresText(s, width, style_);
  return kExitOk;
}

int Run::NodeCard(const Common& common, const std::string& output) {
  auto card = Call(common, "node.card", json::object());
  if (!card.ok()) return Fail(card.status());
  std::string text = Str(*card, "card");
  if (!text.empty() && text.back() != '\n') text += '\n';
  if (!output.empty()) {
    std::ofstream f(output, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f) {
      return Fail(Status(StatusCode::kInternal,
                         fmt::format("cannot write {}: {}", output, std::strerror(errno))));
    }
  }
  if (common.json) {
    PrintJson({{"card", text}, {"output", output.empty() ? json(nullptr) : json(output)}});
  } else if (output.empty()) {
    out_ << text;
  } else {
    out_ << "wrote this node's card to " << output << "\n";
  }
  return kExitOk;
}

// Waits for citynetd's answer, so that it can serve as the unit's ExecReload: systemd 252 has no
// Type=notify-reload, and `kill -HUP` returns before the reload is done. A refused configuration
// fails the command (and so `systemctl reload`) with the daemon's list of problems.
int Run::NodeReload(const Common& common) {
  auto reloaded = Call(common, "node.reload", json::object());
  if (!reloaded.ok()) return Fail(reloaded.status());
  if (common.json) {
    PrintJson({{"reloaded", true}});
  } else {
    out_ << "citynetd reloaded its configuration (partners and log level; other changes take "
            "effect at the next restart)\n";
  }
  return kExitOk;
}

int Run::CasePublish(const Common& common, const std::string& file, std::string network,
                     const std::string& supersedes) {
  std::ifstream f(file, std::ios::binary);
  if (!f) {
    return Fail(Status(StatusCode::kInternal,
                       fmt::format("cannot read {}: {}", file, std::strerror(errno))));
  }
  std::stringstream buf;
  buf << f.rdbuf();
  std::string text = buf.str();
  if (file.size() > 5 && file.compare(file.size() - 5, 5, ".toml") == 0) {
    // A TOML case file has the JSON file's shape: convert, then check the same way.
    auto json_text = CaseTomlToJson(text);
    if (!json_text.ok()) {
      err_ << "citynet: error: " << file << ":" << json_text.status().message() << "\n"
           << "nothing was sent to citynetd; fix the file and run the command again\n";
      return kExitRefused;
    }
    text = std::move(json_text).value();
  }
  // Every problem of the file, at once, before citynetd hears of it.
  auto study = protocol::CaseStudyFromJson(text);
  if (!study.ok()) {
    err_ << "citynet: error: " << file << ": " << study.status().message() << "\n"
         << "nothing was sent to citynetd; fix the file and run the command again\n";
    return kExitRefused;
  }
  if (network.empty()) {
    if (study->networks.size() != 1) {
      return Usage(fmt::format("give --network: {} names {} networks ({})", file,
                               study->networks.size(), fmt::join(study->networks, ", ")));
    }
    network = study->networks.front();
  }
  json args = {{"network", network}, {"case", json::parse(protocol::CaseStudyToJson(*study))}};
  if (!supersedes.empty()) {
    if (!IsHexId(supersedes)) return Usage("--supersedes takes a record id (64 hex digits)");
    args["supersedes"] = supersedes;
  }
  auto published = Call(common, "case.publish", args);
  if (!published.ok()) return Fail(published.status());
  if (common.json) {
    PrintJson(*published);
  } else {
    out_ << Str(*published, "id") << "\n";
    err_ << fmt::format("published \"{}\" in {} (seq {})\n", study->title, network,
                        Int(*published, "seq"));
  }
  return kExitOk;
}

int Run::CaseList(const Common& common, const ListFlags& flags) {
  json args = {{"kind", "case-study"}};
  std::vector<std::string> again;  // the flags, to repeat in the "more" hint
  auto text = [&](const char* key, const char* flag, const std::string& v) {
    if (v.empty()) return;
    args[key] = v;
    again.push_back(fmt::format("{} '{}'", flag, v));
  };
  text("network", "--network", flags.network);
  text("theme", "--theme", flags.theme);
  text("city", "--city", flags.city);
  text("language", "--lang", flags.lang);
  text("author", "--author", flags.author);
  if (flags.sdg != 0) {
    args["sdg"] = flags.sdg;
    again.push_back(fmt::format("--sdg {}", flags.sdg));
  }
  if (!flags.since.empty()) {
    const int64_t ms = ParseDateMs(flags.since);
    if (ms < 0) return Usage(fmt::format("--since takes a date YYYY-MM-DD, not '{}'", flags.since));
    args["since_ms"] = ms;
    again.push_back("--since " + flags.since);
  }
  const int limit = flags.limit > 0 ? flags.limit : (flags.all ? 500 : 30);
  args["limit"] = limit;
  if (flags.limit > 0) again.push_back(fmt::format("--limit {}", flags.limit));

  json records = json::array();
  std::string cursor = flags.cursor;
  for (;;) {
    if (!cursor.empty()) args["cursor"] = cursor;
    auto page = Call(common, "record.list", args);
    if (!page.ok()) return Fail(page.status());
    for (json& r : (*page)["records"]) records.push_back(std::move(r));
    cursor = Str(*page, "next_cursor");
    if (cursor.empty() || !flags.all) break;
  }
  if (common.json) {
    PrintJson({{"records", records}, {"next_cursor", cursor}});
    return kExitOk;
  }
  if (records.empty()) {
    err_ << "no cases match\n";
    return kExitOk;
  }
  // On a narrow terminal the author, then the city, give way to the title (--json has all).
  const int width = terminal_.width;
  const bool show_author = width <= 0 || width >= 90;
  const bool show_city = width <= 0 || width >= 72;
  std::vector<Table::Column> columns = {{"ID"}, {"TITLE", Table::Align::kLeft, true, 12}};
  if (show_city) columns.push_back({"CITY"});
  columns.push_back({"NETWORK"});
  if (show_author) columns.push_back({"AUTHOR"});
  columns.push_back({"DATE"});
  Table t(std::move(columns));
  for (const json& r : records) {
    std::string author = Str(r, "author_name");
    if (author.empty()) author = ShortId(Str(r, "author"));
    std::string title = Str(r, "title");
    if (r.value("retracted", false)) title = "(retracted) " + title;
    std::vector<std::string> row = {ShortId(Str(r, "id")), title};
    if (show_city) row.push_back(Str(r, "city"));
    row.push_back(Str(r, "network"));
    if (show_author) row.push_back(author);
    row.push_back(FormatDate(Int(r, "created_at_ms")));
    t.AddRow(std::move(row));
  }
  out_ << t.Render(terminal_.width, style_);
  if (!cursor.empty()) {
    std::string cmd = "citynet case list";
    for (const std::string& a : again) cmd += " " + a;
    err_ << fmt::format("more cases: {} --cursor '{}'  (or --all)\n", cmd, cursor);
  }
  return kExitOk;
}

int Run::CaseSearch(const Common& common, const std::string& query, const std::string& network,
                    int limit, bool wait) {
  json args = {{"query", query}, {"limit", limit}, {"wait", wait}};
  if (!network.empty()) args["network"] = network;
  auto found = Call(common, "case.search", args);
  if (!found.ok()) return Fail(found.status());
  json results = found->value("results", json::array());
  if (common.json) {
    PrintJson({{"results", results}});
    return kExitOk;
  }
  if (results.empty()) {
    err_ << fmt::format("no cases match '{}'\n", query);
    return kExitOk;
  }
  std::string out;
  int rank = 0;
  const int width = terminal_.width;
  for (const json& r : results) {
    ++rank;
    const std::string num = fmt::format("{:>2}. ", rank);
    const std::string id = ShortId(Str(r, "id"));
    std::string title = Str(r, "title");
    if (width > 0) title = TruncateToWidth(title, width - 4 - 2 - static_cast<int>(id.size()));
    out += num + style_.Bold(title) + "  " + style_.Dim(id) + "\n";
    std::string author = Str(r, "author_name");
    if (author.empty()) author = ShortId(Str(r, "author"));
    out += fmt::format("    {} · {} · {} · {}\n", Str(r, "city"), Str(r, "network"), author,
                       FormatDate(Int(r, "created_at_ms")));
    const std::string snippet = Str(r, "snippet");
    if (!snippet.empty()) out += "    " + style_.Highlight(snippet) + "\n";
  }
  out_ << out;
  return kExitOk;
}

// Cases by prefix: superseded and retracted ones too (`case erasure` looks a retracted one up).
// Walking the listing is fine for the thousands of cases a node holds.
IdListing CaseListing() {
  return {"record.list",
          json{{"kind", "case-study"},
               {"include_superseded", true},
               {"include_retractions", true},
               {"limit", 1000}},
          "records",
          "case",
          "cases",
          "record id"};
}

std::variant<std::string, int> Run::ResolveId(const Common& common, const std::string& id) {
  if (IsHexId(id)) return id;
  if (auto problem = IdSyntaxProblem(id, CaseListing())) return Usage(*problem);
  auto resolved =
      ResolvePrefix([&](const std::string& op, const json& args) { return Call(common, op, args); },
                    CaseListing(), id);
  if (!resolved.ok()) return Fail(resolved.status());
  return *resolved;
}

int Run::CaseRetract(const Common& common, const std::string& id, const std::string& reason) {
  auto full = ResolveId(common, id);
  if (const int* code = std::get_if<int>(&full)) return *code;
  const std::string& target = std::get<std::string>(full);
  auto retracted = Call(common, "case.retract", {{"id", target}, {"reason", reason}});
  if (!retracted.ok()) return Fail(retracted.status());
  if (common.json) {
    PrintJson(*retracted);
    return kExitOk;
  }
  out_ << Str(*retracted, "id") << "\n";
  err_ << fmt::format(
      "retracted {} in {}: every member purges its copy and answers with a signed receipt.\n"
      "Follow the receipts with: citynet case erasure {}\n",
      ShortId(target), Str(*retracted, "network"), ShortId(target));
  return kExitOk;
}

int Run::CaseErasure(const Common& common, const std::string& id) {
  auto full = ResolveId(common, id);
  if (const int* code = std::get_if<int>(&full)) return *code;
  auto erasure = Call(common, "case.erasure", {{"id", std::get<std::string>(full)}});
  if (!erasure.ok()) return Fail(erasure.status());
  const json& e = *erasure;
  if (common.json) {
    PrintJson(e);
    return kExitOk;
  }
  const json& retraction = e["retraction"];
  std::string out =
      fmt::format("{} in {}: retracted {} (\"{}\")\n", ShortId(Str(e, "target")), Str(e, "network"),
                  FormatTime(Int(retraction, "created_at_ms")), Str(retraction, "reason"));
  out += fmt::format("payload on this node: {}\n\n",
                     e.value("payload_held", false) ? "still held" : "purged");
  const json& confirmed = e["confirmed"];
  if (confirmed.empty()) {
    out += "No member has confirmed yet.\n";
  } else {
    Table t({{"CONFIRMED BY"}, {"OUTCOME"}, {"ERASED AT"}, {"RECEIPT"}});
    for (const json& c : confirmed) {
      t.AddRow({Str(c, "node"), Str(c, "outcome"), FormatTime(Int(c, "erased_at_ms")),
                ShortId(Str(c, "receipt"))});
    }
    out += t.Render(terminal_.width, style_);
  }
  const json& pending = e["pending"];
  if (!pending.empty()) out += "\nNot yet confirmed: " + Join(pending) + "\n";
  out_ << out;
  return kExitOk;
}

int Run::Export(const Common& common, const std::string& file, const std::string& network) {
  const std::string tmp = file + ".partial";
  std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
  if (!f) {
    return Fail(Status(StatusCode::kInternal,
                       fmt::format("cannot write {}: {}", tmp, std::strerror(errno))));
  }
  auto write = [&](const Bytes& b) {
    f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  };
  write(protocol::ExportHeader());
  uint64_t after = 0, count = 0, bytes = 0;
  for (;;) {
    json args = {{"after", after}, {"limit", 2000}};
    if (!network.empty()) args["network"] = network;
    auto page = Call(common, "record.export", args);
    if (!page.ok()) {
      std::remove(tmp.c_str());
      return Fail(page.status());
    }
    for (const json& item : (*page)["records"]) {
      auto envelope = FromBase64(item.get<std::string>());
      auto decoded = envelope.ok() ? protocol::DecodeEnvelope(*envelope)
                                   : Result<protocol::Envelope>(envelope.status());
      if (!decoded.ok() || !std::holds_alternative<protocol::SignedRecord>(decoded->body)) {
        std::remove(tmp.c_str());
        return Fail(Internal("citynetd sent a record this citynet cannot read: upgrade citynet"));
      }
      Bytes frame = protocol::ExportFrame(std::get<protocol::SignedRecord>(decoded->body));
      bytes += frame.size();
      write(frame);
      ++count;
    }
    after = (*page)["last"].get<uint64_t>();
    Progress(fmt::format("exported {} records ({} of {} scanned)", count, after,
                         (*page)["total"].get<uint64_t>()));
    if ((*page)["done"].get<bool>()) break;
  }
  write(protocol::ExportTrailer(count));
  f.close();
  if (!f || std::rename(tmp.c_str(), file.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Fail(Status(StatusCode::kInternal, fmt::format("cannot write {}", file)));
  }
  Progress("");
  if (common.json) {
    PrintJson({{"file", file}, {"records", count}, {"bytes", bytes}});
  } else {
    err_ << (terminal_.stdout_is_tty && ::isatty(2) ? "\r" : "")
         << fmt::format("exported {} signed records to {} ({} bytes)\n", count, file, bytes);
  }
  return kExitOk;
}

int Run::Import(const Common& common, const std::string& file) {
  std::ifstream f(file, std::ios::binary);
  if (!f) {
    return Fail(Status(StatusCode::kNotFound,
                       fmt::format("cannot read {}: {}", file, std::strerror(errno))));
  }
  protocol::ExportReader reader;
  json totals = {{"accepted", 0},
                 {"duplicate", 0},
                 {"waiting", 0},
                 {"fork_evidence", 0},
                 {"refused", json::object()}};
  std::vector<std::string> batch;
  auto send = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    auto r = Call(common, "record.import", {{"records", batch}});
    batch.clear();
    if (!r.ok()) return r.status();
    for (const char* k : {"accepted", "duplicate", "waiting", "fork_evidence"}) {
      totals[k] = totals[k].get<uint64_t>() + (*r)[k].get<uint64_t>();
    }
    for (const auto& [reason, n] : (*r)["refused"].items()) {
      totals["refused"][reason] = totals["refused"].value(reason, uint64_t{0}) + n.get<uint64_t>();
    }
    Progress(fmt::format("imported {} records", reader.records()));
    return Status::Ok();
  };
  std::vector<char> chunk(1 << 20);
  Status problem = Status::Ok();
  while (problem.ok()) {
    f.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const std::streamsize n = f.gcount();
    if (n <= 0) break;
    reader.Feed(
        ByteView(reinterpret_cast<const uint8_t*>(chunk.data()), static_cast<std::size_t>(n)));
    for (;;) {
      auto record = reader.Next();
      if (!record.ok()) {
        problem = record.status();
        break;
      }
      if (!*record) break;
      batch.push_back(ToBase64(protocol::EncodeEnvelope(protocol::Envelope{std::move(**record)})));
      if (batch.size() == 500) {
        if (Status s = send(); !s.ok()) return Fail(s);
      }
    }
  }
  // What was read before a damaged or truncated part is still imported.
  if (Status s = send(); !s.ok()) return Fail(s);
  if (problem.ok()) problem = reader.Finish();
  Progress("");
  uint64_t refused = 0;
  for (const auto& [reason, n] : totals["refused"].items()) refused += n.get<uint64_t>();
  if (common.json) {
    json j = totals;
    j["file"] = file;
    j["records"] = reader.records();
    j["file_error"] = problem.ok() ? json(nullptr) : json(problem.message());
    PrintJson(j);
  } else {
    std::string out = fmt::format(
        "{}: {} records read, {} new, {} already held, {} waiting for a predecessor, {} "
        "refused\n",
        file, reader.records(), totals["accepted"].get<uint64_t>(),
        totals["duplicate"].get<uint64_t>(), totals["waiting"].get<uint64_t>(), refused);
    for (const auto& [reason, n] : totals["refused"].items()) {
      out += fmt::format("  refused, {}: {}\n", reason, n.get<uint64_t>());
    }
    out_ << out;
  }
  if (!problem.ok()) {
    err_ << "citynet: error: " << file << ": " << problem.message() << "\n";
    return kExitRefused;
  }
  return refused > 0 ? kExitRefused : kExitOk;
}

int Run::CaseShow(const Common& common, const std::string& id) {
  auto resolved_id = ResolveId(common, id);
  if (const int* code = std::get_if<int>(&resolved_id)) return *code;
  const std::string full = std::get<std::string>(resolved_id);
  auto got = Call(common, "record.get", {{"id", full}});
  if (!got.ok()) return Fail(got.status());
  const json& r = *got;
  if (common.json) {
    PrintJson(r);
    return kExitOk;
  }
  const json c = r.value("case", json::object());
  std::string out;
  if (c.empty()) {
    out += style_.Bold(Str(r, "title").empty() ? "(no case text held)" : Str(r, "title")) + "\n";
    if (r.value("retracted", false)) out += "the author retracted this record; its text is gone\n";
  } else {
    out += style_.Bold(Str(c, "title")) + "\n";
    std::string where = Str(c, "city");
    if (!Str(c, "country").empty()) where += ", " + Str(c, "country");
    const json period = c.value("period", json::object());
    std::string when = Str(period, "from");
    if (!Str(period, "to").empty() && Str(period, "to") != when) when += "–" + Str(period, "to");
    out += fmt::format("{} · {} · {}\n", where, Str(c, "language"), when.empty() ? "-" : when);
    out += fmt::format("SDGs {} · themes {}\n", Join(c.value("sdgs", json::array())),
                       Join(c.value("themes", json::array())));
    out += "\n" + Str(c, "summary") + "\n";
    if (!Str(c, "body").empty()) out += "\n" + Str(c, "body") + "\n";
    const json outcomes = c.value("outcomes", json::array());
    if (!outcomes.empty()) {
      out += "\n" + style_.Bold("Outcomes") + "\n";
      Table t({{"METRIC", Table::Align::kLeft, true, 12},
               {"TARGET", Table::Align::kRight},
               {"ACHIEVED", Table::Align::kRight},
               {"UNIT"}});
      for (const json& o : outcomes) {
        t.AddRow({Str(o, "metric"), o.contains("target") ? Number(o["target"]) : "",
                  o.contains("achieved") ? Number(o["achieved"]) : "", Str(o, "unit")});
      }
      out += t.Render(terminal_.width, style_);
    }
    if (!c.value("partners", json::array()).empty()) {
      out += "\n" + style_.Bold("Partners") + " " + Join(c["partners"]) + "\n";
    }
    const json links = c.value("links", json::array());
    if (!links.empty()) {
      out += "\n" + style_.Bold("Links") + "\n";
      for (const json& l : links) {
        out += fmt::format("  {} <{}>\n", Str(l, "title"), Str(l, "url"));
      }
    }
    if (!Str(c, "licence").empty()) out += "\nLicence " + Str(c, "licence") + "\n";
  }
  out += "\n" + style_.Bold("Provenance") + "\n";
  auto field = [&out](std::string_view name, const std::string& value) {
    out += fmt::format("  {}{}\n", PadToWidth(name, 15), value);
  };
  field("id", Str(r, "id"));
  const std::string name = Str(r, "author_name");
  field("author", name.empty() ? Str(r, "author") + " (not a partner of this node)"
                               : fmt::format("{} ({})", name, Str(r, "author")));
  field("signature", r.value("signature_verified", false)
                         ? "verified now (Ed25519, by the author's key above)"
                         : "DOES NOT VERIFY: do not trust this record; report it to your IT");
  field("network", Str(r, "network"));
  field("seq", std::to_string(Int(r, "seq")));
  field("created", FormatTime(Int(r, "created_at_ms")) + " UTC");
  const std::string from = Str(r, "received_from");
  field("received", FormatTime(Int(r, "received_at_ms")) + " UTC" +
                        (from.empty() ? " (published on this node)" : " from " + from));
  if (!Str(r, "supersedes").empty()) field("supersedes", Str(r, "supersedes"));
  field("superseded by", Str(r, "superseded_by").empty() ? "-" : Str(r, "superseded_by"));
  if (r.value("retracted", false)) field("retracted", "yes: the payload was purged");
  out_ << out;
  return kExitOk;
}

}  // namespace

Terminal DetectTerminal() {
  Terminal t;
  t.stdout_is_tty = ::isatty(STDOUT_FILENO) == 1;
  t.stderr_is_tty = ::isatty(STDERR_FILENO) == 1;
  t.color = ShouldColor(t.stdout_is_tty, std::getenv("NO_COLOR"));
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && columns[0] != '\0') {
    int w = 0;
    const char* end = columns + std::strlen(columns);
    auto [p, ec] = std::from_chars(columns, end, w);
    if (ec == std::errc() && p == end && w > 0) t.width = w;
  }
  if (t.width == 0 && t.stdout_is_tty) {
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) t.width = ws.ws_col;
    if (t.width == 0) t.width = 80;
  }
  return t;
}

namespace {

// The values of the node, case, export and import commands' flags, which CLI11 fills while it
// parses; they live in RunCli, as long as the App.
struct CommandFlags {
  Common common;
  std::string card_output;
  std::string publish_file, publish_network, publish_supersedes;
  Run::ListFlags list;
  std::string search_query, search_network;
  int search_limit = 20;
  bool search_wait = false;
  std::string show_id;
  std::string supersede_id, supersede_file, supersede_network;
  std::string retract_id, retract_reason;
  std::string erasure_id;
  std::string export_file, export_network;
  std::string import_file;
};

// Where a parsed command goes: the flags, the run and the action the callbacks set. The
// Register functions below add a group of commands in the manner of RegisterSetupCommands.
struct Commands {
  CommandFlags* flags;
  Run* run;
  std::function<int()>* action;
};

void RegisterNodeCommands(CLI::App& app, Commands c) {
  CommandFlags* f = c.flags;
  CLI::App* node = app.add_subcommand("node", "This node: its status and card; reload its config");
  node->require_subcommand(1);
  CLI::App* status = node->add_subcommand(
      "status", "Identity, networks, peers with connection state and lag, counters, forks");
  AddCommon(status, &f->common);
  status->callback([c] { *c.action = [c] { return c.run->NodeStatus(c.flags->common); }; });

  CLI::App* card = node->add_subcommand("card", "Print this node's card (give it to partners)");
  AddCommon(card, &f->common);
  card->add_option("--output,-o", f->card_output, "Write the card to FILE instead of stdout");
  card->callback(
      [c] { *c.action = [c] { return c.run->NodeCard(c.flags->common, c.flags->card_output); }; });

  CLI::App* reload = node->add_subcommand(
      "reload", "Re-read the config (partners, log level) and wait until citynetd applied it");
  AddCommon(reload, &f->common);
  reload->callback([c] { *c.action = [c] { return c.run->NodeReload(c.flags->common); }; });
}

// case publish and case supersede: a case file signed and sent.
void RegisterCasePublishCommands(CLI::App* cases, Commands c) {
  CommandFlags* f = c.flags;
  CLI::App* publish =
      cases->add_subcommand("publish", "Validate a case file (JSON), sign it and publish it");
  AddCommon(publish, &f->common);
  publish->add_option("FILE", f->publish_file, "The case file, in the shape of the seed cases")
      ->required();
  publish->add_option("--network,-n", f->publish_network,
                      "The network to publish in (default: the case's only network)");
  publish->add_option("--supersedes", f->publish_supersedes,
                      "Id of an earlier version of this case that this one replaces");
  publish->callback([c] {
    *c.action = [c] {
      const CommandFlags& g = *c.flags;
      return c.run->CasePublish(g.common, g.publish_file, g.publish_network, g.publish_supersedes);
    };
  });

  CLI::App* supersede = cases->add_subcommand(
      "supersede", "Publish a new version of a case; the old one is marked superseded");
  AddCommon(supersede, &f->common);
  supersede->add_option("ID", f->supersede_id, "The case it replaces (id or unique prefix)")
      ->required();
  supersede->add_option("FILE", f->supersede_file, "The new version, a case file")->required();
  supersede->add_option("--network,-n", f->supersede_network,
                        "The network (default: the case's only network)");
  supersede->callback([c] {
    *c.action = [c] {
      const CommandFlags& g = *c.flags;
      auto full = c.run->ResolveId(g.common, g.supersede_id);
      if (const int* code = std::get_if<int>(&full)) return *code;
      return c.run->CasePublish(g.common, g.supersede_file, g.supersede_network,
                                std::get<std::string>(full));
    };
  });
}

// case list, search and show: reading what the node holds.
void RegisterCaseBrowseCommands(CLI::App* cases, Commands c) {
  CommandFlags* f = c.flags;
  Run::ListFlags& l = f->list;
  CLI::App* list = cases->add_subcommand("list", "List cases, newest first");
  AddCommon(list, &f->common);
  list->add_option("--network,-n", l.network, "Only this network");
  list->add_option("--sdg", l.sdg, "Only cases for this UN goal")->check(CLI::Range(1, 17));
  list->add_option("--theme", l.theme, "Only cases with this theme");
  list->add_option("--city", l.city, "Only cases from this city");
  list->add_option("--lang", l.lang, "Only cases in this language (BCP 47, e.g. da)");
  list->add_option("--since", l.since, "Only cases created on or after YYYY-MM-DD");
  list->add_option("--author", l.author,
                   "Only cases by this node (a partner's name or a signing key)");
  list->add_option("--limit,-L", l.limit, "Cases per page (default 30)")
      ->check(CLI::Range(1, 10000));
  list->add_option("--cursor", l.cursor, "Continue after an earlier page");
  list->add_flag("--all,-a", l.all, "Fetch every page");
  list->callback(
      [c] { *c.action = [c] { return c.run->CaseList(c.flags->common, c.flags->list); }; });

  CLI::App* search =
      cases->add_subcommand("search", "Full-text search, best match first, with snippets");
  AddCommon(search, &f->common);
  search->add_option("QUERY", f->search_query, "Words to find (prefix* works)")->required();
  search->add_option("--network,-n", f->search_network, "Only this network");
  search->add_option("--limit,-L", f->search_limit, "At most this many results (default 20)")
      ->check(CLI::Range(1, 1000));
  search->add_flag("--wait", f->search_wait,
                   "Let the index catch up with records just received first (up to 5 s)");
  search->callback([c] {
    *c.action = [c] {
      const CommandFlags& g = *c.flags;
      return c.run->CaseSearch(g.common, g.search_query, g.search_network, g.search_limit,
                               g.search_wait);
    };
  });

  CLI::App* show = cases->add_subcommand("show", "A case in full, with its provenance");
  AddCommon(show, &f->common);
  show->add_option("ID", f->show_id,
                   "The record id: 64 hex digits, or a unique prefix of 8 or more")
      ->required();
  show->callback(
      [c] { *c.action = [c] { return c.run->CaseShow(c.flags->common, c.flags->show_id); }; });
}

// case retract and case erasure: the right to erasure and its receipts.
void RegisterCaseRetractCommands(CLI::App* cases, Commands c) {
  CommandFlags* f = c.flags;
  CLI::App* retract = cases->add_subcommand(
      "retract", "Withdraw a case you published: every member purges it and sends a receipt");
  AddCommon(retract, &f->common);
  retract->add_option("ID", f->retract_id, "The case (id or unique prefix)")->required();
  retract
      ->add_option("--reason,-r", f->retract_reason,
                   "Why (goes to every member with the retraction; no personal data)")
      ->required();
  retract->callback([c] {
    *c.action = [c] {
      const CommandFlags& g = *c.flags;
      return c.run->CaseRetract(g.common, g.retract_id, g.retract_reason);
    };
  });

  CLI::App* erasure = cases->add_subcommand(
      "erasure", "Which members confirmed erasing a retracted case, and which have not yet");
  AddCommon(erasure, &f->common);
  erasure->add_option("ID", f->erasure_id, "The retracted case (id or unique prefix)")->required();
  erasure->callback([c] {
    *c.action = [c] { return c.run->CaseErasure(c.flags->common, c.flags->erasure_id); };
  });
}

void RegisterCaseCommands(CLI::App& app, Commands c) {
  CLI::App* cases = app.add_subcommand(
      "case", "Case studies: publish, list, search, show, supersede, retract, erasure");
  cases->require_subcommand(1);
  RegisterCasePublishCommands(cases, c);
  RegisterCaseBrowseCommands(cases, c);
  RegisterCaseRetractCommands(cases, c);
}

// export and import: signed records in a file, for offline exchange and backups.
void RegisterExchangeCommands(CLI::App& app, Commands c) {
  CommandFlags* f = c.flags;
  CLI::App* exp = app.add_subcommand(
      "export", "Write this node's signed records to a file (offline exchange, backups)");
  AddCommon(exp, &f->common);
  exp->add_option("FILE", f->export_file, "The export file to write")->required();
  exp->add_option("--network,-n", f->export_network, "Only this network's records");
  exp->callback([c] {
    *c.action = [c] {
      const CommandFlags& g = *c.flags;
      return c.run->Export(g.common, g.export_file, g.export_network);
    };
  });

  CLI::App* imp = app.add_subcommand(
      "import", "Read an export file: every record is verified as if a partner had sent it");
  AddCommon(imp, &f->common);
  imp->add_option("FILE", f->import_file, "The export file to read")->required();
  imp->callback(
      [c] { *c.action = [c] { return c.run->Import(c.flags->common, c.flags->import_file); }; });
}

void RegisterHelpCommands(CLI::App& app, std::ostream& out, std::function<int()>& action) {
  std::ostream* o = &out;
  std::function<int()>* act = &action;
  CLI::App* root = &app;
  CLI::App* help = app.add_subcommand("help", "Help topics: exit-codes");
  help->require_subcommand(0, 1);
  CLI::App* exit_codes = help->add_subcommand("exit-codes", "What each exit code means");
  exit_codes->callback([o, act] {
    *act = [o] {
      *o << ExitCodesHelp();
      return static_cast<int>(kExitOk);
    };
  });
  help->callback([o, act, root] {
    if (!*act) {
      *act = [o, root] {
        *o << root->help();
        return static_cast<int>(kExitOk);
      };
    }
  });
}

}  // namespace

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
           const Terminal& terminal) {
  CLI::App app{
      "citynet: browse, search and publish the case studies and datasets of your city networks",
      "citynet"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Every command's help");
  app.footer(
      "Talks to the local citynetd through its control socket. Exit codes: citynet help "
      "exit-codes.");

  CommandFlags flags;
  Run run(out, err, terminal);
  std::function<int()> action;
  const Commands commands{&flags, &run, &action};
  RegisterNodeCommands(app, commands);
  RegisterCaseCommands(app, commands);
  // dataset publish|list|show|fetch|export (tools/cli/dataset.h)
  RegisterDatasetCommands(app, out, err, terminal, action);
  RegisterExchangeCommands(app, commands);
  // init, peer add|list|remove (tools/cli/setup.h)
  RegisterSetupCommands(app, out, err, terminal, action);
  RegisterHelpCommands(app, out, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --help-all are "errors" that exit 0; CLI11's own codes (100-127) mean usage.
    if (e.get_exit_code() == 0) {
      app.exit(e, out, err);
      return kExitOk;
    }
    err << "citynet: error: " << e.what() << "\n"
        << "Run with --help for usage.\n";
    return kExitUsage;
  }
  if (!action) return run.Usage("no command given; run citynet --help");
  return action();
}

}  // namespace citynet::cli
