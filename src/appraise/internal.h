/* internal.h — private to src/appraise/: what its files share. */
#ifndef DJ_APPRAISE_INTERNAL_H
#define DJ_APPRAISE_INTERNAL_H

#include "appraise/appraise.h"

#define AP_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"


/* The count columns in struct appraise_votes order, and their labels. */
extern const char *const ap_count_cols[AP_GROUPS * AP_KINDS];
extern const char *const ap_count_labels[AP_GROUPS * AP_KINDS];


#endif
