-- A different shop with the same traps: answers copied from the visible data will not match.
CREATE TABLE books (
  id       INTEGER PRIMARY KEY,
  title    TEXT    NOT NULL,
  author   TEXT    NOT NULL,
  genre    TEXT    NOT NULL,
  price    REAL    NOT NULL,
  in_stock INTEGER NOT NULL
);

INSERT INTO books (id, title, author, genre, price, in_stock) VALUES
  (1,  'Wild Clover',         'Hana Sato',       'poetry',  15.00, 1),
  (2,  'Copper Rivers',       'Idris Bell',      'fiction', 11.00, 1),
  (3,  'Field Notes on Moss', 'Greta Holm',      'science',  5.00, 1),
  (4,  'Blue Hour',           'Hana Sato',       'poetry',  15.00, 1),
  (5,  'The Last Ferry',      'Idris Bell',      'fiction',  4.50, 0),
  (6,  'Stone Circles',       'Owen Price',      'history', 10.00, 1),
  (7,  'Small Weathers',      'Greta Holm',      'poetry',  30.00, 0),
  (8,  'Harbour Lights',      'Nadia Rahman',    'fiction', 11.00, 1),
  (9,  'Quiet Engines',       'Owen Price',      'fiction', 14.99, 1),
  (10, 'Ashes in June',       'Nadia Rahman',    'fiction', 11.00, 1),
  (11, 'Echo Valley',         'Liam Walsh',      'poetry',  16.00, 1),
  (12, 'Paper Moons',         'Liam Walsh',      'fiction', 15.50, 1),
  (13, 'Glass Birds',         'Hana Sato',       'poetry',   3.25, 1);
