#include <sqlite3.h>

// A virtual table over one of recbook's tables: SQLite's base struct first, as SQLite requires,
// then the Swift object that holds the columns (retained while the table exists).
typedef struct RecbookVirtualTable {
    sqlite3_vtab base;
    void *source;
} RecbookVirtualTable;

// A scan over a RecbookVirtualTable: how far it has gone, and the Swift object that reads its
// rows in the scan's order (owned by the table).
typedef struct RecbookCursor {
    sqlite3_vtab_cursor base;
    sqlite3_int64 position;
    void *scan;
} RecbookCursor;

// SQLITE_TRANSIENT is a cast macro that Swift cannot import: SQLite copies the text at once.
static inline sqlite3_destructor_type recbook_sqlite_transient(void) { return SQLITE_TRANSIENT; }
