//! Special bodies on SQLite and PostgreSQL: set up, people added in one
//! version-checked write (members of the app and outside people), seen out
//! on a day, counted today for the unit and the units below, a member found
//! by card only within a subtree; an audit row with every write.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::body::{BodyKind, BodyRole};
use app::store::StoreError;
use app::store::bodies::NewBodyPerson;
use app::store::model::*;

fn outside(name: &str, role: BodyRole) -> NewBodyPerson {
    NewBodyPerson {
        member_id: None,
        // NFD on purpose: the store keeps NFC.
        full_name: unicode_nfd(name),
        workplace: "Báo Hậu Giang".into(),
        role,
        from: d(2020, 3, 10),
    }
}

#[tokio::test]
async fn bodies_keep_their_people_with_a_version() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let bloc = store
            .create_body(
                1,
                BodyKind::SteeringCommittee,
                "Ban Chỉ đạo 35",
                d(2020, 3, 10),
                &audit("body.create"),
            )
            .await
            .unwrap();
        let member = NewBodyPerson {
            member_id: Some(1),
            full_name: "Trần Thanh Điền 1".into(),
            workplace: "Sở".into(),
            role: BodyRole::Head,
            from: d(2020, 3, 10),
        };
        let v = store
            .add_body_people(
                bloc,
                1,
                &[member, outside("Nguyễn Văn An", BodyRole::Member)],
                &audit("body.add"),
            )
            .await
            .unwrap();
        assert_eq!(v, 2, "{backend:?}");
        let stale = store
            .add_body_people(
                bloc,
                1,
                &[outside("Lê Thị Bình", BodyRole::Member)],
                &audit("body.add"),
            )
            .await;
        assert!(matches!(stale, Err(StoreError::Conflict)), "{stale:?}");
        let missing = store
            .add_body_people(9999, 1, &[], &audit("body.add"))
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

        let people = store.body_people(bloc).await.unwrap();
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].role, BodyRole::Head, "the head first");
        assert_eq!(people[0].card_number.as_deref(), Some("10000001"));
        assert_eq!(people[1].full_name, "Nguyễn Văn An");
        assert_eq!(people[1].card_number, None);

        // Seen out on a day: listed last, no longer counted.
        let outsider = people[1].id;
        let v = store
            .end_body_person(bloc, 2, outsider, d(2021, 3, 15), &audit("body.end"))
            .await
            .unwrap();
        assert_eq!(v, 3);
        let again = store
            .end_body_person(bloc, 3, outsider, d(2021, 3, 15), &audit("body.end"))
            .await;
        assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
        let people = store.body_people(bloc).await.unwrap();
        assert_eq!(people[1].to, Some(d(2021, 3, 15)));
        let head = store.body(bloc).await.unwrap().unwrap();
        assert_eq!((head.row.people, head.row.version), (1, 3));
        assert_eq!(head.unit_id, 1);

        // Counts: the bloc's own, and the collaborators of a unit below.
        let below = store
            .create_body(
                2,
                BodyKind::Collaborators,
                "Cộng tác viên",
                d(2020, 3, 10),
                &audit("body.create"),
            )
            .await
            .unwrap();
        let three: Vec<_> = ["A", "B", "C"]
            .iter()
            .map(|n| outside(n, BodyRole::Collaborator))
            .collect();
        store
            .add_body_people(below, 1, &three, &audit("body.add"))
            .await
            .unwrap();
        let counts = store.body_counts(1).await.unwrap();
        assert_eq!((counts.own, counts.below), ([1, 0, 0, 0], [0, 0, 3, 0]));
        let counts = store.body_counts(2).await.unwrap();
        assert_eq!((counts.own, counts.below), ([0, 0, 3, 0], [0; 4]));
        assert_eq!(store.unit_bodies(1).await.unwrap().len(), 1);

        // A member is found by card within a subtree only.
        let bloc_path = store.unit_by_id(1).await.unwrap().unwrap().path;
        let g1_path = store.unit_by_id(5).await.unwrap().unwrap().path;
        assert_eq!(
            store
                .member_in_subtree(&bloc_path, "10000001")
                .await
                .unwrap()
                .map(|m| m.0),
            Some(1)
        );
        assert!(
            store
                .member_in_subtree(&g1_path, "10000001")
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .member_in_subtree(&bloc_path, "99999999")
                .await
                .unwrap()
                .is_none()
        );

        let log = store
            .audit_entries(
                &AuditFilter {
                    action: Some("body.".into()),
                    ..Default::default()
                },
                None,
                100,
            )
            .await
            .unwrap();
        assert_eq!(log.len(), 5, "{backend:?}: {log:?}");
        assert!(log.iter().all(|e| e.entity == "body"));
    })
    .await;
}
