-- A small shop in spring 2026: customers and their orders.
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
  (1, 'Ada Obi',     'ada@example.com'),
  (2, 'Ben Kaur',    'ben@example.com'),
  (3, 'Chen Wu',     'chen@example.com'),
  (4, 'Dana Ruiz',   'dana@example.com'),
  (5, 'Eli Novak',   'eli@example.com'),
  (6, 'Fay Moreau',  'fay@example.com'),
  (7, 'Gus Haddad',  'gus@example.com'),
  (8, 'Hana Sato',   'hana@example.com');

INSERT INTO orders (id, customer_id, status, placed_at, total_cents) VALUES
  (1,  1, 'paid',     '2026-03-02T10:00:00Z', 2400),
  (2,  1, 'paid',     '2026-03-15T18:30:00Z', 1800),
  (3,  2, 'paid',     '2026-03-05T09:00:00Z', 7500),
  (4,  2, 'paid',     '2026-02-27T12:00:00Z',  900),
  (5,  3, 'pending',  '2026-03-10T11:00:00Z', 8000),
  (6,  3, 'refunded', '2026-03-12T11:00:00Z', 3000),
  (7,  4, 'paid',     '2026-03-31T21:45:00Z', 3000),
  (8,  4, 'paid',     '2026-03-03T08:00:00Z', 2500),
  (9,  5, 'paid',     '2026-04-01T00:00:00Z', 6000),
  (10, 5, 'paid',     '2026-02-28T23:59:59Z', 4000),
  (11, 5, 'paid',     '2026-03-20T14:00:00Z', 1200),
  (12, 6, 'paid',     '2026-03-08T16:00:00Z', 2000),
  (13, 6, 'paid',     '2026-03-18T16:00:00Z', 2000),
  (14, 6, 'paid',     '2026-03-28T16:00:00Z', 1000),
  (15, 8, 'paid',     '2026-03-09T10:00:00Z', 4200),
  (16, 8, 'pending',  '2026-03-25T10:00:00Z',  900);
