// (e) map-image-sharing: a thematic image sharing mapping, still in pre-mapping.
#include "demo/builder.h"

#include "contextmap/core/profiles.h"

namespace contextmap::demo {

// ============================================================================================
// (e) map-image-sharing: thematic image sharing mapping (prof-peer-mapping), pre-mapping
// ============================================================================================

void DemoBuilder::AddImagesMapping() {
  const Clock& c = clock_;
  Date opened = c.Ago(5);
  Mapping& m = AddMappingRecord(kImagesMap, "Network - image sharing in Year 9 at Mockbury Academy",
                                MappingKind::kThematic, MappingTrigger::kOther, c.Ago(6),
                                S(kProfilePeerMapping), "usr-02", "usr-07");
  m.trigger_detail =
      "A pupil told staff a private image of a classmate was shared in a Year 9 "
      "group chat.";
  m.status = MappingStatus::kPreMapping;
  m.area_ids = {"area-mockbury"};
  m.opened_on = opened;
  m.objectives = {"Understand who shared the image and how far it spread",
                  "Support the child in the image and the child who reported it"};

  AddMembers(kImagesMap, opened, {"usr-02", "usr-07", "usr-10", "usr-05"});
  using R = MappingRole;
  OnMap(kImagesMap, "sub-act-year9-chat", R::kAssociate, opened);
  OnMap(kImagesMap, "sub-obj-anon-account", R::kAssociate, opened);
  OnMap(kImagesMap, "sub-child-04", R::kCohortMember, opened,
        "The child in the image. Sister of Kai Sample (map-county-line).");
  OnMap(kImagesMap, "sub-child-09", R::kCohortMember, opened);
  OnMap(kImagesMap, "sub-child-10", R::kAssociate, opened, "Reported the image.");
  OnMap(kImagesMap, "sub-loc-mockbury-academy", R::kLocationOfConcern, opened);
  OnMap(kImagesMap, "sub-x-08", R::kKeyContact, opened);

  using L = LinkType;
  using V = Valence;
  AddLink("lnk-48", "sub-child-04", "sub-act-year9-chat", L::kFrequents, V::kUnknown, 2,
          kImagesMap);
  AddLink("lnk-49", "sub-child-09", "sub-act-year9-chat", L::kFrequents, V::kHarmful, 2,
          kImagesMap);
  AddLink("lnk-50", "sub-child-10", "sub-act-year9-chat", L::kFrequents, V::kNeutral, 1,
          kImagesMap);
  AddLink("lnk-51", "sub-child-09", "sub-obj-anon-account", L::kAssociate, V::kUnknown, 1,
          kImagesMap, "Suspected, not confirmed.");
  AddLink("lnk-account-chat", "sub-obj-anon-account", "sub-act-year9-chat", L::kAssociate,
          V::kHarmful, 2, kImagesMap);
  AddLink("lnk-52", "sub-child-04", "sub-child-10", L::kFriend, V::kProtective, 2, kImagesMap);
  AddLink("lnk-53", "sub-x-08", "sub-act-year9-chat", L::kKeyContactFor, V::kProtective, 2,
          kImagesMap);

  using E = EvidenceBasis;
  AddIntel("inf-chat-report", "sub-act-year9-chat", kImagesMap, "usr-07", c.DaysAgo(6),
           c.DaysAgo(6), "1BP", E::kEvidenced,
           "A pupil told staff that a private image of a classmate had been shared in a Year 9 "
           "group chat. Staff have not viewed the image and followed the school's safeguarding "
           "procedure.");
  AddIntel("inf-anon-account", "sub-obj-anon-account", kImagesMap, "usr-07", c.DaysAgo(5),
           c.DaysAgo(5), "2CP", E::kAnecdotal,
           "Pupils say the account that first posted the image was set up this term; some think "
           "Noah Dummy runs it.");

  AddMeeting("mtg-images-internal", kImagesMap, MeetingKind::kPreMapping, MeetingStatus::kPlanned,
             c.Ahead(4), "15:30", "Mockbury Academy, meeting room", "usr-02")
      .agenda = {Item("The concern"), Item("Testing the map"), Item("Outcomes"),
                 Item("Drawing and filing the map")};

  AddAction("act-images-who-saw", kImagesMap, ActionKind::kInformationGathering, "usr-07", opened,
            c.Ahead(3), ActionStatus::kInProgress, {"sub-act-year9-chat"},
            "List who is in the group chat and who saw or passed on the image, without viewing "
            "it.");
  AddQuestion("kq-images-account", kImagesMap, "sub-obj-anon-account", "usr-07", c.Ahead(3),
              "Who set up the account that first posted the image?");
  AddReferral("ref-13", kImagesMap, "sub-child-04", ReferralTarget::kChildrensSocialCare,
              ReferralStatus::kMade, c.Ago(5), "agy-mockbury-academy");
  Referral& noah = AddReferral("ref-14", kImagesMap, "sub-child-09", ReferralTarget::kEarlyHelp,
                               ReferralStatus::kPlanned, Date(), "agy-mockbury-academy");
  noah.target_detail = "To follow the pre-mapping session";
}

}  // namespace contextmap::demo
