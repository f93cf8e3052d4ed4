// Routes for a user's daily work across records: finding a person or a place (the search every
// "add a subject" starts from), what is due in a mapping, and the user's own dashboard. The
// rules are core's (search.h, timescales.h) and report's (dashboard.h); who sees what is
// access::Access's. These routes read the request, ask, and answer with ids-only audit rows:
// never the words searched for.
#include <algorithm>
#include <map>
#include <set>

#include "contextmap/core/json_codec.h"
#include "contextmap/core/search.h"
#include "contextmap/core/timescales.h"
#include "contextmap/report/dashboard.h"
#include "http/api_impl.h"

namespace contextmap::http {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxSearchResults = 50;

// A record kind as one word: "meeting", "key_question".
std::string KindWord(RecordKind kind) {
  std::string word(InfoFor(kind).singular);
  std::replace(word.begin(), word.end(), ' ', '_');
  return word;
}

json DueJson(const DueItem& d) {
  return {{"due", d.due.ToString()},
          {"what", d.what},
          {"kind", KindWord(d.kind)},
          {"record_id", d.record_id},
          {"overdue", d.overdue}};
}

json DateOrNull(Date d) { return d.IsSet() ? json(d.ToString()) : json(nullptr); }

json TaskJson(const report::DashboardTask& t, const char* text_field) {
  return {
      {"id", t.id},          {"mapping_id", t.mapping_id},     {"mapping_title", t.mapping_title},
      {text_field, t.text},  {"due_on", DateOrNull(t.due_on)}, {"status", t.status},
      {"overdue", t.overdue}};
}

json DashboardJson(const report::Dashboard& d) {
  json out = {{"today", d.today.ToString()},
              {"actions", json::array()},
              {"key_questions", json::array()},
              {"mappings", json::array()},
              {"due_this_week", json::array()}};
  for (const auto& t : d.actions) out["actions"].push_back(TaskJson(t, "description"));
  for (const auto& t : d.key_questions) out["key_questions"].push_back(TaskJson(t, "question"));
  for (const auto& m : d.mappings) {
    out["mappings"].push_back({{"id", m.id},
                               {"title", m.title},
                               {"kind", std::string(EnumName(m.kind))},
                               {"status", std::string(EnumName(m.status))},
                               {"role", std::string(report::MemberRoleName(m.role))},
                               {"next_due", m.next_due ? DueJson(*m.next_due) : json(nullptr)}});
  }
  for (const auto& due : d.due_this_week) {
    json item = DueJson(due.item);
    item["mapping_id"] = due.mapping_id;
    item["mapping_title"] = due.mapping_title;
    out["due_this_week"].push_back(std::move(item));
  }
  return out;
}

// The records a dashboard shows, by kind and id, each once.
std::set<std::pair<RecordKind, std::string>> Shown(const report::Dashboard& d) {
  std::set<std::pair<RecordKind, std::string>> shown;
  for (const auto& t : d.actions) shown.emplace(RecordKind::kAction, t.id);
  for (const auto& t : d.key_questions) shown.emplace(RecordKind::kKeyQuestion, t.id);
  for (const auto& m : d.mappings) {
    shown.emplace(RecordKind::kMapping, m.id);
    if (m.next_due) shown.emplace(m.next_due->kind, m.next_due->record_id);
  }
  for (const auto& due : d.due_this_week) shown.emplace(due.item.kind, due.item.record_id);
  return shown;
}

}  // namespace

Result<Bundle> Api::Impl::VisibleMapping(Call& c, const std::string& mapping_id) {
  Result<Bundle> b = c.store->Export({mapping_id, false});
  if (!b.ok()) return b.status();
  CM_RETURN_IF_ERROR(c.access->FilterMappingBundle(&*b));
  const auto& m = std::get<Mapping>(b->of(RecordKind::kMapping).front());
  Result<Record> profile = c.store->Get(RecordKind::kProtocolProfile, m.profile_id);
  if (profile.ok()) {
    b->of(RecordKind::kProtocolProfile).push_back(std::move(profile).value());
  } else if (profile.status().code() != StatusCode::kNotFound) {
    return profile.status();
  }
  return b;
}

void Api::Impl::Search(Call& c) {
  c.kind = RecordKind::kSubject;  // the audit rows' kind
  std::map<std::string, std::string> given;
  for (const auto& [name, value] : c.req.query) {
    if (name != "q" && name != "dob" && name != "kind") {
      return Fail(c, 400, "invalid_argument", "is not a search parameter (q, dob or kind)",
                  name.substr(0, 60));
    }
    if (!given.emplace(name, value).second) {
      return Fail(c, 400, "invalid_argument", "is given more than once", name);
    }
  }
  Result<SubjectSearch> search = ParseSubjectSearch(given["q"], given["dob"], given["kind"]);
  if (!search.ok()) return Fail(c, search.status());
  if (!NeedReason(c)) return;

  // A scan of every subject (search.h gives its cost), then the matches in answer order, and
  // only then who may see them: hidden matches are skipped before anything is counted.
  Result<std::vector<Record>> all = c.store->List(ListBy(RecordKind::kSubject));
  if (!all.ok()) return Fail(c, all.status());
  struct Match {
    std::string folded_label;
    const Subject* subject;
    const Record* record;
  };
  std::vector<Match> matches;
  for (const Record& r : *all) {
    const auto& s = std::get<Subject>(r);
    if (Matches(*search, s)) matches.push_back({FoldCase(s.label), &s, &r});
  }
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    return std::tie(a.folded_label, a.subject->label, a.subject->id) <
           std::tie(b.folded_label, b.subject->label, b.subject->id);
  });
  std::vector<const Record*> results;
  bool more = false;
  bool hidden = false;
  for (const Match& m : matches) {
    const Record* r = m.record;
    Status visible = c.access->CheckRead(*r);
    if (visible.code() == StatusCode::kNotFound) {
      hidden = true;
      continue;
    }
    if (!visible.ok()) return Fail(c, visible);
    if (results.size() == kMaxSearchResults) {
      more = true;
      break;
    }
    results.push_back(r);
  }

  std::string body = "{\"results\":[";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string& id = BaseOf(*results[i]).id;
    // The mappings it is on now (not taken off) that the user may see.
    Result<std::vector<Record>> on =
        c.store->List(ListBy(RecordKind::kMappingSubject, "subject_id", id));
    if (!on.ok()) return Fail(c, on.status());
    std::vector<Mapping> mappings;
    for (const Record& r : *on) {
      const auto& ms = std::get<MappingSubject>(r);
      if (ms.removed_on.IsSet()) continue;
      Status member = c.access->CheckMapping(ms.mapping_id);
      if (member.code() == StatusCode::kNotFound) continue;
      if (!member.ok()) return Fail(c, member);
      Result<Record> mapping = c.store->Get(RecordKind::kMapping, ms.mapping_id);
      if (!mapping.ok()) return Fail(c, mapping.status());
      mappings.push_back(std::get<Mapping>(*mapping));
    }
    std::sort(mappings.begin(), mappings.end(), [](const Mapping& a, const Mapping& b) {
      return std::tie(a.title, a.id) < std::tie(b.title, b.id);
    });
    json listed = json::array();
    for (const Mapping& m : mappings) {
      listed.push_back(
          {{"id", m.id}, {"title", m.title}, {"status", std::string(EnumName(m.status))}});
    }
    body += i == 0 ? "{\"subject\":" : ",{\"subject\":";
    EncodeRecord(*results[i], &body);
    body += ",\"mappings\":" + listed.dump() + "}";
  }
  body += std::string("],\"more\":") + (more ? "true" : "false") + "}";
  c.res.body = std::move(body);

  // Audited like a list: the reason and the ids shown, one row per subject (who-viewed finds
  // it); one more, refused, when matches the user may not see were left out. Never the words.
  for (const Record* r : results) Audit(c, "search", r, "ok");
  if (results.empty() && !hidden) Audit(c, "search", nullptr, "ok");
  if (hidden) Audit(c, "search", nullptr, "refused");
}

void Api::Impl::MappingDue(Call& c) {
  if (!NeedVisibleMapping(c, "view_due")) return;
  Result<Bundle> b = VisibleMapping(c, c.id);
  if (!b.ok()) return Fail(c, b.status());
  json items = json::array();
  for (const DueItem& d : DueItems(*b, c.id, options.today())) items.push_back(DueJson(d));
  Audit(c, "view_due", nullptr, "ok", c.id);
  c.res.body = json{{"items", items}}.dump();
}

void Api::Impl::Dashboard(Call& c) {
  // The user's own work: no reason is asked; the read is on record with this one.
  c.reason = "own dashboard";
  Result<std::vector<std::string>> mine = c.access->MemberMappings();
  if (!mine.ok()) return Fail(c, mine.status());
  std::vector<Bundle> bundles;
  for (const std::string& id : *mine) {
    Status visible = c.access->CheckMapping(id);
    if (visible.code() == StatusCode::kNotFound) continue;
    if (!visible.ok()) return Fail(c, visible);
    Result<Bundle> b = VisibleMapping(c, id);
    if (b.status().code() == StatusCode::kNotFound) continue;  // deleted since
    if (!b.ok()) return Fail(c, b.status());
    bundles.push_back(std::move(b).value());
  }
  report::Dashboard d = report::MakeDashboard(c.who->user.id, bundles, options.today());
  c.res.body = DashboardJson(d).dump();

  // One read row per record shown (and per person each concerns), as for any read.
  std::map<std::pair<RecordKind, std::string>, const Record*> records;
  for (const Bundle& b : bundles) {
    for (RecordKind k : {RecordKind::kMapping, RecordKind::kMeeting, RecordKind::kAction,
                         RecordKind::kKeyQuestion}) {
      for (const Record& r : b.of(k)) records.emplace(std::make_pair(k, BaseOf(r).id), &r);
    }
  }
  std::size_t mark = c.audit.size();
  for (const auto& key : Shown(d)) {
    auto it = records.find(key);
    if (it != records.end()) Audit(c, "dashboard", it->second, "ok");
  }
  if (c.audit.size() == mark) Audit(c, "dashboard", nullptr, "ok");
}

}  // namespace contextmap::http
