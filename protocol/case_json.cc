#include "protocol/case_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace citynet::protocol {
namespace {

using nlohmann::json;

class Reader {
 public:
  explicit Reader(Problems* problems) : problems_(problems) {}

  void Problem(std::string field, std::string message) {
    problems_->push_back({std::move(field), std::move(message)});
  }

  static std::string TypeName(const json& j) {
    if (j.is_number_integer()) return "a whole number";
    if (j.is_number()) return "a number";
    if (j.is_string()) return "a string";
    if (j.is_array()) return "a list";
    if (j.is_object()) return "an object";
    if (j.is_boolean()) return "true/false";
    if (j.is_null()) return "null";
    return j.type_name();
  }

  void String(const json& j, const std::string& field, std::string* out) {
    if (j.is_string()) {
      *out = j.get<std::string>();
    } else {
      Problem(field, fmt::format("{} must be a string, not {}", field, TypeName(j)));
    }
  }

  void Strings(const json& j, const std::string& field, std::vector<std::string>* out) {
    if (!j.is_array()) {
      Problem(field, fmt::format("{} must be a list of strings, not {}", field, TypeName(j)));
      return;
    }
    for (std::size_t i = 0; i < j.size(); ++i) {
      std::string f = fmt::format("{}[{}]", field, i);
      if (j[i].is_string()) {
        out->push_back(j[i].get<std::string>());
      } else {
        Problem(f, fmt::format("{} must be a string, not {}", f, TypeName(j[i])));
        out->emplace_back();  // keeps later entries at their own index
      }
    }
  }

  void Number(const json& j, const std::string& field, double* out) {
    if (j.is_number()) {
      *out = j.get<double>();
    } else {
      Problem(field, fmt::format("{} must be a number, not {}", field, TypeName(j)));
    }
  }

  // Reports keys of `obj` not in `known`, suggesting the nearest known key.
  void Unknown(const json& obj, const std::string& prefix,
               std::initializer_list<std::string_view> known) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      bool found = false;
      for (std::string_view k : known) found = found || k == it.key();
      if (found) continue;
      std::string field = prefix.empty() ? it.key() : prefix + "." + it.key();
      std::string_view best;
      std::size_t best_d = 3;
      for (std::string_view k : known) {
        std::size_t d = Distance(it.key(), k);
        if (d < best_d) best_d = d, best = k;
      }
      if (!best.empty()) {
        Problem(field, fmt::format("unknown field '{}': did you mean '{}'?", it.key(), best));
      } else {
        Problem(field, fmt::format("unknown field '{}'", it.key()));
      }
    }
  }

 private:
  static std::size_t Distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t prev = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t cur = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
        prev = cur;
      }
    }
    return row[b.size()];
  }

  Problems* problems_;
};

}  // namespace

Status ParseCaseStudyJson(std::string_view json_text, CaseStudy* out, Problems* problems) {
  json j;
  try {
    j = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    return InvalidArgument(fmt::format("the case file is not valid JSON: {}", what));
  } catch (const json::exception& e) {
    // out_of_range for a number beyond a double ("number overflow parsing '1e400'"), which
    // nlohmann reports without a position: find the quoted token to say where it is.
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    std::string where;
    if (auto q1 = what.find('\''), q2 = what.rfind('\''); q1 != std::string::npos && q2 > q1 + 1) {
      std::size_t at = json_text.find(what.substr(q1 + 1, q2 - q1 - 1));
      if (at != std::string_view::npos) {
        std::string_view before = json_text.substr(0, at);
        std::size_t line =
            1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
        std::size_t nl = before.rfind('\n');
        std::size_t column = at - (nl == std::string_view::npos ? 0 : nl + 1) + 1;
        where = fmt::format(" at line {}, column {}", line, column);
      }
    }
    return InvalidArgument(fmt::format("the case file is not valid JSON: {}{}", what, where));
  }
  if (!j.is_object()) {
    return InvalidArgument("the case file must hold one JSON object, { ... }");
  }
  Reader r(problems);
  r.Unknown(
      j, "",
      {"slug", "title", "language", "city", "country", "networks", "sdgs", "sdg_targets", "themes",
       "period", "summary", "body", "outcomes", "partners", "links", "licence", "license"});
  auto get = [&j](const char* key) -> const json* {
    auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
  };
  auto required_string = [&](const char* key, std::string* dst) {
    if (const json* v = get(key)) {
      r.String(*v, key, dst);
    } else {
      r.Problem(key, fmt::format("{} is missing", key));
    }
  };
  required_string("slug", &out->slug);
  required_string("title", &out->title);
  required_string("language", &out->language);
  required_string("city", &out->city);
  required_string("country", &out->country);
  required_string("summary", &out->summary);
  required_string("body", &out->body);
  if (const json* v = get("networks")) {
    r.Strings(*v, "networks", &out->networks);
  } else {
    r.Problem("networks", "networks is missing: name the networks to share the case in");
  }
  if (const json* v = get("sdgs")) {
    if (!v->is_array()) {
      r.Problem("sdgs",
                fmt::format("sdgs must be a list of goal numbers, not {}", Reader::TypeName(*v)));
    } else {
      for (std::size_t i = 0; i < v->size(); ++i) {
        const json& g = (*v)[i];
        const bool small =
            g.is_number_unsigned()
                ? g.get<uint64_t>() <= 1000
                : g.is_number_integer() && g.get<int64_t>() >= -1000 && g.get<int64_t>() <= 1000;
        if (small) {
          out->sdgs.push_back(static_cast<int>(g.get<int64_t>()));
          continue;
        }
        if (g.is_number_integer()) {
          r.Problem(fmt::format("sdgs[{}]", i),
                    fmt::format("sdg {} is not one of the 17 UN goals", g.dump()));
        } else {
          r.Problem(
              fmt::format("sdgs[{}]", i),
              fmt::format("sdgs[{}] must be a goal number 1-17, not {}", i, Reader::TypeName(g)));
        }
        out->sdgs.push_back(0);  // keeps later entries at their own index
      }
    }
  } else {
    r.Problem("sdgs", "sdgs is missing: name the UN goals (1-17) the case contributes to");
  }
  if (const json* v = get("sdg_targets")) r.Strings(*v, "sdg_targets", &out->sdg_targets);
  if (const json* v = get("themes")) r.Strings(*v, "themes", &out->themes);
  if (const json* v = get("partners")) r.Strings(*v, "partners", &out->partners);
  if (const json* v = get("period")) {
    if (v->is_object()) {
      r.Unknown(*v, "period", {"from", "to"});
      if (auto it = v->find("from"); it != v->end())
        r.String(*it, "period.from", &out->period.from);
      if (auto it = v->find("to"); it != v->end()) r.String(*it, "period.to", &out->period.to);
    } else {
      r.Problem("period", fmt::format("period must be an object such as {{\"from\": \"2019\", "
                                      "\"to\": \"2021\"}}, not {}",
                                      Reader::TypeName(*v)));
    }
  }
  if (const json* v = get("outcomes")) {
    if (!v->is_array()) {
      r.Problem("outcomes", fmt::format("outcomes must be a list, not {}", Reader::TypeName(*v)));
    } else {
      for (std::size_t i = 0; i < v->size(); ++i) {
        const json& o = (*v)[i];
        std::string f = fmt::format("outcomes[{}]", i);
        if (!o.is_object()) {
          r.Problem(f, fmt::format("{} must be an object with metric, achieved and unit", f));
          out->outcomes.emplace_back();  // keeps later entries at their own index
          continue;
        }
        r.Unknown(o, f, {"metric", "target", "achieved", "unit"});
        Outcome out_o;
        if (auto it = o.find("metric"); it != o.end()) {
          r.String(*it, f + ".metric", &out_o.metric);
        } else {
          r.Problem(f + ".metric", "metric is missing");
        }
        if (auto it = o.find("achieved"); it != o.end()) {
          r.Number(*it, f + ".achieved", &out_o.achieved);
        } else {
          r.Problem(f + ".achieved", "achieved is missing: give the measured value");
        }
        if (auto it = o.find("target"); it != o.end() && !it->is_null()) {
          double t = 0;
          r.Number(*it, f + ".target", &t);
          out_o.target = t;
        }
        if (auto it = o.find("unit"); it != o.end()) {
          r.String(*it, f + ".unit", &out_o.unit);
        } else {
          r.Problem(f + ".unit", "unit is missing");
        }
        out->outcomes.push_back(std::move(out_o));
      }
    }
  }
  if (const json* v = get("links")) {
    if (!v->is_array()) {
      r.Problem("links", fmt::format("links must be a list, not {}", Reader::TypeName(*v)));
    } else {
      for (std::size_t i = 0; i < v->size(); ++i) {
        const json& l = (*v)[i];
        std::string f = fmt::format("links[{}]", i);
        Link link;
        if (l.is_string()) {
          link.url = l.get<std::string>();
        } else if (l.is_object()) {
          r.Unknown(l, f, {"url", "title"});
          if (auto it = l.find("url"); it != l.end()) r.String(*it, f + ".url", &link.url);
          if (auto it = l.find("title"); it != l.end()) r.String(*it, f + ".title", &link.title);
        } else {
          r.Problem(f,
                    fmt::format("{} must be a URL string or {{\"url\": ..., \"title\": ...}}", f));
        }
        out->links.push_back(std::move(link));
      }
    }
  }
  if (const json* v = get("licence")) r.String(*v, "licence", &out->licence);
  if (const json* v = get("license")) {
    if (get("licence") != nullptr) {
      r.Problem("license", "both 'licence' and 'license' are given: keep one");
    } else {
      r.String(*v, "license", &out->licence);
    }
  }
  return Status::Ok();
}

Result<CaseStudy> CaseStudyFromJson(std::string_view json_text) {
  CaseStudy c;
  Problems problems;
  CITYNET_RETURN_IF_ERROR(ParseCaseStudyJson(json_text, &c, &problems));
  // Field rules only for fields whose shape was right, so one mistake is reported once: a
  // rule's problem is dropped when its field is, or lies inside, a field already reported.
  std::set<std::string> reported;
  for (const Problem& p : problems) reported.insert(p.field);
  auto inside_reported = [&reported](const std::string& field) {
    for (std::size_t cut = field.size();; cut = field.find_last_of(".[", cut - 1)) {
      if (reported.count(field.substr(0, cut)) != 0) return true;
      if (cut == 0 || cut == std::string::npos) return false;
    }
  };
  const bool sdgs_unreadable = reported.count("sdgs") != 0;
  for (Problem& p : ValidateCaseStudy(c)) {
    if (inside_reported(p.field)) continue;
    // With no readable goals, every target would also "belong to a goal not in sdgs".
    if (sdgs_unreadable && p.field.rfind("sdg_targets", 0) == 0) continue;
    problems.push_back(std::move(p));
  }
  CITYNET_RETURN_IF_ERROR(ProblemsToStatus(problems, "case file"));
  return c;
}

std::string CaseStudyToJson(const CaseStudy& c) {
  using ojson = nlohmann::ordered_json;  // keeps the schema's field order in the output
  ojson j = ojson::object();
  j["slug"] = c.slug;
  j["title"] = c.title;
  j["language"] = c.language;
  j["city"] = c.city;
  j["country"] = c.country;
  j["networks"] = c.networks;
  j["sdgs"] = c.sdgs;
  if (!c.sdg_targets.empty()) j["sdg_targets"] = c.sdg_targets;
  j["themes"] = c.themes;
  if (!c.period.from.empty() || !c.period.to.empty()) {
    ojson p = ojson::object();
    if (!c.period.from.empty()) p["from"] = c.period.from;
    if (!c.period.to.empty()) p["to"] = c.period.to;
    j["period"] = p;
  }
  j["summary"] = c.summary;
  j["body"] = c.body;
  ojson outcomes = ojson::array();
  for (const Outcome& o : c.outcomes) {
    ojson oj = {{"metric", o.metric}};
    if (o.target) oj["target"] = *o.target;
    oj["achieved"] = o.achieved;
    oj["unit"] = o.unit;
    outcomes.push_back(oj);
  }
  j["outcomes"] = outcomes;
  j["partners"] = c.partners;
  if (!c.links.empty()) {
    ojson links = ojson::array();
    for (const Link& l : c.links) links.push_back({{"url", l.url}, {"title", l.title}});
    j["links"] = links;
  }
  if (!c.licence.empty()) j["licence"] = c.licence;
  return j.dump(2, ' ', false, ojson::error_handler_t::strict);
}

}  // namespace citynet::protocol
