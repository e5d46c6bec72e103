//! German text analysis, shared by indexing and querying.
//!
//! The chain, registered in every index under [`ANALYZER`]:
//!
//! 1. `SimpleTokenizer`: split at every character that is not alphanumeric.
//! 2. `LowerCaser`.
//! 3. [`GermanNormalizer`]: [`bleibe_domain::text::fold`] each token (ä/ae → a, ö/oe → o,
//!    ü/ue → u, ß → ss, diacritics); drop gender markers ("(m/w/d)", "(gn)", "(m/w/div)",
//!    "Lehrer/in": every single-character token and a few marker words) and German
//!    function words ("und", "in", "für": every query term is required, so they must not
//!    count); reduce the feminine job-title suffixes "-erin(nen)", "-istin", "-ärztin",
//!    "-frau" and friends to the masculine form, which the Snowball stemmer does not do
//!    ("Elektronikerin" → "elektroniker", "Kauffrau" → "kaufmann").
//! 4. At index time only, [`crate::compound::CompoundSplitter`]: German compounds also
//!    yield their parts from a curated vocabulary, at the same position
//!    ("Pflegefachkraft" → also "pflege", "fach", "kraft", "fachkraft", "pflegefach"), so
//!    that the query "Fachkraft" finds "Pflegefachkraft". Queries are not split.
//! 5. `RemoveLongFilter`: drop tokens of 40 bytes or more (after folding).
//! 6. Snowball `Stemmer` for German.
//!
//! Folding happens per token inside the analyzer, not on the text beforehand, so token
//! offsets point into the original text (useful for highlighting).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::compound::CompoundSplitter;
use bleibe_domain::text::fold;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// Name under which the German analyzer is registered in the index.
pub const ANALYZER: &str = "de";

/// Tokens (after folding) that only mark gender in job titles. "(m/w/d)" gives single
/// letters, which are dropped anyway; these are the longer variants, and the "in" and
/// "innen" of "Lehrer/in", "Lehrer*innen".
const GENDER_MARKERS: &[&str] = &[
    "gn", "div", "mwd", "wmd", "mfd", "fmd", "mwx", "mfx", "in", "innen",
];

/// Feminine suffixes of job titles, the masculine ending they reduce to, and how many
/// characters must precede the suffix; longest first. Only endings that are (almost)
/// never anything but the feminine form are listed: a bare "-in" is not ("Medizin",
/// "Termin", "Benzin").
const FEMININE_SUFFIXES: &[(&str, &str, usize)] = &[
    ("arztinnen", "arzt", 0),
    ("eurinnen", "eur", 3),
    ("erinnen", "er", 3),
    ("istinnen", "ist", 3),
    ("antinnen", "ant", 3),
    ("entinnen", "ent", 3),
    ("orinnen", "or", 3),
    ("frauen", "mann", 3),
    ("arztin", "arzt", 0),
    ("eurin", "eur", 3),
    ("erin", "er", 3),
    ("istin", "ist", 3),
    ("antin", "ant", 3),
    ("entin", "ent", 3),
    ("orin", "or", 3),
    ("frau", "mann", 3),
];

/// German function words (folded), after the Snowball list, without the negations
/// ("ohne", "nicht", "kein…"), which change what a job seeker means.
const STOP_WORDS: &[&str] = &[
    "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "ander",
    "andere", "anderem", "anderen", "anderer", "anderes", "auch", "auf", "aus", "bei", "bin",
    "bis", "bist", "da", "damit", "dann", "das", "dass", "dem", "den", "denn", "der", "derer",
    "des", "dessen", "dich", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "dir",
    "doch", "dort", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es",
    "etwas", "fur", "gegen", "hat", "hatte", "hier", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre",
    "ihrem", "ihren", "ihrer", "ihres", "im", "ins", "ist", "jede", "jedem", "jeden", "jeder",
    "jedes", "man", "mich", "mir", "mit", "nach", "noch", "nun", "nur", "ob", "oder", "sehr",
    "sein", "seine", "seinem", "seinen", "seiner", "seines", "sich", "sie", "sind", "so", "sowie",
    "uber", "um", "und", "uns", "unser", "unsere", "unter", "vom", "von", "vor", "war", "waren",
    "was", "weil", "wenn", "werden", "wie", "wir", "wird", "wo", "zu", "zum", "zur", "zwischen",
];

/// Whether a folded token is dropped: a single character, a gender marker or a stop word.
fn is_dropped(token: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let words = WORDS.get_or_init(|| GENDER_MARKERS.iter().chain(STOP_WORDS).copied().collect());
    token.chars().nth(1).is_none() || words.contains(token)
}

/// Builds the German analyzer for queries (see the module docs for the chain; no
/// compound splitting).
pub fn german_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(GermanNormalizer)
        .filter(RemoveLongFilter::limit(40))
        .filter(Stemmer::new(Language::German))
        .build()
}

/// Builds the German analyzer for indexing: the query analyzer plus compound splitting
/// (the one registered under [`ANALYZER`]).
pub fn german_index_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(GermanNormalizer)
        .filter(CompoundSplitter)
        .filter(RemoveLongFilter::limit(40))
        .filter(Stemmer::new(Language::German))
        .build()
}

/// Normalised but unstemmed words (folded, gender markers and function words dropped,
/// feminine titles reduced), for the typo-tolerant fallback search.
pub(crate) fn query_words(text: &str) -> Vec<String> {
    static PROTOTYPE: OnceLock<TextAnalyzer> = OnceLock::new();
    let analyzer = PROTOTYPE.get_or_init(|| {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(GermanNormalizer)
            .filter(RemoveLongFilter::limit(40))
            .build()
    });
    run(analyzer, text)
}

/// Runs a clone of `prototype` over `text`: the token texts in order.
fn run(prototype: &TextAnalyzer, text: &str) -> Vec<String> {
    let mut analyzer = prototype.clone();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// German analysis of queries, exposed for tests and for the web layer's highlighting:
/// the terms `text` is searched as (and indexed as, apart from the extra compound parts
/// of [`index_terms`]), in text order, duplicates kept.
pub fn analyze(text: &str) -> Vec<String> {
    static ANALYZER_PROTOTYPE: OnceLock<TextAnalyzer> = OnceLock::new();
    run(ANALYZER_PROTOTYPE.get_or_init(german_analyzer), text)
}

/// The terms `text` is indexed as: [`analyze`] plus the parts of compound words, each
/// right after its compound.
pub fn index_terms(text: &str) -> Vec<String> {
    static ANALYZER_PROTOTYPE: OnceLock<TextAnalyzer> = OnceLock::new();
    run(ANALYZER_PROTOTYPE.get_or_init(german_index_analyzer), text)
}

/// Reduces a folded token's feminine job-title suffix to the masculine form.
fn masculine(token: String) -> String {
    for (suffix, replacement, min_stem) in FEMININE_SUFFIXES {
        if let Some(stem) = token.strip_suffix(suffix) {
            if stem.chars().count() >= *min_stem {
                return format!("{stem}{replacement}");
            }
        }
    }
    token
}

/// Token filter: folds umlauts and their transcriptions, drops gender markers and
/// single-character tokens, and reduces feminine job-title suffixes.
#[derive(Clone, Copy, Debug, Default)]
pub struct GermanNormalizer;

impl TokenFilter for GermanNormalizer {
    type Tokenizer<T: Tokenizer> = GermanNormalizerTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        GermanNormalizerTokenizer { inner: tokenizer }
    }
}

/// The tokenizer [`GermanNormalizer`] wraps around the one before it.
#[derive(Clone, Debug)]
pub struct GermanNormalizerTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for GermanNormalizerTokenizer<T> {
    type TokenStream<'a> = GermanNormalizerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        GermanNormalizerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// Token stream of [`GermanNormalizer`].
#[derive(Debug)]
pub struct GermanNormalizerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for GermanNormalizerStream<T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            let folded = fold(&token.text);
            if is_dropped(&folded) {
                continue;
            }
            token.text = masculine(folded);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn documented_examples() {
        let same = |a: &str, b: &str| assert_eq!(analyze(a), analyze(b), "{a} / {b}");
        same("Schweißer", "Schweisser");
        same("Verkäufer", "Verkaeufer");
        same("Elektronikerin", "Elektroniker");
        same("Verkäuferinnen", "Verkäufer");
        same("Friseurin", "Friseur");
        same("Informatikerin", "Informatiker");
        same("Studentin", "Student");
        same("Ärztin", "Arzt");
        same("Zahnärztinnen", "Zahnarzt");
        same("Autorin", "Autor");
        same("Kauffrau", "Kaufmann");
        same("Pflegefachfrau", "Pflegefachmann");
        same("Pflegekräfte", "Pflegekraft");
        same("Häuser", "Haus");
        same("Mechatroniker/in (m/w/d)", "Mechatroniker");
        // Words that merely end in "-in" keep it.
        assert_eq!(
            analyze("Medizin Termin Berlin"),
            ["medizin", "termin", "berlin"]
        );
        assert_eq!(
            analyze("Industriemechaniker (m/w/d) in Cottbus"),
            ["industriemechan", "cottbus"]
        );
        assert!(analyze("(m/w/d) und in der").is_empty());
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let mut analyzer = german_analyzer();
        let text = "Schweißer (m/w/d) Görlitz";
        let mut stream = analyzer.token_stream(text);
        let mut spans = Vec::new();
        while let Some(t) = stream.next() {
            spans.push(&text[t.offset_from..t.offset_to]);
        }
        assert_eq!(spans, ["Schweißer", "Görlitz"]);
    }

    proptest! {
        /// "q" is left out as in `bleibe_domain::text`: "que" keeps its "e".
        #[test]
        fn umlaut_spelling_never_matters(s in "[a-pr-zäöüß]{1,20}") {
            let t = s.replace('ä', "ae").replace('ö', "oe").replace('ü', "ue").replace('ß', "ss");
            prop_assert_eq!(analyze(&s), analyze(&t));
        }

        #[test]
        fn analysis_is_stable_under_case_and_separators(words in prop::collection::vec("[a-zäöüß]{1,12}", 1..6)) {
            let spaced = words.join(" ");
            let shouted = words.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>().join(" / ");
            prop_assert_eq!(analyze(&spaced), analyze(&shouted));
        }
    }
}
