-- The shop before the migration: prices in dollars, stored as REAL (the mistake being fixed).
CREATE TABLE products (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  price REAL            -- dollars; nullable, so a later version can stop writing it
);
INSERT INTO products (id, name, price) VALUES
  (1, 'Mug', 12.0),
  (2, 'Sticker', 0.29),
  (3, 'Poster', 19.99),
  (4, 'Tote bag', 8.5),
  (5, 'Pin', 1.15),
  (6, 'Notebook', 4.35),
  (7, 'Gift card', 0),
  (8, 'Hoodie', 54.95);
