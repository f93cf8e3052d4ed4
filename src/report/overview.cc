#include "contextmap/report/overview.h"

namespace contextmap::report {

Result<std::vector<MappingCounts>> Overview(Store& store, Date today) {
  Result<std::vector<Record>> mappings = store.List(ListBy(RecordKind::kMapping));
  if (!mappings.ok()) return mappings.status();
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
    out.push_back(std::move(counts));
  }
  return out;
}

}  // namespace contextmap::report
