// citynetd's Prometheus metrics: what the engine, mesh, transfer and store count, written into
// a MetricsText at each scrape.
#include "node/daemon/internal/daemon_impl.h"

namespace citynet::node {

std::string Daemon::Impl::RenderMetrics() {
  MetricsText t;
  RenderRecordMetrics(t);
  RenderMeshMetrics(t);
  RenderBodyMetrics(t);
  RenderStoreMetrics(t);
  return t.text();
}

void Daemon::Impl::RenderRecordMetrics(MetricsText& t) {
  using T = MetricsText::Type;
  const SyncCounters& c = engine->counters();
  t.Family("citynet_build_info", "The citynetd version.", T::kGauge);
  t.Sample(1, {{"version", CITYNET_VERSION}});
  t.Family("citynet_records_in_total", "Records stored, by network (own and received).",
           T::kCounter);
  for (const auto& [n, v] : c.accepted_by_network)
    t.Sample(static_cast<double>(v), {{"network", n}});
  t.Family("citynet_records_out_total", "Records sent to partners, by network.", T::kCounter);
  for (const auto& [n, v] : c.sent_by_network) t.Sample(static_cast<double>(v), {{"network", n}});
  t.Family("citynet_records_duplicate_total", "Records received that were already held.",
           T::kCounter);
  t.Sample(static_cast<double>(c.records_duplicate));
  t.Family("citynet_fork_evidence_total", "Records that contradict a held one (a forked feed).",
           T::kCounter);
  t.Sample(static_cast<double>(c.records_fork));
  t.Family("citynet_restore_hold",
           "1 for each network this node signs nothing in yet, after a restore from a backup.",
           T::kGauge);
  for (const auto& [network, partners] : engine->hold()) t.Sample(1, {{"network", network}});
  t.Family("citynet_refused_total", "Messages and records refused, by reason.", T::kCounter);
  for (const auto& [reason, v] : c.refused) {
    t.Sample(static_cast<double>(v), {{"reason", reason}});
  }
}

void Daemon::Impl::RenderMeshMetrics(MetricsText& t) {
  using T = MetricsText::Type;
  const ZapHandler::Stats zs = wire->refusals();
  t.Family("citynet_connections_refused_total", "Connections refused by the ZAP handler.",
           T::kCounter);
  t.Sample(static_cast<double>(zs.denied_unknown_key), {{"reason", "unknown key"}});
  t.Sample(static_cast<double>(zs.denied_wrong_domain), {{"reason", "wrong domain"}});
  t.Sample(static_cast<double>(zs.denied_wrong_mechanism), {{"reason", "not curve"}});
  t.Sample(static_cast<double>(zs.denied_malformed), {{"reason", "malformed"}});
  const MeshStats ms = wire->stats();
  t.Family("citynet_mesh_messages_total", "Mesh messages, by direction.", T::kCounter);
  t.Sample(static_cast<double>(ms.messages_in), {{"direction", "in"}});
  t.Sample(static_cast<double>(ms.messages_out), {{"direction", "out"}});
  t.Family("citynet_mesh_malformed_total", "Mesh messages that could not be decoded.", T::kCounter);
  t.Sample(static_cast<double>(ms.malformed));
  t.Family("citynet_mesh_over_max_peers_total",
           "Messages from partners not served because [limits] max_peers were connected.",
           T::kCounter);
  t.Sample(static_cast<double>(ms.over_max_peers));
  t.Family("citynet_peers_connected", "Partners connected now.", T::kGauge);
  t.Sample(static_cast<double>(engine->connected().size()));
  t.Family("citynet_peer_up", "Whether a partner is connected (1) or not (0).", T::kGauge);
  for (const Member& p : roster->partners()) {
    t.Sample(engine->connected().count(p.name) != 0 ? 1 : 0, {{"peer", p.name}});
  }
  t.Family("citynet_peer_sync_lag_records",
           "Records a connected partner has announced that this node does not hold yet.",
           T::kGauge);
  for (const auto& [peer, lag] : engine->LagByPeer()) {
    t.Sample(static_cast<double>(lag), {{"peer", peer}});
  }
}

void Daemon::Impl::RenderBodyMetrics(MetricsText& t) {
  using T = MetricsText::Type;
  const BodyCounters& b = bodies->counters();
  t.Family("citynet_dataset_chunks_fetched_total",
           "Dataset body chunks fetched, verified and stored.", T::kCounter);
  t.Sample(static_cast<double>(b.chunks_fetched));
  t.Family("citynet_dataset_chunks_served_total", "Dataset body chunks sent to partners.",
           T::kCounter);
  t.Sample(static_cast<double>(b.chunks_served));
  t.Family("citynet_dataset_chunks_refused_total", "Dataset body chunks refused, by reason.",
           T::kCounter);
  for (const auto& [reason, v] : b.chunks_refused) {
    t.Sample(static_cast<double>(v), {{"reason", reason}});
  }
  t.Family("citynet_dataset_bodies_completed_total",
           "Dataset bodies fetched in full and passed this node's privacy re-check.", T::kCounter);
  t.Sample(static_cast<double>(b.bodies_completed));
  t.Family("citynet_dataset_bodies_refused_total",
           "Dataset bodies dropped, by reason (failed the privacy re-check, store error).",
           T::kCounter);
  for (const auto& [reason, v] : b.bodies_refused) {
    t.Sample(static_cast<double>(v), {{"reason", reason}});
  }
  t.Family("citynet_dataset_fetches", "Dataset bodies being fetched, by state.", T::kGauge);
  t.Sample(static_cast<double>(bodies->ActiveFetches()), {{"state", "active"}});
  t.Sample(static_cast<double>(bodies->WaitingFetches()), {{"state", "waiting"}});
}

void Daemon::Impl::RenderStoreMetrics(MetricsText& t) {
  using T = MetricsText::Type;
  t.Family("citynet_store_records", "Records held in the store.", T::kGauge);
  t.Sample(static_cast<double>(store->LastLocalSeq()));
  auto pending = store->PendingCount();
  t.Family("citynet_store_waiting_records", "Records waiting for a missing predecessor.",
           T::kGauge);
  t.Sample(pending.ok() ? static_cast<double>(*pending) : 0);
}

}  // namespace citynet::node
