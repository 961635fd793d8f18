//! Password hashing (Argon2id with the crate's recommended parameters) and
//! the rules a new password must follow.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

pub fn verify(stored_hash: &str, password: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the time of one verification when there is no account, so that
/// response times do not reveal which usernames exist.
pub fn verify_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let h = DUMMY.get_or_init(|| hash("dangbo-no-such-account").unwrap_or_default());
    let _ = verify(h, password);
}

/// Why a new password is refused (shown in the user's language by the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    TooShort,
    SameAsUsername,
    Mismatch,
    Unchanged,
}

impl Weakness {
    pub fn code(self) -> &'static str {
        match self {
            Weakness::TooShort => "ngan",
            Weakness::SameAsUsername => "trung_ten",
            Weakness::Mismatch => "khong_khop",
            Weakness::Unchanged => "khong_doi",
        }
    }
}

pub const MIN_LENGTH: usize = 8;

pub fn check_new(username: &str, current: &str, new: &str, confirm: &str) -> Result<(), Weakness> {
    if new != confirm {
        return Err(Weakness::Mismatch);
    }
    if new.chars().count() < MIN_LENGTH {
        return Err(Weakness::TooShort);
    }
    if new.eq_ignore_ascii_case(username) {
        return Err(Weakness::SameAsUsername);
    }
    if new == current {
        return Err(Weakness::Unchanged);
    }
    Ok(())
}

/// A one-time password an administrator hands over: 12 characters without
/// look-alikes (no 0/O, 1/l/I).
pub fn one_time() -> String {
    use argon2::password_hash::rand_core::RngCore;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 12];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash("mật khẩu dài").unwrap();
        let b = hash("mật khẩu dài").unwrap();
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify(&a, "mật khẩu dài"));
        assert!(!verify(&a, "mat khau dai"));
        assert!(!verify("not a hash", "x"));
    }

    #[test]
    fn new_password_rules() {
        assert_eq!(
            check_new("u", "old", "short", "short"),
            Err(Weakness::TooShort)
        );
        assert_eq!(
            check_new("u", "old", "longenough", "longenougH"),
            Err(Weakness::Mismatch)
        );
        assert_eq!(
            check_new("61012468", "old", "61012468", "61012468"),
            Err(Weakness::SameAsUsername)
        );
        assert_eq!(
            check_new("u", "samesame1", "samesame1", "samesame1"),
            Err(Weakness::Unchanged)
        );
        assert_eq!(
            check_new("u", "old", "Hậu Giang 2021", "Hậu Giang 2021"),
            Ok(())
        );
        let otp = one_time();
        assert_eq!(otp.len(), 12);
        assert!(
            otp.chars()
                .all(|c| c.is_ascii_alphanumeric() && !"0O1lI".contains(c))
        );
    }
}
