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
// town hall dot com"), not the local part of a real address that follows ("association at
// connor.hughes@ucl.ac.uk"), and no capitalised TLD run on from a sentence ("at home.It"). Unless
// something says "address" (a mail provider's domain, a local part with digits or dots, three
// labels or more, "AT" in capitals among lower case, or a word such as "e-mail:", "skriv til" or
// "邮箱" before), also: no common word before "at" as the whole local part ("look at
// example.com"), no short word or new gTLD for a TLD ("at nå punkt to", "at the town dot map"),
// no capitalised name for a domain after a spelled dot ("prices at Netto dot dk").
void FindEmails(std::string_view v, Candidates& out);

// Removes from `found` the candidates of other kinds that lie inside an e-mail address found:
// "2206076241@yeah.net" (a QQ number, which reads as a CPR number) is one e-mail address.
void DropInsideEmails(Candidates& found);

}  // namespace citynet::privacy::internal
