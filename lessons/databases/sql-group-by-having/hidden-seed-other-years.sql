-- Orders in March of other years, and in other months of 2026.
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
  (1, 'Vera Holm', 'vera@example.com'),
  (2, 'Ivo Petrov', 'ivo@example.com'),
  (3, 'Lena Frey',  'lena@example.com');
INSERT INTO orders (id, customer_id, status, placed_at, total_cents) VALUES
  (1, 1, 'paid', '2025-03-15T10:00:00Z', 9000),
  (2, 1, 'paid', '2026-03-15T10:00:00Z', 1000),
  (3, 2, 'paid', '2027-03-01T10:00:00Z', 9000),
  (4, 2, 'paid', '2026-01-03T10:00:00Z', 9000),
  (5, 3, 'paid', '2026-03-03T10:00:00Z', 7000),
  (6, 3, 'paid', '2026-05-03T10:00:00Z',  100);
