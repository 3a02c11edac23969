#include "protocol/codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <fmt/format.h>
#include <kj/exception.h>

#include <cstring>
#include <string>
#include <utility>

#include "protocol/schema/citynet.capnp.h"
#include "protocol/validate.h"

namespace citynet::protocol {
namespace {

// --- building -------------------------------------------------------------------------------

capnp::Text::Reader Txt(const std::string& s) { return capnp::Text::Reader(s.c_str(), s.size()); }
capnp::Data::Reader Dat(ByteView b) { return capnp::Data::Reader(b.data(), b.size()); }

template <typename ListBuilder>
void FillTexts(ListBuilder list, const std::vector<std::string>& values) {
  for (unsigned i = 0; i < values.size(); ++i) list.set(i, Txt(values[i]));
}

#define CITYNET_INIT_TEXTS(builder, Field, values) \
  FillTexts(builder.init##Field(static_cast<unsigned>((values).size())), values)

Bytes ToBytes(kj::ArrayPtr<const capnp::word> words) {
  auto bytes = words.asBytes();
  return Bytes(bytes.begin(), bytes.end());
}

template <typename Builder>
Bytes Canonical(Builder root) {
  kj::Array<capnp::word> words = capnp::canonicalize(root.asReader());
  return ToBytes(words.asPtr());
}

void BuildPeriod(wire::Period::Builder b, const Period& p) {
  if (!p.from.empty()) b.setFrom(Txt(p.from));
  if (!p.to.empty()) b.setTo(Txt(p.to));
}

void BuildCaseStudy(wire::CaseStudy::Builder b, const CaseStudy& c) {
  b.setFormatVersion(kPayloadFormatVersion);
  b.setLanguage(Txt(c.language));
  b.setSlug(Txt(c.slug));
  b.setTitle(Txt(c.title));
  b.setSummary(Txt(c.summary));
  b.setBody(Txt(c.body));
  b.setCity(Txt(c.city));
  b.setCountry(Txt(c.country));
  CITYNET_INIT_TEXTS(b, Networks, c.networks);
  auto sdgs = b.initSdgs(static_cast<unsigned>(c.sdgs.size()));
  for (unsigned i = 0; i < c.sdgs.size(); ++i) sdgs.set(i, static_cast<uint8_t>(c.sdgs[i]));
  CITYNET_INIT_TEXTS(b, SdgTargets, c.sdg_targets);
  CITYNET_INIT_TEXTS(b, Themes, c.themes);
  BuildPeriod(b.initPeriod(), c.period);
  auto outcomes = b.initOutcomes(static_cast<unsigned>(c.outcomes.size()));
  for (unsigned i = 0; i < c.outcomes.size(); ++i) {
    const Outcome& o = c.outcomes[i];
    auto ob = outcomes[i];
    ob.setMetric(Txt(o.metric));
    ob.setHasTarget(o.target.has_value());
    if (o.target) ob.setTarget(*o.target);
    ob.setAchieved(o.achieved);
    ob.setUnit(Txt(o.unit));
  }
  CITYNET_INIT_TEXTS(b, Partners, c.partners);
  auto links = b.initLinks(static_cast<unsigned>(c.links.size()));
  for (unsigned i = 0; i < c.links.size(); ++i) {
    links[i].setUrl(Txt(c.links[i].url));
    links[i].setTitle(Txt(c.links[i].title));
  }
  b.setLicence(Txt(c.licence));
}

void BuildActions(capnp::List<wire::ColumnAction>::Builder list,
                  const std::vector<ColumnAction>& actions) {
  for (unsigned i = 0; i < actions.size(); ++i) {
    list[i].setColumn(Txt(actions[i].column));
    list[i].setReason(Txt(actions[i].reason));
  }
}

void BuildDataset(wire::Dataset::Builder b, const Dataset& d) {
  b.setFormatVersion(kPayloadFormatVersion);
  b.setLanguage(Txt(d.language));
  b.setTitle(Txt(d.title));
  b.setDescription(Txt(d.description));
  b.setPublisher(Txt(d.publisher));
  CITYNET_INIT_TEXTS(b, Themes, d.themes);
  BuildPeriod(b.initTemporalCoverage(), d.temporal_coverage);
  b.setSpatialCoverage(Txt(d.spatial_coverage));
  b.setCountry(Txt(d.country));
  b.setLicence(Txt(d.licence));
  auto cols = b.initColumns(static_cast<unsigned>(d.columns.size()));
  for (unsigned i = 0; i < d.columns.size(); ++i) {
    cols[i].setName(Txt(d.columns[i].name));
    cols[i].setType(static_cast<wire::ColumnType>(d.columns[i].type));
    cols[i].setDescription(Txt(d.columns[i].description));
    cols[i].setGeneralisation(Txt(d.columns[i].generalisation));
  }
  auto p = b.initPrivacy();
  const PrivacyReport& r = d.privacy;
  p.setGateVersion(r.gate_version);
  p.setKRequired(r.k_required);
  p.setKReached(r.k_reached);
  p.setLRequired(r.l_required);
  p.setLReached(r.l_reached);
  CITYNET_INIT_TEXTS(p, QuasiIdentifiers, r.quasi_identifiers);
  CITYNET_INIT_TEXTS(p, SensitiveColumns, r.sensitive_columns);
  BuildActions(p.initDroppedColumns(static_cast<unsigned>(r.dropped_columns.size())),
               r.dropped_columns);
  BuildActions(p.initGeneralisedColumns(static_cast<unsigned>(r.generalised_columns.size())),
               r.generalised_columns);
  BuildActions(p.initCleanedColumns(static_cast<unsigned>(r.cleaned_columns.size())),
               r.cleaned_columns);
  p.setRowsIn(r.rows_in);
  p.setRowsSuppressed(r.rows_suppressed);
  p.setInformationLoss(r.information_loss);
  auto roles = p.initColumnRoles(static_cast<unsigned>(r.column_roles.size()));
  for (unsigned i = 0; i < r.column_roles.size(); ++i) {
    const ColumnRoleEntry& e = r.column_roles[i];
    roles[i].setColumn(Txt(e.column));
    roles[i].setRole(static_cast<wire::ColumnRole>(e.role));
    roles[i].setReason(Txt(e.reason));
    roles[i].setDeclared(e.declared);
    roles[i].setPublished(e.published);
  }
  auto body = b.initBody();
  body.setMediaType(Txt(d.body.media_type));
  body.setTotalSize(d.body.total_size);
  body.setRowCount(d.body.row_count);
  auto chunks = body.initChunks(static_cast<unsigned>(d.body.chunks.size()));
  for (unsigned i = 0; i < d.body.chunks.size(); ++i) {
    chunks[i].setHash(Dat(d.body.chunks[i].hash.view()));
    chunks[i].setSize(d.body.chunks[i].size);
  }
  CITYNET_INIT_TEXTS(b, Networks, d.networks);
}

// --- reading --------------------------------------------------------------------------------

std::string Str(capnp::Text::Reader r) { return std::string(r.cStr(), r.size()); }

std::vector<std::string> Strs(capnp::List<capnp::Text>::Reader list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (auto t : list) out.push_back(Str(t));
  return out;
}

template <typename Fixed>
Result<Fixed> ReadFixed(capnp::Data::Reader data, std::string_view field) {
  auto v = Fixed::FromView(ByteView(data.begin(), data.size()));
  if (!v) {
    return InvalidArgument(
        fmt::format("{} is {} bytes long, expected {}", field, data.size(), Fixed::kSize));
  }
  return *v;
}

template <typename Fixed>
Result<std::optional<Fixed>> ReadOptionalFixed(capnp::Data::Reader data, std::string_view field) {
  if (data.size() == 0) return std::optional<Fixed>();
  CITYNET_ASSIGN_OR_RETURN(Fixed v, ReadFixed<Fixed>(data, field));
  return std::optional<Fixed>(v);
}

Status CheckVersion(uint16_t version, uint16_t known, std::string_view what) {
  if (version == known) return Status::Ok();
  return Unimplemented(fmt::format(
      "{} has format version {}, which this build of citynet does not read (it reads version "
      "{}): upgrade citynet",
      what, version, known));
}

Period ReadPeriod(wire::Period::Reader r) { return Period{Str(r.getFrom()), Str(r.getTo())}; }

Result<CaseStudy> ReadCaseStudy(wire::CaseStudy::Reader r) {
  CITYNET_RETURN_IF_ERROR(CheckVersion(r.getFormatVersion(), kPayloadFormatVersion, "case study"));
  CaseStudy c;
  c.language = Str(r.getLanguage());
  c.slug = Str(r.getSlug());
  c.title = Str(r.getTitle());
  c.summary = Str(r.getSummary());
  c.body = Str(r.getBody());
  c.city = Str(r.getCity());
  c.country = Str(r.getCountry());
  c.networks = Strs(r.getNetworks());
  for (uint8_t g : r.getSdgs()) c.sdgs.push_back(g);
  c.sdg_targets = Strs(r.getSdgTargets());
  c.themes = Strs(r.getThemes());
  c.period = ReadPeriod(r.getPeriod());
  for (auto o : r.getOutcomes()) {
    Outcome out;
    out.metric = Str(o.getMetric());
    if (o.getHasTarget()) out.target = o.getTarget();
    out.achieved = o.getAchieved();
    out.unit = Str(o.getUnit());
    c.outcomes.push_back(std::move(out));
  }
  c.partners = Strs(r.getPartners());
  for (auto l : r.getLinks()) c.links.push_back(Link{Str(l.getUrl()), Str(l.getTitle())});
  c.licence = Str(r.getLicence());
  return c;
}

std::vector<ColumnAction> ReadActions(capnp::List<wire::ColumnAction>::Reader list) {
  std::vector<ColumnAction> out;
  for (auto a : list) out.push_back(ColumnAction{Str(a.getColumn()), Str(a.getReason())});
  return out;
}

Result<Dataset> ReadDataset(wire::Dataset::Reader r) {
  CITYNET_RETURN_IF_ERROR(CheckVersion(r.getFormatVersion(), kPayloadFormatVersion, "dataset"));
  Dataset d;
  d.language = Str(r.getLanguage());
  d.title = Str(r.getTitle());
  d.description = Str(r.getDescription());
  d.publisher = Str(r.getPublisher());
  d.themes = Strs(r.getThemes());
  d.temporal_coverage = ReadPeriod(r.getTemporalCoverage());
  d.spatial_coverage = Str(r.getSpatialCoverage());
  d.country = Str(r.getCountry());
  d.licence = Str(r.getLicence());
  for (auto c : r.getColumns()) {
    auto type = static_cast<uint16_t>(c.getType());
    if (type > static_cast<uint16_t>(ColumnType::kCategory)) {
      return InvalidArgument(
          fmt::format("column '{}' has unknown type {}", Str(c.getName()), type));
    }
    d.columns.push_back(Column{Str(c.getName()), static_cast<ColumnType>(type),
                               Str(c.getDescription()), Str(c.getGeneralisation())});
  }
  auto p = r.getPrivacy();
  PrivacyReport& rep = d.privacy;
  rep.gate_version = p.getGateVersion();
  rep.k_required = p.getKRequired();
  rep.k_reached = p.getKReached();
  rep.l_required = p.getLRequired();
  rep.l_reached = p.getLReached();
  rep.quasi_identifiers = Strs(p.getQuasiIdentifiers());
  rep.sensitive_columns = Strs(p.getSensitiveColumns());
  rep.dropped_columns = ReadActions(p.getDroppedColumns());
  rep.generalised_columns = ReadActions(p.getGeneralisedColumns());
  rep.cleaned_columns = ReadActions(p.getCleanedColumns());
  rep.rows_in = p.getRowsIn();
  rep.rows_suppressed = p.getRowsSuppressed();
  rep.information_loss = p.getInformationLoss();
  for (auto e : p.getColumnRoles()) {
    const auto role = static_cast<uint16_t>(e.getRole());
    if (role > static_cast<uint16_t>(ColumnRole::kFreeText)) {
      // A role this node does not know: it cannot check what the gate promised.
      return InvalidArgument(fmt::format("column '{}' has a privacy role this node does not know "
                                         "({}): upgrade citynet to receive it",
                                         Str(e.getColumn()), role));
    }
    rep.column_roles.push_back(ColumnRoleEntry{Str(e.getColumn()), static_cast<ColumnRole>(role),
                                               Str(e.getReason()), e.getDeclared(),
                                               e.getPublished()});
  }
  auto body = r.getBody();
  d.body.media_type = Str(body.getMediaType());
  d.body.total_size = body.getTotalSize();
  d.body.row_count = body.getRowCount();
  unsigned i = 0;
  for (auto ch : body.getChunks()) {
    CITYNET_ASSIGN_OR_RETURN(Hash256 h,
                             ReadFixed<Hash256>(ch.getHash(), fmt::format("chunk {} hash", i)));
    d.body.chunks.push_back(ChunkRef{h, ch.getSize()});
    ++i;
  }
  d.networks = Strs(r.getNetworks());
  return d;
}

Result<Retraction> ReadRetraction(wire::Retraction::Reader r) {
  CITYNET_RETURN_IF_ERROR(CheckVersion(r.getFormatVersion(), kPayloadFormatVersion, "retraction"));
  return Retraction{Str(r.getReason())};
}

Result<ErasureReceipt> ReadErasureReceipt(wire::ErasureReceipt::Reader r) {
  CITYNET_RETURN_IF_ERROR(
      CheckVersion(r.getFormatVersion(), kPayloadFormatVersion, "erasure receipt"));
  ErasureReceipt e;
  e.erased_at_ms = r.getErasedAtMs();
  unsigned i = 0;
  for (auto item : r.getItems()) {
    CITYNET_ASSIGN_OR_RETURN(
        RecordId id, ReadFixed<RecordId>(item.getTarget(), fmt::format("items[{}].target", i)));
    auto outcome = static_cast<uint16_t>(item.getOutcome());
    if (outcome > static_cast<uint16_t>(ErasureOutcome::kUnknownRecord)) {
      return InvalidArgument(fmt::format("items[{}] has unknown erasure outcome {}", i, outcome));
    }
    e.items.push_back(ErasureItem{id, static_cast<ErasureOutcome>(outcome)});
    ++i;
  }
  return e;
}

capnp::ReaderOptions OptionsFor(std::size_t words) {
  capnp::ReaderOptions options;
  // A canonical message has no shared or far pointers, so a legitimate reader touches each word
  // a small number of times; anything beyond that is an amplification attempt.
  options.traversalLimitInWords = words * 4 + 64;
  options.nestingLimit = 16;
  return options;
}

kj::Array<capnp::word> AlignedCopy(ByteView bytes) {
  kj::Array<capnp::word> words = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
  std::memcpy(words.begin(), bytes.data(), words.size() * sizeof(capnp::word));
  return words;
}

Status CheckSize(ByteView bytes, std::size_t limit, std::string_view what) {
  if (bytes.empty()) return InvalidArgument(fmt::format("{} is empty", what));
  if (bytes.size() > limit) {
    return InvalidArgument(
        fmt::format("{} is {} bytes, over the limit of {} bytes", what, bytes.size(), limit));
  }
  if (bytes.size() % sizeof(capnp::word) != 0) {
    return InvalidArgument(fmt::format(
        "{} is {} bytes, not a whole number of 8-byte words (truncated or trailing bytes?)", what,
        bytes.size()));
  }
  return Status::Ok();
}

// Reads `bytes` as a canonical single-segment message with root `Root` and hands the root to
// `fn`, which returns a Result. Every Cap'n Proto exception becomes InvalidArgument.
template <typename Root, typename Fn>
auto ReadCanonical(ByteView bytes, std::size_t limit, std::string_view what, Fn&& fn)
    -> decltype(fn(std::declval<typename Root::Reader>())) {
  CITYNET_RETURN_IF_ERROR(CheckSize(bytes, limit, what));
  kj::Array<capnp::word> words = AlignedCopy(bytes);
  kj::ArrayPtr<const capnp::word> segments[1] = {words.asPtr()};
  try {
    capnp::SegmentArrayMessageReader reader(kj::arrayPtr(segments, 1), OptionsFor(words.size()));
    if (!reader.isCanonical()) {
      return InvalidArgument(fmt::format(
          "{} is not in canonical Cap'n Proto form (signed bytes must be canonical)", what));
    }
    return fn(reader.getRoot<Root>());
  } catch (const kj::Exception& e) {
    return InvalidArgument(fmt::format("{} is malformed: {}", what, e.getDescription().cStr()));
  }
}

// Refuses bytes that decode but do not re-encode to themselves: fields this build does not
// know (a newer minor format), or an encoding our writer would never produce.
template <typename T, typename Encoder>
Result<T> RequireRoundTrip(Result<T> value, ByteView bytes, std::string_view what,
                           Encoder&& encode) {
  if (!value.ok()) return value;
  Bytes again = encode(*value);
  if (again.size() != bytes.size() || std::memcmp(again.data(), bytes.data(), bytes.size()) != 0) {
    return InvalidArgument(fmt::format(
        "{} holds fields or values this build of citynet does not know; it was written by a "
        "newer or non-conforming implementation",
        what));
  }
  return value;
}

template <typename T>
RecordKind KindFor() {
  if constexpr (std::is_same_v<T, CaseStudy>) return RecordKind::kCaseStudy;
  if constexpr (std::is_same_v<T, Dataset>) return RecordKind::kDataset;
  if constexpr (std::is_same_v<T, Retraction>) return RecordKind::kRetraction;
  if constexpr (std::is_same_v<T, ErasureReceipt>) return RecordKind::kErasureReceipt;
}

}  // namespace

std::string_view RecordKindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kCaseStudy:
      return "case-study";
    case RecordKind::kDataset:
      return "dataset";
    case RecordKind::kRetraction:
      return "retraction";
    case RecordKind::kErasureReceipt:
      return "erasure-receipt";
  }
  return "unknown";
}

std::string_view ColumnTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kText:
      return "text";
    case ColumnType::kInteger:
      return "integer";
    case ColumnType::kDecimal:
      return "decimal";
    case ColumnType::kBoolean:
      return "boolean";
    case ColumnType::kDate:
      return "date";
    case ColumnType::kCategory:
      return "category";
  }
  return "unknown";
}

std::string_view ColumnRoleName(ColumnRole role) {
  switch (role) {
    case ColumnRole::kIdentifier:
      return "identifier";
    case ColumnRole::kQuasiIdentifier:
      return "quasi-identifier";
    case ColumnRole::kSensitive:
      return "sensitive";
    case ColumnRole::kInsensitive:
      return "insensitive";
    case ColumnRole::kFreeText:
      return "free text";
  }
  return "unknown";
}

std::string_view ErasureOutcomeName(ErasureOutcome outcome) {
  switch (outcome) {
    case ErasureOutcome::kPurged:
      return "purged";
    case ErasureOutcome::kNotHeld:
      return "not-held";
    case ErasureOutcome::kUnknownRecord:
      return "unknown-record";
  }
  return "unknown";
}

RecordKind KindOf(const Payload& payload) {
  return std::visit([](const auto& p) { return KindFor<std::decay_t<decltype(p)>>(); }, payload);
}

Bytes EncodeHeader(const RecordHeader& h) {
  capnp::MallocMessageBuilder mb;
  auto b = mb.initRoot<wire::RecordHeader>();
  b.setFormatVersion(h.format_version);
  b.setKind(static_cast<wire::RecordKind>(h.kind));
  b.setAuthor(Dat(h.author.view()));
  b.setNetwork(Txt(h.network));
  b.setSeq(h.seq);
  if (h.prev) b.setPrev(Dat(h.prev->view()));
  b.setCreatedAtMs(h.created_at_ms);
  b.setPayloadHash(Dat(h.payload_hash.view()));
  b.setPayloadSize(h.payload_size);
  auto refs = b.getRefs();
  if (const auto* r = std::get_if<RetractionRefs>(&h.refs)) {
    auto targets = refs.initRetraction().initTargets(static_cast<unsigned>(r->targets.size()));
    for (unsigned i = 0; i < r->targets.size(); ++i) targets.set(i, Dat(r->targets[i].view()));
  } else if (const auto* e = std::get_if<ErasureReceiptRefs>(&h.refs)) {
    auto er = refs.initErasureReceipt();
    er.setRetraction(Dat(e->retraction.view()));
    er.setRetractionAuthor(Dat(e->retraction_author.view()));
  } else {
    refs.setNone();
  }
  if (h.supersedes) b.setSupersedes(Dat(h.supersedes->view()));
  return Canonical(b);
}

Result<RecordHeader> DecodeHeader(ByteView bytes, const Limits& limits) {
  auto decoded = ReadCanonical<wire::RecordHeader>(
      bytes, limits.max_header_bytes, "record header",
      [](wire::RecordHeader::Reader r) -> Result<RecordHeader> {
        RecordHeader h;
        CITYNET_RETURN_IF_ERROR(
            CheckVersion(r.getFormatVersion(), kRecordFormatVersion, "record header"));
        h.format_version = r.getFormatVersion();
        auto kind = static_cast<uint16_t>(r.getKind());
        if (kind > static_cast<uint16_t>(RecordKind::kErasureReceipt)) {
          return InvalidArgument(fmt::format("record kind {} is unknown", kind));
        }
        h.kind = static_cast<RecordKind>(kind);
        CITYNET_ASSIGN_OR_RETURN(h.author, ReadFixed<SigningPublicKey>(r.getAuthor(), "author"));
        h.network = Str(r.getNetwork());
        h.seq = r.getSeq();
        CITYNET_ASSIGN_OR_RETURN(h.prev, ReadOptionalFixed<RecordId>(r.getPrev(), "prev"));
        h.created_at_ms = r.getCreatedAtMs();
        CITYNET_ASSIGN_OR_RETURN(h.payload_hash,
                                 ReadFixed<Hash256>(r.getPayloadHash(), "payload hash"));
        h.payload_size = r.getPayloadSize();
        auto refs = r.getRefs();
        switch (refs.which()) {
          case wire::RecordHeader::Refs::NONE:
            break;
          case wire::RecordHeader::Refs::RETRACTION: {
            RetractionRefs rr;
            unsigned i = 0;
            for (auto t : refs.getRetraction().getTargets()) {
              CITYNET_ASSIGN_OR_RETURN(
                  RecordId id, ReadFixed<RecordId>(t, fmt::format("retraction target {}", i)));
              rr.targets.push_back(id);
              ++i;
            }
            h.refs = std::move(rr);
            break;
          }
          case wire::RecordHeader::Refs::ERASURE_RECEIPT: {
            auto er = refs.getErasureReceipt();
            ErasureReceiptRefs e;
            CITYNET_ASSIGN_OR_RETURN(e.retraction,
                                     ReadFixed<RecordId>(er.getRetraction(), "receipt retraction"));
            CITYNET_ASSIGN_OR_RETURN(
                e.retraction_author,
                ReadFixed<SigningPublicKey>(er.getRetractionAuthor(), "receipt retraction author"));
            h.refs = e;
            break;
          }
          default:
            return InvalidArgument(fmt::format("record header has unknown reference kind {}",
                                               static_cast<uint16_t>(refs.which())));
        }
        CITYNET_ASSIGN_OR_RETURN(h.supersedes,
                                 ReadOptionalFixed<RecordId>(r.getSupersedes(), "supersedes"));
        return h;
      });
  return RequireRoundTrip(std::move(decoded), bytes, "record header", EncodeHeader);
}

Bytes EncodePayload(const Payload& payload) {
  capnp::MallocMessageBuilder mb;
  return std::visit(
      [&mb](const auto& p) -> Bytes {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, CaseStudy>) {
          auto b = mb.initRoot<wire::CaseStudy>();
          BuildCaseStudy(b, p);
          return Canonical(b);
        } else if constexpr (std::is_same_v<T, Dataset>) {
          auto b = mb.initRoot<wire::Dataset>();
          BuildDataset(b, p);
          return Canonical(b);
        } else if constexpr (std::is_same_v<T, Retraction>) {
          auto b = mb.initRoot<wire::Retraction>();
          b.setFormatVersion(kPayloadFormatVersion);
          b.setReason(Txt(p.reason));
          return Canonical(b);
        } else {
          auto b = mb.initRoot<wire::ErasureReceipt>();
          b.setFormatVersion(kPayloadFormatVersion);
          b.setErasedAtMs(p.erased_at_ms);
          auto items = b.initItems(static_cast<unsigned>(p.items.size()));
          for (unsigned i = 0; i < p.items.size(); ++i) {
            items[i].setTarget(Dat(p.items[i].target.view()));
            items[i].setOutcome(static_cast<wire::ErasureOutcome>(p.items[i].outcome));
          }
          return Canonical(b);
        }
      },
      payload);
}

Result<Payload> DecodePayload(RecordKind kind, ByteView bytes, const Limits& limits) {
  const std::size_t limit = limits.max_payload_bytes;
  Result<Payload> decoded = Internal("unreachable");
  auto wrap = [](auto r) -> Result<Payload> {
    if (!r.ok()) return r.status();
    return Payload(std::move(r).value());
  };
  switch (kind) {
    case RecordKind::kCaseStudy:
      decoded =
          wrap(ReadCanonical<wire::CaseStudy>(bytes, limit, "case study payload", ReadCaseStudy));
      break;
    case RecordKind::kDataset:
      decoded = wrap(ReadCanonical<wire::Dataset>(bytes, limit, "dataset payload", ReadDataset));
      break;
    case RecordKind::kRetraction:
      decoded =
          wrap(ReadCanonical<wire::Retraction>(bytes, limit, "retraction payload", ReadRetraction));
      break;
    case RecordKind::kErasureReceipt:
      decoded = wrap(ReadCanonical<wire::ErasureReceipt>(bytes, limit, "erasure receipt payload",
                                                         ReadErasureReceipt));
      break;
    default:
      return InvalidArgument("unknown record kind");
  }
  return RequireRoundTrip(std::move(decoded), bytes, "payload", EncodePayload);
}

Bytes EncodeNodeCard(const NodeCard& card) {
  capnp::MallocMessageBuilder mb;
  auto b = mb.initRoot<wire::NodeCard>();
  b.setFormatVersion(kNodeCardFormatVersion);
  b.setName(Txt(card.name));
  b.setDisplayName(Txt(card.display_name));
  b.setSigningKey(Dat(card.signing_key.view()));
  b.setTransportKey(Dat(card.transport_key.view()));
  CITYNET_INIT_TEXTS(b, Endpoints, card.endpoints);
  CITYNET_INIT_TEXTS(b, Networks, card.networks);
  b.setIssuedAtMs(card.issued_at_ms);
  return Canonical(b);
}

Result<NodeCard> DecodeNodeCard(ByteView bytes, const Limits& limits) {
  auto decoded = ReadCanonical<wire::NodeCard>(
      bytes, limits.max_node_card_bytes, "node card",
      [](wire::NodeCard::Reader r) -> Result<NodeCard> {
        CITYNET_RETURN_IF_ERROR(
            CheckVersion(r.getFormatVersion(), kNodeCardFormatVersion, "node card"));
        NodeCard c;
        c.name = Str(r.getName());
        c.display_name = Str(r.getDisplayName());
        CITYNET_ASSIGN_OR_RETURN(c.signing_key,
                                 ReadFixed<SigningPublicKey>(r.getSigningKey(), "signing key"));
        CITYNET_ASSIGN_OR_RETURN(
            c.transport_key, ReadFixed<TransportPublicKey>(r.getTransportKey(), "transport key"));
        c.endpoints = Strs(r.getEndpoints());
        c.networks = Strs(r.getNetworks());
        c.issued_at_ms = r.getIssuedAtMs();
        return c;
      });
  return RequireRoundTrip(std::move(decoded), bytes, "node card", EncodeNodeCard);
}

void BuildSignedRecord(wire::SignedRecord::Builder r, const SignedRecord& rec) {
  r.setHeader(Dat(rec.header));
  r.setSignature(Dat(rec.signature.view()));
  r.setHasPayload(rec.payload.has_value());
  if (rec.payload) r.setPayload(Dat(*rec.payload));
}

Bytes EncodeEnvelope(const Envelope& envelope) {
  capnp::MallocMessageBuilder mb;
  auto b = mb.initRoot<wire::Envelope>();
  b.setVersion(kEnvelopeVersion);
  auto body = b.getBody();
  std::visit(
      [&body](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, SignedRecord>) {
          BuildSignedRecord(body.initRecord(), m);
        } else if constexpr (std::is_same_v<T, SignedNodeCard>) {
          auto c = body.initNodeCard();
          c.setCard(Dat(m.card));
          c.setSignature(Dat(m.signature.view()));
        } else if constexpr (std::is_same_v<T, SyncSummary>) {
          auto s = body.initSummary();
          s.setReply(m.reply);
          auto list = s.initNetworks(static_cast<unsigned>(m.networks.size()));
          for (unsigned i = 0; i < m.networks.size(); ++i) {
            list[i].setNetwork(Txt(m.networks[i].network));
            list[i].setSummary(Dat(m.networks[i].summary.view()));
            list[i].setFeeds(m.networks[i].feeds);
          }
        } else if constexpr (std::is_same_v<T, SyncHeads>) {
          auto list = body.initHeads().initHeads(static_cast<unsigned>(m.heads.size()));
          for (unsigned i = 0; i < m.heads.size(); ++i) {
            list[i].setAuthor(Dat(m.heads[i].author.view()));
            list[i].setNetwork(Txt(m.heads[i].network));
            list[i].setSeq(m.heads[i].seq);
            list[i].setHead(Dat(m.heads[i].head.view()));
          }
        } else if constexpr (std::is_same_v<T, SyncPull>) {
          auto p = body.initPull();
          p.setAuthor(Dat(m.author.view()));
          p.setNetwork(Txt(m.network));
          p.setFromSeq(m.from_seq);
          p.setMaxRecords(m.max_records);
        } else if constexpr (std::is_same_v<T, ChunkPull>) {
          auto p = body.initChunkPull();
          p.setDataset(Dat(m.dataset.view()));
          auto list = p.initIndices(static_cast<unsigned>(m.indices.size()));
          for (unsigned i = 0; i < m.indices.size(); ++i) list.set(i, m.indices[i]);
        } else if constexpr (std::is_same_v<T, ChunkData>) {
          auto c = body.initChunk();
          c.setDataset(Dat(m.dataset.view()));
          c.setIndex(m.index);
          c.setHeld(m.held);
          c.setData(Dat(m.data));
        } else {
          static_assert(std::is_same_v<T, SyncBatch>);
          auto bt = body.initBatch();
          bt.setAuthor(Dat(m.author.view()));
          bt.setNetwork(Txt(m.network));
          bt.setMore(m.more);
          auto list = bt.initRecords(static_cast<unsigned>(m.records.size()));
          for (unsigned i = 0; i < m.records.size(); ++i) BuildSignedRecord(list[i], m.records[i]);
        }
      },
      envelope.body);
  // Canonical too, framed as one segment, so DecodeEnvelope can refuse any other layout (no
  // malleable padding or placement).
  kj::Array<capnp::word> canonical = capnp::canonicalize(b.asReader());
  Bytes out(8 + canonical.size() * sizeof(capnp::word));
  const auto words = static_cast<uint32_t>(canonical.size());
  out[0] = out[1] = out[2] = out[3] = 0;  // segment count - 1
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<uint8_t>(words >> (8 * i));
  std::memcpy(out.data() + 8, canonical.begin(), canonical.size() * sizeof(capnp::word));
  return out;
}

namespace {
Result<SignedRecord> ReadSignedRecord(wire::SignedRecord::Reader r) {
  SignedRecord rec;
  auto header = r.getHeader();
  rec.header.assign(header.begin(), header.end());
  CITYNET_ASSIGN_OR_RETURN(rec.signature, ReadFixed<Signature>(r.getSignature(), "signature"));
  auto payload = r.getPayload();
  if (r.getHasPayload()) {
    rec.payload = Bytes(payload.begin(), payload.end());
  } else if (payload.size() != 0) {
    return InvalidArgument("message carries payload bytes but says it has no payload");
  }
  return rec;
}

template <typename List>
Status CheckCount(List list, std::size_t max, std::string_view what) {
  if (list.size() > max) {
    return InvalidArgument(
        fmt::format("message has {} {}; at most {} are allowed", list.size(), what, max));
  }
  return Status::Ok();
}

Result<Envelope> ReadSyncBody(wire::Envelope::Body::Reader body) {
  switch (body.which()) {
    case wire::Envelope::Body::SUMMARY: {
      auto s = body.getSummary();
      CITYNET_RETURN_IF_ERROR(CheckCount(s.getNetworks(), kMaxSummaryNetworks, "networks"));
      SyncSummary out;
      out.reply = s.getReply();
      for (auto n : s.getNetworks()) {
        NetworkSummary ns;
        ns.network = Str(n.getNetwork());
        CITYNET_ASSIGN_OR_RETURN(ns.summary, ReadFixed<Hash256>(n.getSummary(), "summary"));
        ns.feeds = n.getFeeds();
        out.networks.push_back(std::move(ns));
      }
      return Envelope{std::move(out)};
    }
    case wire::Envelope::Body::HEADS: {
      auto list = body.getHeads().getHeads();
      CITYNET_RETURN_IF_ERROR(CheckCount(list, kMaxSyncHeads, "feed heads"));
      SyncHeads out;
      out.heads.reserve(list.size());
      for (auto h : list) {
        SyncHead head;
        CITYNET_ASSIGN_OR_RETURN(head.author, ReadFixed<SigningPublicKey>(h.getAuthor(), "author"));
        head.network = Str(h.getNetwork());
        head.seq = h.getSeq();
        CITYNET_ASSIGN_OR_RETURN(head.head, ReadFixed<RecordId>(h.getHead(), "head"));
        out.heads.push_back(std::move(head));
      }
      return Envelope{std::move(out)};
    }
    case wire::Envelope::Body::PULL: {
      auto p = body.getPull();
      SyncPull out;
      CITYNET_ASSIGN_OR_RETURN(out.author, ReadFixed<SigningPublicKey>(p.getAuthor(), "author"));
      out.network = Str(p.getNetwork());
      out.from_seq = p.getFromSeq();
      out.max_records = p.getMaxRecords();
      return Envelope{std::move(out)};
    }
    case wire::Envelope::Body::BATCH: {
      auto b = body.getBatch();
      CITYNET_RETURN_IF_ERROR(CheckCount(b.getRecords(), kMaxBatchRecords, "records"));
      SyncBatch out;
      CITYNET_ASSIGN_OR_RETURN(out.author, ReadFixed<SigningPublicKey>(b.getAuthor(), "author"));
      out.network = Str(b.getNetwork());
      out.more = b.getMore();
      for (auto r : b.getRecords()) {
        CITYNET_ASSIGN_OR_RETURN(SignedRecord rec, ReadSignedRecord(r));
        out.records.push_back(std::move(rec));
      }
      return Envelope{std::move(out)};
    }
    case wire::Envelope::Body::CHUNK_PULL: {
      auto p = body.getChunkPull();
      CITYNET_RETURN_IF_ERROR(CheckCount(p.getIndices(), kMaxChunkPullIndices, "chunk indices"));
      ChunkPull out;
      CITYNET_ASSIGN_OR_RETURN(out.dataset, ReadFixed<RecordId>(p.getDataset(), "dataset"));
      for (uint32_t i : p.getIndices()) out.indices.push_back(i);
      return Envelope{std::move(out)};
    }
    case wire::Envelope::Body::CHUNK: {
      auto c = body.getChunk();
      ChunkData out;
      CITYNET_ASSIGN_OR_RETURN(out.dataset, ReadFixed<RecordId>(c.getDataset(), "dataset"));
      out.index = c.getIndex();
      out.held = c.getHeld();
      auto data = c.getData();
      if (!out.held && data.size() != 0) {
        return InvalidArgument("chunk message carries data but says the chunk is not held");
      }
      if (data.size() > kMaxChunkBytes) {
        return InvalidArgument(fmt::format("chunk of {} bytes: chunks are at most {} bytes",
                                           data.size(), kMaxChunkBytes));
      }
      out.data.assign(data.begin(), data.end());
      return Envelope{std::move(out)};
    }
    default:
      return Unimplemented(
          fmt::format("message of type {} is not one this build knows: upgrade citynet",
                      static_cast<uint16_t>(body.which())));
  }
}
}  // namespace

Result<Envelope> DecodeEnvelope(ByteView bytes, const Limits& limits) {
  CITYNET_RETURN_IF_ERROR(CheckSize(bytes, limits.max_envelope_bytes, "message"));
  // The segment table starts with (segment count - 1). libcapnp 0.9.2 computes the count in
  // 32 bits, so 0xffffffff wraps to zero and is then read as one segment: a second encoding of
  // the same message. Refuse it here.
  const uint32_t count_minus_one =
      static_cast<uint32_t>(bytes[0]) | static_cast<uint32_t>(bytes[1]) << 8 |
      static_cast<uint32_t>(bytes[2]) << 16 | static_cast<uint32_t>(bytes[3]) << 24;
  if (count_minus_one != 0) {
    return InvalidArgument(
        fmt::format("message has {} segments; citynet messages are one canonical segment",
                    count_minus_one == 0xffffffffu ? std::string("2^32")
                                                   : std::to_string(count_minus_one + 1u)));
  }
  kj::Array<capnp::word> words = AlignedCopy(bytes);
  try {
    capnp::FlatArrayMessageReader reader(words.asPtr(), OptionsFor(words.size()));
    if (reader.getEnd() != words.end()) {
      return InvalidArgument(
          fmt::format("message has {} trailing bytes after its last segment",
                      (words.end() - reader.getEnd()) * static_cast<long>(sizeof(capnp::word))));
    }
    if (!reader.isCanonical()) {
      return InvalidArgument(
          "message is not in canonical Cap'n Proto form (its padding or layout differs from what "
          "citynet writes)");
    }
    auto root = reader.getRoot<wire::Envelope>();
    if (root.getVersion() != kEnvelopeVersion) {
      return Unimplemented(fmt::format(
          "message has envelope version {}, which this build does not read (it reads {}): "
          "upgrade citynet",
          root.getVersion(), kEnvelopeVersion));
    }
    auto body = root.getBody();
    switch (body.which()) {
      case wire::Envelope::Body::RECORD: {
        CITYNET_ASSIGN_OR_RETURN(SignedRecord rec, ReadSignedRecord(body.getRecord()));
        return Envelope{std::move(rec)};
      }
      case wire::Envelope::Body::NODE_CARD: {
        auto c = body.getNodeCard();
        SignedNodeCard card;
        auto cb = c.getCard();
        card.card.assign(cb.begin(), cb.end());
        CITYNET_ASSIGN_OR_RETURN(card.signature,
                                 ReadFixed<Signature>(c.getSignature(), "node card signature"));
        return Envelope{std::move(card)};
      }
      default:
        return ReadSyncBody(body);
    }
  } catch (const kj::Exception& e) {
    return InvalidArgument(fmt::format("message is malformed: {}", e.getDescription().cStr()));
  }
}

}  // namespace citynet::protocol
