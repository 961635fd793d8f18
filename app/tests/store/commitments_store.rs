//! The commitment store on SQLite and PostgreSQL: years, a member's whole
//! cycle, stale and concurrent writes, the lists a cell and a committee work
//! from, organisations' grades, the inbox, settings, and a dataset's
//! commitments loaded with their history.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::commitment::CommitmentState;
use app::domain::grading::Grade;
use app::domain::undertaking::{Assessment, ItemResult, Undertaking};
use app::domain::year::YearConfig;
use app::domain::*;
use app::store::model::*;
use app::store::{DynStore, StoreError};
use serde_json::json;

/// The small bloc with names that sort apart (given name first), and a
/// deceased member in cell 3 who is on no list.
fn bloc() -> Dataset {
    let mut data = small_bloc();
    let names = [
        "Nguyễn Văn Hà",   // 1, cell 3, secretary
        "Trần Thị Cúc",    // 2, cell 3
        "Lê Văn An",       // 3, cell 3
        "Phạm Thị Dũng",   // 4, cell 3
        "Hoàng Văn Bình",  // 5, cell 3, probationary
        "Đỗ Văn Giang",    // 6, cell 4
        "Vũ Thị Em",       // 7, cell 4
        "Bùi Văn Khánh",   // 8, cell 4
        "Ngô Thị Lan",     // 9, cell 4, exempt
        "Đặng Văn Minh",   // 10, cell 5
        "Mai Thị Nga",     // 11, cell 5
        "Trương Văn Oanh", // 12, cell 5
    ];
    for (m, name) in data.members.iter_mut().zip(names) {
        m.full_name = name.into();
    }
    let mut gone = data.members[0].clone();
    gone.id = 13;
    gone.card_number = "10000013".into();
    gone.record_number = "T-13".into();
    gone.full_name = "Lý Văn Ất".into();
    gone.status = MemberStatus::Deceased;
    data.members.push(gone);
    data
}

/// Cell 3 ("Chi bộ Văn phòng") in name order: An, Bình, Cúc, Dũng, Hà.
const CELL_3_ORDER: [i64; 5] = [3, 5, 2, 4, 1];
/// Cell 4 ("Chi bộ Khoa Nội", before "Văn phòng"): Em, Giang, Khánh, Lan.
const CELL_4_ORDER: [i64; 4] = [7, 6, 8, 9];

fn audit(action: &str, after: serde_json::Value) -> AuditEntry {
    AuditEntry {
        actor_user_id: None,
        actor_label: "test".into(),
        action: action.into(),
        // Set by the store for commitments.
        entity: String::new(),
        entity_id: None,
        before: None,
        after: Some(after),
        ip: None,
        unit_path: None,
    }
}

fn year_audit(action: &str) -> AuditEntry {
    AuditEntry {
        entity: "year".into(),
        unit_path: Some("/1/".into()),
        ..audit(action, json!({}))
    }
}

fn item(section: usize, text: &str) -> Undertaking {
    Undertaking {
        section,
        text: text.into(),
        result: None,
        result_note: String::new(),
    }
}

/// One undertaking per section of the default form, two in the second.
fn items(tag: &str) -> Vec<Undertaking> {
    let mut v: Vec<Undertaking> = (0..6)
        .map(|s| item(s, &format!("{tag}: việc {s}")))
        .collect();
    v.insert(2, item(1, &format!("{tag}: việc 1b")));
    v
}

fn step(
    member_id: i64,
    expected_version: i64,
    next_state: CommitmentState,
    change: CommitmentChange,
    action: &str,
    after: serde_json::Value,
) -> CommitmentWrite {
    CommitmentWrite {
        year: 2020,
        member_id,
        expected_version,
        next_state,
        change,
        audit: audit(action, after),
        notify: vec![],
    }
}

async fn apply_one(store: &DynStore, w: CommitmentWrite) -> Result<(i64, i64), StoreError> {
    store.apply_commitments(&[w]).await.map(|v| v[0])
}

/// Saves and submits a member's commitment: version 2.
async fn submitted(store: &DynStore, member_id: i64) -> i64 {
    use CommitmentState::*;
    let (id, _) = apply_one(
        store,
        step(
            member_id,
            0,
            Draft,
            CommitmentChange::Items(items("a")),
            "commitment.save",
            json!({"state": "draft"}),
        ),
    )
    .await
    .unwrap();
    let (same, version) = apply_one(
        store,
        step(
            member_id,
            1,
            Submitted,
            CommitmentChange::Items(items("a")),
            "commitment.submit",
            json!({"state": "submitted"}),
        ),
    )
    .await
    .unwrap();
    assert_eq!((same, version), (id, 2));
    id
}

fn approve(member_id: i64, expected_version: i64) -> CommitmentWrite {
    step(
        member_id,
        expected_version,
        CommitmentState::Approved,
        CommitmentChange::Approve,
        "commitment.approve",
        json!({"state": "approved"}),
    )
}

async fn audit_count(store: &DynStore, action: &str) -> usize {
    let filter = AuditFilter {
        action: Some(action.into()),
        ..Default::default()
    };
    store
        .audit_entries(&filter, None, 1000)
        .await
        .unwrap()
        .len()
}

async fn add_users(store: &DynStore, members: &[i64]) -> Vec<i64> {
    let users: Vec<NewUser> = members
        .iter()
        .map(|m| NewUser {
            username: format!("{:08}", 10_000_000 + m),
            member_id: Some(*m),
            display_name: format!("Đảng viên {m}"),
            password_hash: "h".into(),
            is_admin: false,
            must_change_password: false,
        })
        .collect();
    store
        .insert_users(&users, &year_audit("accounts.create"))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for m in members {
        let u = store
            .user_by_username(&format!("{:08}", 10_000_000 + m))
            .await
            .unwrap()
            .unwrap();
        ids.push(u.id);
    }
    ids
}

#[tokio::test]
async fn years_are_created_and_updated_at_their_version() {
    on_both(|store, backend| async move {
        store.load_dataset(&bloc(), "test").await.unwrap();
        // Loaded with the dataset, as `years()` reads it.
        let y2020 = store.year(2020).await.unwrap().expect("loaded year");
        assert_eq!(
            y2020,
            YearConfig::with_defaults(2020, "Chuyên đề thử").unwrap()
        );
        assert_eq!(store.years().await.unwrap(), vec![y2020]);
        assert!(store.year(2021).await.unwrap().is_none());

        let mut y = YearConfig::with_defaults(2021, "Chuyên đề 2021").unwrap();
        y.sections = vec!["Một".into(), "Hai".into()];
        y.deadlines.filing = d(2021, 4, 15);
        store
            .save_year(&y, 0, &year_audit("year.create"))
            .await
            .unwrap();
        let read = store.year(2021).await.unwrap().unwrap();
        assert_eq!(read, y, "{backend:?}");
        assert_eq!(read.version, 1);
        // Created twice: the second is stale.
        assert!(matches!(
            store.save_year(&y, 0, &year_audit("year.create")).await,
            Err(StoreError::Conflict)
        ));

        let mut changed = read.clone();
        changed.theme = "Chuyên đề mới".into();
        changed.rule_set = GradingRuleSet::Rules2023;
        changed.deadlines.grading = d(2022, 1, 10);
        store
            .save_year(&changed, 1, &year_audit("year.update"))
            .await
            .unwrap();
        let read = store.year(2021).await.unwrap().unwrap();
        assert_eq!(read.version, 2);
        assert_eq!(
            (read.theme.as_str(), read.rule_set, read.deadlines.grading),
            ("Chuyên đề mới", GradingRuleSet::Rules2023, d(2022, 1, 10))
        );
        // A stale update changes nothing and logs nothing.
        let mut stale = read.clone();
        stale.theme = "Cũ".into();
        assert!(matches!(
            store.save_year(&stale, 1, &year_audit("year.update")).await,
            Err(StoreError::Conflict)
        ));
        assert_eq!(store.year(2021).await.unwrap().unwrap(), read);
        assert_eq!(audit_count(&store, "year.").await, 2);

        assert!(!store.year_has_commitments(2020).await.unwrap());
        submitted(&store, 2).await;
        assert!(store.year_has_commitments(2020).await.unwrap());
        assert!(!store.year_has_commitments(2021).await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn a_member_goes_through_the_whole_year() {
    use CommitmentState::*;
    on_both(|store, backend| async move {
        store.load_dataset(&bloc(), "test").await.unwrap();
        let users = add_users(&store, &[1, 2]).await;
        assert!(store.commitment(2020, 2).await.unwrap().is_none());

        let (id, v) = apply_one(
            &store,
            step(
                2,
                0,
                Draft,
                CommitmentChange::Items(vec![item(0, "nháp")]),
                "commitment.save",
                json!({"state": "draft"}),
            ),
        )
        .await
        .unwrap();
        assert_eq!(v, 1);
        let c = store.commitment(2020, 2).await.unwrap().unwrap();
        assert_eq!((c.id, c.state, c.version, c.items.len()), (id, Draft, 1, 1));
        assert!(c.submitted_at.is_none());

        let first = items("đầu");
        let (_, v) = apply_one(
            &store,
            step(
                2,
                1,
                Submitted,
                CommitmentChange::Items(first.clone()),
                "commitment.submit",
                json!({"state": "submitted"}),
            ),
        )
        .await
        .unwrap();
        assert_eq!(v, 2);
        let c = store.commitment(2020, 2).await.unwrap().unwrap();
        assert_eq!((c.state, c.version), (Submitted, 2));
        assert_eq!(c.items, first, "{backend:?}: replaced, in section order");
        assert!(c.submitted_at.is_some());

        let reason = "Việc làm chưa cụ thể";
        let mut ret = step(
            2,
            2,
            Returned,
            CommitmentChange::Return {
                reason: reason.into(),
            },
            "commitment.return",
            json!({"state": "returned", "reason": reason}),
        );
        ret.notify = vec![NewNotification {
            user_id: users[1],
            kind: NoticeKind::Returned,
            commitment_id: None,
            subject: "Trần Thị Cúc".into(),
            detail: reason.into(),
            link: "/commitments/2020".into(),
        }];
        assert_eq!(apply_one(&store, ret).await.unwrap(), (id, 3));
        let c = store.commitment(2020, 2).await.unwrap().unwrap();
        assert_eq!((c.state, c.return_reason.as_str()), (Returned, reason));
        let inbox = store.notifications(users[1], 10).await.unwrap();
        assert_eq!(inbox.len(), 1);
        assert_eq!(
            (
                inbox[0].kind.as_str(),
                inbox[0].detail.as_str(),
                inbox[0].read
            ),
            ("returned", reason, false)
        );

        let second = items("sau");
        let steps = vec![
            step(
                2,
                3,
                Draft,
                CommitmentChange::Items(second.clone()),
                "commitment.save",
                json!({"state": "draft"}),
            ),
            step(
                2,
                4,
                Submitted,
                CommitmentChange::Items(second.clone()),
                "commitment.submit",
                json!({"state": "submitted"}),
            ),
            approve(2, 5),
            step(
                2,
                6,
                MidYearReviewed,
                CommitmentChange::MidYearReview {
                    note: "Đúng tiến độ".into(),
                },
                "commitment.mid_year",
                json!({"state": "mid_year_reviewed", "note": "Đúng tiến độ"}),
            ),
        ];
        for w in steps {
            let expected = w.expected_version;
            assert_eq!(apply_one(&store, w).await.unwrap(), (id, expected + 1));
        }
        let c = store.commitment(2020, 2).await.unwrap().unwrap();
        assert_eq!(
            (c.state, c.version, c.mid_year_note.as_str()),
            (MidYearReviewed, 7, "Đúng tiến độ")
        );
        assert!(c.approved_at.is_some());

        let mut assessed = c.items.clone();
        for (i, u) in assessed.iter_mut().enumerate() {
            u.result = Some(if i == 0 {
                ItemResult::Partly
            } else {
                ItemResult::Done
            });
            u.result_note = format!("kết quả {i}");
        }
        let good = Assessment {
            grade: Grade::Good,
            points: None,
        };
        let steps = vec![
            step(
                2,
                7,
                SelfAssessed,
                CommitmentChange::SelfAssess {
                    items: assessed.clone(),
                    assessment: good,
                    note: "Tự nhận tốt".into(),
                },
                "commitment.self_assess",
                json!({"state": "self_assessed", "grade": "good", "note": "Tự nhận tốt"}),
            ),
            step(
                2,
                8,
                Proposed,
                CommitmentChange::Propose {
                    assessment: good,
                    note: "Chi bộ đề nghị".into(),
                },
                "commitment.propose",
                json!({"state": "proposed", "grade": "good", "note": "Chi bộ đề nghị"}),
            ),
            step(
                2,
                9,
                Graded,
                CommitmentChange::Decide {
                    assessment: Assessment {
                        grade: Grade::Excellent,
                        points: Some(92),
                    },
                    note: "Đảng uỷ quyết định".into(),
                },
                "commitment.decide",
                json!({"state": "graded", "grade": "excellent", "note": "Đảng uỷ quyết định"}),
            ),
        ];
        for w in steps {
            let expected = w.expected_version;
            assert_eq!(apply_one(&store, w).await.unwrap(), (id, expected + 1));
        }

        let c = store.commitment(2020, 2).await.unwrap().unwrap();
        assert_eq!(
            (c.id, c.year, c.member_id, c.state, c.version),
            (id, 2020, 2, Graded, 10)
        );
        assert_eq!(c.items, assessed, "{backend:?}: results kept in order");
        assert_eq!(
            (c.self_assessment, c.self_note.as_str()),
            (Some(good), "Tự nhận tốt")
        );
        assert_eq!(
            (c.proposed, c.proposed_note.as_str()),
            (Some(good), "Chi bộ đề nghị")
        );
        assert_eq!(
            (c.decided, c.decided_note.as_str()),
            (
                Some(Assessment {
                    grade: Grade::Excellent,
                    points: Some(92)
                }),
                "Đảng uỷ quyết định"
            )
        );
        assert_eq!(c.return_reason, reason, "the last return's reason stays");

        let history = store.commitment_history(id).await.unwrap();
        let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "commitment.save",
                "commitment.submit",
                "commitment.return",
                "commitment.save",
                "commitment.submit",
                "commitment.approve",
                "commitment.mid_year",
                "commitment.self_assess",
                "commitment.propose",
                "commitment.decide"
            ]
        );
        assert_eq!(history[2].detail.as_deref(), Some(reason));
        assert_eq!(history[6].detail.as_deref(), Some("Đúng tiến độ"));
        assert_eq!(history[0].detail, None);
        assert_eq!(history[9].grade, Some(Grade::Excellent));
        assert_eq!(history[7].grade, Some(Grade::Good));
        assert!(history.windows(2).all(|w| w[0].at <= w[1].at));
        assert!(history.iter().all(|e| e.actor_label == "test"));

        // The entries belong to the member's cell, under the commitment's id.
        let scoped = store
            .audit_entries(
                &AuditFilter {
                    unit_path: Some("/1/2/3/".into()),
                    action: Some("commitment.".into()),
                    ..Default::default()
                },
                None,
                100,
            )
            .await
            .unwrap();
        assert_eq!(scoped.len(), 10);
        assert!(
            scoped
                .iter()
                .all(|e| e.entity == "commitment" && e.entity_id == Some(id.to_string()))
        );

        // Reopened after a deadline.
        assert_eq!(
            apply_one(
                &store,
                step(
                    2,
                    10,
                    Graded,
                    CommitmentChange::Reopen {
                        until: d(2020, 12, 31)
                    },
                    "commitment.reopen",
                    json!({"state": "graded"})
                )
            )
            .await
            .unwrap(),
            (id, 11)
        );
        let c = store.commitment(2020, 2).await.unwrap().unwrap();
        assert_eq!(c.extended_to, Some(d(2020, 12, 31)));
        assert!(store.commitment(2021, 2).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn a_stale_write_changes_nothing() {
    use CommitmentState::*;
    on_both(|store, backend| async move {
        store.load_dataset(&bloc(), "test").await.unwrap();
        let users = add_users(&store, &[2]).await;
        let (id, _) = apply_one(
            &store,
            step(
                2,
                0,
                Draft,
                CommitmentChange::Items(items("a")),
                "commitment.save",
                json!({}),
            ),
        )
        .await
        .unwrap();
        let before = store.commitment(2020, 2).await.unwrap().unwrap();

        // Created again from "not started", or written at an old or future version.
        let mut stale = vec![
            step(
                2,
                0,
                Draft,
                CommitmentChange::Items(items("b")),
                "commitment.save",
                json!({}),
            ),
            step(
                2,
                2,
                Submitted,
                CommitmentChange::Items(items("b")),
                "commitment.submit",
                json!({}),
            ),
        ];
        stale[1].notify.push(NewNotification {
            user_id: users[0],
            kind: NoticeKind::Submitted,
            commitment_id: None,
            subject: String::new(),
            detail: String::new(),
            link: String::new(),
        });
        for w in stale {
            assert!(
                matches!(apply_one(&store, w).await, Err(StoreError::Conflict)),
                "{backend:?}"
            );
        }
        // A step on a commitment that does not exist is stale too.
        assert!(matches!(
            apply_one(&store, approve(3, 2)).await,
            Err(StoreError::Conflict)
        ));
        // A self-assessment that does not match the stored undertakings.
        let wrong = step(
            2,
            1,
            SelfAssessed,
            CommitmentChange::SelfAssess {
                items: vec![item(0, "chỉ một")],
                assessment: Assessment {
                    grade: Grade::Good,
                    points: None,
                },
                note: String::new(),
            },
            "commitment.self_assess",
            json!({}),
        );
        assert!(matches!(
            apply_one(&store, wrong).await,
            Err(StoreError::Invalid(_))
        ));

        assert_eq!(store.commitment(2020, 2).await.unwrap().unwrap(), before);
        assert!(store.commitment(2020, 3).await.unwrap().is_none());
        assert_eq!(store.commitment_history(id).await.unwrap().len(), 1);
        assert_eq!(store.unread_notifications(users[0]).await.unwrap(), 0);
    })
    .await;
}

#[tokio::test]
async fn several_steps_are_written_all_or_nothing() {
    on_both(|store, backend| async move {
        store.load_dataset(&bloc(), "test").await.unwrap();
        let ids = [
            submitted(&store, 1).await,
            submitted(&store, 2).await,
            submitted(&store, 3).await,
        ];

        // The third was read at an old version: none is approved.
        let writes = [approve(1, 2), approve(2, 2), approve(3, 1)];
        assert!(
            matches!(
                store.apply_commitments(&writes).await,
                Err(StoreError::Conflict)
            ),
            "{backend:?}"
        );
        for m in 1..=3 {
            let c = store.commitment(2020, m).await.unwrap().unwrap();
            assert_eq!((c.state, c.version), (CommitmentState::Submitted, 2));
            assert!(c.approved_at.is_none());
        }
        assert_eq!(audit_count(&store, "commitment.approve").await, 0);

        // Nor when a new commitment among them exists already.
        let writes = [
            approve(1, 2),
            step(
                2,
                0,
                CommitmentState::Draft,
                CommitmentChange::Items(items("x")),
                "commitment.save",
                json!({}),
            ),
        ];
        assert!(matches!(
            store.apply_commitments(&writes).await,
            Err(StoreError::Conflict)
        ));
        assert_eq!(audit_count(&store, "commitment.approve").await, 0);

        let writes = [approve(1, 2), approve(2, 2), approve(3, 2)];
        let out = store.apply_commitments(&writes).await.unwrap();
        assert_eq!(out, vec![(ids[0], 3), (ids[1], 3), (ids[2], 3)]);
        for m in 1..=3 {
            assert_eq!(
                store.commitment(2020, m).await.unwrap().unwrap().state,
                CommitmentState::Approved
            );
        }
        assert_eq!(audit_count(&store, "commitment.approve").await, 3);
        assert!(store.apply_commitments(&[]).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_two_concurrent_approvals_exactly_one_wins() {
    on_both(|store, backend| async move {
        store.load_dataset(&bloc(), "test").await.unwrap();
        let members = [1, 2, 3, 4, 5];
        for m in members {
            submitted(&store, m).await;
        }
        for m in members {
            let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(2));
            let tasks: Vec<_> = (0..2)
                .map(|_| {
                    let store = store.clone();
                    let barrier = barrier.clone();
                    tokio::spawn(async move {
                        barrier.wait().await;
                        store.apply_commitments(&[approve(m, 2)]).await
                    })
                })
                .collect();
            let mut won = 0;
            let mut lost = 0;
            for t in tasks {
                match t.await.unwrap() {
                    Ok(out) => {
                        assert_eq!(out[0].1, 3);
                        won += 1;
                    }
                    Err(StoreError::Conflict) => lost += 1,
                    Err(e) => panic!("{backend:?}: member {m}: {e}"),
                }
            }
            assert_eq!((won, lost), (1, 1), "{backend:?}: member {m}");
            let c = store.commitment(2020, m).await.unwrap().unwrap();
            assert_eq!((c.state, c.version), (CommitmentState::Approved, 3));
            assert_eq!(
                store
                    .commitment_history(c.id)
                    .await
                    .unwrap()
                    .iter()
                    .filter(|e| e.action == "commitment.approve")
                    .count(),
                1
            );
        }
        assert_eq!(
            audit_count(&store, "commitment.approve").await,
            members.len()
        );

        // A member starting twice at once: one commitment, one entry.
        let tasks: Vec<_> = (0..2)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    let w = step(
                        7,
                        0,
                        CommitmentState::Draft,
                        CommitmentChange::Items(items(&format!("t{i}"))),
                        "commitment.save",
                        json!({}),
                    );
                    store.apply_commitments(&[w]).await
                })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.unwrap());
        }
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "{backend:?}"
        );
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(StoreError::Conflict)))
        );
        let c = store.commitment(2020, 7).await.unwrap().unwrap();
        assert_eq!((c.version, c.items.len()), (1, 7));
        assert_eq!(store.commitment_history(c.id).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn cells_and_organisations_list_their_members_in_name_order() {
    on_both(|store, backend| async move {
        store.load_dataset(&bloc(), "test").await.unwrap();
        let cell = store.cell_commitments(3, 2020).await.unwrap();
        let order: Vec<i64> = cell.iter().map(|r| r.member_id).collect();
        assert_eq!(
            order, CELL_3_ORDER,
            "{backend:?}: by given name, the deceased left out"
        );
        assert!(cell.iter().all(|r| r.state.is_none()
            && r.version == 0
            && r.commitment_id.is_none()
            && r.updated_at.is_none()));
        assert_eq!(
            (
                cell[0].full_name.as_str(),
                cell[0].cell_code.as_str(),
                cell[0].cell_name.as_str(),
                cell[0].cell_id
            ),
            ("Lê Văn An", "C1.1", "Chi bộ Văn phòng", 3)
        );
        assert_eq!(cell[1].status, MemberStatus::Probationary);

        let id = submitted(&store, 2).await;
        apply_one(&store, approve(2, 2)).await.unwrap();
        let cell = store.cell_commitments(3, 2020).await.unwrap();
        let cuc = cell.iter().find(|r| r.member_id == 2).unwrap();
        assert_eq!(
            (cuc.commitment_id, cuc.state, cuc.version),
            (Some(id), Some(CommitmentState::Approved), 3)
        );
        assert!(cuc.updated_at.is_some() && cuc.self_grade.is_none());
        assert_eq!(cell.iter().filter(|r| r.state.is_none()).count(), 4);
        // Another year: not started.
        assert!(
            store
                .cell_commitments(3, 2021)
                .await
                .unwrap()
                .iter()
                .all(|r| r.state.is_none())
        );
        assert!(store.cell_commitments(99, 2020).await.unwrap().is_empty());

        // The committee: its cells by name, then names.
        let sub = store.subtree_commitments("/1/2/", 2020).await.unwrap();
        let order: Vec<i64> = sub.iter().map(|r| r.member_id).collect();
        let expected: Vec<i64> = CELL_4_ORDER.iter().chain(&CELL_3_ORDER).copied().collect();
        assert_eq!(order, expected, "{backend:?}");
        assert_eq!(sub[0].cell_code, "C1.2");
        assert_eq!(sub.iter().filter(|r| r.state.is_some()).count(), 1);
        // The bloc: every active member; a cell alone: its own.
        assert_eq!(
            store.subtree_commitments("/1/", 2020).await.unwrap().len(),
            12
        );
        assert_eq!(
            store
                .subtree_commitments("/1/5/", 2020)
                .await
                .unwrap()
                .len(),
            3
        );

        let place = store.member_place(2).await.unwrap().unwrap();
        assert_eq!(
            place,
            MemberPlace {
                member_id: 2,
                full_name: "Trần Thị Cúc".into(),
                card_number: "10000002".into(),
                status: MemberStatus::Full,
                cell_id: 3,
                cell_code: "C1.1".into(),
                cell_name: "Chi bộ Văn phòng".into(),
                cell_kind: UnitKind::Cell,
                cell_path: "/1/2/3/".into(),
            }
        );
        assert!(store.member_place(999).await.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn organisations_are_graded_at_their_version() {
    on_both(|store, backend| async move {
        store.load_dataset(&bloc(), "test").await.unwrap();
        let grades = store.child_unit_grades(2, 2020).await.unwrap();
        let codes: Vec<&str> = grades.iter().map(|g| g.code.as_str()).collect();
        assert_eq!(codes, ["C1.2", "C1.1"], "{backend:?}: in name order");
        assert!(
            grades
                .iter()
                .all(|g| g.grade.is_none() && g.version == 0 && g.note.is_empty())
        );
        assert_eq!(grades[0].kind, UnitKind::Cell);

        let entry = || AuditEntry {
            entity: "unit".into(),
            unit_path: Some("/1/2/".into()),
            ..audit("grade.unit", json!({}))
        };
        store
            .set_unit_grade(3, 2020, Grade::Good, "Tốt", 0, &entry())
            .await
            .unwrap();
        assert!(matches!(
            store
                .set_unit_grade(3, 2020, Grade::Completed, "", 0, &entry())
                .await,
            Err(StoreError::Conflict)
        ));
        store
            .set_unit_grade(3, 2020, Grade::Excellent, "Xuất sắc", 1, &entry())
            .await
            .unwrap();
        assert!(matches!(
            store
                .set_unit_grade(3, 2020, Grade::Completed, "", 1, &entry())
                .await,
            Err(StoreError::Conflict)
        ));
        assert!(matches!(
            store
                .set_unit_grade(4, 2020, Grade::Completed, "", 3, &entry())
                .await,
            Err(StoreError::Conflict)
        ));
        let grades = store.child_unit_grades(2, 2020).await.unwrap();
        assert_eq!(
            (
                grades[1].unit_id,
                grades[1].grade,
                grades[1].note.as_str(),
                grades[1].version
            ),
            (3, Some(Grade::Excellent), "Xuất sắc", 2)
        );
        assert_eq!((grades[0].grade, grades[0].version), (None, 0));
        assert_eq!(audit_count(&store, "grade.unit").await, 2);
        // Another year is not graded yet; the bloc's organisations.
        assert!(
            store
                .child_unit_grades(2, 2021)
                .await
                .unwrap()
                .iter()
                .all(|g| g.grade.is_none())
        );
        let codes: Vec<String> = store
            .child_unit_grades(1, 2020)
            .await
            .unwrap()
            .into_iter()
            .map(|g| g.code)
            .collect();
        assert_eq!(codes.len(), 2);
        assert!(codes.contains(&"C1".to_string()) && codes.contains(&"G1".to_string()));
    })
    .await;
}

#[tokio::test]
async fn the_inbox_counts_and_marks_notices() {
    on_both(|store, backend| async move {
        store.load_dataset(&bloc(), "test").await.unwrap();
        let users = add_users(&store, &[1, 2, 3]).await;
        let (secretary, member) = (users[0], users[1]);
        assert_eq!(
            store.member_users(&[1, 2, 4, 3]).await.unwrap(),
            vec![(1, users[0]), (2, users[1]), (3, users[2])]
        );
        assert!(store.member_users(&[]).await.unwrap().is_empty());

        // Member 1 is secretary of cell 3 from 2020-05-01.
        assert_eq!(
            store.cell_reviewer_users(3, d(2021, 1, 1)).await.unwrap(),
            vec![secretary]
        );
        assert!(
            store
                .cell_reviewer_users(3, d(2020, 4, 30))
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            store
                .cell_reviewer_users(4, d(2021, 1, 1))
                .await
                .unwrap()
                .is_empty()
        );

        let note = |kind: NoticeKind, subject: &str| NewNotification {
            user_id: member,
            kind,
            commitment_id: None,
            subject: subject.into(),
            detail: String::new(),
            link: "/commitments".into(),
        };
        let start = chrono::Utc::now() - chrono::Duration::seconds(5);
        store
            .add_notifications(&[
                note(NoticeKind::Approved, "một"),
                note(NoticeKind::Deadline, "hai"),
                note(NoticeKind::Graded, "ba"),
            ])
            .await
            .unwrap();
        store.add_notifications(&[]).await.unwrap();
        assert_eq!(
            store.unread_notifications(member).await.unwrap(),
            3,
            "{backend:?}"
        );
        assert_eq!(store.unread_notifications(secretary).await.unwrap(), 0);
        let inbox = store.notifications(member, 10).await.unwrap();
        let subjects: Vec<&str> = inbox.iter().map(|n| n.subject.as_str()).collect();
        assert_eq!(subjects, ["ba", "hai", "một"], "newest first");
        assert_eq!(store.notifications(member, 2).await.unwrap().len(), 2);

        // Another account cannot mark them.
        store.mark_read(secretary, Some(inbox[0].id)).await.unwrap();
        assert_eq!(store.unread_notifications(member).await.unwrap(), 3);
        store.mark_read(member, Some(inbox[0].id)).await.unwrap();
        assert_eq!(store.unread_notifications(member).await.unwrap(), 2);
        assert!(store.notifications(member, 10).await.unwrap()[0].read);
        store.mark_read(member, None).await.unwrap();
        assert_eq!(store.unread_notifications(member).await.unwrap(), 0);

        assert!(
            store
                .notified_since(member, NoticeKind::Deadline, start)
                .await
                .unwrap()
        );
        assert!(
            !store
                .notified_since(member, NoticeKind::Returned, start)
                .await
                .unwrap()
        );
        assert!(
            !store
                .notified_since(secretary, NoticeKind::Deadline, start)
                .await
                .unwrap()
        );
        let later = chrono::Utc::now() + chrono::Duration::hours(1);
        assert!(
            !store
                .notified_since(member, NoticeKind::Deadline, later)
                .await
                .unwrap()
        );

        // A disabled account is no reviewer.
        store
            .set_disabled(secretary, true, &year_audit("accounts.disable"))
            .await
            .unwrap();
        assert!(
            store
                .cell_reviewer_users(3, d(2021, 1, 1))
                .await
                .unwrap()
                .is_empty()
        );
    })
    .await;
}

#[tokio::test]
async fn settings_are_read_and_replaced() {
    on_both(|store, backend| async move {
        assert_eq!(store.setting(WORKING_DATE).await.unwrap(), None);
        store.set_setting(WORKING_DATE, "2020-12-01").await.unwrap();
        store.set_setting("other", "x").await.unwrap();
        store.set_setting(WORKING_DATE, "2021-03-15").await.unwrap();
        assert_eq!(
            store.setting(WORKING_DATE).await.unwrap().as_deref(),
            Some("2021-03-15"),
            "{backend:?}"
        );
        assert_eq!(store.setting("other").await.unwrap().as_deref(), Some("x"));
    })
    .await;
}

#[tokio::test]
async fn a_dataset_loads_commitments_with_their_history() {
    on_both(|store, backend| async move {
        let mut data = bloc();
        let at = |day: u32, hour: u32| d(2020, 3, day).and_hms_opt(hour, 0, 0).unwrap().and_utc();
        let mut assessed = items("nạp");
        for u in &mut assessed {
            u.result = Some(ItemResult::Done);
        }
        let event = |day, action: &str, after| NewCommitmentEvent {
            at: at(day, 9),
            actor_label: "10000002".into(),
            action: action.into(),
            after,
        };
        data.commitments.push(NewCommitment {
            id: 500,
            year: 2020,
            member_id: 2,
            state: CommitmentState::Graded,
            items: assessed.clone(),
            return_reason: "Chưa rõ".into(),
            mid_year_note: "Ổn".into(),
            self_assessment: Some((
                Assessment {
                    grade: Grade::Good,
                    points: None,
                },
                "Tự nhận".into(),
            )),
            proposed: Some((
                Assessment {
                    grade: Grade::Good,
                    points: None,
                },
                "Đề nghị".into(),
            )),
            decided: Some((
                Assessment {
                    grade: Grade::Excellent,
                    points: Some(95),
                },
                "Quyết định".into(),
            )),
            submitted_at: Some(at(5, 9)),
            approved_at: Some(at(6, 9)),
            history: vec![
                event(2, "commitment.submit", json!({"state": "submitted"})),
                event(
                    3,
                    "commitment.return",
                    json!({"state": "returned", "reason": "Chưa rõ"}),
                ),
                event(5, "commitment.submit", json!({"state": "submitted"})),
                event(6, "commitment.approve", json!({"state": "approved"})),
                event(
                    20,
                    "commitment.decide",
                    json!({"state": "graded", "grade": "excellent", "note": "Quyết định"}),
                ),
            ],
        });
        data.commitments.push(NewCommitment {
            id: 501,
            year: 2020,
            member_id: 3,
            state: CommitmentState::Draft,
            items: vec![item(3, "một việc")],
            return_reason: String::new(),
            mid_year_note: String::new(),
            self_assessment: None,
            proposed: None,
            decided: None,
            submitted_at: None,
            approved_at: None,
            history: vec![],
        });
        data.unit_grades.push(NewUnitGrade {
            unit_id: 3,
            year: 2020,
            grade: Grade::Good,
            note: "Chi bộ tốt".into(),
        });
        data.settings
            .push((WORKING_DATE.into(), "2020-12-01".into()));

        let seen = std::sync::Mutex::new(Vec::new());
        store
            .load_dataset_with_progress(&data, "test", &|done, total| {
                seen.lock().unwrap().push((done, total))
            })
            .await
            .unwrap();
        let seen = seen.into_inner().unwrap();
        let (done, total) = *seen.last().unwrap();
        assert_eq!(done, total, "{backend:?}: progress reaches its total");
        assert!(
            seen.windows(2)
                .all(|w| w[0].0 <= w[1].0 && w[0].1 == w[1].1)
        );

        let c = store.commitment(2020, 2).await.unwrap().unwrap();
        assert_eq!(
            (c.id, c.state, c.version),
            (500, CommitmentState::Graded, 1)
        );
        assert_eq!(c.items, assessed);
        assert_eq!(
            (c.return_reason.as_str(), c.mid_year_note.as_str()),
            ("Chưa rõ", "Ổn")
        );
        assert_eq!(
            c.self_assessment,
            Some(Assessment {
                grade: Grade::Good,
                points: None
            })
        );
        assert_eq!(
            (c.decided, c.decided_note.as_str()),
            (
                Some(Assessment {
                    grade: Grade::Excellent,
                    points: Some(95)
                }),
                "Quyết định"
            )
        );
        assert_eq!(
            (c.submitted_at, c.approved_at),
            (Some(at(5, 9)), Some(at(6, 9)))
        );
        assert_eq!(c.updated_at, at(20, 9));

        let history = store.commitment_history(500).await.unwrap();
        assert_eq!(history.len(), 5);
        assert_eq!(history[1].at, at(3, 9));
        assert_eq!(
            (history[1].action.as_str(), history[1].detail.as_deref()),
            ("commitment.return", Some("Chưa rõ"))
        );
        assert_eq!(history[4].grade, Some(Grade::Excellent));
        assert_eq!(history[0].actor_label, "10000002");
        let scoped = store
            .audit_entries(
                &AuditFilter {
                    unit_path: Some("/1/2/3/".into()),
                    action: Some("commitment.".into()),
                    ..Default::default()
                },
                None,
                100,
            )
            .await
            .unwrap();
        assert_eq!(scoped.len(), 5);
        assert_eq!(
            store.commitment(2020, 3).await.unwrap().unwrap().items,
            vec![item(3, "một việc")]
        );
        assert!(store.commitment_history(501).await.unwrap().is_empty());

        let grades = store.child_unit_grades(2, 2020).await.unwrap();
        let g = grades.iter().find(|g| g.unit_id == 3).unwrap();
        assert_eq!(
            (g.grade, g.note.as_str(), g.version),
            (Some(Grade::Good), "Chi bộ tốt", 1)
        );
        assert_eq!(
            store.setting(WORKING_DATE).await.unwrap().as_deref(),
            Some("2020-12-01")
        );
        assert!(store.year_has_commitments(2020).await.unwrap());

        // New rows continue after the loaded ids, and so does the log.
        let (id, v) = apply_one(
            &store,
            step(
                4,
                0,
                CommitmentState::Draft,
                CommitmentChange::Items(items("mới")),
                "commitment.save",
                json!({}),
            ),
        )
        .await
        .unwrap();
        assert!(id > 501 && v == 1, "{backend:?}: {id}");
        apply_one(
            &store,
            step(
                2,
                1,
                CommitmentState::Graded,
                CommitmentChange::Reopen {
                    until: d(2020, 12, 31),
                },
                "commitment.reopen",
                json!({}),
            ),
        )
        .await
        .unwrap();
        assert_eq!(store.commitment_history(500).await.unwrap().len(), 6);
        let cell = store.cell_commitments(3, 2020).await.unwrap();
        assert_eq!(cell.iter().filter(|r| r.state.is_some()).count(), 3);
    })
    .await;
}

#[tokio::test]
async fn the_outbox_hands_each_notice_out_once() {
    on_both(|store, backend| async move {
        let mut data = bloc();
        data.members[0].email = "ha@example.vn".into();
        store.load_dataset(&data, "test").await.unwrap();
        let users = add_users(&store, &[1, 2]).await;
        let staff = NewUser {
            username: "canbo@example.vn".into(),
            member_id: None,
            display_name: "Cán bộ Văn phòng".into(),
            password_hash: "h".into(),
            is_admin: false,
            must_change_password: false,
        };
        store
            .insert_users(&[staff], &year_audit("accounts.create"))
            .await
            .unwrap();
        let staff = store
            .user_by_username("canbo@example.vn")
            .await
            .unwrap()
            .unwrap()
            .id;
        let note = |user_id: i64, kind: &str| NewNotification {
            user_id,
            kind: NoticeKind::parse(kind),
            commitment_id: None,
            subject: String::new(),
            detail: String::new(),
            link: "/cam-ket".into(),
        };
        let since = chrono::Utc::now() - chrono::Duration::seconds(5);
        store
            .add_notifications(&[
                note(users[0], "approved"),
                note(users[1], "approved"),
                note(staff, "submitted"),
            ])
            .await
            .unwrap();

        let later = chrono::Utc::now() + chrono::Duration::seconds(60);
        assert!(store.claim_emails(later, 10).await.unwrap().is_empty());

        let first = store.claim_emails(since, 2).await.unwrap();
        let addresses: Vec<Option<&str>> = first.iter().map(|m| m.address.as_deref()).collect();
        // The member's dossier e-mail; a member without one has no address.
        assert_eq!(addresses, [Some("ha@example.vn"), None], "{backend:?}");
        assert_eq!(first[0].notification.kind, NoticeKind::Approved);
        assert_eq!(first[0].display_name, "Đảng viên 1");
        let second = store.claim_emails(since, 10).await.unwrap();
        assert_eq!(second.len(), 1, "the rest, once");
        // A staff account's username is its e-mail.
        assert_eq!(second[0].address.as_deref(), Some("canbo@example.vn"));
        assert!(store.claim_emails(since, 10).await.unwrap().is_empty());

        // A notice given back is handed out again, once.
        store
            .release_email(second[0].notification.id)
            .await
            .unwrap();
        let again = store.claim_emails(since, 10).await.unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].notification.id, second[0].notification.id);
        assert!(store.claim_emails(since, 10).await.unwrap().is_empty());
    })
    .await;
}
