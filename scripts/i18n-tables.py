# Generates src/i18n/tables.rs: the four languages' tables. sr-Cyrl is the
# sr-Latn table transliterated (Serbian's two scripts map letter for letter).
EN = dict(
 skip_to_content="Skip to content",
 offline_banner="You are offline. Pages you open will load when the connection is back.",
 loading="Loading…",
 error_title="Something went wrong",
 try_again="Try again",
 go_home="Go to the front page",
 not_found_title="Page not found",
 not_found_description="There is no page at this address.",
 not_found_body="We could not find the page you asked for. It may have moved, or the address may be mistyped.",
 crashed="Sorry, something went wrong in this page. Please reload it to continue reading.",
 latest_news="Latest news",
 front_description="The latest articles from {site}.",
 tag_title="{tag}: articles",
 tag_description="Articles tagged {tag} on {site}.",
 topic="Topic",
 topics="Topics",
 newer="Newer articles",
 older="Older articles",
 pages="Pages",
 page_of="Page {page} of {pages}",
 paged_title="{title}, page {page}",
 related_posts="Related posts",
 by="By",
 and_word="and",
 published="Published",
 updated="Updated",
 unsupported_block="This part of the article cannot be shown here.",
 table="Table",
 chart_from="Chart from “{headline}”.",
 from_article="From",
 read_on="Read on {site}",
 error_not_found="We could not find that page.",
 error_offline="You are offline. This page will load when your connection is back.",
 error_network="We could not reach the server. Check your connection and try again.",
 error_timed_out="The server took too long to answer. Please try again.",
 error_server="The server had a problem (error {status}). Please try again in a moment.",
 error_not_json="The server sent something other than an article (perhaps an error page). Please try again later.",
 error_too_large="This content is too large to show.",
 error_truncated="The content arrived incomplete. Please try again.",
 error_malformed="This content could not be read: {why}",
 chart_unavailable="This chart cannot be shown: {error}.",
 show_data="Show data",
 hide_data="Hide data",
 download_csv="Download CSV",
 embed="Embed",
 embed_instructions="Copy this code into your page:",
 copy_code="Copy code",
 date="Date",
 number_of="Number of {unit}",
 data_caption="Data: {title}",
 source="Source: ",
 key_reported="reported figure",
 key_estimate="estimate (“about”)",
 key_gap="no data in between",
 about="about {value}",
 value_on="{value} in {date}",
 chart_summary="Line chart with {count}, from {first} to {last}: {first_value}, {last_value}. Highest {highest}, lowest {lowest}. The horizontal axis is time to scale; a dashed line joins points far apart with no data between them; hollow markers are estimates.",
)
SR = dict(
 skip_to_content="Pređi na sadržaj",
 offline_banner="Niste povezani na internet. Stranice koje otvorite učitaće se kada se veza vrati.",
 loading="Učitavanje…",
 error_title="Nešto nije u redu",
 try_again="Pokušajte ponovo",
 go_home="Idite na naslovnu stranu",
 not_found_title="Stranica nije pronađena",
 not_found_description="Na ovoj adresi nema stranice.",
 not_found_body="Nismo pronašli stranicu koju tražite. Možda je premeštena ili je adresa pogrešno upisana.",
 crashed="Izvinite, nešto nije u redu sa ovom stranicom. Ponovo je učitajte da biste nastavili čitanje.",
 latest_news="Najnovije vesti",
 front_description="Najnoviji članci: {site}.",
 tag_title="{tag}: članci",
 tag_description="Članci sa oznakom {tag}: {site}.",
 topic="Tema",
 topics="Teme",
 newer="Noviji članci",
 older="Stariji članci",
 pages="Stranice",
 page_of="Strana {page} od {pages}",
 paged_title="{title}, strana {page}",
 related_posts="Povezani članci",
 by="Autor:",
 and_word="i",
 published="Objavljeno",
 updated="Ažurirano",
 unsupported_block="Ovaj deo članka ne može se prikazati ovde.",
 table="Tabela",
 chart_from="Grafikon iz članka „{headline}”.",
 from_article="Iz članka",
 read_on="Pročitajte: {site}",
 error_not_found="Nismo pronašli tu stranicu.",
 error_offline="Niste povezani na internet. Ova stranica će se učitati kada se veza vrati.",
 error_network="Server nije dostupan. Proverite vezu i pokušajte ponovo.",
 error_timed_out="Server predugo ne odgovara. Pokušajte ponovo.",
 error_server="Server ima problem (greška {status}). Pokušajte ponovo za trenutak.",
 error_not_json="Server je poslao nešto što nije članak (možda stranicu sa greškom). Pokušajte ponovo kasnije.",
 error_too_large="Ovaj sadržaj je prevelik za prikaz.",
 error_truncated="Sadržaj nije stigao u celosti. Pokušajte ponovo.",
 error_malformed="Ovaj sadržaj nije moguće pročitati: {why}",
 chart_unavailable="Ovaj grafikon nije moguće prikazati: {error}.",
 show_data="Prikaži podatke",
 hide_data="Sakrij podatke",
 download_csv="Preuzmi CSV",
 embed="Ugradi",
 embed_instructions="Kopirajte ovaj kod u svoju stranicu:",
 copy_code="Kopiraj kod",
 date="Datum",
 number_of="Broj ({unit})",
 data_caption="Podaci: {title}",
 source="Izvor: ",
 key_reported="objavljeni podatak",
 key_estimate="procena („oko”)",
 key_gap="nema podataka između",
 about="oko {value}",
 value_on="{date}: {value}",
 chart_summary="Linijski grafikon sa {count}, od {first} do {last}: {first_value}, {last_value}. Najviše {highest}, najmanje {lowest}. Vodoravna osa prikazuje vreme u razmeri; isprekidana linija spaja udaljene tačke bez podataka između njih; prazni markeri su procene.",
)
SQ = dict(
 skip_to_content="Kalo te përmbajtja",
 offline_banner="Jeni jashtë linje. Faqet që hapni do të ngarkohen kur të kthehet lidhja.",
 loading="Duke u ngarkuar…",
 error_title="Diçka shkoi keq",
 try_again="Provo përsëri",
 go_home="Shko te faqja kryesore",
 not_found_title="Faqja nuk u gjet",
 not_found_description="Nuk ka faqe në këtë adresë.",
 not_found_body="Nuk e gjetëm faqen që kërkuat. Mund të jetë zhvendosur, ose adresa mund të jetë shkruar gabim.",
 crashed="Na vjen keq, diçka shkoi keq në këtë faqe. Ringarkojeni për të vazhduar leximin.",
 latest_news="Lajmet e fundit",
 front_description="Artikujt më të rinj nga {site}.",
 tag_title="{tag}: artikuj",
 tag_description="Artikuj me etiketën {tag} në {site}.",
 topic="Tema",
 topics="Temat",
 newer="Artikuj më të rinj",
 older="Artikuj më të vjetër",
 pages="Faqet",
 page_of="Faqja {page} nga {pages}",
 paged_title="{title}, faqja {page}",
 related_posts="Artikuj të ngjashëm",
 by="Nga",
 and_word="dhe",
 published="Publikuar",
 updated="Përditësuar",
 unsupported_block="Kjo pjesë e artikullit nuk mund të shfaqet këtu.",
 table="Tabelë",
 chart_from="Grafik nga „{headline}”.",
 from_article="Nga",
 read_on="Lexoni në {site}",
 error_not_found="Nuk e gjetëm atë faqe.",
 error_offline="Jeni jashtë linje. Kjo faqe do të ngarkohet kur të kthehet lidhja.",
 error_network="Nuk arritëm të lidhemi me serverin. Kontrolloni lidhjen dhe provoni përsëri.",
 error_timed_out="Serveri vonoi shumë të përgjigjet. Ju lutemi provoni përsëri.",
 error_server="Serveri pati një problem (gabim {status}). Ju lutemi provoni përsëri pas pak.",
 error_not_json="Serveri dërgoi diçka tjetër nga një artikull (ndoshta një faqe gabimi). Ju lutemi provoni përsëri më vonë.",
 error_too_large="Kjo përmbajtje është shumë e madhe për t'u shfaqur.",
 error_truncated="Përmbajtja mbërriti e paplotë. Ju lutemi provoni përsëri.",
 error_malformed="Kjo përmbajtje nuk mund të lexohej: {why}",
 chart_unavailable="Ky grafik nuk mund të shfaqet: {error}.",
 show_data="Shfaq të dhënat",
 hide_data="Fshih të dhënat",
 download_csv="Shkarko CSV",
 embed="Ngulit",
 embed_instructions="Kopjojeni këtë kod në faqen tuaj:",
 copy_code="Kopjo kodin",
 date="Data",
 number_of="Numri ({unit})",
 data_caption="Të dhënat: {title}",
 source="Burimi: ",
 key_reported="shifër e raportuar",
 key_estimate="vlerësim („rreth”)",
 key_gap="pa të dhëna ndërmjet",
 about="rreth {value}",
 value_on="{value} në {date}",
 chart_summary="Grafik vijor me {count}, nga {first} deri më {last}: {first_value}, {last_value}. Më e larta {highest}, më e ulëta {lowest}. Boshti horizontal tregon kohën në shkallë; një vijë e ndërprerë bashkon pikat e largëta pa të dhëna ndërmjet; shënjuesit bosh janë vlerësime.",
)
COUNTED = {
 'en': dict(articles=("{n} article", "{n} articles", "{n} articles"), data_points=("{n} data point", "{n} data points", "{n} data points")),
 'sr': dict(articles=("{n} članak", "{n} članka", "{n} članaka"), data_points=("{n} tačkom", "{n} tačke", "{n} tačaka")),
 'sq': dict(articles=("{n} artikull", "{n} artikuj", "{n} artikuj"), data_points=("{n} pikë", "{n} pikë", "{n} pikë")),
}
MONTHS = {
 'en': "January February March April May June July August September October November December".split(),
 'sr': "januar februar mart april maj jun jul avgust septembar oktobar novembar decembar".split(),
 'sq': "janar shkurt mars prill maj qershor korrik gusht shtator tetor nëntor dhjetor".split(),
}
LAT2CYR = [("Lj","Љ"),("LJ","Љ"),("Nj","Њ"),("NJ","Њ"),("Dž","Џ"),("DŽ","Џ"),("lj","љ"),("nj","њ"),("dž","џ")] + list(zip(
  "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠabvgdđežzijklmnoprstćufhcčš",
  "АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШабвгдђежзијклмнопрстћуфхцчш"))
def cyr(text):
    # Placeholders ({site}) and the name CSV stay as they are.
    out, i = [], 0
    while i < len(text):
        if text[i] == '{':
            j = text.index('}', i); out.append(text[i:j+1]); i = j + 1; continue
        if text.startswith('CSV', i):
            out.append('CSV'); i += 3; continue
        for lat, c in LAT2CYR:
            if text.startswith(lat, i):
                out.append(c); i += len(lat); break
        else:
            out.append(text[i]); i += 1
    return ''.join(out)
def rs(s): return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'
def table(const, lang_doc, d, counted, months, group, decimal, dotted, plural):
    lines = [f"/// {lang_doc}", f"pub const {const}: Strings = Strings {{"]
    for k, v in d.items():
        lines.append(f"    {k}: {rs(v)},")
    for k, (one, few, other) in counted.items():
        lines.append(f"    {k}: Counted {{ one: {rs(one)}, few: {rs(few)}, other: {rs(other)} }},")
    lines.append("    months: [" + ", ".join(rs(m) for m in months) + "],")
    lines.append(f"    group_separator: {rs(group)},")
    lines.append(f"    decimal_separator: {rs(decimal)},")
    lines.append(f"    dotted_dates: {str(dotted).lower()},")
    lines.append(f"    plural: {plural},")
    lines.append("};")
    return "\n".join(lines)
sr_cyr = {k: cyr(v) for k, v in SR.items()}
counted_cyr = {k: tuple(cyr(x) for x in v) for k, v in COUNTED['sr'].items()}
out = ["// Generated by scripts/i18n-tables.py from its tables: edit there, then run it.",
       "// sr-Cyrl is sr-Latn transliterated letter for letter.",
       "use super::{plural_en, plural_sq, plural_sr, Counted, Strings};", "",
       table("EN", "English.", EN, COUNTED['en'], MONTHS['en'], ",", ".", False, "plural_en"), "",
       table("SR_LATN", "Serbian, Latin script.", SR, COUNTED['sr'], MONTHS['sr'], ".", ",", True, "plural_sr"), "",
       table("SR_CYRL", "Serbian, Cyrillic script.", sr_cyr, counted_cyr, [cyr(m) for m in MONTHS['sr']], ".", ",", True, "plural_sr"), "",
       table("SQ", "Albanian.", SQ, COUNTED['sq'], MONTHS['sq'], "\u00a0", ",", False, "plural_sq"), ""]
import sys
open(sys.argv[1], 'w').write("\n".join(out))
# The struct's fields, for the Rust definition.
print("\n".join(EN.keys()))
