-- Prices whose 8 % rise has a fraction of a cent, below and above one half.
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
  (1, 'T1', 'Tiny sample',   'tea',    1, 1),
  (2, 'T2', 'Small sample',  'tea',    7, 1),
  (3, 'T3', 'Oolong',        'tea',  999, 1),
  (4, 'T4', 'Pu-erh',        'tea', 1049, 1),
  (5, 'T5', 'Gyokuro',       'tea', 4321, 1),
  (6, 'T6', 'White peony',   'tea',  155, 1);
