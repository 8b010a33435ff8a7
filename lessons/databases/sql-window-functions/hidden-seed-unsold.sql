-- Products that were never ordered, and categories with fewer than three products sold.
CREATE TABLE products (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL,
  category TEXT NOT NULL
);
CREATE TABLE order_items (
  id         INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  quantity   INTEGER NOT NULL CHECK (quantity > 0)
);

INSERT INTO products (id, name, category) VALUES
  (1, 'Hibiscus', 'tea'), (2, 'Nettle', 'tea'), (3, 'Linden', 'tea'),
  (4, 'Thermos', 'gear'), (5, 'Teapot', 'gear');
INSERT INTO order_items (id, product_id, quantity) VALUES
  (1, 1, 2), (2, 4, 7), (3, 4, 1);
