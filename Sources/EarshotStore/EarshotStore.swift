// The SQLite store (issue 7) is written here.
