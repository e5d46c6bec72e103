//! Text helpers shared by every layer: HTML sanitising, required-field checks and the
//! one folding function that makes "Schweißer" equal "Schweisser" and "Görlitz" equal
//! "Goerlitz" wherever bleibe compares words (place names and job search alike).

use crate::error::ValidationError;

/// Sanitises rich text from employers and imports to a small, safe subset of HTML:
/// paragraphs, line breaks, lists, emphasis, sub-headings and links (which get
/// `rel="noopener noreferrer nofollow"`). Everything else is dropped, its text kept.
pub fn sanitize_html(html: &str) -> String {
    ammonia::Builder::default()
        .tags(
            [
                "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "h3", "h4", "a",
            ]
            .into_iter()
            .collect(),
        )
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(html)
        .to_string()
}

/// Plain text of sanitised HTML, for search indexing and summaries.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims `value` and checks that it is present and at most `max_chars` long.
pub fn required(field: &str, value: &str, max_chars: usize) -> Result<String, ValidationError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    if v.chars().count() > max_chars {
        return Err(ValidationError::new(
            field,
            format!("must be at most {max_chars} characters"),
        ));
    }
    Ok(v.to_string())
}

/// Checks that `value` is an absolute http(s) URL without whitespace.
pub fn check_http_url(field: &str, value: &str) -> Result<(), ValidationError> {
    let ok = (value.starts_with("https://") || value.starts_with("http://"))
        && value.len() > "https://".len()
        && value.len() <= 2000
        && !value.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "must be an absolute http:// or https:// URL",
        ))
    }
}

/// Checks the shape of an e-mail address (one `@`, a dot in the domain, no spaces).
pub fn check_email(field: &str, value: &str) -> Result<(), ValidationError> {
    let ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !value.chars().any(char::is_whitespace)
                && value.len() <= 254
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "must be an e-mail address like name@example.de",
        ))
    }
}

/// Folds a word or phrase for comparison: lower case; German umlauts and their
/// transcriptions both to the base vowel (ä, ae → a; ö, oe → o; ü, ue → u, but not in
/// "que"); ß → ss; common Latin diacritics (Sorbian, Polish, Czech, French) to the base
/// letter. Applied identically to indexed text and to queries, so both spellings meet.
pub fn fold(input: &str) -> String {
    let mut base = String::with_capacity(input.len());
    for c in input.chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => base.push_str("ss"),
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ą' | 'ă' => base.push('a'),
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ő' => base.push('o'),
            'ü' | 'ú' | 'ù' | 'û' | 'ů' | 'ű' => base.push('u'),
            'é' | 'è' | 'ê' | 'ë' | 'ě' | 'ę' => base.push('e'),
            'í' | 'ì' | 'î' | 'ï' => base.push('i'),
            'ý' | 'ÿ' => base.push('y'),
            'č' | 'ć' | 'ç' => base.push('c'),
            'ď' => base.push('d'),
            'ł' => base.push('l'),
            'ň' | 'ń' | 'ñ' => base.push('n'),
            'ř' | 'ŕ' => base.push('r'),
            'š' | 'ś' | 'ş' => base.push('s'),
            'ť' | 'ţ' => base.push('t'),
            'ž' | 'ź' | 'ż' => base.push('z'),
            _ => base.push(c),
        }
    }
    // Transcribed umlauts: "ae" → "a", "oe" → "o", "ue" → "u" (not after "q").
    let mut out = String::with_capacity(base.len());
    let mut prev: Option<char> = None;
    let mut chars = base.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, 'a' | 'o' | 'u') && !(c == 'u' && prev == Some('q')) {
            // Skip every following "e", so that folding is idempotent ("aee" → "a").
            while chars.peek() == Some(&'e') {
                chars.next();
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn umlauts_and_sharp_s_meet_their_transcriptions() {
        assert_eq!(fold("Schweißer"), fold("Schweisser"));
        assert_eq!(fold("Verkäufer"), fold("Verkaeufer"));
        assert_eq!(fold("Görlitz"), fold("Goerlitz"));
        assert_eq!(fold("Übersetzer"), fold("Uebersetzer"));
        assert_eq!(fold("Weißwasser"), "weisswasser");
        assert_eq!(fold("Wórjejce"), "worjejce");
        assert_ne!(fold("Quelle"), "qulle");
    }

    #[test]
    fn sanitizer_drops_scripts_and_keeps_text() {
        let s = sanitize_html("<p onclick=x>Hallo <script>alert(1)</script><b>Welt</b></p>");
        assert_eq!(s, "<p>Hallo <b>Welt</b></p>");
        assert_eq!(html_to_text(&s), "Hallo Welt");
    }

    #[test]
    fn field_checks() {
        assert!(required("title", "  ", 10).is_err());
        assert_eq!(required("title", " x ", 10).as_deref(), Ok("x"));
        assert!(required("title", "abcdefghijk", 10).is_err());
        assert!(check_http_url("u", "https://example.de/x").is_ok());
        assert!(check_http_url("u", "javascript:alert(1)").is_err());
        assert!(check_email("e", "jobs@example.de").is_ok());
        assert!(check_email("e", "jobs@example").is_err());
        assert!(check_email("e", "a b@example.de").is_err());
    }

    proptest! {
        #[test]
        fn fold_is_idempotent(s in "[a-zA-ZäöüÄÖÜß ]{0,30}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }

        /// "q" is left out: "que" keeps its "e" ("Quelle"), and no German word has "qü".
        #[test]
        fn umlaut_spelling_never_matters(s in "[a-pr-zäöüß]{0,20}") {
            let transcribed = s.replace('ä', "ae").replace('ö', "oe").replace('ü', "ue").replace('ß', "ss");
            prop_assert_eq!(fold(&s), fold(&transcribed));
        }
    }
}
