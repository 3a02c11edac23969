// Detector for e-mail addresses, as mail headers write them and as people spell them out to keep
// them from harvesters.
#pragma once

#include <string_view>

#include "node/privacy/internal/text.h"

namespace citynet::privacy::internal {

// Proposes e-mail addresses, each from the first character of its local part through its
// top-level domain:
// - local@domain.tld: letters of any script except Han and kana (so that Chinese text around an
//   address is not taken in), the domain having a dot and a TLD of 2+ letters;
// - the @ spelled out or replaced: "@" with spaces around, "＠", "﹫", "[at]", "(at)", "{at}",
//   "<at>", "（at）", "【at】", "arroba", "snabel-a", "snabela", "艾特", "圈a", "小老鼠", the word
//   "at" in any case, "在" (with a mail provider or a spelled-out dot), "#" (local#domain.tld);
// - the dots spelled out or replaced: "．", "。", "｡", " . ", "[dot]", "(.)", "(punto)", the
//   words "dot", "punto", "punkt" and "punktum" between spaces, "点", "點"; the local part may be
//   spelled the same way ("anne dot hansen at gmail dot com").
// Any spelled-out form must end in a top-level domain of the root zone. Where the @ is the word
// "at", "在" or "#", the address must also not read as prose: no stop word for a domain ("at the
// town hall dot com"), no common word before "at" as the whole local part ("look at
// example.com") unless the domain is a mail provider, no short word for a TLD after a spelled
// dot ("at nå punkt to"), and no capitalised TLD run on from a sentence ("at home.It").
void FindEmails(std::string_view v, Candidates& out);

}  // namespace citynet::privacy::internal
