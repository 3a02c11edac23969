# citynet wire and storage format.
#
# This file is the hardest thing in the project to change once partners hold data. Rules:
#  - Never renumber, retype or remove a field; only append new ones with the next ordinal.
#  - Every signed structure carries `formatVersion`. Readers refuse versions they do not know,
#    and keep the code that reads every version they ever wrote (see protocol/record.cc).
#  - Signed bytes are the canonical Cap'n Proto encoding of the root struct: one segment, no
#    segment table, no padding (capnp::canonicalize). They are stored and relayed exactly as
#    signed, never re-encoded.
#  - Byte strings named `*Key`, `*Hash`, `prev`, `id`-like fields are fixed length (32 bytes;
#    signatures 64); the validators in protocol/ check every length.
#
# Format version 1 (this file at its first release).

@0x8ebaab030552395b;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("citynet::protocol::wire");

# ---------------------------------------------------------------------------------------------
# Records

enum RecordKind {
  caseStudy @0;       # payload: CaseStudy
  dataset @1;         # payload: Dataset (metadata; the body travels as chunks)
  retraction @2;      # payload: Retraction; header refs: retraction
  erasureReceipt @3;  # payload: ErasureReceipt; header refs: erasureReceipt
}

# The signed header. The author signs "citynet/v1/record-signature\0" || canonical(header);
# the record id is BLAKE2b-256("citynet/v1/record-id\0" || canonical(header)).
# No personal data ever goes in here: a header outlives a purged payload.
struct RecordHeader {
  formatVersion @0 :UInt16;   # 1
  kind @1 :RecordKind;
  author @2 :Data;            # Ed25519 public key of the author node, 32 bytes
  network @3 :Text;           # the one network this record is addressed to (a slug)
  seq @4 :UInt64;             # position in the (author, network) feed, from 1
  prev @5 :Data;              # id of record seq-1 of the same feed; empty when seq == 1
  createdAtMs @6 :Int64;      # author's clock, milliseconds since the Unix epoch (UTC)
  payloadHash @7 :Data;       # BLAKE2b-256("citynet/v1/payload\0" || payload bytes), 32 bytes
  payloadSize @8 :UInt64;     # length of the payload bytes

  # Kind-specific references, covered by the signature and kept when the payload is purged.
  refs :union {
    none @9 :Void;
    retraction @10 :RetractionRefs;
    erasureReceipt @11 :ErasureReceiptRefs;
  }
  # A new version of an earlier record of the same author and network (case study or dataset).
  # Empty when this record is not a new version. Browsing shows the newest version.
  supersedes @12 :Data;
}

struct RetractionRefs {
  targets @0 :List(Data);     # ids of earlier records of the same author and network
}

struct ErasureReceiptRefs {
  retraction @0 :Data;        # id of the retraction this receipt answers
  retractionAuthor @1 :Data;  # its author (32 bytes), so the receipt routes back
}

# What travels and is stored for one record: the header exactly as signed, the signature,
# and the payload when the sender holds it (it may have been purged by a retraction).
struct SignedRecord {
  header @0 :Data;            # canonical RecordHeader bytes
  signature @1 :Data;         # Ed25519, 64 bytes
  payload @2 :Data;           # canonical payload bytes, or empty
  hasPayload @3 :Bool;        # distinguishes "purged / not sent" from an empty payload
}

# ---------------------------------------------------------------------------------------------
# Payloads. Each is the root of its own canonical message; the header's kind says which.

struct Period {
  from @0 :Text;              # "YYYY", "YYYY-MM" or "YYYY-MM-DD", or empty for open
  to @1 :Text;
}

struct Outcome {
  metric @0 :Text;
  hasTarget @1 :Bool;
  target @2 :Float64;
  achieved @3 :Float64;
  unit @4 :Text;
}

struct Link {
  url @0 :Text;
  title @1 :Text;
}

struct CaseStudy {
  formatVersion @0 :UInt16;   # 1
  language @1 :Text;          # BCP 47 tag of the texts below
  slug @2 :Text;
  title @3 :Text;
  summary @4 :Text;
  body @5 :Text;
  city @6 :Text;
  country @7 :Text;           # ISO 3166-1 alpha-2
  networks @8 :List(Text);    # every network the author shares this case in
  sdgs @9 :List(UInt8);       # UN goals 1-17
  sdgTargets @10 :List(Text); # optional UN targets, e.g. "11.b"
  themes @11 :List(Text);
  period @12 :Period;
  outcomes @13 :List(Outcome);
  partners @14 :List(Text);
  links @15 :List(Link);
  licence @16 :Text;          # SPDX identifier, or empty when the author did not say
}

enum ColumnType {
  text @0;
  integer @1;
  decimal @2;
  boolean @3;
  date @4;
  category @5;
}

struct Column {
  name @0 :Text;
  type @1 :ColumnType;
  description @2 :Text;
  generalisation @3 :Text;    # how the gate generalised it ("10-year bands"), or empty
}

struct PrivacyReport {
  gateVersion @0 :UInt16;
  kRequired @1 :UInt32;
  kReached @2 :UInt32;
  lRequired @3 :UInt32;       # 0 when no sensitive column was declared
  lReached @4 :UInt32;
  quasiIdentifiers @5 :List(Text);
  sensitiveColumns @6 :List(Text);
  droppedColumns @7 :List(ColumnAction);
  generalisedColumns @8 :List(ColumnAction);
  cleanedColumns @9 :List(ColumnAction);   # identifier values removed from free text
  rowsIn @10 :UInt64;
  rowsSuppressed @11 :UInt64;
  informationLoss @12 :Float64;            # 0 (none) .. 1 (all)
  # Gate version 2 and later: the role of every column of the table the publisher gave, published
  # or not, and why. Empty in reports of gate version 1.
  columnRoles @13 :List(ColumnRoleEntry);
}

# What a column is to the privacy gate (GDPR Art. 25: a column the gate cannot classify is a
# quasi-identifier unless the publisher declares otherwise).
enum ColumnRole {
  identifier @0;        # names or numbers a person: never published
  quasiIdentifier @1;   # singles people out in combination: generalised to k-anonymity
  sensitive @2;         # what must not be learnt of a group: published, l-diverse when l > 0
  insensitive @3;       # cannot single anyone out: published as is
  freeText @4;          # written text: dropped unless the publisher keeps it, then scrubbed
}

struct ColumnRoleEntry {
  column @0 :Text;
  role @1 :ColumnRole;
  reason @2 :Text;            # "its name says age", "declared by the publisher", ...
  declared @3 :Bool;          # the publisher chose the role (--quasi, --insensitive, ...)
  published @4 :Bool;         # the column is in the body
}

struct ColumnAction {
  column @0 :Text;
  reason @1 :Text;            # "CPR numbers in 2,000 rows", "5-year bands", ...
}

struct ChunkRef {
  hash @0 :Data;              # BLAKE2b-256("citynet/v1/chunk\0" || chunk bytes), 32 bytes
  size @1 :UInt32;
}

struct DatasetBody {
  mediaType @0 :Text;         # "text/csv"
  totalSize @1 :UInt64;
  rowCount @2 :UInt64;
  chunks @3 :List(ChunkRef);
}

struct Dataset {
  formatVersion @0 :UInt16;   # 1
  language @1 :Text;
  title @2 :Text;
  description @3 :Text;
  publisher @4 :Text;
  themes @5 :List(Text);
  temporalCoverage @6 :Period;
  spatialCoverage @7 :Text;   # place name, e.g. "Copenhagen"
  country @8 :Text;           # ISO 3166-1 alpha-2, or empty
  licence @9 :Text;           # SPDX identifier (required for datasets)
  columns @10 :List(Column);
  privacy @11 :PrivacyReport;
  body @12 :DatasetBody;
  networks @13 :List(Text);
}

struct Retraction {
  formatVersion @0 :UInt16;   # 1
  reason @1 :Text;            # shown to partners; say why, without personal data
}

enum ErasureOutcome {
  purged @0;                  # the payload was held and is now erased
  notHeld @1;                 # the node never held the payload
  unknownRecord @2;           # the node does not know the record at all
}

struct ErasureItem {
  target @0 :Data;            # record id
  outcome @1 :ErasureOutcome;
}

struct ErasureReceipt {
  formatVersion @0 :UInt16;   # 1
  erasedAtMs @1 :Int64;
  items @2 :List(ErasureItem);
}

# ---------------------------------------------------------------------------------------------
# Identity

# A node card binds a node's transport key (CurveZMQ, X25519) and endpoints to its identity
# (the Ed25519 signing key). The node signs "citynet/v1/node-card\0" || canonical(card).
struct NodeCard {
  formatVersion @0 :UInt16;   # 1
  name @1 :Text;              # slug, e.g. "copenhagen"
  displayName @2 :Text;       # "City of Copenhagen"
  signingKey @3 :Data;        # Ed25519 public key, 32 bytes
  transportKey @4 :Data;      # X25519 public key, 32 bytes
  endpoints @5 :List(Text);   # "tcp://host:port"
  networks @6 :List(Text);    # networks the node says it belongs to
  issuedAtMs @7 :Int64;       # a newer card from the same signing key replaces an older one
}

struct SignedNodeCard {
  card @0 :Data;              # canonical NodeCard bytes
  signature @1 :Data;         # 64 bytes
}

# ---------------------------------------------------------------------------------------------
# Envelope: every message between nodes (and in export files) is one Envelope.
# New message types are added as new union members; `version` is the envelope format.

struct Envelope {
  version @0 :UInt16;         # 1
  body :union {
    record @1 :SignedRecord;        # live push of one record
    nodeCard @2 :SignedNodeCard;
    summary @3 :HeadsSummary;       # catch-up: what I hold, per network we share
    heads @4 :HeadsList;            # catch-up: my feed heads in networks whose summaries differ
    pull @5 :PullRequest;           # catch-up: send me these records of one feed
    batch @6 :RecordBatch;          # catch-up: records answering a pull
    chunkPull @7 :ChunkPull;        # dataset body: send me these chunks of a dataset
    chunk @8 :ChunkData;            # one chunk answering a chunk pull
  }
}

# ---------------------------------------------------------------------------------------------
# Dataset bodies. A member fetches the chunks of a dataset it holds the record of, a few at a
# time, from any partner of the dataset's network, and checks each against the record's chunk
# hashes before storing it. Partners answer only for datasets of networks they share with the
# asking node, and only with bodies that passed their own re-check.

struct ChunkPull {
  dataset @0 :Data;           # dataset record id, 32 bytes
  indices @1 :List(UInt32);   # chunk indices, at most 16
}

struct ChunkData {
  dataset @0 :Data;           # 32 bytes
  index @1 :UInt32;
  held @2 :Bool;              # false: the sender does not hold this chunk (data is empty)
  data @3 :Data;
}

# ---------------------------------------------------------------------------------------------
# Catch-up sync. Two peers compare one summary per network they share; equal summaries end the
# exchange (about 60 bytes per network). For a network that differs, the peer answers with its
# feed heads there, and the asking side pulls, feed by feed, the records it lacks, in bounded
# batches with one pull outstanding per feed.

struct NetworkSummary {
  network @0 :Text;
  summary @1 :Data;           # 32 bytes: BLAKE2b over the sorted heads (Store::HeadsSummary)
  feeds @2 :UInt32;           # number of feeds in it
}

struct HeadsSummary {
  networks @0 :List(NetworkSummary);
  reply @1 :Bool;             # true when this answers a summary (do not answer it again)
}

struct FeedHead {
  author @0 :Data;            # 32 bytes
  network @1 :Text;
  seq @2 :UInt64;
  head @3 :Data;              # record id, 32 bytes
}

struct HeadsList {
  heads @0 :List(FeedHead);
}

struct PullRequest {
  author @0 :Data;            # 32 bytes
  network @1 :Text;
  fromSeq @2 :UInt64;
  maxRecords @3 :UInt32;
}

struct RecordBatch {
  author @0 :Data;            # the feed this answers, 32 bytes
  network @1 :Text;
  records @2 :List(SignedRecord);
  more @3 :Bool;              # the sender holds more records after these
}
