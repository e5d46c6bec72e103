//! Reading and writing the few cookies bleibe sets. All are HttpOnly and SameSite=Lax,
//! and Secure under https.

use axum::http::{header, HeaderMap};
use std::collections::HashMap;

/// The session cookie: a random id; the database keeps only its hash.
pub const SESSION_COOKIE: &str = "bleibe_session";
/// The CSRF token of forms before sign-in (after sign-in the session holds it).
pub const CSRF_COOKIE: &str = "bleibe_csrf";

/// The request's cookies by name (the first of duplicates wins).
pub fn parse(headers: &HeaderMap) -> HashMap<String, String> {
    let mut jar = HashMap::new();
    for value in headers.get_all(header::COOKIE) {
        let Ok(s) = value.to_str() else { continue };
        for pair in s.split(';') {
            if let Some((k, v)) = pair.trim().split_once('=') {
                jar.entry(k.trim().to_string())
                    .or_insert_with(|| v.trim().to_string());
            }
        }
    }
    jar
}

/// A `Set-Cookie` value. `max_age` in seconds; `None` makes a browser-session cookie.
pub fn set(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// A `Set-Cookie` value that deletes the cookie.
pub fn clear(name: &str, secure: bool) -> String {
    set(name, "", Some(0), secure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_parse_and_carry_their_attributes() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; bleibe_session=xyz ; a=2"),
        );
        let jar = parse(&h);
        assert_eq!(jar.get("bleibe_session").map(String::as_str), Some("xyz"));
        assert_eq!(jar.get("a").map(String::as_str), Some("1"));
        let c = set(SESSION_COOKIE, "v", None, true);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("Secure"));
        assert!(!set(SESSION_COOKIE, "v", None, false).contains("Secure"));
        assert!(clear(SESSION_COOKIE, false).contains("Max-Age=0"));
    }
}
