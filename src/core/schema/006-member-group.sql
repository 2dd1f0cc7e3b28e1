-- 006: a member's 党小组 (issue 19).  A member belongs to a 党支部 (org_id)
-- and, optionally, to one of its 党小组 (group_id; NULL = none), so a
-- 党小组会's sign-in sheet lists the group's members.  That the group is a
-- 党小组 of the member's own branch is checked by src/member on every save
-- path (form, import, moves); a move to another branch clears it.
-- Statistics keep counting members by org_id, once each.

ALTER TABLE member ADD COLUMN group_id INTEGER REFERENCES org(id);
CREATE INDEX member_group ON member(group_id, status, name_py) WHERE group_id IS NOT NULL;
