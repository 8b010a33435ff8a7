-- Inactive products in recent and old carts, and a cart holding only inactive products.
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
  (1, 'I1', 'Retired blend', 'tea', 1100, 0),
  (2, 'I2', 'Old mug',       'teaware', 600, 0),
  (3, 'I3', 'Current blend', 'tea', 1300, 1);
INSERT INTO carts (id, customer_email, updated_at) VALUES
  (1, 'a@example.com', '2026-03-10T10:00:00Z'),
  (2, 'b@example.com', '2026-03-11T10:00:00Z'),
  (3, NULL,            '2026-01-11T10:00:00Z');
INSERT INTO cart_items (cart_id, product_id, quantity) VALUES
  (1, 1, 1), (1, 2, 1), (1, 3, 1),
  (2, 2, 5),
  (3, 1, 1), (3, 3, 2);
