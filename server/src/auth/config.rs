//! Session and brute-force settings (flags or environment of `dangbo serve`).

use app::domain::throttle::ThrottlePolicy;
use chrono::Duration;

#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// Mark the session cookie `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// A session ends after this long without a request.
    pub idle: Duration,
    /// A session ends this long after the login, whatever happens.
    pub absolute: Duration,
    pub throttle: ThrottlePolicy,
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` name the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            secure_cookies: false,
            idle: Duration::minutes(60),
            absolute: Duration::hours(12),
            throttle: ThrottlePolicy::default(),
            trusted_proxies: Vec::new(),
        }
    }
}
