// Display width of UTF-8 text on a terminal, for the `citynet` CLI's tables: how many columns a
// string takes, and how to cut it to fit. Wide and fullwidth characters (Chinese, Japanese,
// Korean; emoji shown as emoji) take two columns, combining marks and other zero-width
// characters none, everything else one. Text is measured by grapheme cluster, so a base letter
// and its accents, or an emoji sequence, are never split.
//
// Boundary: pure functions over bytes; no terminal I/O. Invalid UTF-8 counts one column per bad
// byte (a terminal shows a replacement character). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace citynet::cli {

// Columns `utf8` takes on a terminal. Control characters count zero.
int DisplayWidth(std::string_view utf8);

// The longest prefix of `utf8` that fits in `width` columns, cut at a grapheme boundary. When
// the text does not fit and `ellipsis` is set, the prefix ends with "…" (one column) and the
// whole result still fits. A width below 1 gives "".
std::string TruncateToWidth(std::string_view utf8, int width, bool ellipsis = true);

// `utf8` followed by spaces up to `width` columns (unchanged when it is already wider).
std::string PadToWidth(std::string_view utf8, int width);

}  // namespace citynet::cli
