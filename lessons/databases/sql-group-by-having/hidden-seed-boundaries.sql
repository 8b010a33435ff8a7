-- Orders on the first and last seconds of March and of the months around it; totals at the threshold.
CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE
);
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  status      TEXT NOT NULL CHECK (status IN ('paid', 'pending', 'refunded')),
  placed_at   TEXT NOT NULL,        -- ISO 8601 in UTC, e.g. '2026-03-01T12:00:00Z'
  total_cents INTEGER NOT NULL      -- 1999 means 19.99
);

INSERT INTO customers (id, name, email) VALUES
  (1, 'Early Bird', 'early@example.com'),
  (2, 'Night Owl',  'owl@example.com'),
  (3, 'April Fool', 'april@example.com'),
  (4, 'Just Under', 'under@example.com'),
  (5, 'Right On',   'on@example.com'),
  (6, 'Feb Last',   'feb@example.com');
INSERT INTO orders (id, customer_id, status, placed_at, total_cents) VALUES
  (1, 1, 'paid', '2026-03-01T00:00:00Z', 6000),
  (2, 2, 'paid', '2026-03-31T23:59:59Z', 5200),
  (3, 3, 'paid', '2026-04-01T00:00:00Z', 9000),
  (4, 3, 'paid', '2026-03-11T12:00:00Z', 1000),
  (5, 4, 'paid', '2026-03-12T12:00:00Z', 4999),
  (6, 5, 'paid', '2026-03-13T12:00:00Z', 2500),
  (7, 5, 'paid', '2026-03-14T12:00:00Z', 2500),
  (8, 6, 'paid', '2026-02-28T23:59:59Z', 8000),
  (9, 6, 'paid', '2026-03-30T09:00:00Z',  100);
