//! What backups need of the store, on both backends: counts and migration
//! level, whether a database holds data, one claim per scheduled period
//! among racing instances, and a failure's audit entry with a notice to every
//! enabled administrator.

use crate::support::*;
use app::domain::backup::BackupCounts;
use app::store::model::*;

fn entry(action: &str) -> AuditEntry {
    AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: action.into(),
        entity: "backup".into(),
        entity_id: None,
        before: None,
        after: None,
        ip: None,
        unit_path: None,
    }
}

fn user(username: &str, is_admin: bool) -> NewUser {
    NewUser {
        username: username.into(),
        member_id: None,
        display_name: username.into(),
        password_hash: "h".into(),
        is_admin,
        must_change_password: false,
    }
}

#[tokio::test]
async fn counts_level_and_data_of_a_database() {
    on_both(|store, backend| async move {
        assert!(
            !store.holds_data().await.unwrap(),
            "{backend:?}: migrated, empty"
        );
        assert_eq!(
            store.migration_level().await.unwrap(),
            app::store::newest_migration(backend)
        );
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        assert!(store.holds_data().await.unwrap());
        assert_eq!(
            store.backup_counts().await.unwrap(),
            BackupCounts {
                units: 5,
                members: 12,
                commitments: 0,
                audit_entries: 1
            }
        );
        assert!(store.integrity_problems().await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn of_instances_racing_for_a_period_exactly_one_claims_it() {
    on_both(|store, backend| async move {
        let racers: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .claim_backup_period(77, &format!("instance-{i}"))
                        .await
                        .unwrap()
                })
            })
            .collect();
        let mut won = 0;
        for r in racers {
            won += usize::from(r.await.unwrap());
        }
        assert_eq!(won, 1, "{backend:?}");
        assert!(!store.claim_backup_period(77, "late").await.unwrap());
        assert!(store.claim_backup_period(78, "late").await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn a_failed_backup_is_audited_and_every_enabled_administrator_told() {
    on_both(|store, backend| async move {
        store
            .insert_users(
                &[
                    user("a1", true),
                    user("a2", true),
                    user("a3", true),
                    user("m", false),
                ],
                &entry("accounts.create"),
            )
            .await
            .unwrap();
        let a3 = store.user_by_username("a3").await.unwrap().unwrap();
        store
            .set_disabled(a3.id, true, &entry("accounts.disable"))
            .await
            .unwrap();
        let before = store.backup_counts().await.unwrap().audit_entries;
        store
            .record_backup_event(
                &entry("backup.failed"),
                Some((
                    NoticeKind::BackupFailed,
                    "scheduled".into(),
                    "1614556800".into(),
                    "/quan-tri/sao-luu".into(),
                )),
            )
            .await
            .unwrap();
        assert_eq!(
            store.backup_counts().await.unwrap().audit_entries,
            before + 1
        );
        for (name, told) in [("a1", 1), ("a2", 1), ("a3", 0), ("m", 0)] {
            let u = store.user_by_username(name).await.unwrap().unwrap();
            let notes = store.notifications(u.id, 10).await.unwrap();
            assert_eq!(notes.len(), told, "{backend:?} {name}");
            if let Some(n) = notes.first() {
                assert_eq!(n.kind, NoticeKind::BackupFailed);
                assert_eq!(n.link, "/quan-tri/sao-luu");
            }
        }
        // A success is only audited.
        store
            .record_backup_event(&entry("backup.create"), None)
            .await
            .unwrap();
        let a1 = store.user_by_username("a1").await.unwrap().unwrap();
        assert_eq!(store.notifications(a1.id, 10).await.unwrap().len(), 1);
    })
    .await;
}
