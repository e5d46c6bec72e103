//! Translations: Fluent files under `locales/<lang>/` compiled into the binary. German is
//! the default, English the second language; adding a language means adding a folder
//! and a [`Lang`] variant.
//!
//! The language of a request comes from, in order: the `lang` query parameter, the
//! `bleibe_lang` cookie (set by the language switch), the `Accept-Language` header.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "de",
        // Bidi isolation marks would end up inside attributes and JSON labels.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "bleibe_lang";

/// A supported language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Deutsch (default).
    #[default]
    De,
    /// English.
    En,
}

impl Lang {
    /// Every supported language, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// BCP 47 code, as in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::De => "Deutsch",
            Lang::En => "English",
        }
    }

    /// Parses a code or a language tag (`en`, `en-GB`, `de-DE`).
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut prefs: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let lang = Lang::parse(it.next()?)?;
                let q = it
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, lang))
            })
            .collect();
        // Stable sort keeps header order among equal weights.
        prefs.sort_by(|a, b| b.0.total_cmp(&a.0));
        prefs.first().map(|p| p.1)
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::De => fluent_templates::langid!("de"),
            Lang::En => fluent_templates::langid!("en"),
        }
    }

    /// A translator for this language.
    pub fn tr(self) -> Tr {
        Tr { lang: self }
    }
}

/// Looks up messages in one language; templates call `tr.t("key")`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    /// The language.
    pub lang: Lang,
}

impl Tr {
    /// The message `key`; a missing key shows the key itself (and a test keeps every
    /// key present in every language).
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(&self.lang.id(), key)
            .unwrap_or_else(|| key.to_string())
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.ta(key, &[(name, value.to_string())])
    }

    /// The message `key` with a numeric argument (for plural selection).
    pub fn tn(&self, key: &str, name: &'static str, n: u64) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(n));
        LOCALES
            .try_lookup_with_args(&self.lang.id(), key, &args)
            .unwrap_or_else(|| key.to_string())
    }

    /// The message `key` with string arguments.
    pub fn ta(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
            .collect();
        LOCALES
            .try_lookup_with_args(&self.lang.id(), key, &map)
            .unwrap_or_else(|| key.to_string())
    }

    /// Whether `key` exists in this language (without fallback to German).
    pub fn has(&self, key: &str) -> bool {
        LOCALES
            .lookup_single_language::<&str>(&self.lang.id(), key, None)
            .is_ok()
    }
}

fn cookie_value<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then_some(v)
        })
}

/// The language of the current request.
pub fn negotiate(parts: &Parts) -> Lang {
    let from_query = parts.uri.query().and_then(|q| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| Lang::parse(&v))
    });
    from_query
        .or_else(|| cookie_value(parts, LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| {
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(negotiate(parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(ftl: &str) -> BTreeSet<String> {
        ftl.lines()
            .filter(|l| !l.starts_with([' ', '#', '\t', '.', '*', '[', '}']) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next())
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect()
    }

    /// Every key of every `.ftl` file of a language.
    fn all_keys(lang: &str) -> BTreeSet<String> {
        let dir = format!("{}/../../locales/{lang}", env!("CARGO_MANIFEST_DIR"));
        let mut all = BTreeSet::new();
        for entry in std::fs::read_dir(dir).expect("locales") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "ftl") {
                let text = std::fs::read_to_string(&path).expect("read");
                let before = all.len();
                let these = keys(&text);
                let n = these.len();
                all.extend(these);
                assert_eq!(all.len(), before + n, "{} repeats a key", path.display());
            }
        }
        all
    }

    /// Every file under `dir`, recursively.
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_language_has_every_key() {
        let de = all_keys("de");
        let en = all_keys("en");
        assert!(de.len() > 50, "{}", de.len());
        let missing_en: Vec<_> = de.difference(&en).collect();
        let missing_de: Vec<_> = en.difference(&de).collect();
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(missing_de.is_empty(), "missing in de: {missing_de:?}");
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let de = all_keys("de");
        let mut paths = Vec::new();
        files(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/templates")),
            &mut paths,
        );
        files(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            &mut paths,
        );
        let mut used = BTreeSet::new();
        let re_calls = [".t(\"", ".t1(\"", ".tn(\"", ".ta(\""];
        for path in paths {
            // This file's own examples and tests use made-up keys.
            if path.ends_with("i18n.rs") {
                continue;
            }
            let text: String = std::fs::read_to_string(&path)
                .expect("read")
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for call in re_calls {
                for part in text.split(call).skip(1) {
                    if let Some(key) = part.split('"').next() {
                        used.insert(key.to_string());
                    }
                }
            }
        }
        assert!(used.len() > 20, "{}", used.len());
        let missing: Vec<_> = used.iter().filter(|k| !de.contains(*k)).collect();
        assert!(missing.is_empty(), "used but not translated: {missing:?}");
    }

    #[test]
    fn accept_language_negotiation() {
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,de;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_accept_language("fr, de;q=0.5, en;q=0.4"),
            Some(Lang::De)
        );
        assert_eq!(Lang::from_accept_language("fr, pl"), None);
        assert_eq!(
            Lang::from_accept_language("en;q=0, de;q=0.1"),
            Some(Lang::De)
        );
    }

    #[test]
    fn lookups_translate() {
        assert_eq!(Lang::De.tr().t("nav-jobs"), "Stellen");
        assert_eq!(Lang::En.tr().t("nav-jobs"), "Jobs");
        assert_eq!(Lang::De.tr().t("no-such-key"), "no-such-key");
    }
}
