//! Time-based one-time passwords (TOTP, RFC 6238) as authenticator apps make them:
//! HMAC-SHA1 over the number of 30-second steps since the Unix epoch, cut to 6 digits
//! by the dynamic truncation of HOTP (RFC 4226). Secrets travel as base32 (RFC 4648,
//! without padding), the form apps accept typed in or in an `otpauth://` URI.
//!
//! Pure functions only: the caller brings the time, the secret and the last step used,
//! and stores the step [`verify`] returns, so that a code is accepted once ([`verify`]
//! refuses every step up to the last one used).

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Length of one time step, in seconds (the RFC's and every app's default).
pub const STEP_SECONDS: u64 = 30;
/// Digits of a code.
pub const DIGITS: u32 = 6;
/// Bytes of a new secret: 160 bits, the HMAC-SHA1 output size RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;
/// Steps of clock drift accepted either side of now: a code is good from 30 s before it
/// appears in the app until 30 s after it has gone.
pub const DRIFT_STEPS: u64 = 1;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Base32 (RFC 4648 alphabet, upper case, no `=` padding).
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u16 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u16::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[usize::from((buffer >> bits) & 31)] as char);
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(ALPHABET[usize::from((buffer << (5 - bits)) & 31)] as char);
    }
    out
}

/// Decodes base32 as people copy it: either case, with or without `=` padding, with
/// spaces and hyphens between groups. `None` for any other character or an impossible
/// length.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let symbols: Vec<u8> = text
        .bytes()
        .filter(|b| !matches!(b, b' ' | b'-' | b'\t'))
        .collect();
    let end = symbols
        .iter()
        .rposition(|&b| b != b'=')
        .map_or(0, |i| i + 1);
    let (data, padding) = symbols.split_at(end);
    if padding.len() > 6 {
        return None;
    }
    // 8 symbols carry 5 bytes; a last group of 1, 3 or 6 symbols carries no whole byte
    // count and comes from no encoder.
    if matches!(data.len() % 8, 1 | 3 | 6) {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &c in data {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a',
            b'2'..=b'7' => c - b'2' + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// HOTP (RFC 4226): the code of `counter` with `digits` digits (6 to 9), as a number.
/// `None` only for a digit count outside that range.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> Option<u32> {
    if !(6..=9).contains(&digits) {
        return None;
    }
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).ok()?;
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    // Dynamic truncation: the low nibble of the last byte picks 4 bytes, of which the
    // low 31 bits count.
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let word = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    Some(word % 10u32.pow(digits))
}

/// The time step of an instant (seconds since the Unix epoch).
pub fn step_at(unix_seconds: u64) -> u64 {
    unix_seconds / STEP_SECONDS
}

/// The code of `step` with `digits` digits, zero-padded (`None` for a digit count outside
/// 6 to 9).
pub fn code_of_step(secret: &[u8], step: u64, digits: u32) -> Option<String> {
    hotp(secret, step, digits).map(|n| format!("{n:0width$}", width = digits as usize))
}

/// The 6-digit code an authenticator app shows at `unix_seconds`.
pub fn code_at(secret: &[u8], unix_seconds: u64) -> String {
    code_of_step(secret, step_at(unix_seconds), DIGITS).unwrap_or_default()
}

/// A code as typed: digits, possibly with spaces between them (apps show "123 456").
/// `None` unless exactly [`DIGITS`] digits remain.
pub fn normalize_code(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (code.len() == DIGITS as usize && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// Compares without stopping at the first difference, so that the time taken does not
/// tell how many leading digits were right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Checks a typed `code` against `secret` at `now_unix`: accepted for the current step
/// and [`DRIFT_STEPS`] either side, but only for a step after `last_used_step`, so that
/// a code (or an older one) cannot be used twice. Returns the step the code belongs to,
/// which the caller must record as the new last used step (atomically: see
/// `Accounts::record_totp_step` in the store); `None` when the code is refused.
pub fn verify(
    secret: &[u8],
    code: &str,
    now_unix: u64,
    last_used_step: Option<u64>,
) -> Option<u64> {
    let code = normalize_code(code)?;
    let now = step_at(now_unix);
    let mut matched = None;
    // Every candidate is computed and compared, matching or not.
    for step in now.saturating_sub(DRIFT_STEPS)..=now.saturating_add(DRIFT_STEPS) {
        let expected = code_of_step(secret, step, DIGITS).unwrap_or_default();
        let fresh = last_used_step.is_none_or(|last| step > last);
        if same(expected.as_bytes(), code.as_bytes()) && fresh {
            matched = Some(step);
        }
    }
    matched
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `otpauth://` URI an authenticator app reads (from a QR code or a link):
/// `otpauth://totp/{issuer}:{account}?secret=…&issuer={issuer}`, label and issuer
/// percent-encoded (an `@` in the address becomes `%40`).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let issuer = percent_encode(issuer);
    format!(
        "otpauth://totp/{issuer}:{}?secret={}&issuer={issuer}",
        percent_encode(account),
        base32_encode(secret)
    )
}

/// A secret's base32 form in groups of four, as it is shown for typing in.
pub fn grouped(secret_base32: &str) -> String {
    secret_base32
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The key of RFC 4226 Appendix D and RFC 6238 Appendix B (SHA-1).
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc_6238_appendix_b_sha1_vectors() {
        for (time, expected) in [
            (59u64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(
                code_of_step(RFC_SECRET, step_at(time), 8).as_deref(),
                Some(expected),
                "T = {time}"
            );
        }
    }

    #[test]
    fn rfc_4226_appendix_d_hotp_vectors() {
        let expected = [
            755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489,
        ];
        for (counter, want) in expected.into_iter().enumerate() {
            assert_eq!(hotp(RFC_SECRET, counter as u64, 6), Some(want), "{counter}");
        }
        assert_eq!(hotp(RFC_SECRET, 0, 5), None);
        assert_eq!(hotp(RFC_SECRET, 0, 10), None);
    }

    #[test]
    fn six_digit_codes_keep_their_leading_zeros() {
        // Step 37037036 (T = 1111111109) is 07081804 in 8 digits: 081804 in 6.
        assert_eq!(code_at(RFC_SECRET, 1_111_111_109), "081804");
        assert_eq!(code_at(RFC_SECRET, 59), "287082");
    }

    #[test]
    fn rfc_4648_base32_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32_encode(plain.as_bytes()), encoded, "{plain:?}");
            assert_eq!(
                base32_decode(encoded).as_deref(),
                Some(plain.as_bytes()),
                "{encoded}"
            );
        }
        // As the RFC writes them (padded), in lower case, and grouped for typing.
        assert_eq!(
            base32_decode("MZXW6YTBOI======").as_deref(),
            Some(&b"foobar"[..])
        );
        assert_eq!(
            base32_decode("mzxw 6ytb-oi").as_deref(),
            Some(&b"foobar"[..])
        );
        assert_eq!(
            base32_encode(RFC_SECRET),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
    }

    #[test]
    fn bad_base32_is_refused() {
        for bad in [
            "M",
            "MZX",
            "MZXW6Y",
            "MZ1Q",
            "MZ0Q",
            "MZ8Q",
            "MZ=Q",
            "ÄÖ",
            "MY========",
        ] {
            assert_eq!(base32_decode(bad), None, "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn base32_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let text = base32_encode(&bytes);
            prop_assert!(!text.contains('='));
            prop_assert_eq!(base32_decode(&text), Some(bytes.clone()));
            prop_assert_eq!(base32_decode(&grouped(&text.to_lowercase())), Some(bytes));
        }

        #[test]
        fn any_typed_text_is_checked_without_panicking(code in "\\PC{0,12}", now in 0u64..u64::MAX) {
            let _ = verify(RFC_SECRET, &code, now, None);
            let _ = base32_decode(&code);
        }
    }

    #[test]
    fn codes_of_the_neighbouring_steps_are_accepted_and_no_further() {
        let now = 1_700_000_000;
        let step = step_at(now);
        let code = |s: u64| code_of_step(RFC_SECRET, s, DIGITS).expect("code");
        assert_eq!(verify(RFC_SECRET, &code(step), now, None), Some(step));
        assert_eq!(
            verify(RFC_SECRET, &code(step - 1), now, None),
            Some(step - 1)
        );
        assert_eq!(
            verify(RFC_SECRET, &code(step + 1), now, None),
            Some(step + 1)
        );
        assert_eq!(verify(RFC_SECRET, &code(step - 2), now, None), None);
        assert_eq!(verify(RFC_SECRET, &code(step + 2), now, None), None);
        // Typed with the app's space, or with stray blanks.
        let spaced = format!("{} {}", &code(step)[..3], &code(step)[3..]);
        assert_eq!(verify(RFC_SECRET, &spaced, now, None), Some(step));
        assert_eq!(
            verify(RFC_SECRET, &format!(" {}\n", code(step)), now, None),
            Some(step)
        );
    }

    #[test]
    fn a_used_step_and_older_ones_are_refused() {
        let now = 1_700_000_000;
        let step = step_at(now);
        let code = |s: u64| code_of_step(RFC_SECRET, s, DIGITS).expect("code");
        let used = verify(RFC_SECRET, &code(step), now, None).expect("first use");
        assert_eq!(
            verify(RFC_SECRET, &code(step), now, Some(used)),
            None,
            "replay"
        );
        assert_eq!(
            verify(RFC_SECRET, &code(step - 1), now, Some(used)),
            None,
            "an older code after a newer one"
        );
        assert_eq!(
            verify(RFC_SECRET, &code(step + 1), now, Some(used)),
            Some(step + 1),
            "the next code"
        );
        // Half a minute later the same code is still within the drift, but used.
        assert_eq!(verify(RFC_SECRET, &code(step), now + 30, Some(used)), None);
    }

    #[test]
    fn malformed_codes_are_refused() {
        let now = 1_700_000_000;
        let right = code_at(RFC_SECRET, now);
        for bad in [
            "",
            "12345",
            "1234567",
            "abcdef",
            "１２３４５６",
            &right[..5],
            &format!("{right}0"),
        ] {
            assert_eq!(verify(RFC_SECRET, bad, now, None), None, "{bad:?}");
        }
        // The first step of the epoch has no step before it.
        assert_eq!(
            verify(RFC_SECRET, &code_at(RFC_SECRET, 0), 0, None),
            Some(0)
        );
        assert_eq!(
            verify(RFC_SECRET, &code_at(RFC_SECRET, 0), 0, Some(0)),
            None
        );
    }

    #[test]
    fn the_uri_names_issuer_and_account_and_carries_the_secret() {
        assert_eq!(
            otpauth_uri("bleibe", "anna.schmidt+staff@example.de", RFC_SECRET),
            "otpauth://totp/bleibe:anna.schmidt%2Bstaff%40example.de\
             ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=bleibe"
        );
        assert_eq!(
            otpauth_uri("Lausitz & mehr", "a@b.de", b"x"),
            "otpauth://totp/Lausitz%20%26%20mehr:a%40b.de?secret=PA&issuer=Lausitz%20%26%20mehr"
        );
    }

    #[test]
    fn secrets_are_shown_in_groups_of_four() {
        assert_eq!(
            grouped("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
            "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"
        );
        assert_eq!(grouped("MZXW6"), "MZXW 6");
        assert_eq!(grouped(""), "");
    }
}
