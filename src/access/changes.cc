// Who may change what: the write checks of access::Access (access.h), and validation of a
// record against what the principal can see. Reads and visibility are in access.cc.
#include <algorithm>
#include <functional>

#include "contextmap/access/access.h"
#include "contextmap/core/validation.h"

namespace contextmap::access {

namespace {

Status Hidden() { return Status::NotFound("not found"); }

}  // namespace

Status Access::CheckOwnAgency(const Record& record) {
  const std::string& own = principal_.agency_id;
  if (const auto* info = std::get_if<Information>(&record)) {
    if (principal_.role == UserRole::kPractitioner && info->source_agency_id != own) {
      return Status::PermissionDenied(
          "practitioners record information from their own agency only (source_agency_id)");
    }
  } else if (const auto* sub = std::get_if<AgencySubmission>(&record)) {
    if (principal_.role == UserRole::kPractitioner && sub->agency_id != own) {
      return Status::PermissionDenied("practitioners submit for their own agency only (agency_id)");
    }
  } else if (const auto* approval = std::get_if<HandlingApproval>(&record)) {
    const Record* item = Find(RecordKind::kInformation, approval->information_id);
    CM_RETURN_IF_ERROR(error_);
    if (item == nullptr) return Hidden();
    if (std::get<Information>(*item).source_agency_id != own) {
      return Status::PermissionDenied(
          "only the originating agency may approve sharing of an item with handling code C");
    }
    if (approval->approved_by_user_id != principal_.user_id) {
      return Status::PermissionDenied(
          "an approval is recorded in the approver's own name "
          "(approved_by_user_id)");
    }
  }
  return Status::Ok();
}

Status Access::CheckWrite(const Record& record) {
  RecordKind kind = KindOf(record);
  WriteLevel level = WriteLevelOf(kind);
  if (level == WriteLevel::kAdminister) {
    if (MayWrite(level)) return Status::Ok();
    return Status::PermissionDenied("only administrators change " +
                                    std::string(InfoFor(kind).plural));
  }
  if (!SeesCaseRecords()) {
    return Status::PermissionDenied(
        "administrators and strategic viewers do not change case records");
  }
  CM_RETURN_IF_ERROR(Visible(record));
  CM_RETURN_IF_ERROR(error_);
  if (!MayWrite(level)) {
    return Status::PermissionDenied(std::string("a ") + std::string(EnumName(principal_.role)) +
                                    " may not change " + std::string(InfoFor(kind).plural));
  }
  return CheckOwnAgency(record);
}

Status Access::CheckCreate(const Record& record) {
  RecordKind kind = KindOf(record);
  if (kind == RecordKind::kSubject) {
    return Status::PermissionDenied(
        "a subject is added through a mapping: POST /api/v1/mappings/{id}/subjects");
  }
  if (kind == RecordKind::kMapping) {
    if (principal_.role != UserRole::kChair) {
      return Status::PermissionDenied("only chairs open mappings");
    }
    const auto& m = std::get<Mapping>(record);
    if (m.chair_user_id != principal_.user_id && m.co_chair_user_id != principal_.user_id) {
      return Status::PermissionDenied(
          "name yourself as chair_user_id or co_chair_user_id of a mapping you open");
    }
    return Status::Ok();
  }
  if (const auto* link = std::get_if<Link>(&record); link && link->origin_mapping_id.empty()) {
    return Status::Invalid(
        "is required: the mapping this link is recorded in (its notes belong to that mapping)",
        "origin_mapping_id");
  }
  if (const auto* info = std::get_if<Information>(&record)) {
    if (info->handling == HandlingCode::kC && info->source_agency_id != principal_.agency_id) {
      return Status::PermissionDenied(
          "only an agency itself records its handling-code-C intelligence, with its conditions "
          "(source_agency_id)");
    }
  }
  return CheckWrite(record);
}

// Records whose own fields decide who sees them, and which only their owner may change:
// an information item belongs to the agency that gave it (its grading, handling code,
// conditions and anchor decide who reads it); a link's origin decides who reads its notes; an
// administrator's role and agency decide what they may do. Called for updates (`after` set)
// and deletes (`after` null).
Status Access::CheckOwner(const Record& before, const Record* after) {
  if (const auto* info = std::get_if<Information>(&before)) {
    if (info->source_agency_id != principal_.agency_id) {
      return Status::PermissionDenied(
          "an information item is changed or deleted only by the agency that gave it "
          "(source_agency_id)");
    }
    if (after != nullptr &&
        std::get<Information>(*after).source_agency_id != info->source_agency_id) {
      return Status::PermissionDenied(
          "an item's source agency does not change; record it afresh as the other agency's");
    }
  } else if (const auto* link = std::get_if<Link>(&before)) {
    if (after == nullptr) return Status::Ok();
    const auto& next = std::get<Link>(*after);
    if (next.origin_mapping_id != link->origin_mapping_id) {
      return Status::PermissionDenied(
          "origin_mapping_id is where the link was first recorded; it does not change");
    }
    if (next.notes != link->notes && !SeesLinkNotes(*link)) {
      return Status::PermissionDenied(
          "a link's notes belong to the mapping it was recorded in (origin_mapping_id); only "
          "its members change them");
    }
  } else if (const auto* user = std::get_if<User>(&before)) {
    if (user->id != principal_.user_id) return Status::Ok();
    const User* next = after != nullptr ? &std::get<User>(*after) : nullptr;
    if (next == nullptr || next->role != user->role || next->agency_id != user->agency_id ||
        next->disabled != user->disabled) {
      return Status::PermissionDenied(
          "another administrator must change your own role, agency or account");
    }
  }
  return Status::Ok();
}

void Access::KeepHidden(const Record& before, Record* after) {
  const auto* link = std::get_if<Link>(&before);
  auto* next = std::get_if<Link>(after);
  // A writer who cannot read the notes sent them blank: they stay as they are.
  if (link != nullptr && next != nullptr && next->notes.empty() && !SeesLinkNotes(*link)) {
    next->notes = link->notes;
  }
}

Status Access::CheckUpdate(const Record& before, const Record& after) {
  CM_RETURN_IF_ERROR(CheckRead(before));
  CM_RETURN_IF_ERROR(CheckWrite(before));
  CM_RETURN_IF_ERROR(CheckOwner(before, &after));
  if (KindOf(after) == RecordKind::kMapping) {
    // The chair may hand the mapping on; they stay a member only if a mapping member says so.
    return MayWrite(WriteLevel::kConvene) ? Status::Ok() : CheckWrite(after);
  }
  return CheckWrite(after);
}

Status Access::CheckDelete(const Record& record) {
  CM_RETURN_IF_ERROR(CheckRead(record));
  CM_RETURN_IF_ERROR(CheckWrite(record));
  return CheckOwner(record, nullptr);
}

namespace {

// What a stored record already refers to: an update may keep these even if hidden.
std::set<std::pair<RecordKind, std::string>> RefsOf(const Record* record) {
  std::vector<std::pair<RecordKind, std::string>> refs;
  if (record != nullptr) CollectRefs(*record, &refs);
  return {refs.begin(), refs.end()};
}

// Records as the principal sees them: an invisible record is a missing one.
class VisibleResolver : public RecordResolver {
 public:
  using FindFn = std::function<const Record*(RecordKind, const std::string&)>;
  using VisibleFn = std::function<bool(const Record&)>;
  using OnMappingFn = std::function<bool(const std::string&, const std::string&)>;

  VisibleResolver(const std::vector<Record>& pending, FindFn find, VisibleFn visible,
                  OnMappingFn on_mapping, std::set<std::pair<RecordKind, std::string>> kept)
      : pending_(pending),
        find_(std::move(find)),
        visible_(std::move(visible)),
        on_mapping_(std::move(on_mapping)),
        kept_(std::move(kept)) {}

  const Record* Find(RecordKind kind, const std::string& id) override {
    for (const Record& r : pending_) {
      if (KindOf(r) == kind && BaseOf(r).id == id) return &r;
    }
    const Record* found = find_(kind, id);
    if (found == nullptr || kept_.contains({kind, id}) || visible_(*found)) return found;
    hid_ = true;
    return nullptr;
  }

  bool OnMapping(const std::string& mapping_id, const std::string& subject_id) override {
    for (const Record& r : pending_) {
      const auto* ms = std::get_if<MappingSubject>(&r);
      if (ms != nullptr && ms->mapping_id == mapping_id && ms->subject_id == subject_id) {
        return true;
      }
    }
    return on_mapping_(mapping_id, subject_id);
  }

  bool hid() const { return hid_; }

 private:
  const std::vector<Record>& pending_;
  FindFn find_;
  VisibleFn visible_;
  OnMappingFn on_mapping_;
  std::set<std::pair<RecordKind, std::string>> kept_;  // what the stored record refers to
  bool hid_ = false;
};

}  // namespace

Status Access::Validate(const Record& record, Date today, const std::vector<Record>& pending,
                        bool* hid, const Record* before) {
  // Lookups go through this Access's caches; their failures land in error_.
  VisibleResolver resolver(
      pending, [this](RecordKind kind, const std::string& id) { return Find(kind, id); },
      [this](const Record& r) { return Visible(r).ok(); },
      [this](const std::string& mapping_id, const std::string& subject_id) {
        const std::vector<std::string>* on = MappingsOfSubject(subject_id);
        return on != nullptr && std::find(on->begin(), on->end(), mapping_id) != on->end();
      },
      RefsOf(before));
  ValidationContext ctx{today, &resolver};
  Status s = CheckRecord(record, ctx);
  CM_RETURN_IF_ERROR(error_);
  if (hid != nullptr) *hid = !s.ok() && resolver.hid();
  return s;
}

}  // namespace contextmap::access
