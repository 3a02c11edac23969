#include "node/mesh.h"

#include <fmt/format.h>

#include <map>
#include <zmq.hpp>

#include "node/internal/curve_socket.h"
#include "protocol/codec.h"

namespace citynet::node {

using Clock = std::chrono::steady_clock;

struct Mesh::Impl {
  struct Dealer {
    Dial dial;
    zmq::socket_t socket;
    std::unique_ptr<ConnectionMonitor> monitor;  // declared after the socket it watches
    bool up = false;
  };

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
  // Partners that connected to our ROUTER: their latest routing id.
  std::map<std::string, std::string> routing_ids;
  std::map<std::string, Clock::time_point> next_catch_up;
  std::unique_ptr<ReconnectTracker> reconnects;
  MeshStats stats;

  bool Up(const std::string& partner) const {
    auto d = dealer_by_partner.find(partner);
    return (d != dealer_by_partner.end() && d->second->up) || routing_ids.count(partner) != 0;
  }

  void MarkUp(const std::string& partner) {
    if (engine->connected().count(partner) != 0) return;
    engine->PeerUp(partner);
    next_catch_up[partner] = Clock::now() + options.catch_up_interval;
    Send(engine->StartCatchUp(partner));
  }

  void MarkDownIfGone(const std::string& partner) {
    if (!Up(partner) && engine->connected().count(partner) != 0) {
      engine->PeerDown(partner);
      next_catch_up.erase(partner);
    }
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
    ++stats.messages_in;
    auto envelope = protocol::DecodeEnvelope(
        ByteView(static_cast<const uint8_t*>(payload.data()), payload.size()));
    if (!envelope.ok()) {
      ++stats.malformed;
      return;
    }
    Send(engine->OnMessage(partner, *envelope, now_ms));
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
      routing_ids[*name] = routing_id.to_string();
      MarkUp(*name);
      Deliver(*name, payload, now_ms);
    }
  }

  void ReadDealer(Dealer& d, int64_t now_ms) {
    for (;;) {
      zmq::message_t payload;
      if (!d.socket.recv(payload, zmq::recv_flags::dontwait)) return;
      // CURVE authenticated the server key: the sender is the partner we dialed.
      Deliver(d.dial.partner, payload, now_ms);
    }
  }

  void ReadMonitor(Dealer& d) {
    auto events = d.monitor->ReadEvents();
    if (!events.ok()) return;
    for (const ConnectionEvent& e : *events) {
      reconnects->OnEvent(e, Clock::now());
      if (e.type == ConnectionEventType::kHandshakeSucceeded) {
        d.up = true;
        MarkUp(d.dial.partner);
      } else if (e.type == ConnectionEventType::kDisconnected ||
                 e.type == ConnectionEventType::kHandshakeFailedAuth ||
                 e.type == ConnectionEventType::kHandshakeFailedProtocol) {
        d.up = false;
        MarkDownIfGone(d.dial.partner);
      }
    }
  }

  void RunTimers() {
    const auto now = Clock::now();
    for (auto& [partner, due] : next_catch_up) {
      if (now < due) continue;
      due = now + options.catch_up_interval;
      Send(engine->StartCatchUp(partner));
    }
    for (const std::string& endpoint : reconnects->TakeDue(now)) {
      for (auto& d : dealers) {
        if (d->dial.endpoint == endpoint) (void)Reconnect(d->socket, endpoint);
      }
    }
  }
};

Mesh::Mesh(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Mesh::~Mesh() = default;

Result<std::unique_ptr<Mesh>> Mesh::Create(TransportContext& context,
                                           const protocol::TransportKey& key, const Roster& roster,
                                           SyncEngine& engine, MeshOptions options,
                                           std::vector<Dial> dials) {
  auto impl = std::make_unique<Impl>();
  impl->context = &context;
  impl->key = &key;
  impl->roster = &roster;
  impl->engine = &engine;
  impl->options = options;
  CITYNET_ASSIGN_OR_RETURN(ReconnectTracker tracker, ReconnectTracker::Create({}, 1));
  impl->reconnects = std::make_unique<ReconnectTracker>(std::move(tracker));

  ZapHandler::Options zap;
  zap.domain = options.zap_domain;
  for (const Member& p : roster.partners()) zap.allowlist.emplace(p.transport_key, p.name);
  CITYNET_ASSIGN_OR_RETURN(impl->zap, ZapHandler::Start(context, std::move(zap)));

  CITYNET_ASSIGN_OR_RETURN(impl->router, OpenCurveServer(context, zmq::socket_type::router, key,
                                                         options.zap_domain, options.socket));
  for (const std::string& endpoint : options.listen) {
    try {
      impl->router.bind(endpoint);
      impl->endpoints.push_back(impl->router.get(zmq::sockopt::last_endpoint));
    } catch (const zmq::error_t& e) {
      return Unavailable(fmt::format("cannot listen on {}: {}", endpoint, e.what()));
    }
  }
  std::unique_ptr<Mesh> mesh(new Mesh(std::move(impl)));
  for (Dial& dial : dials) CITYNET_RETURN_IF_ERROR(mesh->AddDial(std::move(dial)));
  return mesh;
}

Status Mesh::AddDial(Dial dial) {
  Impl& m = *impl_;
  if (m.roster->Partner(dial.partner) == nullptr) {
    return InvalidArgument(fmt::format("dial to '{}', who is not a partner", dial.partner));
  }
  if (m.dealer_by_partner.count(dial.partner) != 0) {
    return AlreadyExists(fmt::format("already dialing '{}'", dial.partner));
  }
  auto d = std::make_unique<Impl::Dealer>();
  d->dial = std::move(dial);
  CITYNET_ASSIGN_OR_RETURN(d->socket, OpenCurveClient(*m.context, zmq::socket_type::dealer, *m.key,
                                                      d->dial.server_key, m.options.socket));
  CITYNET_ASSIGN_OR_RETURN(d->monitor, ConnectionMonitor::Start(*m.context, d->socket));
  try {
    d->socket.connect(d->dial.endpoint);
  } catch (const zmq::error_t& e) {
    return InvalidArgument(
        fmt::format("cannot connect to {} at {}: {}", d->dial.partner, d->dial.endpoint, e.what()));
  }
  m.dealer_by_partner[d->dial.partner] = d.get();
  m.dealers.push_back(std::move(d));
  return Status::Ok();
}

const std::vector<std::string>& Mesh::endpoints() const { return impl_->endpoints; }
const MeshStats& Mesh::stats() const { return impl_->stats; }
const ZapHandler& Mesh::zap() const { return *impl_->zap; }

void Mesh::Send(std::vector<Outgoing> out) { impl_->Send(std::move(out)); }

Status Mesh::RunOnce(std::chrono::milliseconds timeout, int64_t now_ms) {
  Impl& m = *impl_;
  std::vector<zmq::pollitem_t> items;
  items.push_back({m.router.handle(), 0, ZMQ_POLLIN, 0});
  for (auto& d : m.dealers) {
    items.push_back({d->socket.handle(), 0, ZMQ_POLLIN, 0});
    items.push_back({d->monitor->socket().handle(), 0, ZMQ_POLLIN, 0});
  }
  try {
    zmq::poll(items, timeout);
  } catch (const zmq::error_t& e) {
    if (e.num() == EINTR) return Status::Ok();  // a signal: the owner checks its flags
    return Internal(fmt::format("polling the mesh sockets failed: {}", e.what()));
  }
  if (items[0].revents & ZMQ_POLLIN) m.ReadRouter(now_ms);
  for (std::size_t i = 0; i < m.dealers.size(); ++i) {
    if (items[2 + 2 * i].revents & ZMQ_POLLIN) m.ReadMonitor(*m.dealers[i]);
    if (items[1 + 2 * i].revents & ZMQ_POLLIN) m.ReadDealer(*m.dealers[i], now_ms);
  }
  m.RunTimers();
  return Status::Ok();
}

}  // namespace citynet::node
