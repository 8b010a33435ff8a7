-- Products with earlier price history, and a tea product whose price was raised before.
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
  (1, 'H1', 'Keemun',    'tea', 2000, 1),
  (2, 'H2', 'Yunnan',    'tea', 1800, 1),
  (3, 'H3', 'Mug',       'teaware', 900, 1);
INSERT INTO price_history (product_id, changed_on, old_cents, new_cents) VALUES
  (1, '2025-04-01', 1900, 2000),
  (2, '2025-04-01', 1700, 1800),
  (3, '2025-04-01', 850, 900);
