-- A tea and coffee shop: its products, and every line of every order.
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
  (1,  'Assam Breakfast',   'tea'),
  (2,  'Darjeeling',        'tea'),
  (3,  'Sencha',            'tea'),
  (4,  'Earl Grey',         'tea'),
  (5,  'Rooibos',           'tea'),
  (6,  'Espresso Beans',    'coffee'),
  (7,  'Decaf Colombia',    'coffee'),
  (8,  'Ethiopia Yirga',    'coffee'),
  (9,  'Cold Brew Pack',    'coffee'),
  (10, 'Pour-over Kettle',  'gear'),
  (11, 'Tea Strainer',      'gear');

INSERT INTO order_items (id, product_id, quantity) VALUES
  (1,  1, 4), (2,  1, 3), (3,  1, 5),          -- Assam 12
  (4,  2, 2), (5,  2, 7),                      -- Darjeeling 9
  (6,  3, 9),                                  -- Sencha 9
  (7,  4, 1), (8,  4, 1), (9,  4, 1), (10, 4, 1), (11, 4, 1), (12, 4, 1), -- Earl Grey 6, six lines
  (13, 5, 8),                                  -- Rooibos 8
  (14, 6, 20),                                 -- Espresso 20
  (15, 7, 3), (16, 7, 2),                      -- Decaf 5
  (17, 8, 11),                                 -- Ethiopia 11
  (18, 9, 5),                                  -- Cold Brew 5
  (19, 10, 2),                                 -- Kettle 2
  (20, 11, 6);                                 -- Strainer 6
