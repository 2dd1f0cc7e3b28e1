/* plan_keys.h — the keys an office types to enter seed 003's 实施方案 in
 * 9 工作计划与督导 → 1 工作计划 (shared by the plan tests). */
#ifndef DANGJIAN_TESTS_E2E_PLAN_KEYS_H
#define DANGJIAN_TESTS_E2E_PLAN_KEYS_H

#include <stdio.h>

#include "app.h"

/* Types `text` (nothing when "") and Enter to the next field. */
static inline void plan_keys_field(struct vt *vt, const char *text)
{
    if (*text)
        vt_type(vt, text);
    vt_key(vt, VT_KEY_ENTER);
}

/* One phase in 连续录入: name, from ("" keeps the default), to, F2. */
static inline void plan_keys_phase(struct vt *vt, int n, const char *name, const char *from,
                                   const char *to)
{
    char saved[64];
    plan_keys_field(vt, name);
    plan_keys_field(vt, from);
    vt_type(vt, to);
    vt_key(vt, VT_KEY_F2);
    snprintf(saved, sizeof saved, "已保存第 %d 个阶段「%s」", n, name);
    app_wait_row(vt, 22, saved);
}

/* From the plan list: F6 the plan `name` of `org` with 驿委(2012)38号, F9
 * its four phases one after another, then F9 its 任务台账, left empty and
 * ready for F6. */
static inline void plan_keys_seed003(struct vt *vt, const char *name, const char *org)
{
    char saved[160];
    app_wait(vt, "工作计划（实施方案）");
    app_settle(vt);
    vt_key(vt, VT_KEY_F6);
    app_wait(vt, "新增工作计划");
    app_settle(vt);
    plan_keys_field(vt, "");                         /* 年度 2026 */
    plan_keys_field(vt, "");                         /* 印发日期: today */
    app_settle(vt);
    plan_keys_field(vt, name);
    plan_keys_field(vt, org);
    vt_type(vt, "驿委(2012)38号");
    vt_key(vt, VT_KEY_F2);
    snprintf(saved, sizeof saved, "已保存工作计划「%s」", name);
    app_wait_row(vt, 22, saved);

    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "新增阶段（连续录入）");
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "新增工作阶段（连续录入");
    app_settle(vt);
    plan_keys_phase(vt, 1, "动员部署", "", "2026-04-25");
    plan_keys_phase(vt, 2, "分类定级", "2026-03-01", "2026-04-30");
    plan_keys_phase(vt, 3, "深入实施", "2026-05-01", "2026-08-31");
    plan_keys_phase(vt, 4, "总结验收", "2026-08-01", "2026-09-30");
    app_wait(vt, "已录入 4 个");
    vt_key(vt, VT_KEY_ESC);
    app_wait(vt, "4 总结验收");
    app_wait(vt, "1 动员部署");

    vt_key(vt, VT_KEY_F9);
    app_wait(vt, "任务台账");
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_DOWN);
    vt_key(vt, VT_KEY_ENTER);
    app_wait(vt, "本计划暂无任务，按 F6 新增");
}

#endif
