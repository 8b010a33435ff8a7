-- Mistake: 'on or after' is >=; an order at the first second of 2026 is a recent order.
SELECT c.id, c.name, c.email FROM customers c LEFT JOIN orders o ON o.customer_id = c.id AND o.placed_at > '2026-01-01T00:00:00Z' WHERE o.id IS NULL ORDER BY c.name, c.id;
