//! Dictionary-based splitting of German compound words, at index time only.
//!
//! A folded token such as "pflegefachkraft" is split into parts from a curated
//! vocabulary (`data/compound-parts.txt`, embedded at build time): "pflege", "fach",
//! "kraft". The index then holds, at the same position as the original token, every
//! part and every contiguous join of two or more parts that is not the whole word
//! ("fachkraft", "pflegefach"), so the query "Fachkraft" finds "Pflegefachkraft".
//! Queries are never split: their whole word meets the index's parts.
//!
//! Rules, to keep splitting conservative:
//!
//! - every part is a vocabulary word of at least three characters, and the
//!   parts must cover the whole word; between parts a linking element ("s", "es", "n",
//!   "en") may stand ("arbeit|s|vermittler"), after the last part an inflection ending
//!   ("e", "en", "n", "s", "es": "fachkräfte");
//! - the decomposition with the fewest parts wins;
//! - a word that is itself in the vocabulary is only split when every part has at least
//!   four characters ("hausmeister" → "haus", "meister";
//!   "elektroniker" stays whole); words on a small deny-list are never split.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use bleibe_domain::text::fold;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The curated vocabulary: one word per line, `#` comments.
const VOCABULARY: &str = include_str!("../../../data/compound-parts.txt");

/// Shortest part.
const MIN_PART_CHARS: usize = 3;

/// Shortest part when the whole word is itself a vocabulary word.
const MIN_PART_CHARS_OF_KNOWN_WORD: usize = 4;

/// Linking elements (Fugenelemente) allowed between two parts.
const LINKS: &[&str] = &["es", "en", "s", "n"];

/// Inflection endings allowed after the last part.
const ENDINGS: &[&str] = &["es", "en", "e", "s", "n"];

/// Folded words that are never split, whatever the vocabulary says.
const NEVER_SPLIT: &[&str] = &[
    "elektroniker",
    "elektronik",
    "mechatroniker",
    "mechatronik",
    "mechaniker",
    "informatiker",
    "landschaft",
    "wirtschaft",
];

/// The vocabulary, folded.
pub(crate) fn vocabulary() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        VOCABULARY
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold)
            .filter(|w| w.chars().count() >= MIN_PART_CHARS)
            .collect()
    })
}

/// How a prefix of the word was reached: number of parts and the last part's span.
#[derive(Debug, Clone, Copy)]
struct Step {
    parts: usize,
    /// Byte position the last part started from (a reachable position).
    from: usize,
    /// Byte span of the last part (without a linking element).
    part: (usize, usize),
}

/// Byte spans of the parts of a folded word, the last one including its inflection
/// ending; `None` when the word does not split (see the module docs).
fn split_spans(word: &str) -> Option<Vec<(usize, usize)>> {
    let vocab = vocabulary();
    if NEVER_SPLIT.contains(&word) {
        return None;
    }
    let known = vocab.contains(word);
    let min_part = if known {
        MIN_PART_CHARS_OF_KNOWN_WORD
    } else {
        MIN_PART_CHARS
    };
    let len = word.len();
    // reach[p]: the best way to arrive at byte p, where the next part may start.
    let mut reach: Vec<Option<Step>> = vec![None; len + 1];
    // The best complete decomposition: (parts, from, part span, end incl. ending).
    let mut best: Option<(Step, usize)> = None;
    let start = Step {
        parts: 0,
        from: 0,
        part: (0, 0),
    };
    for p in 0..len {
        let here = if p == 0 { Some(start) } else { reach[p] };
        let Some(here) = here else { continue };
        if !word.is_char_boundary(p) {
            continue;
        }
        // Longest parts first, so that ties keep the longer part.
        for e in (p + 1..=len).rev() {
            if !word.is_char_boundary(e) {
                continue;
            }
            let part = &word[p..e];
            if part.chars().count() < min_part || !vocab.contains(part) {
                continue;
            }
            if p == 0 && e == len {
                continue; // the whole word is not a decomposition
            }
            let step = Step {
                parts: here.parts + 1,
                from: p,
                part: (p, e),
            };
            let rest = &word[e..];
            if step.parts >= 2
                && (rest.is_empty() || ENDINGS.contains(&rest))
                && best.is_none_or(|(b, _)| step.parts < b.parts)
            {
                best = Some((step, len));
            }
            for next in std::iter::once(e).chain(
                LINKS
                    .iter()
                    .filter(|l| rest.starts_with(**l))
                    .map(|l| e + l.len()),
            ) {
                if next < len && reach[next].is_none_or(|r| step.parts < r.parts) {
                    reach[next] = Some(step);
                }
            }
        }
    }
    let (last, end) = best?;
    let mut spans = vec![(last.part.0, end)];
    let mut at = last.from;
    while at > 0 {
        let step = reach[at]?;
        spans.push(step.part);
        at = step.from;
    }
    spans.reverse();
    Some(spans)
}

/// What a folded word adds to the index besides itself: its parts and every contiguous
/// join of at least two parts that is not the whole word, in order, without
/// duplicates. Empty when the word does not split.
pub fn decompose(word: &str) -> Vec<String> {
    let Some(spans) = split_spans(word) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for i in 0..spans.len() {
        for j in i..spans.len() {
            if i == 0 && j == spans.len() - 1 {
                continue;
            }
            let s = word[spans[i].0..spans[j].1].to_string();
            if s != word && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Token filter: after each token, emits its decompositions ([`decompose`]) at the
/// same position and with the same offsets. Expects folded, lower-case tokens.
#[derive(Clone, Copy, Debug, Default)]
pub struct CompoundSplitter;

impl TokenFilter for CompoundSplitter {
    type Tokenizer<T: Tokenizer> = CompoundSplitterTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        CompoundSplitterTokenizer {
            inner: tokenizer,
            memo: HashMap::new(),
        }
    }
}

/// Distinct words remembered per tokenizer before the memo starts afresh.
const MEMO_WORDS: usize = 100_000;

/// The tokenizer [`CompoundSplitter`] wraps around the one before it. Remembers the
/// decompositions of the words it has seen: job texts repeat their words a lot, and
/// splitting is the most expensive step of indexing.
#[derive(Clone, Debug)]
pub struct CompoundSplitterTokenizer<T> {
    inner: T,
    memo: HashMap<String, Vec<String>>,
}

impl<T: Tokenizer> Tokenizer for CompoundSplitterTokenizer<T> {
    type TokenStream<'a> = CompoundSplitterStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() > MEMO_WORDS {
            self.memo.clear();
        }
        CompoundSplitterStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            token: Token::default(),
            pending: Vec::new(),
        }
    }
}

/// Token stream of [`CompoundSplitter`].
#[derive(Debug)]
pub struct CompoundSplitterStream<'a, T> {
    tail: T,
    memo: &'a mut HashMap<String, Vec<String>>,
    token: Token,
    /// Parts still to emit, in reverse order.
    pending: Vec<String>,
}

impl<T: TokenStream> TokenStream for CompoundSplitterStream<'_, T> {
    fn advance(&mut self) -> bool {
        if let Some(part) = self.pending.pop() {
            self.token.text = part;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        self.token.clone_from(self.tail.token());
        let word = &self.token.text;
        let parts = match self.memo.get(word) {
            Some(parts) => parts,
            None => {
                let mut parts = decompose(word);
                parts.reverse();
                self.memo.entry(word.clone()).or_insert(parts)
            }
        };
        self.pending.clone_from(parts);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parts(word: &str) -> Vec<String> {
        decompose(&fold(word))
    }

    #[test]
    fn documented_examples() {
        assert_eq!(
            parts("Pflegefachkraft"),
            ["pflege", "pflegefach", "fach", "fachkraft", "kraft"]
        );
        assert_eq!(
            parts("Industrieelektroniker"),
            ["industrie", "elektroniker"]
        );
        assert_eq!(parts("Anlagenmechaniker"), ["anlagen", "mechaniker"]);
        assert_eq!(parts("Hausmeister"), ["haus", "meister"]);
        assert_eq!(parts("Fachverkäufer"), ["fach", "verkaufer"]);
    }

    #[test]
    fn linking_elements_and_endings() {
        // "s" between parts is not part of either.
        assert_eq!(parts("Arbeitsvermittler"), ["arbeit", "vermittler"]);
        assert_eq!(
            parts("Sicherheitsfachkraft"),
            [
                "sicherheit",
                "sicherheitsfach",
                "fach",
                "fachkraft",
                "kraft"
            ]
        );
        // "n" between parts.
        assert!(parts("Krankenpfleger").contains(&"pfleger".to_string()));
        // An inflection ending stays with the last part (the stemmer removes it).
        assert_eq!(
            parts("Pflegefachkräfte"),
            ["pflege", "pflegefach", "fach", "fachkrafte", "krafte"]
        );
    }

    #[test]
    fn unknown_words_and_tiny_parts_do_not_split() {
        for w in [
            "Spremberg",
            "Cottbus",
            "Medizin",
            "Beratung",
            "Elektroniker",
            "Mechatroniker",
            "Informatiker",
            "Wirtschaft",
            "Pflege",
            "Fachkraft!",
            "Pflegefachkraftx",
            "",
        ] {
            assert_eq!(parts(w), Vec::<String>::new(), "{w}");
        }
        // A known word only splits into parts of at least four letters.
        assert!(vocabulary().contains("notfall"));
        assert_eq!(parts("Notfall"), Vec::<String>::new());
        // No part shorter than three letters, even when the rest is covered.
        assert!(vocabulary()
            .iter()
            .all(|w| w.chars().count() >= MIN_PART_CHARS));
    }

    #[test]
    fn the_vocabulary_is_folded_and_substantial() {
        let v = vocabulary();
        assert!(v.len() > 300, "{}", v.len());
        for w in v {
            assert_eq!(&fold(w), w);
        }
        assert!(v.contains("verkaufer"));
        assert!(v.contains("gebaude"));
    }

    proptest! {
        /// Splitting a folded word and splitting it after folding again agree, and
        /// every emitted part is a substring of the word.
        #[test]
        fn splitting_is_stable_under_folding(a in 0usize..40, b in 0usize..40, c in 0usize..40) {
            let words: Vec<&String> = {
                let mut v: Vec<&String> = vocabulary().iter().collect();
                v.sort();
                v
            };
            let word = format!("{}{}{}", words[a * 7 % words.len()], words[b * 11 % words.len()], words[c * 13 % words.len()]);
            let folded = fold(&word);
            prop_assert_eq!(decompose(&folded), decompose(&fold(&folded)));
            for p in decompose(&folded) {
                prop_assert!(folded.contains(&p));
                prop_assert!(p != folded);
            }
        }
    }
}
