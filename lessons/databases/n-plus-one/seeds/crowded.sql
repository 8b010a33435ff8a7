-- Forty authors with two books each, one author with none, and two authors who share a name.
CREATE TABLE authors (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL,
  country TEXT NOT NULL
);
CREATE TABLE books (
  id        INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors(id),
  title     TEXT NOT NULL,
  year      INTEGER NOT NULL
);
CREATE INDEX books_author_id ON books(author_id);

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO authors (id, name, country)
SELECT i, printf('Author %02d', 41 - i), CASE WHEN i % 3 = 0 THEN 'KE' ELSE 'GB' END FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO books (author_id, title, year)
SELECT i, printf('Volume %02d-b', i), 2000 + i FROM n
UNION ALL
SELECT i, printf('Volume %02d-a', i), 1990 + i FROM n;

INSERT INTO authors (id, name, country) VALUES (41, 'Author 00', 'GB');
INSERT INTO authors (id, name, country) VALUES (42, 'Sam Park', 'KR'), (43, 'Sam Park', 'KR');
INSERT INTO books (author_id, title, year) VALUES (42, 'Seoul Nights', 2019), (43, 'Busan Mornings', 2021), (43, 'Another Morning', 2022);
