//! The store suite, run against SQLite and PostgreSQL alike: each test gets a
//! fresh database (a temporary SQLite file; a new PostgreSQL database that is
//! dropped afterwards). PostgreSQL is found at `DANGBO_TEST_POSTGRES_URL`
//! (default: postgres://postgres@127.0.0.1:5432/postgres); when it cannot be
//! reached the PostgreSQL tests fail rather than skip.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::*;
use app::store::model::*;
use app::store::{self, Backend, DynStore, StoreError};

#[tokio::test]
async fn migrations_are_idempotent_and_start_empty() {
    on_both(|store, backend| async move {
        store.migrate().await.unwrap();
        assert_eq!(store.backend(), backend);
        store.ping().await.unwrap();
        assert_eq!(store.counts().await.unwrap(), TableCounts::default());
        assert!(store.root_unit().await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn dataset_loads_and_summaries_count_subtrees() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let counts = store.counts().await.unwrap();
        assert_eq!(
            (
                counts.units,
                counts.members,
                counts.memberships,
                counts.positions
            ),
            (5, 12, 12, 1),
            "{backend:?}"
        );
        assert_eq!(
            (counts.unit_events, counts.years, counts.audit_log),
            (1, 1, 1)
        );

        let root = store.root_unit().await.unwrap().expect("root");
        assert_eq!(
            (root.code.as_str(), root.kind, root.path.as_str()),
            ("B", UnitKind::Bloc, "/1/")
        );
        let s = store.unit_summary(&root, 2020).await.unwrap();
        assert_eq!(s.grassroots_committees, 1);
        assert_eq!(s.grassroots_cells, 1);
        assert_eq!(s.grassroots_total(), 2);
        assert_eq!(s.cells, 2);
        assert_eq!(
            (s.full_members, s.probationary_members, s.exempt_members),
            (10, 1, 1)
        );
        assert_eq!(s.members_total(), 12);
        assert_eq!(s.admitted_in_year, 1);
        assert_eq!(s.year_theme.as_deref(), Some("Chuyên đề thử"));

        // A committee's subtree holds its cells only.
        let c1 = store.unit_by_code("C1").await.unwrap().expect("C1");
        assert_eq!(c1.path, "/1/2/");
        let s = store.unit_summary(&c1, 2020).await.unwrap();
        assert_eq!((s.cells, s.grassroots_cells, s.members_total()), (2, 0, 9));
        let s = store.unit_summary(&c1, 2019).await.unwrap();
        assert_eq!((s.admitted_in_year, s.year_theme), (1, None));

        let cell = store.unit_by_code("C1.2").await.unwrap().expect("C1.2");
        let s = store.unit_summary(&cell, 2020).await.unwrap();
        assert_eq!((s.cells, s.full_members, s.exempt_members), (0, 3, 1));
        assert!(store.unit_by_code("nope").await.unwrap().is_none());
        assert_eq!(
            store.years().await.unwrap()[0].rule_set,
            GradingRuleSet::Rules2019
        );
    })
    .await;
}

/// Ids 12 and 102 share a decimal prefix: subtree ranges must not mix them.
#[tokio::test]
async fn subtree_ranges_do_not_confuse_similar_ids() {
    on_both(|store, _| async move {
        let mut data = small_bloc();
        for (id, code) in [(12, "C12"), (102, "C102")] {
            data.units.push(NewUnit {
                id,
                parent_id: Some(1),
                kind: UnitKind::GrassrootsCommittee,
                code: code.into(),
                name: code.into(),
                valid_from: d(2020, 1, 1),
                valid_to: None,
            });
        }
        data.units.push(NewUnit {
            id: 120,
            parent_id: Some(12),
            kind: UnitKind::Cell,
            code: "C12.1".into(),
            name: "x".into(),
            valid_from: d(2020, 1, 1),
            valid_to: None,
        });
        store.load_dataset(&data, "test").await.unwrap();
        let c12 = store.unit_by_code("C12").await.unwrap().unwrap();
        let c102 = store.unit_by_code("C102").await.unwrap().unwrap();
        assert_eq!(store.unit_summary(&c12, 2020).await.unwrap().cells, 1);
        assert_eq!(store.unit_summary(&c102, 2020).await.unwrap().cells, 0);
    })
    .await;
}

#[tokio::test]
async fn names_are_stored_in_nfc() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let sql = "SELECT full_name FROM members WHERE id = 1";
        let name: String = match backend {
            Backend::Sqlite => sqlx::query_scalar(sql)
                .fetch_one(store_as::<store::SqliteStore>(&store).pool())
                .await
                .unwrap(),
            Backend::Postgres => sqlx::query_scalar(sql)
                .fetch_one(store_as::<store::PgStore>(&store).pool())
                .await
                .unwrap(),
        };
        assert_eq!(name, "Trần Thanh Điền 1");
    })
    .await;
}

#[tokio::test]
async fn a_bad_dataset_writes_nothing() {
    on_both(|store, _| async move {
        // A child listed before its parent.
        let mut data = small_bloc();
        data.units.swap(1, 2);
        assert!(matches!(
            store.load_dataset(&data, "test").await,
            Err(StoreError::Invalid(_))
        ));
        // A member in a cell that does not exist: the database refuses mid-way,
        // and the transaction leaves no trace.
        let mut data = small_bloc();
        data.members[11].cell_id = 999;
        assert!(store.load_dataset(&data, "test").await.is_err());
        assert_eq!(store.counts().await.unwrap(), TableCounts::default());
        // A second load on top of a loaded one is refused.
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        assert!(matches!(
            store.load_dataset(&small_bloc(), "test").await,
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(store.counts().await.unwrap().members, 12);
    })
    .await;
}

#[tokio::test]
async fn audit_log_is_append_only() {
    on_both(|store, backend| async move {
        store
            .append_audit(&AuditEntry {
                actor_user_id: None,
                actor_label: "test".into(),
                action: "unit.rename".into(),
                entity: "unit".into(),
                entity_id: Some("B".into()),
                before: Some(serde_json::json!({"name": "A"})),
                after: Some(serde_json::json!({"name": "B"})),
                ip: Some("127.0.0.1".into()),
                unit_path: Some("/1/".into()),
            })
            .await
            .unwrap();
        assert_eq!(store.counts().await.unwrap().audit_log, 1);
        for sql in ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"] {
            let refused = match backend {
                Backend::Sqlite => sqlx::query(sql)
                    .execute(store_as::<store::SqliteStore>(&store).pool())
                    .await
                    .is_err(),
                Backend::Postgres => sqlx::query(sql)
                    .execute(store_as::<store::PgStore>(&store).pool())
                    .await
                    .is_err(),
            };
            assert!(refused, "{backend:?}: {sql} must be refused");
        }
        assert_eq!(store.counts().await.unwrap().audit_log, 1);
    })
    .await;
}

#[tokio::test]
async fn unsupported_urls_are_refused_without_leaking_passwords() {
    let err = store::connect("mysql://root:secret@localhost/db")
        .await
        .err()
        .unwrap();
    let msg = err.to_string();
    assert!(msg.contains("mysql://root:***@localhost/db"), "{msg}");
    assert!(!msg.contains("secret"));
}

/// Reaches the concrete store behind the trait object (tests only).
fn store_as<T: 'static>(store: &DynStore) -> &T {
    store
        .as_any()
        .downcast_ref::<T>()
        .expect("store of the expected backend")
}

fn entry(action: &str) -> AuditEntry {
    AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: action.into(),
        entity: "user".into(),
        entity_id: None,
        before: None,
        after: None,
        ip: Some("127.0.0.1".into()),
        unit_path: None,
    }
}

#[tokio::test]
async fn accounts_counters_and_actors() {
    use app::domain::throttle::{Counter, Scope, ThrottlePolicy};
    on_both(|store, backend| async move {
        let mut data = small_bloc();
        // An expired position grants nothing today.
        data.positions.push(NewPosition {
            member_id: 1,
            unit_id: 2,
            role: PositionRole::Secretary,
            term_label: "2015–2020".into(),
            valid_from: d(2015, 6, 1),
            valid_to: Some(d(2020, 6, 1)),
        });
        store.load_dataset(&data, "test").await.unwrap();
        let users = vec![
            NewUser {
                username: "10000001".into(),
                member_id: Some(1),
                display_name: "  Trần  Thanh Điền ".into(),
                password_hash: "h1".into(),
                is_admin: false,
                must_change_password: false,
            },
            NewUser {
                username: "QuanTri@Example.VN".into(),
                member_id: None,
                display_name: "Quản trị".into(),
                password_hash: "h2".into(),
                is_admin: true,
                must_change_password: true,
            },
        ];
        assert_eq!(
            store
                .insert_users(&users, &entry("accounts.create"))
                .await
                .unwrap(),
            2
        );

        let u = store
            .user_by_username("10000001")
            .await
            .unwrap()
            .expect("member account");
        assert_eq!(u.display_name, "Trần Thanh Điền", "{backend:?}: cleaned");
        assert_eq!(u.cell_path.as_deref(), Some("/1/2/3/"));
        let admin = store
            .user_by_username("quantri@example.vn")
            .await
            .unwrap()
            .expect("lower-cased");
        assert!(admin.is_admin && admin.must_change_password && admin.cell_path.is_none());
        assert!(store.user_by_username("nobody").await.unwrap().is_none());

        // The actor: the current secretary position only.
        let actor = store.actor(u.id, 0, d(2021, 3, 1)).await.unwrap().unwrap();
        assert_eq!(actor.scopes.len(), 1);
        assert_eq!(
            (actor.scopes[0].unit_path.as_str(), actor.scopes[0].role),
            ("/1/2/3/", PositionRole::Secretary)
        );
        // Before the term began, no position at all.
        assert!(
            store
                .actor(u.id, 0, d(2019, 1, 1))
                .await
                .unwrap()
                .unwrap()
                .scopes
                .iter()
                .all(|s| s.unit_path == "/1/2/")
        );

        // Attempts count per address, per username from it and everywhere;
        // the right password takes its attempt back.
        let policy = ThrottlePolicy::default();
        let now = chrono::Utc::now();
        let failures = |counted: Vec<(Scope, Counter)>| -> Vec<(Scope, u32)> {
            counted.into_iter().map(|(s, c)| (s, c.failures)).collect()
        };
        for _ in 0..3 {
            store
                .count_login_attempt("10000001", "10.1.2.3", &policy, now)
                .await
                .unwrap();
        }
        let counted = store
            .count_login_attempt("10000001", "10.1.2.3", &policy, now)
            .await
            .unwrap();
        assert_eq!(
            failures(counted),
            [
                (Scope::Address, 4),
                (Scope::UsernameFromAddress, 4),
                (Scope::UsernameEverywhere, 4)
            ],
            "{backend:?}"
        );
        let unknown = store
            .count_login_attempt("99999999", "10.1.2.3", &policy, now)
            .await
            .unwrap();
        assert_eq!(
            failures(unknown),
            [
                (Scope::Address, 5),
                (Scope::UsernameFromAddress, 1),
                (Scope::UsernameEverywhere, 1)
            ],
            "an unknown username counts like a known one"
        );
        store
            .record_login_success(u.id, "10000001", "10.1.2.3", &entry("auth.login"))
            .await
            .unwrap();
        let after = store
            .count_login_attempt("10000001", "10.1.2.3", &policy, now)
            .await
            .unwrap();
        assert_eq!(
            failures(after),
            [
                (Scope::Address, 5),
                (Scope::UsernameFromAddress, 1),
                (Scope::UsernameEverywhere, 4)
            ],
            "{backend:?}: the pair cleared, the others took the success back"
        );
        // A new password clears every counter of the username.
        store
            .set_password(u.id, "h1b", false, &entry("auth.password_changed"), None)
            .await
            .unwrap();
        let cleared = store
            .count_login_attempt("10000001", "10.9.9.9", &policy, now)
            .await
            .unwrap();
        assert_eq!(
            failures(cleared),
            [
                (Scope::Address, 1),
                (Scope::UsernameFromAddress, 1),
                (Scope::UsernameEverywhere, 1)
            ]
        );

        store
            .set_password(admin.id, "h3", false, &entry("auth.password_changed"), None)
            .await
            .unwrap();
        let admin = store.user_by_id(admin.id).await.unwrap().unwrap();
        assert_eq!(
            (admin.password_hash.as_str(), admin.must_change_password),
            ("h3", false)
        );
        assert!(matches!(
            store
                .set_password(9999, "x", false, &entry("x"), None)
                .await,
            Err(StoreError::NotFound)
        ));
        // A reset tells the owner, in the same transaction: nothing for an
        // account that is not there, one notice (already e-mailed) here.
        use app::store::model::{NewNotification, NoticeKind};
        let told = |user_id| NewNotification {
            user_id,
            kind: NoticeKind::PasswordReset,
            commitment_id: None,
            subject: "Quản trị".into(),
            detail: String::new(),
            link: "/doi-mat-khau".into(),
        };
        assert!(matches!(
            store
                .set_password(9999, "x", true, &entry("x"), Some((&told(9999), false)))
                .await,
            Err(StoreError::NotFound)
        ));
        store
            .set_password(
                u.id,
                "h4",
                true,
                &entry("account.reset"),
                Some((&told(u.id), true)),
            )
            .await
            .unwrap();
        let notices = store.notifications(u.id, 10).await.unwrap();
        assert_eq!(notices.len(), 1, "{backend:?}");
        assert_eq!(
            (
                notices[0].kind,
                notices[0].subject.as_str(),
                notices[0].read
            ),
            (NoticeKind::PasswordReset, "Quản trị", false)
        );
        let latest = store
            .latest_notification(u.id, NoticeKind::PasswordReset)
            .await
            .unwrap();
        assert_eq!(latest.map(|n| n.id), Some(notices[0].id));
        assert!(
            store
                .latest_notification(u.id, NoticeKind::Approved)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .user_by_id(u.id)
                .await
                .unwrap()
                .unwrap()
                .must_change_password
        );
        // Every change above wrote its audit entry (plus the dataset's).
        assert_eq!(
            store.counts().await.unwrap().audit_log,
            1 + 1 + 1 + 1 + 1 + 1
        );

        let logins = store.demo_logins().await.unwrap();
        let roles: Vec<&str> = logins.iter().map(|l| l.role.as_str()).collect();
        assert_eq!(roles, ["cell secretary", "administrator"], "{logins:?}");
    })
    .await;
}

/// Concurrent attempts on one username from one address: every count is
/// distinct (one atomic statement each), and each counter stops counting
/// once the one before it refuses.
#[tokio::test]
async fn login_attempts_count_atomically_under_concurrency() {
    use app::domain::throttle::{Scope, ThrottlePolicy};
    on_both(|store, backend| async move {
        let policy = ThrottlePolicy::default();
        let now = chrono::Utc::now();
        let attempts = (0..50).map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .count_login_attempt("10000001", "10.1.2.3", &policy, now)
                    .await
                    .unwrap()
            })
        });
        let mut seen: std::collections::HashMap<Scope, Vec<u32>> = Default::default();
        for a in attempts {
            for (scope, c) in a.await.unwrap() {
                seen.entry(scope).or_default().push(c.failures);
            }
        }
        for (scope, last) in [
            (Scope::Address, 50),
            (Scope::UsernameFromAddress, policy.address_failures),
            (Scope::UsernameEverywhere, policy.account_failures),
        ] {
            let mut counts = seen.remove(&scope).unwrap_or_default();
            counts.sort_unstable();
            assert_eq!(
                counts,
                (1..=last).collect::<Vec<_>>(),
                "{backend:?} {scope:?}"
            );
        }
    })
    .await;
}

/// The store's one-statement count follows `Counter::after_attempt` over a
/// long run of attempts spaced at random: windows end, locks come and go.
#[tokio::test]
async fn login_counting_in_sql_agrees_with_the_domain_rule() {
    use app::domain::throttle::{Counter, Scope, ThrottlePolicy};
    use chrono::Duration;
    on_both(|store, backend| async move {
        let policy = ThrottlePolicy {
            address_failures: 3,
            window: Duration::minutes(10),
            lock: Duration::minutes(4),
            ..ThrottlePolicy::default()
        };
        let rule = policy.rule(Scope::Address);
        let mut now = chrono::DateTime::from_timestamp_millis(1_600_000_000_000).unwrap();
        let mut expected = Counter::default();
        // A fixed pseudo-random walk (xorshift): the same gaps every run.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for i in 0..200 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            now += Duration::milliseconds((x % 420_000) as i64);
            expected = expected.after_attempt(now, &rule);
            let counted = store
                .count_login_attempt(&format!("u{}", i % 7), "10.0.0.9", &policy, now)
                .await
                .unwrap();
            assert_eq!(
                counted[0],
                (Scope::Address, expected),
                "{backend:?} attempt {i}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn audit_reads_are_scoped_and_filtered() {
    on_both(|store, backend| async move {
        let at = |action: &str, actor: &str, path: Option<&str>| AuditEntry {
            actor_label: actor.into(),
            unit_path: path.map(Into::into),
            ..entry(action)
        };
        for e in [
            at("auth.login", "10000001", Some("/1/2/3/")),
            at("auth.login_failed", "10000002", Some("/1/2/4/")),
            at("auth.login", "10000003", Some("/1/5/")),
            at("auth.login", "50_%x", Some("/1/12/")),
            at("dataset.load", "dangbo demo", None),
        ] {
            store.append_audit(&e).await.unwrap();
        }
        let all = AuditFilter::default();
        let read = |filter: AuditFilter, scopes: Option<Vec<String>>| {
            let store = store.clone();
            async move {
                store
                    .audit_entries(&filter, scopes.as_deref(), 100)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|r| r.actor_label)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            read(all.clone(), None).await.len(),
            5,
            "{backend:?}: no scope limit"
        );
        assert_eq!(
            read(all.clone(), Some(vec![])).await,
            Vec::<String>::new(),
            "an empty scope sees nothing"
        );
        assert_eq!(
            read(all.clone(), Some(vec!["/1/2/".into()])).await,
            ["10000002", "10000001"],
            "newest first"
        );
        assert_eq!(
            read(all.clone(), Some(vec!["/1/2/3/".into(), "/1/5/".into()])).await,
            ["10000003", "10000001"]
        );
        // '/1/1' is not a prefix match of '/1/12/'.
        assert_eq!(
            read(all.clone(), Some(vec!["/1/1/".into()])).await,
            Vec::<String>::new()
        );
        let f = |actor: Option<&str>, action: Option<&str>, unit: Option<&str>| AuditFilter {
            actor: actor.map(Into::into),
            action: action.map(Into::into),
            unit_path: unit.map(Into::into),
            ..Default::default()
        };
        assert_eq!(read(f(Some("0002"), None, None), None).await, ["10000002"]);
        // LIKE wildcards in the filter are taken literally.
        assert_eq!(read(f(Some("_%"), None, None), None).await, ["50_%x"]);
        assert_eq!(
            read(f(None, Some("auth.login_"), None), None).await,
            ["10000002"]
        );
        assert_eq!(
            read(f(None, Some("dataset."), None), None).await,
            ["dangbo demo"]
        );
        assert_eq!(
            read(f(None, None, Some("/1/5/")), Some(vec!["/1/".into()])).await,
            ["10000003"]
        );
        let today = chrono::Utc::now().date_naive();
        let dated = |from, to| AuditFilter {
            from,
            to,
            ..Default::default()
        };
        assert_eq!(read(dated(Some(today), Some(today)), None).await.len(), 5);
        assert_eq!(read(dated(today.succ_opt(), None), None).await.len(), 0);
        assert_eq!(read(dated(None, today.pred_opt()), None).await.len(), 0);
    })
    .await;
}
