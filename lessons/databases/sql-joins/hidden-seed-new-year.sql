-- Orders right at the boundary: the first second of 2026 counts as this year, the last of 2025 does not.
CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE
);

-- customer_id is NULL for guest checkouts; placed_at is ISO 8601 text in UTC.
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers (id),
  placed_at   TEXT    NOT NULL,
  total_cents INTEGER NOT NULL
);

INSERT INTO customers (id, name, email) VALUES
  (1, 'Pia Lund',     'pia@example.com'),
  (2, 'Quentin Roy',  'quentin@example.com'),
  (3, 'Rosa Diaz',    'rosa@example.com');
INSERT INTO orders (id, customer_id, placed_at, total_cents) VALUES
  (1, 1, '2026-01-01T00:00:00Z', 500),
  (2, 2, '2025-12-31T23:59:59Z', 500),
  (3, 3, '2026-01-01T00:00:01Z', 500);
