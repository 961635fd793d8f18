//! One-time passwords on their way to the accounts page, sealed. The session
//! table holds them encrypted (ChaCha20-Poly1305, a fresh key each time); the
//! key travels only in a short-lived cookie of the administrator's browser.
//! A copy of the database alone, or the cookie alone, shows nothing.

use super::accounts::OneTime;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};

/// The cookie that carries the key.
pub const KEY_COOKIE: &str = "dangbo_once";
/// How long the list can wait to be shown (seconds).
pub const KEY_MAX_AGE: i64 = 600;

/// A sealed list: `sealed` for the session, `key` for the cookie.
#[derive(Debug, Clone)]
pub struct Sealed {
    pub key: String,
    pub sealed: String,
}

fn cipher(key: &[u8]) -> Option<LessSafeKey> {
    UnboundKey::new(&CHACHA20_POLY1305, key)
        .ok()
        .map(LessSafeKey::new)
}

/// Seals the list under a new random key (`None` only if the system's
/// random source fails).
pub fn seal(list: &[OneTime]) -> Option<Sealed> {
    let rng = SystemRandom::new();
    let mut key = [0u8; 32];
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill(&mut key).ok()?;
    rng.fill(&mut nonce).ok()?;
    let mut data = serde_json::to_vec(list).ok()?;
    cipher(&key)?
        .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut data)
        .ok()?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&data);
    Some(Sealed {
        key: B64.encode(key),
        sealed: B64.encode(out),
    })
}

/// The list back, if `key` is the one it was sealed with.
pub fn open(key: &str, sealed: &str) -> Option<Vec<OneTime>> {
    let key = B64.decode(key).ok()?;
    let data = B64.decode(sealed).ok()?;
    if data.len() < NONCE_LEN {
        return None;
    }
    let (nonce, rest) = data.split_at(NONCE_LEN);
    let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
    let mut rest = rest.to_vec();
    let plain = cipher(&key)?
        .open_in_place(nonce, Aad::empty(), &mut rest)
        .ok()?;
    serde_json::from_slice(plain).ok()
}

/// `Set-Cookie` for the key (`Max-Age=0` with an empty key: removes it).
pub fn key_cookie(key: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{KEY_COOKIE}={key}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The key from a request's `Cookie` header.
pub fn key_of(cookie_header: &str) -> Option<&str> {
    cookie_header
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == KEY_COOKIE)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<OneTime> {
        vec![OneTime {
            username: "93012345".into(),
            display_name: "Nguyễn Văn A".into(),
            password: "kY7-mQ2-pR9".into(),
        }]
    }

    #[test]
    fn opens_with_its_key_only() {
        let sealed = seal(&list()).unwrap();
        assert!(!sealed.sealed.contains("kY7"), "not readable as stored");
        assert_eq!(open(&sealed.key, &sealed.sealed), Some(list()));
        let other = seal(&list()).unwrap();
        assert_eq!(open(&other.key, &sealed.sealed), None);
        assert_eq!(open("", &sealed.sealed), None);
        assert_eq!(open(&sealed.key, "tampered"), None);
        let mut bytes = B64.decode(&sealed.sealed).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(open(&sealed.key, &B64.encode(bytes)), None);
    }

    #[test]
    fn the_key_is_found_among_cookies() {
        assert_eq!(key_of("a=1; dangbo_once=abc; b=2"), Some("abc"));
        assert_eq!(key_of("dangbo_once="), None);
        assert_eq!(key_of("dangbo_session=x"), None);
        assert!(key_cookie("k", KEY_MAX_AGE, true).ends_with("; Secure"));
    }
}
