//! Brute-force protection: after repeated failed logins an account, or an
//! address, is locked for a while. Pure rules; the store keeps the counters.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThrottlePolicy {
    /// Failures of one account before it is locked.
    pub account_failures: u32,
    /// Failures from one address within `window` before it is locked.
    pub address_failures: u32,
    /// How far back failures from an address count.
    pub window: Duration,
    /// How long a lock lasts.
    pub lock: Duration,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        ThrottlePolicy {
            account_failures: 5,
            address_failures: 20,
            window: Duration::minutes(15),
            lock: Duration::minutes(15),
        }
    }
}

/// The counter of one account or one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counter {
    pub failures: u32,
    pub window_start: Option<DateTime<Utc>>,
    pub locked_until: Option<DateTime<Utc>>,
}

impl Counter {
    /// Until when logins are refused, if they are now.
    pub fn locked_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| *until > now)
    }

    /// The counter after one more failure: counts restart when the window
    /// (or an expired lock) is over; reaching `limit` locks until now + lock.
    pub fn after_failure(self, now: DateTime<Utc>, limit: u32, policy: &ThrottlePolicy) -> Counter {
        let fresh = self
            .window_start
            .is_none_or(|start| now - start >= policy.window)
            || self.locked_until.is_some_and(|until| until <= now);
        let (failures, window_start) = if fresh {
            (1, now)
        } else {
            (self.failures + 1, self.window_start.unwrap_or(now))
        };
        Counter {
            failures,
            window_start: Some(window_start),
            locked_until: (failures >= limit).then(|| now + policy.lock),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(min: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_600_000_000, 0).unwrap() + Duration::minutes(min)
    }

    #[test]
    fn locks_at_the_limit_and_unlocks_after_the_lock() {
        let p = ThrottlePolicy::default();
        let mut c = Counter::default();
        for i in 0..4 {
            c = c.after_failure(t(i), p.account_failures, &p);
            assert_eq!(c.locked_at(t(i)), None, "failure {}", i + 1);
        }
        c = c.after_failure(t(4), p.account_failures, &p);
        assert_eq!(c.failures, 5);
        assert_eq!(c.locked_at(t(5)), Some(t(19)));
        assert_eq!(c.locked_at(t(19)), None);
        // After the lock, counting starts again.
        c = c.after_failure(t(20), p.account_failures, &p);
        assert_eq!((c.failures, c.locked_at(t(20))), (1, None));
    }

    #[test]
    fn old_failures_fall_out_of_the_window() {
        let p = ThrottlePolicy::default();
        let mut c = Counter::default();
        for i in 0..4 {
            c = c.after_failure(t(i), 5, &p);
        }
        c = c.after_failure(t(30), 5, &p);
        assert_eq!((c.failures, c.locked_at(t(30))), (1, None));
    }

    proptest::proptest! {
        #[test]
        fn never_locked_below_the_limit(gaps in proptest::collection::vec(0i64..40, 1..30)) {
            let p = ThrottlePolicy::default();
            let mut c = Counter::default();
            let mut now = 0;
            for g in gaps {
                now += g;
                c = c.after_failure(t(now), p.account_failures, &p);
                proptest::prop_assert_eq!(c.locked_at(t(now)).is_some(), c.failures >= p.account_failures);
                proptest::prop_assert!(c.failures >= 1 && c.failures <= 1 + p.account_failures * 40);
            }
        }
    }
}
