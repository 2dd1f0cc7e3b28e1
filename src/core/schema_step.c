/* schema_step.c — the migrations' steps in C (schema.h). */
#include "core/schema.h"

#include "core/audit_chain.h"

static const struct {
	int version;
	int (*run)(sqlite3 *db);
} steps[] = {
	{ 9, audit_chain_migrate },
};

int migration_step(sqlite3 *db, int version)
{
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
		if (steps[i].version == version)
			return steps[i].run(db);
	return SQLITE_OK;
}
