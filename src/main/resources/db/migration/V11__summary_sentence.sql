-- The organiser's summary sentence, an ICU MessageFormat template, for the letter's own language and
-- for each translation's; null: the shipped default for the language
alter table letters add column summary_sentence varchar(4000);
alter table letter_translations add column summary_sentence varchar(4000);
