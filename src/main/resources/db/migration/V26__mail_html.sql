-- Every email is written from templates in two parts: the HTML part is kept beside the text until it is sent
-- (then erased with the address and the text).
alter table mail_outbox add column html text;
