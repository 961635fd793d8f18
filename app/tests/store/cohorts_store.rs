//! Members by gender and age band kept per subtree (`unit_cohorts`), on
//! SQLite and PostgreSQL: after a load, a transfer, a death, an exemption
//! and a structural change, and when the year they are reckoned in turns,
//! each unit's cohorts equal a direct count of its members; so do the
//! probationary members kept by admission day (`unit_probations`).
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::cohort::Cohorts;
use app::domain::org::path_ids;
use app::domain::structure::Change;
use app::domain::{Gender, MemberStatus};
use app::store::model::Dataset;
use app::store::{Backend, DynStore};
use chrono::Datelike;
use std::collections::HashMap;

/// The small bloc with men and women born from 1950 to 1994.
fn people() -> Dataset {
    let mut data = small_bloc_with_parents();
    for m in &mut data.members {
        m.gender = if m.id % 3 == 0 {
            Gender::Female
        } else {
            Gender::Male
        };
        m.birth_date = d(1950 + (m.id as i32) * 4, 3, 1);
    }
    data
}

/// Each unit's cohorts counted from the members as they stand: (gender,
/// birth date, status, cell) per member id.
async fn check(
    store: &DynStore,
    members: &HashMap<i64, (Gender, chrono::NaiveDate, MemberStatus, i64)>,
    year: i32,
    backend: Backend,
    when: &str,
) {
    let mut want: HashMap<i64, Cohorts> = HashMap::new();
    for id in 1..=5 {
        want.insert(
            id,
            Cohorts {
                year,
                ..Cohorts::default()
            },
        );
    }
    for (gender, born, status, cell) in members.values() {
        if !status.is_active() {
            continue;
        }
        let cell = store.unit_by_id(*cell).await.unwrap().unwrap();
        for id in path_ids(&cell.path) {
            want.entry(id)
                .or_insert(Cohorts {
                    year,
                    ..Cohorts::default()
                })
                .add(*gender, born.year(), 1);
        }
    }
    // Probations kept by admission day: all of them by a far day, none
    // before the earliest admission.
    let mut probations: HashMap<i64, i64> = HashMap::new();
    for (_, _, status, cell) in members.values() {
        if *status == MemberStatus::Probationary {
            let cell = store.unit_by_id(*cell).await.unwrap().unwrap();
            for id in path_ids(&cell.path) {
                *probations.entry(id).or_default() += 1;
            }
        }
    }
    for id in 1..=5 {
        let unit = store.unit_by_id(id).await.unwrap().unwrap();
        if unit.valid_to.is_some() {
            continue;
        }
        let far = chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
        assert_eq!(
            store.probation_due(id, far).await.unwrap(),
            probations.get(&id).copied().unwrap_or(0),
            "{backend:?} {when}: probations of unit {id}"
        );
        let early = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        assert_eq!(store.probation_due(id, early).await.unwrap(), 0);
    }
    for (id, c) in want {
        if store
            .unit_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .valid_to
            .is_some()
        {
            continue;
        }
        assert_eq!(
            store.cohorts(id).await.unwrap(),
            c,
            "{backend:?} {when}: unit {id}"
        );
    }
}

#[tokio::test]
async fn the_kept_cohorts_equal_a_direct_count() {
    on_both(|store, backend| async move {
        let data = people();
        let mut members: HashMap<i64, _> = data
            .members
            .iter()
            .map(|m| (m.id, (m.gender, m.birth_date, m.status, m.cell_id)))
            .collect();
        store.load_dataset(&data, "test").await.unwrap();
        let year = store.cohorts(1).await.unwrap().year;
        assert!(
            year >= 2026,
            "{backend:?}: reckoned in the system's year, {year}"
        );
        check(&store, &members, year, backend, "loaded").await;
        let bloc = store.cohorts(1).await.unwrap();
        assert_eq!(
            (bloc.male, bloc.female, bloc.total()),
            (8, 4, 12),
            "{backend:?}"
        );

        // The year turns (or the working date is set): counted again.
        assert!(store.refresh_cohorts(2021).await.unwrap());
        assert!(!store.refresh_cohorts(2021).await.unwrap());
        check(&store, &members, 2021, backend, "reckoned in 2021").await;
        // Born 1954 … 1998: in 2021 aged 67 down to 23.
        assert_eq!(
            store.cohorts(1).await.unwrap().bands,
            [2, 3, 2, 3, 2],
            "{backend:?}"
        );

        apply_change(
            &store,
            Change::Transfer {
                member_id: 2,
                cell: "G1".into(),
            },
            true,
        )
        .await;
        members.get_mut(&2).unwrap().3 = 5;
        check(&store, &members, 2021, backend, "transferred").await;

        apply_change(
            &store,
            Change::SetStatus {
                member_id: 6,
                status: MemberStatus::Deceased,
            },
            true,
        )
        .await;
        members.get_mut(&6).unwrap().2 = MemberStatus::Deceased;
        check(&store, &members, 2021, backend, "deceased").await;

        apply_change(
            &store,
            Change::SetStatus {
                member_id: 8,
                status: MemberStatus::Exempt,
            },
            true,
        )
        .await;
        members.get_mut(&8).unwrap().2 = MemberStatus::Exempt;
        check(&store, &members, 2021, backend, "exempt").await;

        // The probationary member moves, then becomes a full member.
        apply_change(
            &store,
            Change::Transfer {
                member_id: 5,
                cell: "G1".into(),
            },
            true,
        )
        .await;
        members.get_mut(&5).unwrap().3 = 5;
        check(&store, &members, 2021, backend, "probationary transferred").await;
        apply_change(
            &store,
            Change::SetStatus {
                member_id: 5,
                status: MemberStatus::Full,
            },
            true,
        )
        .await;
        members.get_mut(&5).unwrap().2 = MemberStatus::Full;
        check(&store, &members, 2021, backend, "full member").await;

        // A structural change counts everything again, in the year kept.
        apply_change(
            &store,
            Change::Rename {
                unit: "C1.2".into(),
                name: "Chi bộ Khoa Ngoại".into(),
            },
            true,
        )
        .await;
        check(&store, &members, 2021, backend, "renamed").await;
    })
    .await;
}
