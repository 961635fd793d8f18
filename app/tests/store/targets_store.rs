//! Resolution targets on SQLite and PostgreSQL: added at the end of their
//! unit's list, changed and deleted with a version, a known indicator
//! listed once, an audit row with every write; and the organisations'
//! grades the dashboard counts below a unit.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::grading::Grade;
use app::domain::targets::{Checked, Direction, Indicator, MAX_TARGETS};
use app::store::StoreError;
use app::store::model::*;

fn spec(indicator: Indicator, title: &str, target: i64) -> Checked {
    Checked {
        indicator,
        // NFD on purpose: the store keeps NFC.
        title: unicode_nfd(title),
        measure: if indicator == Indicator::Other {
            "người".into()
        } else {
            String::new()
        },
        direction: Direction::AtLeast,
        target,
        actual: (indicator == Indicator::Other).then_some(1780),
        note: "Ghi chú".into(),
        evidence: "Báo cáo số 112-BC/ĐUK".into(),
    }
}

#[tokio::test]
async fn targets_are_listed_changed_and_deleted_with_a_version() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let a = store
            .create_target(
                2,
                2020,
                &spec(Indicator::Admissions, "", 950),
                &audit("target.create"),
            )
            .await
            .unwrap();
        let b = store
            .create_target(
                2,
                2020,
                &spec(Indicator::Other, "Bồi dưỡng quần chúng ưu tú", 1500),
                &audit("target.create"),
            )
            .await
            .unwrap();
        // Another unit's, another year's: not in this list.
        store
            .create_target(
                2,
                2021,
                &spec(Indicator::Admissions, "", 1000),
                &audit("target.create"),
            )
            .await
            .unwrap();
        store
            .create_target(
                5,
                2020,
                &spec(Indicator::Admissions, "", 10),
                &audit("target.create"),
            )
            .await
            .unwrap();

        let list = store.targets(2, 2020).await.unwrap();
        assert_eq!(
            list.iter().map(|t| t.id).collect::<Vec<_>>(),
            [a, b],
            "{backend:?}"
        );
        assert_eq!(list.iter().map(|t| t.position).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(list[1].spec.title, "Bồi dưỡng quần chúng ưu tú");
        assert_eq!(list[1].spec.actual, Some(1780));
        assert_eq!(list[1].spec.measure, "người");
        assert_eq!(list[0].version, 1);

        let head = store.target(b).await.unwrap().unwrap();
        assert_eq!(head.unit_id, 2);
        assert_eq!(
            head.unit_path,
            store.unit_by_id(2).await.unwrap().unwrap().path
        );
        assert_eq!(head.unit_kind, app::domain::UnitKind::GrassrootsCommittee);

        // A known indicator is listed once per unit and year.
        let twice = store
            .create_target(
                2,
                2020,
                &spec(Indicator::Admissions, "", 1),
                &audit("target.create"),
            )
            .await;
        assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
        let changed_into_twice = store
            .update_target(
                b,
                1,
                &spec(Indicator::Admissions, "", 1),
                &audit("target.update"),
            )
            .await;
        assert!(
            matches!(changed_into_twice, Err(StoreError::Conflict)),
            "{changed_into_twice:?}"
        );

        // Changes carry the version; a stale one changes nothing.
        let mut changed = spec(Indicator::Other, "Bồi dưỡng quần chúng ưu tú", 1600);
        changed.actual = None;
        changed.direction = Direction::AtMost;
        assert_eq!(
            store
                .update_target(b, 1, &changed, &audit("target.update"))
                .await
                .unwrap(),
            2
        );
        let stale = store
            .update_target(
                b,
                1,
                &spec(Indicator::Other, "Khác", 1),
                &audit("target.update"),
            )
            .await;
        assert!(matches!(stale, Err(StoreError::Conflict)), "{stale:?}");
        let missing = store
            .update_target(9999, 1, &changed, &audit("target.update"))
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
        let now = store.target(b).await.unwrap().unwrap().target;
        assert_eq!(
            (now.spec.target, now.spec.actual, now.spec.direction),
            (1600, None, Direction::AtMost)
        );
        assert_eq!(now.version, 2);

        // Deleting checks the version too.
        let stale = store.delete_target(b, 1, &audit("target.delete")).await;
        assert!(matches!(stale, Err(StoreError::Conflict)), "{stale:?}");
        store
            .delete_target(b, 2, &audit("target.delete"))
            .await
            .unwrap();
        assert!(store.target(b).await.unwrap().is_none());
        let gone = store.delete_target(b, 2, &audit("target.delete")).await;
        assert!(matches!(gone, Err(StoreError::NotFound)), "{gone:?}");
        // A new one goes at the end, after what is left.
        let c = store
            .create_target(
                2,
                2020,
                &spec(Indicator::GoodModels, "", 50),
                &audit("target.create"),
            )
            .await
            .unwrap();
        let list = store.targets(2, 2020).await.unwrap();
        assert_eq!(
            list.iter().map(|t| (t.id, t.position)).collect::<Vec<_>>(),
            [(a, 1), (c, 2)]
        );

        // Every write left its audit row on the target's unit.
        let log = store
            .audit_entries(
                &AuditFilter {
                    action: Some("target.".into()),
                    ..Default::default()
                },
                None,
                100,
            )
            .await
            .unwrap();
        assert_eq!(log.len(), 7, "{backend:?}: {log:?}");
        assert!(log.iter().all(|e| e.entity == "target"));
    })
    .await;
}

#[tokio::test]
async fn a_list_holds_at_most_its_limit() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        for i in 0..MAX_TARGETS {
            store
                .create_target(
                    5,
                    2020,
                    &spec(Indicator::Other, &format!("Chỉ tiêu {i}"), 10),
                    &audit("target.create"),
                )
                .await
                .unwrap();
        }
        let full = store
            .create_target(
                5,
                2020,
                &spec(Indicator::Other, "Thêm một", 10),
                &audit("target.create"),
            )
            .await;
        assert!(
            matches!(full, Err(StoreError::Conflict)),
            "{backend:?}: {full:?}"
        );
        assert_eq!(store.targets(5, 2020).await.unwrap().len(), MAX_TARGETS);
    })
    .await;
}

#[tokio::test]
async fn organisations_are_counted_by_grade_below_a_unit() {
    on_both(|store, backend| async move {
        let mut data = small_bloc();
        for (unit_id, grade) in [
            (3, Grade::Excellent),
            (4, Grade::Completed),
            (5, Grade::Good),
            (2, Grade::Good),
        ] {
            data.unit_grades.push(NewUnitGrade {
                unit_id,
                year: 2020,
                grade,
                note: String::new(),
            });
        }
        store.load_dataset(&data, "test").await.unwrap();
        // The bloc: everything below it; the committee: its two cells, not itself.
        assert_eq!(
            store.organisation_grades(1, 2020).await.unwrap(),
            [1, 2, 1, 0],
            "{backend:?}"
        );
        assert_eq!(
            store.organisation_grades(2, 2020).await.unwrap(),
            [1, 0, 1, 0]
        );
        assert_eq!(store.organisation_grades(3, 2020).await.unwrap(), [0; 4]);
        assert_eq!(store.organisation_grades(1, 2021).await.unwrap(), [0; 4]);
        assert_eq!(store.organisation_grades(999, 2020).await.unwrap(), [0; 4]);
    })
    .await;
}
