-- Several customers spend the same amount; their names and ids are in different orders.
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
  (1, 'Zoe Grant',  'zoe@example.com'),
  (2, 'Yuri Kahn',  'yuri@example.com'),
  (3, 'Abel Stone', 'abel@example.com'),
  (4, 'Mia Torres', 'mia@example.com'),
  (5, 'Abel Stone', 'abel.stone@example.com');
INSERT INTO orders (id, customer_id, status, placed_at, total_cents) VALUES
  (1, 1, 'paid', '2026-03-02T10:00:00Z', 2000),
  (2, 2, 'paid', '2026-03-03T10:00:00Z', 2000),
  (3, 3, 'paid', '2026-03-04T10:00:00Z', 2000),
  (4, 5, 'paid', '2026-03-05T10:00:00Z', 1000),
  (5, 5, 'paid', '2026-03-06T10:00:00Z', 1000),
  (6, 4, 'paid', '2026-03-07T10:00:00Z', 1500);
