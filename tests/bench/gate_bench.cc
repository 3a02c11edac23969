// Privacy gate benchmark. For the synthetic citizen survey of tests/data/make_citizens.py (the
// generator the tests use, run with python3: 13 columns with direct identifiers, plus a free-text
// comment in Danish, English, Spanish or Chinese that a quarter of the time names a person, an
// e-mail address, a phone number or a street address), it prints each figure beside the limits
// measured in the same run on the same text:
//  - the parse alone (CsvReader over every row): the ceiling of any pass over the table;
//  - the identifier scan alone (IdentifierScanner::Scan and IsLoneName over every cell of the
//    columns the gate keeps, the comment included);
//  - Gate::Publish on one thread, as a city publishes after a dry run: free text kept
//    (--keep-text comment) and the columns it declares insensitive, k = 5; then with nothing
//    declared (privacy by default: the comment dropped, every unrecognised column a
//    quasi-identifier); then with the identifier columns unnamed, so that they are found by
//    their values. Each in rows/s (goal >= 100,000 rows/s on one core with free text kept), with
//    what the gate did;
//  - peak resident memory of each step beside the size of the CSV (goal: a publish <= 2x the
//    CSV). Each step runs in a child process of its own (fork), so its VmHWM is its own peak.
//    The CSV is written to a file and mapped, as citynetd maps an upload, and the pages of the
//    text a pass is done with are dropped when the gate says so (GateOptions::release); the
//    peak includes whatever of the text is resident. The body goes to a sink that drops it, as
//    citynetd's goes to a file.
//
// Usage: gate_bench [--rows N] [--seed S]   (default 1000000 rows, seed 1)
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "node/privacy/csv.h"
#include "node/privacy/gate.h"
#include "node/privacy/identifiers.h"

using namespace citynet;
using namespace citynet::privacy;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double StatusMiB(const char* field) {
  std::ifstream f("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(field);
  while (std::getline(f, line)) {
    if (line.compare(0, n, field) == 0) return std::strtod(line.c_str() + n, nullptr) / 1024.0;
  }
  return 0;
}

double PeakMiB() { return StatusMiB("VmHWM:"); }
double RssMiB() { return StatusMiB("VmRSS:"); }

std::string Generate(std::size_t rows, int seed) {
  const std::string command = std::string("python3 '") + CITYNET_SOURCE_DIR +
                              "/tests/data/make_citizens.py' " + std::to_string(rows) + " " +
                              std::to_string(seed) + " --lang en --mixed-comments";
  std::string text;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return text;
  std::vector<char> buffer(1 << 20);
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) text.append(buffer.data(), n);
  if (pclose(pipe) != 0) text.clear();
  return text;
}

// Runs `step` in a child process; the child prints its own lines, then its peak RSS. False when
// the child failed.
bool InChild(const char* what, double csv_mib, const std::function<bool()>& step) {
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("fork");
    return false;
  }
  if (pid == 0) {
    const bool ok = step();
    const double peak = PeakMiB();
    std::printf("         %-40s peak RSS %7.0f MiB = %.2fx the CSV\n", what, peak, peak / csv_mib);
    std::fflush(stdout);
    _exit(ok ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void PrintReport(const GateOutput& out) {
  const protocol::PrivacyReport& r = out.report;
  std::printf(
      "         k reached %u, %llu of %llu rows suppressed (%.2f %%), information loss %.4f\n",
      r.k_reached, static_cast<unsigned long long>(r.rows_suppressed),
      static_cast<unsigned long long>(r.rows_in),
      100.0 * static_cast<double>(r.rows_suppressed) / static_cast<double>(r.rows_in),
      r.information_loss);
  std::printf("         body %.1f MiB in %zu chunks, %llu rows\n",
              static_cast<double>(out.body.total_size) / (1 << 20), out.body.chunks.size(),
              static_cast<unsigned long long>(out.body.row_count));
  for (const protocol::ColumnRoleEntry& e : r.column_roles) {
    std::printf("         %-18s %-16s %s\n", e.column.c_str(),
                std::string(protocol::ColumnRoleName(e.role)).c_str(),
                e.published ? "" : "(dropped)");
  }
  for (const protocol::ColumnAction& g : r.generalised_columns) {
    std::printf("         generalised %-16s %s\n", g.column.c_str(), g.reason.c_str());
  }
  for (const protocol::ColumnAction& c : r.cleaned_columns) {
    std::printf("         cleaned %-20s %s\n", c.column.c_str(), c.reason.c_str());
  }
}

// A file mapped read-only, as citynetd maps an upload; Release drops the pages of a range.
class Mapped {
 public:
  explicit Mapped(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0) {
      size_ = static_cast<std::size_t>(st.st_size);
      void* at = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      map_ = at == MAP_FAILED ? nullptr : static_cast<char*>(at);
    }
    if (fd >= 0) close(fd);
  }
  ~Mapped() {
    if (map_ != nullptr) munmap(map_, size_);
  }
  Mapped(const Mapped&) = delete;
  Mapped& operator=(const Mapped&) = delete;
  std::string_view text() const { return {map_, map_ == nullptr ? 0 : size_}; }
  void Release(std::size_t begin, std::size_t end) const {
    const std::size_t page = 4096;
    const std::size_t first = (begin + page - 1) / page * page;
    const std::size_t last = end / page * page;
    if (last > first) madvise(map_ + first, last - first, MADV_DONTNEED);
  }

 private:
  char* map_ = nullptr;
  std::size_t size_ = 0;
};

bool Publish(const Gate& gate, const std::string& path, const char* what, GateOptions options,
             double parse_rate) {
  const Mapped file(path);
  if (file.text().empty()) {
    std::fprintf(stderr, "gate_bench: cannot map %s\n", path.c_str());
    return false;
  }
  options.release = [&file](std::size_t begin, std::size_t end) { file.Release(begin, end); };
  uint64_t sunk = 0;
  options.sink = [&sunk](uint32_t, std::string_view chunk) {
    sunk += chunk.size();
    return Status::Ok();
  };
  // Seconds per stage, from the gate's progress reports.
  std::vector<std::pair<std::string, double>> stages;
  std::vector<double> rss;  // resident MiB at the end of each stage
  auto mark = Clock::now();
  // The time between two reports goes to the stage of the first: work between stages (the
  // encoding after the scan) counts to the stage before it.
  options.progress = [&stages, &rss, &mark](std::string_view stage, double) {
    const auto now = Clock::now();
    if (!stages.empty()) stages.back().second += Seconds(mark, now);
    if (stages.empty() || stages.back().first != stage) {
      if (!stages.empty()) rss.push_back(RssMiB());
      stages.emplace_back(stage, 0.0);
    }
    mark = now;
  };
  const double before = RssMiB();
  const auto t0 = Clock::now();
  Result<GateOutput> out = gate.Publish(file.text(), options);
  const double s = Seconds(t0, Clock::now());
  if (!stages.empty()) stages.back().second += Seconds(mark, Clock::now());
  rss.push_back(RssMiB());
  std::string split;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    split += fmt::format("{}{} {:.2f} s ({:.0f} MiB after)", split.empty() ? "" : ", ",
                         stages[i].first, stages[i].second, i < rss.size() ? rss[i] : 0.0);
  }
  split = fmt::format("resident {:.0f} MiB before; ", before) + split;
  if (!out.ok()) {
    std::printf("  %-44s refused after %.2f s: %s\n", what, s, out.status().ToString().c_str());
    return false;
  }
  const double rate = static_cast<double>(out->report.rows_in) / s;
  std::printf("  %-44s %10.0f rows/s  (%.2f s; %.1f %% of the parse rate)\n", what, rate, s,
              100.0 * rate / parse_rate);
  std::printf("         stages: %s\n", split.c_str());
  PrintReport(*out);
  return sunk == out->body.total_size;
}

bool WriteFile(const std::string& path, std::string_view text) {
  std::ofstream f(path, std::ios::binary);
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  return static_cast<bool>(f);
}

bool Run(const Gate& gate, std::size_t rows, int seed) {
  std::printf("\n== %zu survey rows (make_citizens.py %zu %d --lang en --mixed-comments) ==\n",
              rows, rows, seed);
  auto t0 = Clock::now();
  std::string text = Generate(rows, seed);
  if (text.empty()) {
    std::fprintf(stderr, "gate_bench: make_citizens.py failed\n");
    return false;
  }
  const double csv_mib = static_cast<double>(text.size()) / (1 << 20);
  std::printf("  %-44s %10.1f s, %.1f MiB of CSV\n", "generated (python3)",
              Seconds(t0, Clock::now()), csv_mib);
  // To files, and out of this process's memory: the children map them, as citynetd does.
  char dir_template[] = "/tmp/gate-bench-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) return false;
  const std::string dir = dir_template;
  const std::string survey = dir + "/survey.csv", unnamed = dir + "/unnamed.csv";
  bool written = WriteFile(survey, text);
  text.replace(0, text.find(",age,"), "c1,c2,c3,c4");
  written = written && WriteFile(unnamed, text);
  std::string().swap(text);
  if (!written) return false;

  // The limits: parse alone, scan alone. The parse rate goes back to the parent through a pipe
  // so the gate's figures stand beside it.
  int fds[2];
  if (pipe(fds) != 0) return false;
  std::printf("\nlimits measured in this run\n");
  const bool limits = InChild("parse and scan", csv_mib, [&] {
    const Mapped file(survey);
    Result<CsvReader> reader = CsvReader::Open(file.text());
    if (!reader.ok()) {
      std::fprintf(stderr, "gate_bench: %s\n", reader.status().ToString().c_str());
      return false;
    }
    std::vector<std::string_view> fields;
    std::size_t n = 0, bytes = 0;
    auto t = Clock::now();
    while (true) {
      Result<bool> got = reader->Next(fields);
      if (!got.ok() || !*got) break;
      ++n;
      bytes += fields[0].size();
    }
    const double parse_s = Seconds(t, Clock::now());
    const double parse_rate = static_cast<double>(n) / parse_s;
    std::printf("  %-44s %10.0f rows/s  (%.2f s, %zu rows)\n", "parse alone (CsvReader)",
                parse_rate, parse_s, n);
    (void)!write(fds[1], &parse_rate, sizeof parse_rate);

    const IdentifierScanner& scanner = gate.scanner();
    std::vector<std::size_t> scanned;
    std::vector<ColumnContext> contexts;
    for (std::size_t c = 0; c < reader->columns(); ++c) {
      if (IdentifierColumnByName(reader->header()[c])) continue;
      scanned.push_back(c);
      contexts.push_back(ColumnContextFor(reader->header()[c]));
    }
    reader->Rewind();
    std::vector<Finding> findings;
    std::size_t found = 0, lone = 0, scanned_bytes = 0;
    t = Clock::now();
    while (true) {
      Result<bool> got = reader->Next(fields);
      if (!got.ok() || !*got) break;
      for (std::size_t i = 0; i < scanned.size(); ++i) {
        findings.clear();
        const std::string_view cell = fields[scanned[i]];
        scanner.Scan(cell, contexts[i], findings);
        found += findings.size();
        lone += scanner.IsLoneName(cell) ? 1 : 0;
        scanned_bytes += cell.size();
      }
    }
    const double scan_s = Seconds(t, Clock::now());
    std::printf(
        "  %-44s %10.0f rows/s  (%.2f s, %.1f MB/s; %zu of %zu columns, %zu findings, %zu lone "
        "names; parse included)\n",
        "identifier scan (Scan + IsLoneName)", static_cast<double>(n) / scan_s, scan_s,
        static_cast<double>(scanned_bytes) / scan_s / 1e6, scanned.size(), reader->columns(), found,
        lone);
    return true;
  });
  double parse_rate = 0;
  (void)!read(fds[0], &parse_rate, sizeof parse_rate);
  close(fds[0]);
  close(fds[1]);
  bool ok = limits && parse_rate > 0;

  std::printf(
      "\nGate::Publish, one thread (goal >= 100,000 rows/s with free text kept; peak RSS"
      " <= 2x the CSV)\n");
  GateOptions kept;
  kept.k = 5;
  kept.keep_text = {"comment"};
  kept.insensitive_columns = {"commute_mode", "commute_minutes", "heating_kwh_year", "sorts_waste"};
  ok = ok && InChild("free text kept", csv_mib, [&] {
         return Publish(gate, survey, "k = 5, comment kept, 4 columns insensitive", kept,
                        parse_rate);
       });
  GateOptions by_default;
  by_default.k = 5;
  ok = ok && InChild("privacy by default", csv_mib, [&] {
         return Publish(gate, survey, "k = 5, nothing declared", by_default, parse_rate);
       });
  // The worst case for the scan: the header says nothing (name, cpr, email, phone renamed to
  // c1..c4), so the identifier columns are found by their values, every cell of them scanned.
  ok =
      ok && InChild("identifier columns unnamed", csv_mib, [&] {
        return Publish(gate, unnamed, "k = 5, comment kept, identifiers unnamed", kept, parse_rate);
      });
  std::remove(survey.c_str());
  std::remove(unnamed.c_str());
  rmdir(dir.c_str());
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t rows = 1000000;
  int seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--rows" && i + 1 < argc) {
      rows = std::stoul(argv[++i]);
    } else if (a == "--seed" && i + 1 < argc) {
      seed = std::stoi(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: gate_bench [--rows N] [--seed S]\n");
      return 2;
    }
  }
  auto t0 = Clock::now();
  const Gate gate;
  std::printf("gate_bench: privacy gate version %u, Gate constructed in %.2f s\n", kGateVersion,
              Seconds(t0, Clock::now()));
  if (rows != 20000 && !Run(gate, 20000, seed)) return 1;
  if (!Run(gate, rows, seed)) return 1;
  return 0;
}
