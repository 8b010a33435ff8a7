-- Mistake: AND binds tighter than OR, so this reads
-- (in_stock = 1 AND price <= 15 AND genre = 'fiction') OR genre = 'poetry':
-- every poetry book comes back, sold out or expensive.
SELECT title, author, price
FROM books
WHERE in_stock = 1 AND price <= 15 AND genre = 'fiction' OR genre = 'poetry'
ORDER BY price, title;
