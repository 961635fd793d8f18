//! Backups and restore: consistent under writes, refused when damaged or
//! newer, never over data unasked, retention as it says, one scheduled
//! backup per period among instances, a backup before a merger that a
//! restore undoes, and the administrators' page and download.

use crate::support::{SameSite, client, fresh_postgres, logged_in, page, start_configured};
use app::domain::backup::{BackupCounts, BackupKind, Manifest, Retention, file_name};
use app::domain::commitment::CommitmentState;
use app::store::model::{AuditEntry, AuditFilter, CommitmentChange, CommitmentWrite};
use app::store::{DynStore, SqliteStore};
use server::backup::schedule::{Backups, Requester};
use server::backup::{BackupError, archive};
use server::commands;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("dangbo.sqlite3").display())
}

async fn demo_store(dir: &Path) -> (DynStore, String) {
    let url = sqlite_url(dir);
    let store = commands::open(&url).await.unwrap();
    assert!(commands::load_demo_if_empty(&store).await.unwrap());
    (store, url)
}

fn config(dir: &Path, url: &str, instance: &str) -> Backups {
    Backups {
        dir: dir.to_path_buf(),
        url: url.to_string(),
        every: Some(app::domain::backup::Every::DAILY),
        retention: Retention::default(),
        instance: instance.into(),
    }
}

fn by() -> Requester {
    Requester {
        user_id: None,
        label: "test".into(),
        ip: None,
    }
}

fn audit(action: &str) -> AuditEntry {
    AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: action.into(),
        entity: "commitment".into(),
        entity_id: None,
        before: None,
        after: None,
        ip: None,
        unit_path: None,
    }
}

/// A draft of `member_id`'s 2021 commitment at `version` (0: the first).
fn draft(member_id: i64, version: i64, n: usize) -> CommitmentWrite {
    CommitmentWrite {
        year: 2021,
        member_id,
        expected_version: version,
        next_state: CommitmentState::Draft,
        change: CommitmentChange::Items(
            (0..6)
                .map(|section| app::domain::undertaking::Undertaking {
                    section,
                    text: format!("Bản nháp {n}, mục {section}"),
                    result: None,
                    result_note: String::new(),
                })
                .collect(),
        ),
        audit: audit("commitment.save"),
        notify: vec![],
    }
}

/// Demo members with no 2021 commitment yet.
async fn fresh_members(store: &DynStore, n: usize) -> Vec<i64> {
    let mut out = Vec::new();
    let mut id = 1;
    while out.len() < n {
        if store.member_place(id).await.unwrap().is_some()
            && store.commitment(2021, id).await.unwrap().is_none()
        {
            out.push(id);
        }
        id += 1;
    }
    out
}

#[tokio::test]
async fn a_backup_taken_during_writes_restores_every_write_acknowledged_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, url) = demo_store(dir.path()).await;
    let members = fresh_members(&store, 400).await;
    // Writers: drafts saved over and over, each acknowledged write noted.
    let acked: Arc<Mutex<Vec<(i64, i64)>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for (w, chunk) in members.chunks(100).enumerate() {
        let (store, acked, stop, chunk) =
            (store.clone(), acked.clone(), stop.clone(), chunk.to_vec());
        writers.push(tokio::spawn(async move {
            let mut versions = vec![0i64; chunk.len()];
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let i = n % chunk.len();
                let (_, version) = store
                    .apply_commitments(&[draft(chunk[i], versions[i], n * 10 + w)])
                    .await
                    .unwrap()[0];
                versions[i] = version;
                acked.lock().unwrap().push((chunk[i], version));
                n += 1;
            }
            n
        }));
    }
    while acked.lock().unwrap().len() < 200 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let before: Vec<(i64, i64)> = acked.lock().unwrap().clone();
    let backups = dir.path().join("backups");
    let taken = config(&backups, &url, "a")
        .take(&store, BackupKind::Manual, None, &by())
        .await
        .unwrap();
    let during = acked.lock().unwrap().len() - before.len();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut writes = 0;
    for w in writers {
        writes += w.await.unwrap();
    }
    assert!(during > 0, "the writers went on while the backup ran");
    assert!(writes > before.len());

    let target = tempfile::tempdir().unwrap();
    let restored_url = sqlite_url(target.path());
    let done = server::backup::restore(&taken.file.path, &restored_url, false)
        .await
        .unwrap();
    assert_eq!(done.manifest.counts, taken.file.manifest.counts);
    assert!(done.kept_aside.is_none());
    let restored = commands::open(&restored_url).await.unwrap();
    assert!(restored.integrity_problems().await.unwrap().is_empty());
    for (member_id, version) in &before {
        let c = restored.commitment(2021, *member_id).await.unwrap();
        let c = c.unwrap_or_else(|| panic!("member {member_id}'s draft is in the backup"));
        assert!(
            c.version >= *version,
            "member {member_id}: version {} restored, {version} acknowledged before the backup",
            c.version
        );
    }
    // The rows are those the manifest counted.
    assert_eq!(
        restored.backup_counts().await.unwrap(),
        taken.file.manifest.counts
    );
}

#[tokio::test]
async fn a_damaged_newer_or_misplaced_backup_is_refused_and_data_is_never_overwritten_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let (store, url) = demo_store(dir.path()).await;
    let backups = dir.path().join("backups");
    let taken = config(&backups, &url, "a")
        .take(&store, BackupKind::Manual, None, &by())
        .await
        .unwrap();
    let good = std::fs::read(&taken.file.path).unwrap();
    let manifest = archive::read_manifest(&taken.file.path).unwrap();
    assert_eq!(manifest.backend, "sqlite");
    assert_eq!(manifest.counts.members, 4521);
    assert!(manifest.migration >= 9);

    let restore_into_new = |file: std::path::PathBuf| async move {
        let target = tempfile::tempdir().unwrap();
        let url = sqlite_url(target.path());
        let result = server::backup::restore(&file, &url, false).await;
        // A refused restore leaves nothing behind: no database was made.
        if result.is_err() {
            assert!(!target.path().join("dangbo.sqlite3").exists());
        }
        result
    };
    let work = tempfile::tempdir().unwrap();
    // Truncated: the end of the database is missing.
    let truncated = work.path().join("truncated.tar.gz");
    std::fs::write(&truncated, &good[..good.len() / 2]).unwrap();
    assert!(matches!(
        restore_into_new(truncated).await,
        Err(BackupError::Damaged(_))
    ));
    // Altered: one byte in the middle of the compressed data.
    let altered = work.path().join("altered.tar.gz");
    let mut bytes = good.clone();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&altered, &bytes).unwrap();
    assert!(matches!(
        restore_into_new(altered).await,
        Err(BackupError::Damaged(_))
    ));
    // A database changed after its checksum was taken.
    let data = work.path().join("data.sqlite3");
    archive::extract_data(&taken.file.path, &data).unwrap();
    let mut db = std::fs::read(&data).unwrap();
    let last = db.len() - 100;
    db[last] ^= 1;
    std::fs::write(&data, &db).unwrap();
    let forged = work.path().join("forged.tar.gz");
    archive::write(&forged, &manifest, &data).unwrap();
    assert!(matches!(
        restore_into_new(forged).await,
        Err(BackupError::Damaged(m)) if m.contains("checksum")
    ));
    // From a newer app: refused before anything is touched.
    std::fs::remove_file(&data).unwrap();
    archive::extract_data(&taken.file.path, &data).unwrap();
    let newer = work.path().join("newer.tar.gz");
    archive::write(
        &newer,
        &Manifest {
            migration: manifest.migration + 1,
            ..manifest.clone()
        },
        &data,
    )
    .unwrap();
    let refused = restore_into_new(newer).await.unwrap_err();
    assert!(refused.to_string().contains("newer dangbo"), "{refused}");
    // Counts that do not match the database.
    let miscounted = work.path().join("miscounted.tar.gz");
    archive::write(
        &miscounted,
        &Manifest {
            counts: BackupCounts {
                members: 1,
                ..manifest.counts
            },
            ..manifest.clone()
        },
        &data,
    )
    .unwrap();
    assert!(matches!(
        restore_into_new(miscounted).await,
        Err(BackupError::Check(_))
    ));

    // Over a database with data: refused, unless --replace, which keeps it.
    store.append_audit(&audit("after.backup")).await.unwrap();
    let live_counts = store.backup_counts().await.unwrap();
    drop(store);
    let refused = server::backup::restore(&taken.file.path, &url, false).await;
    assert!(matches!(refused, Err(BackupError::NotEmpty)));
    let reopened = commands::open(&url).await.unwrap();
    assert_eq!(reopened.backup_counts().await.unwrap(), live_counts);
    drop(reopened);
    let done = server::backup::restore(&taken.file.path, &url, true)
        .await
        .unwrap();
    let aside = done.kept_aside.expect("the replaced database is kept");
    let restored = commands::open(&url).await.unwrap();
    assert_eq!(
        restored.backup_counts().await.unwrap(),
        manifest.counts,
        "the backup's rows, without the entry written after it"
    );
    let old = SqliteStore::open_file(&aside, true).await.unwrap();
    use app::store::backup::BackupStore;
    assert_eq!(old.backup_counts().await.unwrap(), live_counts);
}

#[tokio::test]
async fn retention_removes_exactly_the_backups_it_does_not_keep() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::write(&data, b"not a database: retention reads manifests only").unwrap();
    let (sha, bytes) = archive::checksum(&data).unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    // Daily at 01:00 UTC for 70 days, and three manual ones.
    let start = chrono::DateTime::parse_from_rfc3339("2021-01-01T01:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut all = Vec::new();
    let mut add = |at: chrono::DateTime<chrono::Utc>, kind: BackupKind| {
        let manifest = Manifest {
            format: app::domain::backup::FORMAT,
            app_version: "test".into(),
            backend: "sqlite".into(),
            migration: 9,
            taken_at: at,
            kind,
            reason: None,
            counts: BackupCounts::default(),
            data_file: "dangbo.sqlite3".into(),
            data_bytes: bytes,
            data_sha256: sha.clone(),
        };
        archive::write(&backups.join(file_name(at, kind)), &manifest, &data).unwrap();
        all.push((at, kind));
    };
    for d in 0..70 {
        add(start + chrono::Duration::days(d), BackupKind::Scheduled);
    }
    for h in [5, 6, 7] {
        add(start + chrono::Duration::hours(h), BackupKind::Manual);
    }
    // Something else in the folder is never touched.
    std::fs::write(backups.join("notes.txt"), b"keep me").unwrap();
    let retention = Retention {
        daily: 3,
        weekly: 2,
        monthly: 2,
        others: 1,
    };
    let removed = server::backup::prune(&backups, &retention).await.unwrap();
    let left: Vec<String> = server::backup::list(&backups)
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.name)
        .collect();
    let keep = retention.keep(&all);
    let mut want: Vec<String> = keep
        .iter()
        .map(|&i| file_name(all[i].0, all[i].1))
        .collect();
    want.sort();
    want.reverse();
    let mut got = left.clone();
    got.sort();
    got.reverse();
    assert_eq!(got, want);
    assert_eq!(removed.len() + left.len(), all.len());
    // 11, 10, 9 March (days), 7 March (the week before's Sunday), 28 Feb
    // (the month before's last), and the newest manual one.
    assert_eq!(
        got,
        [
            "dangbo-20210311-010000-scheduled.tar.gz",
            "dangbo-20210310-010000-scheduled.tar.gz",
            "dangbo-20210309-010000-scheduled.tar.gz",
            "dangbo-20210307-010000-scheduled.tar.gz",
            "dangbo-20210228-010000-scheduled.tar.gz",
            "dangbo-20210101-080000-manual.tar.gz",
        ]
    );
    assert!(backups.join("notes.txt").exists());
}

#[tokio::test]
async fn two_instances_on_postgresql_take_one_scheduled_backup_per_period_and_it_restores() {
    let (mut admin, name, url) = fresh_postgres("backup_schedule").await;
    let first = commands::open(&url).await.unwrap();
    assert!(commands::load_demo_if_empty(&first).await.unwrap());
    let second = commands::open(&url).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = config(dir.path(), &url, "instance-a");
    let b = config(dir.path(), &url, "instance-b");
    for period in [1000, 1001] {
        let (ra, rb) = tokio::join!(a.run_period(&first, period), b.run_period(&second, period));
        let taken: Vec<_> = [ra.unwrap(), rb.unwrap()].into_iter().flatten().collect();
        assert_eq!(taken.len(), 1, "period {period}: one instance takes it");
        taken.into_iter().next().unwrap().unwrap();
        // Asked again later in the period: nothing more.
        assert!(a.run_period(&first, period).await.unwrap().is_none());
    }
    // Both today: retention keeps the day's newest.
    let files = server::backup::list(dir.path()).await.unwrap();
    assert_eq!(files.len(), 1);
    assert!(files.iter().all(|f| f.manifest.backend == "postgres"
        && f.manifest.kind == BackupKind::Scheduled
        && f.manifest.counts.members == 4521));
    let entries = first
        .audit_entries(
            &AuditFilter {
                action: Some("backup.create".into()),
                ..Default::default()
            },
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(entries.len(), 2, "each backup audited once");

    // Restored into another database: the same rows.
    let (_, other_name, other_url) = fresh_postgres("backup_restore").await;
    let done = server::backup::restore(&files[0].path, &other_url, false)
        .await
        .unwrap();
    let restored = commands::open(&other_url).await.unwrap();
    assert_eq!(
        restored.backup_counts().await.unwrap(),
        done.manifest.counts
    );
    // Over it again: refused without --replace.
    assert!(matches!(
        server::backup::restore(&files[0].path, &other_url, false).await,
        Err(BackupError::NotEmpty)
    ));
    drop((first, second, restored));
    for db in [name, other_name] {
        sqlx::query(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
            .execute(&mut admin)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_merger_takes_a_backup_first_and_restoring_it_brings_the_merged_cells_back() {
    let dir = tempfile::tempdir().unwrap();
    let (store, url) = demo_store(dir.path()).await;
    let backups_dir = dir.path().join("backups");
    let cfg = Arc::new(config(&backups_dir, &url, "a"));
    let catalog = Arc::new(server::backup::web::ServerBackups::new(cfg, store.clone()));
    let keep = tempfile::tempdir().unwrap();
    let srv = start_configured(store.clone(), keep, Default::default(), |s| {
        s.backups = Some(catalog.clone())
    })
    .await;

    // The page and the files are for administrators only.
    let bloc = logged_in(&srv, "bloc standing committee member").await;
    let admin = logged_in(&srv, "administrator").await;
    let res = client()
        .get(format!("{}/quan-tri/sao-luu/tep/x.tar.gz", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = bloc
        .post(format!("{}/quan-tri/sao-luu/tao", srv.base))
        .same_site(&srv.base)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = bloc
        .post(format!("{}/api/backups", srv.base))
        .same_site(&srv.base)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    let merge = [
        ("op", "merge"),
        ("date", "2021-03-01"),
        ("units", "BVDK-02"),
        ("target", "BVDK-01"),
        ("confirm", "1"),
    ];
    let res = bloc
        .post(format!("{}/api/org/change", srv.base))
        .same_site(&srv.base)
        .form(&merge)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    assert!(
        store
            .unit_by_code("BVDK-02")
            .await
            .unwrap()
            .unwrap()
            .valid_to
            .is_some()
    );
    // The audit entry's details, read as an auditor would.
    let after: String = {
        use sqlx::Connection;
        let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query_scalar("SELECT after_json FROM audit_log WHERE action = 'structure.merge'")
            .fetch_one(&mut db)
            .await
            .unwrap()
    };
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    let backup = after["backup"]
        .as_str()
        .expect("the merger names its backup")
        .to_string();
    let files = server::backup::list(&backups_dir).await.unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, backup);
    assert_eq!(files[0].manifest.kind, BackupKind::BeforeChange);
    assert_eq!(files[0].manifest.reason.as_deref(), Some("structure.merge"));

    // The administrators' page lists it, with the warning; the file downloads
    // whole, and the download is audited.
    let html = page(&admin, &srv.base, "/quan-tri/sao-luu").await;
    assert!(html.contains(&backup), "the page lists the backup");
    assert!(html.contains("dữ liệu cá nhân"));
    assert!(html.contains("Trước khi thay đổi tổ chức"));
    let res = admin
        .get(format!("{}/quan-tri/sao-luu/tep/{backup}", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/gzip");
    let body = res.bytes().await.unwrap();
    assert_eq!(body.len() as u64, files[0].bytes);
    let res = admin
        .get(format!(
            "{}/quan-tri/sao-luu/tep/..%2Fdangbo.sqlite3",
            srv.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "only backups' names");
    let downloads = store
        .audit_entries(
            &AuditFilter {
                action: Some("backup.download".into()),
                ..Default::default()
            },
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(downloads.len(), 1);
    assert_eq!(downloads[0].entity_id.as_deref(), Some(backup.as_str()));

    // Restored (as a mistaken merger would be undone): the cell is back.
    let target = tempfile::tempdir().unwrap();
    let restored_url = sqlite_url(target.path());
    server::backup::restore(&files[0].path, &restored_url, false)
        .await
        .unwrap();
    let restored = commands::open(&restored_url).await.unwrap();
    let cell = restored.unit_by_code("BVDK-02").await.unwrap().unwrap();
    assert!(cell.valid_to.is_none(), "the merged cell is current again");

    // Started from the page: the page shows it running, then listed.
    let res = admin
        .post(format!("{}/quan-tri/sao-luu/tao", srv.base))
        .same_site(&srv.base)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection());
    for _ in 0..200 {
        if server::backup::list(&backups_dir).await.unwrap().len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let files = server::backup::list(&backups_dir).await.unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].manifest.kind, BackupKind::Manual);
}
