#include "tests/node/loopback_network.h"

#include <fmt/format.h>

#include <vector>

#include "node/engine/peer_links.h"
#include "protocol/codec.h"

namespace citynet::testing {

using node::Outgoing;

class LoopbackNetwork : public node::Network {
 public:
  LoopbackNetwork(LoopbackWire* wire, std::string name, node::NetworkSetup setup)
      : wire_(wire),
        name_(std::move(name)),
        loop_(setup.loop),
        roster_(setup.roster),
        engine_(setup.engine),
        options_(std::move(setup.options)),
        links_(*engine_, LinkOptions(options_)),
        endpoints_{"loopback://" + name_} {
    engine_->SetEarlySend([this](std::vector<Outgoing> out) { Send(std::move(out)); });
    timer_ = loop_->Every(options_.timer_tick, [this] { Send(links_.Tick(LoopMs())); });
  }

  ~LoopbackNetwork() override {
    wire_->Update(name_, nullptr, {});  // nothing is posted to this network from here on
    loop_->Cancel(timer_);
    engine_->SetEarlySend(nullptr);
  }

  void Open() { wire_->Update(name_, this, PartnersOf(*roster_)); }

  const std::vector<std::string>& endpoints() const override { return endpoints_; }

  Status SetRoster(const node::Roster& roster, std::vector<node::Dial>) override {
    roster_ = &roster;
    for (const std::string& partner : std::set<std::string>(engine_->connected())) {
      if (roster.Partner(partner) == nullptr) links_.Down(partner);
    }
    wire_->Update(name_, this, PartnersOf(roster));
    return Status::Ok();
  }

  void Send(std::vector<Outgoing> out) override {
    for (Outgoing& o : out) {
      auto bytes = std::make_shared<const Bytes>(protocol::EncodeEnvelope(o.message));
      if (up_.count(o.peer) != 0 && wire_->Carry(name_, o.peer, std::move(bytes))) {
        ++stats_.messages_out;
      } else {
        ++stats_.unroutable;  // catch-up delivers it later
      }
    }
  }

  node::MeshStats stats() const override {
    node::MeshStats stats = stats_;
    stats.messages_in += links_.stats().messages_in;
    stats.malformed += links_.stats().malformed;
    stats.over_max_peers += links_.stats().over_max_peers;
    return stats;
  }

  std::vector<node::PeerLink> Links() const override {
    std::vector<node::PeerLink> links;
    for (const node::Member& p : roster_->partners()) {
      node::PeerLink link;
      link.partner = p.name;
      link.outbound_up = link.inbound_up = up_.count(p.name) != 0;
      links.push_back(std::move(link));
    }
    return links;
  }

  node::ZapHandler::Stats refusals() const override { return {}; }

  // From the wire (under its lock): what runs on this network's loop.
  void PostLink(const std::string& peer, bool up) {
    (void)loop_->Post([this, peer, up] { OnLink(peer, up); });
  }
  bool PostBytes(const std::string& from, std::shared_ptr<const Bytes> bytes) {
    return loop_->Post([this, from, bytes = std::move(bytes)] { OnBytes(from, *bytes); });
  }

 private:
  static node::PeerLinksOptions LinkOptions(const node::MeshOptions& options) {
    node::PeerLinksOptions links;
    links.catch_up_interval_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(options.catch_up_interval).count();
    links.max_peers = options.max_peers;
    links.log = options.log;
    links.on_link = options.on_link;
    return links;
  }

  static std::set<std::string> PartnersOf(const node::Roster& roster) {
    std::set<std::string> partners;
    for (const node::Member& p : roster.partners()) partners.insert(p.name);
    return partners;
  }

  int64_t LoopMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               loop_->now().time_since_epoch())
        .count();
  }

  void OnLink(const std::string& peer, bool up) {
    if (up) {
      up_.insert(peer);
      if (links_.Admit(peer)) Send(links_.Up(peer, LoopMs()));
    } else {
      up_.erase(peer);
      links_.Down(peer);
    }
  }

  void OnBytes(const std::string& from, const Bytes& bytes) {
    if (up_.count(from) == 0 || !links_.Admit(from)) return;  // sent before the link went down
    Send(links_.Up(from, LoopMs()));
    Send(links_.Receive(from, bytes, options_.clock()));
  }

  LoopbackWire* wire_;
  std::string name_;
  node::EventLoop* loop_;
  const node::Roster* roster_;
  node::SyncEngine* engine_;
  node::MeshOptions options_;
  node::PeerLinks links_;
  std::vector<std::string> endpoints_;
  std::set<std::string> up_;  // partners linked on the wire, as this loop has been told
  node::MeshStats stats_;
  node::EventLoop::TimerId timer_ = 0;
};

LoopbackWire::Opener LoopbackWire::OpenFor(std::string name) {
  return [this, name](node::NetworkSetup setup) -> Result<std::unique_ptr<node::Network>> {
    if (!setup.options.clock) {
      return InvalidArgument("the loopback wire needs the daemon's clock (MeshOptions::clock)");
    }
    auto network = std::make_unique<LoopbackNetwork>(this, name, std::move(setup));
    network->Open();
    return std::unique_ptr<node::Network>(std::move(network));
  };
}

LoopbackWire::Pair LoopbackWire::Ordered(const std::string& a, const std::string& b) {
  return a < b ? Pair{a, b} : Pair{b, a};
}

bool LoopbackWire::LinkedLocked(const std::string& a, const std::string& b) {
  auto ea = ends_.find(a);
  auto eb = ends_.find(b);
  return ea != ends_.end() && eb != ends_.end() && ea->second.partners.count(b) != 0 &&
         eb->second.partners.count(a) != 0 && cut_.count(Ordered(a, b)) == 0;
}

void LoopbackWire::ChangeLocked(const std::function<void()>& change) {
  std::set<Pair> before;
  for (const auto& [a, ea] : ends_) {
    for (const auto& [b, eb] : ends_) {
      if (a < b && LinkedLocked(a, b)) before.insert({a, b});
    }
  }
  change();
  std::set<Pair> after;
  for (const auto& [a, ea] : ends_) {
    for (const auto& [b, eb] : ends_) {
      if (a < b && LinkedLocked(a, b)) after.insert({a, b});
    }
  }
  auto tell = [this](const Pair& p, bool up) NO_THREAD_SAFETY_ANALYSIS {
    for (auto [self, peer] : {std::pair{&p.first, &p.second}, std::pair{&p.second, &p.first}}) {
      auto end = ends_.find(*self);
      if (end != ends_.end()) end->second.network->PostLink(*peer, up);
    }
  };
  for (const Pair& p : before) {
    if (after.count(p) == 0) tell(p, false);
  }
  for (const Pair& p : after) {
    if (before.count(p) == 0) tell(p, true);
  }
}

void LoopbackWire::Update(const std::string& name, LoopbackNetwork* network,
                          std::set<std::string> partners) {
  MutexLock lock(&mutex_);
  ChangeLocked([&]() NO_THREAD_SAFETY_ANALYSIS {
    if (network == nullptr) {
      ends_.erase(name);
    } else {
      ends_[name] = End{network, std::move(partners)};
    }
  });
}

void LoopbackWire::Cut(const std::string& a, const std::string& b) {
  MutexLock lock(&mutex_);
  ChangeLocked([&]() NO_THREAD_SAFETY_ANALYSIS { cut_.insert(Ordered(a, b)); });
}

void LoopbackWire::Heal(const std::string& a, const std::string& b) {
  MutexLock lock(&mutex_);
  ChangeLocked([&]() NO_THREAD_SAFETY_ANALYSIS { cut_.erase(Ordered(a, b)); });
}

bool LoopbackWire::Carry(const std::string& from, const std::string& to,
                         std::shared_ptr<const Bytes> bytes) {
  MutexLock lock(&mutex_);
  if (!LinkedLocked(from, to)) return false;
  return ends_.at(to).network->PostBytes(from, std::move(bytes));
}

}  // namespace citynet::testing
