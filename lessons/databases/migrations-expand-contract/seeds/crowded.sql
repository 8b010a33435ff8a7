-- 2,500 products, so a backfill has to work in batches.
CREATE TABLE products (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  price REAL            -- dollars; nullable, so a later version can stop writing it
);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
INSERT INTO products (id, name, price) SELECT i, 'Product ' || i, ((i * 7919) % 10000) / 100.0 FROM n;
