CREATE TABLE things (id int);
