//! What the store suites share: each test runs on SQLite and on PostgreSQL,
//! with a fresh database each time (a temporary SQLite file; a new
//! PostgreSQL database that is dropped afterwards). PostgreSQL is found at `DANGBO_TEST_POSTGRES_URL`
//! (default: postgres://postgres@127.0.0.1:5432/postgres); when it cannot be
//! reached the PostgreSQL tests fail rather than skip.
#![allow(dead_code)]

use app::domain::*;
use app::store::model::*;
use app::store::{self, Backend, DynStore};
use chrono::NaiveDate;
use std::future::Future;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// A fresh store of one backend for one test.
pub struct Fresh {
    pub store: DynStore,
    _dir: Option<tempfile::TempDir>,
    pg_drop: Option<(String, String)>,
}

static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

pub async fn fresh(backend: Backend) -> Fresh {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("t.sqlite3").display());
            let store = store::connect(&url).await.expect("sqlite connects");
            store.migrate().await.expect("sqlite migrates");
            Fresh {
                store,
                _dir: Some(dir),
                pg_drop: None,
            }
        }
        Backend::Postgres => {
            use sqlx::Connection;
            let admin_url = std::env::var("DANGBO_TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
            let name = format!(
                "dangbo_t_{}_{}",
                std::process::id(),
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            );
            let mut admin = sqlx::PgConnection::connect(&admin_url)
                .await
                .expect("PostgreSQL must be reachable for the store tests");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .unwrap();
            let url = match admin_url.rsplit_once('/') {
                Some((base, _)) => format!("{base}/{name}"),
                None => panic!("bad DANGBO_TEST_POSTGRES_URL"),
            };
            let store = store::connect(&url).await.expect("postgres connects");
            store.migrate().await.expect("postgres migrates");
            Fresh {
                store,
                _dir: None,
                pg_drop: Some((admin_url, name)),
            }
        }
    }
}

impl Fresh {
    pub async fn finish(self) {
        drop(self.store);
        if let Some((admin_url, name)) = self.pg_drop {
            use sqlx::Connection;
            let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin)
                .await
                .unwrap();
        }
    }
}

pub async fn on_both<F, Fut>(test: F)
where
    F: Fn(DynStore, Backend) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let f = fresh(backend).await;
        test(f.store.clone(), backend).await;
        f.finish().await;
    }
}

/// A small bloc: one committee with two cells, one grassroots cell.
pub fn small_bloc() -> Dataset {
    let unit = |id, parent_id, kind, code: &str, name: &str| NewUnit {
        id,
        parent_id,
        kind,
        code: code.into(),
        name: name.into(),
        valid_from: d(2020, 2, 24),
        valid_to: None,
    };
    let mut data = Dataset {
        units: vec![
            unit(1, None, UnitKind::Bloc, "B", "Đảng bộ Khối thử"),
            unit(
                2,
                Some(1),
                UnitKind::GrassrootsCommittee,
                "C1",
                "Đảng bộ Sở Y tế",
            ),
            unit(3, Some(2), UnitKind::Cell, "C1.1", "Chi bộ Văn phòng"),
            unit(4, Some(2), UnitKind::Cell, "C1.2", "Chi bộ Khoa Nội"),
            unit(
                5,
                Some(1),
                UnitKind::GrassrootsCell,
                "G1",
                "Chi bộ Sở Tư pháp",
            ),
        ],
        years: vec![NewYear::with_defaults(2020, "Chuyên đề thử").unwrap()],
        ..Default::default()
    };
    // cell 3: 4 full + 1 probationary (admitted 2020); cell 4: 3 full + 1 exempt; cell 5: 3 full
    let plan: &[(i64, MemberStatus, i32)] = &[
        (3, MemberStatus::Full, 2001),
        (3, MemberStatus::Full, 2005),
        (3, MemberStatus::Full, 2010),
        (3, MemberStatus::Full, 2015),
        (3, MemberStatus::Probationary, 2020),
        (4, MemberStatus::Full, 1999),
        (4, MemberStatus::Full, 2003),
        (4, MemberStatus::Full, 2019),
        (4, MemberStatus::Exempt, 1980),
        (5, MemberStatus::Full, 2008),
        (5, MemberStatus::Full, 2012),
        (5, MemberStatus::Full, 2018),
    ];
    for (i, (cell, status, admitted)) in plan.iter().enumerate() {
        let id = i as i64 + 1;
        data.members.push(NewMember {
            id,
            card_number: format!("{:08}", 10_000_000 + id),
            record_number: format!("T-{id}"),
            // NFD on purpose: the store must keep NFC.
            full_name: unicode_nfd(&format!("Trần Thanh Điền {id}")),
            gender: Gender::Male,
            birth_date: d(1970, 1, 1),
            admission_date: d(*admitted, 6, 1),
            full_membership_date: (*status != MemberStatus::Probationary)
                .then(|| d(admitted + 1, 6, 1)),
            status: *status,
            cell_id: *cell,
            job_title: "Chuyên viên".into(),
            workplace: "Sở".into(),
            phone: "0912345678".into(),
            email: String::new(),
        });
        data.memberships.push(NewMembership {
            member_id: id,
            unit_id: *cell,
            valid_from: d(*admitted, 6, 1),
            valid_to: None,
        });
    }
    data.positions.push(NewPosition {
        member_id: 1,
        unit_id: 3,
        role: PositionRole::Secretary,
        term_label: "2020–2025".into(),
        valid_from: d(2020, 5, 1),
        valid_to: None,
    });
    data.unit_events.push(NewUnitEvent {
        unit_id: 1,
        kind: UnitEventKind::Create,
        date: d(2020, 2, 24),
        related_unit_id: None,
        note: "Hợp nhất".into(),
    });
    data
}

/// [`small_bloc`] with its dated parent links (structural changes need them).
pub fn small_bloc_with_parents() -> Dataset {
    let mut data = small_bloc();
    for u in &data.units {
        if let Some(parent_id) = u.parent_id {
            data.unit_parents.push(NewUnitParent {
                unit_id: u.id,
                parent_id,
                valid_from: u.valid_from,
                valid_to: None,
            });
        }
    }
    data
}

/// Checks a structural change of 1 March 2021 against the rules (none may
/// refuse it), then applies it, or previews it when `commit` is false.
pub async fn apply_change(
    store: &DynStore,
    change: app::domain::structure::Change,
    commit: bool,
) -> app::domain::structure::Outcome {
    use app::domain::structure::{Dated, check, named, new_codes};
    let dated = Dated {
        change,
        date: d(2021, 3, 1),
    };
    let (units, members) = named(&dated.change);
    let (unit_facts, member_facts, taken) = store
        .structure_facts(&units, &members, &new_codes(&dated.change))
        .await
        .unwrap();
    let problems = check(&dated, d(2026, 1, 1), &unit_facts, &member_facts, &taken);
    assert!(problems.is_empty(), "{problems:?}");
    let entry = AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: "structure.change".into(),
        entity: "unit".into(),
        entity_id: None,
        before: None,
        after: None,
        ip: None,
        unit_path: Some("/1/".into()),
    };
    store.apply_structure(&dated, &entry, commit).await.unwrap()
}

pub fn unicode_nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

/// An audit entry for a store write under test: the store fills in the
/// entity, its id and (where it knows it) the unit.
pub fn audit(action: &str) -> AuditEntry {
    AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: action.into(),
        entity: String::new(),
        entity_id: None,
        before: None,
        after: Some(serde_json::json!({})),
        ip: None,
        unit_path: None,
    }
}
