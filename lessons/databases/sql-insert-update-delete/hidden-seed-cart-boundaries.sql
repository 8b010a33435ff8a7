-- Carts updated around midnight of March 1, empty carts, guest carts.
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
  (1, 'P1', 'Rooibos', 'tea', 1000, 1),
  (2, 'P2', 'Cup',     'teaware', 700, 1);
INSERT INTO carts (id, customer_email, updated_at) VALUES
  (1, NULL,              '2026-02-28T23:59:59Z'),
  (2, 'a@example.com',   '2026-03-01T00:00:00Z'),
  (3, 'b@example.com',   '2026-03-01T00:00:01Z'),
  (4, NULL,              '2025-12-24T18:00:00Z'),
  (5, 'c@example.com',   '2026-02-01T00:00:00Z'),
  (6, NULL,              '2026-03-31T12:00:00Z');
INSERT INTO cart_items (cart_id, product_id, quantity) VALUES
  (1, 1, 1), (2, 1, 2), (3, 2, 1), (5, 1, 1), (5, 2, 4), (6, 2, 1);
