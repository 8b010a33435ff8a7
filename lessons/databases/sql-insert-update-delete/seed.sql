-- A tea shop on the morning of 2026-04-01, before the maintenance script runs.
PRAGMA foreign_keys = ON;
CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  sku         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  category    TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents > 0),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE TABLE price_history (
  product_id INTEGER NOT NULL REFERENCES products(id),
  changed_on TEXT NOT NULL,            -- 'YYYY-MM-DD'
  old_cents  INTEGER NOT NULL,
  new_cents  INTEGER NOT NULL,
  PRIMARY KEY (product_id, changed_on)
);
CREATE TABLE carts (
  id             INTEGER PRIMARY KEY,
  customer_email TEXT,                 -- NULL for guests
  updated_at     TEXT NOT NULL         -- ISO 8601 in UTC
);
CREATE TABLE cart_items (
  cart_id    INTEGER NOT NULL REFERENCES carts(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  quantity   INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (cart_id, product_id)
);

INSERT INTO products (id, sku, name, category, price_cents, active) VALUES
  (1, 'TEA-ASSAM-100',  'Assam 100 g',        'tea',      1250, 1),
  (2, 'TEA-SENCHA-100', 'Sencha 100 g',       'tea',      1299, 1),
  (3, 'TEA-EARL-250',   'Earl Grey 250 g',    'tea',      2475, 1),
  (4, 'TEA-LAPSANG-50', 'Lapsang 50 g',       'tea',       890, 0),
  (5, 'WARE-POT-1L',    'Glass teapot 1 l',   'teaware',  3400, 1),
  (6, 'WARE-CUP-2',     'Two cups',           'teaware',  1800, 1),
  (7, 'COF-HOUSE-250',  'House coffee 250 g', 'coffee',   1150, 1);

INSERT INTO price_history (product_id, changed_on, old_cents, new_cents) VALUES
  (1, '2025-10-01', 1150, 1250);

INSERT INTO carts (id, customer_email, updated_at) VALUES
  (1, 'ada@example.com',  '2026-03-28T09:15:00Z'),
  (2, NULL,               '2026-02-11T22:40:00Z'),
  (3, 'ben@example.com',  '2026-03-01T00:00:00Z'),
  (4, NULL,               '2026-01-30T08:00:00Z'),
  (5, 'chen@example.com', '2026-02-28T23:59:59Z');

INSERT INTO cart_items (cart_id, product_id, quantity) VALUES
  (1, 1, 2), (1, 4, 1), (1, 6, 1),
  (2, 2, 1),
  (3, 4, 3), (3, 5, 1),
  (5, 7, 2), (5, 3, 1);
