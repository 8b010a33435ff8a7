-- Two customers share a name; each spends little, together they would not.
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
  (1, 'Sam Lee', 'sam.lee@example.com'),
  (2, 'Sam Lee', 'samuel.lee@example.com'),
  (3, 'Ana Bell', 'ana@example.com');
INSERT INTO orders (id, customer_id, status, placed_at, total_cents) VALUES
  (1, 1, 'paid', '2026-03-04T10:00:00Z', 3000),
  (2, 2, 'paid', '2026-03-06T10:00:00Z', 3000),
  (3, 3, 'paid', '2026-03-07T10:00:00Z', 9000),
  (4, 2, 'paid', '2026-03-09T10:00:00Z',  500);
