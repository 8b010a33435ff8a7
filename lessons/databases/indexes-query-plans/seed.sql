-- A shop whose lookups got slow. Customers signed up twice with the same email before anyone
-- checked; some of the duplicates placed orders.
CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name  TEXT NOT NULL
);
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  status      TEXT NOT NULL CHECK (status IN ('open', 'shipped', 'cancelled')),
  created_at  TEXT NOT NULL,          -- ISO 8601, e.g. '2026-03-01T10:00:00Z'
  total_cents INTEGER NOT NULL
);

INSERT INTO customers (id, email, name) VALUES
  (1, 'ada@example.com', 'Ada'),
  (2, 'grace@example.com', 'Grace'),
  (3, 'ada@example.com', 'Ada L.'),
  (4, 'linus@example.com', 'Linus'),
  (5, 'grace@example.com', 'G. Hopper');

INSERT INTO orders (id, customer_id, status, created_at, total_cents) VALUES
  (1, 1, 'shipped', '2026-01-05T09:00:00Z', 2500),
  (2, 3, 'open', '2026-02-11T14:30:00Z', 1200),
  (3, 2, 'open', '2026-01-20T08:15:00Z', 9900),
  (4, 5, 'cancelled', '2026-02-01T17:45:00Z', 400),
  (5, 4, 'open', '2026-02-02T11:00:00Z', 3100),
  (6, 1, 'open', '2026-02-15T10:00:00Z', 700);
