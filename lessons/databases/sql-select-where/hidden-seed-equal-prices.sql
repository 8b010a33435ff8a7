-- Many equal prices, with ids in a different order from the titles and titles that differ in case.
CREATE TABLE books (
  id       INTEGER PRIMARY KEY,
  title    TEXT    NOT NULL,
  author   TEXT    NOT NULL,
  genre    TEXT    NOT NULL,
  price    REAL    NOT NULL,
  in_stock INTEGER NOT NULL
);

INSERT INTO books (id, title, author, genre, price, in_stock) VALUES
  (1, 'Zinnia Road',      'Paul Berg',    'fiction', 10.00, 1),
  (2, 'apple Orchards',   'Maya Cole',    'poetry',  10.00, 1),
  (3, 'Birch and Ash',    'Paul Berg',    'fiction', 10.00, 1),
  (4, 'Morning Ferry',    'Ines Duarte',  'poetry',   8.00, 1),
  (5, 'Apple Blossom',    'Maya Cole',    'fiction', 10.00, 1),
  (6, 'Kestrel',          'Ines Duarte',  'poetry',   8.00, 1),
  (7, 'Dune Grass',       'Tariq Aziz',   'fiction',  8.00, 1),
  (8, 'Cedar',            'Tariq Aziz',   'fiction', 10.00, 0);
