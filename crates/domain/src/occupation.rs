//! Occupations: KldB 2010 (Klassifikation der Berufe) areas and main groups, transcribed
//! from the Bundesagentur für Arbeit's publication (see `data/SOURCES.md`). The English
//! names are bleibe's own working translations.

use std::sync::OnceLock;

/// One KldB 2010 entry: a Berufsbereich (1 digit) or a Berufshauptgruppe (2 digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupation {
    /// KldB code: `2` (area) or `26` (main group).
    pub code: String,
    /// Official German name.
    pub name_de: String,
    /// Working English translation (ours, not official).
    pub name_en: String,
}

impl Occupation {
    /// The name in the given language (`en` gives English, anything else German).
    pub fn name(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.name_en
        } else {
            &self.name_de
        }
    }

    /// 1 for a Berufsbereich, 2 for a Berufshauptgruppe.
    pub fn level(&self) -> usize {
        self.code.len()
    }
}

const KLDB_TSV: &str = include_str!("../../../data/kldb2010.tsv");

/// All 10 areas and 37 main groups, in code order.
pub fn all() -> &'static [Occupation] {
    static ALL: OnceLock<Vec<Occupation>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<Occupation> = KLDB_TSV
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .filter_map(|line| {
                let mut cols = line.split('\t');
                Some(Occupation {
                    code: cols.next()?.to_string(),
                    name_de: cols.next()?.to_string(),
                    name_en: cols.next()?.to_string(),
                })
            })
            .collect();
        v.sort_by(|a, b| a.code.cmp(&b.code));
        v
    })
}

/// Finds the entry with exactly this code.
pub fn get(code: &str) -> Option<&'static Occupation> {
    all().iter().find(|o| o.code == code)
}

/// The most specific known entry for a (possibly longer, e.g. 5-digit) KldB code:
/// the main group if known, else the area.
pub fn best_match(code: &str) -> Option<&'static Occupation> {
    code.get(..2)
        .and_then(get)
        .or_else(|| code.get(..1).and_then(get))
}

/// Whether `code` is a syntactically valid KldB 2010 code or prefix (1–5 digits).
pub fn is_valid_code(code: &str) -> bool {
    (1..=5).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_areas_and_thirty_seven_main_groups() {
        assert_eq!(all().iter().filter(|o| o.level() == 1).count(), 10);
        assert_eq!(all().iter().filter(|o| o.level() == 2).count(), 37);
        // Every main group lies in a known area.
        for o in all().iter().filter(|o| o.level() == 2) {
            assert!(get(&o.code[..1]).is_some(), "{}", o.code);
        }
    }

    #[test]
    fn best_match_prefers_main_group() {
        assert_eq!(best_match("26112").map(|o| o.code.as_str()), Some("26"));
        assert_eq!(best_match("2").map(|o| o.code.as_str()), Some("2"));
        assert_eq!(
            get("26").map(|o| o.name_de.as_str()),
            Some("Mechatronik-, Energie- und Elektroberufe")
        );
        assert!(best_match("x").is_none());
    }

    #[test]
    fn code_syntax() {
        assert!(is_valid_code("2"));
        assert!(is_valid_code("26112"));
        assert!(!is_valid_code(""));
        assert!(!is_valid_code("2a"));
        assert!(!is_valid_code("261123"));
    }
}
