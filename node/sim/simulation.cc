#include "node/sim/simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>

#include "protocol/vocabulary.h"

namespace citynet::sim {

using node::Outgoing;

namespace {

std::pair<std::string, std::string> Pair(const std::string& a, const std::string& b) {
  return a < b ? std::pair{a, b} : std::pair{b, a};
}

// Domain of the hash that derives a node's signing key from the seed and its name.
constexpr std::string_view kKeyDomain("citynet-sim node key\0", 21);

// A node's store: the real RocksDB store, in memory (each store its own memory Env).
Result<std::unique_ptr<store::Store>> OpenMemoryStore(std::string path) {
  store::StoreOptions o;
  o.path = std::move(path);
  o.in_memory = true;
  o.search = false;
  o.cache_bytes = 1u << 20;
  return store::OpenStore(o);
}

// FNV-1a, continued over `data`.
uint64_t Fnv(uint64_t h, const void* data, std::size_t size) {
  const auto* p = static_cast<const uint8_t*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    h ^= p[i];
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

// ---- topologies ------------------------------------------------------------------------------

Topology Topology::FiveCity() {
  Topology t;
  t.nodes = {{"copenhagen", {"c40", "eurocities", "ssc-beijing", "ssc-buenos-aires"}},
             {"c40", {"c40"}},
             {"eurocities", {"eurocities"}},
             {"beijing", {"c40", "ssc-beijing"}},
             {"buenos-aires", {"c40", "ssc-buenos-aires"}}};
  t.links = {{"copenhagen", "c40"},
             {"copenhagen", "eurocities"},
             {"copenhagen", "beijing"},
             {"copenhagen", "buenos-aires"},
             {"c40", "beijing"}};
  return t;
}

Topology Topology::OneNetwork(std::size_t nodes, std::size_t degree, uint64_t seed) {
  Topology t;
  for (std::size_t i = 0; i < nodes; ++i) {
    t.nodes.push_back(NodeSpec{fmt::format("city{:04}", i + 1), {"net"}});
  }
  std::set<std::pair<std::size_t, std::size_t>> edges;
  std::vector<std::size_t> links_of(nodes, 0);
  auto add = [&](std::size_t a, std::size_t b) {
    if (a == b || !edges.insert({std::min(a, b), std::max(a, b)}).second) return;
    ++links_of[a];
    ++links_of[b];
  };
  for (std::size_t i = 0; nodes > 1 && i < nodes; ++i) add(i, (i + 1) % nodes);  // a ring
  std::mt19937_64 rng(seed ^ 0x746f706f6c6f6779ull);
  for (std::size_t i = 0; nodes > 2 && i < nodes; ++i) {
    for (int tries = 0; links_of[i] < degree && tries < 64; ++tries) {
      const std::size_t j = rng() % nodes;
      if (links_of[j] < degree + 1) add(i, j);
    }
  }
  for (const auto& [a, b] : edges) t.links.emplace_back(t.nodes[a].name, t.nodes[b].name);
  return t;
}

Result<Topology> Topology::FromJson(std::string_view text) {
  using json = nlohmann::json;
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgument("the topology is not a JSON object: expected {\"nodes\": [...], "
                           "\"links\": [[\"a\", \"b\"], ...]}");
  }
  Topology t;
  if (!j.contains("nodes") || !j["nodes"].is_array()) {
    return InvalidArgument("the topology has no \"nodes\" array");
  }
  for (const json& n : j["nodes"]) {
    if (!n.is_object() || !n.contains("name") || !n["name"].is_string() ||
        !n.contains("networks") || !n["networks"].is_array()) {
      return InvalidArgument(
          fmt::format("a node must be {{\"name\": \"...\", \"networks\": [...]}}, not {}",
                      n.dump()));
    }
    NodeSpec spec{n["name"].get<std::string>(), {}};
    for (const json& net : n["networks"]) {
      if (!net.is_string()) {
        return InvalidArgument(fmt::format("node {}: a network is a string", spec.name));
      }
      spec.networks.push_back(net.get<std::string>());
    }
    t.nodes.push_back(std::move(spec));
  }
  if (j.contains("links")) {
    if (!j["links"].is_array()) return InvalidArgument("\"links\" must be an array of pairs");
    for (const json& l : j["links"]) {
      if (!l.is_array() || l.size() != 2 || !l[0].is_string() || !l[1].is_string()) {
        return InvalidArgument(fmt::format("a link is a pair of node names, not {}", l.dump()));
      }
      t.links.emplace_back(l[0].get<std::string>(), l[1].get<std::string>());
    }
  }
  CITYNET_RETURN_IF_ERROR(t.Check());
  return t;
}

Status Topology::Check() const {
  if (nodes.empty()) return InvalidArgument("the topology has no node");
  std::set<std::string> names;
  for (const NodeSpec& n : nodes) {
    if (auto bad = protocol::CheckSlug("node name", n.name)) return InvalidArgument(*bad);
    if (!names.insert(n.name).second) {
      return InvalidArgument(fmt::format("node {} appears twice", n.name));
    }
    if (n.networks.empty()) {
      return InvalidArgument(fmt::format("node {} is in no network", n.name));
    }
    for (const std::string& net : n.networks) {
      if (auto bad = protocol::CheckSlug("network", net)) {
        return InvalidArgument(fmt::format("node {}: {}", n.name, *bad));
      }
    }
  }
  for (const auto& [a, b] : links) {
    for (const std::string& end : {a, b}) {
      if (names.count(end) == 0) {
        return InvalidArgument(fmt::format("link {} - {} names {}, which is not a node", a, b, end));
      }
    }
    if (a == b) return InvalidArgument(fmt::format("link {} - {} links a node to itself", a, b));
  }
  return Status::Ok();
}

// ---- nodes and links -------------------------------------------------------------------------

// A node's work off the loop (verifying and storing dataset chunks), run at once in virtual time.
// The continuations wait until the event that submitted the work is over, as an executor's wait
// for the loop's next turn: the event's own code never sees them run inside its calls.
class Simulation::InlineRunner : public node::WorkRunner {
 public:
  bool Submit(Job job) override {
    Continuation next = job();
    if (next) pending_.push_back(std::move(next));
    return true;
  }
  // Runs the continuations, and those of the work they submit in turn.
  void RunPending() {
    while (!pending_.empty()) {
      Continuation next = std::move(pending_.front());
      pending_.pop_front();
      next();
    }
  }
  // A crash: what was done and not yet delivered is lost with the process.
  void Drop() { pending_.clear(); }

 private:
  std::deque<Continuation> pending_;
};

struct Simulation::Node {
  Node(std::string node_name, protocol::SigningKey node_key)
      : name(std::move(node_name)), key(std::move(node_key)) {}
  std::string name;
  std::set<std::string> networks;
  protocol::SigningKey key;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<node::Roster> roster;
  std::unique_ptr<node::SyncEngine> engine;
  InlineRunner runner;  // before bodies: its continuations refer to them
  std::unique_ptr<node::BodyTransfer> bodies;
  std::unique_ptr<node::PeerLinks> links;  // after the engine it drives
  std::set<std::string> up;  // peers whose link is up (served or not: see PeerLinks::Admit)
  Traffic traffic;
  bool running = true;
  int restores = 0;  // stores lost and replaced by Restore
};

struct Simulation::Link {
  bool wanted = false;  // Connect was called (or the topology links the pair) and no Disconnect
  int cuts = 0;         // partitions across it now
  bool up = false;
  uint64_t epoch = 0;  // which connection: messages of an earlier one are lost
};

Simulation::Simulation(Topology topology, SimOptions options)
    : topology_(std::move(topology)), options_(std::move(options)), rng_(options_.seed) {
  now_ms_ = options_.start_ms;
}

Simulation::~Simulation() {
  // Body transfers first: they use the stores.
  for (auto& [name, n] : nodes_) {
    if (n->engine) n->engine->SetBodyTransfer(nullptr);
    n->runner.Drop();
    n->bodies.reset();
  }
}

Result<std::unique_ptr<Simulation>> Simulation::Create(Topology topology, SimOptions options) {
  CITYNET_RETURN_IF_ERROR(topology.Check());
  CITYNET_RETURN_IF_ERROR(protocol::InitCrypto());
  std::unique_ptr<Simulation> sim(new Simulation(std::move(topology), std::move(options)));
  for (const NodeSpec& spec : sim->topology_.nodes) {
    // A key per (seed, name): a run is reproducible from its seed alone.
    const std::string material = fmt::format("{}/{}", sim->options_.seed, spec.name);
    const Hash256 seed = protocol::HashWithDomain(kKeyDomain, AsBytes(material));
    CITYNET_ASSIGN_OR_RETURN(protocol::SigningKey key, protocol::SigningKey::FromSeed(seed.view()));
    auto n = std::make_unique<Node>(spec.name, std::move(key));
    n->networks.insert(spec.networks.begin(), spec.networks.end());
    CITYNET_ASSIGN_OR_RETURN(
        n->store, OpenMemoryStore(fmt::format("/sim/{}/{}", sim->options_.seed, spec.name)));
    sim->names_.push_back(spec.name);
    sim->nodes_.emplace(spec.name, std::move(n));
  }
  for (const auto& [a, b] : sim->topology_.links) sim->LinkOf(a, b).wanted = true;
  for (const std::string& name : sim->names_) {
    CITYNET_RETURN_IF_ERROR(sim->Build(*sim->nodes_.at(name)));
  }
  for (const auto& [a, b] : sim->topology_.links) sim->Update(a, b);
  sim->Schedule(sim->now_ms_ + sim->options_.tick_ms, [raw = sim.get()] { raw->Tick(); });
  return sim;
}

node::NodeConfig Simulation::ConfigFor(const Node& n) const {
  node::NodeConfig config;
  config.name = n.name;
  config.display_name = n.name;
  config.networks.assign(n.networks.begin(), n.networks.end());
  config.dataset_fetch = node::FetchPolicy::kAll;
  config.limits.catch_up_interval = std::chrono::seconds(options_.catch_up_interval_ms / 1000);
  for (const std::string& other : names_) {
    if (other == n.name) continue;
    const Node& o = *nodes_.at(other);
    node::PartnerConfig p;
    for (const std::string& net : o.networks) {
      if (n.networks.count(net) != 0) p.networks.push_back(net);
    }
    if (p.networks.empty()) continue;
    p.card.name = o.name;
    p.card.display_name = o.name;
    p.card.signing_key = o.key.public_key();
    p.card.networks.assign(o.networks.begin(), o.networks.end());
    if (FindLink(n.name, other) != nullptr) p.endpoint = "sim://" + other;
    config.partners.push_back(std::move(p));
  }
  if (options_.configure) options_.configure(config);
  return config;
}

Status Simulation::Build(Node& n) {
  const node::NodeConfig config = ConfigFor(n);
  n.roster = std::make_unique<node::Roster>(
      node::MakeRoster(config, n.key.public_key(), TransportPublicKey{}));
  node::SyncOptions sync = node::SyncOptionsFor(config, 1);
  if (options_.sync) options_.sync(sync);
  n.engine = std::make_unique<node::SyncEngine>(n.store.get(), n.roster.get(), &n.key, sync);
  n.engine->SetEarlySend([this, name = n.name](std::vector<Outgoing> out) {
    Send(name, std::move(out));
  });
  if (options_.gate != nullptr) {
    node::BodyTransferOptions bodies = node::BodyTransferOptionsFor(config);
    if (options_.bodies) options_.bodies(bodies);
    n.bodies = std::make_unique<node::BodyTransfer>(n.store.get(), n.roster.get(), options_.gate,
                                                    n.key.public_key(), &n.runner, bodies);
    n.engine->SetBodyTransfer(n.bodies.get());
    CITYNET_RETURN_IF_ERROR(n.bodies->Resume(now_ms_));
  }
  (void)n.engine->AnswerUnansweredRetractions(now_ms_);  // as citynetd: catch-up carries them
  node::PeerLinksOptions links;
  links.catch_up_interval_ms = options_.catch_up_interval_ms;
  links.max_peers = static_cast<std::size_t>(config.limits.max_peers);
  n.links = std::make_unique<node::PeerLinks>(*n.engine, std::move(links));
  n.running = true;
  return Status::Ok();
}

Simulation::Node& Simulation::NodeNamed(const std::string& name) { return *nodes_.at(name); }
const Simulation::Node& Simulation::NodeNamed(const std::string& name) const {
  return *nodes_.at(name);
}

Simulation::Link& Simulation::LinkOf(const std::string& a, const std::string& b) {
  return links_[Pair(a, b)];
}
const Simulation::Link* Simulation::FindLink(const std::string& a, const std::string& b) const {
  auto it = links_.find(Pair(a, b));
  return it == links_.end() ? nullptr : &it->second;
}

void Simulation::Update(const std::string& a, const std::string& b) {
  Link& link = LinkOf(a, b);
  Node& na = NodeNamed(a);
  Node& nb = NodeNamed(b);
  const bool should = link.wanted && link.cuts == 0 && na.running && nb.running;
  if (should == link.up) return;
  link.up = should;
  ++link.epoch;
  if (should) {
    LinkUp(na, nb);
  } else {
    LinkDown(na, nb);
  }
}

void Simulation::LinkUp(Node& a, Node& b) {
  // Both ends have their connection before either sends (the handshake is over at both).
  a.up.insert(b.name);
  b.up.insert(a.name);
  for (auto [x, y] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    if (x->links->Admit(y->name)) Send(x->name, x->links->Up(y->name, now_ms_));
  }
  CollectWork(a);
  CollectWork(b);
}

void Simulation::LinkDown(Node& a, Node& b) {
  for (auto [x, y] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    x->up.erase(y->name);
    if (x->running) x->links->Down(y->name);
  }
}

void Simulation::Connect(const std::string& a, const std::string& b) {
  NodeNamed(a);
  NodeNamed(b);
  LinkOf(a, b).wanted = true;
  Update(a, b);
}

void Simulation::Disconnect(const std::string& a, const std::string& b) {
  LinkOf(a, b).wanted = false;
  Update(a, b);
}

bool Simulation::Connected(const std::string& a, const std::string& b) const {
  const Link* link = FindLink(a, b);
  return link != nullptr && link->up;
}

void Simulation::Cut(const std::string& a, const std::string& b) {
  ++LinkOf(a, b).cuts;
  Update(a, b);
}

void Simulation::Heal(const std::string& a, const std::string& b) {
  Link& link = LinkOf(a, b);
  if (link.cuts > 0) --link.cuts;
  Update(a, b);
}

void Simulation::Crash(const std::string& name) {
  Node& n = NodeNamed(name);
  if (!n.running) return;
  n.running = false;
  for (const std::string& peer : std::set<std::string>(n.up)) Update(name, peer);
  n.links.reset();
  n.engine->SetBodyTransfer(nullptr);
  n.runner.Drop();  // what its work had done and not yet reported is lost
  n.bodies.reset();
  n.engine.reset();
  n.roster.reset();
}

Status Simulation::Restart(const std::string& name) {
  Node& n = NodeNamed(name);
  if (n.running) return Status::Ok();
  CITYNET_RETURN_IF_ERROR(Build(n));
  for (const auto& [pair, link] : links_) {
    if (pair.first == name || pair.second == name) Update(pair.first, pair.second);
  }
  return Status::Ok();
}

bool Simulation::Running(const std::string& name) const { return NodeNamed(name).running; }

Status Simulation::Restore(const std::string& name) {
  Node& n = NodeNamed(name);
  CITYNET_ASSIGN_OR_RETURN(
      std::unique_ptr<store::Store> empty,
      OpenMemoryStore(fmt::format("/sim/{}/{}/restore-{}", options_.seed, name, n.restores + 1)));
  ++n.restores;
  Crash(name);
  n.store = std::move(empty);  // the lost store closes
  return Restart(name);
}

void Simulation::StartCatchUp(const std::string& from, const std::string& to) {
  Node& n = NodeNamed(from);
  if (!n.running) return;
  Send(from, n.engine->StartCatchUp(to));
  CollectWork(n);
}

// ---- publishing ------------------------------------------------------------------------------

Result<RecordId> Simulation::Publish(const std::string& name, const std::string& network,
                                     const protocol::Payload& payload,
                                     const protocol::HeaderRefs& refs) {
  Node& n = NodeNamed(name);
  if (!n.running) return FailedPrecondition(fmt::format("node {} is not running", name));
  CITYNET_ASSIGN_OR_RETURN(node::SyncEngine::Published published,
                           n.engine->Publish(network, payload, now_ms_, refs));
  Send(name, std::move(published.pushes));
  CollectWork(n);
  return published.id;
}

Result<RecordId> Simulation::PublishDataset(const std::string& name, const std::string& network,
                                            protocol::Dataset dataset,
                                            const std::vector<std::string>& chunks) {
  Node& n = NodeNamed(name);
  if (!n.running) return FailedPrecondition(fmt::format("node {} is not running", name));
  dataset.networks = {network};
  CITYNET_ASSIGN_OR_RETURN(node::SyncEngine::Published published,
                           n.engine->Publish(network, dataset, now_ms_));
  std::vector<ByteView> views;
  for (const std::string& c : chunks) views.push_back(AsBytes(c));
  const store::BodyStatus complete{store::BodyState::kComplete,
                                   static_cast<uint32_t>(chunks.size()), now_ms_, ""};
  CITYNET_RETURN_IF_ERROR(n.store->PutChunks(published.id, 0, views, complete, true));
  Send(name, std::move(published.pushes));
  CollectWork(n);
  return published.id;
}

store::Store& Simulation::store(const std::string& name) { return *NodeNamed(name).store; }
node::SyncEngine& Simulation::engine(const std::string& name) { return *NodeNamed(name).engine; }
node::BodyTransfer* Simulation::bodies(const std::string& name) {
  return NodeNamed(name).bodies.get();
}
const node::Roster& Simulation::roster(const std::string& name) const {
  return *NodeNamed(name).roster;
}
const protocol::SigningKey& Simulation::key(const std::string& name) const {
  return NodeNamed(name).key;
}
const std::set<std::string>& Simulation::networks(const std::string& name) const {
  return NodeNamed(name).networks;
}
const Traffic& Simulation::traffic(const std::string& name) const {
  return NodeNamed(name).traffic;
}

// ---- the wire and the clock --------------------------------------------------------------------

double Simulation::Random01() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }

void Simulation::Schedule(int64_t at_ms, std::function<void()> action) {
  events_.emplace(std::pair{at_ms, next_event_++}, std::move(action));
}

void Simulation::At(int64_t delay_ms, std::function<void()> action) {
  Schedule(now_ms_ + std::max<int64_t>(0, delay_ms), std::move(action));
}

void Simulation::Send(const std::string& from, std::vector<Outgoing> out) {
  Node& n = NodeNamed(from);
  for (Outgoing& o : out) {
    if (n.up.count(o.peer) == 0) continue;  // the mesh has no connection to it: unroutable
    auto bytes = std::make_shared<const Bytes>(protocol::EncodeEnvelope(o.message));
    ++n.traffic.messages_sent;
    n.traffic.bytes_sent += bytes->size();
    const LinkFaults& f = options_.faults;
    if (f.loss > 0 && Random01() < f.loss) {
      ++lost_;
      continue;
    }
    const int copies = f.duplicate > 0 && Random01() < f.duplicate ? 2 : 1;
    const uint64_t epoch = LinkOf(from, o.peer).epoch;
    for (int c = 0; c < copies; ++c) {
      const int64_t jitter =
          f.jitter_ms > 0 ? static_cast<int64_t>(rng_() % static_cast<uint64_t>(f.jitter_ms + 1))
                          : 0;
      ++in_flight_;
      Schedule(now_ms_ + f.latency_ms + jitter,
               [this, from, to = o.peer, epoch, bytes] { Deliver(from, to, epoch, *bytes); });
    }
  }
}

void Simulation::Deliver(const std::string& from, const std::string& to, uint64_t epoch,
                         const Bytes& bytes) {
  --in_flight_;
  const Link* link = FindLink(from, to);
  if (link == nullptr || !link->up || link->epoch != epoch) {
    ++lost_;  // the connection it travelled on is gone
    return;
  }
  Node& n = NodeNamed(to);
  auto envelope = protocol::DecodeEnvelope(bytes);
  if (!envelope.ok()) return;  // the mesh counts and drops it; the engine never sees it
  ++delivered_;
  n.traffic.messages_received += 1;
  n.traffic.bytes_received += bytes.size();
  trace_hash_ = Fnv(trace_hash_, &now_ms_, sizeof now_ms_);
  trace_hash_ = Fnv(trace_hash_, from.data(), from.size() + 1);
  trace_hash_ = Fnv(trace_hash_, to.data(), to.size() + 1);
  trace_hash_ = Fnv(trace_hash_, bytes.data(), bytes.size());
  for (const auto& observe : observers_) observe(Delivery{now_ms_, from, to, bytes, *envelope});
  const uint64_t accepted = n.engine->counters().records_accepted;
  // As the mesh: a partner not yet served becomes served with its first message, room allowing.
  if (!n.links->Admit(from)) return;
  Send(to, n.links->Up(from, now_ms_));
  Send(to, n.links->Receive(from, *envelope, now_ms_));
  CollectWork(n);
  if (on_accepted_ && n.engine->counters().records_accepted != accepted) on_accepted_(to);
}

void Simulation::CollectWork(Node& n) {
  if (!n.bodies) return;
  // What OnWake does may start more work (the next dataset's checker): round until none is left.
  for (int rounds = 0; rounds < 1000 && !n.bodies->Idle(); ++rounds) {
    n.runner.RunPending();
    Send(n.name, n.bodies->OnWake(now_ms_));
  }
}

void Simulation::Tick() {
  RunTimers();
  Schedule(now_ms_ + options_.tick_ms, [this] { Tick(); });
}

void Simulation::RunTimers() {
  for (const std::string& name : names_) {
    Node& n = NodeNamed(name);
    if (!n.running) continue;
    n.engine->Tick(now_ms_);
    if (n.bodies) Send(name, n.bodies->Tick(now_ms_));
    Send(name, n.links->Tick(now_ms_));
    CollectWork(n);
  }
}

void Simulation::RunNext() {
  auto event = events_.extract(events_.begin());
  now_ms_ = event.key().first;
  ++events_run_;
  event.mapped()();
}

void Simulation::RunFor(int64_t ms) {
  const int64_t until = now_ms_ + ms;
  while (!events_.empty() && events_.begin()->first.first <= until) RunNext();
  now_ms_ = until;
}

bool Simulation::RunUntilQuiet(int64_t max_ms) {
  const int64_t until = now_ms_ + max_ms;
  while (in_flight_ > 0 && !events_.empty() && events_.begin()->first.first <= until) RunNext();
  return in_flight_ == 0;
}

std::size_t Simulation::RunDeliveries(std::size_t max, int64_t max_ms) {
  const int64_t until = now_ms_ + max_ms;
  const uint64_t before = delivered_;
  while (delivered_ - before < max && in_flight_ > 0 && !events_.empty() &&
         events_.begin()->first.first <= until) {
    RunNext();
  }
  return static_cast<std::size_t>(delivered_ - before);
}

}  // namespace citynet::sim
