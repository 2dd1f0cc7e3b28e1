/* screens.h — the full-screen program's entry and the screens it opens. */
#ifndef DJ_SCREENS_H
#define DJ_SCREENS_H

#include "core/session.h"
#include "tui/app.h"

/* Starts the terminal, runs the main menu until the operator leaves, and
 * restores the terminal.  notice (may be NULL or ""): a fault to show on the
 * message line of the first screen (the writers' queue unusable).  Returns
 * the process exit code. */
int screens_run(struct session *s, const char *notice);

extern const struct screen main_menu_screen;
extern const struct screen org_tree_screen;
extern const struct screen org_list_screen;
extern const struct screen org_form_screen;
/* 导入党员名册 (screens/docs/import.c; 导入党组织 is the org tree's F9). */
extern const struct screen member_import_screen;

/* What org_form_screen opens: an existing record (id) or a new one under
 * a parent (name, may be ""). */
struct org_form_arg {
	long long id;
	char parent[128];
	long long saved_id;   /* set by the form: the record last saved, to select it */
};

/* Operators and the audit log (issue 6), admins only; the conflict dialog
 * every form uses is in screens/common/conflict.h. */
extern const struct screen user_browse_screen;
extern const struct screen user_form_screen;
extern const struct screen audit_browse_screen;

/* What user_form_screen opens: an operator (id) or a new one (0). */
struct user_form_arg {
	long long id;
	long long saved_id;   /* set by the form: the operator last saved */
};

/* 三会一课 and 党费 (issue 4): two sub-menus, the meeting ledger, form and
 * sign-in sheet, the compliance table with its detail and absentee list,
 * the dues month overview, month sheet and arrears list. */
extern const struct screen meeting_menu_screen;
extern const struct screen dues_menu_screen;
extern const struct screen meeting_browse_screen;
extern const struct screen meeting_form_screen;
extern const struct screen meeting_sheet_screen;
extern const struct screen compliance_browse_screen;
extern const struct screen compliance_detail_screen;
extern const struct screen compliance_absent_screen;
extern const struct screen dues_browse_screen;
extern const struct screen dues_sheet_screen;
extern const struct screen dues_arrears_screen;

/* What meeting_form_screen and meeting_sheet_screen open: a meeting (id,
 * 0 for a new one under `org`), and what they hand back. */
struct meeting_arg {
	long long id;
	char org[128];         /* a new meeting's organization ("" to choose) */
	long long saved_id;    /* set on return: the meeting last saved */
	long long read_version;/* set by the sheet: the meeting's version it read */
	long long new_version; /* set by the sheet after a save: the version now */
};

/* A subtree (0: the operator's scope) and a period or month, for the
 * compliance and dues screens. */
struct meeting_scope_arg {
	long long org_id;
	int period_kind;       /* enum period_kind (compliance.h) */
	int period_from, period_to;   /* month indices; 0: the current period */
	char asof[11];         /* compliance_absent_screen: as of this day ("" today) */
	char month[8];         /* dues screens: YYYY-MM ("" this month) */
	int saved;             /* set on return when something was saved */
};

/* 分类定级 (issue 5): the rounds, one round's menu, its settings, the score
 * sheet, the ledger with each organization's result, and rectification. */
extern const struct screen grading_rounds_screen;
extern const struct screen grading_hub_screen;
extern const struct screen grading_round_form_screen;
extern const struct screen grading_sheet_screen;
extern const struct screen grading_ledger_screen;
extern const struct screen grading_result_form_screen;
extern const struct screen rectify_list_screen;
extern const struct screen rectify_form_screen;

/* What the grading screens open: a round (0: a new one; for the
 * rectification list, every round) and a record in it (0: none or new);
 * saved_id comes back set to the record last saved. */
struct grading_arg {
	long long round_id;
	long long id;
	long long saved_id;
};

/* 党员管理 and 发展党员 (issue 3): the sub-menu, the roster of a subtree
 * (chosen from the organization tree or with F4), the member form with its
 * history, an event's own form, 党员结构, and the development cases with
 * their form and the 提醒 list. */
extern const struct screen member_menu_screen;
extern const struct screen member_scope_screen;
extern const struct screen member_list_screen;
extern const struct screen member_form_screen;
extern const struct screen member_event_screen;
extern const struct screen member_history_screen;
extern const struct screen member_stats_screen;
extern const struct screen dev_list_screen;
extern const struct screen dev_form_screen;
extern const struct screen dev_remind_screen;
extern const struct screen member_receipts_screen;

/* 党内统计 (issue 16, src/stats/stats.h): the menu of the year-end tables;
 * the table screens and their lists are screens/stats' own. */
extern const struct screen stats_menu_screen;

/* The subtree a member or development list covers (0: the operator's scope). */
struct member_scope_arg {
	long long root;
};

/* What member_form_screen opens: a member (id), or a new one (0) in the
 * branch `org` ("" to choose), entered in entry mode; transfer_in asks for
 * the 转入 details too.  saved_id comes back set to the member last saved. */
struct member_form_arg {
	long long id;
	char org[128];
	int transfer_in;
	long long saved_id;
};

/* What member_event_screen and member_history_screen open: a member and,
 * for the event form, the event type; done comes back 1 when recorded. */
struct member_event_arg {
	long long member_id;
	char type[16];
	int done;
};

/* What dev_form_screen opens: a case (id) or a new applicant (0) in `org`. */
struct dev_form_arg {
	long long id;
	char org[128];
	long long saved_id;
};

/* The honours register (issue 14, src/honour/honour.h): the ledger (arg
 * NULL, or a struct honour_arg naming the one recipient listed) and one
 * honour's form. */
struct honour_arg {
	int64_t id;              /* the honour opened; 0: a new one */
	const char *kind;        /* "member", "org": the one recipient listed and given new
	                            honours; NULL: the whole ledger, chosen on the form */
	int64_t recipient_id;    /* … that member or organization */
	long long saved_id;      /* back: the honour last saved, for the ledger to select */
	int changed;
	int year;                /* the ledger opened on this year (0: all) … */
	const char *title;       /* … and title (NULL: all), from the year's summary */
};
extern const struct screen honour_menu_screen;
extern const struct screen honour_ledger_screen;
extern const struct screen honour_form_screen;
extern const struct screen honour_summary_screen;

/* 示范工程 (issue 14, src/showcase/showcase.h): the ledgers of 党员示范岗,
 * 党员示范寝室 and 党建示范点 (arg NULL) and one record's form (a struct
 * showcase_arg), each with its notes, 考核 and checks. */
struct showcase_arg {
	int64_t id;              /* the record opened; 0: a new one */
	long long saved_id;      /* back: the record last saved, for the ledger to select */
	int changed;
};
extern const struct screen showcase_post_ledger_screen;
extern const struct screen showcase_post_form_screen;
extern const struct screen showcase_note_form_screen;   /* arg: struct showcase_note_arg */
extern const struct screen showcase_dorm_ledger_screen;
extern const struct screen showcase_dorm_form_screen;
extern const struct screen showcase_check_form_screen;  /* arg: struct showcase_arg, id the dorm's */
extern const struct screen showcase_point_ledger_screen;
extern const struct screen showcase_point_form_screen;
/* A note of post `post_id` of kind 跟踪 or 检查; done back 1 when added. */
struct showcase_note_arg {
	int64_t post_id;
	const char *kind;
	int done;
};

/* 表彰推荐评选 (issue 14, src/honour/nominate.h): the cycles, a cycle's
 * settings, the nominations of a cycle with their steps (F9), and one
 * nomination's form with its evidence and the rules it fails. */
struct nominate_arg {
	int64_t cycle_id;        /* the cycle listed, or whose settings are open; 0: new */
	int64_t id;              /* the nomination opened; 0: a new one */
	long long saved_id;      /* back: the record last saved, for the list to select */
	int changed;
};
extern const struct screen nominate_cycles_screen;
extern const struct screen nominate_cycle_form_screen;
extern const struct screen nominate_ledger_screen;
extern const struct screen nominate_form_screen;

/* 立项 and 标杆学院/样板支部 创建 (issue 12, src/review/review.h): the batches
 * of one kind with a batch's settings, a batch's ledger of applications, an
 * application's form with its steps (F9), and what an application keeps:
 * its notes (阶段小结, 中期检查, 结题报告 …), tasks, funds, the acceptance
 * score sheet, and the evidence from the records. */
extern const struct screen review_batches_screen;
extern const struct screen review_batch_form_screen;
extern const struct screen review_ledger_screen;
extern const struct screen review_app_form_screen;
extern const struct screen review_sheet_screen;
extern const struct screen review_notes_screen;
extern const struct screen review_note_form_screen;
extern const struct screen review_tasks_screen;
extern const struct screen review_task_form_screen;
extern const struct screen review_funds_screen;
extern const struct screen review_fund_form_screen;
extern const struct screen review_evidence_screen;
/* The main menu's entries take no argument: the batches of each kind. */
extern const struct screen review_project_batches_screen;
extern const struct screen review_create_batches_screen;

/* What the review screens open.  review_batches_screen: the batches of
 * `kind`; review_batch_form_screen: batch_id (0: a new one of `kind`);
 * review_ledger_screen: batch_id; review_app_form_screen: application id
 * (0: a new one in batch_id); the others: application id, and sub_id the
 * note, task or fund line (0: a new one, a note of note_kind). */
struct review_arg {
	int kind;              /* enum review_kind */
	long long batch_id;
	long long id;          /* the application */
	long long sub_id;      /* a note, task or fund line */
	char note_kind[16];    /* a new note's kind (阶段小结 …) */
	long long saved_id;    /* set on return: the record last saved */
	int changed;           /* set on return: something was saved (state, money, scores) */
};

/* 督导 (issue 13, src/supervise/supervise.h): the period ledger of a
 * recurring duty (arg NULL) and one organization's report for a duty and
 * period (a struct supervise_report_arg), which 待办 opens for a
 * TODO_REPORT item (org_id = its id, period = its ref, duty = its what). */
struct supervise_report_arg {
	int64_t org_id;
	char duty[32];
	char period[16];
	long long saved_id;      /* back: the organization last saved, for the ledger to select */
	int changed;
	int heads_down;          /* after a save, go on to the next organization 未报 */
};
extern const struct screen supervise_report_ledger_screen;
extern const struct screen supervise_report_form_screen;
/* 督导检查: the inspections, and one inspection with the organizations it
 * visited (a struct supervise_arg, id the inspection's; 0 a new one); the
 * follow-ups not done, where Enter records one done; one follow-up (a
 * struct supervise_arg, id the inspection_org line's — 待办's
 * TODO_FOLLOWUP id) opens its inspection. */
struct supervise_arg {
	int64_t id;
	int64_t liaison_id;      /* a new visit (id 0) of this liaison: 待办's TODO_VISIT id */
	long long saved_id;      /* back: the record last saved, for the ledger to select */
	int changed;
};
extern const struct screen supervise_inspection_ledger_screen;
extern const struct screen supervise_inspection_form_screen;
extern const struct screen supervise_followup_ledger_screen;
extern const struct screen supervise_followup_form_screen;
/* 联系点走访: the visits and, with Tab, the 联系领导 who have not visited
 * for N months; one visit (a struct supervise_arg: id the visit's, or 0
 * with liaison_id for a new visit of that liaison). */
extern const struct screen supervise_visit_ledger_screen;
extern const struct screen supervise_visit_form_screen;

/* 工作计划与督导 (issue 13): the submenu on the main menu's key 9. */
extern const struct screen plan_menu_screen;

/* 述职评议 (issue 13, src/appraise/appraise.h): the rounds, a round's
 * 评议录入 sheet (round_id), and one organization's line
 * (appraise_line_form_screen): line `id`, or when id is 0 the line of
 * org_id in the latest round of `year` — what the 待办 screen opens for a
 * TODO_APPRAISE item (id the org, year in ref). */
struct appraise_arg {
	long long round_id;
	long long id;          /* the line */
	long long org_id;      /* with year: find the line (id 0) */
	int year;
	long long saved_id;    /* set on return: the round or line last saved */
	int changed;           /* set on return: something was saved */
};
extern const struct screen appraise_rounds_screen;
extern const struct screen appraise_round_form_screen;  /* round_id (0: a new round) */
extern const struct screen appraise_sheet_screen;       /* round_id */
extern const struct screen appraise_line_form_screen;   /* id, or org_id + year */

/* 民主评议党员 (issue 20, src/evaluate/evaluate.h): the rounds, a round's
 * settings (round_id, 0 a new one), its 评议表 sheet (round_id), one line's
 * 自评 and votes (id the line), a 不合格 follow-up (id the follow-up: what
 * the 待办 screen opens for a TODO_EVALUATE item), and one member's results
 * by year (member_id). */
struct evaluate_arg {
	long long round_id;
	long long id;          /* the line, or the follow-up */
	long long member_id;
	long long saved_id;    /* set on return: the record last saved */
	int changed;           /* set on return: something was saved */
};
extern const struct screen evaluate_rounds_screen;
extern const struct screen evaluate_round_form_screen;    /* round_id */
extern const struct screen evaluate_sheet_screen;         /* round_id */
extern const struct screen evaluate_line_form_screen;     /* id: the line */
extern const struct screen evaluate_followup_form_screen; /* id: the follow-up */
extern const struct screen evaluate_member_screen;        /* member_id */
/* 教育培训学时 (issue 20, src/training/training.h): the submenu on 党员管理's
 * key 9, the sessions, one session (id; 0: a new one), its 参训名单 (id),
 * and the 学时台账. */
struct training_arg {
	long long id;
	long long saved_id;    /* set on return: the session last saved */
	int changed;           /* set on return: something was saved */
};
extern const struct screen training_menu_screen;
extern const struct screen training_list_screen;
extern const struct screen training_form_screen;
extern const struct screen training_sheet_screen;
extern const struct screen training_ledger_screen;

/* 通报 (issue 13, src/bulletin/bulletin.h): the saved ones, and one of them
 * (id), or when id is 0 a new one drafted for [from, to] under root. */
struct bulletin_arg {
	long long id;
	long long root;        /* a new one: the scope (0: the operator's) */
	char from[11], to[11]; /* a new one: the period */
	long long saved_id;
	int changed;
};
extern const struct screen bulletin_list_screen;
extern const struct screen bulletin_form_screen;
/* 今日待办 (issue 13, src/todo/todo.h): every module's late and due items
 * in the operator's scope (arg NULL); Enter opens the record by its kind
 * through the screen's opener table. */
extern const struct screen todo_screen;
/* 工作计划 (issue 13, src/plan/plan.h): the plans, one plan's form with its
 * phases, the task ledger of a plan, one task's form (责任人, targets,
 * deadline or phase, progress notes), the branch lines of a split task,
 * and the 责任人 view.  What they open is a struct plan_arg:
 *   plan_form_screen        plan_id (0: a new plan)
 *   plan_phase_form_screen  plan_id, id the phase (0: new ones, 连续录入)
 *   plan_tasks_screen       plan_id (0: the latest plan in scope); arg NULL too
 *   plan_task_form_screen   id the task (0: new ones in plan_id, 连续录入) —
 *                           what 待办 opens for a TODO_TASK item
 *   plan_lines_screen       id the task;  plan_line_form_screen: id the line */
struct plan_arg {
	int64_t plan_id;
	int64_t id;
	long long saved_id;      /* back: the record last saved, for the list to select */
	int changed;
};
extern const struct screen plan_list_screen;
extern const struct screen plan_form_screen;
extern const struct screen plan_phase_form_screen;
extern const struct screen plan_tasks_screen;
extern const struct screen plan_task_form_screen;
extern const struct screen plan_lines_screen;
extern const struct screen plan_line_form_screen;
extern const struct screen plan_people_screen;

/* 关怀帮扶 (issue 20, src/care/care.h): the submenu under 党员管理; the
 * register of 关怀对象 and one entry's form; the 慰问 records and one
 * visit's form; 本年未慰问; the 七一 and 春节 慰问名单.  What they open is a
 * struct care_arg:
 *   care_case_form_screen   id the entry (0: a new one)
 *   care_visit_form_screen  id the visit, or 0 with member_id: a new visit of that member
 * (the lists take no argument: one screen for each festival). */
struct care_arg {
	int64_t id;
	int64_t member_id;
	long long saved_id;      /* back: the record last saved, for the list to select */
	int changed;
};
extern const struct screen care_menu_screen;
extern const struct screen care_cases_screen;
extern const struct screen care_case_form_screen;
extern const struct screen care_visits_screen;
extern const struct screen care_visit_form_screen;
extern const struct screen care_unvisited_screen;
extern const struct screen care_july1_list_screen;
extern const struct screen care_spring_list_screen;

#endif
