CREATE TABLE customers (
  id    INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name  TEXT NOT NULL
);
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  status      TEXT NOT NULL CHECK (status IN ('open', 'shipped', 'cancelled')),
  created_at  TEXT NOT NULL,
  total_cents INTEGER NOT NULL
);
-- Three copies of one email (the kept one is not the first row inserted), a customer with no orders.
INSERT INTO customers (id, email, name) VALUES
  (10, 'zed@example.com', 'Zed'),
  (7, 'zed@example.com', 'Zed 2'),
  (12, 'zed@example.com', 'Zed 3'),
  (8, 'mo@example.com', 'Mo'),
  (9, 'solo@example.com', 'Solo');
INSERT INTO orders (id, customer_id, status, created_at, total_cents) VALUES
  (100, 10, 'open', '2026-03-01T00:00:00Z', 100),
  (101, 12, 'shipped', '2026-03-02T00:00:00Z', 200),
  (102, 7, 'open', '2026-03-03T00:00:00Z', 300),
  (103, 8, 'open', '2026-03-04T00:00:00Z', 400);
