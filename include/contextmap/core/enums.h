// The closed vocabularies of the model (DOMAIN.md), each an enum class with its wire names.
//
// Every enum here has an EnumNames<E> specialisation (CM_ENUM_NAMES, enum_names.h) listing the
// snake_case name used in JSON, SQL and the API, in declaration order; a list with a name too
// few or too many does not compile. Adding a value at the end is a compatible change; renaming
// or reordering one is not (names are stored).
#ifndef CONTEXTMAP_CORE_ENUMS_H_
#define CONTEXTMAP_CORE_ENUMS_H_

#include "contextmap/core/enum_names.h"

namespace contextmap {

// --- partnership -----------------------------------------------------------------------------
enum class AgencySector {
  kPolice,
  kChildrensSocialCare,
  kEarlyHelp,
  kEducation,
  kHealth,
  kYouthJustice,
  kYouthService,
  kProbation,
  kHousing,
  kCommunitySafety,
  kVoluntary,
  kLocalAuthority,
  kOther
};
CM_ENUM_NAMES(AgencySector, "police", "childrens_social_care", "early_help", "education", "health",
              "youth_justice", "youth_service", "probation", "housing", "community_safety",
              "voluntary", "local_authority", "other");

enum class AreaKind { kCounty, kUnitary, kDistrict, kBorough, kWard, kNeighbourhood, kOther };
CM_ENUM_NAMES(AreaKind, "county", "unitary", "district", "borough", "ward", "neighbourhood",
              "other");

enum class UserRole { kAdministrator, kChair, kAnalyst, kPractitioner, kStrategicViewer };
CM_ENUM_NAMES(UserRole, "administrator", "chair", "analyst", "practitioner", "strategic_viewer");

// --- mappings --------------------------------------------------------------------------------
enum class MappingKind { kIndividual, kPeerGroup, kPlace, kThematic };
CM_ENUM_NAMES(MappingKind, "individual", "peer_group", "place", "thematic");

enum class MappingTrigger {
  kStrategyDiscussion,
  kSection47,
  kExploitationPanel,
  kSingleAssessment,
  kMaceReferral,
  kSignificantIncident,
  kOther
};
CM_ENUM_NAMES(MappingTrigger, "strategy_discussion", "section_47", "exploitation_panel",
              "single_assessment", "mace_referral", "significant_incident", "other");

enum class MappingStatus { kPreMapping, kActive, kReview, kClosed };
CM_ENUM_NAMES(MappingStatus, "pre_mapping", "active", "review", "closed");

enum class MappingLevel { kNone, kBronze, kSilver };
CM_ENUM_NAMES(MappingLevel, "none", "bronze", "silver");

// The part a subject plays in one mapping.
enum class MappingRole {
  kSubjectChild,
  kCohortMember,
  kAssociate,
  kAdultOfConcern,
  kLocationOfConcern,
  kKeyContact
};
CM_ENUM_NAMES(MappingRole, "subject_child", "cohort_member", "associate", "adult_of_concern",
              "location_of_concern", "key_contact");

// --- subjects --------------------------------------------------------------------------------
enum class SubjectKind {
  kChild,
  kAdult,
  kParentCarer,
  kProfessional,
  kLocation,
  kGroup,
  kActivity,
  kObject
};
CM_ENUM_NAMES(SubjectKind, "child", "adult", "parent_carer", "professional", "location", "group",
              "activity", "object");
constexpr bool IsPerson(SubjectKind k) { return k <= SubjectKind::kProfessional; }

enum class Gender { kFemale, kMale, kNonBinary, kOther, kUnknown };
CM_ENUM_NAMES(Gender, "female", "male", "non_binary", "other", "unknown");

enum class DobPrecision { kExact, kApproximate, kUnknown };
CM_ENUM_NAMES(DobPrecision, "exact", "approximate", "unknown");

enum class VenueType {
  kHome,
  kSchool,
  kPark,
  kHotel,
  kTakeaway,
  kTrapHouse,
  kTransportHub,
  kShop,
  kYouthClub,
  kHostel,
  kResidentialCare,
  kLeisure,
  kOther
};
CM_ENUM_NAMES(VenueType, "home", "school", "park", "hotel", "takeaway", "trap_house",
              "transport_hub", "shop", "youth_club", "hostel", "residential_care", "leisure",
              "other");

enum class GroupType { kPeerGroup, kGang, kOrganisedCrimeGroup, kDrugLine, kOther };
CM_ENUM_NAMES(GroupType, "peer_group", "gang", "organised_crime_group", "drug_line", "other");

enum class ObjectType { kVehicle, kPhoneNumber, kOnlineAccount, kOther };
CM_ENUM_NAMES(ObjectType, "vehicle", "phone_number", "online_account", "other");

enum class CaseStatus { kOpen, kClosed, kNotOpen };
CM_ENUM_NAMES(CaseStatus, "open", "closed", "not_open");

// --- links -----------------------------------------------------------------------------------
enum class LinkType {
  kFriend,
  kBestFriend,
  kSibling,
  kCousin,
  kPartner,
  kFamily,
  kAssociate,
  kRival,
  kExploits,
  kControls,
  kRecruitedBy,
  kLivesAt,
  kStaysAtWhenMissing,
  kAttends,
  kFrequents,
  kSeenAt,
  kArrestedAt,
  kMemberOf,
  kKeyContactFor
};
CM_ENUM_NAMES(LinkType, "friend", "best_friend", "sibling", "cousin", "partner", "family",
              "associate", "rival", "exploits", "controls", "recruited_by", "lives_at",
              "stays_at_when_missing", "attends", "frequents", "seen_at", "arrested_at",
              "member_of", "key_contact_for");

enum class Valence { kProtective, kNeutral, kHarmful, kUnknown };
CM_ENUM_NAMES(Valence, "protective", "neutral", "harmful", "unknown");

enum class LinkStatus { kCurrent, kHistoric };
CM_ENUM_NAMES(LinkStatus, "current", "historic");

// --- information (3x5x2 grading) ---------------------------------------------------------------
enum class SourceEvaluation { k1, k2, k3 };  // reliable, untested, not reliable
CM_ENUM_NAMES(SourceEvaluation, "1", "2", "3");

enum class IntelAssessment { kA, kB, kC, kD, kE };
CM_ENUM_NAMES(IntelAssessment, "A", "B", "C", "D", "E");

enum class HandlingCode { kP, kC };  // lawful sharing permitted / sharing with conditions
CM_ENUM_NAMES(HandlingCode, "P", "C");

enum class EvidenceBasis { kEvidenced, kAnecdotal };
CM_ENUM_NAMES(EvidenceBasis, "evidenced", "anecdotal");

// --- plan ------------------------------------------------------------------------------------
enum class FactorCategory { kVulnerability, kRisk, kStrength, kConcern };
CM_ENUM_NAMES(FactorCategory, "vulnerability", "risk", "strength", "concern");

enum class QuestionStatus { kOpen, kAnswered, kClosedUnanswered };
CM_ENUM_NAMES(QuestionStatus, "open", "answered", "closed_unanswered");

enum class ActionKind {
  kInformationGathering,
  kSafeguardingIntervention,
  kDisruption,
  kReferral,
  kPlaceBased,
  kCommunication,
  kOther
};
CM_ENUM_NAMES(ActionKind, "information_gathering", "safeguarding_intervention", "disruption",
              "referral", "place_based", "communication", "other");

enum class ActionStatus { kOpen, kInProgress, kDone, kCancelled };
CM_ENUM_NAMES(ActionStatus, "open", "in_progress", "done", "cancelled");
constexpr bool IsOpen(ActionStatus s) {
  return s == ActionStatus::kOpen || s == ActionStatus::kInProgress;
}

enum class ReferralTarget {
  kChildrensSocialCare,
  kStrategyMeeting,
  kDrugAlcoholService,
  kIntelligenceMeeting,
  kMace,
  kEarlyHelp,
  kYouthJustice,
  kNationalReferralMechanism,
  kLado,
  kHealth,
  kOther
};
CM_ENUM_NAMES(ReferralTarget, "childrens_social_care", "strategy_meeting", "drug_alcohol_service",
              "intelligence_meeting", "mace", "early_help", "youth_justice",
              "national_referral_mechanism", "lado", "health", "other");

enum class ReferralStatus { kPlanned, kMade, kAccepted, kDeclined };
CM_ENUM_NAMES(ReferralStatus, "planned", "made", "accepted", "declined");

// --- meetings --------------------------------------------------------------------------------
enum class MeetingKind { kPreMapping, kInitial, kExternal, kReview, kBronze, kSilver };
CM_ENUM_NAMES(MeetingKind, "pre_mapping", "initial", "external", "review", "bronze", "silver");

enum class MeetingStatus { kPlanned, kHeld, kCancelled };
CM_ENUM_NAMES(MeetingStatus, "planned", "held", "cancelled");

enum class Attendance { kPresent, kApologies, kAbsent };
CM_ENUM_NAMES(Attendance, "present", "apologies", "absent");

enum class SubmissionStatus { kDraft, kSubmitted, kWithdrawn };
CM_ENUM_NAMES(SubmissionStatus, "draft", "submitted", "withdrawn");

// The headings of a pre-meeting agency submission (one row per subject).
enum class SubmissionSection {
  kConcerns,
  kLinkedContexts,
  kLinkedPeople,
  kKeyContacts,
  kKeyQuestions
};
CM_ENUM_NAMES(SubmissionSection, "concerns", "linked_contexts", "linked_people", "key_contacts",
              "key_questions");

// --- protocol profiles -----------------------------------------------------------------------
enum class TimescaleUnit { kWorkingDays, kCalendarDays, kWeeks, kMonths, kHours };
CM_ENUM_NAMES(TimescaleUnit, "working_days", "calendar_days", "weeks", "months", "hours");

// What a timescale makes due.
enum class TimescaleKind {
  kFirstMeeting,         // mapping meeting after the trigger
  kInitialSession,       // internal session after the concern is identified
  kExternalSession,      // first session with external agencies after the initial one
  kSubjectsToInvitees,   // list of subjects sent before a session (amount is "before")
  kMinutesCirculated,    // after each meeting
  kMinutesOnCaseRecord,  // minutes and map filed on each key subject's record
  kReviewMeeting,        // after the last meeting
  kStrategicReport,      // periodic report to the strategic group
  kClosureReport         // after closure
};
CM_ENUM_NAMES(TimescaleKind, "first_meeting", "initial_session", "external_session",
              "subjects_to_invitees", "minutes_circulated", "minutes_on_case_record",
              "review_meeting", "strategic_report", "closure_report");

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_ENUMS_H_
