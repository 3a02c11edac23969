// The same-run limit the mesh benchmarks print beside their figures: messages per second
// through one CURVE PUSH/PULL connection over loopback (ZAP allowlist, as the daemon's sockets),
// with libzmq and nothing of citynet in the way.
#pragma once

#include <cstddef>

namespace citynet::testing {

// `messages` messages of `message_bytes` each, sent by one thread and received by another,
// with `hwm` messages queued at most each way; the rate once connected and authenticated.
double RawCurveMessagesPerSecond(int messages, std::size_t message_bytes, int hwm);

}  // namespace citynet::testing
