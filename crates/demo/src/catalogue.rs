//! What demo jobs are made of: occupations with KldB 2010 codes, training occupations,
//! dual study courses, internships, further training courses, and the text pools for
//! descriptions. Everything here is static; the generator only picks from it.
//!
//! The 5-digit KldB codes follow the Bundesagentur für Arbeit's systematic register
//! (Berufsgattungen); the last digit is the requirement level (1 helper, 2 skilled,
//! 3 specialist, 4 expert).

use crate::employers::Sector::{self, *};
use bleibe_domain::SchoolCertificate;

/// Shift work is common.
pub(crate) const SHIFT: u8 = 1;
/// Part time is common.
pub(crate) const PART: u8 = 2;
/// Remote work is possible.
pub(crate) const REMOTE: u8 = 4;
/// Minijobs exist.
pub(crate) const MINI: u8 = 8;
/// Pay is sometimes stated per year.
pub(crate) const YEAR: u8 = 16;

/// An occupation for regular jobs. The title is `head (m/w/d) tail`.
pub(crate) struct Occ {
    pub head: &'static str,
    pub tail: &'static str,
    pub code: &'static str,
    /// Sectors of employers that offer it; empty means every employer.
    pub sectors: &'static [Sector],
    /// Full-time monthly gross pay range, EUR.
    pub pay: (u32, u32),
    pub traits: u8,
    pub weight: u32,
    pub tasks: &'static [&'static str],
}

#[allow(clippy::too_many_arguments)]
const fn o(
    head: &'static str,
    tail: &'static str,
    code: &'static str,
    sectors: &'static [Sector],
    pay: (u32, u32),
    traits: u8,
    weight: u32,
    tasks: &'static [&'static str],
) -> Occ {
    Occ {
        head,
        tail,
        code,
        sectors,
        pay,
        traits,
        weight,
        tasks,
    }
}

/// Occupations for regular jobs, covering all 10 KldB areas.
#[rustfmt::skip]
pub(crate) const OCCUPATIONS: &[Occ] = &[
    // 0 Militär
    o("Soldat auf Zeit", "– Instandsetzung Kraftfahrzeuge", "01402", &[Mil], (2300, 2900), 0, 3, &[
        "Wartung und Instandsetzung von Rad- und Kettenfahrzeugen",
        "Prüfung der Fahrzeuge nach technischen Vorschriften",
        "Mitarbeit in einem Instandsetzungszug",
        "Fachliche Weiterbildung während der Dienstzeit",
    ]),
    o("Feldwebel", "Elektronik", "01203", &[Mil], (2900, 3600), 0, 2, &[
        "Betrieb und Wartung von Fernmelde- und Elektroniksystemen",
        "Führung eines kleinen Teams",
        "Ausbildung von Mannschaftsdienstgraden",
        "Dokumentation und Materialverwaltung",
    ]),
    o("Unteroffizier", "im Sanitätsdienst", "01302", &[Mil], (2600, 3100), SHIFT, 2, &[
        "Sanitätsdienstliche Versorgung im Grundbetrieb und bei Übungen",
        "Mitarbeit in der Truppenarztpraxis",
        "Pflege von Sanitätsmaterial und Fahrzeugen",
        "Teilnahme an Fortbildungen im Rettungsdienst",
    ]),
    o("Offizier", "im Truppendienst", "01104", &[Mil], (4200, 5600), 0, 1, &[
        "Führung und Ausbildung einer Einheit",
        "Planung von Übungen und Einsätzen",
        "Personalverantwortung für Soldatinnen und Soldaten",
        "Studium an einer Hochschule der Streitkräfte",
    ]),
    // 1 Land-, Forst- und Tierwirtschaft und Gartenbau
    o("Landwirt", "", "11102", &[Agri], (2500, 3200), 0, 6, &[
        "Bestellung, Pflege und Ernte unserer Acker- und Grünlandflächen",
        "Bedienung und Pflege moderner Landtechnik",
        "Mitarbeit in der Tierhaltung",
        "Dokumentation von Düngung und Pflanzenschutz",
    ]),
    o("Tierwirt", "Rinderhaltung", "11212", &[Agri], (2400, 3000), SHIFT, 4, &[
        "Fütterung und Versorgung unserer Milchkühe",
        "Melken im modernen Melkstand",
        "Kontrolle der Tiergesundheit",
        "Mitarbeit bei der Kälberaufzucht",
    ]),
    o("Forstwirt", "", "11712", &[Agri, Env], (2500, 3100), 0, 4, &[
        "Holzernte und Pflege unserer Waldflächen",
        "Aufforstung und Waldumbau zu Mischwald",
        "Pflege von Wegen, Gräben und Schutzstreifen",
        "Arbeiten mit Motorsäge und Forsttechnik",
    ]),
    o("Gärtner", "im Garten- und Landschaftsbau", "12142", &[Agri], (2400, 3000), 0, 6, &[
        "Anlage und Pflege von Gärten, Parks und Grünflächen",
        "Pflaster- und Natursteinarbeiten",
        "Gehölzschnitt und Pflanzarbeiten",
        "Winterdienst nach Einsatzplan",
    ]),
    o("Florist", "", "12202", &[Agri, Retail], (2100, 2600), PART, 2, &[
        "Binden von Sträußen, Kränzen und Gestecken",
        "Beratung unserer Kundschaft",
        "Pflege von Pflanzen und Schnittblumen",
        "Dekoration für Feiern und Veranstaltungen",
    ]),
    o("Helfer", "Landwirtschaft und Ernte", "11101", &[Agri], (2100, 2400), PART | MINI, 3, &[
        "Mithilfe bei Aussaat und Ernte",
        "Pflege- und Sortierarbeiten",
        "Einfache Maschinenarbeiten nach Einweisung",
        "Mithilfe im Hofladen",
    ]),
    // 2 Rohstoffgewinnung, Produktion und Fertigung
    o("Industriemechaniker", "", "25102", &[Ind, Energy, Chem], (3000, 3900), SHIFT, 22, &[
        "Wartung, Inspektion und Instandsetzung von Produktionsanlagen",
        "Fehlersuche an mechanischen, pneumatischen und hydraulischen Baugruppen",
        "Montage und Inbetriebnahme neuer Anlagenteile",
        "Dokumentation der Instandhaltung im Wartungssystem",
    ]),
    o("Mechatroniker", "", "26112", &[Ind, Energy, Chem], (3100, 4000), SHIFT, 22, &[
        "Instandhaltung mechatronischer Systeme in der Produktion",
        "Fehlersuche an Steuerungen, Antrieben und Sensorik",
        "Inbetriebnahme neuer Anlagen und Baugruppen",
        "Vorbeugende Wartung nach Plan",
    ]),
    o("Elektroniker", "für Betriebstechnik", "26252", &[Ind, Energy, Chem], (3100, 4000), SHIFT, 18, &[
        "Prüfung und Instandhaltung elektrischer Anlagen und Schaltschränke",
        "Fehlersuche in Steuerungs- und Antriebstechnik",
        "Umbau und Erweiterung von Anlagen",
        "Wiederkehrende Prüfungen nach DGUV Vorschrift 3",
    ]),
    o("Elektroniker", "für Energie- und Gebäudetechnik", "26212", &[Craft, Build, Energy], (2800, 3600), 0, 14, &[
        "Elektroinstallation in Neubau und Sanierung",
        "Montage von Photovoltaikanlagen und Wallboxen",
        "Prüfung und Inbetriebnahme von Anlagen",
        "Störungssuche beim Kunden",
    ]),
    o("Elektroniker", "für Automatisierungstechnik", "26122", &[Ind, Energy], (3200, 4100), SHIFT, 8, &[
        "Programmierung und Optimierung von SPS-Steuerungen",
        "Inbetriebnahme automatisierter Anlagen",
        "Fehlersuche in Bussystemen und Antrieben",
        "Mitarbeit in Modernisierungsprojekten",
    ]),
    o("Kraftwerker", "", "26232", &[Energy], (3200, 4000), SHIFT, 6, &[
        "Überwachung und Steuerung der Anlagen von der Leitwarte",
        "Kontrollgänge und Störungsbeseitigung",
        "An- und Abfahren von Anlagenteilen",
        "Mitarbeit bei Revisionen",
    ]),
    o("Servicetechniker", "Windenergie und Photovoltaik", "26242", &[Energy], (3000, 3800), 0, 6, &[
        "Wartung und Instandsetzung von Windenergie- und Solaranlagen",
        "Fehlersuche an Umrichtern und Steuerungen",
        "Prüfungen und Protokolle nach Herstellervorgaben",
        "Einsätze im Team im Umkreis von 100 km",
    ]),
    o("Servicetechniker", "Wasserstoff- und Elektrolyseanlagen", "26243", &[Energy, Chem], (3600, 4600), SHIFT, 4, &[
        "Betreuung von Elektrolyseuren und Verdichtern",
        "Inbetriebnahme und Optimierung neuer Anlagenteile",
        "Sicherheitsprüfungen und Gasmessungen",
        "Zusammenarbeit mit Herstellern und Planern",
    ]),
    o("Schweißer", "", "24422", &[Ind, Build], (2800, 3600), SHIFT, 14, &[
        "WIG-, MAG- und E-Hand-Schweißen von Stahl- und Edelstahlkonstruktionen",
        "Schweißen von Rohrleitungen nach Zeichnung",
        "Vorbereiten und Heften von Bauteilen",
        "Sichtprüfung der eigenen Nähte",
    ]),
    o("Metallbauer", "Fachrichtung Konstruktionstechnik", "24412", &[Ind, Build, Craft], (2800, 3500), 0, 10, &[
        "Fertigung von Stahlkonstruktionen, Treppen und Geländern",
        "Montage auf Baustellen in der Region",
        "Lesen technischer Zeichnungen",
        "Schweißen, Bohren und Schleifen",
    ]),
    o("Konstruktionsmechaniker", "", "24412", &[Ind], (2900, 3600), SHIFT, 5, &[
        "Herstellung von Bauteilen aus Blechen und Profilen",
        "Zusammenbau großer Baugruppen",
        "Schweißarbeiten nach Schweißplan",
        "Qualitätskontrolle nach Zeichnung",
    ]),
    o("Zerspanungsmechaniker", "", "24232", &[Ind], (2900, 3700), SHIFT, 9, &[
        "Einrichten und Bedienen von CNC-Dreh- und Fräsmaschinen",
        "Programmieren und Optimieren von CNC-Programmen",
        "Messen und Prüfen der Werkstücke",
        "Wartung der Maschinen",
    ]),
    o("Maschinen- und Anlagenführer", "", "25122", &[Ind, Chem, Food], (2500, 3200), SHIFT, 12, &[
        "Bedienen und Überwachen unserer Produktionsanlagen",
        "Rüsten der Maschinen bei Produktwechsel",
        "Qualitätskontrollen während der Produktion",
        "Kleine Wartungsarbeiten und Reinigung",
    ]),
    o("Produktionshelfer", "Metall", "24201", &[Ind], (2200, 2600), SHIFT | MINI, 7, &[
        "Vorbereiten und Entgraten von Werkstücken",
        "Bestücken von Maschinen",
        "Verpacken und Kennzeichnen der Teile",
        "Ordnung und Sauberkeit am Arbeitsplatz",
    ]),
    o("Kfz-Mechatroniker", "", "25212", &[Auto], (2700, 3500), 0, 12, &[
        "Inspektion, Wartung und Reparatur von Pkw aller Marken",
        "Fehlerdiagnose mit modernen Testgeräten",
        "Arbeiten an Hochvoltsystemen von Elektrofahrzeugen",
        "Reifen- und Klimaservice",
    ]),
    o("Land- und Baumaschinenmechatroniker", "", "25222", &[Agri, Auto], (2800, 3500), 0, 5, &[
        "Wartung und Reparatur von Traktoren, Mähdreschern und Baumaschinen",
        "Fehlersuche an Hydraulik und Elektronik",
        "Außendiensteinsätze beim Kunden",
        "Vorbereitung der Maschinen für die Saison",
    ]),
    o("Verfahrensmechaniker", "für Kunststoff- und Kautschuktechnik", "22102", &[Chem, Ind], (2800, 3500), SHIFT, 6, &[
        "Einrichten und Bedienen von Spritzguss- und Extrusionsanlagen",
        "Werkzeugwechsel und Anfahren der Prozesse",
        "Prozessoptimierung und Qualitätsprüfung",
        "Kleine Instandhaltungsarbeiten",
    ]),
    o("Tischler", "", "22342", &[Craft], (2500, 3200), 0, 6, &[
        "Fertigung von Möbeln, Türen und Innenausbauten",
        "Arbeiten an CNC-Bearbeitungszentren",
        "Montage beim Kunden",
        "Oberflächenbehandlung und Lackierung",
    ]),
    o("Holzmechaniker", "", "22322", &[Ind, Craft], (2500, 3100), SHIFT, 2, &[
        "Bedienen von Anlagen zur Herstellung von Holzbauteilen",
        "Einrichten von Säge- und Hobelmaschinen",
        "Qualitätskontrolle des Holzes",
        "Wartung der Maschinen",
    ]),
    o("Mediengestalter", "Digital und Print", "23212", &[Media], (2600, 3300), REMOTE | PART, 5, &[
        "Gestaltung von Anzeigen, Broschüren und Webseiten",
        "Druckdatenerstellung und Abstimmung mit Druckereien",
        "Bildbearbeitung und Satz",
        "Pflege von Social-Media-Kanälen",
    ]),
    o("Medientechnologe", "Druck", "23412", &[Media, Ind], (2700, 3300), SHIFT, 2, &[
        "Einrichten und Bedienen von Offset- und Digitaldruckmaschinen",
        "Farbabstimmung und Qualitätskontrolle",
        "Vorbereitung von Papier und Druckplatten",
        "Wartung der Druckmaschinen",
    ]),
    o("Verfahrensmechaniker", "Glastechnik", "21312", &[Manuf], (2600, 3200), SHIFT, 4, &[
        "Bedienen der Schmelz- und Formgebungsanlagen",
        "Überwachen von Temperaturen und Prozessdaten",
        "Qualitätskontrolle der Glasprodukte",
        "Mitarbeit bei Formenwechseln",
    ]),
    o("Aufbereitungsmechaniker", "Sand und Kies", "21212", &[Env, Build], (2700, 3300), SHIFT, 3, &[
        "Bedienen von Brech-, Sieb- und Waschanlagen",
        "Überwachen der Förderbänder und Anlagen",
        "Probenahme und Qualitätskontrolle",
        "Wartung und Reparatur der Anlagen",
    ]),
    o("Bergbautechnologe", "Sanierungsbergbau", "21112", &[Env], (2900, 3600), SHIFT, 2, &[
        "Sicherung und Sanierung ehemaliger Tagebauflächen",
        "Bedienen von Großgeräten und Pumpen",
        "Überwachung von Böschungen und Wasserständen",
        "Arbeitssicherheit auf dem Sanierungsgelände",
    ]),
    o("Fachkraft", "für Lebensmitteltechnik", "29202", &[Food], (2500, 3100), SHIFT, 4, &[
        "Steuern und Überwachen der Produktionslinien",
        "Einhalten der Hygiene- und Qualitätsstandards",
        "Rezepturen und Chargen dokumentieren",
        "Reinigung und Wartung der Anlagen",
    ]),
    o("Bäcker", "", "29222", &[Food], (2300, 2900), SHIFT, 6, &[
        "Herstellung von Brot, Brötchen und Feingebäck nach Hausrezepten",
        "Arbeiten mit Sauerteig und langer Teigführung",
        "Bedienen der Öfen und Teigmaschinen",
        "Sauberkeit in der Backstube",
    ]),
    o("Fleischer", "", "29232", &[Food], (2400, 2900), 0, 2, &[
        "Zerlegen und Verarbeiten von Fleisch",
        "Herstellung von Wurst und Schinken nach eigenen Rezepten",
        "Vorbereitung von Partyplatten und Catering",
        "Einhalten der Hygienevorschriften",
    ]),
    o("Koch", "", "29302", &[Hosp, Care, Health], (2400, 3100), SHIFT | PART, 14, &[
        "Zubereitung regionaler und saisonaler Gerichte",
        "Planung von Menüs und Bestellungen",
        "Einhalten der Hygienevorschriften nach HACCP",
        "Anleitung von Aushilfen und Auszubildenden",
    ]),
    o("Küchenhilfe", "", "29301", &[Hosp, Care], (2000, 2300), PART | MINI, 5, &[
        "Vorbereitung von Gemüse, Salaten und Beilagen",
        "Spülen und Reinigung der Küche",
        "Annahme und Einlagerung von Waren",
        "Unterstützung bei der Essensausgabe",
    ]),
    o("Technischer Produktdesigner", "", "27212", &[Ind, Energy], (3000, 3700), REMOTE, 4, &[
        "Erstellen von 3D-Modellen und technischen Zeichnungen im CAD",
        "Ableiten von Stücklisten",
        "Abstimmung mit Konstruktion und Fertigung",
        "Pflege der Zeichnungsdatenbank",
    ]),
    o("Qualitätsprüfer", "", "27312", &[Ind, Chem], (2700, 3400), SHIFT, 5, &[
        "Prüfen von Bauteilen nach Zeichnung und Prüfplan",
        "Bedienen von Mess- und Prüfmitteln",
        "Dokumentation der Prüfergebnisse",
        "Mitarbeit bei Reklamationen",
    ]),
    o("Konstrukteur", "Anlagenbau", "27224", &[Ind, Energy], (4200, 5600), REMOTE | YEAR, 5, &[
        "Konstruktion von Anlagen und Baugruppen im 3D-CAD",
        "Berechnung und Auslegung von Komponenten",
        "Abstimmung mit Kunden und Fertigung",
        "Begleitung von Montage und Inbetriebnahme",
    ]),
    o("Ingenieur", "Verfahrenstechnik", "27104", &[Chem, Energy, Ind], (4500, 6000), REMOTE | YEAR, 5, &[
        "Auslegung und Optimierung verfahrenstechnischer Prozesse",
        "Betreuung von Versuchs- und Pilotanlagen",
        "Erstellen von Fließbildern und Spezifikationen",
        "Mitarbeit in Genehmigungsverfahren",
    ]),
    o("Produktionsplaner", "", "27303", &[Ind, Food], (3400, 4300), REMOTE, 4, &[
        "Planung und Steuerung der Fertigungsaufträge",
        "Kapazitäts- und Materialplanung im ERP-System",
        "Abstimmung mit Einkauf, Vertrieb und Produktion",
        "Auswertung von Kennzahlen",
    ]),
    o("Produktionsmitarbeiter", "Weberei", "28122", &[Manuf], (2300, 2800), SHIFT, 3, &[
        "Bedienen und Überwachen der Webmaschinen",
        "Kettwechsel und Fadenbruchbehebung",
        "Qualitätskontrolle der Gewebe",
        "Reinigung der Maschinen",
    ]),
    o("Maßschneider", "", "28222", &[Manuf], (2200, 2700), PART, 2, &[
        "Anfertigen und Ändern von Kleidung und Trachten",
        "Zuschnitt nach Schnittmuster",
        "Kundenberatung und Anprobe",
        "Sticken und Verzieren",
    ]),
    // 3 Bau, Architektur, Vermessung und Gebäudetechnik
    o("Maurer", "", "32122", &[Build], (2800, 3500), 0, 8, &[
        "Mauer-, Beton- und Putzarbeiten im Hochbau",
        "Einschalen und Bewehren",
        "Lesen von Bauplänen",
        "Sanierung von Bestandsgebäuden",
    ]),
    o("Straßenbauer", "", "32222", &[Build], (2800, 3500), 0, 5, &[
        "Bau und Sanierung von Straßen, Wegen und Plätzen",
        "Pflaster- und Asphaltarbeiten",
        "Einbau von Borden und Entwässerung",
        "Bedienen von Rüttelplatte und Minibagger",
    ]),
    o("Tiefbaufacharbeiter", "", "32202", &[Build, Env], (2600, 3200), 0, 4, &[
        "Verlegen von Leitungen und Kanälen",
        "Erdarbeiten und Verfüllung",
        "Sicherung von Baugruben",
        "Mitarbeit bei Hausanschlüssen",
    ]),
    o("Rohrleitungsbauer", "", "34322", &[Build, Energy, Ind], (2900, 3600), 0, 4, &[
        "Bau und Instandsetzung von Gas-, Wasser- und Fernwärmeleitungen",
        "Schweißen und Verbinden von Rohren",
        "Druckprüfungen",
        "Arbeiten nach Plan und Regelwerk",
    ]),
    o("Bauleiter", "Tief- und Straßenbau", "31104", &[Build], (4200, 5500), YEAR, 5, &[
        "Leitung und Überwachung von Baustellen",
        "Termin-, Kosten- und Qualitätskontrolle",
        "Abstimmung mit Auftraggebern und Nachunternehmern",
        "Aufmaß und Abrechnung",
    ]),
    o("Bauzeichner", "", "31102", &[Build, Env], (2700, 3300), REMOTE | PART, 3, &[
        "Erstellen von Plänen im CAD",
        "Mengenermittlung und Ausschreibungsunterlagen",
        "Pflege der Projektunterlagen",
        "Abstimmung mit Ingenieuren und Behörden",
    ]),
    o("Vermessungstechniker", "", "31212", &[Build, Env], (2800, 3400), 0, 3, &[
        "Vermessungen auf Baustellen und in der Landschaft",
        "Auswertung der Messdaten",
        "Absteckung von Bauwerken",
        "Arbeiten mit GNSS und Tachymeter",
    ]),
    o("Architekt", "", "31114", &[Build], (4000, 5500), REMOTE | YEAR, 2, &[
        "Entwurf und Planung von Wohn- und Gewerbebauten",
        "Bauantrag und Ausführungsplanung",
        "Bauüberwachung",
        "Abstimmung mit Bauherren und Fachplanern",
    ]),
    o("Maler und Lackierer", "", "33212", &[Craft, Build], (2500, 3100), 0, 7, &[
        "Maler-, Tapezier- und Lackierarbeiten",
        "Fassadengestaltung und Wärmedämmung",
        "Untergrundvorbereitung",
        "Arbeiten beim Kunden vor Ort",
    ]),
    o("Fliesenleger", "", "33112", &[Craft], (2600, 3200), 0, 3, &[
        "Verlegen von Fliesen, Platten und Mosaiken",
        "Abdichten von Bädern",
        "Sanierung alter Beläge",
        "Beratung der Kundschaft",
    ]),
    o("Trockenbauer", "", "33302", &[Craft, Build], (2600, 3200), 0, 3, &[
        "Montage von Ständerwänden und Decken",
        "Spachtel- und Schleifarbeiten",
        "Einbau von Dämmung und Brandschutz",
        "Arbeiten nach Plan",
    ]),
    o("Zimmerer", "", "33322", &[Craft, Build], (2800, 3400), 0, 3, &[
        "Abbund und Montage von Dachstühlen",
        "Holzrahmenbau",
        "Dachsanierung und Dämmung",
        "Arbeiten mit Kran und Hebebühne",
    ]),
    o("Dachdecker", "", "32142", &[Craft, Build], (2700, 3300), 0, 4, &[
        "Eindecken von Steil- und Flachdächern",
        "Abdichtungs- und Klempnerarbeiten",
        "Montage von Solaranlagen auf Dächern",
        "Reparatur nach Sturmschäden",
    ]),
    o("Anlagenmechaniker", "für Sanitär-, Heizungs- und Klimatechnik", "34212", &[Craft, Build], (2800, 3600), 0, 12, &[
        "Installation von Heizungen, Wärmepumpen und Bädern",
        "Wartung und Störungsbeseitigung beim Kunden",
        "Einbau von Lüftungs- und Klimaanlagen",
        "Inbetriebnahme und Einweisung",
    ]),
    o("Hausmeister", "", "34102", &[Service, Social, Care, Hosp], (2300, 2900), PART | MINI, 5, &[
        "Kleine Reparaturen an Gebäuden und Technik",
        "Pflege der Außenanlagen",
        "Kontrolle der Heizungs- und Sicherheitstechnik",
        "Winterdienst",
    ]),
    o("Fachkraft", "für Abwassertechnik", "34312", &[Env], (2800, 3400), SHIFT, 3, &[
        "Betrieb und Überwachung der Kläranlage",
        "Probenahme und Laboranalysen",
        "Wartung von Pumpen und Maschinen",
        "Rufbereitschaft im Wechsel",
    ]),
    o("Fachkraft", "für Kreislauf- und Abfallwirtschaft", "34332", &[Env], (2600, 3200), 0, 2, &[
        "Annahme und Kontrolle von Abfällen",
        "Sortierung und Verwertung",
        "Bedienen der Anlagen",
        "Dokumentation nach Abfallrecht",
    ]),
    o("Ingenieur", "Technische Gebäudeausrüstung", "34104", &[Build, Energy], (4300, 5600), REMOTE | YEAR, 3, &[
        "Planung von Heizungs-, Lüftungs- und Sanitäranlagen",
        "Berechnungen und Ausschreibungen",
        "Bauüberwachung",
        "Energiekonzepte für Sanierungen",
    ]),
    o("Behälter- und Apparatebauer", "", "34342", &[Ind], (2900, 3600), SHIFT, 3, &[
        "Fertigung von Behältern und Apparaten aus Stahl und Edelstahl",
        "Umformen, Schweißen und Montieren",
        "Druckprüfungen",
        "Arbeiten nach Zeichnung",
    ]),
    // 4 Naturwissenschaft, Geografie und Informatik
    o("Chemikant", "", "41312", &[Chem], (3000, 3800), SHIFT, 8, &[
        "Steuern und Überwachen chemischer Produktionsanlagen",
        "Probenahme und einfache Analysen",
        "Rohstoffe dosieren und Prozesse protokollieren",
        "Kontrollgänge und Störungsbeseitigung",
    ]),
    o("Chemielaborant", "", "41322", &[Chem, Env], (2800, 3500), 0, 5, &[
        "Analysen von Rohstoffen, Produkten und Wasserproben",
        "Bedienen von Laborgeräten wie HPLC und GC",
        "Dokumentation nach Laborstandard",
        "Pflege der Prüfmittel",
    ]),
    o("Biologielaborant", "", "41212", &[Chem, Health, Agri], (2700, 3300), 0, 2, &[
        "Mikrobiologische Untersuchungen",
        "Ansetzen von Nährmedien und Kulturen",
        "Auswertung und Dokumentation",
        "Einhalten der Hygienevorschriften",
    ]),
    o("Werkstoffprüfer", "", "41422", &[Ind, Energy], (2800, 3500), 0, 3, &[
        "Zerstörende und zerstörungsfreie Prüfungen",
        "Ultraschall- und Durchstrahlungsprüfung von Schweißnähten",
        "Auswertung und Prüfberichte",
        "Kalibrierung der Prüfgeräte",
    ]),
    o("Baustoffprüfer", "", "41432", &[Build], (2600, 3200), 0, 2, &[
        "Prüfung von Beton, Asphalt und Böden",
        "Probenahme auf Baustellen",
        "Laborversuche nach Norm",
        "Prüfberichte erstellen",
    ]),
    o("Geotechniker", "Rekultivierung", "42113", &[Env], (3400, 4300), 0, 3, &[
        "Überwachung von Böschungen und Kippenflächen",
        "Auswertung von Bohrungen und Messungen",
        "Gutachten und Stellungnahmen",
        "Abstimmung mit Bergbehörden",
    ]),
    o("Umweltingenieur", "", "42204", &[Env, Energy], (4200, 5400), REMOTE | YEAR, 3, &[
        "Planung von Maßnahmen zum Boden- und Gewässerschutz",
        "Umweltverträglichkeitsprüfungen",
        "Betreuung von Genehmigungsverfahren",
        "Monitoring und Berichte",
    ]),
    o("Sachbearbeiter", "Umwelt- und Immissionsschutz", "42313", &[Env, Chem], (3300, 4100), REMOTE | PART, 2, &[
        "Betreuung umweltrechtlicher Genehmigungen",
        "Emissionsberichte und Messprogramme",
        "Ansprechpartner für Behörden",
        "Schulung der Beschäftigten",
    ]),
    o("Schornsteinfeger", "", "42212", &[Craft], (2600, 3200), 0, 2, &[
        "Kehren und Überprüfen von Feuerstätten",
        "Emissionsmessungen",
        "Feuerstättenschau",
        "Energieberatung für Hausbesitzer",
    ]),
    o("Fachinformatiker", "für Systemintegration", "43312", &[It, Office, Ind, Energy], (3000, 3900), REMOTE, 10, &[
        "Betreuung von Servern, Netzwerken und Arbeitsplätzen",
        "Einrichtung und Pflege von Benutzerkonten",
        "Support für Kolleginnen und Kollegen",
        "Mitarbeit in IT-Projekten",
    ]),
    o("Fachinformatiker", "für Anwendungsentwicklung", "43412", &[It], (3200, 4200), REMOTE, 8, &[
        "Entwicklung von Web- und Datenbankanwendungen",
        "Tests und Code-Reviews",
        "Pflege bestehender Software",
        "Abstimmung mit Fachabteilungen",
    ]),
    o("Softwareentwickler", "Backend", "43414", &[It], (4200, 5800), REMOTE | YEAR, 6, &[
        "Entwurf und Entwicklung von Backend-Services",
        "Datenbanken und Schnittstellen",
        "Automatisierte Tests und Deployment",
        "Fachliche Abstimmung mit Kunden",
    ]),
    o("IT-Administrator", "", "43343", &[It, Office, Health], (3400, 4400), REMOTE, 5, &[
        "Betrieb von Windows- und Linux-Servern",
        "Backup, Monitoring und IT-Sicherheit",
        "Betreuung der Netzwerk- und Telefonanlage",
        "Dokumentation der IT-Landschaft",
    ]),
    o("IT-Supporter", "", "43102", &[It, Office], (2700, 3300), REMOTE | PART, 4, &[
        "Annahme und Lösung von Störungen im First-Level-Support",
        "Einrichtung von Notebooks und Smartphones",
        "Pflege des Ticketsystems",
        "Kleine Schulungen für Anwender",
    ]),
    o("Datenbankentwickler", "", "43353", &[It], (3900, 5200), REMOTE | YEAR, 2, &[
        "Entwurf und Optimierung relationaler Datenbanken",
        "Datenmigration und Schnittstellen",
        "Berichte und Auswertungen",
        "Performance-Analysen",
    ]),
    o("IT-Berater", "ERP-Systeme", "43223", &[It], (4000, 5400), REMOTE | YEAR, 2, &[
        "Einführung von ERP-Systemen beim Kunden",
        "Analyse von Geschäftsprozessen",
        "Schulung von Anwenderinnen und Anwendern",
        "Customizing und Tests",
    ]),
    // 5 Verkehr, Logistik, Schutz und Sicherheit
    o("Berufskraftfahrer", "CE im Nahverkehr", "52122", &[Logi, Build], (2600, 3300), 0, 12, &[
        "Auslieferung und Abholung von Waren in der Region",
        "Be- und Entladen mit Hebebühne und Stapler",
        "Abfahrtskontrolle des Fahrzeugs",
        "Führen der Lieferpapiere",
    ]),
    o("Busfahrer", "im Linienverkehr", "52132", &[Logi], (2600, 3200), SHIFT | PART, 4, &[
        "Sichere Beförderung unserer Fahrgäste",
        "Fahrkartenverkauf und Auskünfte",
        "Kontrolle des Fahrzeugs vor Fahrtantritt",
        "Schülerverkehr am Morgen und Mittag",
    ]),
    o("Fachkraft", "für Lagerlogistik", "51312", &[Logi, Retail, Ind], (2500, 3100), SHIFT, 10, &[
        "Warenannahme, Einlagerung und Kommissionierung",
        "Buchungen im Lagerverwaltungssystem",
        "Verladen mit dem Gabelstapler",
        "Inventur und Bestandskontrolle",
    ]),
    o("Lagerhelfer", "", "51311", &[Logi, Retail], (2200, 2500), SHIFT | PART | MINI, 6, &[
        "Kommissionieren von Aufträgen mit Handscanner",
        "Verpacken und Etikettieren",
        "Ordnung im Lager",
        "Unterstützung bei der Warenannahme",
    ]),
    o("Gabelstaplerfahrer", "", "52532", &[Logi, Ind], (2400, 2900), SHIFT, 4, &[
        "Be- und Entladen von Lkw",
        "Transport von Material im Werk",
        "Sichtkontrolle des Staplers",
        "Buchungen mit dem Scanner",
    ]),
    o("Baumaschinenführer", "", "52522", &[Build, Env], (2800, 3500), 0, 4, &[
        "Bedienen von Baggern, Radladern und Raupen",
        "Erdarbeiten nach Plan",
        "Pflege und Wartung der Maschinen",
        "Transport der Maschinen zur Baustelle",
    ]),
    o("Kranführer", "", "52532", &[Build, Ind], (2800, 3400), 0, 2, &[
        "Bedienen von Turmdreh- und Mobilkranen",
        "Anschlagen und Heben von Lasten",
        "Tägliche Sichtprüfung",
        "Abstimmung mit dem Montageteam",
    ]),
    o("Triebfahrzeugführer", "Güterverkehr", "52202", &[Logi], (3200, 3900), SHIFT, 3, &[
        "Führen von Güterzügen in der Region",
        "Rangieren im Anschlussgleis",
        "Wagenprüfung und Bremsprobe",
        "Zusammenarbeit mit Disposition und Fahrdienst",
    ]),
    o("Disponent", "Transport und Logistik", "51623", &[Logi], (2900, 3700), REMOTE, 4, &[
        "Planung von Touren und Fahrzeugeinsatz",
        "Ansprechpartner für Fahrer und Kunden",
        "Auftragsannahme und Frachtabrechnung",
        "Optimierung der Auslastung",
    ]),
    o("Kaufmann", "für Spedition und Logistikdienstleistung", "51622", &[Logi], (2700, 3400), REMOTE, 3, &[
        "Organisation von Transporten im In- und Ausland",
        "Angebote und Kalkulation",
        "Zollpapiere und Frachtdokumente",
        "Kundenbetreuung",
    ]),
    o("Kurierfahrer", "", "51321", &[Logi], (2200, 2600), PART | MINI, 3, &[
        "Zustellung von Paketen und Sendungen",
        "Abholung bei Geschäftskunden",
        "Tourenplanung mit der App",
        "Pflege des Fahrzeugs",
    ]),
    o("Fachkraft", "für Schutz und Sicherheit", "53112", &[Service, Ind], (2600, 3200), SHIFT, 5, &[
        "Objektschutz und Zugangskontrolle",
        "Streifengänge auf dem Werksgelände",
        "Bedienen der Sicherheitstechnik",
        "Erstmaßnahmen bei Störungen",
    ]),
    o("Sicherheitsmitarbeiter", "Werkschutz", "53111", &[Service], (2300, 2700), SHIFT | PART | MINI, 4, &[
        "Empfang und Pforte",
        "Kontrollgänge",
        "Besuchermanagement",
        "Protokollierung von Ereignissen",
    ]),
    o("Werkfeuerwehrmann", "", "53132", &[Service, Energy, Chem], (3000, 3700), SHIFT, 3, &[
        "Einsätze der Werkfeuerwehr bei Brand und Störfall",
        "Wartung von Fahrzeugen und Geräten",
        "Brandschutzkontrollen im Betrieb",
        "Schulungen für Beschäftigte",
    ]),
    o("Fachkraft", "für Arbeitssicherheit", "53123", &[Ind, Build, Energy], (3800, 4800), 0, 3, &[
        "Beratung der Führungskräfte zu Arbeitsschutz",
        "Gefährdungsbeurteilungen",
        "Begehungen und Unfalluntersuchungen",
        "Unterweisungen und Schulungen",
    ]),
    o("Gebäudereiniger", "", "54112", &[Service], (2300, 2700), PART | MINI, 5, &[
        "Unterhalts- und Grundreinigung von Büros und Praxen",
        "Glas- und Fassadenreinigung",
        "Bedienen von Reinigungsmaschinen",
        "Anleitung von Reinigungskräften",
    ]),
    o("Reinigungskraft", "", "54101", &[Service, Care, Health, Hosp], (2100, 2400), PART | MINI, 6, &[
        "Reinigung von Büros, Zimmern und Sanitärräumen",
        "Auffüllen von Verbrauchsmaterial",
        "Einhalten der Hygienepläne",
        "Meldung von Schäden",
    ]),
    // 6 Kaufmännische Dienstleistungen, Warenhandel, Vertrieb, Hotel und Tourismus
    o("Verkäufer", "", "62102", &[Retail], (2100, 2700), PART | MINI, 12, &[
        "Beratung und Bedienung unserer Kundschaft",
        "Warenverräumung und Präsentation",
        "Kassieren",
        "Kontrolle von Preisen und Haltbarkeit",
    ]),
    o("Kaufmann", "im Einzelhandel", "62102", &[Retail], (2400, 3000), PART, 6, &[
        "Verkauf und Beratung",
        "Bestellungen und Warendisposition",
        "Kassenabrechnung",
        "Gestaltung der Verkaufsfläche",
    ]),
    o("Fachverkäufer", "Bäckerei", "62312", &[Food], (2100, 2600), PART | MINI | SHIFT, 6, &[
        "Verkauf von Brot, Brötchen und Kuchen",
        "Belegen von Snacks und Zubereiten von Kaffeespezialitäten",
        "Kassieren und Kassenabrechnung",
        "Sauberkeit im Laden und Café",
    ]),
    o("Fachverkäufer", "Frischetheke", "62322", &[Food, Retail], (2200, 2700), PART, 3, &[
        "Verkauf an der Fleisch-, Wurst- und Käsetheke",
        "Herrichten der Theke",
        "Beratung zu regionalen Produkten",
        "Einhalten der Hygienevorschriften",
    ]),
    o("Kassierer", "", "62112", &[Retail], (2000, 2400), PART | MINI, 3, &[
        "Kassieren und Kundenservice",
        "Kassenabrechnung",
        "Pfandannahme",
        "Auffüllen im Kassenbereich",
    ]),
    o("Filialleiter", "", "62194", &[Retail, Food], (3200, 4200), 0, 3, &[
        "Führung des Filialteams",
        "Personaleinsatzplanung",
        "Umsatz- und Kostenverantwortung",
        "Warendisposition",
    ]),
    o("Verkäufer", "Bau- und Gartenmarkt", "62262", &[Retail], (2200, 2700), PART | MINI, 3, &[
        "Fachberatung im Bereich Garten und Baustoffe",
        "Warenpräsentation",
        "Holzzuschnitt und Mischen von Farben",
        "Bestellungen",
    ]),
    o("Automobilverkäufer", "", "62272", &[Auto], (2800, 4200), 0, 2, &[
        "Beratung und Verkauf von Neu- und Gebrauchtwagen",
        "Probefahrten und Fahrzeugübergaben",
        "Finanzierungs- und Leasingangebote",
        "Pflege des Kundenstamms",
    ]),
    o("Einkäufer", "", "61113", &[Ind, Retail, Build, Energy], (3300, 4300), REMOTE, 4, &[
        "Einkauf von Material und Dienstleistungen",
        "Preisverhandlungen mit Lieferanten",
        "Lieferantenbewertung",
        "Bestellabwicklung im ERP-System",
    ]),
    o("Vertriebsmitarbeiter", "im Außendienst", "61122", &[Ind, It, Food, Agri], (3200, 4500), 0, 5, &[
        "Betreuung und Ausbau des Kundenstamms",
        "Angebote und Vertragsverhandlungen",
        "Besuche bei Kunden in Ostdeutschland",
        "Messeauftritte",
    ]),
    o("Kaufmann", "im Groß- und Außenhandelsmanagement", "61212", &[Logi, Retail, Ind], (2800, 3500), REMOTE, 4, &[
        "Auftragsbearbeitung und Kundenbetreuung",
        "Einkauf und Disposition",
        "Abwicklung von Exportgeschäften",
        "Reklamationsbearbeitung",
    ]),
    o("Immobilienkaufmann", "", "61312", &[Office], (2900, 3600), REMOTE | PART, 2, &[
        "Vermietung und Verwaltung von Wohnungen",
        "Betriebskostenabrechnung",
        "Wohnungsübergaben",
        "Ansprechpartner für Mieter",
    ]),
    o("Restaurantfachmann", "", "63302", &[Hosp], (2300, 2900), SHIFT | PART, 6, &[
        "Betreuung unserer Gäste im Restaurant",
        "Getränkeausschank und Weinberatung",
        "Vorbereitung von Feiern und Banketten",
        "Kassieren",
    ]),
    o("Servicekraft", "", "63301", &[Hosp], (2100, 2500), PART | MINI, 8, &[
        "Bedienung unserer Gäste",
        "Eindecken und Abräumen",
        "Getränke zubereiten",
        "Kassieren",
    ]),
    o("Hotelfachmann", "", "63222", &[Hosp], (2300, 2900), SHIFT | PART, 4, &[
        "Einsatz an Rezeption, im Service und in der Hausdame-Abteilung",
        "Gästebetreuung und Reservierungen",
        "Planung von Tagungen",
        "Abrechnung",
    ]),
    o("Rezeptionist", "", "63212", &[Hosp], (2400, 2900), SHIFT | PART, 4, &[
        "Check-in und Check-out unserer Gäste",
        "Reservierungen per Telefon und E-Mail",
        "Ausflugstipps für die Lausitz",
        "Abrechnung und Kasse",
    ]),
    o("Mitarbeiter", "Tourist-Information", "63112", &[Hosp, Media], (2300, 2800), PART, 3, &[
        "Beratung von Gästen zu Ausflügen und Unterkünften",
        "Verkauf von Tickets und Souvenirs",
        "Pflege der Veranstaltungsdatenbank",
        "Mitarbeit bei Stadtfesten",
    ]),
    o("Gästeführer", "Lausitzer Seenland und Spreewald", "63142", &[Hosp], (2200, 2700), PART | MINI, 2, &[
        "Führungen für Gruppen und Schulklassen",
        "Rad- und Kahntouren",
        "Vermittlung von Geschichte und Strukturwandel der Region",
        "Führungen auch auf Englisch oder Polnisch",
    ]),
    o("Veranstaltungskaufmann", "", "63402", &[Media, Hosp], (2600, 3300), 0, 2, &[
        "Planung und Organisation von Veranstaltungen",
        "Budget und Abrechnung",
        "Abstimmung mit Dienstleistern",
        "Betreuung vor Ort",
    ]),
    // 7 Unternehmensorganisation, Buchhaltung, Recht und Verwaltung
    o("Kaufmann", "für Büromanagement", "71402", &[], (2500, 3200), REMOTE | PART, 10, &[
        "Allgemeine Büro- und Verwaltungsaufgaben",
        "Terminplanung und Korrespondenz",
        "Rechnungsprüfung und Ablage",
        "Empfang und Telefon",
    ]),
    o("Industriekaufmann", "", "71302", &[Ind, Energy, Chem, Build], (2900, 3700), REMOTE, 6, &[
        "Auftragsabwicklung von der Anfrage bis zur Rechnung",
        "Angebote und Kalkulation",
        "Einkauf und Materialwirtschaft",
        "Mitarbeit im Controlling",
    ]),
    o("Personalreferent", "", "71513", &[Ind, Energy, Care, It, Retail, Logi], (3600, 4600), REMOTE | YEAR, 4, &[
        "Personalgewinnung und Auswahlgespräche",
        "Betreuung der Beschäftigten von Eintritt bis Austritt",
        "Arbeitsverträge und Zeugnisse",
        "Willkommensmanagement für neue Fachkräfte",
    ]),
    o("Lohnbuchhalter", "", "72212", &[Office, Ind, Care], (3000, 3800), REMOTE | PART, 3, &[
        "Monatliche Entgeltabrechnung",
        "Meldungen an Sozialversicherung und Finanzamt",
        "Pflege der Stammdaten",
        "Ansprechpartner für Beschäftigte",
    ]),
    o("Assistenz", "der Geschäftsführung", "71403", &[Ind, Energy, It, Build], (3000, 3800), REMOTE | PART, 3, &[
        "Organisation von Terminen, Reisen und Sitzungen",
        "Vorbereitung von Präsentationen",
        "Korrespondenz auf Deutsch und Englisch",
        "Koordination von Projekten",
    ]),
    o("Buchhalter", "", "72213", &[], (3000, 3900), REMOTE | PART, 5, &[
        "Kreditoren- und Debitorenbuchhaltung",
        "Monats- und Jahresabschlüsse",
        "Zahlungsverkehr",
        "Zusammenarbeit mit der Steuerberatung",
    ]),
    o("Controller", "", "72233", &[Ind, Energy, It], (4000, 5200), REMOTE | YEAR, 3, &[
        "Planung und Forecast",
        "Monatsberichte und Kennzahlen",
        "Kostenstellenrechnung",
        "Investitionsrechnung",
    ]),
    o("Steuerfachangestellter", "", "72302", &[Office], (2800, 3600), REMOTE | PART, 5, &[
        "Finanz- und Lohnbuchhaltung für Mandanten",
        "Steuererklärungen",
        "Vorbereitung von Jahresabschlüssen",
        "Mandantenkommunikation",
    ]),
    o("Bankkaufmann", "", "72112", &[Office], (2900, 3600), PART, 2, &[
        "Beratung von Privatkunden",
        "Kontoeröffnungen und Zahlungsverkehr",
        "Baufinanzierungen vorbereiten",
        "Serviceaufgaben in der Filiale",
    ]),
    o("Verwaltungsfachangestellter", "", "73202", &[Office, Social], (2900, 3600), PART, 4, &[
        "Sachbearbeitung in Verwaltung und Bürgerservice",
        "Bescheide und Anträge",
        "Haushalts- und Vergabeverfahren",
        "Auskünfte an Bürgerinnen und Bürger",
    ]),
    o("Sachbearbeiter", "Leistungsabrechnung", "73222", &[Care, Health], (2700, 3400), REMOTE | PART, 3, &[
        "Abrechnung mit Pflege- und Krankenkassen",
        "Prüfung von Verordnungen",
        "Klärung offener Posten",
        "Pflege der Klientendaten",
    ]),
    o("Rechtsanwaltsfachangestellter", "", "73112", &[Office], (2600, 3300), PART, 2, &[
        "Aktenführung und Fristenkontrolle",
        "Schriftverkehr mit Gerichten und Mandanten",
        "Gebührenabrechnung",
        "Mahn- und Vollstreckungsverfahren",
    ]),
    o("Dolmetscher", "Polnisch und Deutsch", "71423", &[Office, Media], (3200, 4200), REMOTE | PART, 1, &[
        "Dolmetschen bei Verhandlungen und Schulungen",
        "Fachübersetzungen für Technik und Recht",
        "Terminologiearbeit",
        "Einsätze im Grenzraum",
    ]),
    // 8 Gesundheit, Soziales, Lehre und Erziehung
    o("Pflegefachkraft", "", "81302", &[Care, Health], (3300, 4200), SHIFT | PART, 22, &[
        "Grund- und Behandlungspflege nach ärztlicher Anordnung",
        "Pflegeplanung und Dokumentation",
        "Beratung von Pflegebedürftigen und Angehörigen",
        "Anleitung von Pflegehilfskräften und Auszubildenden",
    ]),
    o("Pflegehelfer", "", "81301", &[Care, Health], (2400, 2900), SHIFT | PART | MINI, 8, &[
        "Unterstützung bei der Körperpflege",
        "Hilfe bei den Mahlzeiten",
        "Begleitung im Alltag",
        "Mitarbeit bei der Dokumentation",
    ]),
    o("Altenpfleger", "", "82102", &[Care], (3200, 4000), SHIFT | PART, 8, &[
        "Pflege und Betreuung älterer Menschen",
        "Medikamentengabe und Wundversorgung",
        "Pflegedokumentation",
        "Zusammenarbeit mit Ärzten und Angehörigen",
    ]),
    o("Betreuungskraft", "", "82101", &[Care], (2200, 2600), PART | MINI, 3, &[
        "Gestaltung von Gruppen- und Einzelangeboten",
        "Spaziergänge, Gedächtnistraining und Singen",
        "Begleitung von Menschen mit Demenz",
        "Dokumentation der Betreuung",
    ]),
    o("Medizinischer Fachangestellter", "", "81102", &[Health], (2500, 3100), PART, 6, &[
        "Empfang und Terminvergabe",
        "Blutentnahmen, EKG und Impfungen",
        "Assistenz bei Untersuchungen",
        "Abrechnung und Praxisorganisation",
    ]),
    o("Physiotherapeut", "", "81712", &[Health], (2800, 3500), PART, 4, &[
        "Krankengymnastik und manuelle Therapie",
        "Therapie nach Operationen und Unfällen",
        "Gerätegestützte Trainingstherapie",
        "Dokumentation",
    ]),
    o("Ergotherapeut", "", "81722", &[Health, Care], (2700, 3400), PART, 2, &[
        "Ergotherapie für neurologische und geriatrische Patienten",
        "Hausbesuche",
        "Hilfsmittelberatung",
        "Therapieberichte",
    ]),
    o("Notfallsanitäter", "", "81342", &[Health], (3300, 4100), SHIFT, 3, &[
        "Notfallversorgung am Einsatzort",
        "Transport von Patienten",
        "Pflege und Prüfung der Rettungsmittel",
        "Praxisanleitung",
    ]),
    o("Operationstechnischer Assistent", "", "81332", &[Health], (3200, 3900), SHIFT, 2, &[
        "Vorbereitung des Operationssaals",
        "Instrumentieren bei Operationen",
        "Aufbereitung von Medizinprodukten",
        "Patientenbetreuung vor und nach dem Eingriff",
    ]),
    o("Assistenzarzt", "Innere Medizin", "81424", &[Health], (5400, 6800), SHIFT, 2, &[
        "Stationsarbeit und Notaufnahme",
        "Diagnostik und Therapie",
        "Weiterbildung zum Facharzt",
        "Dienste im Team",
    ]),
    o("Facharzt", "Allgemeinmedizin", "81404", &[Health], (7000, 9500), PART | YEAR, 1, &[
        "Hausärztliche Versorgung in der Praxis",
        "Hausbesuche und Heimvisiten",
        "Vorsorge und Impfungen",
        "Weiterbildung von Ärzten",
    ]),
    o("Pharmazeutisch-technischer Assistent", "", "81822", &[Health], (2600, 3200), PART, 2, &[
        "Beratung und Abgabe von Arzneimitteln",
        "Herstellung von Rezepturen",
        "Prüfung von Ausgangsstoffen",
        "Warenwirtschaft",
    ]),
    o("Friseur", "", "82312", &[Beauty], (2100, 2700), PART | MINI, 3, &[
        "Schneiden, Färben und Stylen",
        "Beratung zu Schnitt und Pflege",
        "Verkauf von Pflegeprodukten",
        "Terminvergabe",
    ]),
    o("Kosmetiker", "", "82322", &[Beauty], (2100, 2600), PART | MINI, 1, &[
        "Gesichts- und Körperbehandlungen",
        "Maniküre und Pediküre",
        "Beratung zur Hautpflege",
        "Verkauf von Kosmetik",
    ]),
    o("Augenoptiker", "", "82522", &[Retail, Health], (2500, 3100), PART, 2, &[
        "Sehtests und Brillenberatung",
        "Anpassung von Brillen und Kontaktlinsen",
        "Werkstattarbeiten",
        "Verkauf",
    ]),
    o("Erzieher", "", "83112", &[Social], (3000, 3800), PART, 10, &[
        "Betreuung und Förderung von Kindern im Krippen- und Kindergartenalter",
        "Beobachtung und Dokumentation der Entwicklung",
        "Zusammenarbeit mit Eltern",
        "Gestaltung von Projekten und Ausflügen",
    ]),
    o("Heilerziehungspfleger", "", "83132", &[Social, Care], (2900, 3600), SHIFT | PART, 4, &[
        "Begleitung von Menschen mit Behinderung im Alltag",
        "Förderplanung",
        "Pflegerische Unterstützung",
        "Freizeitgestaltung",
    ]),
    o("Sozialarbeiter", "Kinder- und Jugendhilfe", "83124", &[Social], (3400, 4300), PART, 4, &[
        "Beratung von Jugendlichen und Familien",
        "Hilfeplanung mit dem Jugendamt",
        "Gruppenangebote",
        "Netzwerkarbeit mit Schulen und Vereinen",
    ]),
    o("Hauswirtschafter", "", "83212", &[Care, Social, Hosp], (2200, 2700), PART | MINI, 2, &[
        "Zubereitung von Mahlzeiten",
        "Wäschepflege",
        "Reinigung und Ordnung",
        "Einkauf und Vorratshaltung",
    ]),
    o("Berufsschullehrer", "Fachpraxis Metalltechnik", "84213", &[Edu], (3800, 4800), PART, 2, &[
        "Unterricht in Werkstatt und Labor",
        "Vorbereitung auf Prüfungen",
        "Zusammenarbeit mit Ausbildungsbetrieben",
        "Weiterentwicklung der Lehrpläne",
    ]),
    o("Ausbilder", "Elektrotechnik", "84223", &[Edu, Ind, Energy], (3700, 4600), 0, 2, &[
        "Ausbildung unserer Azubis in Werkstatt und Betrieb",
        "Planung der Ausbildungsinhalte",
        "Prüfungsvorbereitung",
        "Kontakt zu Berufsschule und Kammer",
    ]),
    o("Dozent", "Deutsch als Fremdsprache", "84454", &[Edu], (3200, 4200), PART | REMOTE, 3, &[
        "Unterricht in Integrations- und Berufssprachkursen",
        "Prüfungsvorbereitung auf B1 bis C1",
        "Lernberatung",
        "Unterricht vor Ort oder online",
    ]),
    o("Fahrlehrer", "", "84513", &[Edu], (3200, 4000), PART, 1, &[
        "Theorie- und Praxisunterricht",
        "Prüfungsvorbereitung",
        "Ausbildung der Klassen B und BE",
        "Betreuung unserer Fahrschüler",
    ]),
    o("Trainer", "Fitness und Gesundheitssport", "84553", &[Health, Hosp], (2300, 2900), PART | MINI, 1, &[
        "Kurse und Trainingspläne",
        "Betreuung auf der Trainingsfläche",
        "Rehasport-Gruppen",
        "Beratung der Mitglieder",
    ]),
    // 9 Sprach-, Literatur-, Geistes-, Gesellschafts- und Wirtschaftswissenschaften,
    //   Medien, Kunst, Kultur und Gestaltung
    o("Marketingmanager", "", "92113", &[Media, Hosp, It, Retail], (3400, 4500), REMOTE | YEAR, 3, &[
        "Planung und Umsetzung von Kampagnen",
        "Arbeitgebermarke und Recruiting-Marketing",
        "Steuerung von Agenturen",
        "Auswertung von Kennzahlen",
    ]),
    o("Social-Media-Manager", "", "92113", &[Media, Hosp], (2800, 3600), REMOTE | PART | MINI, 2, &[
        "Redaktionsplanung für Instagram, LinkedIn und Co.",
        "Foto und Kurzvideo",
        "Community-Management",
        "Auswertung",
    ]),
    o("Online-Redakteur", "", "92413", &[Media], (2900, 3700), REMOTE | PART, 2, &[
        "Recherche und Schreiben von Beiträgen",
        "Pflege der Website",
        "Newsletter",
        "Suchmaschinenoptimierung",
    ]),
    o("Referent", "Presse- und Öffentlichkeitsarbeit", "92203", &[Media, Social, Energy], (3500, 4500), REMOTE, 2, &[
        "Pressemitteilungen und Pressekontakte",
        "Texte für Website und Magazine",
        "Planung von Veranstaltungen",
        "Krisenkommunikation",
    ]),
    o("Projektmanager", "Regionalentwicklung und Strukturwandel", "91254", &[Env, Media, Energy], (3900, 5000), REMOTE | YEAR, 2, &[
        "Entwicklung und Steuerung von Projekten im Strukturwandel",
        "Fördermittelanträge und Berichte",
        "Zusammenarbeit mit Kommunen und Unternehmen",
        "Moderation von Arbeitsgruppen",
    ]),
    o("Interviewer", "Markt- und Meinungsforschung", "91342", &[Media], (2200, 2700), REMOTE | PART | MINI, 1, &[
        "Telefonische und persönliche Befragungen",
        "Erfassung der Antworten",
        "Einhalten der Befragungsregeln",
        "Einsätze in der Region",
    ]),
    o("Raumausstatter", "", "93232", &[Craft, Manuf], (2400, 3000), 0, 2, &[
        "Verlegen von Bodenbelägen",
        "Polstern von Möbeln",
        "Anfertigen und Montieren von Gardinen und Sonnenschutz",
        "Kundenberatung",
    ]),
    o("Glasbläser", "", "93432", &[Manuf], (2400, 3000), 0, 2, &[
        "Herstellung mundgeblasener Gläser und Vasen",
        "Arbeit am Glasofen im Team",
        "Vorführungen in der Schauwerkstatt",
        "Qualitätskontrolle",
    ]),
    o("Glasmaler", "", "93422", &[Manuf], (2300, 2900), PART, 1, &[
        "Bemalen und Veredeln von Glas",
        "Gestaltung neuer Dekore",
        "Gravur und Schliff",
        "Mitarbeit im Werksverkauf",
    ]),
    o("Produktdesigner", "", "93103", &[Manuf, Ind], (3200, 4200), REMOTE, 1, &[
        "Entwurf neuer Produkte",
        "Modellbau und Prototypen",
        "Abstimmung mit der Fertigung",
        "Präsentationen für Kunden",
    ]),
    o("Gestalter", "für visuelles Marketing", "93222", &[Retail], (2300, 2900), PART, 1, &[
        "Schaufenster- und Ladengestaltung",
        "Saisonale Dekoration",
        "Warenpräsentation",
        "Beschilderung",
    ]),
    o("Fachkraft", "für Veranstaltungstechnik", "94512", &[Media, Hosp], (2700, 3400), SHIFT | PART, 3, &[
        "Auf- und Abbau von Ton-, Licht- und Bühnentechnik",
        "Betreuung von Veranstaltungen",
        "Wartung der Technik",
        "Arbeiten in der Höhe",
    ]),
    o("Tontechniker", "", "94532", &[Media], (2600, 3300), PART | MINI, 1, &[
        "Tonmischung bei Vorstellungen und Konzerten",
        "Aufnahmen und Schnitt",
        "Pflege der Audiotechnik",
        "Beratung der Gastensembles",
    ]),
    o("Schauspieler", "Ensemble", "94214", &[Media], (2700, 3300), PART, 1, &[
        "Proben und Vorstellungen",
        "Zweisprachige Produktionen deutsch und sorbisch",
        "Theaterpädagogische Projekte",
        "Gastspiele in der Region",
    ]),
];

/// A training occupation (Ausbildung).
pub(crate) struct Training {
    pub name: &'static str,
    pub code: &'static str,
    pub sectors: &'static [Sector],
    /// Number of training years as allowance entries (3.5 years give 4 entries).
    pub years: u8,
    pub cert: SchoolCertificate,
    /// Typical first-year monthly allowance, EUR.
    pub base: u32,
    pub weight: u32,
}

const fn t(
    name: &'static str,
    code: &'static str,
    sectors: &'static [Sector],
    years: u8,
    cert: SchoolCertificate,
    base: u32,
    weight: u32,
) -> Training {
    Training {
        name,
        code,
        sectors,
        years,
        cert,
        base,
        weight,
    }
}

use SchoolCertificate::{Abitur, Fachhochschulreife, Hauptschule, Mittlere};

/// Training occupations for apprenticeships.
#[rustfmt::skip]
pub(crate) const TRAININGS: &[Training] = &[
    t("Mechatroniker", "26112", &[Ind, Energy, Chem], 4, Mittlere, 1050, 10),
    t("Industriemechaniker", "25102", &[Ind, Energy, Chem], 4, Mittlere, 1050, 9),
    t("Elektroniker für Betriebstechnik", "26252", &[Ind, Energy, Chem], 4, Mittlere, 1050, 9),
    t("Elektroniker für Energie- und Gebäudetechnik", "26212", &[Craft, Energy], 4, Mittlere, 850, 6),
    t("Anlagenmechaniker für Sanitär-, Heizungs- und Klimatechnik", "34212", &[Craft, Build], 4, Hauptschule, 850, 5),
    t("Kfz-Mechatroniker", "25212", &[Auto], 4, Mittlere, 900, 5),
    t("Zerspanungsmechaniker", "24232", &[Ind], 4, Hauptschule, 1000, 3),
    t("Metallbauer", "24412", &[Ind, Craft, Build], 4, Hauptschule, 850, 3),
    t("Technischer Produktdesigner", "27212", &[Ind, Energy], 4, Mittlere, 1000, 1),
    t("Maschinen- und Anlagenführer", "25122", &[Ind, Food, Chem], 2, Hauptschule, 950, 2),
    t("Chemikant", "41312", &[Chem], 4, Mittlere, 1150, 4),
    t("Chemielaborant", "41322", &[Chem], 4, Fachhochschulreife, 1150, 2),
    t("Fachinformatiker für Systemintegration", "43312", &[It, Office], 3, Mittlere, 1000, 4),
    t("Fachinformatiker für Anwendungsentwicklung", "43412", &[It], 3, Abitur, 1000, 3),
    t("Kaufmann für Büromanagement", "71402", &[], 3, Mittlere, 950, 5),
    t("Industriekaufmann", "71302", &[Ind, Energy, Chem, Build], 3, Mittlere, 1050, 4),
    t("Kaufmann im Einzelhandel", "62102", &[Retail], 3, Hauptschule, 950, 4),
    t("Verkäufer", "62102", &[Retail, Food], 2, Hauptschule, 950, 3),
    t("Fachkraft für Lagerlogistik", "51312", &[Logi, Retail, Ind], 3, Hauptschule, 950, 4),
    t("Fachlagerist", "51312", &[Logi, Retail], 2, Hauptschule, 900, 2),
    t("Berufskraftfahrer", "52122", &[Logi], 3, Hauptschule, 950, 3),
    t("Kaufmann für Spedition und Logistikdienstleistung", "51622", &[Logi], 3, Mittlere, 950, 1),
    t("Pflegefachfrau/Pflegefachmann", "81302", &[Care, Health], 3, Mittlere, 1340, 8),
    t("Medizinische Fachangestellte", "81102", &[Health], 3, Mittlere, 950, 3),
    t("Koch", "29302", &[Hosp], 3, Hauptschule, 1000, 3),
    t("Hotelfachmann", "63222", &[Hosp], 3, Mittlere, 1000, 2),
    t("Bäcker", "29222", &[Food], 3, Hauptschule, 900, 2),
    t("Fachverkäufer im Lebensmittelhandwerk – Bäckerei", "62312", &[Food], 3, Hauptschule, 900, 2),
    t("Gärtner – Garten- und Landschaftsbau", "12142", &[Agri], 3, Hauptschule, 950, 2),
    t("Landwirt", "11102", &[Agri], 3, Hauptschule, 900, 2),
    t("Forstwirt", "11712", &[Agri, Env], 3, Hauptschule, 1000, 1),
    t("Tischler", "22342", &[Craft], 3, Hauptschule, 850, 2),
    t("Maurer", "32122", &[Build], 3, Hauptschule, 1000, 2),
    t("Straßenbauer", "32222", &[Build], 3, Hauptschule, 1000, 1),
    t("Maler und Lackierer", "33212", &[Craft], 3, Hauptschule, 850, 1),
    t("Steuerfachangestellter", "72302", &[Office], 3, Mittlere, 900, 2),
    t("Verwaltungsfachangestellter", "73202", &[Office, Social], 3, Mittlere, 1200, 2),
    t("Mediengestalter Digital und Print", "23212", &[Media], 3, Mittlere, 900, 1),
    t("Fachkraft für Veranstaltungstechnik", "94512", &[Media], 3, Mittlere, 900, 1),
    t("Verfahrensmechaniker Glastechnik", "21312", &[Manuf], 3, Hauptschule, 900, 1),
    t("Raumausstatter", "93232", &[Craft, Manuf], 3, Hauptschule, 800, 1),
    t("Fachkraft für Schutz und Sicherheit", "53112", &[Service], 3, Mittlere, 900, 1),
    t("Gebäudereiniger", "54112", &[Service], 3, Hauptschule, 900, 1),
    t("Fachkraft für Abwassertechnik", "34312", &[Env], 3, Mittlere, 1000, 1),
    t("Heilerziehungspfleger", "83132", &[Social], 3, Mittlere, 1200, 1),
    t("Florist", "12202", &[Agri, Retail], 3, Hauptschule, 850, 1),
];

/// A dual study course.
pub(crate) struct Study {
    pub name: &'static str,
    pub code: &'static str,
    pub sectors: &'static [Sector],
    pub weight: u32,
}

/// Dual study courses.
#[rustfmt::skip]
pub(crate) const STUDIES: &[Study] = &[
    Study { name: "Wirtschaftsingenieurwesen (B.Eng.)", code: "71304", sectors: &[Ind, Energy, Chem], weight: 4 },
    Study { name: "Elektrotechnik (B.Eng.)", code: "26304", sectors: &[Energy, Ind], weight: 4 },
    Study { name: "Maschinenbau (B.Eng.)", code: "25104", sectors: &[Ind], weight: 4 },
    Study { name: "Energietechnik (B.Eng.)", code: "26234", sectors: &[Energy], weight: 2 },
    Study { name: "Verfahrenstechnik (B.Eng.)", code: "41314", sectors: &[Chem], weight: 1 },
    Study { name: "Informatik (B.Sc.)", code: "43104", sectors: &[It, Office], weight: 3 },
    Study { name: "Wirtschaftsinformatik (B.Sc.)", code: "43114", sectors: &[It, Office], weight: 2 },
    Study { name: "Betriebswirtschaftslehre – Industrie (B.A.)", code: "71304", sectors: &[Ind, Retail, Logi], weight: 3 },
    Study { name: "Bauingenieurwesen (B.Eng.)", code: "31104", sectors: &[Build, Env], weight: 2 },
    Study { name: "Soziale Arbeit (B.A.)", code: "83124", sectors: &[Social], weight: 2 },
    Study { name: "Pflege (B.Sc.)", code: "81313", sectors: &[Care, Health], weight: 2 },
    Study { name: "Physiotherapie (B.Sc.)", code: "81714", sectors: &[Health], weight: 1 },
    Study { name: "Handelsmanagement (B.A.)", code: "62194", sectors: &[Retail], weight: 1 },
    Study { name: "Logistikmanagement (B.A.)", code: "51624", sectors: &[Logi], weight: 1 },
    Study { name: "Öffentliche Verwaltung (B.A.)", code: "73204", sectors: &[Office], weight: 1 },
    Study { name: "Tourismusmanagement (B.A.)", code: "63114", sectors: &[Hosp], weight: 1 },
];

/// An internship field.
pub(crate) struct Intern {
    pub name: &'static str,
    pub code: &'static str,
    pub sectors: &'static [Sector],
    pub weight: u32,
}

const fn i(
    name: &'static str,
    code: &'static str,
    sectors: &'static [Sector],
    weight: u32,
) -> Intern {
    Intern {
        name,
        code,
        sectors,
        weight,
    }
}

/// Internship fields.
#[rustfmt::skip]
pub(crate) const INTERNSHIPS: &[Intern] = &[
    i("Umwelttechnik", "42202", &[Env, Energy], 3),
    i("Mechatronik", "26112", &[Ind, Energy], 3),
    i("Maschinenbau", "25104", &[Ind], 2),
    i("Elektrotechnik", "26302", &[Energy, Craft], 2),
    i("Wasserstofftechnik", "26243", &[Energy], 1),
    i("Softwareentwicklung", "43412", &[It], 3),
    i("IT-Administration", "43343", &[It, Office], 1),
    i("Marketing und Kommunikation", "92113", &[Media, Hosp], 2),
    i("Personalwesen", "71512", &[Ind, Energy, Care, Retail], 2),
    i("Pflege", "81302", &[Care, Health], 3),
    i("Kita", "83112", &[Social], 2),
    i("Chemielabor", "41322", &[Chem], 1),
    i("Hotel und Gastronomie", "63302", &[Hosp], 2),
    i("Logistik", "51312", &[Logi], 1),
    i("Bauleitung", "31103", &[Build], 1),
    i("Landwirtschaft", "11102", &[Agri], 1),
    i("Tischlerhandwerk", "22342", &[Craft], 1),
    i("Einzelhandel", "62102", &[Retail], 1),
    i("Regionalentwicklung", "91254", &[Env, Media], 1),
    i("Veranstaltungstechnik", "94512", &[Media], 1),
    i("Rechnungswesen", "72213", &[Office], 1),
    i("Kfz-Werkstatt", "25212", &[Auto], 1),
    i("Glasgestaltung", "93432", &[Manuf], 1),
];

/// A further training course; the title starts with `prefix`.
pub(crate) struct Course {
    pub prefix: &'static str,
    pub name: &'static str,
    pub code: &'static str,
    pub sectors: &'static [Sector],
    pub weight: u32,
}

const fn c(
    prefix: &'static str,
    name: &'static str,
    code: &'static str,
    sectors: &'static [Sector],
    weight: u32,
) -> Course {
    Course {
        prefix,
        name,
        code,
        sectors,
        weight,
    }
}

/// Further training courses and retraining (Umschulung).
#[rustfmt::skip]
pub(crate) const COURSES: &[Course] = &[
    c("Weiterbildung", "Schweißfachmann", "24423", &[Ind, Build, Edu], 3),
    c("Weiterbildung", "Industriemeister Elektrotechnik (IHK)", "26293", &[Ind, Energy, Edu], 2),
    c("Weiterbildung", "Industriemeister Metall (IHK)", "25193", &[Ind, Edu], 2),
    c("Weiterbildung", "Staatlich geprüfter Techniker Maschinenbau", "25103", &[Ind, Edu], 1),
    c("Qualifizierung", "Elektrofachkraft für festgelegte Tätigkeiten", "26301", &[Ind, Energy, Chem], 2),
    c("Weiterbildung", "SPS-Programmierung und Automatisierung", "26123", &[Ind, Energy, Edu], 2),
    c("Lehrgang", "Wasserstofftechnik für Fachkräfte", "26243", &[Energy, Edu], 2),
    c("Qualifizierung", "Photovoltaik-Fachkraft", "26242", &[Energy, Craft], 1),
    c("Weiterbildung", "Meister im Elektrotechniker-Handwerk", "26213", &[Craft], 1),
    c("Umschulung", "Fachkraft für Lagerlogistik", "51312", &[Logi, Edu], 2),
    c("Umschulung", "Berufskraftfahrer", "52122", &[Logi], 2),
    c("Weiterbildung", "Berufskraftfahrer-Qualifikation (Module nach BKrFQG)", "52122", &[Logi], 1),
    c("Lehrgang", "Gabelstaplerfahrer", "52532", &[Logi, Retail, Ind, Edu], 1),
    c("Weiterbildung", "Baumaschinenführer", "52522", &[Build], 1),
    c("Weiterbildung", "Fachkraft für Arbeitssicherheit", "53123", &[Ind, Build, Energy], 1),
    c("Weiterbildung", "Praxisanleitung in der Pflege", "81313", &[Care, Health], 3),
    c("Weiterbildung", "Intensivpflege und Anästhesie", "81313", &[Health], 1),
    c("Weiterbildung", "Betreuungskraft nach § 53b SGB XI", "82101", &[Care, Edu], 2),
    c("Berufssprachkurs", "Deutsch B2 für Pflegeberufe", "84454", &[Edu, Care], 2),
    c("Berufssprachkurs", "Deutsch B1 für technische Berufe", "84454", &[Edu, Ind], 2),
    c("Weiterbildung", "Fachwirt im Gastgewerbe (IHK)", "63393", &[Hosp], 1),
    c("Weiterbildung", "Bilanzbuchhalter (IHK)", "72214", &[Office], 1),
    c("Weiterbildung", "Geprüfter Betriebswirt (IHK)", "71304", &[Office, Edu], 1),
    c("Umschulung", "Kaufmann für Büromanagement", "71402", &[Edu, Office], 1),
    c("Weiterbildung", "Projektmanagement", "71383", &[It, Office, Edu], 1),
    c("Weiterbildung", "Kita-Leitung", "83193", &[Social], 1),
    c("Weiterbildung", "Baumpflege und Seilklettertechnik", "12143", &[Agri], 1),
    c("Weiterbildung", "Social-Media-Marketing", "92113", &[Media, Edu], 1),
    c("Weiterbildung", "Gästeführer für Spreewald und Seenland", "63142", &[Hosp], 1),
];

/// Learning content when no occupation task list fits.
pub(crate) const GENERIC_TRAINING_TASKS: &[&str] = &[
    "Kennenlernen aller Abteilungen unseres Betriebs",
    "Mitarbeit an echten Aufträgen von Anfang an",
    "Fachliche Grundlagen in Theorie und Praxis",
    "Eigene kleine Projekte mit einer festen Ansprechperson",
];

/// Contents of further training courses.
pub(crate) const GENERIC_COURSE_TASKS: &[&str] = &[
    "Fachliche Inhalte nach aktuellem Rahmenplan der Kammer oder des Verbands",
    "Übungen an realen Aufgaben aus den Betrieben der Region",
    "Praxisphasen im eigenen Betrieb",
    "Vorbereitung auf die Prüfung",
    "Lernbegleitung durch erfahrene Dozentinnen und Dozenten",
];

/// What applicants bring along, for regular jobs.
pub(crate) const JOB_PROFILE: &[&str] = &[
    "Zuverlässigkeit und Freude an der Arbeit im Team",
    "Führerschein Klasse B von Vorteil",
    "Gute Deutschkenntnisse (mindestens B1) – wir unterstützen beim Weiterlernen",
    "Erste Berufserfahrung ist schön, aber kein Muss",
    "Selbstständige und sorgfältige Arbeitsweise",
    "Offenheit für neue Technik und Arbeitsweisen",
];

/// What applicants bring along, for apprenticeships, dual study and internships.
pub(crate) const TRAINEE_PROFILE: &[&str] = &[
    "Neugier und Lust, Neues zu lernen",
    "Zuverlässigkeit und Teamgeist",
    "Gute Noten in Mathe und Deutsch sind schön, aber nicht alles",
    "Interesse an Technik, Menschen oder Zahlen – je nach Beruf",
    "Ein Schnupperpraktikum vorab ist jederzeit möglich",
];

/// What participants bring along, for further training.
pub(crate) const COURSE_PROFILE: &[&str] = &[
    "Abgeschlossene Berufsausbildung oder entsprechende Berufserfahrung",
    "Motivation, sich neben dem Beruf weiterzubilden",
    "Deutschkenntnisse mindestens auf Niveau B1",
    "Grundkenntnisse am Computer",
];

/// What the employer offers, for regular jobs.
pub(crate) const JOB_OFFERS: &[&str] = &[
    "Vergütung nach Tarif oder in Anlehnung daran",
    "30 Tage Urlaub",
    "Betriebliche Altersvorsorge",
    "Zuschuss zum Deutschlandticket oder Tankgutschein",
    "Jobrad-Leasing",
    "Hilfe beim Ankommen: Wohnungssuche, Kita-Platz, Behördengänge",
    "Weiterbildung und Aufstiegsmöglichkeiten",
    "Ein kollegiales Team und kurze Wege zur Leitung",
    "Betriebliches Gesundheitsmanagement",
    "Kostenlose Parkplätze",
];

/// What the employer offers, for apprenticeships, dual study and internships.
pub(crate) const TRAINEE_OFFERS: &[&str] = &[
    "Eine feste Ansprechperson während der ganzen Zeit",
    "Übernahme nach erfolgreichem Abschluss ist unser Ziel",
    "Zuschuss zum Deutschlandticket",
    "Azubi-Projekte und gemeinsame Ausflüge",
    "Lernzeit und Nachhilfe vor Prüfungen",
    "Hilfe bei der Suche nach einem Zimmer in der Region",
    "Moderne Werkstätten und Arbeitsplätze",
];

/// Conditions for further training.
pub(crate) const COURSE_OFFERS: &[&str] = &[
    "Übernahme der Lehrgangskosten ganz oder teilweise",
    "Freistellung für Unterrichtstage",
    "Förderung über Bildungsgutschein oder Aufstiegs-BAföG möglich",
    "Kleine Gruppen und feste Ansprechpersonen",
    "Unterricht in der Region, teilweise online",
];

/// Closing sentences, for regular jobs.
pub(crate) const JOB_CLOSINGS: &[&str] = &[
    "Wir freuen uns auf Ihre Bewerbung – gern auch ohne Anschreiben, ein kurzer Lebenslauf genügt.",
    "Neu in der Region? Unser Willkommensteam hilft bei Wohnung, Kita und Behördengängen.",
    "Fragen vorab? Schreiben Sie uns – wir antworten innerhalb von drei Werktagen.",
    "Rückkehrer und Pendler sind herzlich willkommen.",
];

/// Closing sentences, for apprenticeships, dual study and internships.
pub(crate) const TRAINEE_CLOSINGS: &[&str] = &[
    "Wir freuen uns auf deine Bewerbung – Zeugnisse und ein paar Sätze zu dir reichen völlig.",
    "Lerne uns vorher kennen: Ein Schnuppertag ist jederzeit möglich.",
    "Du kommst nicht aus der Region? Wir helfen dir beim Ankommen.",
];

/// Closing sentences, for further training.
pub(crate) const COURSE_CLOSINGS: &[&str] = &[
    "Wir beraten Sie gern zu Ablauf, Förderung und Terminen.",
    "Anmeldung und Beratung sind kostenlos und unverbindlich.",
    "Der nächste Kurs startet, sobald genügend Anmeldungen vorliegen.",
];

/// German month names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> impl Iterator<Item = &'static str> {
        OCCUPATIONS
            .iter()
            .map(|o| o.code)
            .chain(TRAININGS.iter().map(|t| t.code))
            .chain(STUDIES.iter().map(|s| s.code))
            .chain(INTERNSHIPS.iter().map(|i| i.code))
            .chain(COURSES.iter().map(|c| c.code))
    }

    #[test]
    fn every_code_is_a_known_main_group() {
        for code in codes() {
            assert_eq!(code.len(), 5, "{code}");
            assert!(bleibe_domain::occupation::is_valid_code(code), "{code}");
            let group = bleibe_domain::occupation::best_match(code).expect(code);
            assert_eq!(group.code, &code[..2], "{code}");
        }
    }

    #[test]
    fn jobs_cover_all_ten_areas() {
        for area in '0'..='9' {
            assert!(
                OCCUPATIONS.iter().any(|o| o.code.starts_with(area)),
                "area {area}"
            );
        }
    }

    #[test]
    fn tables_are_sane() {
        for o in OCCUPATIONS {
            assert!(o.pay.0 > 0 && o.pay.0 < o.pay.1, "{}", o.head);
            assert!(o.weight > 0 && o.tasks.len() >= 3, "{}", o.head);
        }
        for t in TRAININGS {
            assert!(
                (2..=4).contains(&t.years) && t.base > 0 && t.weight > 0,
                "{}",
                t.name
            );
        }
    }
}
