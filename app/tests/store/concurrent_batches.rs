//! Batches of commitment steps written at the same time (a cell's two
//! reviewers each approving several at once), on SQLite and PostgreSQL.
#![cfg(feature = "ssr")]

use crate::support::*;
use app::domain::commitment::CommitmentState;
use app::domain::undertaking::Undertaking;
use app::store::model::*;
use app::store::{DynStore, StoreError};
use serde_json::json;

const YEAR: i32 = 2020;

fn write(
    member_id: i64,
    expected_version: i64,
    next_state: CommitmentState,
    change: CommitmentChange,
    action: &str,
) -> CommitmentWrite {
    CommitmentWrite {
        year: YEAR,
        member_id,
        expected_version,
        next_state,
        change,
        audit: AuditEntry {
            actor_user_id: None,
            actor_label: "test".into(),
            action: action.into(),
            entity: String::new(),
            entity_id: None,
            before: None,
            after: Some(json!({ "state": next_state.as_str() })),
            ip: None,
            unit_path: None,
        },
        notify: vec![],
    }
}

async fn version(store: &DynStore, member_id: i64) -> i64 {
    store
        .commitment(YEAR, member_id)
        .await
        .unwrap()
        .unwrap()
        .version
}

/// Two batches over the same commitments, one in the other's reverse order,
/// written at once: one goes through whole, the other is a conflict and
/// changes nothing. Taking the rows in the batches' own orders, each would
/// hold a row the other waits for, and PostgreSQL would abort one with
/// "deadlock detected" (a server error to the caller) instead.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_batches_in_opposite_orders_do_not_deadlock() {
    on_both(|store, backend| async move {
        store.load_dataset(&small_bloc(), "test").await.unwrap();
        let members: Vec<i64> = (1..=8).collect();
        let items = |tag: &str| -> Vec<Undertaking> {
            (0..6)
                .map(|section| Undertaking {
                    section,
                    text: format!("{tag}: việc {section}"),
                    result: None,
                    result_note: String::new(),
                })
                .collect()
        };
        let start: Vec<CommitmentWrite> = members
            .iter()
            .map(|&m| {
                write(
                    m,
                    0,
                    CommitmentState::Submitted,
                    CommitmentChange::Items(items("a")),
                    "commitment.submit",
                )
            })
            .collect();
        let ids: Vec<i64> = store
            .apply_commitments(&start)
            .await
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect();

        for round in 0..20 {
            let mut current = Vec::new();
            for &m in &members {
                current.push((m, version(&store, m).await));
            }
            let batch = |reverse: bool| -> Vec<CommitmentWrite> {
                let mut picks = current.clone();
                if reverse {
                    picks.reverse();
                }
                picks
                    .into_iter()
                    .map(|(m, v)| {
                        write(
                            m,
                            v,
                            CommitmentState::MidYearReviewed,
                            CommitmentChange::MidYearReview {
                                note: format!("vòng {round}"),
                            },
                            "commitment.mid_year_review",
                        )
                    })
                    .collect()
            };
            let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(2));
            let tasks: Vec<_> = [false, true]
                .into_iter()
                .map(|reverse| {
                    let (store, barrier, writes) = (store.clone(), barrier.clone(), batch(reverse));
                    tokio::spawn(async move {
                        barrier.wait().await;
                        (reverse, store.apply_commitments(&writes).await)
                    })
                })
                .collect();
            let mut won = 0;
            for t in tasks {
                match t.await.unwrap() {
                    (reverse, Ok(out)) => {
                        // Answered in the order asked, whatever the order written.
                        let mut expected: Vec<(i64, i64)> = ids
                            .iter()
                            .zip(&current)
                            .map(|(id, (_, v))| (*id, v + 1))
                            .collect();
                        if reverse {
                            expected.reverse();
                        }
                        assert_eq!(out, expected, "{backend:?}, round {round}");
                        won += 1;
                    }
                    (_, Err(StoreError::Conflict)) => {}
                    (_, Err(e)) => panic!("{backend:?}, round {round}: {e}"),
                }
            }
            assert_eq!(won, 1, "{backend:?}, round {round}");
            for (m, v) in &current {
                assert_eq!(
                    version(&store, *m).await,
                    v + 1,
                    "{backend:?}, round {round}"
                );
            }
        }
        // One audit entry per commitment and round: the loser wrote nothing.
        for id in ids {
            let history = store.commitment_history(id).await.unwrap();
            assert_eq!(history.len(), 21, "{backend:?}");
        }
    })
    .await;
}
