-- An email as it will be sent: beside its text, the language it is written in and the headers it
-- carries (List-Unsubscribe for news), kept from the change's transaction so that a crash between the
-- commit and the send still sends exactly what was written. Erased with the text once settled.
alter table mail_outbox add column language varchar(35);
alter table mail_outbox add column headers text;
