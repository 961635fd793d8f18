//! The commendation store's statements, compiled once per backend: the
//! including module names its store type `This` and its database `Db`
//! (`sqlite.rs`, `postgres.rs`). Plain functions, no macro: the same text
//! runs on both, numbered `$n` parameters included.

use super::{Db, This};
use crate::domain::attachment::AttachmentRow;
use crate::domain::commendation::{Form, Occasion};
use crate::domain::commendation_records::{
    AwardRow, DecisionRef, DecisionRow, NomineeRecord, ProposalRecord, ProposalRow,
};
use crate::domain::grading::Grade;
use crate::domain::proposal::ProposalState;
use crate::store::StoreError;
use crate::store::commendations::*;
use crate::store::model::{AuditEntry, NewNotification};
use sqlx::{QueryBuilder, Transaction};

type Tx = Transaction<'static, Db>;

/// Placeholders `$from..$from+n` for an IN list.
fn list(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(",")
}

async fn insert_nominees(
    tx: &mut Tx,
    proposal_id: i64,
    year: i32,
    occasion: Occasion,
    form: Form,
    nominees: &[NewNominee],
) -> Result<Vec<i64>, StoreError> {
    let mut ids = Vec::with_capacity(nominees.len());
    for (i, n) in nominees.iter().enumerate() {
        let (member_id, unit_id) = match n.subject {
            Subject::Member(id) => (Some(id), None),
            Subject::Unit(id) => (None, Some(id)),
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO commendation_nominees (proposal_id, position, member_id, unit_id, \
             achievements, good_model_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(proposal_id)
        .bind(i as i32)
        .bind(member_id)
        .bind(unit_id)
        .bind(crate::domain::text::nfc(&n.achievements))
        .bind(n.good_model_id)
        .fetch_one(&mut **tx)
        .await?;
        claim(tx, n.subject, year, occasion, form, id).await?;
        ids.push(id);
    }
    Ok(ids)
}

/// Takes the one-achievement-one-award claim; held elsewhere: `Conflict`.
async fn claim(
    tx: &mut Tx,
    subject: Subject,
    year: i32,
    occasion: Occasion,
    form: Form,
    nominee_id: i64,
) -> Result<(), StoreError> {
    let taken = sqlx::query(
        "INSERT INTO commendation_claims (subject, year, occasion, form, nominee_id) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(subject.key())
    .bind(year)
    .bind(occasion.as_str())
    .bind(form.as_str())
    .bind(nominee_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if taken == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict)
    }
}

/// Releases the claims of a proposal's nominees (all, or one).
async fn release(tx: &mut Tx, proposal_id: i64, nominee: Option<i64>) -> Result<(), StoreError> {
    sqlx::query(
        "DELETE FROM commendation_claims WHERE nominee_id IN \
         (SELECT id FROM commendation_nominees WHERE proposal_id = $1 AND ($2 IS NULL OR id = $2))",
    )
    .bind(proposal_id)
    .bind(nominee)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn write_audit(
    tx: &mut Tx,
    proposal_id: i64,
    audit: &AuditEntry,
    path: &str,
) -> Result<(), StoreError> {
    let mut entry = audit.clone();
    entry.entity = "proposal".into();
    entry.entity_id = Some(proposal_id.to_string());
    if entry.unit_path.is_none() {
        entry.unit_path = Some(path.to_string());
    }
    This::write_audit(tx, &entry).await
}

async fn notify(tx: &mut Tx, notes: &[NewNotification]) -> Result<(), StoreError> {
    if notes.is_empty() {
        return Ok(());
    }
    let at = chrono::Utc::now();
    for chunk in notes.chunks(1000) {
        QueryBuilder::<Db>::new(
            "INSERT INTO notifications (user_id, at, kind, commitment_id, subject, detail, link) ",
        )
        .push_values(chunk, |mut b, n| {
            b.push_bind(n.user_id)
                .push_bind(at)
                .push_bind(n.kind.as_str())
                .push_bind(None::<i64>)
                .push_bind(n.subject.clone())
                .push_bind(n.detail.clone())
                .push_bind(n.link.clone());
        })
        .build()
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// What a step needs to know of the proposal, read inside its transaction.
#[derive(sqlx::FromRow)]
struct Head {
    path: String,
    year: i32,
    occasion: String,
    form: String,
    title: String,
}

async fn head(tx: &mut Tx, id: i64) -> Result<Head, StoreError> {
    sqlx::query_as(
        "SELECT u.path, p.year, p.occasion, p.form, p.title \
         FROM commendation_proposals p JOIN units u ON u.id = p.proposer_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StoreError::NotFound)
}

/// Raises the version (checking it) and sets the state; stale: `Conflict`.
async fn bump(
    tx: &mut Tx,
    id: i64,
    expected_version: i64,
    state: Option<ProposalState>,
) -> Result<i64, StoreError> {
    let version: Option<i64> = sqlx::query_scalar(
        "UPDATE commendation_proposals SET version = version + 1, updated_at = $3, \
         state = COALESCE($4, state) WHERE id = $1 AND version = $2 RETURNING version",
    )
    .bind(id)
    .bind(expected_version)
    .bind(chrono::Utc::now())
    .bind(state.map(|s| s.as_str()))
    .fetch_optional(&mut **tx)
    .await?;
    match version {
        Some(v) => Ok(v),
        None => {
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT id FROM commendation_proposals WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await?;
            Err(if exists.is_some() {
                StoreError::Conflict
            } else {
                StoreError::NotFound
            })
        }
    }
}

async fn new_proposal(
    tx: &mut Tx,
    p: &NewProposal,
    state: ProposalState,
    forwarded_from: Option<i64>,
    submitted_on: Option<chrono::NaiveDate>,
) -> Result<i64, StoreError> {
    use crate::domain::text::nfc;
    let now = chrono::Utc::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO commendation_proposals (proposer_id, awarder_id, year, occasion, form, title, \
         cover, minutes, state, forwarded_from, submitted_on, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
    )
    .bind(p.proposer_id)
    .bind(p.awarder_id)
    .bind(p.year)
    .bind(p.occasion.as_str())
    .bind(p.form.as_str())
    .bind(nfc(p.title.trim()))
    .bind(nfc(&p.cover))
    .bind(nfc(&p.minutes))
    .bind(state.as_str())
    .bind(forwarded_from)
    .bind(submitted_on)
    .bind(p.created_by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

impl This {
    pub(crate) async fn commendations_create(
        &self,
        p: &NewProposal,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write_tx().await?;
        let id = new_proposal(&mut tx, p, ProposalState::Draft, None, None).await?;
        insert_nominees(&mut tx, id, p.year, p.occasion, p.form, &p.nominees).await?;
        let path: String = sqlx::query_scalar("SELECT path FROM units WHERE id = $1")
            .bind(p.proposer_id)
            .fetch_one(&mut *tx)
            .await?;
        write_audit(&mut tx, id, audit, &path).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub(crate) async fn commendations_step(
        &self,
        id: i64,
        expected_version: i64,
        change: &ProposalChange,
        audit: &AuditEntry,
        notes: &[NewNotification],
    ) -> Result<StepResult, StoreError> {
        let mut tx = self.write_tx().await?;
        // The version first: the write lock is taken and a stale caller
        // stops here.
        let state = match change {
            ProposalChange::Submit { .. } => Some(ProposalState::Submitted),
            ProposalChange::Return { .. } => Some(ProposalState::Returned),
            ProposalChange::Reject { .. } => Some(ProposalState::Rejected),
            ProposalChange::Settle { state, .. } => Some(*state),
            ProposalChange::Decide(_) => Some(ProposalState::Decided),
            ProposalChange::Edit { .. } | ProposalChange::Mark { .. } => None,
        };
        let version = bump(&mut tx, id, expected_version, state).await?;
        let h = head(&mut tx, id).await?;
        let occasion = occasion(&h.occasion)?;
        let form = form(&h.form)?;
        let mut result = StepResult {
            version,
            forwarded_to: None,
            decision: None,
        };
        match change {
            ProposalChange::Edit {
                title,
                cover,
                minutes,
                nominees,
            } => {
                use crate::domain::text::nfc;
                sqlx::query(
                    "UPDATE commendation_proposals SET title = $2, cover = $3, minutes = $4 WHERE id = $1",
                )
                .bind(id)
                .bind(nfc(title.trim()))
                .bind(nfc(cover))
                .bind(nfc(minutes))
                .execute(&mut *tx)
                .await?;
                release(&mut tx, id, None).await?;
                sqlx::query("DELETE FROM commendation_nominees WHERE proposal_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                insert_nominees(&mut tx, id, h.year, occasion, form, nominees).await?;
            }
            ProposalChange::Submit { on } => {
                sqlx::query(
                    "UPDATE commendation_proposals SET submitted_on = $2, reason = '' WHERE id = $1",
                )
                .bind(id)
                .bind(on)
                .execute(&mut *tx)
                .await?;
            }
            ProposalChange::Return { reason } | ProposalChange::Reject { reason } => {
                sqlx::query("UPDATE commendation_proposals SET reason = $2 WHERE id = $1")
                    .bind(id)
                    .bind(crate::domain::text::nfc(reason.trim()))
                    .execute(&mut *tx)
                    .await?;
                if matches!(change, ProposalChange::Reject { .. }) {
                    release(&mut tx, id, None).await?;
                }
            }
            ProposalChange::Mark {
                nominee_id,
                outcome,
                reason,
            } => {
                let changed = sqlx::query(
                    "UPDATE commendation_nominees SET outcome = $3, outcome_reason = $4 \
                     WHERE id = $2 AND proposal_id = $1",
                )
                .bind(id)
                .bind(nominee_id)
                .bind(outcome.as_str())
                .bind(crate::domain::text::nfc(reason.trim()))
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if changed == 0 {
                    return Err(StoreError::NotFound);
                }
            }
            ProposalChange::Settle { state: _, forward } => {
                result.forwarded_to = settle(&mut tx, id, &h, occasion, form, forward).await?;
            }
            ProposalChange::Decide(d) => {
                result.decision = Some(decide(&mut tx, id, &h, d).await?);
            }
        }
        write_audit(&mut tx, id, audit, &h.path).await?;
        if let Some(up) = result.forwarded_to {
            // The new proposal's history starts with where it came from.
            let received = AuditEntry {
                action: "proposal.forward".into(),
                before: None,
                after: Some(serde_json::json!({ "from": id })),
                unit_path: None,
                ..audit.clone()
            };
            let path: String = sqlx::query_scalar(
                "SELECT u.path FROM commendation_proposals p JOIN units u ON u.id = p.proposer_id WHERE p.id = $1",
            )
            .bind(up)
            .fetch_one(&mut *tx)
            .await?;
            write_audit(&mut tx, up, &received, &path).await?;
        }
        notify(&mut tx, notes).await?;
        tx.commit().await?;
        Ok(result)
    }
}

/// Struck-out nominees release their claims; forwarded ones go up in a new
/// submitted proposal of the awarding level, their claims moved with them.
async fn settle(
    tx: &mut Tx,
    id: i64,
    h: &Head,
    occasion: Occasion,
    form: Form,
    forward: &Option<Forward>,
) -> Result<Option<i64>, StoreError> {
    sqlx::query(
        "DELETE FROM commendation_claims WHERE nominee_id IN (SELECT id FROM commendation_nominees \
         WHERE proposal_id = $1 AND outcome = 'struck_out')",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    #[derive(sqlx::FromRow)]
    struct Up {
        id: i64,
        member_id: Option<i64>,
        unit_id: Option<i64>,
        achievements: String,
        good_model_id: Option<i64>,
    }
    let up: Vec<Up> = sqlx::query_as(
        "SELECT id, member_id, unit_id, achievements, good_model_id FROM commendation_nominees \
         WHERE proposal_id = $1 AND outcome = 'forwarded' ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    if up.is_empty() {
        return Ok(None);
    }
    let Some(f) = forward else {
        return Err(StoreError::Invalid(
            "forwarded nominees need a forward".into(),
        ));
    };
    // The level that forwards is the one the proposal was addressed to.
    let level: Option<i64> =
        sqlx::query_scalar("SELECT awarder_id FROM commendation_proposals WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    let level = level.ok_or_else(|| StoreError::Invalid("the province forwards nothing".into()))?;
    let p = NewProposal {
        proposer_id: level,
        awarder_id: f.awarder_id,
        year: h.year,
        occasion,
        form,
        title: f.title.clone(),
        cover: f.cover.clone(),
        minutes: String::new(),
        nominees: Vec::new(),
        created_by: f.created_by,
    };
    let new_id = new_proposal(tx, &p, ProposalState::Submitted, Some(id), Some(f.on)).await?;
    for (i, n) in up.iter().enumerate() {
        let nominee: i64 = sqlx::query_scalar(
            "INSERT INTO commendation_nominees (proposal_id, position, member_id, unit_id, \
             achievements, good_model_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(new_id)
        .bind(i as i32)
        .bind(n.member_id)
        .bind(n.unit_id)
        .bind(&n.achievements)
        .bind(n.good_model_id)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query("UPDATE commendation_claims SET nominee_id = $2 WHERE nominee_id = $1")
            .bind(n.id)
            .bind(nominee)
            .execute(&mut **tx)
            .await?;
    }
    Ok(Some(new_id))
}

/// Writes the decision: the next number of the issuer's term (raised and
/// read back in one statement), the approved nominees as its recipients.
async fn decide(
    tx: &mut Tx,
    id: i64,
    h: &Head,
    d: &NewDecision,
) -> Result<DecisionRef, StoreError> {
    let (seq, number) = match d.issuer_id {
        Some(issuer) => {
            let seq: i64 = sqlx::query_scalar(
                "INSERT INTO decision_counters (issuer_id, term_start, last) VALUES ($1, $2, 1) \
                 ON CONFLICT (issuer_id, term_start) DO UPDATE SET last = decision_counters.last + 1 \
                 RETURNING last",
            )
            .bind(issuer)
            .bind(d.term_start)
            .fetch_one(&mut **tx)
            .await?;
            (
                Some(seq),
                d.number_pattern.replacen("{}", &seq.to_string(), 1),
            )
        }
        None => (
            None,
            d.number
                .clone()
                .map(|n| n.trim().to_string())
                .ok_or_else(|| {
                    StoreError::Invalid("a province decision needs its number".into())
                })?,
        ),
    };
    let decision_id: i64 = sqlx::query_scalar(
        "INSERT INTO decisions (issuer_id, term_start, seq, number, decided_on, signer_name, \
         signer_position, year, occasion, form, title, proposal_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(d.issuer_id)
    .bind(d.term_start)
    .bind(seq)
    .bind(&number)
    .bind(d.decided_on)
    .bind(crate::domain::text::nfc(d.signer_name.trim()))
    .bind(d.signer_position.as_str())
    .bind(h.year)
    .bind(&h.occasion)
    .bind(&h.form)
    .bind(&h.title)
    .bind(id)
    .bind(d.created_by)
    .bind(chrono::Utc::now())
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE commendation_nominees SET decision_id = $2 WHERE proposal_id = $1 AND outcome = 'approved'",
    )
    .bind(id)
    .bind(decision_id)
    .execute(&mut **tx)
    .await?;
    Ok(DecisionRef {
        id: decision_id,
        number,
        decided_on: d.decided_on,
    })
}

impl This {
    pub(crate) async fn commendations_head(
        &self,
        id: i64,
    ) -> Result<Option<ProposalHead>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            proposer_id: i64,
            proposer_path: String,
            proposer_kind: String,
            awarder_id: Option<i64>,
            awarder_path: Option<String>,
            awarder_kind: Option<String>,
            year: i32,
            occasion: String,
            form: String,
            title: String,
            state: String,
            version: i64,
            submitted_on: Option<chrono::NaiveDate>,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT p.id, p.proposer_id, pu.path AS proposer_path, pu.kind AS proposer_kind, \
             p.awarder_id, au.path AS awarder_path, au.kind AS awarder_kind, p.year, p.occasion, \
             p.form, p.title, p.state, p.version, p.submitted_on \
             FROM commendation_proposals p JOIN units pu ON pu.id = p.proposer_id \
             LEFT JOIN units au ON au.id = p.awarder_id WHERE p.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else {
            return Ok(None);
        };
        let kind = |k: &str| {
            crate::domain::UnitKind::parse(k)
                .ok_or_else(|| StoreError::Fault(format!("unit kind {k:?}")))
        };
        let awarder = match (r.awarder_id, r.awarder_path, r.awarder_kind) {
            (Some(id), Some(path), Some(k)) => Some(HeadUnit {
                id,
                path,
                kind: kind(&k)?,
            }),
            _ => None,
        };
        Ok(Some(ProposalHead {
            id: r.id,
            proposer: HeadUnit {
                id: r.proposer_id,
                path: r.proposer_path,
                kind: kind(&r.proposer_kind)?,
            },
            awarder,
            year: r.year,
            occasion: occasion(&r.occasion)?,
            form: form(&r.form)?,
            title: r.title,
            state: ProposalState::parse(&r.state)
                .ok_or_else(|| StoreError::Fault(format!("state {:?}", r.state)))?,
            version: r.version,
            submitted_on: r.submitted_on,
        }))
    }

    pub(crate) async fn commendations_proposal(
        &self,
        id: i64,
    ) -> Result<Option<ProposalRecord>, StoreError> {
        let row: Option<ProposalDbRow> =
            sqlx::query_as(&format!("SELECT {PROPOSAL_COLUMNS} WHERE p.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(TryInto::try_into).transpose()
    }

    pub(crate) async fn commendations_nominees(
        &self,
        where_: &str,
        id: i64,
    ) -> Result<Vec<NomineeRecord>, StoreError> {
        let rows: Vec<NomineeDbRow> = sqlx::query_as(&format!(
            "SELECT {NOMINEE_COLUMNS} WHERE {where_} = $1 ORDER BY n.position"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    pub(crate) async fn commendations_list(
        &self,
        column: &str,
        unit_ids: &[i64],
        province: bool,
        year: Option<i32>,
        limit: i64,
    ) -> Result<Vec<ProposalRow>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            proposer_code: String,
            proposer_name: String,
            proposer_kind: String,
            awarder_code: Option<String>,
            awarder_name: Option<String>,
            awarder_kind: Option<String>,
            year: i32,
            occasion: String,
            form: String,
            title: String,
            state: String,
            nominees: i64,
            updated_at: chrono::DateTime<chrono::Utc>,
        }
        let mut places = format!("p.{column} IN ({})", list(3, unit_ids.len().max(1)));
        if province {
            places = format!("({places} OR p.awarder_id IS NULL)");
        }
        // Addressed lists leave out drafts (nobody has sent them yet).
        let drafts = if column == "awarder_id" {
            " AND p.state <> 'draft'"
        } else {
            ""
        };
        let sql = format!(
            "SELECT p.id, pu.code AS proposer_code, pu.name AS proposer_name, pu.kind AS proposer_kind, \
             au.code AS awarder_code, au.name AS awarder_name, au.kind AS awarder_kind, p.year, \
             p.occasion, p.form, p.title, p.state, \
             (SELECT COUNT(*) FROM commendation_nominees n WHERE n.proposal_id = p.id) AS nominees, \
             p.updated_at FROM commendation_proposals p JOIN units pu ON pu.id = p.proposer_id \
             LEFT JOIN units au ON au.id = p.awarder_id \
             WHERE {places}{drafts} AND ($1 IS NULL OR p.year = $1) \
             ORDER BY p.updated_at DESC, p.id DESC LIMIT $2"
        );
        let mut q = sqlx::query_as::<_, Row>(&sql).bind(year).bind(limit);
        if unit_ids.is_empty() {
            q = q.bind(-1i64);
        }
        for id in unit_ids {
            q = q.bind(*id);
        }
        q.fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|r| {
                let awarder = optional_unit_ref(r.awarder_code, r.awarder_name, r.awarder_kind)?;
                Ok(ProposalRow {
                    id: r.id,
                    proposer: unit_ref(r.proposer_code, r.proposer_name, &r.proposer_kind)?,
                    awarder,
                    year: r.year,
                    occasion: occasion(&r.occasion)?,
                    form: form(&r.form)?,
                    title: r.title,
                    state: ProposalState::parse(&r.state)
                        .ok_or_else(|| StoreError::Fault(format!("state {:?}", r.state)))?,
                    nominees: r.nominees,
                    updated_at: r.updated_at,
                })
            })
            .collect()
    }

    pub(crate) async fn commendations_claimed(
        &self,
        subjects: &[Subject],
        year: i32,
        occasion: Occasion,
        form: Form,
        except: Option<i64>,
    ) -> Result<Vec<Subject>, StoreError> {
        if subjects.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT c.subject FROM commendation_claims c JOIN commendation_nominees n ON n.id = c.nominee_id \
             WHERE c.year = $1 AND c.occasion = $2 AND c.form = $3 AND ($4 IS NULL OR n.proposal_id <> $4) \
             AND c.subject IN ({})",
            list(5, subjects.len())
        );
        let mut q = sqlx::query_scalar::<_, String>(&sql)
            .bind(year)
            .bind(occasion.as_str())
            .bind(form.as_str())
            .bind(except);
        for s in subjects {
            q = q.bind(s.key());
        }
        let taken = q.fetch_all(&self.pool).await?;
        Ok(subjects
            .iter()
            .copied()
            .filter(|s| taken.contains(&s.key()))
            .collect())
    }

    pub(crate) async fn commendations_grades(
        &self,
        sql: &str,
        ids: &[i64],
        years: std::ops::RangeInclusive<i32>,
    ) -> Result<Vec<(i64, i32, Grade)>, StoreError> {
        let mut out = Vec::new();
        // Bounded parameter lists, well within either backend's limit.
        for chunk in ids.chunks(500) {
            let sql = sql.replace("{ids}", &list(3, chunk.len()));
            let mut q = sqlx::query_as::<_, (i64, i32, String)>(&sql)
                .bind(*years.start())
                .bind(*years.end());
            for id in chunk {
                q = q.bind(*id);
            }
            for (id, year, grade) in q.fetch_all(&self.pool).await? {
                let g = Grade::parse(&grade)
                    .ok_or_else(|| StoreError::Fault(format!("grade {grade:?}")))?;
                out.push((id, year, g));
            }
        }
        Ok(out)
    }

    pub(crate) async fn commendations_decisions(
        &self,
        f: &DecisionFilter,
    ) -> Result<Vec<DecisionRow>, StoreError> {
        let mut qb = QueryBuilder::<Db>::new(format!("SELECT {DECISION_COLUMNS} WHERE 1 = 1"));
        if !f.all {
            qb.push(" AND (");
            if f.province {
                qb.push("d.issuer_id IS NULL OR ");
            }
            // Nothing matches an empty choice.
            qb.push("1 = 0");
            for line in f.lines.iter().take(64) {
                // The issuer's path starts the line's: the unit or one above.
                qb.push(" OR substr(")
                    .push_bind(line.clone())
                    .push(", 1, length(i.path)) = i.path");
            }
            for tree in f.subtrees.iter().take(64) {
                qb.push(" OR (i.path >= ")
                    .push_bind(tree.clone())
                    .push(" AND i.path < ")
                    .push_bind(crate::store::path_upper_bound(tree))
                    .push(")");
            }
            qb.push(")");
        } else if !f.province {
            qb.push(" AND d.issuer_id IS NOT NULL");
        }
        if let Some(year) = f.year {
            qb.push(" AND d.year = ").push_bind(year);
        }
        if let Some(words) = f.search.as_deref().filter(|s| !s.trim().is_empty()) {
            for word in words.split_whitespace().take(8) {
                let like = format!("%{}%", word.replace(['%', '_'], ""));
                // The number folded as the search is ("QĐ/ĐUK" → "qd/duk");
                // SQLite's LOWER leaves the capital Đ, PostgreSQL's makes it đ.
                qb.push(" AND (REPLACE(REPLACE(LOWER(d.number), 'Đ', 'd'), 'đ', 'd') LIKE ")
                    .push_bind(like.clone())
                    .push(
                        " OR EXISTS (SELECT 1 FROM commendation_nominees r \
                           LEFT JOIN members rm ON rm.id = r.member_id \
                           LEFT JOIN units ru ON ru.id = r.unit_id \
                           WHERE r.decision_id = d.id AND (rm.search_key LIKE ",
                    )
                    .push_bind(like.clone())
                    .push(" OR ru.search_key LIKE ")
                    .push_bind(like)
                    .push(")))");
            }
        }
        qb.push(" ORDER BY d.decided_on DESC, d.id DESC LIMIT ")
            .push_bind(f.limit)
            .push(" OFFSET ")
            .push_bind(f.offset);
        let rows: Vec<DecisionDbRow> = qb
            .build_query_as::<DecisionDbRow>()
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    pub(crate) async fn commendations_decision(
        &self,
        id: i64,
    ) -> Result<Option<DecisionRow>, StoreError> {
        let row: Option<DecisionDbRow> =
            sqlx::query_as(&format!("SELECT {DECISION_COLUMNS} WHERE d.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(TryInto::try_into).transpose()
    }

    pub(crate) async fn commendations_decision_proposal(
        &self,
        id: i64,
    ) -> Result<Option<i64>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT proposal_id FROM decisions WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    pub(crate) async fn commendations_awards(
        &self,
        subject: Subject,
    ) -> Result<Vec<AwardRow>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            number: String,
            decided_on: chrono::NaiveDate,
            issuer_code: Option<String>,
            issuer_name: Option<String>,
            issuer_kind: Option<String>,
            year: i32,
            occasion: String,
            form: String,
            title: String,
        }
        let (column, id) = match subject {
            Subject::Member(id) => ("member_id", id),
            Subject::Unit(id) => ("unit_id", id),
        };
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT d.id, d.number, d.decided_on, i.code AS issuer_code, i.name AS issuer_name, \
             i.kind AS issuer_kind, d.year, d.occasion, d.form, d.title \
             FROM commendation_nominees n JOIN decisions d ON d.id = n.decision_id \
             LEFT JOIN units i ON i.id = d.issuer_id WHERE n.{column} = $1 \
             ORDER BY d.decided_on DESC, d.id DESC"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                let issuer = optional_unit_ref(r.issuer_code, r.issuer_name, r.issuer_kind)?;
                Ok(AwardRow {
                    decision: DecisionRef {
                        id: r.id,
                        number: r.number,
                        decided_on: r.decided_on,
                    },
                    issuer,
                    year: r.year,
                    occasion: occasion(&r.occasion)?,
                    form: form(&r.form)?,
                    title: r.title,
                })
            })
            .collect()
    }
}

#[async_trait::async_trait]
impl CommendationStore for This {
    async fn create_proposal(
        &self,
        proposal: &NewProposal,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        self.commendations_create(proposal, audit).await
    }

    async fn proposal_head(&self, id: i64) -> Result<Option<ProposalHead>, StoreError> {
        self.commendations_head(id).await
    }

    async fn proposal(&self, id: i64) -> Result<Option<ProposalRecord>, StoreError> {
        self.commendations_proposal(id).await
    }

    async fn nominees(&self, proposal_id: i64) -> Result<Vec<NomineeRecord>, StoreError> {
        self.commendations_nominees("n.proposal_id", proposal_id)
            .await
    }

    async fn proposal_step(
        &self,
        id: i64,
        expected_version: i64,
        change: &ProposalChange,
        audit: &AuditEntry,
        notify: &[NewNotification],
    ) -> Result<StepResult, StoreError> {
        self.commendations_step(id, expected_version, change, audit, notify)
            .await
    }

    async fn proposals_from(
        &self,
        unit_ids: &[i64],
        year: Option<i32>,
        limit: i64,
    ) -> Result<Vec<ProposalRow>, StoreError> {
        self.commendations_list("proposer_id", unit_ids, false, year, limit)
            .await
    }

    async fn proposals_to(
        &self,
        unit_ids: &[i64],
        province: bool,
        year: Option<i32>,
        limit: i64,
    ) -> Result<Vec<ProposalRow>, StoreError> {
        self.commendations_list("awarder_id", unit_ids, province, year, limit)
            .await
    }

    async fn claimed(
        &self,
        subjects: &[Subject],
        year: i32,
        occasion: Occasion,
        form: Form,
        except: Option<i64>,
    ) -> Result<Vec<Subject>, StoreError> {
        self.commendations_claimed(subjects, year, occasion, form, except)
            .await
    }

    async fn member_grades(
        &self,
        member_ids: &[i64],
        years: std::ops::RangeInclusive<i32>,
    ) -> Result<Vec<(i64, i32, Grade)>, StoreError> {
        self.commendations_grades(
            "SELECT member_id, year, final_grade FROM commitments \
             WHERE year BETWEEN $1 AND $2 AND final_grade IS NOT NULL AND member_id IN ({ids})",
            member_ids,
            years,
        )
        .await
    }

    async fn unit_grades(
        &self,
        unit_ids: &[i64],
        years: std::ops::RangeInclusive<i32>,
    ) -> Result<Vec<(i64, i32, Grade)>, StoreError> {
        self.commendations_grades(
            "SELECT unit_id, year, grade FROM unit_grades \
             WHERE year BETWEEN $1 AND $2 AND unit_id IN ({ids})",
            unit_ids,
            years,
        )
        .await
    }

    async fn decisions(&self, filter: &DecisionFilter) -> Result<Vec<DecisionRow>, StoreError> {
        self.commendations_decisions(filter).await
    }

    async fn decision(&self, id: i64) -> Result<Option<DecisionRow>, StoreError> {
        self.commendations_decision(id).await
    }

    async fn recipients(&self, decision_id: i64) -> Result<Vec<NomineeRecord>, StoreError> {
        self.commendations_nominees("n.decision_id", decision_id)
            .await
    }

    async fn decision_proposal(&self, decision_id: i64) -> Result<Option<i64>, StoreError> {
        self.commendations_decision_proposal(decision_id).await
    }

    async fn awards_of(&self, subject: Subject) -> Result<Vec<AwardRow>, StoreError> {
        self.commendations_awards(subject).await
    }

    async fn add_attachment(
        &self,
        proposal_id: i64,
        file: &NewAttachment,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        use crate::domain::attachment::MAX_FILES;
        let mut tx = self.write_tx().await?;
        let held: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM proposal_attachments WHERE proposal_id = $1")
                .bind(proposal_id)
                .fetch_one(&mut *tx)
                .await?;
        if held >= MAX_FILES {
            return Err(StoreError::Invalid(format!("{MAX_FILES} files already")));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO proposal_attachments (proposal_id, name, content_type, size, sha256, \
             data, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(proposal_id)
        .bind(&file.name)
        .bind(file.kind.content_type())
        .bind(file.data.len() as i64)
        .bind(&file.sha256)
        .bind(&file.data)
        .bind(file.uploaded_by)
        .bind(chrono::Utc::now())
        .fetch_one(&mut *tx)
        .await?;
        let path: String = sqlx::query_scalar(
            "SELECT u.path FROM commendation_proposals p JOIN units u ON u.id = p.proposer_id \
             WHERE p.id = $1",
        )
        .bind(proposal_id)
        .fetch_one(&mut *tx)
        .await?;
        write_audit(&mut tx, proposal_id, audit, &path).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn attachments(&self, proposal_id: i64) -> Result<Vec<AttachmentRow>, StoreError> {
        let rows: Vec<(i64, String, String, i64, chrono::DateTime<chrono::Utc>)> = sqlx::query_as(
            "SELECT id, name, content_type, size, uploaded_at FROM proposal_attachments \
             WHERE proposal_id = $1 ORDER BY id",
        )
        .bind(proposal_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, name, content_type, size, uploaded_at)| AttachmentRow {
                    id,
                    name,
                    content_type,
                    size,
                    uploaded_at,
                },
            )
            .collect())
    }

    async fn attachment(&self, id: i64) -> Result<Option<(AttachmentRow, i64)>, StoreError> {
        let row: Option<(i64, String, String, i64, chrono::DateTime<chrono::Utc>, i64)> =
            sqlx::query_as(
                "SELECT id, name, content_type, size, uploaded_at, proposal_id \
                 FROM proposal_attachments WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(
            row.map(|(id, name, content_type, size, uploaded_at, proposal)| {
                (
                    AttachmentRow {
                        id,
                        name,
                        content_type,
                        size,
                        uploaded_at,
                    },
                    proposal,
                )
            }),
        )
    }

    async fn attachment_data(&self, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT data FROM proposal_attachments WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn remove_attachment(&self, id: i64, audit: &AuditEntry) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let found: Option<(i64, String)> = sqlx::query_as(
            "SELECT a.proposal_id, u.path FROM proposal_attachments a \
             JOIN commendation_proposals p ON p.id = a.proposal_id \
             JOIN units u ON u.id = p.proposer_id WHERE a.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let (proposal_id, path) = found.ok_or(StoreError::NotFound)?;
        sqlx::query("DELETE FROM proposal_attachments WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        write_audit(&mut tx, proposal_id, audit, &path).await?;
        tx.commit().await?;
        Ok(())
    }
}
