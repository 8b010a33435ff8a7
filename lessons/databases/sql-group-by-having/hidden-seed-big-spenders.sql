-- Everyone spent 50.00 or more in March: the list is empty.
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
  (1, 'Tess Roy',   'tess@example.com'),
  (2, 'Uma Reyes',  'uma@example.com');
INSERT INTO orders (id, customer_id, status, placed_at, total_cents) VALUES
  (1, 1, 'paid', '2026-03-15T10:00:00Z', 5000),
  (2, 2, 'paid', '2026-03-16T10:00:00Z', 2500),
  (3, 2, 'paid', '2026-03-17T10:00:00Z', 2600),
  (4, 2, 'pending', '2026-03-18T10:00:00Z', 100);
