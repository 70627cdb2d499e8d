//! The preview's tokens: an HMAC-SHA256, under the secret WordPress and
//! the preview server share, of a post's id and an expiry, as the
//! must-use plug-in makes them (`deploy/wordpress/gazette-preview.php`):
//! `hash_hmac('sha256', "<id>.<expires>", GAZETTE_PREVIEW_SECRET)`, in hex.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The longest a token may live: WordPress gives it an hour.
pub const LIFETIME: u64 = 3600;
/// Clocks of the two machines may differ this much.
const SKEW: u64 = 60;
/// The shortest secret accepted (bytes): 256 bits written in hex are 64.
pub const SECRET_MIN: usize = 32;

/// What a valid token lets through: one post, until a time (Unix seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grant {
    pub post: u64,
    pub expires: u64,
}

/// The shared secret. Its `Debug` does not show it.
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn new(text: &str) -> Result<Secret, String> {
        if text.len() < SECRET_MIN {
            return Err(format!(
                "GAZETTE_PREVIEW_SECRET must be at least {SECRET_MIN} characters (for example `openssl rand -hex 32`)"
            ));
        }
        Ok(Secret(text.as_bytes().to_vec()))
    }

    fn mac(&self, post: u64, expires: u64) -> Hmac<Sha256> {
        // Any key length is accepted by HMAC.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(format!("{post}.{expires}").as_bytes());
        mac
    }

    /// The token for `post` until `expires`, in hex (what the plug-in makes).
    pub fn sign(&self, post: u64, expires: u64) -> String {
        self.mac(post, expires)
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The grant `token` gives, if it is this secret's for `post` and
    /// `expires`, and `expires` is in the next hour of `now`. The MAC is
    /// compared in constant time.
    pub fn verify(&self, post: u64, expires: u64, token: &str, now: u64) -> Option<Grant> {
        let bytes = hex(token)?;
        let live = expires > now && expires <= now + LIFETIME + SKEW;
        let genuine = self.mac(post, expires).verify_slice(&bytes).is_ok();
        (genuine && live).then_some(Grant { post, expires })
    }

    /// [`Secret::verify`] of the cookie's value, `<post>.<expires>.<token>`.
    pub fn verify_cookie(&self, value: &str, now: u64) -> Option<Grant> {
        let mut parts = value.splitn(3, '.');
        let post = parts.next()?.parse().ok()?;
        let expires = parts.next()?.parse().ok()?;
        self.verify(post, expires, parts.next()?, now)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// 64 hex digits as 32 bytes.
fn hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    (0..32)
        .map(|i| u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test code
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000;

    fn secret() -> Secret {
        Secret::new("a shared secret of at least 32 characters").unwrap()
    }

    #[test]
    fn a_token_is_phps_hash_hmac_of_id_dot_expiry() {
        // php -r 'echo hash_hmac("sha256", "12.1800003600", "a shared secret of at least 32 characters");'
        assert_eq!(
            secret().sign(12, 1_800_003_600),
            "d8a56658f8dfdbb103d61e659ce9d026a67a19079ef70612fccf88d94d37895a"
        );
    }

    #[test]
    fn only_a_live_token_for_this_post_under_this_secret_passes() {
        let s = secret();
        let expires = NOW + 600;
        let token = s.sign(12, expires);
        assert_eq!(
            s.verify(12, expires, &token, NOW),
            Some(Grant { post: 12, expires })
        );
        assert_eq!(
            s.verify(12, expires, &token.to_uppercase(), NOW),
            Some(Grant { post: 12, expires })
        );
        // Another post, another expiry, expired, too far ahead.
        assert_eq!(s.verify(13, expires, &token, NOW), None);
        assert_eq!(s.verify(12, expires + 1, &token, NOW), None);
        assert_eq!(s.verify(12, expires, &token, expires), None);
        let far = NOW + LIFETIME + SKEW + 1;
        assert_eq!(s.verify(12, far, &s.sign(12, far), NOW), None);
        assert!(s
            .verify(12, NOW + LIFETIME, &s.sign(12, NOW + LIFETIME), NOW)
            .is_some());
        // Another secret, a tampered or cut token, not hex.
        let other = Secret::new("another shared secret, also 32 characters").unwrap();
        assert_eq!(other.verify(12, expires, &token, NOW), None);
        let mut tampered = token.clone().into_bytes();
        tampered[10] = if tampered[10] == b'0' { b'1' } else { b'0' };
        let tampered = String::from_utf8(tampered).unwrap();
        let longer = format!("{token}00");
        for bad in [
            tampered.as_str(),
            &token[..62],
            &longer,
            "",
            &"zz".repeat(32),
            &"é".repeat(32),
        ] {
            assert_eq!(s.verify(12, expires, bad, NOW), None, "{bad}");
        }
    }

    #[test]
    fn the_cookie_carries_the_same_grant() {
        let s = secret();
        let expires = NOW + 60;
        let value = format!("12.{expires}.{}", s.sign(12, expires));
        assert_eq!(
            s.verify_cookie(&value, NOW),
            Some(Grant { post: 12, expires })
        );
        for bad in ["", "12", "12.x.y", &value.replacen("12.", "13.", 1)] {
            assert_eq!(s.verify_cookie(bad, NOW), None, "{bad}");
        }
    }

    #[test]
    fn a_short_secret_is_refused() {
        assert!(Secret::new("short").is_err());
        assert!(Secret::new(&"x".repeat(SECRET_MIN)).is_ok());
    }
}
