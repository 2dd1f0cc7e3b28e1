-- 008: names holding 𠮷 or 﨑, which had no reading before issue 19 (text.c
-- now reads them as 吉 and 崎), get their initials again, so `jtc` finds a
-- 𠮷田春 entered before.  Only those rows: every other name reads as before.
UPDATE member SET name_py = dj_pinyin(name, 1)
 WHERE instr(name, '𠮷') > 0 OR instr(name, '﨑') > 0;
UPDATE dev_case SET name_py = dj_pinyin(name, 1)
 WHERE instr(name, '𠮷') > 0 OR instr(name, '﨑') > 0;
UPDATE org SET name_py = dj_pinyin(name, 0)
 WHERE instr(name, '𠮷') > 0 OR instr(name, '﨑') > 0;
