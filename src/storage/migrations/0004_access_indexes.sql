-- Migration 4: indexes for the need-to-know check every signed-in request makes.
--
-- access::Access finds the mappings a user belongs to by mapping_members.user_id and by
-- mappings.chair_user_id and co_chair_user_id. Without these indexes each request scanned
-- every membership and every mapping, which at county scale (thousands of mappings and tens of
-- thousands of members) is the cost of the whole request.
-- Never edit this file once released: add a new numbered migration instead.

CREATE INDEX mapping_members_user_id ON mapping_members (user_id);
CREATE INDEX mappings_chair_user_id ON mappings (chair_user_id);
CREATE INDEX mappings_co_chair_user_id ON mappings (co_chair_user_id);
