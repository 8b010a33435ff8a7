-- Mistake: ties broken by id, which follows insertion order, not the title order the shop asked for.
SELECT title, author, price FROM books WHERE in_stock = 1 AND genre IN ('fiction','poetry') AND price <= 15 ORDER BY price, id;
