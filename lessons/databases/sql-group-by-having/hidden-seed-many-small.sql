-- Customers whose orders are each small but add up past the threshold.
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
  (1, 'Lou Marsh', 'lou@example.com'),
  (2, 'Kit Olsen', 'kit@example.com'),
  (3, 'Jo Park',   'jo@example.com');
INSERT INTO orders (id, customer_id, status, placed_at, total_cents) VALUES
  (1,  1, 'paid', '2026-03-02T10:00:00Z', 1500),
  (2,  1, 'paid', '2026-03-09T10:00:00Z', 1500),
  (3,  1, 'paid', '2026-03-16T10:00:00Z', 1500),
  (4,  1, 'paid', '2026-03-23T10:00:00Z', 1500),
  (5,  2, 'paid', '2026-03-03T10:00:00Z',  800),
  (6,  2, 'paid', '2026-03-04T10:00:00Z', 6500),
  (7,  3, 'paid', '2026-03-05T10:00:00Z',  700),
  (8,  3, 'paid', '2026-03-06T10:00:00Z',  700),
  (9,  3, 'paid', '2026-03-07T10:00:00Z',  700);
