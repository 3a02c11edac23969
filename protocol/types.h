// The records citynet signs and replicates, as plain C++ values. These mirror
// protocol/schema/citynet.capnp field for field; the codec (protocol/codec.h) turns them into
// canonical Cap'n Proto bytes and back. No generated Cap'n Proto type appears in a public
// header: the rest of the tree depends on these structs only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/bytes.h"

namespace citynet::protocol {

// The record format this build writes. Readers accept every version in kReadableVersions.
inline constexpr uint16_t kRecordFormatVersion = 1;
inline constexpr uint16_t kPayloadFormatVersion = 1;
inline constexpr uint16_t kNodeCardFormatVersion = 1;
inline constexpr uint16_t kEnvelopeVersion = 1;

enum class RecordKind : uint8_t {
  kCaseStudy = 0,
  kDataset = 1,
  kRetraction = 2,
  kErasureReceipt = 3
};

// "case-study", "dataset", "retraction", "erasure-receipt".
std::string_view RecordKindName(RecordKind kind);

struct Period {
  std::string from;  // "YYYY", "YYYY-MM", "YYYY-MM-DD", or empty (open)
  std::string to;
  bool operator==(const Period&) const = default;
};

struct Outcome {
  std::string metric;
  std::optional<double> target;
  double achieved = 0;
  std::string unit;
  bool operator==(const Outcome&) const = default;
};

struct Link {
  std::string url;
  std::string title;
  bool operator==(const Link&) const = default;
};

// A best-practice case study: what a city did, for which goals, with which measured outcomes.
struct CaseStudy {
  std::string language;  // BCP 47 tag of the texts
  std::string slug;
  std::string title;
  std::string summary;
  std::string body;
  std::string city;
  std::string country;  // ISO 3166-1 alpha-2
  std::vector<std::string> networks;
  std::vector<int> sdgs;                 // 1..17
  std::vector<std::string> sdg_targets;  // "11.b"
  std::vector<std::string> themes;
  Period period;
  std::vector<Outcome> outcomes;
  std::vector<std::string> partners;
  std::vector<Link> links;
  std::string licence;  // SPDX identifier, or empty when unspecified
  bool operator==(const CaseStudy&) const = default;
};

enum class ColumnType : uint8_t { kText, kInteger, kDecimal, kBoolean, kDate, kCategory };
std::string_view ColumnTypeName(ColumnType type);

struct Column {
  std::string name;
  ColumnType type = ColumnType::kText;
  std::string description;
  std::string generalisation;
  bool operator==(const Column&) const = default;
};

struct ColumnAction {
  std::string column;
  std::string reason;
  bool operator==(const ColumnAction&) const = default;
};

// What a column is to the privacy gate (see ColumnRole in citynet.capnp).
enum class ColumnRole : uint8_t {
  kIdentifier,
  kQuasiIdentifier,
  kSensitive,
  kInsensitive,
  kFreeText
};
// "identifier", "quasi-identifier", "sensitive", "insensitive", "free text".
std::string_view ColumnRoleName(ColumnRole role);

struct ColumnRoleEntry {
  std::string column;
  ColumnRole role = ColumnRole::kQuasiIdentifier;
  std::string reason;
  bool declared = false;   // chosen by the publisher
  bool published = false;  // in the body
  bool operator==(const ColumnRoleEntry&) const = default;
};

// What the privacy gate did to a table before it could leave the node.
struct PrivacyReport {
  uint16_t gate_version = 1;
  uint32_t k_required = 0;
  uint32_t k_reached = 0;
  uint32_t l_required = 0;
  uint32_t l_reached = 0;
  std::vector<std::string> quasi_identifiers;
  std::vector<std::string> sensitive_columns;
  std::vector<ColumnAction> dropped_columns;
  std::vector<ColumnAction> generalised_columns;
  std::vector<ColumnAction> cleaned_columns;
  uint64_t rows_in = 0;
  uint64_t rows_suppressed = 0;
  double information_loss = 0;
  std::vector<ColumnRoleEntry> column_roles;  // gate version 2 and later: every input column
  bool operator==(const PrivacyReport&) const = default;
};

struct ChunkRef {
  Hash256 hash;  // HashWithDomain(kChunkHashDomain, chunk)
  uint32_t size = 0;
  bool operator==(const ChunkRef&) const = default;
};

struct DatasetBody {
  std::string media_type = "text/csv";
  uint64_t total_size = 0;
  uint64_t row_count = 0;
  std::vector<ChunkRef> chunks;
  bool operator==(const DatasetBody&) const = default;
};

// An anonymised dataset: DCAT-AP style metadata, the gate's report, and the chunk list of its
// body (the chunks travel separately).
struct Dataset {
  std::string language;
  std::string title;
  std::string description;
  std::string publisher;
  std::vector<std::string> themes;
  Period temporal_coverage;
  std::string spatial_coverage;
  std::string country;
  std::string licence;
  std::vector<Column> columns;
  PrivacyReport privacy;
  DatasetBody body;
  std::vector<std::string> networks;
  bool operator==(const Dataset&) const = default;
};

struct Retraction {
  std::string reason;
  bool operator==(const Retraction&) const = default;
};

enum class ErasureOutcome : uint8_t { kPurged, kNotHeld, kUnknownRecord };
std::string_view ErasureOutcomeName(ErasureOutcome outcome);

struct ErasureItem {
  RecordId target;
  ErasureOutcome outcome = ErasureOutcome::kPurged;
  bool operator==(const ErasureItem&) const = default;
};

struct ErasureReceipt {
  int64_t erased_at_ms = 0;
  std::vector<ErasureItem> items;
  bool operator==(const ErasureReceipt&) const = default;
};

using Payload = std::variant<CaseStudy, Dataset, Retraction, ErasureReceipt>;

// The record kind a payload is carried in.
RecordKind KindOf(const Payload& payload);

struct RetractionRefs {
  std::vector<RecordId> targets;
  bool operator==(const RetractionRefs&) const = default;
};

struct ErasureReceiptRefs {
  RecordId retraction;
  SigningPublicKey retraction_author;
  bool operator==(const ErasureReceiptRefs&) const = default;
};

using HeaderRefs = std::variant<std::monostate, RetractionRefs, ErasureReceiptRefs>;

// The signed part of a record. See ARCHITECTURE.md "Records".
struct RecordHeader {
  uint16_t format_version = kRecordFormatVersion;
  RecordKind kind = RecordKind::kCaseStudy;
  SigningPublicKey author;
  std::string network;
  uint64_t seq = 0;
  std::optional<RecordId> prev;  // absent exactly when seq == 1
  int64_t created_at_ms = 0;
  Hash256 payload_hash;
  uint64_t payload_size = 0;
  HeaderRefs refs;
  std::optional<RecordId> supersedes;
  bool operator==(const RecordHeader&) const = default;
};

// A node's public identity card. See ARCHITECTURE.md "Identity".
struct NodeCard {
  std::string name;          // slug, e.g. "copenhagen"
  std::string display_name;  // "City of Copenhagen"
  SigningPublicKey signing_key;
  TransportPublicKey transport_key;
  std::vector<std::string> endpoints;  // "tcp://host:port"
  std::vector<std::string> networks;
  int64_t issued_at_ms = 0;
  bool operator==(const NodeCard&) const = default;
};

}  // namespace citynet::protocol
