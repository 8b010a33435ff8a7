-- Several customers never ordered; one has only refunded and pending orders.
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
  (1, 'Quinn Ames',  'quinn@example.com'),
  (2, 'Rosa Diaz',   'rosa@example.com'),
  (3, 'Omar Farouk', 'omar@example.com'),
  (4, 'Pia Lund',    'pia@example.com'),
  (5, 'Nico Berg',   'nico@example.com');
INSERT INTO orders (id, customer_id, status, placed_at, total_cents) VALUES
  (1, 2, 'refunded', '2026-03-10T10:00:00Z', 7000),
  (2, 2, 'pending',  '2026-03-11T10:00:00Z', 7000),
  (3, 4, 'paid',     '2026-03-12T10:00:00Z', 9900),
  (4, 5, 'paid',     '2026-03-13T10:00:00Z', 2100);
