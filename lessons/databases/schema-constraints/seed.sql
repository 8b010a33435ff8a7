-- The hotel's database starts empty: your statements create its tables.
-- Foreign keys are enforced, as in PostgreSQL (SQLite leaves them off unless asked).
PRAGMA foreign_keys = ON;
