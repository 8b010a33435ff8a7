SELECT count(*) FROM orders WHERE customer_id = 2;
SELECT o.id, o.total_cents FROM customers AS c JOIN orders AS o ON o.customer_id = c.id WHERE c.email = 'grace@example.com' ORDER BY o.created_at DESC;
SELECT id FROM orders WHERE status = 'open' AND created_at >= '2026-02-01' ORDER BY created_at;
SELECT created_at FROM orders WHERE customer_id = 4 ORDER BY created_at DESC LIMIT 1;
SELECT id, created_at FROM orders WHERE status = 'shipped' ORDER BY created_at DESC LIMIT 5;
