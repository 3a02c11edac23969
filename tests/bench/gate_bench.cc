// Privacy gate benchmark. Prints, for the synthetic citizen survey of tests/data/make_citizens.py
// (the same generator the tests use, run with python3: 13 columns, direct identifiers included),
// figures beside the limits measured in the same run:
//  - CSV parse alone (ParseCsv over the same text): the ceiling for the gate
//  - identifier scan alone (IdentifierScanner::Scan and IsLoneName over every cell of the
//    columns the gate keeps after dropping identifier columns by name), on the parsed table
//  - Gate::Publish on one thread at k = 5 and k = 10: rows/s (goal >= 100,000 rows/s on one
//    core), rows suppressed, information loss, the generalisations chosen, and peak RSS
// for 20,000 rows and for the large table. Peak RSS is VmHWM of /proc/self/status, reset before
// each step through /proc/self/clear_refs where the kernel allows it (else it is the process's
// peak so far, and says so); it includes the input text held by the benchmark.
//
// Usage: gate_bench [--rows N] [--seed S]   (default 1000000 rows, seed 1)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
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

bool ResetPeak() {
  std::ofstream f("/proc/self/clear_refs");
  f << "5";
  f.flush();
  return static_cast<bool>(f);
}

double PeakMiB() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
  }
  return 0;
}

std::string Generate(std::size_t rows, int seed) {
  const std::string command = std::string("python3 '") + CITYNET_SOURCE_DIR +
                              "/tests/data/make_citizens.py' " + std::to_string(rows) + " " +
                              std::to_string(seed);
  std::string text;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return text;
  std::vector<char> buffer(1 << 20);
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) text.append(buffer.data(), n);
  if (pclose(pipe) != 0) text.clear();
  return text;
}

bool peak_resets = false;

const char* PeakNote() { return peak_resets ? "" : " (process peak so far)"; }

bool Run(const Gate& gate, std::size_t rows, int seed) {
  std::printf("\n== %zu survey rows (make_citizens.py %zu %d) ==\n", rows, rows, seed);
  auto t0 = Clock::now();
  const std::string text = Generate(rows, seed);
  if (text.empty()) {
    std::fprintf(stderr, "gate_bench: make_citizens.py failed\n");
    return false;
  }
  std::printf("  %-44s %10.1f s, %.1f MiB of CSV\n", "generated (python3)",
              Seconds(t0, Clock::now()), static_cast<double>(text.size()) / (1 << 20));

  // Parse alone.
  double parse_rate = 0;
  {
    std::string copy = text;
    peak_resets = ResetPeak();
    t0 = Clock::now();
    Result<CsvTable> table = ParseCsv(std::move(copy));
    const double s = Seconds(t0, Clock::now());
    if (!table.ok()) {
      std::fprintf(stderr, "gate_bench: %s\n", table.status().ToString().c_str());
      return false;
    }
    parse_rate = static_cast<double>(table->rows()) / s;
    std::printf("\nlimits measured in this run\n");
    std::printf("  %-44s %10.0f rows/s  (%.2f s, peak RSS %.0f MiB%s)\n", "ParseCsv alone",
                parse_rate, s, PeakMiB(), PeakNote());

    // Identifier scan alone, over what the gate scans once identifier columns are dropped.
    const IdentifierScanner& scanner = gate.scanner();
    std::vector<std::size_t> scanned;
    std::vector<ColumnContext> contexts;
    for (std::size_t c = 0; c < table->columns(); ++c) {
      if (IdentifierColumnByName(table->header()[c])) continue;
      scanned.push_back(c);
      contexts.push_back(ColumnContextFor(table->header()[c]));
    }
    std::vector<Finding> findings;
    std::size_t found = 0, lone = 0;
    t0 = Clock::now();
    for (std::size_t r = 0; r < table->rows(); ++r) {
      for (std::size_t i = 0; i < scanned.size(); ++i) {
        findings.clear();
        const std::string_view cell = table->cell(r, scanned[i]);
        scanner.Scan(cell, contexts[i], findings);
        found += findings.size();
        lone += scanner.IsLoneName(cell) ? 1 : 0;
      }
    }
    const double scan_s = Seconds(t0, Clock::now());
    std::printf(
        "  %-44s %10.0f rows/s  (%.2f s, %zu of %zu columns, %zu findings, %zu lone names)\n",
        "identifier scan alone (Scan + IsLoneName)", static_cast<double>(table->rows()) / scan_s,
        scan_s, scanned.size(), table->columns(), found, lone);
  }

  std::printf("\nGate::Publish, one thread\n");
  for (uint32_t k : {5u, 10u}) {
    GateOptions options;
    options.k = k;
    std::string copy = text;
    peak_resets = ResetPeak();
    t0 = Clock::now();
    Result<GateOutput> out = gate.Publish(std::move(copy), options);
    const double s = Seconds(t0, Clock::now());
    const double peak = PeakMiB();
    if (!out.ok()) {
      std::printf("  k = %-2u refused after %.2f s: %s\n", k, s, out.status().ToString().c_str());
      continue;
    }
    const protocol::PrivacyReport& r = out->report;
    const double rate = static_cast<double>(r.rows_in) / s;
    std::printf(
        "  k = %-2u %36s %10.0f rows/s  (%.2f s; %.1f %% of the parse rate; goal >= 100000)\n", k,
        "", rate, s, 100.0 * rate / parse_rate);
    std::printf(
        "         k reached %u, %llu rows suppressed of %llu (%.2f %%), information loss %.4f\n",
        r.k_reached, static_cast<unsigned long long>(r.rows_suppressed),
        static_cast<unsigned long long>(r.rows_in),
        100.0 * static_cast<double>(r.rows_suppressed) / static_cast<double>(r.rows_in),
        r.information_loss);
    std::printf("         body %.1f MiB in %zu chunks, %llu rows; peak RSS %.0f MiB%s\n",
                static_cast<double>(out->body.total_size) / (1 << 20), out->chunks.size(),
                static_cast<unsigned long long>(out->body.row_count), peak, PeakNote());
    std::string quasi;
    for (const std::string& q : r.quasi_identifiers) quasi += (quasi.empty() ? "" : ", ") + q;
    std::printf("         quasi-identifiers: %s\n", quasi.c_str());
    for (const protocol::ColumnAction& g : r.generalised_columns) {
      std::printf("         generalised %-16s %s\n", g.column.c_str(), g.reason.c_str());
    }
    std::string dropped;
    for (const protocol::ColumnAction& d : r.dropped_columns) {
      dropped += (dropped.empty() ? "" : ", ") + d.column;
    }
    std::printf("         dropped: %s\n", dropped.c_str());
  }

  // The worst case: the header says nothing (name, cpr, email, phone renamed to c1..c4), so the
  // identifier columns are found by their values, every cell of them scanned.
  {
    std::string copy = "c1,c2,c3,c4" + text.substr(text.find(",age,"));
    GateOptions options;
    options.k = 5;
    t0 = Clock::now();
    Result<GateOutput> out = gate.Publish(std::move(copy), options);
    const double s = Seconds(t0, Clock::now());
    if (!out.ok()) {
      std::printf("  unnamed identifier columns: refused: %s\n", out.status().ToString().c_str());
      return true;
    }
    std::string dropped;
    for (const protocol::ColumnAction& d : out->report.dropped_columns) {
      dropped += (dropped.empty() ? "" : "; ") + d.column + " (" + d.reason + ")";
    }
    std::printf("  k = 5, identifier columns unnamed %20s %10.0f rows/s  (%.2f s)\n", "",
                static_cast<double>(out->report.rows_in) / s, s);
    std::printf("         dropped by value: %s\n", dropped.c_str());
  }
  return true;
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
  // The small table first: memory the allocator keeps after the large one would otherwise floor
  // the small one's peak RSS.
  if (rows != 20000 && !Run(gate, 20000, seed)) return 1;
  if (!Run(gate, rows, seed)) return 1;
  return 0;
}
