#include "node/privacy/internal/zh_names.h"

#include <string_view>

namespace citynet::privacy::internal {

struct ChineseNameDetector::Impl {};

ChineseNameDetector::ChineseNameDetector() : impl_(std::make_unique<const Impl>()) {}
ChineseNameDetector::~ChineseNameDetector() = default;

void ChineseNameDetector::Find(std::string_view /*v*/, Candidates& /*taken*/) const {}

}  // namespace citynet::privacy::internal
