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
  (1, 'Amara Osei',     'amara@example.com'),
  (2, 'Bruno Costa',    'bruno@example.com'),
  (3, 'Chen Wei',       'chen@example.com'),
  (4, 'Dana Levi',      'dana@example.com'),
  (5, 'Emil Novak',     'emil@example.com'),
  (6, 'Farah Haddad',   'farah@example.com');

INSERT INTO orders (id, customer_id, placed_at, total_cents) VALUES
  (101, 1, '2025-11-03T10:15:00Z', 4200),
  (102, 1, '2026-02-14T09:00:00Z', 1999),
  (103, 2, '2025-12-20T18:30:00Z', 5600),
  (104, 3, '2026-03-01T12:00:00Z',  850),
  (105, 3, '2026-03-02T12:00:00Z',  950),
  (106, 5, '2025-06-11T08:45:00Z', 3100);
