-- A shop that has not taken a single order yet.
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
  (1, 'Wen Li',      'wen@example.com'),
  (2, 'Xavier Bell', 'xavier@example.com'),
  (3, 'Yara Nassar', 'yara@example.com');
