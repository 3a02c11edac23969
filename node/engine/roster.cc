#include "node/engine/roster.h"

#include <algorithm>

namespace citynet::node {

Roster::Roster(Member self, std::vector<Member> partners)
    : self_(std::move(self)), partners_(std::move(partners)) {
  for (Member& p : partners_) {
    std::set<std::string> shared;
    for (const auto& n : p.networks) {
      if (self_.networks.count(n) != 0) shared.insert(n);
    }
    p.networks = std::move(shared);
  }
  for (std::size_t i = 0; i < partners_.size(); ++i) {
    by_name_.emplace(partners_[i].name, i);
    by_key_.emplace(partners_[i].signing_key, i);
  }
}

const Member* Roster::Partner(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &partners_[it->second];
}

const Member* Roster::BySigningKey(const SigningPublicKey& key) const {
  if (key == self_.signing_key) return &self_;
  auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &partners_[it->second];
}

bool Roster::IsMember(const SigningPublicKey& author, const std::string& network) const {
  const Member* m = BySigningKey(author);
  return m != nullptr && m->networks.count(network) != 0 && self_.networks.count(network) != 0;
}

bool Roster::Shares(std::string_view partner, const std::string& network) const {
  const Member* m = Partner(partner);
  return m != nullptr && m->networks.count(network) != 0;
}

std::vector<std::string> Roster::SharedNetworks(std::string_view partner) const {
  const Member* m = Partner(partner);
  if (m == nullptr) return {};
  return std::vector<std::string>(m->networks.begin(), m->networks.end());
}

std::vector<const Member*> Roster::PartnersIn(const std::string& network) const {
  std::vector<const Member*> out;
  for (const Member& p : partners_) {
    if (p.networks.count(network) != 0) out.push_back(&p);
  }
  return out;
}

}  // namespace citynet::node
