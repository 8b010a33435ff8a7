-- Mistake: an inner join keeps only customers who have orders, so those who never ordered are missing.
SELECT c.id, c.name, c.email FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id HAVING MAX(o.placed_at) < '2026-01-01T00:00:00Z' ORDER BY c.name, c.id;
