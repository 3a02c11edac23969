#include "node/net/mesh.h"

#include <fmt/format.h>
#include <poll.h>

#include <map>
#include <set>
#include <zmq.hpp>

#include "node/engine/peer_links.h"
#include "node/net/event_loop.h"
#include "node/net/internal/curve_socket.h"
#include "protocol/codec.h"

namespace citynet::node {

using Clock = EventLoop::Clock;

struct Mesh::Impl {
  struct Dealer {
    Dial dial;
    zmq::socket_t socket;
    std::unique_ptr<ConnectionMonitor> monitor;  // declared after the socket it watches
    bool up = false;
    uint64_t serial = 0;  // which dealer, across replacements
  };

  // Mesh::Open's context, destroyed after every socket below (declared first).
  std::unique_ptr<TransportContext> own_context;
  EventLoop* loop = nullptr;
  EventLoop::SourceId source = 0;
  EventLoop::TimerId timer = 0;
  TransportContext* context = nullptr;
  const protocol::TransportKey* key = nullptr;
  const Roster* roster = nullptr;
  SyncEngine* engine = nullptr;
  MeshOptions options;
  std::unique_ptr<ZapHandler> zap;
  zmq::socket_t router;
  std::vector<std::string> endpoints;
  std::vector<std::unique_ptr<Dealer>> dealers;
  std::map<std::string, Dealer*> dealer_by_partner;
  uint64_t next_serial = 1;
  std::vector<uint64_t> polled;  // serials of the dealers in the last Collect, in order
  // Partners that connected to our ROUTER: their latest routing id.
  std::map<std::string, std::string> routing_ids;
  // Watches the ROUTER's connections, so that a partner that only dials in is noticed down when
  // its connection closes or its heartbeats stop, not only when a later send to it fails.
  std::unique_ptr<ConnectionMonitor> router_monitor;
  // Which partner's messages arrived on which accepted connection (libzmq names a closed
  // connection by its descriptor only).
  std::map<int, std::string> inbound_fds;
  // Which partners are served, their catch-up rhythm, and the engine's handling of their messages.
  std::unique_ptr<PeerLinks> links;
  std::unique_ptr<ReconnectTracker> reconnects;
  MeshStats stats;  // the socket side; PeerLinks counts what the engine was given

  Result<std::unique_ptr<Dealer>> OpenDealer(Dial dial);
  void InstallDealer(std::unique_ptr<Dealer> d);

  // The loop's monotonic clock in ms (the catch-up schedule's time).
  int64_t LoopMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(loop->now().time_since_epoch())
        .count();
  }

  bool Up(const std::string& partner) const {
    auto d = dealer_by_partner.find(partner);
    return (d != dealer_by_partner.end() && d->second->up) || routing_ids.count(partner) != 0;
  }

  void MarkUp(const std::string& partner) { Send(links->Up(partner, LoopMs())); }

  void MarkDownIfGone(const std::string& partner) {
    if (!Up(partner)) links->Down(partner);
  }

  void Send(std::vector<Outgoing> out) {
    for (Outgoing& o : out) {
      Bytes bytes = protocol::EncodeEnvelope(o.message);
      auto d = dealer_by_partner.find(o.peer);
      if (d != dealer_by_partner.end() && d->second->up) {
        auto sent = d->second->socket.send(zmq::buffer(bytes.data(), bytes.size()),
                                           zmq::send_flags::dontwait);
        if (sent) {
          ++stats.messages_out;
          continue;
        }
      }
      auto r = routing_ids.find(o.peer);
      if (r != routing_ids.end()) {
        try {
          router.send(zmq::buffer(r->second), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
          router.send(zmq::buffer(bytes.data(), bytes.size()), zmq::send_flags::dontwait);
          ++stats.messages_out;
          continue;
        } catch (const zmq::error_t&) {
          // EHOSTUNREACH (ROUTER_MANDATORY): the connection is gone.
          routing_ids.erase(r);
          MarkDownIfGone(o.peer);
        }
      }
      ++stats.unroutable;  // catch-up delivers it later
    }
  }

  void Deliver(const std::string& partner, const zmq::message_t& payload, int64_t now_ms) {
    Send(links->Receive(
        partner, ByteView(static_cast<const uint8_t*>(payload.data()), payload.size()), now_ms));
  }

  void ReadRouter(int64_t now_ms) {
    for (;;) {
      zmq::message_t routing_id, payload;
      if (!router.recv(routing_id, zmq::recv_flags::dontwait)) return;
      if (!routing_id.more() || !router.recv(payload, zmq::recv_flags::dontwait)) continue;
      while (payload.more()) {  // extra frames are not ours: drain and drop
        zmq::message_t extra;
        if (!router.recv(extra, zmq::recv_flags::dontwait)) break;
        payload.move(extra);
        ++stats.malformed;
      }
      auto name = PeerName(payload);
      if (!name.ok() || roster->Partner(*name) == nullptr) {
        ++stats.unknown_sender;
        continue;
      }
      if (!links->Admit(*name)) continue;
      routing_ids[*name] = routing_id.to_string();
      // libzmq's descriptor of the connection the message came on (ZMQ_SRCFD is deprecated
      // for reading a descriptor to use, but is the one link from a message to the monitor's
      // events; it is only compared here).
      if (const int fd = zmq_msg_get(payload.handle(), ZMQ_SRCFD); fd >= 0) inbound_fds[fd] = *name;
      MarkUp(*name);
      Deliver(*name, payload, now_ms);
    }
  }

  void ReadDealer(Dealer& d, int64_t now_ms) {
    for (;;) {
      zmq::message_t payload;
      if (!d.socket.recv(payload, zmq::recv_flags::dontwait)) return;
      // CURVE authenticated the server key: the sender is the partner we dialed.
      if (!links->Admit(d.dial.partner)) continue;
      MarkUp(d.dial.partner);
      Deliver(d.dial.partner, payload, now_ms);
    }
  }

  void ReadMonitor(Dealer& d) {
    auto events = d.monitor->ReadEvents();
    if (!events.ok()) return;
    for (const ConnectionEvent& e : *events) {
      reconnects->OnEvent(e, loop->now());
      if (e.type == ConnectionEventType::kHandshakeSucceeded) {
        d.up = true;
        if (links->Admit(d.dial.partner)) MarkUp(d.dial.partner);
      } else if (e.type == ConnectionEventType::kDisconnected ||
                 e.type == ConnectionEventType::kHandshakeFailedAuth ||
                 e.type == ConnectionEventType::kHandshakeFailedProtocol) {
        d.up = false;
        MarkDownIfGone(d.dial.partner);
      }
    }
  }

  void ReadRouterMonitor() {
    auto events = router_monitor->ReadEvents();
    if (!events.ok()) return;
    for (const ConnectionEvent& e : *events) {
      if (e.type != ConnectionEventType::kDisconnected) continue;
      auto fd = inbound_fds.find(static_cast<int>(e.value));
      if (fd == inbound_fds.end()) continue;  // a connection that never carried a message
      const std::string partner = fd->second;
      inbound_fds.erase(fd);
      // Only when no later connection of the partner (another descriptor) carried a message.
      bool newer = false;
      for (const auto& [other_fd, name] : inbound_fds) newer = newer || name == partner;
      if (newer) continue;
      routing_ids.erase(partner);
      MarkDownIfGone(partner);
    }
  }

  // What the loop polls for the mesh: the ROUTER and its monitor, then each dealer and its
  // monitor. The dealers polled are remembered by serial: another component's handler in the
  // same turn (a reload) may replace dealers before Ready runs.
  void Collect(std::vector<PollItem>& items) {
    items.push_back(PollItem{router.handle(), -1, POLLIN, 0});
    items.push_back(PollItem{router_monitor->socket().handle(), -1, POLLIN, 0});
    polled.clear();
    for (auto& d : dealers) {
      items.push_back(PollItem{d->socket.handle(), -1, POLLIN, 0});
      items.push_back(PollItem{d->monitor->socket().handle(), -1, POLLIN, 0});
      polled.push_back(d->serial);
    }
  }

  void Ready(const std::vector<PollItem>& items) {
    const int64_t now_ms = options.clock();
    // Closed connections first: a descriptor closed before a new connection reused it.
    if (items[1].revents & POLLIN) ReadRouterMonitor();
    if (items[0].revents & POLLIN) ReadRouter(now_ms);
    // A handler may not add or remove dealers, so the positions hold from here on; a dealer
    // replaced since Collect is skipped (what it has is still there at the next poll).
    for (std::size_t i = 0; i < polled.size() && i < dealers.size(); ++i) {
      if (dealers[i]->serial != polled[i]) continue;
      if (items[3 + 2 * i].revents & POLLIN) ReadMonitor(*dealers[i]);
      if (items[2 + 2 * i].revents & POLLIN) ReadDealer(*dealers[i], now_ms);
    }
  }

  void RunTimers() {
    const auto now = loop->now();
    Send(links->Tick(LoopMs()));
    for (const std::string& endpoint : reconnects->TakeDue(now)) {
      for (auto& d : dealers) {
        if (d->dial.endpoint == endpoint) (void)Reconnect(d->socket, endpoint);
      }
    }
  }
};

Mesh::Mesh(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Mesh::~Mesh() {
  impl_->loop->RemoveSource(impl_->source);
  impl_->loop->Cancel(impl_->timer);
  impl_->engine->SetEarlySend(nullptr);
}

Result<std::unique_ptr<Mesh>> Mesh::Create(EventLoop& loop, TransportContext& context,
                                           const protocol::TransportKey& key, const Roster& roster,
                                           SyncEngine& engine, MeshOptions options,
                                           std::vector<Dial> dials) {
  auto impl = std::make_unique<Impl>();
  impl->loop = &loop;
  impl->context = &context;
  impl->key = &key;
  impl->roster = &roster;
  impl->engine = &engine;
  impl->options = options;
  PeerLinksOptions links;
  links.catch_up_interval_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(options.catch_up_interval).count();
  links.max_peers = options.max_peers;
  links.log = options.log;
  links.on_link = options.on_link;
  impl->links = std::make_unique<PeerLinks>(engine, std::move(links));
  if (!impl->options.clock) {
    impl->options.clock = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  CITYNET_ASSIGN_OR_RETURN(ReconnectTracker tracker, ReconnectTracker::Create({}, 1));
  impl->reconnects = std::make_unique<ReconnectTracker>(std::move(tracker));

  ZapHandler::Options zap;
  zap.domain = options.zap_domain;
  zap.log = options.log;
  for (const Member& p : roster.partners()) zap.allowlist.emplace(p.transport_key, p.name);
  CITYNET_ASSIGN_OR_RETURN(impl->zap, ZapHandler::Start(context, std::move(zap)));

  CITYNET_ASSIGN_OR_RETURN(impl->router, OpenCurveServer(context, zmq::socket_type::router, key,
                                                         options.zap_domain, options.socket));
  CITYNET_ASSIGN_OR_RETURN(impl->router_monitor, ConnectionMonitor::Start(context, impl->router));
  for (const std::string& endpoint : options.listen) {
    try {
      impl->router.bind(endpoint);
      impl->endpoints.push_back(impl->router.get(zmq::sockopt::last_endpoint));
    } catch (const zmq::error_t& e) {
      return Unavailable(fmt::format("cannot listen on {}: {}", endpoint, e.what()));
    }
  }
  Impl* raw = impl.get();
  engine.SetEarlySend([raw](std::vector<Outgoing> out) { raw->Send(std::move(out)); });
  raw->source = loop.AddSource([raw](std::vector<PollItem>& items) { raw->Collect(items); },
                               [raw](const std::vector<PollItem>& items) { raw->Ready(items); });
  raw->timer = loop.Every(options.timer_tick, [raw] { raw->RunTimers(); });
  std::unique_ptr<Mesh> mesh(new Mesh(std::move(impl)));
  for (Dial& dial : dials) CITYNET_RETURN_IF_ERROR(mesh->AddDial(std::move(dial)));
  return mesh;
}

// Opens and connects the DEALER for `dial` without touching the mesh's state, so a caller can
// prepare every dealer of a change before committing any of it.
Result<std::unique_ptr<Mesh::Impl::Dealer>> Mesh::Impl::OpenDealer(Dial dial) {
  auto d = std::make_unique<Dealer>();
  d->dial = std::move(dial);
  d->serial = next_serial++;
  CITYNET_ASSIGN_OR_RETURN(d->socket, OpenCurveClient(*context, zmq::socket_type::dealer, *key,
                                                      d->dial.server_key, options.socket));
  CITYNET_ASSIGN_OR_RETURN(d->monitor, ConnectionMonitor::Start(*context, d->socket));
  try {
    d->socket.connect(d->dial.endpoint);
  } catch (const zmq::error_t& e) {
    return InvalidArgument(
        fmt::format("cannot connect to {} at {}: {}", d->dial.partner, d->dial.endpoint, e.what()));
  }
  return d;
}

void Mesh::Impl::InstallDealer(std::unique_ptr<Dealer> d) {
  dealer_by_partner[d->dial.partner] = d.get();
  dealers.push_back(std::move(d));
}

Status Mesh::AddDial(Dial dial) {
  Impl& m = *impl_;
  if (m.roster->Partner(dial.partner) == nullptr) {
    return InvalidArgument(fmt::format("dial to '{}', who is not a partner", dial.partner));
  }
  if (m.dealer_by_partner.count(dial.partner) != 0) {
    return AlreadyExists(fmt::format("already dialing '{}'", dial.partner));
  }
  CITYNET_ASSIGN_OR_RETURN(auto d, m.OpenDealer(std::move(dial)));
  m.InstallDealer(std::move(d));
  return Status::Ok();
}

const std::vector<std::string>& Mesh::endpoints() const { return impl_->endpoints; }
MeshStats Mesh::stats() const {
  MeshStats stats = impl_->stats;
  const PeerLinksStats& links = impl_->links->stats();
  stats.messages_in += links.messages_in;
  stats.malformed += links.malformed;
  stats.over_max_peers += links.over_max_peers;
  return stats;
}
const ZapHandler& Mesh::zap() const { return *impl_->zap; }
ZapHandler::Stats Mesh::refusals() const { return impl_->zap->stats(); }

Result<std::unique_ptr<Network>> Mesh::Open(NetworkSetup setup) {
  CITYNET_ASSIGN_OR_RETURN(std::unique_ptr<TransportContext> context, TransportContext::Create());
  CITYNET_ASSIGN_OR_RETURN(std::unique_ptr<Mesh> mesh,
                           Create(*setup.loop, *context, *setup.key, *setup.roster, *setup.engine,
                                  std::move(setup.options), std::move(setup.dials)));
  mesh->impl_->own_context = std::move(context);
  return std::unique_ptr<Network>(std::move(mesh));
}

void Mesh::Send(std::vector<Outgoing> out) { impl_->Send(std::move(out)); }

// Everything that can fail (a dial to a non-partner, a socket that cannot be opened or an
// endpoint that cannot be connected, an allowlist the ZAP handler refuses) is done before the
// mesh changes, so a failed reload leaves the old roster, allowlist and dealers in place; the
// caller may then destroy `roster`.
Status Mesh::SetRoster(const Roster& roster, std::vector<Dial> dials) {
  Impl& m = *impl_;
  std::set<std::string> dialed;
  for (const Dial& dial : dials) {
    if (roster.Partner(dial.partner) == nullptr) {
      return InvalidArgument(fmt::format("dial to '{}', who is not a partner", dial.partner));
    }
    if (!dialed.insert(dial.partner).second) {
      return InvalidArgument(fmt::format("two dials to '{}'", dial.partner));
    }
  }
  // Dials that are new or changed get their dealer now; unchanged ones keep theirs.
  std::set<std::string> keep;
  std::vector<std::unique_ptr<Impl::Dealer>> fresh;
  for (Dial& dial : dials) {
    auto have = m.dealer_by_partner.find(dial.partner);
    if (have != m.dealer_by_partner.end() && have->second->dial.endpoint == dial.endpoint &&
        have->second->dial.server_key == dial.server_key) {
      keep.insert(dial.partner);
      continue;
    }
    CITYNET_ASSIGN_OR_RETURN(auto d, m.OpenDealer(std::move(dial)));
    fresh.push_back(std::move(d));
  }
  Allowlist allowlist;
  for (const Member& p : roster.partners()) allowlist.emplace(p.transport_key, p.name);
  CITYNET_RETURN_IF_ERROR(m.zap->SetAllowlist(std::move(allowlist)));

  // Nothing below fails.
  m.roster = &roster;
  for (auto it = m.dealers.begin(); it != m.dealers.end();) {
    if (keep.count((*it)->dial.partner) != 0) {
      ++it;
      continue;
    }
    const std::string partner = (*it)->dial.partner;
    m.reconnects->Forget((*it)->dial.endpoint);
    m.dealer_by_partner.erase(partner);
    it = m.dealers.erase(it);
    m.MarkDownIfGone(partner);
  }
  // Connections from partners no longer in the roster are no longer served.
  for (auto it = m.routing_ids.begin(); it != m.routing_ids.end();) {
    if (roster.Partner(it->first) != nullptr) {
      ++it;
      continue;
    }
    const std::string partner = it->first;
    it = m.routing_ids.erase(it);
    m.MarkDownIfGone(partner);
  }
  for (const std::string& partner : std::set<std::string>(m.engine->connected())) {
    if (roster.Partner(partner) == nullptr) m.links->Down(partner);
  }
  for (auto& d : fresh) m.InstallDealer(std::move(d));
  return Status::Ok();
}

std::vector<PeerLink> Mesh::Links() const {
  const Impl& m = *impl_;
  std::vector<PeerLink> links;
  for (const Member& p : m.roster->partners()) {
    PeerLink link;
    link.partner = p.name;
    auto d = m.dealer_by_partner.find(p.name);
    if (d != m.dealer_by_partner.end()) {
      link.dial_endpoint = d->second->dial.endpoint;
      link.outbound_up = d->second->up;
      link.reconnect_failures = m.reconnects->failures(link.dial_endpoint);
    }
    link.inbound_up = m.routing_ids.count(p.name) != 0;
    links.push_back(std::move(link));
  }
  return links;
}

}  // namespace citynet::node
