-- An explicit sort name, for names written family name first ("Moon Jae-in" sorts under M).
alter table signatures add column sort_name varchar(200);
