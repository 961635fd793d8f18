//! The Party badges due kept per subtree (`unit_badges_due`), on SQLite
//! and PostgreSQL: after a load, a mark, a discipline, a period outside the
//! Party, badges awarded, a transfer, a death and a structural change, and
//! when the next award date is another one, each unit's counts equal the
//! badge list's own rule applied to its members.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::MemberStatus;
use app::domain::badge::{self, BadgeKind, Discipline, Early};
use app::domain::structure::Change;
use app::store::badges::NewBadge;
use app::store::model::Dataset;
use app::store::{Backend, DynStore};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The small bloc with members admitted every three years from 1953.
fn veterans() -> Dataset {
    let mut data = small_bloc_with_parents();
    for m in &mut data.members {
        m.admission_date = d(1950 + (m.id as i32) * 3, 6, 1);
        m.full_membership_date = Some(d(1951 + (m.id as i32) * 3, 6, 1));
        if m.status == MemberStatus::Probationary {
            m.status = MemberStatus::Full;
        }
    }
    data
}

/// Each current unit's kept counts against the list's rule applied to the
/// members of its subtree.
async fn check(store: &DynStore, on: NaiveDate, backend: Backend, when: &str) {
    for id in 1..=5 {
        let unit = store.unit_by_id(id).await.unwrap().unwrap();
        if unit.valid_to.is_some() {
            continue;
        }
        let mut want: BTreeMap<u32, i64> = BTreeMap::new();
        for m in store
            .badge_members(&unit.path, badge::admitted_by(on), 10_000)
            .await
            .unwrap()
        {
            if let Some(milestone) = badge::listed_for(&m.record, on) {
                *want.entry(milestone).or_default() += 1;
            }
        }
        let (kept_on, kept) = store.badges_due(id).await.unwrap().expect("kept");
        assert_eq!(kept_on, on, "{backend:?} {when}: unit {id}");
        assert_eq!(
            kept,
            want.into_iter().collect::<Vec<_>>(),
            "{backend:?} {when}: unit {id}"
        );
    }
}

fn award(member_id: i64, milestone: u32) -> NewBadge {
    NewBadge {
        member_id,
        milestone,
        award_date: d(2021, 2, 3),
        decision_number: "12-QĐ/TU".into(),
        badge_number: format!("HH{milestone}-{member_id:06}"),
        kind: BadgeKind::Award,
        replaces: None,
    }
}

#[tokio::test]
async fn the_kept_badges_due_equal_the_lists_rule() {
    on_both(|store, backend| async move {
        store.load_dataset(&veterans(), "test").await.unwrap();
        let first = store.badges_due(1).await.unwrap().expect("counted on load");
        assert!(
            badge::is_award_date(first.0) && first.0 >= d(2026, 12, 1),
            "{backend:?}: the next award date from the system's day, {}",
            first.0
        );
        check(&store, first.0, backend, "loaded").await;

        // The working date moves to spring 2021: counted again, once.
        store
            .set_setting(app::store::model::WORKING_DATE, "2021-03-15")
            .await
            .unwrap();
        let on = d(2021, 5, 19);
        assert!(store.refresh_badges_due(on).await.unwrap());
        assert!(!store.refresh_badges_due(on).await.unwrap());
        check(&store, on, backend, "for 19/5/2021").await;
        // Admitted 1953 … 1986: 65, 60 … 30 years (no 35th), all listed.
        let bloc = store.badges_due(1).await.unwrap().unwrap().1;
        assert_eq!(bloc.iter().map(|(_, n)| n).sum::<i64>(), 12, "{backend:?}");
        assert_eq!(bloc.first(), Some(&(30, 2)), "{backend:?}");

        // A badge awarded takes its holder off until the next milestone.
        store
            .record_badges(&[award(12, 30), award(10, 40)], &audit("badge.record"))
            .await
            .unwrap();
        check(&store, on, backend, "awarded").await;
        let bloc = store.badges_due(1).await.unwrap().unwrap().1;
        assert_eq!(bloc.iter().map(|(_, n)| n).sum::<i64>(), 10, "{backend:?}");
        // A discipline pauses; a period outside the Party delays.
        store
            .add_discipline(
                9,
                d(2021, 1, 15),
                Discipline::Warning,
                "Cảnh cáo",
                &audit("discipline.add"),
            )
            .await
            .unwrap();
        check(&store, on, backend, "disciplined").await;
        store
            .add_membership_gap(
                8,
                d(1980, 1, 1),
                d(1985, 1, 1),
                "",
                &audit("membership_gap.add"),
            )
            .await
            .unwrap();
        check(&store, on, backend, "with a gap").await;
        // Member 1 (admitted 1953, almost 68 years) reaches 70 two years
        // early when seriously ill.
        store
            .set_badge_mark(1, Some(Early::SeriouslyIll), None, &audit("badge.mark"))
            .await
            .unwrap();
        check(&store, on, backend, "marked").await;

        apply_change(
            &store,
            Change::Transfer {
                member_id: 2,
                cell: "G1".into(),
            },
            true,
        )
        .await;
        check(&store, on, backend, "transferred").await;
        // The deceased are listed only when marked posthumous.
        apply_change(
            &store,
            Change::SetStatus {
                member_id: 3,
                status: MemberStatus::Deceased,
            },
            true,
        )
        .await;
        check(&store, on, backend, "deceased").await;
        store
            .set_badge_mark(3, Some(Early::Posthumous), None, &audit("badge.mark"))
            .await
            .unwrap();
        check(&store, on, backend, "posthumous").await;
        apply_change(
            &store,
            Change::SetStatus {
                member_id: 4,
                status: MemberStatus::Removed,
            },
            true,
        )
        .await;
        check(&store, on, backend, "removed").await;

        // A structural change counts everything again, for the next award
        // date from the working date.
        apply_change(
            &store,
            Change::Rename {
                unit: "C1.2".into(),
                name: "Chi bộ Khoa Ngoại".into(),
            },
            true,
        )
        .await;
        check(&store, on, backend, "renamed").await;
        // The next award date: counted again.
        assert!(store.refresh_badges_due(d(2021, 9, 2)).await.unwrap());
        check(&store, d(2021, 9, 2), backend, "for 2/9/2021").await;
    })
    .await;
}
