package org.undersigned.letter;

import java.util.Map;

/**
 * The summary sentence as shipped, in ICU MessageFormat, one template a language: what a letter
 * says when its organiser gave no words of their own. Every plural that varies covers each of the
 * language's CLDR plural categories (SummarySentencesTest checks it); {@code =0} drops a part.
 * The English one is the sentence campaigners wrote by hand:
 * "47 groups representing 300 non-governmental organizations and 7 concerned individuals in 16 countries".
 */
final class DefaultSentences {

    private DefaultSentences() {
    }

    static final String ENGLISH = "en";

    static final Map<String, String> TEMPLATES = Map.ofEntries(
            Map.entry("en", """
                    {total, plural, =0 {No signatures yet} other {\
                    {groups, plural, =0 {} \
                    one {# group representing {represented, plural, one {# non-governmental organization} other {# non-governmental organizations}}} \
                    other {# groups representing {represented, plural, one {# non-governmental organization} other {# non-governmental organizations}}}}\
                    {groups, plural, =0 {} other {{individuals, plural, =0 {} other { and }}}}\
                    {individuals, plural, =0 {} one {# concerned individual} other {# concerned individuals}}\
                    {countries, plural, =0 {} one { in # country} other { in # countries}}}}"""),
            Map.entry("fr", """
                    {total, plural, =0 {Aucune signature pour l’instant} other {\
                    {groups, plural, =0 {} \
                    one {# groupe représentant {represented, plural, one {# organisation non gouvernementale} \
                    many {# d’organisations non gouvernementales} other {# organisations non gouvernementales}}} \
                    many {# de groupes représentant {represented, plural, one {# organisation non gouvernementale} \
                    many {# d’organisations non gouvernementales} other {# organisations non gouvernementales}}} \
                    other {# groupes représentant {represented, plural, one {# organisation non gouvernementale} \
                    many {# d’organisations non gouvernementales} other {# organisations non gouvernementales}}}}\
                    {groups, plural, =0 {} other {{individuals, plural, =0 {} other { et }}}}\
                    {individuals, plural, =0 {} one {# personne à titre individuel} many {# de personnes à titre individuel} \
                    other {# personnes à titre individuel}}\
                    {countries, plural, =0 {} one { dans # pays} many { dans # de pays} other { dans # pays}}}}"""),
            Map.entry("es", """
                    {total, plural, =0 {Todavía no hay firmas} other {\
                    {groups, plural, =0 {} \
                    one {# grupo que representa a {represented, plural, one {# organización no gubernamental} \
                    many {# de organizaciones no gubernamentales} other {# organizaciones no gubernamentales}}} \
                    many {# de grupos que representan a {represented, plural, one {# organización no gubernamental} \
                    many {# de organizaciones no gubernamentales} other {# organizaciones no gubernamentales}}} \
                    other {# grupos que representan a {represented, plural, one {# organización no gubernamental} \
                    many {# de organizaciones no gubernamentales} other {# organizaciones no gubernamentales}}}}\
                    {groups, plural, =0 {} other {{individuals, plural, =0 {} other { y }}}}\
                    {individuals, plural, =0 {} one {# persona a título individual} many {# de personas a título individual} \
                    other {# personas a título individual}}\
                    {countries, plural, =0 {} one { de # país} many { de # de países} other { de # países}}}}"""),
            Map.entry("pt", """
                    {total, plural, =0 {Ainda não há assinaturas} other {\
                    {groups, plural, =0 {} \
                    one {# grupo que representa {represented, plural, one {# organização não governamental} \
                    many {# de organizações não governamentais} other {# organizações não governamentais}}} \
                    many {# de grupos que representam {represented, plural, one {# organização não governamental} \
                    many {# de organizações não governamentais} other {# organizações não governamentais}}} \
                    other {# grupos que representam {represented, plural, one {# organização não governamental} \
                    many {# de organizações não governamentais} other {# organizações não governamentais}}}}\
                    {groups, plural, =0 {} other {{individuals, plural, =0 {} other { e }}}}\
                    {individuals, plural, =0 {} one {# pessoa a título individual} many {# de pessoas a título individual} \
                    other {# pessoas a título individual}}\
                    {countries, plural, =0 {} one { de # país} many { de # de países} other { de # países}}}}"""),
            Map.entry("de", """
                    {total, plural, =0 {Noch keine Unterschriften} other {\
                    {groups, plural, =0 {} \
                    one {# Gruppe, die {represented, plural, one {# Nichtregierungsorganisation} other {# Nichtregierungsorganisationen}} vertritt} \
                    other {# Gruppen, die {represented, plural, one {# Nichtregierungsorganisation} other {# Nichtregierungsorganisationen}} vertreten}}\
                    {groups, plural, =0 {} other {{individuals, plural, =0 {{countries, plural, =0 {} other {,}}} other {, und }}}}\
                    {individuals, plural, =0 {} one {# Einzelperson} other {# Einzelpersonen}}\
                    {countries, plural, =0 {} one { aus # Land} other { aus # Ländern}}}}"""),
            Map.entry("ru", """
                    {total, plural, =0 {Подписей пока нет} other {\
                    {groups, plural, =0 {} \
                    one {# группа, представляющая {represented, plural, one {# неправительственную организацию} \
                    few {# неправительственные организации} many {# неправительственных организаций} other {# неправительственной организации}}} \
                    few {# группы, представляющие {represented, plural, one {# неправительственную организацию} \
                    few {# неправительственные организации} many {# неправительственных организаций} other {# неправительственной организации}}} \
                    many {# групп, представляющих {represented, plural, one {# неправительственную организацию} \
                    few {# неправительственные организации} many {# неправительственных организаций} other {# неправительственной организации}}} \
                    other {# группы, представляющих {represented, plural, one {# неправительственную организацию} \
                    few {# неправительственные организации} many {# неправительственных организаций} other {# неправительственной организации}}}}\
                    {groups, plural, =0 {} other {{individuals, plural, =0 {{countries, plural, =0 {} other {,}}} other {, и }}}}\
                    {individuals, plural, =0 {} one {# частное лицо} few {# частных лица} many {# частных лиц} other {# частного лица}}\
                    {countries, plural, =0 {} one { из # страны} few { из # стран} many { из # стран} other { из # страны}}}}"""),
            Map.entry("ar", """
                    {total, plural, =0 {لا توجد توقيعات بعد} other {\
                    {groups, plural, =0 {} zero {} one {مجموعة واحدة تمثل REPRESENTED} two {مجموعتان تمثلان REPRESENTED} \
                    few {# مجموعات تمثل REPRESENTED} many {# مجموعة تمثل REPRESENTED} other {# مجموعة تمثل REPRESENTED}}\
                    {groups, plural, =0 {} other {{individuals, plural, =0 {} other { و}}}}\
                    {individuals, plural, =0 {} zero {} one {فرد واحد} two {فردان} few {# أفراد} many {# فردًا} other {# فرد}}\
                    {countries, plural, =0 {} zero {} one { في دولة واحدة} two { في دولتين} few { في # دول} many { في # دولة} \
                    other { في # دولة}}}}""".replace("REPRESENTED", """
                    {represented, plural, zero {# منظمة غير حكومية} one {منظمة غير حكومية واحدة} two {منظمتين غير حكوميتين} \
                    few {# منظمات غير حكومية} many {# منظمة غير حكومية} other {# منظمة غير حكومية}}""".strip())),
            Map.entry("ko", """
                    {total, plural, =0 {아직 서명이 없습니다} other {\
                    {countries, plural, =0 {} other {#개국 }}\
                    {groups, plural, =0 {} other {#개 단체(비정부기구 {represented, number}곳 대표)}}\
                    {groups, plural, =0 {} other {{individuals, plural, =0 {} other {와 }}}}\
                    {individuals, plural, =0 {} other {개인 #명}}}}"""),
            Map.entry("ja", """
                    {total, plural, =0 {まだ署名はありません} other {\
                    {countries, plural, =0 {} other {#か国の}}\
                    {groups, plural, =0 {} other {#団体（{represented, number}の非政府組織を代表）}}\
                    {groups, plural, =0 {} other {{individuals, plural, =0 {} other {と}}}}\
                    {individuals, plural, =0 {} other {個人#名}}}}"""),
            Map.entry("zh", """
                    {total, plural, =0 {尚无签名} other {\
                    {countries, plural, =0 {} other {来自#个国家的}}\
                    {groups, plural, =0 {} other {#个团体（代表{represented, number}个非政府组织）}}\
                    {groups, plural, =0 {} other {{individuals, plural, =0 {} other {和}}}}\
                    {individuals, plural, =0 {} other {#位个人}}}}"""));
}
