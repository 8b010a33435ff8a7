-- Every book, in no particular order. Narrow it down to the budget shelf and sort it.
SELECT title, author, price
FROM books;
