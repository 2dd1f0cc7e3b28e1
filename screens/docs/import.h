/* import.h — importing a roster or the organizations from the screens: the
 * operator names a file (CSV or .xlsx, and a sheet for a workbook), the
 * import runs all or nothing with its progress on the message line, and
 * the report — every problem row, the columns read under another name, the
 * title rows skipped, the count — opens in the text viewer. */
#ifndef DJ_SCREENS_DOCS_IMPORT_H
#define DJ_SCREENS_DOCS_IMPORT_H

#include "core/session.h"

enum import_kind { IMPORT_MEMBERS, IMPORT_ORGS };

/* Asks for the file and runs the import.  Returns the records imported
 * (0 also when cancelled or refused; the message line says which). */
int import_run(struct session *s, enum import_kind kind);

#endif
