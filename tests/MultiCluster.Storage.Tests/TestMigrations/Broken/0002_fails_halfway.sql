-- The first statement succeeds, the second fails: the whole migration must roll back.
CREATE TABLE half_done (id int PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
