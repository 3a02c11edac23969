// Detector for phone numbers: a tokenizer finds number-like runs; libphonenumber's metadata and
// the words around decide.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "node/privacy/identifiers.h"
#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

// Whether the number at [begin, end) has a currency or a unit beside it, which makes it an
// amount or a measurement ("2.500.000 kr", "$ 1.234.567", "13500000000元", "12345678 kWh").
bool AmountAround(std::string_view v, std::size_t begin, std::size_t end);

// Whether the words before `pos`, in the same sentence, say that the number there is a phone
// number (see PhoneDetector::Find for the words).
bool PhoneKeywordBefore(std::string_view v, std::size_t pos);

class PhoneDetector {
 public:
  explicit PhoneDetector(const ScanOptions& options);
  ~PhoneDetector();
  PhoneDetector(const PhoneDetector&) = delete;
  PhoneDetector& operator=(const PhoneDetector&) = delete;

  // Appends phone numbers not overlapping `taken` to it (an extension written after one,
  // "转 123", "ext. 12", "lokal 123", is part of it). Const; safe from several threads.
  //
  // "+CC ..." and "00CC ..." numbers count when libphonenumber says they are valid, or only
  // possible when the column or the words before say phone. A national number counts:
  // - in a phone column or after a phone word in the same sentence (tlf, telefon, mobil, ring,
  //   sms, phone, call, text, tel, cel, celular, móvil, llamar/llamá/llame, whatsapp, wsp, fijo,
  //   contacto/kontakt, 电话, 手机, 联系, 座机, 微信, 拨打, 打 right before), when it is valid for
  //   one of the regions or is any phone-shaped number of 8-15 digits ("01 23 45 67",
  //   "4999-9999") or a 7-digit "555-0199";
  // - without words, in the local formats of China and Argentina (when CN or AR is among the
  //   regions): Chinese mobiles bare or 3-4-4 ("13800138000"), Chinese landlines with the area
  //   code apart ("010-12345678", "(010) 6523 1234"), Argentine mobiles "15-4321-5678" and
  //   "011 15-4321-5678", Argentine landlines "(011) 4321-5678";
  // - without words, when grouped as phone numbers are ("71 22 15 25") and valid for a region
  //   (mobile, where the region dials a trunk 0 and it was left out).
  // Never: dates, year ranges, times, amounts with thousands separators or beside a currency or
  // unit, decimals, ISBNs, or a bare run of digits without words (but a Chinese mobile).
  void Find(std::string_view v, const ColumnContext& context, Candidates& taken) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace citynet::privacy::internal
