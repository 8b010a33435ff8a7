-- Guest checkouts: orders with no customer (customer_id NULL) placed this year.
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
  (1, 'Iris Bauer',  'iris@example.com'),
  (2, 'Jonas Holm',  'jonas@example.com'),
  (3, 'Kemal Aydin', 'kemal@example.com');
INSERT INTO orders (id, customer_id, placed_at, total_cents) VALUES
  (1, NULL, '2026-01-05T10:00:00Z', 1200),
  (2, 2,    '2026-04-01T10:00:00Z', 3000),
  (3, NULL, '2025-12-31T23:00:00Z',  700),
  (4, 3,    '2024-08-08T08:08:08Z', 4500);
