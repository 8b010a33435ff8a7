-- Orders of customers who were deleted since (their customer_id points nowhere), and a bigger shop.
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
  (1, 'Zoe Adams',    'zoe@example.com'),
  (2, 'Abel Kim',     'abel@example.com'),
  (3, 'Bea Santos',   'bea@example.com'),
  (4, 'Cyril Dubois', 'cyril@example.com'),
  (5, 'Dmitri Ivanov','dmitri@example.com'),
  (6, 'Elif Demir',   'elif@example.com'),
  (7, 'Femi Ade',     'femi@example.com'),
  (8, 'Greta Berg',   'greta@example.com');
INSERT INTO orders (id, customer_id, placed_at, total_cents) VALUES
  (1, 42, '2026-03-03T10:00:00Z', 100),
  (2, 43, '2025-03-03T10:00:00Z', 100),
  (3, 2,  '2026-07-07T10:00:00Z', 100),
  (4, 4,  '2025-09-09T10:00:00Z', 100),
  (5, 6,  '2026-01-15T10:00:00Z', 100),
  (6, 6,  '2025-01-15T10:00:00Z', 100),
  (7, 8,  '2026-12-31T23:59:59Z', 100);
