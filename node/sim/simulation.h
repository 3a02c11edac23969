// The deterministic simulator: many whole nodes in one process, over a simulated network, in
// virtual time (ARCHITECTURE.md "Simulation").
//
// Each node is built as citynetd builds one (node/engine/wiring.h): a NodeConfig (its networks
// and partners, default [limits]), the roster made from it, the real SyncEngine, and, when the
// simulation has a privacy gate, the real BodyTransfer that re-checks every dataset body it
// fetches. Its store is the real RocksDB store in memory (StoreOptions::in_memory). What is not
// real is what lies outside a node: the wire, the clock and the order of events.
//
// The wire: every message is encoded to bytes, and decoded at the receiver, as on a socket. A
// message is delivered after the link's latency plus a seeded jitter (which reorders), may be
// lost or delivered twice, and is dropped when its link goes down while it is in flight (a
// closed connection loses its queue). Links come up and go down with Connect/Disconnect,
// partitions and crashes; a node sends only over links that are up (the mesh has no socket to
// anyone else). Time moves only from event to event; every node's timers run as citynetd's do
// (engine and body ticks every tick_ms, a catch-up summary per link on connect and every
// catch_up_interval).
//
// Determinism: one seed drives every random choice, events at the same instant run in the order
// they were scheduled, and the work a body transfer runs off the loop in citynetd (verifying and
// storing chunks) runs at once here, its results delivered when the event that started it is
// over. No thread is involved. The same seed and the same calls give the same run, message for
// message; trace_hash() is a digest of every delivery (time, sender, receiver, bytes) to show it.
//
// Not thread-safe; a simulation runs on the caller's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "node/config/schema.h"
#include "node/engine/body_transfer.h"
#include "node/engine/peer_links.h"
#include "node/engine/roster.h"
#include "node/engine/sync_engine.h"
#include "node/engine/wiring.h"
#include "protocol/codec.h"
#include "protocol/crypto.h"
#include "store/store.h"

namespace citynet::privacy {
class Gate;
}

namespace citynet::sim {

// One node of a topology: its name (a slug) and its networks.
struct NodeSpec {
  std::string name;
  std::vector<std::string> networks;
};

// Who is in which network and which pairs of nodes link directly (one dials the other). Nodes
// that share a network but have no link converge through those that do (relay and catch-up).
struct Topology {
  std::vector<NodeSpec> nodes;
  std::vector<std::pair<std::string, std::string>> links;

  // The five cities of ARCHITECTURE.md:
  //   c40: copenhagen, c40, beijing, buenos-aires     eurocities: copenhagen, eurocities
  //   ssc-beijing: copenhagen, beijing                 ssc-buenos-aires: copenhagen, buenos-aires
  // Links: copenhagen to everyone, c40 to beijing (beijing and buenos-aires have none).
  static Topology FiveCity();
  // `nodes` members of one network ("net"), named city0001...; each links to its two ring
  // neighbours and to random others until it has about `degree` links (a connected graph of
  // bounded degree, as a network with max_peers would form).
  static Topology OneNetwork(std::size_t nodes, std::size_t degree, uint64_t seed);
  // From JSON: {"nodes": [{"name": "a", "networks": ["n"]}, ...], "links": [["a", "b"], ...]}.
  // InvalidArgument saying what is wrong (unknown node in a link, a duplicate name, a node in
  // no network, a name that is not a slug).
  static Result<Topology> FromJson(std::string_view text);

  // InvalidArgument naming the first problem (as FromJson).
  Status Check() const;
};

// What the simulated wire does to each message.
struct LinkFaults {
  int64_t latency_ms = 40;  // one way
  int64_t jitter_ms = 0;    // plus up to this much, uniformly: messages overtake each other
  double loss = 0;          // share of messages lost
  double duplicate = 0;     // share of messages delivered twice
};

struct SimOptions {
  uint64_t seed = 1;
  LinkFaults faults;
  // The nodes' timer (citynetd: 200 ms) and catch-up interval ([limits] catch_up_interval).
  int64_t tick_ms = 200;
  int64_t catch_up_interval_ms = 30'000;
  // Virtual time at the start: 2026-01-01T00:00:00Z.
  int64_t start_ms = 1'767'225'600'000;
  // With a gate, every node runs a body transfer that fetches and re-checks dataset bodies
  // (each node's config says [datasets] fetch = "all" unless `configure` changes it).
  const privacy::Gate* gate = nullptr;
  // Adjusts each node's config before the node is built (limits, fetch policy).
  std::function<void(node::NodeConfig&)> configure;
  // Adjust each node's sync engine and body transfer options after they are made from its
  // config (node/engine/wiring.h), for knobs [limits] and [datasets] do not reach: a small pull
  // batch, a short pull timeout, parallel verification, a serving rate below 1 MiB/s.
  std::function<void(node::SyncOptions&)> sync;
  std::function<void(node::BodyTransferOptions&)> bodies;
};

// Messages and bytes a node sent and received (sent counts what was lost on the way).
struct Traffic {
  uint64_t messages_sent = 0;
  uint64_t bytes_sent = 0;
  uint64_t messages_received = 0;
  uint64_t bytes_received = 0;
};

// One message as it reaches a node, before the node handles it.
struct Delivery {
  int64_t at_ms = 0;
  const std::string& from;
  const std::string& to;
  const Bytes& bytes;
  const protocol::Envelope& message;
};

class Simulation {
 public:
  // Builds every node of `topology` (keys derived from the seed and the node's name), running,
  // with its links up. InvalidArgument for a topology Check refuses.
  static Result<std::unique_ptr<Simulation>> Create(Topology topology, SimOptions options);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // ---- the network ---------------------------------------------------------------------------
  // Links `a` and `b` (adding the pair to the topology when new): when both run, each side
  // reports the peer up and sends its catch-up summary. Messages in flight on an earlier
  // connection of the pair are lost.
  void Connect(const std::string& a, const std::string& b);
  // Takes the link down (both sides report the peer down) until Connect.
  void Disconnect(const std::string& a, const std::string& b);
  // Whether messages pass between `a` and `b` now.
  bool Connected(const std::string& a, const std::string& b) const;
  // Partitions: a link cut by Cut stays down until as many Heal calls; Connect/Disconnect are
  // the administrative state underneath.
  void Cut(const std::string& a, const std::string& b);
  void Heal(const std::string& a, const std::string& b);

  // A process crash: the node's links go down and its engine and body transfer are gone, with
  // everything they held in memory; its store (durable) stays.
  void Crash(const std::string& name);
  // Starts a crashed node again over its store, as citynetd starts: fetches left unfinished
  // resume, erasure receipts still owed are issued, its links come up.
  Status Restart(const std::string& name);
  bool Running(const std::string& name) const;
  // The node loses its store and comes back from an empty backup with its keys: a crash, a new
  // empty store, a start (Restart) over it. Links still wanted come up again.
  Status Restore(const std::string& name);

  // Sends `from`'s catch-up summary to `to` now, as its catch-up timer does (nothing when their
  // link is down or `from` is not running).
  void StartCatchUp(const std::string& from, const std::string& to);

  // ---- the nodes -------------------------------------------------------------------------------
  // Publishes `payload` as `node` in `network` now (SyncEngine::Publish) and sends its pushes.
  // `refs`: a retraction's targets.
  Result<RecordId> Publish(const std::string& node, const std::string& network,
                           const protocol::Payload& payload, const protocol::HeaderRefs& refs = {});
  // Publishes a dataset whose body `chunks` the publisher holds complete (as `citynet dataset
  // publish` leaves it); partners fetch the body chunk by chunk.
  Result<RecordId> PublishDataset(const std::string& node, const std::string& network,
                                  protocol::Dataset dataset, const std::vector<std::string>& chunks);

  store::Store& store(const std::string& name);
  node::SyncEngine& engine(const std::string& name);  // the node must be running
  node::BodyTransfer* bodies(const std::string& name);  // nullptr without a gate or when down
  const node::Roster& roster(const std::string& name) const;
  const protocol::SigningKey& key(const std::string& name) const;
  const std::vector<std::string>& names() const { return names_; }
  const Topology& topology() const { return topology_; }
  // The node's networks.
  const std::set<std::string>& networks(const std::string& name) const;

  // ---- time --------------------------------------------------------------------------------------
  int64_t now_ms() const { return now_ms_; }
  // Runs every event up to now + `ms`; the clock then reads now + `ms`.
  void RunFor(int64_t ms);
  // Runs until no message is in flight, or `max_ms` of virtual time passes. True when quiet.
  bool RunUntilQuiet(int64_t max_ms = 60'000);
  // Runs events, as RunUntilQuiet, until `max` messages have been delivered, nothing is in
  // flight, or `max_ms` of virtual time passes. Returns the number delivered: a test that must
  // act between two messages runs them one at a time with RunDeliveries(1).
  std::size_t RunDeliveries(std::size_t max, int64_t max_ms = 60'000);
  // Runs every running node's timers now, as its periodic tick does (engine and body ticks, due
  // catch-ups), without waiting for the next tick; the periodic ticks go on as scheduled. What
  // they send (a fetch's first chunk requests) is in flight, none of it delivered yet.
  void RunTimers();
  // Runs `action` at now + `delay_ms` (after the events already scheduled for that instant).
  void At(int64_t delay_ms, std::function<void()> action);

  // ---- observing -------------------------------------------------------------------------------
  // Called for every message delivered, before the receiving node handles it.
  void Observe(std::function<void(const Delivery&)> observer) {
    observers_.push_back(std::move(observer));
  }
  // Called after a node stored one or more new records (its count of accepted records rose),
  // with the node's name: a convergence check reads its store then.
  void OnAccepted(std::function<void(const std::string& node)> callback) {
    on_accepted_ = std::move(callback);
  }
  const Traffic& traffic(const std::string& name) const;
  uint64_t messages_in_flight() const { return in_flight_; }
  uint64_t messages_lost() const { return lost_; }
  uint64_t events_run() const { return events_run_; }
  // FNV-1a over every delivery so far: equal for equal runs.
  uint64_t trace_hash() const { return trace_hash_; }

 private:
  class InlineRunner;
  struct Node;
  struct Link;
  Simulation(Topology topology, SimOptions options);
  Status Build(Node& node);
  node::NodeConfig ConfigFor(const Node& node) const;
  Node& NodeNamed(const std::string& name);
  const Node& NodeNamed(const std::string& name) const;
  Link& LinkOf(const std::string& a, const std::string& b);
  const Link* FindLink(const std::string& a, const std::string& b) const;
  // Brings the pair's link up or down to match its state and its nodes.
  void Update(const std::string& a, const std::string& b);
  void LinkUp(Node& a, Node& b);
  void LinkDown(Node& a, Node& b);
  void Send(const std::string& from, std::vector<node::Outgoing> out);
  void Schedule(int64_t at_ms, std::function<void()> action);
  void Deliver(const std::string& from, const std::string& to, uint64_t epoch,
               const Bytes& bytes);
  // Runs what the node's body transfer finished off the loop and sends what follows.
  void CollectWork(Node& node);
  void Tick();
  // Runs the earliest scheduled event (there is one).
  void RunNext();
  double Random01();

  Topology topology_;
  SimOptions options_;
  std::mt19937_64 rng_;
  std::vector<std::string> names_;
  std::map<std::string, std::unique_ptr<Node>> nodes_;
  std::map<std::pair<std::string, std::string>, Link> links_;
  std::map<std::pair<int64_t, uint64_t>, std::function<void()>> events_;
  uint64_t next_event_ = 0;
  int64_t now_ms_ = 0;
  uint64_t in_flight_ = 0;
  uint64_t lost_ = 0;
  uint64_t delivered_ = 0;
  uint64_t events_run_ = 0;
  uint64_t trace_hash_ = 14695981039346656037ull;
  std::vector<std::function<void(const Delivery&)>> observers_;
  std::function<void(const std::string&)> on_accepted_;
};

}  // namespace citynet::sim
