//! The badge facts on SQLite and PostgreSQL: who a list reads (admitted
//! long enough ago, members still or deceased), with their periods outside
//! the Party, disciplines, marks and the highest badge awarded, and an
//! audit row with every write.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::badge::{self, BadgeKind, Discipline, Early, Gap};
use app::store::StoreError;
use app::store::badges::*;
use app::store::model::*;

#[tokio::test]
async fn badge_facts_are_read_with_the_members_they_belong_to() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let bloc = store.unit_by_id(1).await.unwrap().unwrap().path;
        // Only member 9 (admitted 1980, exempt) has been a member long enough.
        let read = store
            .badge_members(&bloc, d(1992, 12, 31), 100)
            .await
            .unwrap();
        assert_eq!(
            read.iter().map(|m| m.member_id).collect::<Vec<_>>(),
            [9],
            "{backend:?}"
        );
        assert_eq!(read[0].record.admitted, d(1980, 6, 1));
        assert_eq!(read[0].cell.code, "C1.2");
        assert!(read[0].cell_path.starts_with(&bloc));
        let on = d(2020, 9, 2);
        assert_eq!(badge::listed_for(&read[0].record, on), Some(40));
        // Read by name, the same record; members not listed by the rule
        // (admitted too late, or unknown) are not read.
        let named = store
            .badge_members_named(&[9, 1, 999_999], d(1992, 12, 31))
            .await
            .unwrap();
        assert_eq!(named.len(), 1, "{backend:?}");
        assert_eq!(
            (named[0].member_id, &named[0].record, &named[0].cell_path),
            (9, &read[0].record, &read[0].cell_path),
            "{backend:?}"
        );
        // Another committee's subtree does not hold them.
        let other = store.unit_by_id(5).await.unwrap().unwrap().path;
        assert!(
            store
                .badge_members(&other, d(1992, 12, 31), 100)
                .await
                .unwrap()
                .is_empty()
        );

        store
            .add_membership_gap(
                9,
                d(1990, 1, 1),
                d(1991, 1, 1),
                "mất liên lạc",
                &audit("membership_gap.add"),
            )
            .await
            .unwrap();
        let backwards = store
            .add_membership_gap(
                9,
                d(1991, 1, 1),
                d(1990, 1, 1),
                "",
                &audit("membership_gap.add"),
            )
            .await;
        assert!(backwards.is_err());
        store
            .add_discipline(
                9,
                d(2020, 8, 1),
                Discipline::Reprimand,
                "Khiển trách",
                &audit("discipline.add"),
            )
            .await
            .unwrap();
        store
            .set_badge_mark(9, Some(Early::SeriouslyIll), None, &audit("badge.mark"))
            .await
            .unwrap();
        let r = &store
            .badge_members(&bloc, d(1992, 12, 31), 100)
            .await
            .unwrap()[0]
            .record;
        assert_eq!(
            r.gaps,
            [Gap {
                from: d(1990, 1, 1),
                to: d(1991, 1, 1)
            }]
        );
        assert_eq!(r.disciplines, [(d(2020, 8, 1), Discipline::Reprimand)]);
        assert_eq!(r.early, Some(Early::SeriouslyIll));
        assert_eq!(badge::listed_for(r, on), None, "reprimanded in August");
        assert_eq!(
            badge::listed_for(r, d(2021, 2, 3)),
            Some(40),
            "a year early less the gap"
        );

        store
            .record_badges(
                &[NewBadge {
                    member_id: 9,
                    milestone: 40,
                    award_date: d(2021, 2, 3),
                    decision_number: "1234-QĐ/TU".into(),
                    badge_number: "HH40-000009".into(),
                    kind: BadgeKind::Award,
                    replaces: None,
                }],
                &audit("badge.record"),
            )
            .await
            .unwrap();
        store
            .set_badge_mark(9, None, None, &audit("badge.mark"))
            .await
            .unwrap();
        let r = &store
            .badge_members(&bloc, d(1992, 12, 31), 100)
            .await
            .unwrap()[0]
            .record;
        assert_eq!((r.awarded, r.early), (Some(40), None));
        assert_eq!(badge::listed_for(r, d(2021, 2, 3)), None);
        let had = store.badges_of(9).await.unwrap();
        assert_eq!(had.len(), 1);
        assert_eq!(had[0].decision_number, "1234-QĐ/TU");

        let log = store
            .audit_entries(&AuditFilter::default(), None, 100)
            .await
            .unwrap();
        let ours = log
            .iter()
            .filter(|e| {
                ["badge_mark", "discipline", "membership_gap", "badge"].contains(&e.entity.as_str())
            })
            .count();
        assert_eq!(ours, 5, "{backend:?}");
    })
    .await;
}

fn given(milestone: u32, number: &str, replaces: Option<i64>) -> NewBadge {
    NewBadge {
        member_id: 9,
        milestone,
        award_date: d(2021, 2, 3),
        decision_number: "1234-QĐ/TU".into(),
        badge_number: number.into(),
        kind: if replaces.is_some() {
            BadgeKind::Replacement
        } else {
            BadgeKind::Award
        },
        replaces,
    }
}

/// A badge reported lost is listed for replacement in its member's subtree
/// until a decision replaces it; two decisions recorded at the same moment
/// replace it once, and a badge is reported lost once.
#[tokio::test]
async fn a_lost_badge_is_replaced_once() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let bloc = store.unit_by_id(1).await.unwrap().unwrap().path;
        let other = store.unit_by_id(5).await.unwrap().unwrap().path;
        store
            .record_badges(&[given(40, "HH40-000009", None)], &audit("badge.record"))
            .await
            .unwrap();
        let id = store.badges_of(9).await.unwrap()[0].id;
        assert!(
            matches!(
                store
                    .report_lost_badge(8, id, d(2021, 2, 20), "", &audit("badge.lost"))
                    .await,
                Err(StoreError::NotFound)
            ),
            "not member 8's badge"
        );
        store
            .report_lost_badge(
                9,
                id,
                d(2021, 2, 20),
                "Mất khi chuyển nhà",
                &audit("badge.lost"),
            )
            .await
            .unwrap();
        assert!(matches!(
            store
                .report_lost_badge(9, id, d(2021, 2, 21), "", &audit("badge.lost"))
                .await,
            Err(StoreError::Conflict)
        ));
        let lost = store.lost_badges(&bloc, 100).await.unwrap();
        assert_eq!(lost.len(), 1, "{backend:?}");
        assert_eq!(
            (
                lost[0].badge_id,
                lost[0].member_id,
                lost[0].milestone,
                lost[0].lost_on
            ),
            (id, 9, 40, d(2021, 2, 20))
        );
        assert_eq!(lost[0].note, "Mất khi chuyển nhà");
        assert_eq!(lost[0].cell.code, "C1.2");
        assert!(store.lost_badges(&other, 100).await.unwrap().is_empty());

        // A replacement must name a lost badge of the same member and milestone.
        assert!(matches!(
            store
                .record_badges(&[given(30, "HH30-1", Some(id))], &audit("badge.replace"))
                .await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store
                .record_badges(
                    &[NewBadge {
                        replaces: None,
                        ..given(40, "HH40-1", Some(id))
                    }],
                    &audit("badge.replace")
                )
                .await,
            Err(StoreError::Invalid(_))
        ));
        let tasks: Vec<_> = (0..4)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .record_badges(
                            &[given(40, &format!("HH40-R{i}"), Some(id))],
                            &audit("badge.replace"),
                        )
                        .await
                })
            })
            .collect();
        let mut won = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => won += 1,
                Err(StoreError::Conflict) => {}
                Err(e) => panic!("{backend:?}: {e}"),
            }
        }
        assert_eq!(won, 1, "{backend:?}");
        assert!(store.lost_badges(&bloc, 100).await.unwrap().is_empty());
        let had = store.badges_of(9).await.unwrap();
        assert_eq!(had.len(), 2);
        assert_eq!(
            (had[0].lost_on, had[0].replaced, had[0].held()),
            (Some(d(2021, 2, 20)), true, false)
        );
        assert_eq!((had[1].kind, had[1].held()), (BadgeKind::Replacement, true));
        assert!(had[1].badge_number.starts_with("HH40-R"));
        // The replaced badge cannot be reported lost again; its replacement can.
        assert!(matches!(
            store
                .report_lost_badge(9, id, d(2021, 3, 1), "", &audit("badge.lost"))
                .await,
            Err(StoreError::Conflict)
        ));
        store
            .report_lost_badge(9, had[1].id, d(2021, 3, 1), "", &audit("badge.lost"))
            .await
            .unwrap();
        assert_eq!(
            store.lost_badges(&bloc, 100).await.unwrap()[0].badge_id,
            had[1].id
        );
    })
    .await;
}
