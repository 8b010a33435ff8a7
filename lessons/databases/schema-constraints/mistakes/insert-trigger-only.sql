-- STRICT (SQLite 3.37+): a column refuses values of another type, as PostgreSQL's columns do.
CREATE TABLE rooms (
  id            INTEGER PRIMARY KEY,
  number        TEXT    NOT NULL UNIQUE,
  capacity      INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 8),
  nightly_cents INTEGER NOT NULL CHECK (nightly_cents > 0)
) STRICT;

CREATE TABLE bookings (
  id          INTEGER PRIMARY KEY,
  room_id     INTEGER NOT NULL REFERENCES rooms(id),   -- no ON DELETE: a booked room cannot be deleted
  guest_email TEXT    NOT NULL,
  check_in    TEXT    NOT NULL,
  check_out   TEXT    NOT NULL,
  guests      INTEGER NOT NULL CHECK (guests >= 1),
  status      TEXT    NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
  CHECK (check_out > check_in)
) STRICT;

-- Overlap spans rows, which CHECK cannot see: a trigger refuses it. Nights are half-open
-- [check_in, check_out): a stay may begin on the day another ends.
CREATE TRIGGER bookings_no_overlap_insert BEFORE INSERT ON bookings
WHEN NEW.status = 'confirmed' AND EXISTS (
  SELECT 1 FROM bookings AS b
  WHERE b.room_id = NEW.room_id AND b.status = 'confirmed'
    AND b.check_in < NEW.check_out AND NEW.check_in < b.check_out
)
BEGIN
  SELECT RAISE(ABORT, 'the room is already booked for some of those nights');
END;

