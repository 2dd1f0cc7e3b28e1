/* rowslice.h — for row sources that hold their rows in display order at
 * places 0 … n-1 of an array (rows computed in memory, the organization
 * tree's visible nodes): which places answer a fetch, and a place's key.
 *
 * A key's sort text is its place, so the grid's anchors stay valid until the
 * array is rebuilt (a refresh, find or sort); after that the grid finds its
 * rows again by id. */
#ifndef DJ_ROWSLICE_H
#define DJ_ROWSLICE_H

#include <stdint.h>
#include <stdio.h>

#include "core/rowsource.h"

/* The places [*from, *to) that answer row_source.fetch(anchor, dir, n) in a
 * list of `total` rows whose anchor stands at place `at` (-1: no anchor, or
 * one no longer listed, which starts the list from the top). */
static inline void rowslice_range(int total, int at, int dir, int n, int *from, int *to)
{
	int first;
	if (dir > 0 || (dir == 0 && at < 0))
		first = at >= 0 ? at + 1 : 0;
	else if (dir == 0)
		first = at;
	else
		first = (at >= 0 ? at : total) - n;
	int end = dir < 0 ? (at >= 0 ? at : total) : first + n;
	*from = first < 0 ? 0 : first;
	*to = end > total ? total : end;
}

static inline void rowslice_key(struct rs_key *out, int place, int64_t id)
{
	snprintf(out->sort, RS_SORT, "%08d", place);
	out->id = id;
}

/* row_source.ordinal and .key_of for a row at `place` (-1: not listed). */
static inline long rowslice_ordinal(int place)
{
	return place < 0 ? -1 : place + 1;
}

static inline int rowslice_key_of(int place, int64_t id, struct rs_key *out)
{
	if (place < 0)
		return -1;
	rowslice_key(out, place, id);
	return 0;
}

#endif
