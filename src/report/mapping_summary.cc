#include "contextmap/report/mapping_summary.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "contextmap/core/timescales.h"

namespace contextmap::report {

namespace {

// Indexes a mapping bundle by id for the summary.
class View {
 public:
  explicit View(const Bundle& b) : b_(b) {
    for (int k = 0; k < kRecordKindCount; ++k) {
      for (const Record& r : b.records[k]) by_id_[k].emplace(BaseOf(r).id, &r);
    }
  }
  template <class T>
  const T* Get(const std::string& id) const {
    const auto& m = by_id_[static_cast<int>(RecordTraits<T>::kKind)];
    auto it = m.find(id);
    return it == m.end() ? nullptr : &std::get<T>(*it->second);
  }
  template <class T>
  std::vector<const T*> All() const {
    std::vector<const T*> out;
    for (const Record& r : b_.of(RecordTraits<T>::kKind)) out.push_back(&std::get<T>(r));
    return out;
  }
  std::string SubjectName(const std::string& id) const {
    const Subject* s = Get<Subject>(id);
    return s == nullptr ? id : s->label;
  }
  std::string AgencyName(const std::string& id) const {
    const Agency* a = Get<Agency>(id);
    if (a == nullptr) return id;
    return a->short_name.empty() ? a->name : a->short_name;
  }
  std::string UserName(const std::string& id) const {
    const User* u = Get<User>(id);
    if (u == nullptr) return id;
    return u->full_name + " (" + AgencyName(u->agency_id) + ")";
  }

 private:
  const Bundle& b_;
  std::array<std::unordered_map<std::string, const Record*>, kRecordKindCount> by_id_;
};

std::string Label(auto e) { return EnumLabel(EnumName(e)); }

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
  return s;
}

std::string Grade(const Information& i) {
  return std::string(EnumName(i.source)) + "/" + std::string(EnumName(i.assessment)) + "/" +
         std::string(EnumName(i.handling));
}

void Heading(std::ostringstream& out, const std::string& title) {
  out << "\n" << title << "\n" << std::string(title.size(), '-') << "\n";
}

}  // namespace

int AgeOn(Date dob, Date today) {
  if (!dob.IsSet() || !today.IsSet()) return -1;
  int age = today.year() - dob.year();
  if (today.month() < dob.month() || (today.month() == dob.month() && today.day() < dob.day())) {
    --age;
  }
  return age;
}

std::string MappingSummary(const Bundle& b, const std::string& mapping_id, Date today) {
  View v(b);
  std::ostringstream out;
  const Mapping* m = v.Get<Mapping>(mapping_id);
  if (m == nullptr) return "There is no mapping " + mapping_id + ".\n";

  // --- header ---
  out << m->title << "\n" << std::string(std::min<std::size_t>(m->title.size(), 100), '=') << "\n";
  out << Capitalised(Label(m->kind)) << " mapping, " << Label(m->status);
  if (m->level != MappingLevel::kNone) out << ", " << Label(m->level) << " level";
  out << "  [" << m->id << "]\n";
  out << "Trigger: " << Label(m->trigger) << " on " << m->trigger_date.ToLongString() << "\n";
  if (const ProtocolProfile* p = v.Get<ProtocolProfile>(m->profile_id)) {
    out << "Protocol: " << p->name << "\n";
  }
  if (!m->chair_user_id.empty()) out << "Chair: " << v.UserName(m->chair_user_id) << "\n";
  if (!m->co_chair_user_id.empty()) {
    out << "Co-chair: " << v.UserName(m->co_chair_user_id) << "\n";
  }
  if (!m->area_ids.empty()) {
    out << "Areas: ";
    for (std::size_t i = 0; i < m->area_ids.size(); ++i) {
      const Area* a = v.Get<Area>(m->area_ids[i]);
      out << (i ? ", " : "") << (a ? a->name : m->area_ids[i]);
    }
    out << "\n";
  }
  if (!m->parent_mapping_id.empty()) {
    const Mapping* parent = v.Get<Mapping>(m->parent_mapping_id);
    out << "Reports to: " << (parent ? parent->title : m->parent_mapping_id) << "\n";
  }
  if (!m->objectives.empty()) {
    out << "Objectives:\n";
    for (const auto& o : m->objectives) out << "  - " << o << "\n";
  }

  // --- subjects by role ---
  std::vector<const MappingSubject*> on_map;
  for (const MappingSubject* ms : v.All<MappingSubject>()) {
    if (ms->mapping_id == mapping_id && !ms->removed_on.IsSet()) on_map.push_back(ms);
  }
  std::map<std::string, std::vector<const RiskAssessment*>> risks;
  for (const RiskAssessment* ra : v.All<RiskAssessment>()) {
    if (ra->mapping_id == mapping_id) risks[ra->subject_id].push_back(ra);
  }
  for (auto& [id, list] : risks) {
    std::sort(list.begin(), list.end(), [](auto* a, auto* c) {
      return a->assessed_on != c->assessed_on ? a->assessed_on < c->assessed_on : a->id < c->id;
    });
  }
  std::map<std::string, std::map<FactorCategory, std::vector<std::string>>> factors;
  const ProtocolProfile* profile = v.Get<ProtocolProfile>(m->profile_id);
  auto factor_label = [&](const Factor& f) {
    if (profile != nullptr && !f.code.empty()) {
      for (const auto* list : {&profile->vulnerability_factors, &profile->risk_factors}) {
        for (const auto& item : *list) {
          if (item.code == f.code) return f.text.empty() ? item.label : item.label + ": " + f.text;
        }
      }
    }
    return f.text.empty() ? f.code : f.text;
  };
  for (const Factor* f : v.All<Factor>()) {
    if (f->mapping_id == mapping_id && !f->resolved_on.IsSet()) {
      factors[f->subject_id][f->category].push_back(factor_label(*f));
    }
  }
  auto category_label = [&](const std::string& code) {
    if (profile != nullptr) {
      for (const auto& c : profile->risk_categories) {
        if (c.code == code) return c.label;
      }
    }
    return code;
  };

  struct Section {
    const char* title;
    std::vector<MappingRole> roles;
  };
  const Section sections[] = {
      {"Children", {MappingRole::kSubjectChild, MappingRole::kCohortMember}},
      {"Adults of concern", {MappingRole::kAdultOfConcern}},
      {"Places of concern", {MappingRole::kLocationOfConcern}},
      {"Associates", {MappingRole::kAssociate}},
      {"Key contacts", {MappingRole::kKeyContact}},
  };
  for (const Section& sec : sections) {
    std::vector<const MappingSubject*> rows;
    for (const MappingSubject* ms : on_map) {
      if (std::find(sec.roles.begin(), sec.roles.end(), ms->role) != sec.roles.end()) {
        rows.push_back(ms);
      }
    }
    if (rows.empty()) continue;
    std::sort(rows.begin(), rows.end(), [&](auto* a, auto* c) {
      if (a->role != c->role) return a->role < c->role;
      return v.SubjectName(a->subject_id) < v.SubjectName(c->subject_id);
    });
    Heading(out, std::string(sec.title) + " (" + std::to_string(rows.size()) + ")");
    for (const MappingSubject* ms : rows) {
      const Subject* s = v.Get<Subject>(ms->subject_id);
      if (s == nullptr) continue;
      out << "* " << s->label;
      std::vector<std::string> bits;
      if (IsPerson(s->kind)) {
        int age = AgeOn(s->dob, today);
        if (age >= 0) {
          bits.push_back((s->dob_precision == DobPrecision::kApproximate ? "about " : "") +
                         std::to_string(age));
        }
        if (s->gender) bits.push_back(Label(*s->gender));
        if (s->kind != SubjectKind::kChild) bits.push_back(Label(s->kind));
        if (s->care_leaver) bits.emplace_back("care leaver");
      } else {
        bits.push_back(Label(s->kind));
        if (s->venue_type) bits.push_back(Label(*s->venue_type));
        if (s->group_type) bits.push_back(Label(*s->group_type));
        if (s->object_type) bits.push_back(Label(*s->object_type));
      }
      if (ms->role == MappingRole::kSubjectChild) bits.emplace_back("subject child");
      if (!bits.empty()) {
        out << " (";
        for (std::size_t i = 0; i < bits.size(); ++i) out << (i ? ", " : "") << bits[i];
        out << ")";
      }
      out << "\n";
      if (!s->aliases.empty()) {
        out << "    also known as: ";
        for (std::size_t i = 0; i < s->aliases.size(); ++i) {
          out << (i ? ", " : "") << s->aliases[i];
        }
        out << "\n";
      }
      if (!s->address.empty() || !s->postcode.empty()) {
        out << "    " << s->address << (s->address.empty() || s->postcode.empty() ? "" : ", ")
            << s->postcode << "\n";
      }
      if (!s->identifier.empty()) out << "    " << s->identifier << "\n";
      if (!s->agency_records.empty()) {
        out << "    known to: ";
        for (std::size_t i = 0; i < s->agency_records.size(); ++i) {
          const AgencyRecord& ar = s->agency_records[i];
          out << (i ? "; " : "") << v.AgencyName(ar.agency_id) << " (" << Label(ar.status);
          if (!ar.reference.empty()) out << ", " << ar.reference;
          out << ")";
        }
        out << "\n";
      }
      if (auto it = risks.find(s->id); it != risks.end()) {
        const RiskAssessment* latest = it->second.back();
        out << "    risk: " << category_label(latest->category) << " (decided "
            << latest->assessed_on.ToLongString();
        if (it->second.size() > 1) {
          out << "; before that " << category_label(it->second[it->second.size() - 2]->category);
        }
        out << ")\n";
      }
      if (auto it = factors.find(s->id); it != factors.end()) {
        for (const auto& [cat, list] : it->second) {
          static constexpr std::string_view kHeadings[] = {"vulnerability factors", "risk factors",
                                                           "strengths", "current concerns"};
          out << "    " << kHeadings[static_cast<int>(cat)] << ": ";
          for (std::size_t i = 0; i < list.size(); ++i) out << (i ? "; " : "") << list[i];
          out << "\n";
        }
      }
    }
  }

  // --- links, strongest and most harmful first, with how sure we are ---
  std::set<std::string> on_map_ids;
  for (const MappingSubject* ms : on_map) on_map_ids.insert(ms->subject_id);
  std::map<std::string, std::vector<const Information*>> info_by_link;
  for (const Information* i : v.All<Information>()) {
    if (!i->link_id.empty()) info_by_link[i->link_id].push_back(i);
  }
  std::vector<const Link*> links;
  for (const Link* l : v.All<Link>()) {
    if (on_map_ids.contains(l->from_subject_id) && on_map_ids.contains(l->to_subject_id)) {
      links.push_back(l);
    }
  }
  std::sort(links.begin(), links.end(), [&](const Link* a, const Link* c) {
    if (a->status != c->status) return a->status < c->status;
    if ((a->valence == Valence::kHarmful) != (c->valence == Valence::kHarmful)) {
      return a->valence == Valence::kHarmful;
    }
    if (a->strength != c->strength) return a->strength > c->strength;
    return a->id < c->id;
  });
  if (!links.empty()) {
    Heading(out, "Links (" + std::to_string(links.size()) + ")");
    for (const Link* l : links) {
      out << "* " << v.SubjectName(l->from_subject_id) << (l->directed ? " -> " : " - ")
          << Label(l->type) << (l->directed ? " -> " : " - ") << v.SubjectName(l->to_subject_id)
          << ": " << Label(l->valence) << ", strength " << l->strength << ", " << Label(l->status);
      if (l->status == LinkStatus::kHistoric && l->ended_on.IsSet()) {
        out << " (ended " << l->ended_on.ToLongString() << ")";
      }
      const auto& items = info_by_link[l->id];
      if (items.empty()) {
        out << "; no information recorded yet";
      } else {
        int evidenced = 0;
        Date newest;
        for (const Information* i : items) {
          evidenced += i->evidence == EvidenceBasis::kEvidenced;
          newest = std::max(newest, i->captured_on);
        }
        out << "; " << items.size() << (items.size() == 1 ? " item" : " items") << " (";
        for (std::size_t i = 0; i < items.size(); ++i) out << (i ? ", " : "") << Grade(*items[i]);
        out << "), " << evidenced << " evidenced, latest " << newest.ToLongString();
      }
      out << "\n";
    }
  }

  // --- sightings: who was seen together, where, by whom, how recently ---
  std::vector<const Information*> sightings;
  for (const Information* i : v.All<Information>()) {
    if (i->sighting && i->mapping_id == mapping_id) sightings.push_back(i);
  }
  std::sort(sightings.begin(), sightings.end(), [](auto* a, auto* c) {
    return a->sighting->seen_on != c->sighting->seen_on
               ? a->sighting->seen_on > c->sighting->seen_on
               : a->id < c->id;
  });
  if (!sightings.empty()) {
    Heading(out, "Sightings (" + std::to_string(sightings.size()) + ")");
    std::map<std::pair<std::string, std::string>, std::pair<int, Date>> together;
    for (const Information* i : sightings) {
      const Sighting& s = *i->sighting;
      out << "* " << s.seen_on.ToLongString();
      if (!s.seen_time.empty()) out << " " << s.seen_time;
      out << ": ";
      for (std::size_t k = 0; k < s.present_subject_ids.size(); ++k) {
        out << (k ? ", " : "") << v.SubjectName(s.present_subject_ids[k]);
      }
      if (!s.location_subject_id.empty()) {
        out << " at " << v.SubjectName(s.location_subject_id);
      } else if (!s.location_description.empty()) {
        out << " at " << s.location_description;
      }
      if (!s.seen_by.empty() || !s.seen_by_agency_id.empty()) {
        out << "; seen by " << s.seen_by
            << (s.seen_by_agency_id.empty() ? "" : " (" + v.AgencyName(s.seen_by_agency_id) + ")");
      }
      out << " [" << Grade(*i) << "]\n";
      for (std::size_t a = 0; a < s.present_subject_ids.size(); ++a) {
        for (std::size_t c = a + 1; c < s.present_subject_ids.size(); ++c) {
          auto key = std::minmax(s.present_subject_ids[a], s.present_subject_ids[c]);
          auto& [count, last] = together[{key.first, key.second}];
          ++count;
          last = std::max(last, s.seen_on);
        }
      }
    }
    if (!together.empty()) {
      out << "  Seen together:\n";
      for (const auto& [pair, stat] : together) {
        out << "    " << v.SubjectName(pair.first) << " and " << v.SubjectName(pair.second) << ": "
            << stat.first << (stat.first == 1 ? " time" : " times") << ", last "
            << stat.second.ToLongString() << "\n";
      }
    }
  }

  // --- plan ---
  std::vector<const Action*> open;
  for (const Action* a : v.All<Action>()) {
    if (a->mapping_id == mapping_id && IsOpen(a->status)) open.push_back(a);
  }
  std::sort(open.begin(), open.end(), [](auto* a, auto* c) {
    return a->due_on != c->due_on ? a->due_on < c->due_on : a->id < c->id;
  });
  if (!open.empty()) {
    Heading(out, "Open actions (" + std::to_string(open.size()) + ")");
    for (const Action* a : open) {
      out << "* " << (a->due_on < today ? "OVERDUE " : "") << "due " << a->due_on.ToLongString()
          << ": " << a->description << "\n    " << Capitalised(Label(a->kind)) << "; " << a->owner
          << " (" << v.AgencyName(a->owner_agency_id) << "); " << Label(a->status) << "\n";
    }
  }
  std::vector<const KeyQuestion*> questions;
  for (const KeyQuestion* q : v.All<KeyQuestion>()) {
    if (q->mapping_id == mapping_id && q->status == QuestionStatus::kOpen) questions.push_back(q);
  }
  if (!questions.empty()) {
    Heading(out, "Open key questions (" + std::to_string(questions.size()) + ")");
    for (const KeyQuestion* q : questions) {
      out << "* " << q->question;
      if (!q->owner.empty() || q->due_on.IsSet()) {
        out << "\n    " << (q->owner.empty() ? "no owner yet" : q->owner);
        if (!q->owner_agency_id.empty()) out << " (" << v.AgencyName(q->owner_agency_id) << ")";
        if (q->due_on.IsSet()) {
          out << ", " << (q->due_on < today ? "OVERDUE, " : "") << "by "
              << q->due_on.ToLongString();
        }
      }
      out << "\n";
    }
  }

  // --- meetings ---
  std::vector<const Meeting*> meetings;
  for (const Meeting* mt : v.All<Meeting>()) {
    if (mt->mapping_id == mapping_id) meetings.push_back(mt);
  }
  std::sort(meetings.begin(), meetings.end(), [](auto* a, auto* c) { return a->date < c->date; });
  if (!meetings.empty()) {
    Heading(out, "Meetings");
    std::map<std::string, std::pair<int, int>> attendance;
    for (const Attendee* at : v.All<Attendee>()) {
      auto& [present, apologies] = attendance[at->meeting_id];
      present += at->attendance == Attendance::kPresent;
      apologies += at->attendance == Attendance::kApologies;
    }
    for (const Meeting* mt : meetings) {
      out << "* " << mt->date.ToLongString() << ": " << Label(mt->kind) << " meeting, "
          << Label(mt->status);
      auto [present, apologies] = attendance[mt->id];
      if (present + apologies > 0) {
        out << " (" << present << " present, " << apologies << " apologies)";
      }
      if (!mt->venue.empty()) out << ", " << mt->venue;
      out << "\n";
      for (const auto& d : mt->decisions) out << "    decision: " << d << "\n";
    }
  }

  // --- flags and what is due ---
  std::vector<std::string> flags;
  for (const std::string& id : AtRiskWithoutReferral(b, mapping_id)) {
    flags.push_back(v.SubjectName(id) + " is judged at risk but no referral is recorded");
  }
  std::vector<DueItem> due = DueItems(b, mapping_id, today);
  for (const DueItem& d : due) {
    if (d.overdue) flags.push_back("Overdue since " + d.due.ToLongString() + ": " + d.what);
  }
  if (!flags.empty()) {
    Heading(out, "Flags");
    for (const auto& f : flags) out << "! " << f << "\n";
  }
  out << "\n";
  auto next = std::find_if(due.begin(), due.end(), [](const DueItem& d) { return !d.overdue; });
  if (next != due.end()) {
    out << "Next due: " << next->due.ToLongString() << " - " << next->what << "\n";
  } else if (due.empty()) {
    out << "Nothing is due.\n";
  } else {
    out << "Next due: everything outstanding is overdue (see Flags).\n";
  }
  return out.str();
}

}  // namespace contextmap::report
