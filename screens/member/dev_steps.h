/* dev_steps.h — 发展程序: the 细则's steps of one development case (arg: the
 * case's struct dev_form_arg), opened with F8 from 发展党员登记表. */
#ifndef DJ_SCREENS_DEV_STEPS_H
#define DJ_SCREENS_DEV_STEPS_H

#include "tui/app.h"

extern const struct screen dev_steps_screen;

#endif
