//! Staff passwords: Argon2id in a self-describing PHC string (m = 19 MiB, t = 2, p = 1).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// OWASP's minimum for Argon2id: 19 MiB of memory, two passes, one lane.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

fn hasher() -> Option<Argon2<'static>> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).ok()?;
    Some(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password with a caller-supplied random salt (16 bytes).
pub fn hash_password(password: &str, salt: [u8; 16]) -> Option<String> {
    let salt = SaltString::encode_b64(&salt).ok()?;
    let hash = hasher()?.hash_password(password.as_bytes(), &salt).ok()?;
    Some(hash.to_string())
}

/// Checks a password against a stored PHC string; a malformed string never verifies.
pub fn verify_password(phc: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    // Verify with the parameters recorded in the string, so stronger ones can be rolled out.
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let phc = hash_password("correct horse", [3; 16]).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password(&phc, "correct horse"));
        assert!(!verify_password(&phc, "correct horse "));
        assert!(!verify_password("not a phc string", "correct horse"));
    }
}
