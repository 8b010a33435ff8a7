-- Mistake: the date condition in WHERE runs after the LEFT JOIN and drops every customer without a recent order.
SELECT c.id, c.name, c.email FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.placed_at >= '2026-01-01T00:00:00Z' AND o.id IS NULL ORDER BY c.name, c.id;
