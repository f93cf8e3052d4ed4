#include "contextmap/core/model.h"

#include <gtest/gtest.h>

namespace contextmap {
namespace {

TEST(ModelTest, OwnMappingIdIsTheMappingARecordNamesItself) {
  Mapping mapping;
  mapping.id = "map-one";
  EXPECT_EQ(OwnMappingId(mapping), "map-one");
  Action action;
  action.id = "act-one";
  action.mapping_id = "map-two";
  EXPECT_EQ(OwnMappingId(action), "map-two");
  Information anchored_elsewhere;
  anchored_elsewhere.subject_id = "sub-one";
  EXPECT_EQ(OwnMappingId(anchored_elsewhere), "");  // optional, and not given
  anchored_elsewhere.mapping_id = "map-three";
  EXPECT_EQ(OwnMappingId(anchored_elsewhere), "map-three");
  // Named through a parent, or on no mapping of their own: nothing.
  Attendee attendee;
  attendee.meeting_id = "mtg-one";
  EXPECT_EQ(OwnMappingId(attendee), "");
  ActionUpdate update;
  update.action_id = "act-one";
  EXPECT_EQ(OwnMappingId(update), "");
  Subject subject;
  subject.id = "sub-one";
  EXPECT_EQ(OwnMappingId(subject), "");
}

}  // namespace
}  // namespace contextmap
