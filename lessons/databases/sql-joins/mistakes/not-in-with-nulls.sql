-- Mistake: NOT IN over a column with NULLs (guest checkouts): x NOT IN (1, NULL) is never true, so nobody is listed.
SELECT id, name, email FROM customers WHERE id NOT IN (SELECT customer_id FROM orders WHERE placed_at >= '2026-01-01T00:00:00Z') ORDER BY name, id;
