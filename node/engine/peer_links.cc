#include "node/engine/peer_links.h"

#include <fmt/format.h>

#include "protocol/codec.h"

namespace citynet::node {

std::vector<std::string> CatchUpSchedule::TakeDue(int64_t now_ms) {
  std::vector<std::string> due;
  for (auto& [peer, at] : next_) {
    if (now_ms < at) continue;
    at = now_ms + interval_ms_;
    due.push_back(peer);
  }
  return due;
}

PeerLinks::PeerLinks(SyncEngine& engine, PeerLinksOptions options)
    : engine_(&engine), options_(std::move(options)), catch_up_(options_.catch_up_interval_ms) {}

bool PeerLinks::Admit(const std::string& partner) {
  if (Served(partner) || engine_->connected().size() < options_.max_peers) return true;
  ++stats_.over_max_peers;
  if (refused_.insert(partner).second && options_.log) {
    options_.log(fmt::format(
        "partner {} is not served: {} partners are connected, the most [limits] max_peers "
        "allows; records still reach it through them (relay). Raise max_peers, or dial fewer "
        "partners, to link it directly",
        partner, engine_->connected().size()));
  }
  return false;
}

std::vector<Outgoing> PeerLinks::Up(const std::string& partner, int64_t now_ms) {
  if (Served(partner)) return {};
  refused_.erase(partner);
  engine_->PeerUp(partner);
  if (options_.on_link) options_.on_link(partner, true);
  catch_up_.Up(partner, now_ms);
  return engine_->StartCatchUp(partner);
}

void PeerLinks::Down(const std::string& partner) {
  if (!Served(partner)) return;
  engine_->PeerDown(partner);
  catch_up_.Down(partner);
  if (options_.on_link) options_.on_link(partner, false);
}

std::vector<Outgoing> PeerLinks::Receive(const std::string& partner, ByteView bytes,
                                         int64_t arrival_ms) {
  auto envelope = protocol::DecodeEnvelope(bytes);
  if (!envelope.ok()) {
    ++stats_.messages_in;
    ++stats_.malformed;
    return {};
  }
  return Receive(partner, *envelope, arrival_ms);
}

std::vector<Outgoing> PeerLinks::Receive(const std::string& partner,
                                         const protocol::Envelope& message, int64_t arrival_ms) {
  ++stats_.messages_in;
  return engine_->OnMessage(partner, message, arrival_ms);
}

std::vector<Outgoing> PeerLinks::Tick(int64_t now_ms) {
  std::vector<Outgoing> out;
  // The due partners are taken first: the caller's send may find a connection gone and call Down
  // while this list is walked no more (erasing from the schedule under a running iteration once
  // crashed the daemon).
  for (const std::string& partner : catch_up_.TakeDue(now_ms)) {
    std::vector<Outgoing> summary = engine_->StartCatchUp(partner);
    for (Outgoing& o : summary) out.push_back(std::move(o));
  }
  return out;
}

}  // namespace citynet::node
