-- Customers whose only orders are old still belong on the list.
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
  (1, 'Lena Moreau', 'lena@example.com'),
  (2, 'Marek Zelen', 'marek@example.com'),
  (3, 'Nia Okoro',   'nia@example.com'),
  (4, 'Omar Saleh',  'omar@example.com');
INSERT INTO orders (id, customer_id, placed_at, total_cents) VALUES
  (1, 1, '2025-01-10T10:00:00Z', 1000),
  (2, 1, '2025-07-10T10:00:00Z', 2000),
  (3, 1, '2025-12-10T10:00:00Z', 3000),
  (4, 2, '2025-03-03T10:00:00Z', 1500),
  (5, 2, '2026-05-05T10:00:00Z', 2500),
  (6, 4, '2023-11-11T11:11:11Z',  999);
