#include "contextmap/core/concerns.h"

#include <algorithm>

namespace contextmap {

namespace {

void AddLinkEnds(const std::string& link_id, RecordResolver* resolver,
                 std::vector<std::string>* out) {
  if (link_id.empty() || resolver == nullptr) return;
  if (const Record* r = resolver->Find(RecordKind::kLink, link_id)) {
    const auto& link = std::get<Link>(*r);
    out->push_back(link.from_subject_id);
    out->push_back(link.to_subject_id);
  }
}

void Collect(const Record& record, RecordResolver* resolver, int depth,
             std::vector<std::string>* out) {
  auto add = [&](const std::string& id) {
    if (!id.empty()) out->push_back(id);
  };
  auto via = [&](RecordKind kind, const std::string& id) {
    if (resolver == nullptr || id.empty() || depth > 2) return;
    if (const Record* r = resolver->Find(kind, id)) Collect(*r, resolver, depth + 1, out);
  };
  std::visit(
      [&](const auto& rec) {
        using T = std::decay_t<decltype(rec)>;
        if constexpr (std::is_same_v<T, Subject>) {
          add(rec.id);
        } else if constexpr (std::is_same_v<T, Link>) {
          add(rec.from_subject_id);
          add(rec.to_subject_id);
        } else if constexpr (std::is_same_v<T, Information>) {
          add(rec.subject_id);
          AddLinkEnds(rec.link_id, resolver, out);
          if (rec.sighting) {
            add(rec.sighting->location_subject_id);
            for (const std::string& id : rec.sighting->present_subject_ids) add(id);
          }
        } else if constexpr (std::is_same_v<T, KeyQuestion>) {
          add(rec.subject_id);
          AddLinkEnds(rec.link_id, resolver, out);
        } else if constexpr (std::is_same_v<T, MappingSubject> || std::is_same_v<T, Factor> ||
                             std::is_same_v<T, RiskAssessment> || std::is_same_v<T, Referral>) {
          add(rec.subject_id);
        } else if constexpr (std::is_same_v<T, Action>) {
          for (const std::string& id : rec.subject_ids) add(id);
        } else if constexpr (std::is_same_v<T, MapSnapshot>) {
          for (const SnapshotNode& n : rec.nodes) add(n.subject_id);
        } else if constexpr (std::is_same_v<T, AgencySubmission>) {
          for (const SubmissionEntry& e : rec.entries) add(e.subject_id);
        } else if constexpr (std::is_same_v<T, HandlingApproval>) {
          via(RecordKind::kInformation, rec.information_id);
        } else if constexpr (std::is_same_v<T, ActionUpdate>) {
          via(RecordKind::kAction, rec.action_id);
        }
      },
      record);
}

}  // namespace

std::vector<std::string> SubjectsConcerned(const Record& record, RecordResolver* resolver) {
  std::vector<std::string> out;
  Collect(record, resolver, 0, &out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace contextmap
