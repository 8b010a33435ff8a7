-- Two products share third place; the next one sells one unit less.
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
  (1, 'Alpha', 'tea'), (2, 'Bravo', 'tea'), (3, 'Delta', 'tea'), (4, 'Charlie', 'tea'), (5, 'Echo', 'tea');
INSERT INTO order_items (id, product_id, quantity) VALUES
  (1, 1, 30), (2, 2, 20), (3, 3, 10), (4, 4, 10), (5, 5, 9);
