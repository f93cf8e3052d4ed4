#include "contextmap/access/access.h"

#include <algorithm>
#include <functional>
#include <type_traits>

#include "contextmap/core/concerns.h"
#include "contextmap/core/validation.h"

namespace contextmap::access {

namespace {

Status Hidden() { return Status::NotFound("not found"); }

}  // namespace

std::string_view PolicyName(Policy policy) {
  switch (policy) {
    case Policy::kUndeclared:
      return "undeclared";
    case Policy::kPublic:
      return "public";
    case Policy::kSignedIn:
      return "signed_in";
    case Policy::kAdministrator:
      return "administrator";
    case Policy::kOverview:
      return "overview";
  }
  return "undeclared";
}

Status CheckPolicy(const Principal& principal, Policy policy) {
  UserRole role = principal.role;
  switch (policy) {
    case Policy::kUndeclared:
      return Status::Internal("this route has no access policy and is not served");
    case Policy::kPublic:
    case Policy::kSignedIn:
      return Status::Ok();
    case Policy::kAdministrator:
      if (role == UserRole::kAdministrator) return Status::Ok();
      break;
    case Policy::kOverview:
      if (role == UserRole::kStrategicViewer || role == UserRole::kChair) return Status::Ok();
      break;
  }
  return Status::PermissionDenied("your role may not use this address");
}

bool IsReferenceKind(RecordKind kind) {
  return kind == RecordKind::kAgency || kind == RecordKind::kArea ||
         kind == RecordKind::kProtocolProfile || kind == RecordKind::kUser;
}

WriteLevel WriteLevelOf(RecordKind kind) {
  switch (kind) {
    case RecordKind::kAgency:
    case RecordKind::kArea:
    case RecordKind::kProtocolProfile:
    case RecordKind::kUser:
      return WriteLevel::kAdminister;
    case RecordKind::kMapping:
    case RecordKind::kMappingMember:
    case RecordKind::kMeeting:
    case RecordKind::kRiskAssessment:
      return WriteLevel::kConvene;
    case RecordKind::kSubject:
    case RecordKind::kMappingSubject:
    case RecordKind::kLink:
    case RecordKind::kAttendee:
    case RecordKind::kFactor:
    case RecordKind::kKeyQuestion:
    case RecordKind::kAction:
    case RecordKind::kReferral:
    case RecordKind::kMapSnapshot:
      return WriteLevel::kBuild;
    case RecordKind::kInformation:
    case RecordKind::kHandlingApproval:
    case RecordKind::kActionUpdate:
    case RecordKind::kAgencySubmission:
      return WriteLevel::kContribute;
  }
  return WriteLevel::kAdminister;
}

bool Access::SeesCaseRecords() const {
  return principal_.role == UserRole::kChair || principal_.role == UserRole::kAnalyst ||
         principal_.role == UserRole::kPractitioner;
}

bool Access::MayWrite(WriteLevel level) const {
  UserRole r = principal_.role;
  switch (level) {
    case WriteLevel::kAdminister:
      return r == UserRole::kAdministrator;
    case WriteLevel::kConvene:
      return r == UserRole::kChair;
    case WriteLevel::kBuild:
      return r == UserRole::kChair || r == UserRole::kAnalyst;
    case WriteLevel::kContribute:
      return r == UserRole::kChair || r == UserRole::kAnalyst || r == UserRole::kPractitioner;
  }
  return false;
}

Status Access::EnsureMemberships() {
  if (members_of_) return Status::Ok();
  std::set<std::string> ids;
  if (SeesCaseRecords()) {
    Result<std::vector<std::string>> mine = store_->MappingsOfMember(principal_.user_id);
    if (!mine.ok()) return mine.status();
    ids.insert(std::make_move_iterator(mine->begin()), std::make_move_iterator(mine->end()));
  }
  members_of_ = std::move(ids);
  return Status::Ok();
}

bool Access::IsMember(const std::string& mapping_id) {
  Status s = EnsureMemberships();
  if (!s.ok()) {
    error_ = s;
    return false;
  }
  return !mapping_id.empty() && members_of_->contains(mapping_id);
}

Result<std::vector<std::string>> Access::MemberMappings() {
  CM_RETURN_IF_ERROR(EnsureMemberships());
  return std::vector<std::string>(members_of_->begin(), members_of_->end());
}

const Record* Access::Find(RecordKind kind, const std::string& id) {
  auto key = std::make_pair(kind, id);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second ? &*it->second : nullptr;
  std::optional<Record> found;
  Result<Record> r = store_->Get(kind, id);
  if (r.ok()) {
    found = std::move(r).value();
  } else if (r.status().code() != StatusCode::kNotFound) {
    error_ = r.status();
  }
  auto& slot = cache_[key];
  slot = std::move(found);
  return slot ? &*slot : nullptr;
}

const std::vector<std::string>* Access::MappingsOfSubject(const std::string& subject_id) {
  auto it = subject_mappings_.find(subject_id);
  if (it != subject_mappings_.end()) return &it->second;
  Result<std::vector<Record>> on =
      store_->List(ListBy(RecordKind::kMappingSubject, "subject_id", subject_id));
  if (!on.ok()) {
    error_ = on.status();
    return nullptr;
  }
  std::vector<std::string> ids;
  ids.reserve(on->size());
  for (const Record& r : *on) ids.push_back(std::get<MappingSubject>(r).mapping_id);
  return &subject_mappings_.emplace(subject_id, std::move(ids)).first->second;
}

Status Access::CheckMapping(const std::string& mapping_id) {
  if (!SeesCaseRecords()) return Hidden();
  bool member = IsMember(mapping_id);
  CM_RETURN_IF_ERROR(error_);
  return member ? Status::Ok() : Hidden();
}

Status Access::SubjectVisible(const std::string& subject_id) {
  if (!SeesCaseRecords()) return Hidden();
  const std::vector<std::string>* on = MappingsOfSubject(subject_id);
  CM_RETURN_IF_ERROR(error_);
  for (const std::string& mapping_id : *on) {
    if (IsMember(mapping_id)) return Status::Ok();
  }
  CM_RETURN_IF_ERROR(error_);
  return Hidden();
}

Status Access::LinkVisible(const Link& link) {
  CM_RETURN_IF_ERROR(SubjectVisible(link.from_subject_id));
  return SubjectVisible(link.to_subject_id);
}

Status Access::HandlingAllows(const Information& info) {
  if (info.handling == HandlingCode::kP) return Status::Ok();
  if (principal_.agency_id == info.source_agency_id) return Status::Ok();
  if (!info.handling_conditions) return Hidden();  // C without conditions: originator only
  const auto& shared = info.handling_conditions->share_with_agency_ids;
  if (std::find(shared.begin(), shared.end(), principal_.agency_id) == shared.end()) {
    return Hidden();
  }
  if (!info.handling_conditions->originator_approval_required) return Status::Ok();
  Result<std::vector<Record>> approvals =
      store_->List(ListBy(RecordKind::kHandlingApproval, "information_id", info.id));
  if (!approvals.ok()) return approvals.status();
  for (const Record& r : *approvals) {
    if (std::get<HandlingApproval>(r).agency_id == principal_.agency_id) return Status::Ok();
  }
  return Hidden();
}

Status Access::InformationVisible(const Information& info) {
  if (!SeesCaseRecords()) return Hidden();
  if (!info.mapping_id.empty()) {
    CM_RETURN_IF_ERROR(CheckMapping(info.mapping_id));
  } else if (!info.subject_id.empty()) {
    CM_RETURN_IF_ERROR(SubjectVisible(info.subject_id));
  } else {
    const Record* link = Find(RecordKind::kLink, info.link_id);
    CM_RETURN_IF_ERROR(error_);
    if (link == nullptr) return Hidden();
    CM_RETURN_IF_ERROR(LinkVisible(std::get<Link>(*link)));
  }
  return HandlingAllows(info);
}

Result<std::string> Access::MappingOf(const Record& record) {
  if (const auto* a = std::get_if<Attendee>(&record)) {
    const Record* meeting = Find(RecordKind::kMeeting, a->meeting_id);
    CM_RETURN_IF_ERROR(error_);
    return meeting ? std::get<Meeting>(*meeting).mapping_id : std::string();
  }
  if (const auto* u = std::get_if<ActionUpdate>(&record)) {
    const Record* action = Find(RecordKind::kAction, u->action_id);
    CM_RETURN_IF_ERROR(error_);
    return action ? std::get<Action>(*action).mapping_id : std::string();
  }
  // An information item's mapping_id is optional; its visibility goes by its anchor
  // (InformationVisible), not by a mapping named here.
  if (std::holds_alternative<Information>(record)) return std::string();
  return OwnMappingId(record);
}

Status Access::Visible(const Record& record) {
  RecordKind kind = KindOf(record);
  if (IsReferenceKind(kind)) return Status::Ok();
  if (!SeesCaseRecords()) return Hidden();
  switch (kind) {
    case RecordKind::kSubject:
      return SubjectVisible(BaseOf(record).id);
    case RecordKind::kLink:
      return LinkVisible(std::get<Link>(record));
    case RecordKind::kInformation:
      return InformationVisible(std::get<Information>(record));
    case RecordKind::kHandlingApproval: {
      const auto& approval = std::get<HandlingApproval>(record);
      const Record* info = Find(RecordKind::kInformation, approval.information_id);
      CM_RETURN_IF_ERROR(error_);
      if (info == nullptr) return Hidden();
      const auto& item = std::get<Information>(*info);
      CM_RETURN_IF_ERROR(InformationVisible(item));
      if (principal_.agency_id != item.source_agency_id &&
          principal_.agency_id != approval.agency_id) {
        return Hidden();
      }
      return Status::Ok();
    }
    default: {
      Result<std::string> mapping = MappingOf(record);
      if (!mapping.ok()) return mapping.status();
      return CheckMapping(*mapping);
    }
  }
}

bool Access::SeesLinkNotes(const Link& link) {
  return link.origin_mapping_id.empty() || IsMember(link.origin_mapping_id);
}

void Access::Redact(Record* record) {
  if (auto* link = std::get_if<Link>(record); link != nullptr && !SeesLinkNotes(*link)) {
    link->notes.clear();
  }
}

Status Access::CheckRead(const Record& record) {
  Status s = Visible(record);
  if (s.ok()) CM_RETURN_IF_ERROR(error_);
  return s;
}

std::vector<std::string> Access::SubjectsConcerned(const Record& record) {
  // Lookups only: whether the principal may see the records found does not matter here.
  class Lookup : public RecordResolver {
   public:
    explicit Lookup(Access* access) : access_(access) {}
    const Record* Find(RecordKind kind, const std::string& id) override {
      return access_->Find(kind, id);
    }
    bool OnMapping(const std::string&, const std::string&) override { return false; }

   private:
    Access* access_;
  } lookup(this);
  return contextmap::SubjectsConcerned(record, &lookup);
}

Status Access::FilterMappingBundle(Bundle* bundle) {
  // A mapping's map shows the notes written in that mapping: a link recorded elsewhere comes
  // without its notes (they belong to its origin mapping, whose members read them there).
  for (Record& r : bundle->of(RecordKind::kLink)) {
    auto& link = std::get<Link>(r);
    if (!link.origin_mapping_id.empty() && link.origin_mapping_id != bundle->mapping_id) {
      link.notes.clear();
    }
  }
  auto& items = bundle->of(RecordKind::kInformation);
  auto& approvals = bundle->of(RecordKind::kHandlingApproval);
  std::set<std::string> approved_for_me;
  for (const Record& r : approvals) {
    const auto& a = std::get<HandlingApproval>(r);
    if (a.agency_id == principal_.agency_id) approved_for_me.insert(a.information_id);
  }
  std::set<std::string> hidden;
  std::erase_if(items, [&](const Record& r) {
    const auto& info = std::get<Information>(r);
    bool visible =
        info.handling == HandlingCode::kP || info.source_agency_id == principal_.agency_id;
    if (!visible && info.handling_conditions) {
      const auto& shared = info.handling_conditions->share_with_agency_ids;
      visible = std::find(shared.begin(), shared.end(), principal_.agency_id) != shared.end() &&
                (!info.handling_conditions->originator_approval_required ||
                 approved_for_me.contains(info.id));
    }
    if (!visible) hidden.insert(info.id);
    return !visible;
  });
  std::map<std::string, std::string> source_of;
  for (const Record& r : items) {
    const auto& info = std::get<Information>(r);
    source_of[info.id] = info.source_agency_id;
  }
  std::erase_if(approvals, [&](const Record& r) {
    const auto& a = std::get<HandlingApproval>(r);
    auto it = source_of.find(a.information_id);
    return it == source_of.end() ||
           (it->second != principal_.agency_id && a.agency_id != principal_.agency_id);
  });
  return Status::Ok();
}

Result<std::vector<std::string>> Access::MappingsOf(const Record& record) {
  std::vector<std::string> out;
  auto mappings_of_subject = [&](const std::string& subject_id) -> Status {
    const std::vector<std::string>* on = MappingsOfSubject(subject_id);
    if (on == nullptr) return error_;
    out.insert(out.end(), on->begin(), on->end());
    return Status::Ok();
  };
  switch (KindOf(record)) {
    case RecordKind::kSubject:
      CM_RETURN_IF_ERROR(mappings_of_subject(BaseOf(record).id));
      break;
    case RecordKind::kLink: {
      const auto& link = std::get<Link>(record);
      std::vector<std::string> from;
      CM_RETURN_IF_ERROR(mappings_of_subject(link.from_subject_id));
      from.swap(out);
      CM_RETURN_IF_ERROR(mappings_of_subject(link.to_subject_id));
      std::sort(from.begin(), from.end());
      std::erase_if(out, [&](const std::string& m) {
        return !std::binary_search(from.begin(), from.end(), m);
      });
      break;
    }
    case RecordKind::kInformation: {
      const auto& info = std::get<Information>(record);
      if (!info.mapping_id.empty()) {
        out.push_back(info.mapping_id);
      } else if (!info.subject_id.empty()) {
        CM_RETURN_IF_ERROR(mappings_of_subject(info.subject_id));
      } else if (const Record* link = Find(RecordKind::kLink, info.link_id)) {
        return MappingsOf(*link);
      }
      break;
    }
    case RecordKind::kHandlingApproval: {
      const Record* info =
          Find(RecordKind::kInformation, std::get<HandlingApproval>(record).information_id);
      if (info != nullptr) return MappingsOf(*info);
      break;
    }
    default: {
      Result<std::string> mapping = MappingOf(record);
      if (!mapping.ok()) return mapping.status();
      if (!mapping->empty()) out.push_back(*mapping);
    }
  }
  CM_RETURN_IF_ERROR(error_);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace contextmap::access
