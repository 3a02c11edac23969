#include "tools/cli/display.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace citynet::cli {
namespace {

int CodePointWidth(UChar32 c) {
  if (c < 0) return 1;  // invalid byte: the terminal shows U+FFFD
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return 0;
  if (c < 0x7f) return 1;
  if (c == 0x200d) return 0;  // zero width joiner
  const auto category = static_cast<UCharCategory>(u_charType(c));
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) {
    return 0;
  }
  // Hangul medial vowels and final consonants join the preceding syllable.
  if (c >= 0x1160 && c <= 0x11ff) return 0;
  const int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) return 2;
  return 1;
}

// Width of one grapheme cluster: its widest code point, and two when it asks for emoji
// presentation (U+FE0F) as terminals then draw it double width.
int ClusterWidth(std::string_view cluster) {
  int width = 0;
  bool emoji_presentation = false;
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(cluster.data());
  const auto n = static_cast<int32_t>(cluster.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c == 0xfe0f) emoji_presentation = true;
    width = std::max(width, CodePointWidth(c));
  }
  if (emoji_presentation && width > 0) width = 2;
  return width;
}

bool IsPlainAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) {
    const auto u = static_cast<unsigned char>(ch);
    return u >= 0x20 && u < 0x7f;
  });
}

// Byte offsets of the grapheme cluster boundaries of `utf8`, from 0 to size().
std::vector<std::size_t> ClusterBoundaries(std::string_view utf8) {
  std::vector<std::size_t> bounds;
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  std::unique_ptr<UText, decltype(&utext_close)> text_owner(text, &utext_close);
  UBreakIterator* it = ubrk_open(UBRK_CHARACTER, "", nullptr, 0, &status);
  std::unique_ptr<UBreakIterator, decltype(&ubrk_close)> it_owner(it, &ubrk_close);
  if (U_SUCCESS(status)) ubrk_setUText(it, text, &status);
  if (U_FAILURE(status)) {
    // No break data: fall back to code point boundaries.
    int32_t i = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto n = static_cast<int32_t>(utf8.size());
    while (i < n) {
      bounds.push_back(static_cast<std::size_t>(i));
      U8_FWD_1(s, i, n);
    }
    bounds.push_back(utf8.size());
    return bounds;
  }
  // UText over UTF-8 reports native indexes, which are byte offsets.
  for (int32_t b = ubrk_first(it); b != UBRK_DONE; b = ubrk_next(it)) {
    bounds.push_back(static_cast<std::size_t>(b));
  }
  if (bounds.empty() || bounds.back() != utf8.size()) bounds.push_back(utf8.size());
  return bounds;
}

}  // namespace

int DisplayWidth(std::string_view utf8) {
  if (IsPlainAscii(utf8)) return static_cast<int>(utf8.size());
  const std::vector<std::size_t> bounds = ClusterBoundaries(utf8);
  int width = 0;
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
    width += ClusterWidth(utf8.substr(bounds[i], bounds[i + 1] - bounds[i]));
  }
  return width;
}

std::string TruncateToWidth(std::string_view utf8, int width, bool ellipsis) {
  if (width < 1) return "";
  if (IsPlainAscii(utf8)) {
    if (static_cast<int>(utf8.size()) <= width) return std::string(utf8);
    if (!ellipsis) return std::string(utf8.substr(0, static_cast<std::size_t>(width)));
    return std::string(utf8.substr(0, static_cast<std::size_t>(width - 1))) + "…";
  }
  if (DisplayWidth(utf8) <= width) return std::string(utf8);
  const int budget = ellipsis ? width - 1 : width;
  const std::vector<std::size_t> bounds = ClusterBoundaries(utf8);
  std::size_t end = 0;
  int used = 0;
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
    const int w = ClusterWidth(utf8.substr(bounds[i], bounds[i + 1] - bounds[i]));
    if (used + w > budget) break;
    used += w;
    end = bounds[i + 1];
  }
  std::string out(utf8.substr(0, end));
  if (ellipsis) out += "…";
  return out;
}

std::string PadToWidth(std::string_view utf8, int width) {
  std::string out(utf8);
  const int w = DisplayWidth(utf8);
  if (w < width) out.append(static_cast<std::size_t>(width - w), ' ');
  return out;
}

}  // namespace citynet::cli
