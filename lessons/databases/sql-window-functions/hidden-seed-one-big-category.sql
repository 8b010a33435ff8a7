-- One category outsells all the others: each category still gets its own top three.
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
  (1, 'House Blend', 'coffee'), (2, 'Dark Roast', 'coffee'), (3, 'Light Roast', 'coffee'), (4, 'Mocha Java', 'coffee'),
  (5, 'Mint', 'tea'), (6, 'Lemon', 'tea'),
  (7, 'Cup', 'gear');
INSERT INTO order_items (id, product_id, quantity) VALUES
  (1, 1, 90), (2, 2, 80), (3, 3, 70), (4, 4, 60),
  (5, 5, 3), (6, 6, 2), (7, 7, 1);
