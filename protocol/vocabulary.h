// The shared vocabulary of citynet records: language tags, country codes, UN Sustainable
// Development Goals and targets, slugs, licences, partial dates, links and free text. Every
// record that a node accepts, stores or relays is checked against these rules, so that two nodes
// always agree on what a field may hold.
//
// Each Check* function returns std::nullopt when the value is valid, or else one message that a
// person who is not a programmer can act on: it starts in lower case, has no trailing period, and
// quotes the offending value in single quotes (for example "country 'dk' must be upper case:
// 'DK'"). The functions are pure: no I/O, no global state, safe to call from any thread.

#ifndef CITYNET_PROTOCOL_VOCABULARY_H_
#define CITYNET_PROTOCOL_VOCABULARY_H_

#include <optional>
#include <string>
#include <string_view>

namespace citynet::protocol {

// The longest slug that CheckSlug accepts, in characters (which are all ASCII).
inline constexpr int kMaxSlugLength = 64;

// The longest link that CheckLink accepts, in bytes.
inline constexpr int kMaxLinkBytes = 2048;

// Checks a BCP 47 (RFC 5646) language tag such as "en", "da-DK" or "zh-Hans-CN", ignoring case.
// The tag must be well-formed per the RFC 5646 ABNF: a language of 2-3 letters (with up to three
// 3-letter extlang subtags), then an optional 4-letter script, an optional region of 2 letters or
// 3 digits, variants (5-8 letters or digits, or a digit and 3 letters or digits), extensions (a
// singleton followed by subtags of 2-8 letters or digits) and private use ("x-" and subtags of
// 1-8 letters or digits), each variant and singleton at most once. In addition, a 2-letter
// language must be an ISO 639-1 code and a 2-letter region an ISO 3166-1 alpha-2 code. Refused:
// grandfathered tags that do not fit the ABNF ("i-klingon"), tags made only of private use
// ("x-foo"), and 4-8 letter languages, none of which is registered. Where a likely fix exists
// (en_GB -> en-GB, dk -> da, en-UK -> en-GB, english -> en), the message suggests it.
std::optional<std::string> CheckLanguageTag(std::string_view tag);

// Returns `tag` in the canonical case of RFC 5646 section 2.1.1: everything in lower case except
// 2-letter regions (upper case) and 4-letter scripts (title case), with no change after the first
// singleton. "zh-hans-cn" -> "zh-Hans-CN". Precondition: CheckLanguageTag(tag) is std::nullopt.
std::string CanonicalLanguageTag(std::string_view tag);

// Returns the primary language subtag of `tag` in lower case: "zh-Hans" -> "zh", "EN" -> "en".
// Precondition: CheckLanguageTag(tag) is std::nullopt.
std::string PrimaryLanguage(std::string_view tag);

// Checks an ISO 3166-1 alpha-2 country code, which must be one of the 249 officially assigned
// codes and written in upper case ("DK"). Common alpha-3, IOC and EU mistakes ("DNK", "DEN",
// "UK", "EL") get a suggestion.
std::optional<std::string> CheckCountryCode(std::string_view code);

// Checks the number of a UN Sustainable Development Goal: 1 to 17.
std::optional<std::string> CheckSdgGoal(int goal);

// Checks an SDG target written as the UN numbers it, GOAL.TARGET: "1.1", "8.10", "11.b",
// "17.19". The target must exist in the UN global indicator framework (169 targets); letters are
// lower case and numbers have no leading zeros.
std::optional<std::string> CheckSdgTarget(std::string_view target);

// Returns the goal number of an SDG target: "11.b" -> 11.
// Precondition: CheckSdgTarget(target) is std::nullopt.
int SdgTargetGoal(std::string_view target);

// Checks a slug, as used for network, theme and case names: 1 to kMaxSlugLength characters of
// a-z, 0-9 and '-', starting with a letter, not ending with '-' and with no "--". `what` is the
// field's name as the user sees it ("network", "theme", "slug") and starts the message. Where a
// valid slug can be derived from `value` (lower case, runs of other characters made one '-',
// common accented Latin letters written without accents), the message suggests it.
std::optional<std::string> CheckSlug(std::string_view what, std::string_view value);

// Checks a licence for content or data: an SPDX licence identifier from the list we accept
// (Creative Commons, Open Data Commons, national open-data licences such as OGL-UK-3.0,
// DL-DE-BY-2.0, etalab-2.0 and NLOD-2.0, and a few general ones such as MIT), matched exactly
// and case-sensitively, or "LicenseRef-" followed by letters, digits, '.' and '-' for one's own.
// Near misses in case, spaces or underscores ("cc by 4.0") and missing Creative Commons versions
// ("CC-BY") get a suggestion.
std::optional<std::string> CheckLicence(std::string_view spdx_id);

// Checks a partial date as used in periods and coverage: "YYYY", "YYYY-MM" or "YYYY-MM-DD", a
// real day of the proleptic Gregorian calendar (2024-02-29 but not 2023-02-29) in the years 1000
// to 9999. `what` is the field's name as the user sees it and starts the message.
std::optional<std::string> CheckPartialDate(std::string_view what, std::string_view value);

// Orders two partial dates by their first day, and dates with the same first day from the least
// to the most precise ("2019" < "2019-01" < "2019-01-01" < "2019-01-02"). Returns a negative
// number, zero or a positive number as `a` is before, equal to or after `b`.
// Preconditions: CheckPartialDate(..., a) and CheckPartialDate(..., b) are std::nullopt.
int ComparePartialDates(std::string_view a, std::string_view b);

// Returns true when the period from `from` to `to` is in order: the first day of `from` is not
// after the last day of `to`, so "2019" to "2019" and "2019-05" to "2019" are in order and
// "2020" to "2019-12" is not. Meant for two valid dates (CheckPartialDate is std::nullopt for
// both); returns false when either is not valid.
bool PeriodInOrder(std::string_view from, std::string_view to);

// Checks a web link: valid UTF-8 of at most kMaxLinkBytes bytes, starting with "https://" or
// "http://" (in any case), with no space (including no-break and other Unicode spaces) or control
// character, and a host that is "localhost" or a domain name or IPv4 address with at least one
// dot (non-ASCII names are allowed, IPv6 literals are not), optionally followed by a port of 1 to
// 65535. User information ("user@") is allowed.
std::optional<std::string> CheckLink(std::string_view url);

// Checks free text: well-formed UTF-8 (no overlong forms, surrogates, code points above U+10FFFF
// or truncated sequences) with no control character (U+0000-U+001F, U+007F and U+0080-U+009F),
// except that line feed and tab are allowed when `multiline` is true. Carriage returns are never
// allowed. `what` is the field's name as the user sees it and starts the message. Byte positions
// in messages count from 0.
std::optional<std::string> CheckText(std::string_view what, std::string_view value, bool multiline);

// Whether `text` is well-formed UTF-8 in the same sense, control characters allowed (a whole
// dataset file, say). On failure, `bad_offset` gets the offset of the first bad byte. Fast on
// ASCII: eight bytes at a time.
bool IsValidUtf8(std::string_view text, std::size_t* bad_offset = nullptr);

}  // namespace citynet::protocol

#endif  // CITYNET_PROTOCOL_VOCABULARY_H_
