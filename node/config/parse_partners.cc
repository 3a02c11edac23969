// The [[partner]] blocks: each card loaded from its file and verified, the block checked against
// it, and then the blocks against each other.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "node/config/internal/files.h"
#include "node/config/internal/parser.h"
#include "node/config/internal/text.h"
#include "node/config/validate.h"
#include "protocol/node_card.h"

namespace citynet::node::config_internal {

void ConfigParser::ParsePartners(const toml::node* partners, NodeConfig& config) {
  if (partners == nullptr) {
    Warn(0, "there is no [[partner]]: this node will not sync with anyone until you add one");
    return;
  }
  const toml::array* list = partners->as_array();
  if (list == nullptr || !list->is_array_of_tables()) {
    Error(LineOf(*partners),
          fmt::format("partner must be written [[partner]] (with double brackets), one block per "
                      "partner, not {}",
                      partners->is_table() ? "[partner]" : TypeName(*partners)));
    return;
  }
  std::vector<LoadedCard> loaded;  // the partners whose card loaded and verified
  for (const toml::node& element : *list) ParsePartner(*element.as_table(), config, loaded);
  CheckPartnerIdentities(config, loaded);
  WarnUnsharedNetworks(config);
}

void ConfigParser::ParsePartner(const toml::table& t, NodeConfig& config,
                                std::vector<LoadedCard>& loaded) {
  CheckKeys(t, "[[partner]]", kPartnerKeys);
  PartnerConfig partner;
  partner.line = LineOf(t);
  int card_line = partner.line;
  std::optional<protocol::NodeCard> card = ParsePartnerCard(t, partner, &card_line);
  ParsePartnerNetworks(t, config, partner);
  partner.endpoint = ParsePartnerEndpoint(t);
  if (card) {
    CheckPartnerCard(*card, card_line, t.get("endpoint") != nullptr, config, partner);
    partner.card = std::move(*card);
    loaded.push_back({config.partners.size(), card_line});
  }
  config.partners.push_back(std::move(partner));
}

std::optional<protocol::NodeCard> ConfigParser::ParsePartnerCard(const toml::table& t,
                                                                 PartnerConfig& partner,
                                                                 int* card_line) {
  auto path = String(t, "partner.card", "card");
  if (!path) {
    if (t.get("card") == nullptr) {
      Missing(t, "card",
              "partner.card is missing: add card = \"/etc/citynet/partners/"
              "NAME.card\", the card file the partner sent you");
    }
    return std::nullopt;
  }
  *card_line = path->line;
  if (path->value.empty()) {
    Error(path->line,
          "partner.card is empty: write the path of the card file the partner "
          "sent you");
    return std::nullopt;
  }
  partner.card_path = ResolvePath(base_, path->value);
  return LoadCard(partner.card_path, path->line);
}

std::optional<protocol::NodeCard> ConfigParser::LoadCard(const std::string& card_path, int line) {
  FileText file = ReadSmallFile(card_path, kMaxCardFileBytes);
  std::string what = fmt::format("partner card {}", card_path);
  if (file.error == ENOENT || file.error == ENOTDIR) {
    Error(line, fmt::format("{}: no such file: copy the card the partner sent you there, or fix "
                            "the path",
                            what));
    return std::nullopt;
  }
  if (file.error == EACCES || file.error == EPERM) {
    Error(line, fmt::format("{}: permission denied: make the file readable by the user citynetd "
                            "runs as",
                            what));
    return std::nullopt;
  }
  if (file.error != 0) {
    Error(line, fmt::format("{}: cannot read it: {}", what, std::strerror(file.error)));
    return std::nullopt;
  }
  if (file.not_regular) {
    Error(line, fmt::format("{}: not a regular file{}: name the card file itself", what,
                            S_ISDIR(file.mode) ? " but a directory" : ""));
    return std::nullopt;
  }
  if (file.too_large) {
    Error(line, fmt::format("{}: {} bytes, too large for a node card (at most {}): is this the "
                            "right file?",
                            what, file.size, kMaxCardFileBytes));
    return std::nullopt;
  }
  // The cards decide whom this node trusts; a card any local user could replace is a way in.
  if ((file.mode & S_IWOTH) != 0) {
    Error(line, fmt::format("{}: any user on this machine may change it (mode {}) and so make "
                            "this node trust them: run `chmod o-w {}`",
                            what, ModeString(file.mode), card_path));
    return std::nullopt;
  }
  auto signed_card = protocol::DearmorNodeCard(file.text);
  if (!signed_card.ok()) {
    Error(line, fmt::format("{}: {}", what, signed_card.status().message()));
    return std::nullopt;
  }
  auto card = protocol::VerifyNodeCard(*signed_card);
  if (!card.ok()) {
    Error(line, fmt::format("{}: {}", what, card.status().message()));
    return std::nullopt;
  }
  return std::move(card).value();
}

void ConfigParser::ParsePartnerNetworks(const toml::table& t, const NodeConfig& config,
                                        PartnerConfig& partner) {
  auto networks = StringList(t, "partner.networks", "networks");
  if (!networks) {
    if (t.get("networks") == nullptr) {
      Missing(t, "networks",
              "partner.networks is missing: add networks = [\"...\"], the networks "
              "you share with this partner");
    }
    return;
  }
  if (t.get("networks")->as_array()->empty()) {
    Error(networks->line,
          "partner.networks is empty: list the networks you share with this "
          "partner");
  }
  for (const std::string& n : Slugs(networks->value, "partner.networks")) {
    if (std::find(config.networks.begin(), config.networks.end(), n) != config.networks.end()) {
      partner.networks.push_back(n);
      continue;
    }
    // Missing from node.networks, or there but wrong: reported there already.
    if (networks_line_ == 0 || std::any_of(written_networks_.begin(), written_networks_.end(),
                                           [&n](const std::string& w) { return Lower(w) == n; })) {
      continue;
    }
    int line = networks->line;
    for (const auto& v : networks->value) {
      if (v.value == n) line = v.line;
    }
    std::vector<std::string_view> ours(config.networks.begin(), config.networks.end());
    std::string_view guess = DidYouMean(n, ours);
    Error(line, fmt::format("partner.networks: '{}' is not one of this node's networks "
                            "(node.networks, line {}): add it there or remove it here{}",
                            n, networks_line_,
                            guess.empty() ? "" : fmt::format("; did you mean '{}'?", guess)));
  }
}

std::optional<std::string> ConfigParser::ParsePartnerEndpoint(const toml::table& t) {
  auto e = String(t, "partner.endpoint", "endpoint");
  if (!e) return std::nullopt;
  if (e->value == "none") {
    if (auto bad = DialsInProblem(listen_endpoints_written_empty_)) Error(e->line, *bad);
    return std::nullopt;
  }
  if (auto bad = TcpEndpointProblem(e->value, false, "the partner")) {
    Error(e->line, fmt::format("partner.endpoint: {}; or write \"none\" when the partner "
                               "connects to this node",
                               *bad));
    return std::nullopt;
  }
  return e->value;
}

void ConfigParser::CheckPartnerCard(const protocol::NodeCard& card, int card_line,
                                    bool endpoint_given, const NodeConfig& config,
                                    PartnerConfig& partner) {
  if (!endpoint_given) {
    if (card.endpoints.empty()) {
      Error(partner.line,
            fmt::format("partner card {} ('{}') lists no endpoint: add endpoint = "
                        "\"tcp://HOST:PORT\" to dial the partner, or endpoint = \"none\" "
                        "when it connects to this node",
                        partner.card_path, card.name));
    } else {
      partner.endpoint = card.endpoints.front();
    }
  }
  if (!config.name.empty() && card.name == config.name) {
    Error(card_line, fmt::format("partner card {} is for '{}', which is this node's own "
                                 "name: use the card the partner sent you (two nodes cannot "
                                 "share a name)",
                                 partner.card_path, card.name));
  }
  // The card says which networks the partner is in; this node decides what it shares.
  // Sharing a network the card does not claim is allowed (the card may predate the
  // partner joining it), but sharing none of them means a wrong or stale card.
  std::vector<std::string> unlisted;
  for (const std::string& n : partner.networks) {
    if (std::find(card.networks.begin(), card.networks.end(), n) == card.networks.end()) {
      unlisted.push_back(n);
    }
  }
  if (!partner.networks.empty() && unlisted.size() == partner.networks.size()) {
    Error(card_line,
          fmt::format(
              "partner card {} ('{}') lists none of partner.networks ({}); the card "
              "lists {}: is it the right card? Fix partner.networks, or ask the "
              "partner for a fresh card",
              partner.card_path, card.name, JoinStrings(partner.networks),
              card.networks.empty() ? std::string("no network") : JoinStrings(card.networks)));
  } else if (!unlisted.empty()) {
    Warn(card_line,
         fmt::format("partner card {} ('{}') does not list {}, which partner.networks shares "
                     "with it: the partner may not sync {}; ask them to confirm, or for a "
                     "fresh card",
                     partner.card_path, card.name, JoinStrings(unlisted),
                     unlisted.size() == 1 ? "it" : "them"));
  }
}

void ConfigParser::CheckPartnerIdentities(const NodeConfig& config,
                                          const std::vector<LoadedCard>& loaded) {
  for (std::size_t j = 0; j < loaded.size(); ++j) {
    const PartnerConfig& b = config.partners[loaded[j].index];
    for (std::size_t i = 0; i < j; ++i) {
      const PartnerConfig& a = config.partners[loaded[i].index];
      std::string first =
          fmt::format("the partner card at line {} ({})", loaded[i].card_line, a.card_path);
      std::string problem;
      if (a.card.signing_key == b.card.signing_key) {
        problem = fmt::format(
            "has the same signing key as {}: it is the same node; keep one "
            "[[partner]] block for it",
            first);
      } else if (a.card.name == b.card.name) {
        problem = fmt::format(
            "names '{}', as does {}: two nodes cannot share a name; ask the "
            "partners which card is current",
            b.card.name, first);
      } else if (a.card.transport_key == b.card.transport_key) {
        problem = fmt::format(
            "has the same transport key as {}: a transport key belongs to one "
            "node; ask the partners for fresh cards",
            first);
      } else {
        continue;
      }
      Error(loaded[j].card_line, fmt::format("partner card {} {}", b.card_path, problem));
      break;
    }
  }
}

void ConfigParser::WarnUnsharedNetworks(const NodeConfig& config) {
  for (std::size_t i = 0; i < config.networks.size(); ++i) {
    const std::string& n = config.networks[i];
    bool shared =
        std::any_of(config.partners.begin(), config.partners.end(), [&n](const PartnerConfig& p) {
          return std::find(p.networks.begin(), p.networks.end(), n) != p.networks.end();
        });
    if (!shared) {
      Warn(i < network_lines_.size() ? network_lines_[i] : networks_line_,
           fmt::format("node.networks: no [[partner]] shares '{}', so its records stay on this "
                       "node",
                       n));
    }
  }
}

}  // namespace citynet::node::config_internal
