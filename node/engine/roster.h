// The trust roster: who this node is, which partners it accepted (from their node cards), and
// which networks each belongs to as far as this node is concerned. Every membership decision
// of the mesh is made here: whether an author may write to a network, whether a peer may
// receive a network's records, which networks two nodes share.
//
// A roster is immutable; a reload (SIGHUP) builds a new one. Thread-safe for const use.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/bytes.h"

namespace citynet::node {

struct Member {
  std::string name;
  SigningPublicKey signing_key;
  TransportPublicKey transport_key;
  std::set<std::string> networks;
};

class Roster {
 public:
  // `self`'s networks are the node's networks; a partner's are the networks this node shares
  // with it (a partner listed in a network this node is not in is ignored for that network).
  Roster(Member self, std::vector<Member> partners);

  const Member& self() const { return self_; }
  const std::vector<Member>& partners() const { return partners_; }

  // The partner with this name, or nullptr.
  const Member* Partner(std::string_view name) const;
  // Self or a partner with this signing key, or nullptr.
  const Member* BySigningKey(const SigningPublicKey& key) const;

  // Whether `author` (self or a partner) is a member of `network`, as this node sees it.
  bool IsMember(const SigningPublicKey& author, const std::string& network) const;
  // Whether the named partner may receive and send records of `network`.
  bool Shares(std::string_view partner, const std::string& network) const;
  // The networks this node shares with the named partner, sorted.
  std::vector<std::string> SharedNetworks(std::string_view partner) const;
  // The partners in `network`.
  std::vector<const Member*> PartnersIn(const std::string& network) const;

 private:
  Member self_;
  std::vector<Member> partners_;
  std::map<std::string, std::size_t, std::less<>> by_name_;
  std::map<SigningPublicKey, std::size_t> by_key_;
};

}  // namespace citynet::node
