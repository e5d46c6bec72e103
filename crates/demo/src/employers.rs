//! The fictitious demo employers and the real towns they are placed in.

use bleibe_domain::NewEmployer;

/// A real town of the Lausitz and around, as GeoNames knows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Town {
    /// GeoNames id, checked against `data/places-de.tsv.gz`.
    pub id: i64,
    /// The usual German name (GeoNames' main name may differ, see [`TOWNS`]).
    pub name: &'static str,
    /// Latitude, WGS84 degrees, as in the gazetteer.
    pub lat: f64,
    /// Longitude, WGS84 degrees, as in the gazetteer.
    pub lon: f64,
}

/// The towns demo employers are based in. Every id was looked up in
/// `data/places-de.tsv.gz` (columns geonameid, name, lat, lon, population, admin1):
///
/// | id | GeoNames main name | town | admin1 |
/// |---|---|---|---|
/// | 2830085 | Spremberg | Spremberg, with the Brandenburg part of the Industriepark Schwarze Pumpe | 11 |
/// | 2838725 | Schleife | Schleife, next to Spreetal | 13 |
/// | 2898304 | Hoyerswerda | Hoyerswerda | 13 |
/// | 2811698 | Weißwasser | Weißwasser | 13 |
/// | 2833073 | Senftenberg | Senftenberg | 11 |
/// | 2915157 | Großräschen | Großräschen | 11 |
/// | 2880221 | Lauchhammer | Lauchhammer | 11 |
/// | 2926670 | Finsterwalde | Finsterwalde | 11 |
/// | 2839101 | Schipkau | Schipkau | 11 |
/// | 2939811 | Cottbus | Cottbus | 11 |
/// | 2913922 | Guben | Guben | 11 |
/// | 2925832 | Forst | Forst (Lausitz); not one of the three other places named Forst | 11 |
/// | 2893437 | Kamenz | Kamenz | 13 |
/// | 2951881 | Bautzen | Bautzen | 13 |
/// | 2918987 | Görlitz | Görlitz | 13 |
/// | 2935022 | Dresden | Dresden | 13 |
/// | 2875623 | Lubnjow | Lübbenau/Spreewald (main name is the Sorbian one) | 11 |
/// | 2940424 | Kalawa | Calau (main name is the Sorbian one) | 11 |
/// | 2811348 | Welzow | Welzow | 11 |
/// | 2930680 | Elsterwerda | Elsterwerda | 11 |
/// | 2843256 | Ruhland | Ruhland | 11 |
///
/// The municipality Spreetal (the Saxon part of the Industriepark Schwarze Pumpe) has no
/// entry in the gazetteer, so the Industriepark employers are placed in Spremberg.
#[rustfmt::skip]
pub const TOWNS: &[Town] = &[
    Town { id: 2830085, name: "Spremberg", lat: 51.5696, lon: 14.37385 },
    Town { id: 2838725, name: "Schleife", lat: 51.53333, lon: 14.53333 },
    Town { id: 2898304, name: "Hoyerswerda", lat: 51.43787, lon: 14.23549 },
    Town { id: 2811698, name: "Weißwasser", lat: 51.50403, lon: 14.64017 },
    Town { id: 2833073, name: "Senftenberg", lat: 51.52517, lon: 14.00164 },
    Town { id: 2915157, name: "Großräschen", lat: 51.5876, lon: 14.01093 },
    Town { id: 2880221, name: "Lauchhammer", lat: 51.48813, lon: 13.76623 },
    Town { id: 2926670, name: "Finsterwalde", lat: 51.63388, lon: 13.70662 },
    Town { id: 2839101, name: "Schipkau", lat: 51.51766, lon: 13.89738 },
    Town { id: 2939811, name: "Cottbus", lat: 51.75769, lon: 14.32888 },
    Town { id: 2913922, name: "Guben", lat: 51.94993, lon: 14.7055 },
    Town { id: 2925832, name: "Forst (Lausitz)", lat: 51.73544, lon: 14.63971 },
    Town { id: 2893437, name: "Kamenz", lat: 51.26798, lon: 14.09374 },
    Town { id: 2951881, name: "Bautzen", lat: 51.18035, lon: 14.43494 },
    Town { id: 2918987, name: "Görlitz", lat: 51.15518, lon: 14.98853 },
    Town { id: 2935022, name: "Dresden", lat: 51.05089, lon: 13.73832 },
    Town { id: 2875623, name: "Lübbenau/Spreewald", lat: 51.86217, lon: 13.95168 },
    Town { id: 2940424, name: "Calau", lat: 51.74402, lon: 13.95329 },
    Town { id: 2811348, name: "Welzow", lat: 51.58381, lon: 14.17082 },
    Town { id: 2930680, name: "Elsterwerda", lat: 51.46043, lon: 13.52001 },
    Town { id: 2843256, name: "Ruhland", lat: 51.45755, lon: 13.86643 },
];

// Indices into TOWNS, for the employer table.
const SPREMBERG: usize = 0;
const SCHLEIFE: usize = 1;
const HOYERSWERDA: usize = 2;
const WEISSWASSER: usize = 3;
const SENFTENBERG: usize = 4;
const GROSSRAESCHEN: usize = 5;
const LAUCHHAMMER: usize = 6;
const FINSTERWALDE: usize = 7;
const SCHIPKAU: usize = 8;
const COTTBUS: usize = 9;
const GUBEN: usize = 10;
const FORST: usize = 11;
const KAMENZ: usize = 12;
const BAUTZEN: usize = 13;
const GOERLITZ: usize = 14;
const DRESDEN: usize = 15;
const LUEBBENAU: usize = 16;
const CALAU: usize = 17;
const WELZOW: usize = 18;
const ELSTERWERDA: usize = 19;
const RUHLAND: usize = 20;

/// What an employer does, to match jobs to employers that plausibly offer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sector {
    /// Plant and machine building, metal working.
    Ind,
    /// Power, electrical engineering, hydrogen, renewables.
    Energy,
    /// Chemicals, plastics, laboratories.
    Chem,
    /// Building and civil engineering.
    Build,
    /// Skilled trades (electrical installation, plumbing, joinery, painting).
    Craft,
    /// Car dealers and workshops.
    Auto,
    /// Haulage, warehousing, rail freight.
    Logi,
    /// Retail.
    Retail,
    /// Bakeries, butchers, food production.
    Food,
    /// Hotels, restaurants, tourism.
    Hosp,
    /// Nursing and elderly care.
    Care,
    /// Clinics, practices, therapy.
    Health,
    /// Day care, youth welfare.
    Social,
    /// Training providers, language schools.
    Edu,
    /// Tax advice, law, administration.
    Office,
    /// Software and IT services.
    It,
    /// Agriculture, forestry, gardening.
    Agri,
    /// Advertising, media, culture, events.
    Media,
    /// Security, cleaning, facility services.
    Service,
    /// Glass, textile and other traditional manufactories.
    Manuf,
    /// Armed forces careers.
    Mil,
    /// Environment, recultivation, water and waste.
    Env,
    /// Hairdressing and cosmetics.
    Beauty,
}

/// One demo employer: name, town (index into [`TOWNS`]), sectors, one-line portrait and
/// whether it shows an example.org website.
pub(crate) struct Profile {
    pub name: &'static str,
    pub town: usize,
    pub sectors: &'static [Sector],
    pub blurb: &'static str,
    pub website: bool,
}

use Sector::*;

const fn p(
    name: &'static str,
    town: usize,
    sectors: &'static [Sector],
    blurb: &'static str,
    website: bool,
) -> Profile {
    Profile {
        name,
        town,
        sectors,
        blurb,
        website,
    }
}

/// The demo employers. All names are invented; none is meant to resemble a real company.
#[rustfmt::skip]
pub(crate) const PROFILES: &[Profile] = &[
    // Industriepark Schwarze Pumpe (Spremberg) and around.
    p("Spreetaler Anlagenbau GmbH", SPREMBERG, &[Ind, Energy],
      "Anlagenbau, Montage und Instandhaltung für Kraftwerks- und Chemieanlagen im Industriepark Schwarze Pumpe, rund 180 Beschäftigte.", true),
    p("Heidekamp Industrieservice GmbH", SPREMBERG, &[Ind, Service],
      "Industrieservice im Industriepark Schwarze Pumpe: Wartung, Reinigung und Werkstattleistungen für die Betriebe am Standort.", false),
    p("Grodker Elektro- und Automatisierungstechnik GmbH", SPREMBERG, &[Energy, Ind],
      "Schaltanlagen, Steuerungstechnik und Automatisierung für Industriekunden in der Lausitz, Werkstatt im Industriepark Schwarze Pumpe.", true),
    p("Wasserstoffwerk Spreewitz GmbH", SPREMBERG, &[Energy, Chem],
      "Erzeugung und Speicherung von grünem Wasserstoff im Industriepark Schwarze Pumpe, ein junges Team aus Technik und Verfahrenstechnik.", true),
    p("Spremberger Kunststofftechnik GmbH & Co. KG", SPREMBERG, &[Chem, Ind],
      "Spritzguss und Extrusion technischer Kunststoffteile für Fahrzeug- und Anlagenbau, Dreischichtbetrieb.", false),
    p("Pumpe Werkschutz und Brandschutz GmbH", SPREMBERG, &[Service, Ind],
      "Werkschutz, Werkfeuerwehr und Arbeitssicherheit für die Unternehmen im Industriepark Schwarze Pumpe.", false),
    p("Kesselbau Trattendorf GmbH", SPREMBERG, &[Ind, Energy],
      "Behälter-, Kessel- und Rohrleitungsbau für Energie- und Chemieanlagen, mit eigener Schweißwerkstatt.", true),
    p("Pflegedienst Spreeauen", SPREMBERG, &[Care],
      "Ambulanter Pflegedienst mit Tagespflege für Spremberg und die umliegenden Dörfer.", false),
    p("Bäckerei Wendisch und Sohn", SPREMBERG, &[Food, Retail],
      "Familienbäckerei in vierter Generation mit Backstube und sechs Filialen in der Region.", false),
    p("Schleifer Trachten- und Textilwerkstatt eG", SCHLEIFE, &[Manuf, Retail],
      "Genossenschaftliche Werkstatt für sorbische Trachten, Stickerei und Heimtextilien, gleich neben Spreetal.", true),
    // Hoyerswerda.
    p("Hoyerswerdaer Metall- und Stahlbau GmbH", HOYERSWERDA, &[Ind, Build],
      "Stahl- und Metallbau für Hallen, Treppen und Anlagen, Fertigung und Montage aus einer Hand.", true),
    p("Pflegedienst Elsterland", HOYERSWERDA, &[Care],
      "Ambulante Pflege, Wohngemeinschaften für Menschen mit Demenz und Beratung für Angehörige.", false),
    p("Hotel Kranichhof Wojerecy", HOYERSWERDA, &[Hosp],
      "Tagungs- und Ferienhotel mit 60 Zimmern und Restaurant am Rand der Lausitzer Seenplatte.", true),
    p("Wojerecy IT-Systemhaus GmbH", HOYERSWERDA, &[It, Office],
      "IT-Betreuung, Netzwerke und Softwarelösungen für Mittelstand, Praxen und Kommunen.", true),
    // Weißwasser.
    p("Glasmanufaktur Běła Woda GmbH", WEISSWASSER, &[Manuf],
      "Mundgeblasenes und veredeltes Glas aus Weißwasser, Manufaktur mit Schauwerkstatt.", true),
    p("Muskauer Heide Logistik GmbH", WEISSWASSER, &[Logi],
      "Kontraktlogistik, Lager und Nahverkehr für Handel und Industrie in Ostsachsen.", false),
    p("Streitkräfte-Karrierebüro Oberlausitz", WEISSWASSER, &[Mil],
      "Fiktive Beratungsstelle für Laufbahnen in den Streitkräften, nur als Beispiel für das Berufsfeld Militär.", false),
    // Senftenberg.
    p("Seenkette Freizeit und Touristik GmbH", SENFTENBERG, &[Hosp, Media],
      "Hafen, Ferienhäuser, Bootsverleih und Veranstaltungen am Senftenberger See.", true),
    p("Gesundheitszentrum Senftenberger See gGmbH", SENFTENBERG, &[Health, Care],
      "Fachklinik für Innere Medizin und Rehabilitation mit Therapiezentrum und Praxen.", true),
    p("Steuerberatung Mehlow und Partner", SENFTENBERG, &[Office],
      "Steuerberatung, Lohnbuchhaltung und Jahresabschlüsse für Handwerk und Mittelstand.", false),
    p("Lausitzer Bildungswerk für Technik e. V.", SENFTENBERG, &[Edu],
      "Überbetriebliche Ausbildung, Umschulung und Weiterbildung in Metall, Elektro und Logistik.", true),
    p("Lausitzer Frischemarkt GmbH", SENFTENBERG, &[Retail, Food],
      "Regionale Supermärkte mit Frischetheke und Produkten von Erzeugern aus der Lausitz.", false),
    // Großräschen.
    p("Rekultivierung Großräschen Ingenieurgesellschaft mbH", GROSSRAESCHEN, &[Env, Build],
      "Planung und Bauüberwachung für Bergbausanierung, Gewässer und neue Landschaften.", true),
    p("Autohaus Räschen-Süd GmbH", GROSSRAESCHEN, &[Auto],
      "Markenoffene Werkstatt mit Autohandel, Reifen- und Karosserieservice.", false),
    // Lauchhammer.
    p("Lausitzer Metallbau KG", LAUCHHAMMER, &[Ind, Build, Craft],
      "Metallbau, Schweißkonstruktionen und Stahlbaumontage, Meisterbetrieb mit 70 Beschäftigten.", true),
    p("Windflügel-Service Lauchhammer GmbH", LAUCHHAMMER, &[Energy, Ind],
      "Reparatur, Wartung und Prüfung von Rotorblättern und Windenergieanlagen.", true),
    // Finsterwalde.
    p("Sängerstadt Bau GmbH", FINSTERWALDE, &[Build],
      "Hoch-, Tief- und Straßenbau im Elbe-Elster-Land, eigene Baumaschinen und Kolonnen.", true),
    p("Finsterwalder Tuch- und Textilveredelung GmbH", FINSTERWALDE, &[Manuf, Ind],
      "Weberei und Textilveredelung für technische Gewebe und Heimtextilien.", false),
    p("Kita-Verbund Sängerstadt e. V.", FINSTERWALDE, &[Social],
      "Freier Träger von fünf Kindertagesstätten und einem Hort.", false),
    // Schipkau.
    p("Schipkauer Landtechnik und Service GmbH", SCHIPKAU, &[Agri, Auto],
      "Verkauf, Vermietung und Reparatur von Land- und Baumaschinen.", true),
    p("Agrarhof Hörlitzer Heide eG", SCHIPKAU, &[Agri],
      "Ackerbau, Milchvieh und Direktvermarktung auf 1.800 Hektar rekultivierter Fläche.", false),
    // Cottbus.
    p("Cottbuser Softwarewerkstatt GmbH", COTTBUS, &[It],
      "Individualsoftware, Webanwendungen und Datenprojekte für Industrie und Verwaltung.", true),
    p("Sprachschule Brücke Lausitz GmbH", COTTBUS, &[Edu],
      "Deutschkurse, Berufssprachkurse und Prüfungen für Fachkräfte aus dem In- und Ausland.", true),
    p("Seniorenresidenz Madlower Aue gGmbH", COTTBUS, &[Care],
      "Stationäre Pflege, betreutes Wohnen und Kurzzeitpflege mit 120 Plätzen.", false),
    p("Lausitzer Werbe- und Medienhaus GmbH", COTTBUS, &[Media],
      "Werbung, Druck, Online-Marketing und Veranstaltungen für Unternehmen der Region.", true),
    p("Facility Service Chóśebuz GmbH", COTTBUS, &[Service],
      "Gebäudereinigung, Hausmeisterdienste und Sicherheitsdienst für Gewerbe und Wohnungswirtschaft.", false),
    p("Kanzlei Wendt und Kolberg", COTTBUS, &[Office],
      "Rechtsanwalts- und Notarkanzlei für Arbeits-, Bau- und Familienrecht.", false),
    p("Ingenieurbüro Ostsee-Energie GmbH", COTTBUS, &[Energy, Env, Build],
      "Planung von Solar-, Wind- und Wärmeprojekten rund um den künftigen Cottbuser Ostsee.", true),
    p("Praxisgemeinschaft Sandow", COTTBUS, &[Health],
      "Hausärztliche und internistische Gemeinschaftspraxis mit Physiotherapie.", false),
    p("Baumarkt Werkbank Cottbus GmbH", COTTBUS, &[Retail],
      "Bau- und Gartenmarkt mit Fachberatung, Holzzuschnitt und Lieferservice.", false),
    // Guben.
    p("Gubener Kunststoff- und Faserwerk GmbH", GUBEN, &[Chem, Ind],
      "Herstellung technischer Fasern und Kunststoffgranulate im Vollkontibetrieb.", true),
    p("Neißeufer Spedition GmbH", GUBEN, &[Logi],
      "Spedition für Stück- und Ladungsgut zwischen Lausitz, Berlin und Polen.", false),
    p("Salon Scherenschnitt", GUBEN, &[Beauty],
      "Friseur- und Kosmetiksalon mit acht Plätzen in der Gubener Innenstadt.", false),
    // Forst (Lausitz).
    p("Forster Tuchfabrik Rosengarten GmbH", FORST, &[Manuf],
      "Kleine Tuchfabrik mit Weberei und Näherei für Decken, Loden und Meterware.", true),
    p("Pflegedienst Neißebogen", FORST, &[Care],
      "Ambulante Pflege und Intensivpflege zu Hause im Landkreis Spree-Neiße.", false),
    // Kamenz.
    p("Kamenzer Batterie- und Antriebstechnik GmbH", KAMENZ, &[Ind, Energy],
      "Montage und Prüfung von Batteriesystemen und elektrischen Antrieben.", true),
    p("Bäckerei und Konditorei Lessingstadt", KAMENZ, &[Food, Retail],
      "Handwerksbäckerei mit Café und Filialen in Kamenz und Umgebung.", false),
    // Bautzen.
    p("Budyšin Schienenfahrzeug-Service GmbH", BAUTZEN, &[Ind, Logi],
      "Instandhaltung und Umbau von Schienenfahrzeugen, Werkstatt mit Gleisanschluss.", true),
    p("Steuerberatungsgesellschaft Spreebogen mbH", BAUTZEN, &[Office],
      "Steuerberatung und Finanzbuchhaltung für Landwirtschaft, Handwerk und Vereine.", false),
    p("Theaterwerkstatt Spreeufer e. V.", BAUTZEN, &[Media],
      "Freies Theater mit zweisprachigen Produktionen, Gastspielen und Veranstaltungstechnik.", true),
    p("Jugendhilfe Lausitzer Brücke e. V.", BAUTZEN, &[Social],
      "Freier Träger der Kinder- und Jugendhilfe mit Wohngruppen und Schulsozialarbeit.", false),
    // Görlitz.
    p("Neißeblick Hotel und Gasthaus GmbH", GOERLITZ, &[Hosp],
      "Stadthotel mit Gasthaus und Biergarten an der Neiße.", true),
    p("Grenzland Apparatebau Görlitz GmbH", GOERLITZ, &[Ind],
      "Apparate- und Sondermaschinenbau für Lebensmittel- und Pharmaindustrie.", true),
    p("Übersetzungsbüro Zwei Ufer GmbH", GOERLITZ, &[Office, Media],
      "Übersetzen und Dolmetschen Deutsch, Polnisch, Tschechisch für Firmen und Behörden.", false),
    // Dresden.
    p("Elbtal Software und Datenanalyse GmbH", DRESDEN, &[It],
      "Softwareentwicklung und Datenanalyse für Energieversorger und Industrie.", true),
    p("Halbleiter-Zulieferservice Elbtal GmbH", DRESDEN, &[Ind, Chem],
      "Reinraumtechnik, Medienversorgung und Anlagenservice für die Halbleiterindustrie.", true),
    p("Marketingagentur Blaues Wunder GmbH", DRESDEN, &[Media],
      "Agentur für Marketing, Social Media und Arbeitgebermarken.", true),
    // Lübbenau/Spreewald.
    p("Lübbenauer Feinkost- und Konservenmanufaktur GmbH", LUEBBENAU, &[Food],
      "Gemüse, Gurken und Feinkost aus dem Spreewald, saisonal im Zweischichtbetrieb.", true),
    p("Spreewald Kahn- und Gästeservice GmbH", LUEBBENAU, &[Hosp],
      "Kahnfahrten, Gästeführungen, Ferienwohnungen und ein kleines Restaurant am Hafen.", false),
    // Calau.
    p("Elektro-Handwerk Kalawa GmbH", CALAU, &[Craft, Energy],
      "Elektroinstallation, Photovoltaik und Smart-Home für Privat- und Gewerbekunden.", false),
    p("Haustechnik Calau GmbH & Co. KG", CALAU, &[Craft, Build],
      "Sanitär, Heizung, Wärmepumpen und Lüftung, Meisterbetrieb mit Notdienst.", true),
    // Welzow.
    p("Welzower Erdbau und Sanierung GmbH", WELZOW, &[Build, Env],
      "Erdbau, Abbruch und Flächensanierung mit eigenem Maschinenpark.", false),
    // Elsterwerda.
    p("Forst- und Landschaftspflege Schwarze Elster GmbH", ELSTERWERDA, &[Agri, Env],
      "Forstarbeiten, Landschaftspflege und Gewässerunterhaltung im Elbe-Elster-Kreis.", false),
    p("Autohaus Elsterland GmbH", ELSTERWERDA, &[Auto, Retail],
      "Autohaus mit Werkstatt, Elektromobilität und Mietwagen.", true),
    // Ruhland.
    p("Ruhländer Rohrleitungs- und Tankbau GmbH", RUHLAND, &[Ind, Build],
      "Rohrleitungs-, Tank- und Apparatebau für Industrie und Energieversorgung.", true),
    p("Ruhland Logistik und Lagerhaus GmbH", RUHLAND, &[Logi],
      "Lager, Umschlag und Transport mit Bahnanschluss an der Strecke Dresden–Cottbus.", false),
];

/// A URL-safe slug of a name: lower case ASCII letters and digits joined by `-`.
fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let rep: &str = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'ě' | 'é' => "e",
            'ł' => "l",
            'ó' => "o",
            'ś' => "s",
            'š' => "s",
            'č' => "c",
            _ => "",
        };
        if !rep.is_empty() {
            out.push_str(rep);
            dash = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Escapes text for HTML.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// The demo employers as records to be stored.
pub(crate) fn all() -> Vec<NewEmployer> {
    PROFILES
        .iter()
        .map(|p| {
            let town = TOWNS[p.town].name;
            let mut description = String::with_capacity(300);
            description.push_str("<p>Fiktiver Demo-Arbeitgeber: ");
            push_escaped(&mut description, p.name);
            description
                .push_str(" gibt es nicht. Der Eintrag zeigt nur, wie sich ein Betrieb aus ");
            push_escaped(&mut description, town);
            description.push_str(" in bleibe vorstellen kann.</p><p>");
            push_escaped(&mut description, p.blurb);
            description.push_str("</p>");
            NewEmployer {
                name: p.name.to_string(),
                place_id: TOWNS[p.town].id,
                description,
                website: p
                    .website
                    .then(|| format!("https://example.org/demo/{}", slug(p.name))),
                demo: true,
                kind: bleibe_domain::OrgKind::Employer,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_have_no_duplicates() {
        for (i, a) in TOWNS.iter().enumerate() {
            for b in &TOWNS[i + 1..] {
                assert_ne!(a.id, b.id, "{} and {}", a.name, b.name);
                assert_ne!(a.name, b.name);
            }
        }
    }

    #[test]
    fn every_employer_is_in_a_listed_town_and_every_town_has_one() {
        let employers = all();
        for e in &employers {
            assert!(TOWNS.iter().any(|t| t.id == e.place_id), "{}", e.name);
        }
        for t in TOWNS {
            assert!(
                employers.iter().any(|e| e.place_id == t.id),
                "no employer in {}",
                t.name
            );
        }
        // Forst (Lausitz) is the Brandenburg one near 51.73 / 14.64.
        let forst = TOWNS
            .iter()
            .find(|t| t.name.starts_with("Forst"))
            .expect("Forst");
        assert_eq!(forst.id, 2925832);
        assert!((forst.lat - 51.73).abs() < 0.05 && (forst.lon - 14.64).abs() < 0.05);
    }

    #[test]
    fn industriepark_has_several_industrial_employers() {
        let n = PROFILES
            .iter()
            .filter(|p| p.town == SPREMBERG && p.sectors.contains(&Ind))
            .count();
        assert!(n >= 5, "{n}");
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(
            slug("Spreetaler Anlagenbau GmbH"),
            "spreetaler-anlagenbau-gmbh"
        );
        assert_eq!(
            slug("Glasmanufaktur Běła Woda GmbH"),
            "glasmanufaktur-bela-woda-gmbh"
        );
        assert_eq!(
            slug("Spremberger Kunststofftechnik GmbH & Co. KG"),
            "spremberger-kunststofftechnik-gmbh-co-kg"
        );
        assert_eq!(
            slug("Lausitzer Bildungswerk für Technik e. V."),
            "lausitzer-bildungswerk-fuer-technik-e-v"
        );
    }
}
