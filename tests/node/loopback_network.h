// An in-process wire between daemons of one test process (node/net/network.h): no socket, no
// CURVE, no ZAP. Each daemon opens its Network through its Environment (open_network =
// wire.OpenFor(name)). Two open daemons are linked when each has the other as a partner in its
// roster (this wire's allowlist) and the test has not cut them. A message is encoded as on the
// mesh and posted to the receiving daemon's event loop, so each daemon still runs alone on its own
// thread and loop, and the node side of every link is PeerLinks, as over the mesh.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "node/net/network.h"
#include "protocol/mutex.h"

namespace citynet::testing {

class LoopbackNetwork;

class LoopbackWire {
 public:
  using Opener = std::function<Result<std::unique_ptr<node::Network>>(node::NetworkSetup)>;

  LoopbackWire() = default;
  LoopbackWire(const LoopbackWire&) = delete;
  LoopbackWire& operator=(const LoopbackWire&) = delete;
  // Every network opened on the wire is closed first (their daemons are gone).
  ~LoopbackWire() = default;

  // The Environment::open_network of the daemon named `name`.
  Opener OpenFor(std::string name);

  // A partition between `a` and `b`, and its end. Either order.
  void Cut(const std::string& a, const std::string& b);
  void Heal(const std::string& a, const std::string& b);

 private:
  friend class LoopbackNetwork;
  struct End {
    LoopbackNetwork* network;
    std::set<std::string> partners;  // a copy: rosters are read on their own loop's thread
  };
  using Pair = std::pair<std::string, std::string>;
  static Pair Ordered(const std::string& a, const std::string& b);
  bool LinkedLocked(const std::string& a, const std::string& b) REQUIRES(mutex_);
  // Sets `name`'s end (nullptr: closed) and tells both ends of every link that came or went.
  void Update(const std::string& name, LoopbackNetwork* network, std::set<std::string> partners)
      EXCLUDES(mutex_);
  void ChangeLocked(const std::function<void()>& change) REQUIRES(mutex_);
  // Posts `bytes` from `from` to `to`'s loop. False when no link joins them.
  bool Carry(const std::string& from, const std::string& to,
             std::shared_ptr<const Bytes> bytes) EXCLUDES(mutex_);

  Mutex mutex_;
  std::map<std::string, End> ends_ GUARDED_BY(mutex_);
  std::set<Pair> cut_ GUARDED_BY(mutex_);
};

}  // namespace citynet::testing
