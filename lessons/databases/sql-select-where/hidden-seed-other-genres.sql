-- Genres beyond the four of the visible shop, and a genre that differs only in case.
CREATE TABLE books (
  id       INTEGER PRIMARY KEY,
  title    TEXT    NOT NULL,
  author   TEXT    NOT NULL,
  genre    TEXT    NOT NULL,
  price    REAL    NOT NULL,
  in_stock INTEGER NOT NULL
);

INSERT INTO books (id, title, author, genre, price, in_stock) VALUES
  (1, 'The Long Table',   'Rosa Lind',    'drama',    9.00, 1),
  (2, 'Small Hours',      'Rosa Lind',    'Fiction',  7.00, 1),
  (3, 'North Wind',       'Eli Mora',     'fiction',  7.50, 1),
  (4, 'Cartographers',    'Eli Mora',     'travel',  11.00, 1),
  (5, 'Ballads',          'June Park',    'poetry',  12.00, 1),
  (6, 'Verses at Dusk',   'June Park',    'POETRY',   6.00, 1),
  (7, 'Fiction Writing',  'Ola Berg',     'reference', 5.00, 1),
  (8, 'Poetry for All',   'Ola Berg',     'essays',   4.00, 1);
