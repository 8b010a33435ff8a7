-- Mistake: lists customers who have an old order, which includes people who also ordered this year and leaves out those who never ordered.
SELECT DISTINCT c.id, c.name, c.email FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.placed_at < '2026-01-01T00:00:00Z' OR o.id IS NULL ORDER BY c.name, c.id;
