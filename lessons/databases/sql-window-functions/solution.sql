-- 1. Units per product, with its category's total: the window runs over the grouped rows.
WITH sales AS (
  SELECT p.category,
         p.name,
         SUM(i.quantity) AS units,
         RANK() OVER (PARTITION BY p.category ORDER BY SUM(i.quantity) DESC) AS sales_rank,
         SUM(SUM(i.quantity)) OVER (PARTITION BY p.category) AS category_units
  FROM products AS p
  JOIN order_items AS i ON i.product_id = p.id
  GROUP BY p.id, p.category, p.name
)
-- 2. Filter on the rank only now: a window function cannot appear in WHERE, and filtering first
--    would change both the ranks and the category totals.
SELECT category, name, units, sales_rank, category_units
FROM sales
WHERE sales_rank <= 3
ORDER BY category, sales_rank, name;
