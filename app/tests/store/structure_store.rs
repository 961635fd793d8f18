//! Structural changes on SQLite and PostgreSQL: counts before and after,
//! history kept, the tree as of a date, previews that write nothing.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::structure::{Change, MergeTarget, SplitPart};
use app::domain::*;
use app::store::DynStore;
use app::store::model::*;

async fn admitted_in(store: &DynStore, code: &str, year: i32) -> i64 {
    let u = store.unit_by_code(code).await.unwrap().unwrap();
    store.unit_summary(&u, year).await.unwrap().admitted_in_year
}

async fn members_of(store: &DynStore, code: &str) -> i64 {
    let u = store.unit_by_code(code).await.unwrap().unwrap();
    let s = store.unit_summary(&u, 2021).await.unwrap();
    s.members_total()
}

#[tokio::test]
async fn a_merge_keeps_every_member_and_the_history() {
    on_both(|store, backend| async move {
        store
            .load_dataset(&small_bloc_with_parents(), "test")
            .await
            .unwrap();
        let merge = Change::Merge {
            sources: vec!["C1.2".into()],
            into: MergeTarget::Existing("C1.1".into()),
        };
        // A preview says what would happen and writes nothing.
        let preview = apply_change(&store, merge.clone(), false).await;
        assert_eq!((preview.members_moved, preview.units_closed.len()), (4, 1));
        assert_eq!(members_of(&store, "C1.2").await, 4, "{backend:?}");
        let audit_before = store.counts().await.unwrap().audit_log;

        let done = apply_change(&store, merge, true).await;
        assert_eq!(done, preview);
        assert_eq!((done.members_before, done.members_after), (12, 12));
        assert_eq!(members_of(&store, "C1.1").await, 9, "{backend:?}");
        // C1.2's member admitted in 2019 now counts in C1.1's admissions.
        assert_eq!(admitted_in(&store, "C1.1", 2019).await, 1);
        assert_eq!(members_of(&store, "C1").await, 9);
        assert_eq!(members_of(&store, "B").await, 12);
        assert_eq!(store.counts().await.unwrap().audit_log, audit_before + 1);
        // C1.2 is closed, still readable, with its event; the chart of
        // today has one cell under C1, the chart of 2021-01-01 two.
        let closed = store.unit_by_code("C1.2").await.unwrap().unwrap();
        assert_eq!(closed.valid_to, Some(d(2021, 3, 1)));
        let history = store.unit_history(closed.id, 200).await.unwrap();
        assert_eq!(history[0].kind, UnitEventKind::Merge);
        assert_eq!(history[0].related.as_ref().unwrap().code, "C1.1");
        let today = store.org_level(Some(2), None, None, 50).await.unwrap();
        assert_eq!(today.nodes.len(), 1);
        let before = store
            .org_level(Some(2), Some(d(2021, 1, 1)), None, 50)
            .await
            .unwrap();
        assert_eq!(before.nodes.len(), 2);
        let moved = before.nodes.iter().find(|n| n.code == "C1.2").unwrap();
        // As of a date, exemption is not known: full or probationary by the dates.
        assert_eq!(moved.full_members + moved.probationary_members, 4);
        // The moved members' history shows both cells.
        let profile = store.member_profile(6).await.unwrap().unwrap();
        assert_eq!(profile.cell.code, "C1.1");
        assert_eq!(profile.memberships.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn merging_committees_into_a_new_one_moves_their_cells() {
    on_both(|store, backend| async move {
        let mut data = small_bloc_with_parents();
        data.units.push(NewUnit {
            id: 6,
            parent_id: Some(1),
            kind: UnitKind::GrassrootsCommittee,
            code: "C2".into(),
            name: "Đảng bộ Sở Xây dựng".into(),
            valid_from: d(2015, 1, 1),
            valid_to: None,
        });
        store.load_dataset(&data, "test").await.unwrap();
        let done = apply_change(
            &store,
            Change::Merge {
                sources: vec!["C1".into(), "C2".into()],
                into: MergeTarget::New {
                    code: "C9".into(),
                    name: "Đảng bộ Sở mới".into(),
                },
            },
            true,
        )
        .await;
        assert_eq!(done.units_created, ["C9"]);
        assert_eq!(done.units_moved, 2, "{backend:?}");
        let c9 = store.unit_by_code("C9").await.unwrap().unwrap();
        let cells = store.org_level(Some(c9.id), None, None, 50).await.unwrap();
        assert_eq!(cells.nodes.len(), 2);
        assert_eq!(members_of(&store, "C9").await, 9);
        let cell = store.unit_by_code("C1.1").await.unwrap().unwrap();
        assert!(
            cell.path.starts_with(&c9.path),
            "{} under {}",
            cell.path,
            c9.path
        );
        assert_eq!(members_of(&store, "B").await, 12);
    })
    .await;
}

#[tokio::test]
async fn transfers_splits_statuses_and_dissolutions() {
    on_both(|store, backend| async move {
        store
            .load_dataset(&small_bloc_with_parents(), "test")
            .await
            .unwrap();
        assert_eq!(
            (
                admitted_in(&store, "C1", 2001).await,
                admitted_in(&store, "G1", 2001).await
            ),
            (1, 0)
        );
        // Member 1 is the secretary of C1.1: the position ends with the move.
        let t = apply_change(
            &store,
            Change::Transfer {
                member_id: 1,
                cell: "G1".into(),
            },
            true,
        )
        .await;
        assert_eq!((t.members_moved, t.positions_ended), (1, 1), "{backend:?}");
        assert_eq!(members_of(&store, "G1").await, 4);
        assert_eq!(members_of(&store, "C1").await, 8);
        assert_eq!(members_of(&store, "B").await, 12);
        // Admitted in 2001, they now count in G1's admissions, the bloc's unchanged.
        assert_eq!(
            (
                admitted_in(&store, "C1", 2001).await,
                admitted_in(&store, "G1", 2001).await,
                admitted_in(&store, "B", 2001).await
            ),
            (0, 1, 1)
        );

        let s = apply_change(
            &store,
            Change::Split {
                source: "C1.1".into(),
                parts: vec![SplitPart {
                    code: "C1.3".into(),
                    name: "Chi bộ Phòng Kế hoạch".into(),
                    members: vec![2, 3],
                }],
            },
            true,
        )
        .await;
        assert_eq!((s.members_moved, s.members_after), (2, 12));
        assert_eq!(members_of(&store, "C1.3").await, 2);
        assert_eq!(members_of(&store, "C1.1").await, 2);

        // Probationary member 5 becomes full; the figures follow.
        apply_change(
            &store,
            Change::SetStatus {
                member_id: 5,
                status: MemberStatus::Full,
            },
            true,
        )
        .await;
        let root = store.root_unit().await.unwrap().unwrap();
        let summary = store.unit_summary(&root, 2021).await.unwrap();
        assert_eq!(
            (summary.full_members, summary.probationary_members),
            (11, 0)
        );
        let p = store.member_profile(5).await.unwrap().unwrap();
        assert_eq!(p.full_membership_date, Some(d(2021, 3, 1)));
        // A death ends the membership; the member leaves the figures, not the records.
        let gone = apply_change(
            &store,
            Change::SetStatus {
                member_id: 4,
                status: MemberStatus::Deceased,
            },
            true,
        )
        .await;
        assert_eq!((gone.members_before, gone.members_after), (12, 11));

        // A cell with members dissolves only into another cell.
        let dis = apply_change(
            &store,
            Change::Dissolve {
                unit: "C1.3".into(),
                members_to: Some("C1.2".into()),
            },
            true,
        )
        .await;
        assert_eq!((dis.members_moved, dis.members_after), (2, 11));
        assert_eq!(members_of(&store, "C1.2").await, 6);

        // Rename and move keep the figures.
        apply_change(
            &store,
            Change::Rename {
                unit: "G1".into(),
                name: "Chi bộ Sở Tư pháp tỉnh".into(),
            },
            true,
        )
        .await;
        apply_change(
            &store,
            Change::Create {
                parent: "B".into(),
                kind: UnitKind::GrassrootsCommittee,
                code: "C3".into(),
                name: "Đảng bộ Sở Nội vụ".into(),
            },
            true,
        )
        .await;
        let mv = apply_change(
            &store,
            Change::Move {
                unit: "C1.2".into(),
                parent: "C3".into(),
            },
            true,
        )
        .await;
        assert_eq!(mv.members_after, 11);
        assert_eq!(members_of(&store, "C3").await, 6, "{backend:?}");
        assert_eq!(members_of(&store, "C1").await, 1);
        let moved = store.unit_by_code("C1.2").await.unwrap().unwrap();
        let c3 = store.unit_by_code("C3").await.unwrap().unwrap();
        assert_eq!(moved.parent_id, Some(c3.id));
        assert!(moved.path.starts_with(&c3.path));
    })
    .await;
}
