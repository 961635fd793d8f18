//! Import of units and members, on SQLite and PostgreSQL: a checked batch is
//! written whole (units with their paths and links, members with their
//! memberships and name words, the figures, the audit entry) or not at all.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::import::{Batch, Existing, MemberRow, Sheet, UnitRow, check, lookups, read};
use app::domain::import::{RawCell, RawSheet};
use app::domain::*;
use app::store::DynStore;
use app::store::model::AuditEntry;

fn today() -> chrono::NaiveDate {
    d(2021, 2, 15)
}

fn audit() -> AuditEntry {
    AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: "import.apply".into(),
        entity: "import".into(),
        entity_id: Some("test.csv".into()),
        before: None,
        after: Some(serde_json::json!({ "rows": 3 })),
        ip: None,
        unit_path: Some("/1/".into()),
    }
}

fn sheet(s: Sheet, rows: &[Vec<&str>]) -> RawSheet {
    RawSheet {
        name: s.title_vi().into(),
        headers: s
            .fields()
            .iter()
            .map(|f| f.header_vi().to_string())
            .collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                (
                    i as u32 + 2,
                    r.iter().map(|c| RawCell::Text(c.to_string())).collect(),
                )
            })
            .collect(),
    }
}

fn member<'a>(card: &'a str, name: &'a str, cell: &'a str, status: &'a str) -> Vec<&'a str> {
    let (admitted, full) = if status == "Dự bị" {
        ("01/06/2020", "")
    } else {
        ("15/06/2005", "15/06/2006")
    };
    vec![
        card,
        "LL-9",
        name,
        "Nữ",
        "01/01/1980",
        admitted,
        full,
        status,
        cell,
        "Kế toán viên",
        "Công ty Điện lực Hậu Giang",
        "0912 345 678",
        "",
    ]
}

/// Reads, looks up and checks the sheets as the server does.
async fn checked(store: &DynStore, sheets: &[RawSheet]) -> (app::domain::import::Report, Batch) {
    let file = read(sheets, today());
    let (codes, cards) = lookups(&file);
    let existing: Existing = store.import_lookup(&codes, &cards).await.unwrap();
    check(sheets, &existing, today(), &|_, _| true)
}

/// A new grassroots committee with one cell, three members there and one in
/// an existing cell.
fn new_committee() -> Vec<RawSheet> {
    let units = sheet(
        Sheet::Units,
        &[
            vec!["DL.1", "Chi bộ Kinh doanh", "Chi bộ trực thuộc", "DL", ""],
            vec![
                "DL",
                "Đảng bộ Công ty Điện lực",
                "Đảng bộ cơ sở",
                "B",
                "01/07/2020",
            ],
        ],
    );
    // NFD on purpose: the store keeps NFC.
    let nfd = unicode_nfd("Võ Thị Ánh");
    let members = sheet(
        Sheet::Members,
        &[
            member("30000001", &nfd, "DL.1", "Chính thức"),
            member("30000002", "Lâm Văn Bảy", "DL.1", "Chính thức"),
            member("30000003", "Huỳnh Thị Cúc", "DL.1", "Dự bị"),
            member("30000004", "Đoàn Văn Dũng", "C1.1", "Chính thức"),
        ],
    );
    vec![units, members]
}

#[tokio::test]
async fn a_valid_import_adds_units_members_and_figures() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let bloc = store.root_unit().await.unwrap().unwrap();
        let before = store.unit_summary(&bloc, 2020).await.unwrap();
        let counts_before = store.counts().await.unwrap();

        let (report, batch) = checked(&store, &new_committee()).await;
        assert!(report.is_clean(), "{backend:?}: {:?}", report.errors);
        let seen = std::sync::Mutex::new(Vec::new());
        let outcome = store
            .apply_import(&batch, today(), &audit(), &|done, total| {
                seen.lock().unwrap().push((done, total))
            })
            .await
            .unwrap();
        assert_eq!((outcome.units, outcome.members), (2, 4), "{backend:?}");
        assert_eq!(seen.lock().unwrap().last(), Some(&(6, 6)));

        let after = store.unit_summary(&bloc, 2020).await.unwrap();
        assert_eq!(
            after.grassroots_committees,
            before.grassroots_committees + 1
        );
        assert_eq!(after.cells, before.cells + 1);
        assert_eq!(after.full_members, before.full_members + 3);
        assert_eq!(after.probationary_members, before.probationary_members + 1);
        assert_eq!(after.admitted_in_year, before.admitted_in_year + 1);

        // Paths, links and events of the new units.
        let committee = store.unit_by_code("DL").await.unwrap().unwrap();
        let cell = store.unit_by_code("DL.1").await.unwrap().unwrap();
        assert_eq!(committee.parent_id, Some(bloc.id));
        assert_eq!(committee.path, format!("{}{}/", bloc.path, committee.id));
        assert_eq!(cell.path, format!("{}{}/", committee.path, cell.id));
        assert_eq!(committee.valid_from, d(2020, 7, 1));
        assert_eq!(cell.valid_from, today());
        let summary = store.unit_summary(&committee, 2020).await.unwrap();
        assert_eq!(
            (
                summary.cells,
                summary.full_members,
                summary.probationary_members
            ),
            (1, 2, 1)
        );
        let level = store
            .org_level(Some(committee.id), None, None, 10)
            .await
            .unwrap();
        assert_eq!(level.nodes.len(), 1);
        assert_eq!(level.nodes[0].code, "DL.1");
        assert_eq!(level.nodes[0].full_members, 2);
        let history = store.unit_history(cell.id, 200).await.unwrap();
        assert_eq!(history.len(), 1, "{backend:?}: {history:?}");

        let counts = store.counts().await.unwrap();
        assert_eq!(counts.units, counts_before.units + 2);
        assert_eq!(counts.members, counts_before.members + 4);
        assert_eq!(counts.memberships, counts_before.memberships + 4);
        assert_eq!(counts.unit_events, counts_before.unit_events + 2);
        assert_eq!(counts.audit_log, counts_before.audit_log + 1);

        // Members are found by name without diacritics, stored in NFC.
        let hits = store.search(&["anh".to_string()], None, 10).await.unwrap();
        let names: Vec<String> = hits
            .iter()
            .filter_map(|h| match h {
                app::domain::org::SearchHit::Member { full_name, .. } => Some(full_name.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(names, vec!["Võ Thị Ánh".to_string()], "{backend:?}");
        let audit = store
            .audit_entries(
                &app::store::model::AuditFilter {
                    action: Some("import.".into()),
                    ..Default::default()
                },
                None,
                10,
            )
            .await
            .unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].unit_path.as_deref(), Some("/1/"));

        // The same file again: every code and card is now taken.
        let (again, batch) = checked(&store, &new_committee()).await;
        assert_eq!(again.units_valid + again.members_valid, 0);
        assert!(batch.is_empty());
    })
    .await;
}

#[tokio::test]
async fn an_invalid_batch_writes_nothing() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let counts_before = store.counts().await.unwrap();
        // A batch built by hand whose second member's cell does not exist:
        // the first unit and member must not stay behind.
        let (_, mut batch) = checked(&store, &new_committee()).await;
        batch.members[1].cell_code = "NOWHERE".into();
        let res = store
            .apply_import(&batch, today(), &audit(), &|_, _| {})
            .await;
        assert!(
            matches!(res, Err(app::store::StoreError::Invalid(_))),
            "{backend:?}: {res:?}"
        );
        // A unit under a kind that cannot hold it.
        let bad_parent = Batch {
            units: vec![UnitRow {
                row: 2,
                code: "X".into(),
                name: "Chi bộ lạc".into(),
                kind: UnitKind::Cell,
                parent_code: "B".into(),
                founded: None,
            }],
            ..Default::default()
        };
        let res = store
            .apply_import(&bad_parent, today(), &audit(), &|_, _| {})
            .await;
        assert!(matches!(res, Err(app::store::StoreError::Invalid(_))));
        assert_eq!(store.counts().await.unwrap(), counts_before, "{backend:?}");
        assert!(store.unit_by_code("DL").await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn a_duplicate_card_number_is_refused() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let counts_before = store.counts().await.unwrap();
        // 10000001 belongs to a member of the small bloc: the check says so…
        let sheets = vec![sheet(
            Sheet::Members,
            &[
                member("30000001", "Lâm Văn Bảy", "C1.1", "Chính thức"),
                member("10000001", "Huỳnh Thị Cúc", "C1.1", "Chính thức"),
            ],
        )];
        let (report, batch) = checked(&store, &sheets).await;
        assert_eq!(report.errors.len(), 1, "{backend:?}");
        assert_eq!(
            report.errors[0].code,
            app::domain::import::ErrorCode::ExistsInDatabase
        );
        assert_eq!(report.errors[0].row, 3);
        assert_eq!(batch.members.len(), 1);
        // …and the store refuses it even when the check is bypassed.
        let mut forced = batch.clone();
        forced.members.push(MemberRow {
            card_number: "10000001".into(),
            ..batch.members[0].clone()
        });
        let res = store
            .apply_import(&forced, today(), &audit(), &|_, _| {})
            .await;
        match res {
            Err(app::store::StoreError::Invalid(msg)) => assert!(msg.contains("10000001"), "{msg}"),
            other => panic!("{backend:?}: {other:?}"),
        }
        assert_eq!(store.counts().await.unwrap(), counts_before, "{backend:?}");
        // The valid row alone goes in.
        store
            .apply_import(&batch, today(), &audit(), &|_, _| {})
            .await
            .unwrap();
        assert_eq!(
            store.counts().await.unwrap().members,
            counts_before.members + 1
        );
    })
    .await;
}
