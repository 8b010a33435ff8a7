INSERT INTO price_history (product_id, changed_on, old_cents, new_cents)
SELECT id, '2026-04-01', price_cents, CAST(ROUND(price_cents * 1.08) AS INTEGER) FROM products WHERE category = 'tea' AND active = 1;
UPDATE products SET price_cents = CAST(ROUND(price_cents * 1.08) AS INTEGER) WHERE category = 'tea' AND active = 1;
INSERT INTO products (sku, name, category, price_cents) VALUES ('TEA-MATCHA-50', 'Matcha 50 g', 'tea', 2450);
CREATE TEMP TABLE old_carts AS SELECT DISTINCT c.id FROM carts c JOIN cart_items i ON i.cart_id = c.id WHERE c.updated_at < '2026-03-01T00:00:00Z';
DELETE FROM cart_items WHERE cart_id IN (SELECT id FROM old_carts);
DELETE FROM carts WHERE id IN (SELECT id FROM old_carts);
DELETE FROM cart_items WHERE product_id IN (SELECT id FROM products WHERE active = 0);
