// Need-to-know access control: the one place that decides what a signed-in person may see and
// change. Every route of the server asks an Access before it reads or writes a record; nothing
// else in the product makes these decisions.
//
// The rules (docs/ARCHITECTURE.md, "Access control", has the full table):
// - Reference data (agencies, areas, protocol profiles, users) is readable by everyone signed
//   in and written by administrators only.
// - Everything recorded in a mapping is visible only to the mapping's members: its chair and
//   co-chair and the users named by its mapping_members. A subject is visible only through a
//   mapping the user is a member of; a link only if both its ends are visible.
// - An information item with handling code C is visible to its originating agency, and to
//   another agency only if the conditions name it and, where the originator's approval is
//   required, once an approval for that agency is recorded.
// - Administrators and strategic viewers never see case records: administrators run
//   accounts and reference data, strategic viewers see aggregates (the overview) only.
// - Among members, who may write depends on the role: chairs convene (the mapping, its
//   members, meetings, risk assessments), chairs and analysts build the map (subjects, links,
//   factors, key questions, actions, referrals, snapshots, attendees), and practitioners too
//   contribute (information and agency submissions from their own agency, action updates,
//   handling approvals for their own agency's items).
//
// Answers are Status values: OK, kNotFound when the record is not visible (callers must
// answer exactly as for a missing id, so existence does not leak), or kPermissionDenied when
// the record is visible but the operation is not allowed.
//
// An Access belongs to one request: it borrows the Store (which must outlive it) and caches
// the user's memberships and the records it looked up, so it must not outlive the request.
// Each check costs at most a few indexed lookups; the membership set costs one query, once.
#ifndef CONTEXTMAP_ACCESS_ACCESS_H_
#define CONTEXTMAP_ACCESS_ACCESS_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "contextmap/core/bundle.h"
#include "contextmap/core/date.h"
#include "contextmap/core/model.h"
#include "contextmap/core/status.h"
#include "contextmap/storage/store.h"

namespace contextmap::access {

// Who is asking: the signed-in user's id, role and agency.
struct Principal {
  std::string user_id;
  UserRole role = UserRole::kPractitioner;
  std::string agency_id;
};

// Who may call a server route at all, before any record-level check. The server declares one
// per route; CheckPolicy decides, so the role rules stay in this module.
enum class Policy {
  kUndeclared,     // never valid: the server answers 500 and the route-table test fails
  kPublic,         // no session (health, the API description, signing in)
  kSignedIn,       // any signed-in user; records are then checked by Access
  kAdministrator,  // signed-in administrators only
  kOverview,       // signed-in strategic viewers and chairs (aggregates across mappings)
};
std::string_view PolicyName(Policy policy);
// For a signed-in principal: OK, or kPermissionDenied when their role may not use a route of
// this policy (and kInternal for kUndeclared).
Status CheckPolicy(const Principal& principal, Policy policy);

// How much a kind of record asks of a writer (see the rules above).
enum class WriteLevel { kAdminister, kConvene, kBuild, kContribute };
WriteLevel WriteLevelOf(RecordKind kind);
// True for agencies, areas, protocol profiles and users.
bool IsReferenceKind(RecordKind kind);

class Access {
 public:
  Access(Store* store, Principal principal) : store_(store), principal_(std::move(principal)) {}

  const Principal& principal() const { return principal_; }

  Status CheckRead(const Record& record);
  Status CheckCreate(const Record& record);
  // `before` is the stored record, `after` the requested new state.
  Status CheckUpdate(const Record& before, const Record& after);
  Status CheckDelete(const Record& record);
  // Before an update is checked: fills in what `after` could not carry because the principal
  // cannot read it (a link's notes written in a mapping they are not a member of), so a
  // writer who never saw a field does not blank it.
  void KeepHidden(const Record& before, Record* after);
  // What a reader may see of a visible record: a link's notes only if they are a member of
  // the mapping it was recorded in (otherwise blanked). Call after CheckRead.
  void Redact(Record* record);

  // Validates a record about to be written as the store will, except that records the
  // principal cannot see count as missing: a reference to an invisible record gets exactly
  // the answer a reference to no record gets. `pending` records (written in the same
  // transaction, earlier) count as present and visible. *hid (if given) tells whether the
  // record failed because it refers to something that exists but is hidden: a refusal the
  // caller must audit, though the answer reads like any invalid reference. For an update,
  // `before` is the stored record: references it already holds may stay even if hidden (a
  // child's school that is on no mapping of the user's).
  Status Validate(const Record& record, Date today, const std::vector<Record>& pending = {},
                  bool* hid = nullptr, const Record* before = nullptr);

  // Whether the principal may read the mapping's records at all (member and a role that sees
  // case records): OK or kNotFound.
  Status CheckMapping(const std::string& mapping_id);
  // Mapping ids the principal is a member of (chair, co-chair or mapping member), sorted.
  Result<std::vector<std::string>> MemberMappings();

  // Removes from a mapping's records (Store::Export without closure) what the principal may
  // not see: information items (and their approvals) their agency may not see, and the notes
  // of links recorded in another mapping. What remains depends only on the mapping and the
  // principal's agency, so callers may share it between members of one agency. The caller
  // has already passed CheckMapping for the bundle's mapping.
  Status FilterMappingBundle(Bundle* bundle);

  // The subjects a record concerns (core/concerns.h: a link's ends, the people an item or a
  // sighting is about...), for the audit log; lookups go through this Access's cache.
  std::vector<std::string> SubjectsConcerned(const Record& record);

  // The mappings a record belongs to: whose members see it and whose viewers must hear of a
  // change. A subject belongs to every mapping it is on; a link to every mapping holding both
  // ends; reference records to none.
  Result<std::vector<std::string>> MappingsOf(const Record& record);

 private:
  Status EnsureMemberships();
  bool IsMember(const std::string& mapping_id);
  bool SeesCaseRecords() const;
  bool MayWrite(WriteLevel level) const;
  // Finds a record through the store, caching it; nullptr if missing. Errors go to error_.
  const Record* Find(RecordKind kind, const std::string& id);
  // The mappings a subject is on (one query per subject per request); nullptr after an error,
  // which goes to error_.
  const std::vector<std::string>* MappingsOfSubject(const std::string& subject_id);
  // Visibility of each kind, without the write checks.
  Status Visible(const Record& record);
  Status SubjectVisible(const std::string& subject_id);
  Status LinkVisible(const Link& link);
  Status InformationVisible(const Information& info);
  // Handling-code rules only (the anchor is checked by InformationVisible).
  Status HandlingAllows(const Information& info);
  // The mapping a mapping-scoped record hangs from ("" for subjects, links, reference data).
  Result<std::string> MappingOf(const Record& record);
  // For writes: the principal must be a member with a role at `level` of the record's
  // mapping (or, for subjects and links, of a mapping holding them).
  Status CheckWrite(const Record& record);
  Status CheckOwnAgency(const Record& record);
  Status CheckOwner(const Record& before, const Record* after);
  bool SeesLinkNotes(const Link& link);

  Store* store_;
  Principal principal_;
  std::optional<std::set<std::string>> members_of_;
  std::map<std::pair<RecordKind, std::string>, std::optional<Record>> cache_;
  std::map<std::string, std::vector<std::string>> subject_mappings_;
  Status error_;
};

}  // namespace contextmap::access

#endif  // CONTEXTMAP_ACCESS_ACCESS_H_
