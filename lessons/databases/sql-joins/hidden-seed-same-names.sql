-- Two customers with the same name, and customers with several recent orders.
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
  (7, 'Sam Taylor',   'sam.t@example.com'),
  (3, 'Sam Taylor',   'sam.taylor@example.com'),
  (5, 'Uma Rao',      'uma@example.com'),
  (9, 'Aaron Blake',  'aaron@example.com'),
  (2, 'Vera Stone',   'vera@example.com');
INSERT INTO orders (id, customer_id, placed_at, total_cents) VALUES
  (1, 5, '2026-02-01T10:00:00Z', 100),
  (2, 5, '2026-02-02T10:00:00Z', 100),
  (3, 5, '2026-02-03T10:00:00Z', 100),
  (4, 9, '2025-02-01T10:00:00Z', 100),
  (5, 9, '2025-03-01T10:00:00Z', 100),
  (6, 2, '2026-06-01T10:00:00Z', 100);
