-- Products with the same name in different categories, and names that sort differently from ids.
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
  (1, 'Sampler', 'tea'), (2, 'Sampler', 'coffee'), (3, 'Zest', 'tea'), (4, 'Aroma', 'tea'),
  (5, 'Bold', 'coffee'), (6, 'Crema', 'coffee'), (7, 'Drip', 'coffee');
INSERT INTO order_items (id, product_id, quantity) VALUES
  (1, 1, 4), (2, 2, 10), (3, 3, 4), (4, 4, 4), (5, 5, 10), (6, 6, 3), (7, 7, 3), (8, 1, 1);
