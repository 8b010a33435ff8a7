-- Mistake: grouping by name merges two different customers with the same name.
SELECT MIN(c.id) AS id, c.name, MIN(c.email) AS email FROM customers c LEFT JOIN orders o ON o.customer_id = c.id AND o.placed_at >= '2026-01-01T00:00:00Z' WHERE o.id IS NULL GROUP BY c.name ORDER BY c.name;
