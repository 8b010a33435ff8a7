-- Products sold in many small order lines against products sold in a few large ones.
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
  (1, 'Chai', 'tea'), (2, 'Matcha', 'tea'), (3, 'Oolong', 'tea'), (4, 'Genmaicha', 'tea');
INSERT INTO order_items (id, product_id, quantity) VALUES
  (1, 1, 1), (2, 1, 1), (3, 1, 1), (4, 1, 1), (5, 1, 1), (6, 1, 1), (7, 1, 1),
  (8, 2, 25), (9, 3, 12), (10, 3, 12), (11, 4, 6), (12, 4, 6);
