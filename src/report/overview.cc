#include "contextmap/report/overview.h"

#include <set>
#include <tuple>
#include <utility>

namespace contextmap::report {

namespace {

bool InCohort(MappingRole role) {
  return role == MappingRole::kSubjectChild || role == MappingRole::kCohortMember;
}

// The records of one kind in `records`, moved out of their variants.
template <class T>
std::vector<T> Take(std::vector<Record>* records) {
  std::vector<T> out;
  out.reserve(records->size());
  for (Record& r : *records) {
    if (auto* t = std::get_if<T>(&r)) out.push_back(std::move(*t));
  }
  return out;
}

}  // namespace

CohortRisk CountCohortByRisk(const std::string& mapping_id,
                             const std::vector<MappingSubject>& on_map,
                             const std::vector<RiskAssessment>& assessments,
                             const std::vector<RiskCategory>& categories) {
  CohortRisk out;
  for (const RiskCategory& c : categories) out.by_category[c.code] = 0;
  std::set<std::string> cohort;
  for (const MappingSubject& ms : on_map) {
    if (ms.mapping_id == mapping_id && InCohort(ms.role) && !ms.removed_on.IsSet()) {
      cohort.insert(ms.subject_id);
    }
  }
  std::map<std::string, const RiskAssessment*> latest;  // by subject id
  for (const RiskAssessment& ra : assessments) {
    if (ra.mapping_id != mapping_id || !cohort.contains(ra.subject_id)) continue;
    const RiskAssessment*& best = latest[ra.subject_id];
    if (best == nullptr ||
        std::tie(ra.assessed_on, ra.id) > std::tie(best->assessed_on, best->id)) {
      best = &ra;
    }
  }
  for (const auto& [subject_id, ra] : latest) out.by_category[ra->category] += 1;
  out.not_assessed = static_cast<int>(cohort.size() - latest.size());
  return out;
}

Result<std::vector<MappingCounts>> Overview(Store& store, Date today) {
  Result<std::vector<Record>> mappings = store.List(ListBy(RecordKind::kMapping));
  if (!mappings.ok()) return mappings.status();
  Result<std::vector<Record>> profile_records = store.List(ListBy(RecordKind::kProtocolProfile));
  if (!profile_records.ok()) return profile_records.status();
  std::map<std::string, std::vector<RiskCategory>> categories_of;  // by profile id
  for (const Record& r : *profile_records) {
    const auto& p = std::get<ProtocolProfile>(r);
    categories_of[p.id] = p.risk_categories;
  }
  std::vector<MappingCounts> out;
  out.reserve(mappings->size());
  for (const Record& r : *mappings) {
    const auto& m = std::get<Mapping>(r);
    MappingCounts counts;
    counts.id = m.id;
    counts.kind = m.kind;
    counts.status = m.status;
    counts.level = m.level;
    counts.parent_mapping_id = m.parent_mapping_id;
    counts.area_ids = m.area_ids;
    counts.profile_id = m.profile_id;
    Result<std::vector<Record>> subjects =
        store.List(ListBy(RecordKind::kSubject, "mapping_id", m.id));
    if (!subjects.ok()) return subjects.status();
    for (const Record& s : *subjects) {
      counts.subjects[std::string(EnumName(std::get<Subject>(s).kind))] += 1;
    }
    Result<std::vector<Record>> actions =
        store.List(ListBy(RecordKind::kAction, "mapping_id", m.id));
    if (!actions.ok()) return actions.status();
    for (const Record& a : *actions) {
      const auto& act = std::get<Action>(a);
      if (!IsOpen(act.status)) continue;
      ++counts.open_actions;
      if (act.due_on < today) ++counts.overdue_actions;
    }
    Result<std::vector<Record>> on_map =
        store.List(ListBy(RecordKind::kMappingSubject, "mapping_id", m.id));
    if (!on_map.ok()) return on_map.status();
    Result<std::vector<Record>> assessments =
        store.List(ListBy(RecordKind::kRiskAssessment, "mapping_id", m.id));
    if (!assessments.ok()) return assessments.status();
    static const std::vector<RiskCategory> kNone;
    auto profile = categories_of.find(m.profile_id);
    const std::vector<RiskCategory>& categories =
        profile == categories_of.end() ? kNone : profile->second;
    for (const RiskCategory& c : categories) {
      counts.risk_categories.push_back({.code = c.code, .label = c.label, .rank = c.rank});
    }
    counts.cohort_risk = CountCohortByRisk(m.id, Take<MappingSubject>(&*on_map),
                                           Take<RiskAssessment>(&*assessments), categories);
    out.push_back(std::move(counts));
  }
  return out;
}

}  // namespace contextmap::report
