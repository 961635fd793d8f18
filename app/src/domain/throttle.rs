//! Brute-force protection: login attempts are counted, and past a limit a
//! counter locks for a while. Pure rules; the store applies the same rule
//! atomically in the database (see `store::accounts`), and its tests check
//! that it agrees with [`Counter::after_attempt`].
//!
//! Three counters see every attempt, in this order, and the first that is
//! locked refuses it before the others count it:
//! 1. the client's address (a /64 for IPv6) across all usernames;
//! 2. the username from that address: a guesser is stopped after a few tries;
//! 3. the username from everywhere, at a much higher count and for a shorter
//!    time, so that guessing from many addresses is bounded too, while no one
//!    attacking from elsewhere can keep the owner locked out for long.
//!
//! Counters are kept by the username as typed, whether or not an account has
//! it, so an unknown card number answers and locks exactly like a known one.
//! An attempt counts before the password is checked (so concurrent guesses
//! cannot slip past the limit), and a successful login takes its count back.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How many attempts one counter allows within its window, and how long it
/// then stays locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub limit: u32,
    pub window: Duration,
    pub lock: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThrottlePolicy {
    /// Failures of one username from one address before that pair locks.
    pub account_failures: u32,
    /// Failures from one address, whatever the usernames, before it locks.
    pub address_failures: u32,
    /// Failures of one username from all addresses before it locks everywhere.
    pub everywhere_failures: u32,
    /// How far back failures count.
    pub window: Duration,
    /// How long the address and the username-from-an-address stay locked.
    pub lock: Duration,
    /// How long the username stays locked everywhere.
    pub everywhere_lock: Duration,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        ThrottlePolicy {
            account_failures: 5,
            address_failures: 20,
            everywhere_failures: 100,
            window: Duration::minutes(15),
            lock: Duration::minutes(15),
            everywhere_lock: Duration::minutes(5),
        }
    }
}

/// Which counter a login attempt is counted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Address,
    UsernameFromAddress,
    UsernameEverywhere,
}

impl Scope {
    /// In the order they are consulted.
    pub const ALL: [Scope; 3] = [
        Scope::Address,
        Scope::UsernameFromAddress,
        Scope::UsernameEverywhere,
    ];

    /// The (username, address) key of the counter; an empty part stands for "any".
    pub fn key<'a>(self, username: &'a str, address: &'a str) -> (&'a str, &'a str) {
        match self {
            Scope::Address => ("", address),
            Scope::UsernameFromAddress => (username, address),
            Scope::UsernameEverywhere => (username, ""),
        }
    }
}

impl ThrottlePolicy {
    pub fn rule(&self, scope: Scope) -> Rule {
        let (limit, lock) = match scope {
            Scope::Address => (self.address_failures, self.lock),
            Scope::UsernameFromAddress => (self.account_failures, self.lock),
            Scope::UsernameEverywhere => (self.everywhere_failures, self.everywhere_lock),
        };
        Rule {
            limit: limit.max(1),
            window: self.window,
            lock,
        }
    }
}

/// One counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counter {
    pub failures: u32,
    pub window_start: Option<DateTime<Utc>>,
    pub locked_until: Option<DateTime<Utc>>,
}

impl Counter {
    /// Until when attempts are refused, if they are now.
    pub fn locked_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| *until > now)
    }

    /// The counter after one more attempt: counts restart once the window is
    /// over or a lock has expired; reaching the limit locks until now + lock; a
    /// lock in force keeps its end (attempts while locked do not extend it).
    pub fn after_attempt(self, now: DateTime<Utc>, rule: &Rule) -> Counter {
        let fresh = self.locked_at(now).is_none()
            && (self
                .window_start
                .is_none_or(|start| now - start >= rule.window)
                || self.locked_until.is_some());
        if fresh {
            return Counter {
                failures: 1,
                window_start: Some(now),
                locked_until: (rule.limit <= 1).then(|| now + rule.lock),
            };
        }
        let failures = self.failures.saturating_add(1);
        Counter {
            failures,
            window_start: self.window_start,
            locked_until: self
                .locked_at(now)
                .or_else(|| (failures >= rule.limit).then(|| now + rule.lock)),
        }
    }

    /// Whether the attempt that made this count must be refused unchecked:
    /// the limit was already reached before it.
    pub fn refuses(&self, rule: &Rule) -> bool {
        self.failures > rule.limit && self.locked_until.is_some()
    }
}

/// What counting an attempt decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Refused without checking the password: locked until then.
    Refused { until: DateTime<Utc> },
    /// The password is checked; if it is wrong, the answer is "locked until"
    /// when this attempt reached a limit.
    Checked { locks_until: Option<DateTime<Utc>> },
}

/// The verdict of an attempt from the counters after it, in [`Scope::ALL`]
/// order (as many as were counted: counting stops at the first refusal).
pub fn verdict(policy: &ThrottlePolicy, counted: &[(Scope, Counter)]) -> Verdict {
    let mut locks_until: Option<DateTime<Utc>> = None;
    for (scope, c) in counted {
        let rule = policy.rule(*scope);
        if c.refuses(&rule)
            && let Some(until) = c.locked_until
        {
            return Verdict::Refused { until };
        }
        if let Some(until) = c.locked_until {
            locks_until = Some(locks_until.map_or(until, |u| u.max(until)));
        }
    }
    Verdict::Checked { locks_until }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(min: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_600_000_000, 0).unwrap() + Duration::minutes(min)
    }

    fn pair_rule() -> Rule {
        ThrottlePolicy::default().rule(Scope::UsernameFromAddress)
    }

    #[test]
    fn locks_at_the_limit_and_unlocks_after_the_lock() {
        let r = pair_rule();
        let mut c = Counter::default();
        for i in 0..4 {
            c = c.after_attempt(t(i), &r);
            assert_eq!(c.locked_at(t(i)), None, "attempt {}", i + 1);
        }
        c = c.after_attempt(t(4), &r);
        assert_eq!(c.failures, 5);
        assert!(!c.refuses(&r), "the fifth attempt is still checked");
        assert_eq!(c.locked_at(t(5)), Some(t(19)));
        // Attempts while locked are refused and do not extend the lock.
        c = c.after_attempt(t(10), &r);
        assert!(c.refuses(&r));
        assert_eq!(c.locked_at(t(10)), Some(t(19)));
        assert_eq!(c.locked_at(t(19)), None);
        // After the lock, counting starts again.
        c = c.after_attempt(t(20), &r);
        assert_eq!((c.failures, c.locked_at(t(20))), (1, None));
    }

    #[test]
    fn old_attempts_fall_out_of_the_window() {
        let r = pair_rule();
        let mut c = Counter::default();
        for i in 0..4 {
            c = c.after_attempt(t(i), &r);
        }
        c = c.after_attempt(t(30), &r);
        assert_eq!((c.failures, c.locked_at(t(30))), (1, None));
    }

    #[test]
    fn the_first_refusing_counter_decides() {
        let p = ThrottlePolicy::default();
        let fresh = Counter::default().after_attempt(t(0), &p.rule(Scope::Address));
        let mut pair = Counter::default();
        for i in 0..5 {
            pair = pair.after_attempt(t(i), &p.rule(Scope::UsernameFromAddress));
        }
        assert_eq!(
            verdict(
                &p,
                &[(Scope::Address, fresh), (Scope::UsernameFromAddress, pair)]
            ),
            Verdict::Checked {
                locks_until: Some(t(19))
            }
        );
        let pair = pair.after_attempt(t(6), &p.rule(Scope::UsernameFromAddress));
        assert_eq!(
            verdict(
                &p,
                &[(Scope::Address, fresh), (Scope::UsernameFromAddress, pair)]
            ),
            Verdict::Refused { until: t(19) }
        );
    }

    #[test]
    fn the_lock_everywhere_is_later_and_shorter() {
        let p = ThrottlePolicy::default();
        let (pair, everywhere) = (
            p.rule(Scope::UsernameFromAddress),
            p.rule(Scope::UsernameEverywhere),
        );
        assert!(everywhere.limit >= 10 * pair.limit);
        assert!(everywhere.lock < pair.lock);
        assert_eq!(
            Scope::UsernameEverywhere.key("12345678", "1.2.3.4"),
            ("12345678", "")
        );
    }

    proptest::proptest! {
        #[test]
        fn never_locked_below_the_limit(gaps in proptest::collection::vec(0i64..40, 1..30)) {
            let r = pair_rule();
            let mut c = Counter::default();
            let mut now = 0;
            for g in gaps {
                now += g;
                let before = c;
                c = c.after_attempt(t(now), &r);
                let in_force = before.locked_at(t(now)).is_some();
                proptest::prop_assert_eq!(
                    c.locked_at(t(now)).is_some(),
                    in_force || c.failures >= r.limit
                );
                if in_force {
                    proptest::prop_assert_eq!(c.locked_until, before.locked_until);
                    proptest::prop_assert!(c.refuses(&r));
                }
            }
        }
    }
}
