#include "tests/bench/bench_util.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <zmq.hpp>

#include "node/internal/curve_socket.h"
#include "node/transport.h"
#include "protocol/crypto.h"

namespace citynet::testing {

double RawCurveMessagesPerSecond(int messages, std::size_t message_bytes, int hwm) {
  using Clock = std::chrono::steady_clock;
  auto context = std::move(node::TransportContext::Create()).value();
  const protocol::TransportKey server = protocol::TransportKey::Generate();
  const protocol::TransportKey client = protocol::TransportKey::Generate();
  node::ZapHandler::Options zap;
  zap.domain = "bench";
  zap.allowlist.emplace(client.public_key(), "client");
  auto handler = std::move(node::ZapHandler::Start(*context, zap)).value();
  node::SocketOptions options;
  options.send_hwm = options.receive_hwm = hwm;
  auto pull =
      std::move(node::OpenCurveServer(*context, zmq::socket_type::pull, server, "bench", options))
          .value();
  pull.bind("tcp://127.0.0.1:*");
  const std::string endpoint = pull.get(zmq::sockopt::last_endpoint);
  auto push = std::move(node::OpenCurveClient(*context, zmq::socket_type::push, client,
                                              server.public_key(), options))
                  .value();
  push.connect(endpoint);
  const std::string payload(message_bytes, 'x');
  push.send(zmq::buffer(payload));
  zmq::message_t m;
  (void)pull.recv(m);  // connected and authenticated
  const auto start = Clock::now();
  std::thread sender([&push, &payload, messages] {
    for (int i = 0; i < messages; ++i) push.send(zmq::buffer(payload));
  });
  for (int i = 0; i < messages; ++i) (void)pull.recv(m);
  const double rate = messages / std::chrono::duration<double>(Clock::now() - start).count();
  sender.join();
  push.close();
  pull.close();
  return rate;
}

std::optional<int64_t> ArrivalDelayMs(DaemonMesh& mesh, const std::string& node,
                                      const std::string& id) {
  nlohmann::json r;
  WaitFor(
      [&] {
        auto got = mesh.Call(node, "record.get", {{"id", id}});
        if (got.ok()) r = *got;
        return got.ok();
      },
      std::chrono::seconds(30));
  if (r.is_null()) return std::nullopt;
  return r["received_at_ms"].get<int64_t>() - r["created_at_ms"].get<int64_t>();
}

double Percentile(std::vector<int64_t> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return static_cast<double>(v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))]);
}

}  // namespace citynet::testing
