// The dataset record body_fuzz checks bodies against, and the body the record was signed for,
// shared with make_corpus so that the seed corpus is that body. Four columns of a citizen panel:
// two quasi-identifiers (k = 2), one sensitive column (l = 2) and free text; six rows in three
// chunks, every combination twice with two different answers.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/bytes.h"
#include "protocol/crypto.h"
#include "protocol/types.h"

namespace citynet::fuzz {

// The chunks in order: whole rows, chunk 0 starting with the header, ',' and LF (as the gate
// writes them).
inline constexpr std::array<std::string_view, 3> kBodyChunks = {
    "age,district,travel,comment\n"
    "30-39,Valby,bike,Fint med flere cykelstier\n"
    "30-39,Valby,bus,\n",
    "40-49,N\xC3\xB8rrebro,bike,\"Mere lys p\xC3\xA5 stierne, tak\"\n"
    "40-49,N\xC3\xB8rrebro,car,\"Vi kalder den \"\"den gr\xC3\xB8nne b\xC3\xB8lge\"\"\"\n",
    "50-59,Amager,bike,\n"
    "50-59,Amager,walk,\"Flere b\xC3\xA6nke\nog tr\xC3\xA6\xC3\xA6r\"\n",
};

// The record that lists kBodyChunks (valid: ValidateDataset finds nothing). Needs InitCrypto.
inline protocol::Dataset BodyDataset() {
  using protocol::Column;
  using protocol::ColumnType;
  protocol::Dataset d;
  d.language = "da";
  d.title = "Borgerpanel: transport";
  d.description = "Anonymised answers of the citizen panel on how they get to work.";
  d.publisher = "City of Copenhagen";
  d.licence = "CC-BY-4.0";
  d.columns = {Column{"age", ColumnType::kCategory, "", "10-year bands"},
               Column{"district", ColumnType::kCategory, "", ""},
               Column{"travel", ColumnType::kCategory, "", ""},
               Column{"comment", ColumnType::kText, "", ""}};
  d.privacy.k_required = 2;
  d.privacy.k_reached = 2;
  d.privacy.l_required = 2;
  d.privacy.l_reached = 2;
  d.privacy.quasi_identifiers = {"age", "district"};
  d.privacy.sensitive_columns = {"travel"};
  d.privacy.rows_in = 6;
  d.body.row_count = 6;
  for (std::string_view chunk : kBodyChunks) {
    d.body.chunks.push_back(
        protocol::ChunkRef{protocol::HashWithDomain(protocol::kChunkHashDomain, AsBytes(chunk)),
                           static_cast<uint32_t>(chunk.size())});
    d.body.total_size += chunk.size();
  }
  d.networks = {"eurocities"};
  return d;
}

}  // namespace citynet::fuzz
