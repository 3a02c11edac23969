// Detector for phone numbers: a tokenizer finds number-like runs; libphonenumber's metadata and
// the words around decide.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
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

// The first position at or after `from` (and before `pos`) that does not cut a word of ASCII
// letters or a UTF-8 character in two: where a window of text before a number may start.
std::size_t WordBoundaryFrom(std::string_view v, std::size_t from, std::size_t pos);
// The at most `n` bytes before `pos`, ASCII-lower-cased, from a word boundary (see above).
std::string WordWindowBefore(std::string_view v, std::size_t pos, std::size_t n);

// How many full-width digits (０-９) `v` holds: Chinese text writes phone numbers in them.
std::size_t FullWidthDigitCount(std::string_view v);

class PhoneDetector {
 public:
  explicit PhoneDetector(const ScanOptions& options);
  ~PhoneDetector();
  PhoneDetector(const PhoneDetector&) = delete;
  PhoneDetector& operator=(const PhoneDetector&) = delete;

  // Appends phone numbers not overlapping `taken` to it (an extension written after one,
  // "转 123", "ext. 12", "lokal 123", is part of it). Const; safe from several threads.
  //
  // Full-width digits and signs and ideographic spaces read as their ASCII forms
  // ("１３８ ００１３ ８０００", "187　9592　4971"). Numbers run together ("13800138000/
  // 13912345678") are read one by one: the longest run of first groups that is a number.
  //
  // "+CC ..." and "00CC ..." numbers count when libphonenumber says they are valid, or possible
  // when the column or the words around say phone, or possible and plainly written (the country
  // code a group of its own, no amount, date or code around: "+45 83 51 21 22" in an unallocated
  // block), except Danish ones starting with 0 or 1 ("+45 12 34 56 78"). Chinese and Argentine
  // numbers in local grouping after the code count too ("+86 10 1234 5678"). A national number
  // counts:
  // - in a phone column, or with a phone word before it or just after it in the same sentence
  //   (tlf, telefon, mobil, ring/ringet, sms, fastnet, phone, call, text, landline, reach me,
  //   tel, cel, celu, celular, móvil, llamar/llamé/llamá, whatsapp, wsp, fijo, contacto/kontakt,
  //   电话, 手机, 联系, 座机, 微信, 拨打, 打 right before...; "81246383 – ring efter kl. 17",
  //   "64435498 (mobile)"), when it is valid for one of the regions or is any phone-shaped number
  //   of 7-15 digits ("01 23 45 67", "4999-9999", "555-0199", "(206) 566.5241");
  // - without words, in the local formats of China and Argentina (when CN or AR is among the
  //   regions): Chinese mobiles bare or 3-4-4 ("13800138000"), Chinese landlines with the area
  //   code apart ("010-12345678", "(010) 6523 1234"), Argentine mobiles "15-4321-5678",
  //   "011 15-4321-5678" and "11 4321-5678", Argentine landlines "(011) 4321-5678";
  // - without words, when grouped as phone numbers are ("71 22 15 25") and valid for a region
  //   (mobile, where the region dials a trunk 0 and it was left out).
  // Never: dates, year ranges, times, amounts with thousands separators or beside a currency,
  // unit or counted noun ("580.377.938 minutes"), decimals, ISBNs, file and standard numbers
  // ("2019-1234-5678", "064/1960", "GB 3095-2012"), numbers after words that announce another
  // kind (CVR, VAT, EAN, faktura, expediente, j.nr.) unless a phone word comes first, or a bare
  // run of digits without words (but a Chinese mobile).
  void Find(std::string_view v, const ColumnContext& context, Candidates& taken) const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;
};

}  // namespace citynet::privacy::internal
