#include "node/privacy/internal/emails.h"

#include <unicode/uchar.h>

#include <string_view>

namespace citynet::privacy::internal {
namespace {

// ---------------------------------------------------------------------------------------------
// E-mail.

bool IsEmailLocalByte(char c) {
  static constexpr std::string_view kSpecials = ".!#$%&'*+/=?^_`{|}~-";
  return IsAlnumAscii(c) || kSpecials.find(c) != std::string_view::npos;
}

// A non-ASCII code point that may be part of an address (letters and digits, not Han or kana).
bool IsEmailUnicode(int32_t cp) { return cp >= 0x80 && u_isalnum(cp) && !IsCjk(cp); }

}  // namespace

void FindEmails(std::string_view v, Candidates& out) {
  std::size_t resume = 0;  // findings must not overlap: never look left of the last one
  for (std::size_t at = v.find('@'); at != std::string_view::npos; at = v.find('@', at + 1)) {
    if (at < resume) continue;
    // The local part, leftwards.
    std::size_t begin = at;
    while (begin > resume) {
      const char c = v[begin - 1];
      if (static_cast<unsigned char>(c) < 0x80) {
        if (!IsEmailLocalByte(c)) break;
        --begin;
      } else {
        const std::size_t s = PrevStart(v, begin);
        std::size_t len;
        if (!IsEmailUnicode(DecodeAt(v, s, &len)) || s + len != begin) break;
        begin = s;
      }
    }
    while (begin < at && v[begin] == '.') ++begin;
    if (begin == at || v[at - 1] == '.') continue;
    // The domain, rightwards: labels of letters, digits and hyphens, separated by dots.
    std::size_t end = at + 1;
    std::size_t last_dot = std::string_view::npos;
    while (end < v.size()) {
      const char c = v[end];
      if (IsAlnumAscii(c) || c == '-') {
        ++end;
      } else if (c == '.' && end + 1 < v.size() && v[end - 1] != '.' && v[end - 1] != '@') {
        last_dot = end;
        ++end;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        std::size_t len;
        if (!IsEmailUnicode(DecodeAt(v, end, &len))) break;
        end += len;
      } else {
        break;
      }
    }
    while (end > at + 1 && (v[end - 1] == '.' || v[end - 1] == '-')) --end;
    if (last_dot == std::string_view::npos || last_dot + 1 >= end) continue;
    // The top-level domain: two or more letters ("xn--" for an internationalised one).
    const std::string_view tld = v.substr(last_dot + 1, end - last_dot - 1);
    bool tld_ok = tld.size() >= 2;
    if (tld.substr(0, 4) != "xn--") {
      for (std::size_t k = 0; k < tld.size() && tld_ok;) {
        std::size_t len;
        tld_ok = IsLetter(DecodeAt(tld, k, &len));
        k += len;
      }
    }
    if (!tld_ok || v[at + 1] == '-' || v[at + 1] == '.') continue;
    out.push_back({kPriorityEmail, {IdentifierKind::kEmail, begin, end}});
    resume = end;
  }
}

}  // namespace citynet::privacy::internal
