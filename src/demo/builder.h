// The demo partnership's builder (internal to src/demo): one DemoBuilder collects records by
// kind while each file adds its part, then Build() lists them in RecordKind order.
//
// Split by mapping so each part reads on its own:
//   builder.cc         the record helpers (one per kind) and Build()
//   partnership.cc     agencies, areas, users, and the subjects shared between mappings
//   individual_cse.cc  (a) map-individual-cse
//   county_line.cc     (b) map-county-line
//   place.cc           (c) map-place-bronze and (d) map-place-silver
//   image_sharing.cc   (e) map-image-sharing
// Ids and content are fixed: tests and the API scenarios name them.
#ifndef CONTEXTMAP_DEMO_BUILDER_H_
#define CONTEXTMAP_DEMO_BUILDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contextmap/core/calendar.h"
#include "contextmap/core/date.h"
#include "contextmap/core/model.h"

namespace contextmap::demo {

// Mapping ids, used throughout.
inline constexpr std::string_view kRubyMap = "map-individual-cse";
inline constexpr std::string_view kKestrelMap = "map-county-line";
inline constexpr std::string_view kBronzeMap = "map-place-bronze";
inline constexpr std::string_view kSilverMap = "map-place-silver";
inline constexpr std::string_view kImagesMap = "map-image-sharing";

inline std::string S(std::string_view v) { return std::string(v); }

// Dates relative to the day the demo is built for.
class Clock {
 public:
  explicit Clock(Date today) : today_(today) {}

  Date today() const { return today_; }
  // `days` calendar days ago, for things that happen any day (sightings, intelligence).
  Date DaysAgo(int days) const { return today_.AddDays(-days); }
  // `days` ago, moved back to the working day before if it is a weekend or bank holiday
  // (meetings, decisions, referrals). Never after today.
  Date Ago(int days) const {
    Date d = today_.AddDays(-days);
    while (!IsWorkingDay(d)) d = d.AddDays(-1);
    return d;
  }
  // `days` ahead, moved on to the next working day (due dates, planned meetings).
  Date Ahead(int days) const {
    Date d = today_.AddDays(days);
    while (!IsWorkingDay(d)) d = d.AddDays(1);
    return d;
  }
  // The first working day after `d`, but never after today.
  Date WorkingDayAfter(Date d) const {
    d = d.AddDays(1);
    while (!IsWorkingDay(d)) d = d.AddDays(1);
    return d > today_ ? today_ : d;
  }
  // A date of birth `years` years and `days` days before today.
  Date Born(int years, int days) const { return today_.AddMonths(-12 * years).AddDays(-days); }

 private:
  Date today_;
};

inline AgendaItem Item(std::string heading, std::string notes = {}) {
  AgendaItem a;
  a.heading = std::move(heading);
  a.notes = std::move(notes);
  return a;
}

// Collects records by kind while the demo is built, then lists them in RecordKind order.
class DemoBuilder {
 public:
  explicit DemoBuilder(Date today) : clock_(today) {}

  std::vector<Record> Build();

 private:
  // --- partnership and shared subjects (partnership.cc)
  void AddPartnership();
  void AddChildren();
  void AddAdults();
  void AddPlacesAndThings();
  // --- (a) an individual CSE mapping around Ruby Example (individual_cse.cc)
  void AddRubyMapping();
  void AddRubyLinks();
  void AddRubyMeetings();
  void AddRubyInformation();
  void AddRubyAssessment();
  void AddRubyPlan();
  void AddRubySubmission();
  // --- (b) a peer group mapping of a county line (county_line.cc)
  void AddKestrelMapping();
  void AddKestrelLinks();
  void AddKestrelMeetings();
  void AddKestrelInformation();
  void AddKestrelPlan();
  void AddKestrelSubmissionsAndSnapshot();
  // --- (c) and (d) place-based bronze and silver groups in Mockbury (place.cc)
  void AddSilverMapping();
  void AddBronzeMapping();
  void AddPlaceLinks();
  void AddPlaceMeetings();
  void AddPlaceInformationAndPlan();
  // --- (e) a thematic image sharing mapping in pre-mapping (image_sharing.cc)
  void AddImagesMapping();

  // --- record helpers (builder.cc)
  const User& UserById(std::string_view id) const;
  const Subject& SubjectById(std::string_view id) const;
  void AddAgency(std::string id, std::string name, std::string short_name, AgencySector sector);
  void AddUser(std::string id, std::string full_name, std::string agency_id, std::string position,
               UserRole role);
  Subject& AddPerson(SubjectKind kind, std::string id, std::string full_name, Gender gender,
                     std::string area_id, std::string description);
  Subject& AddChild(std::string id, std::string full_name, Gender gender, Date dob,
                    std::string school_id, std::string area_id, std::string description);
  void AddLocation(std::string id, std::string label, std::string address, std::string postcode,
                   VenueType venue, std::string area_id, std::string description);
  void AddGroup(std::string id, std::string label, GroupType type, std::string area_id,
                std::string description);
  void AddActivity(std::string id, std::string label, std::string area_id, std::string description);
  void AddObject(std::string id, std::string label, ObjectType type, std::string identifier,
                 std::string area_id, std::string description);
  Mapping& AddMappingRecord(std::string_view id, std::string title, MappingKind kind,
                            MappingTrigger trigger, Date trigger_date, std::string profile_id,
                            std::string chair, std::string co_chair);
  void AddMembers(std::string_view mapping_id, Date added_on,
                  const std::vector<std::string>& user_ids);
  MappingSubject& OnMap(std::string_view mapping_id, std::string subject_id, MappingRole role,
                        Date added_on, std::string notes = {});
  Link& AddLink(std::string id, std::string from, std::string to, LinkType type, Valence valence,
                int64_t strength, std::string_view origin_mapping_id, std::string notes = {});
  Meeting& AddMeeting(std::string id, std::string_view mapping_id, MeetingKind kind,
                      MeetingStatus status, Date date, std::string start_time, std::string venue,
                      std::string chair_user_id);
  void Attend(std::string_view meeting_id,
              const std::vector<std::pair<std::string, Attendance>>& who);
  // An item of intelligence about a subject or (ids starting "lnk-") a link, from a user.
  Information& AddIntel(std::string id, std::string about, std::string_view mapping_id,
                        std::string author_user_id, Date captured, Date recorded,
                        std::string_view grade, EvidenceBasis evidence, std::string text);
  // The same from a person who is not a user, on behalf of `agency_id`.
  Information& AddIntelFrom(std::string id, std::string about, std::string_view mapping_id,
                            std::string agency_id, std::string author, Date captured, Date recorded,
                            std::string_view grade, EvidenceBasis evidence, std::string text);
  void AddFactor(std::string id, std::string_view mapping_id, std::string subject_id,
                 FactorCategory category, std::string code, std::string text, Date recorded_on);
  void AddRisk(std::string id, std::string_view mapping_id, std::string subject_id,
               std::string meeting_id, std::string category, Date assessed_on,
               std::string decided_by, std::string rationale);
  KeyQuestion& AddQuestion(std::string id, std::string_view mapping_id, std::string about,
                           std::string owner_user_id, Date due_on, std::string question);
  Action& AddAction(std::string id, std::string_view mapping_id, ActionKind kind,
                    std::string owner_user_id, Date created_on, Date due_on, ActionStatus status,
                    std::vector<std::string> subject_ids, std::string description);
  void AddUpdate(std::string id, std::string action_id, Date updated_on, std::string author_user_id,
                 std::optional<ActionStatus> status, std::string text);
  Referral& AddReferral(std::string id, std::string_view mapping_id, std::string subject_id,
                        ReferralTarget target, ReferralStatus status, Date referred_on,
                        std::string by_agency_id, std::string outcome = {});
  Sighting Seen(Date on, std::string time, std::string location_id,
                std::vector<std::string> present, std::string seen_by, std::string agency_id);

  Clock clock_;
  std::vector<Agency> agencies_;
  std::vector<Area> areas_;
  std::vector<User> users_;
  std::vector<ProtocolProfile> profiles_;
  std::vector<Mapping> mappings_;
  std::vector<MappingMember> members_;
  std::vector<Subject> subjects_;
  std::vector<MappingSubject> mapping_subjects_;
  std::vector<Link> links_;
  std::vector<Meeting> meetings_;
  std::vector<Attendee> attendees_;
  std::vector<Information> information_;
  std::vector<HandlingApproval> approvals_;
  std::vector<Factor> factors_;
  std::vector<RiskAssessment> risks_;
  std::vector<KeyQuestion> questions_;
  std::vector<Action> actions_;
  std::vector<ActionUpdate> updates_;
  std::vector<Referral> referrals_;
  std::vector<MapSnapshot> snapshots_;
  std::vector<AgencySubmission> submissions_;
};

}  // namespace contextmap::demo

#endif  // CONTEXTMAP_DEMO_BUILDER_H_
