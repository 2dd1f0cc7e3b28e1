/* sources.c — the 通报's sources, in the order its sections read.  A module
 * that knows a shortfall adds its line here (one line each). */
#include "bulletin/bulletin.h"
#include "plan/plan.h"
#include "supervise/supervise.h"

const struct bulletin_source_entry bulletin_sources[] = {
	{ bulletin_meeting_short, "三会一课落实情况" },
	{ bulletin_rectify_overdue, "整改台账" },
	{ supervise_bulletin_reports, "工作汇报" },
	{ plan_bulletin_overdue, "任务台账" },
	{ supervise_bulletin_followups, "督导整改" },
};
const int bulletin_nsources = sizeof bulletin_sources / sizeof *bulletin_sources;

const char *bulletin_section_heading(int section)
{
	switch (section) {
	case BUL_REPORT_MISSING: return "月度工作汇报未按时报送的支部";
	case BUL_TASK_OVERDUE: return "逾期未完成的任务";
	case BUL_MEETING_SHORT: return "“三会一课”落实不到位的支部";
	case BUL_RECTIFY_OVERDUE: return "整改逾期的党组织";
	case BUL_FOLLOWUP_OPEN: return "督导检查发现问题整改未落实的党组织";
	default: return "其他";
	}
}
