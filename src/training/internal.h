/* internal.h — private to src/training/: what its files share. */
#ifndef DJ_TRAINING_INTERNAL_H
#define DJ_TRAINING_INTERNAL_H

#include "training/training.h"

#define TRN_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"


#endif
