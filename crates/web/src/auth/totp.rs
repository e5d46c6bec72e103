//! Two-factor sign-in with an authenticator app (TOTP, RFC 6238; the arithmetic is in
//! [`bleibe_domain::totp`]). This module makes secrets, checks codes — throttled like
//! passwords and used once — and draws the QR code of the set-up page.
//!
//! Secrets are stored in the database as they are (base32): the server has to compute
//! the codes from them, so unlike passwords they cannot be hashed. docs/SECURITY.md
//! says what follows from that.

use super::throttle;
use crate::problem::AppError;
use crate::state::AppState;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use bleibe_domain::totp;
use chrono::Utc;
use rand::RngCore;

/// A new secret: [`totp::SECRET_BYTES`] bytes from the operating system's generator,
/// base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; totp::SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    totp::base32_encode(&bytes)
}

/// The key under which wrong codes of a user are counted (in the table of failed
/// sign-ins, so that every instance sees them).
pub fn throttle_key(user_id: i64) -> String {
    format!("totp:{user_id}")
}

/// Checks `code` against the user's `secret` (base32, as stored): refused with 429
/// after [`throttle::MAX_FAILURES`] wrong codes within [`throttle::WINDOW_MINUTES`];
/// otherwise `true` when the code is right and its time step was not used before (the
/// step is then recorded, atomically: of two requests with one code only one passes),
/// else `false`, counted as a failure.
pub async fn check_code(
    state: &AppState,
    user_id: i64,
    secret: &str,
    code: &str,
) -> Result<bool, AppError> {
    let keys = [throttle_key(user_id)];
    if let Err(e) = throttle::check(state, &keys).await {
        // The throttle's own message suggests a password reset, which does not help here.
        return Err(match e.retry_after {
            Some(secs) => AppError::too_many_codes(secs),
            None => e,
        });
    }
    let bytes = totp::base32_decode(secret)
        .ok_or_else(|| AppError::internal(format!("stored TOTP secret of user {user_id}")))?;
    let last = state
        .store
        .totp_state(user_id)
        .await?
        .and_then(|s| s.last_step)
        .and_then(|s| u64::try_from(s).ok());
    let now = u64::try_from(Utc::now().timestamp()).unwrap_or(0);
    let accepted = match totp::verify(&bytes, code, now, last) {
        Some(step) => match i64::try_from(step) {
            Ok(step) => state.store.record_totp_step(user_id, secret, step).await?,
            Err(_) => false,
        },
        None => false,
    };
    if accepted {
        throttle::succeeded(state, &keys).await?;
    } else {
        throttle::failed(state, &keys).await?;
    }
    Ok(accepted)
}

/// The QR code of `uri` as an SVG `data:` URI for an `<img>` (the CSP allows `data:`
/// images and no inline script); `None` if the text does not fit a QR code.
pub fn qr_data_uri(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        STANDARD.encode(svg.as_bytes())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_160_random_bits_in_base32() {
        let a = new_secret();
        let b = new_secret();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert_eq!(totp::base32_decode(&a).map(|s| s.len()), Some(20));
    }

    #[test]
    fn the_qr_code_is_an_svg_image() {
        let uri = totp::otpauth_uri("bleibe", "anna@example.de", b"12345678901234567890");
        let data = qr_data_uri(&uri).expect("fits");
        let b64 = data
            .strip_prefix("data:image/svg+xml;base64,")
            .expect("data URI");
        let svg = String::from_utf8(STANDARD.decode(b64).expect("base64")).expect("utf-8");
        assert!(svg.contains("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert!(!svg.contains("script"));
    }
}
