-- Mistake: DISTINCT merges two copies of the same book into one row; the shop has both on the shelf.
SELECT DISTINCT title, author, price FROM books WHERE in_stock = 1 AND genre IN ('fiction','poetry') AND price <= 15 ORDER BY price, title;
