-- Every customer whose paid orders in March 2026 add up to less than 50.00,
-- including customers who bought nothing: id, name, paid_orders, spent_cents.
SELECT c.id, c.name
FROM customers AS c
ORDER BY c.id;
