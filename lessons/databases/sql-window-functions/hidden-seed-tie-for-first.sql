-- Three products share first place: the top three is exactly them.
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
  (1, 'Moka Pot', 'gear'), (2, 'Grinder', 'gear'), (3, 'Scale', 'gear'), (4, 'Filter Papers', 'gear'), (5, 'Tamper', 'gear');
INSERT INTO order_items (id, product_id, quantity) VALUES
  (1, 1, 5), (2, 2, 5), (3, 3, 2), (4, 3, 3), (5, 4, 4), (6, 5, 1);
