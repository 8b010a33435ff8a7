-- 1. Record the price change while the old price is still there: history first, then the update.
INSERT INTO price_history (product_id, changed_on, old_cents, new_cents)
SELECT id, '2026-04-01', price_cents, price_cents * 108 / 100
FROM products
WHERE category = 'tea' AND active = 1;

UPDATE products
SET price_cents = price_cents * 108 / 100
WHERE category = 'tea' AND active = 1;

-- 2. The new product, after the price rise so that it keeps its launch price.
INSERT INTO products (sku, name, category, price_cents)
VALUES ('TEA-MATCHA-50', 'Matcha 50 g', 'tea', 2450);

-- 3. Abandoned carts: their items first (the foreign key refuses orphans), then the carts.
DELETE FROM cart_items
WHERE cart_id IN (SELECT id FROM carts WHERE updated_at < '2026-03-01T00:00:00Z');

DELETE FROM carts
WHERE updated_at < '2026-03-01T00:00:00Z';

-- 4. Inactive products leave the carts that remain.
DELETE FROM cart_items
WHERE product_id IN (SELECT id FROM products WHERE active = 0);
