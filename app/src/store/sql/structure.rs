//! The statements of structural changes, compiled once per backend: the including module names its
//! store type `This` and its database `Db`.

use super::{Db, This};

#[allow(dead_code)]
type Conn = <Db as sqlx::Database>::Connection;

/// A unit a structural change names, with its active members and open children.
#[derive(sqlx::FromRow)]
struct UnitFactsRow {
    code: String,
    kind: String,
    path: String,
    valid_from: chrono::NaiveDate,
    valid_to: Option<chrono::NaiveDate>,
    parent_id: Option<i64>,
    members: i64,
    children: i64,
}

/// A member a structural change names, with their cell's code.
#[derive(sqlx::FromRow)]
struct MemberFactsRow {
    id: i64,
    status: String,
    cell_code: String,
    admission_date: chrono::NaiveDate,
}

#[async_trait::async_trait]
impl crate::store::structure::StructureStore for This {
    async fn structure_facts(
        &self,
        units: &[String],
        members: &[i64],
        new_codes: &[String],
    ) -> Result<
        (
            Vec<crate::domain::structure::UnitFacts>,
            Vec<crate::domain::structure::MemberFacts>,
            Vec<String>,
        ),
        crate::store::StoreError,
    > {
        use crate::store::structure::ACTIVE;
        let mut conn = self.pool.acquire().await?;
        let mut unit_facts = Vec::new();
        for code in units {
            let row: Option<UnitFactsRow> = sqlx::query_as(&format!(
                "SELECT u.code, u.kind, u.path, u.valid_from, u.valid_to, u.parent_id, \
                 (SELECT COUNT(*) FROM members m WHERE m.cell_id = u.id AND m.status IN {ACTIVE}) AS members, \
                 (SELECT COUNT(*) FROM units c WHERE c.parent_id = u.id AND c.valid_to IS NULL) AS children \
                 FROM units u WHERE u.code = $1"
            ))
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?;
            if let Some(r) = row {
                unit_facts.push(crate::domain::structure::UnitFacts {
                    code: r.code,
                    kind: crate::domain::UnitKind::parse(&r.kind)
                        .ok_or_else(|| crate::store::StoreError::Fault(r.kind.clone()))?,
                    path: r.path,
                    valid_from: r.valid_from,
                    open: r.valid_to.is_none(),
                    is_root: r.parent_id.is_none(),
                    members: r.members,
                    children: r.children,
                });
            }
        }
        let mut member_facts = Vec::new();
        for id in members {
            let row: Option<MemberFactsRow> = sqlx::query_as(
                "SELECT m.id, m.status, c.code AS cell_code, m.admission_date FROM members m \
                 JOIN units c ON c.id = m.cell_id WHERE m.id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            if let Some(r) = row {
                member_facts.push(crate::domain::structure::MemberFacts {
                    member_id: r.id,
                    status: crate::store::org::parse_status(&r.status)?,
                    cell: r.cell_code,
                    admission_date: r.admission_date,
                });
            }
        }
        let mut taken = Vec::new();
        for code in new_codes {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM units WHERE code = $1")
                .bind(code)
                .fetch_one(&mut *conn)
                .await?;
            if n > 0 {
                taken.push(code.clone());
            }
        }
        Ok((unit_facts, member_facts, taken))
    }

    async fn apply_structure(
        &self,
        dated: &crate::domain::structure::Dated,
        audit: &crate::store::model::AuditEntry,
        commit: bool,
    ) -> Result<crate::domain::structure::Outcome, crate::store::StoreError> {
        use crate::domain::structure::{Change, MergeTarget};
        let date = dated.date;
        let mut tx = self.write_tx().await?;
        let mut out = crate::domain::structure::Outcome {
            members_before: Self::active_members(&mut tx).await?,
            ..Default::default()
        };
        let mut structural = true;
        match &dated.change {
            Change::Create {
                parent,
                kind,
                code,
                name,
            } => {
                let parent = Self::open_unit(&mut tx, parent).await?;
                Self::insert_unit(&mut tx, &parent, *kind, code, name, date).await?;
                out.units_created.push(code.clone());
                out.focus = Some(code.clone());
            }
            Change::Rename { unit, name } => {
                let u = Self::open_unit(&mut tx, unit).await?;
                let name = crate::domain::text::nfc(name.trim());
                sqlx::query(
                    "UPDATE units SET name = $1, sort_key = $2, search_key = $3 WHERE id = $4",
                )
                .bind(&name)
                .bind(crate::domain::text::collation_key(&name))
                .bind(crate::domain::text::fold(&name))
                .bind(u.id)
                .execute(&mut *tx)
                .await?;
                Self::event(
                    &mut tx,
                    u.id,
                    "rename",
                    date,
                    None,
                    &format!("{} → {}", u.name, name),
                )
                .await?;
                out.focus = Some(u.code);
                structural = false;
            }
            Change::Move { unit, parent } => {
                let u = Self::open_unit(&mut tx, unit).await?;
                let p = Self::open_unit(&mut tx, parent).await?;
                Self::reparent(&mut tx, &u, &p, date).await?;
                Self::event(&mut tx, u.id, "move", date, Some(p.id), "").await?;
                out.units_moved += 1;
                out.focus = Some(u.code);
            }
            Change::Merge { sources, into } => {
                let first = Self::open_unit(&mut tx, &sources[0]).await?;
                let target = match into {
                    MergeTarget::Existing(code) => Self::open_unit(&mut tx, code).await?,
                    MergeTarget::New { code, name } => {
                        let parent_id =
                            first.parent_id.ok_or(crate::store::StoreError::NotFound)?;
                        let parent = Self::unit_by_id_tx(&mut tx, parent_id).await?;
                        out.units_created.push(code.clone());
                        Self::insert_unit(&mut tx, &parent, first.kind, code, name, date).await?
                    }
                };
                for code in sources {
                    let s = Self::open_unit(&mut tx, code).await?;
                    let (moved, ended) = Self::move_members(
                        &mut tx,
                        s.id,
                        target.id,
                        date,
                        &format!("Hợp nhất vào {}", target.name),
                    )
                    .await?;
                    out.members_moved += moved;
                    out.positions_ended += ended;
                    let children: Vec<crate::store::UnitRow> = sqlx::query_as(
                        "SELECT id, code, name, kind, parent_id, path, valid_from, valid_to FROM units \
                         WHERE parent_id = $1 AND valid_to IS NULL",
                    )
                    .bind(s.id)
                    .fetch_all(&mut *tx)
                    .await?;
                    for child in children {
                        let child = crate::store::model::Unit::try_from(child)?;
                        let target = Self::unit_by_id_tx(&mut tx, target.id).await?;
                        Self::reparent(&mut tx, &child, &target, date).await?;
                        out.units_moved += 1;
                    }
                    out.positions_ended += Self::close_unit(&mut tx, s.id, date).await?;
                    Self::event(&mut tx, s.id, "merge", date, Some(target.id), "").await?;
                    out.units_closed.push(s.code);
                }
                out.focus = Some(target.code);
            }
            Change::Split { source, parts } => {
                let s = Self::open_unit(&mut tx, source).await?;
                let parent_id = s.parent_id.ok_or(crate::store::StoreError::NotFound)?;
                let parent = Self::unit_by_id_tx(&mut tx, parent_id).await?;
                for part in parts {
                    let new =
                        Self::insert_unit(&mut tx, &parent, s.kind, &part.code, &part.name, date)
                            .await?;
                    for member in &part.members {
                        Self::transfer(
                            &mut tx,
                            *member,
                            new.id,
                            date,
                            &format!("Chia tách từ {}", s.name),
                        )
                        .await?;
                        out.members_moved += 1;
                    }
                    Self::event(&mut tx, s.id, "split", date, Some(new.id), "").await?;
                    out.units_created.push(part.code.clone());
                }
                out.focus = Some(s.code);
            }
            Change::Dissolve { unit, members_to } => {
                let u = Self::open_unit(&mut tx, unit).await?;
                let related = match members_to {
                    Some(code) => {
                        let to = Self::open_unit(&mut tx, code).await?;
                        let (moved, ended) = Self::move_members(
                            &mut tx,
                            u.id,
                            to.id,
                            date,
                            &format!("Giải thể {}", u.name),
                        )
                        .await?;
                        out.members_moved += moved;
                        out.positions_ended += ended;
                        Some(to.id)
                    }
                    None => None,
                };
                out.positions_ended += Self::close_unit(&mut tx, u.id, date).await?;
                Self::event(&mut tx, u.id, "dissolve", date, related, "").await?;
                out.units_closed.push(u.code.clone());
                out.focus = u.parent_id.map(|_| u.code);
            }
            Change::Transfer { member_id, cell } => {
                let to = Self::open_unit(&mut tx, cell).await?;
                let (_, old_path) = Self::member_cell(&mut tx, *member_id).await?;
                let status = Self::member_status(&mut tx, *member_id).await?;
                let listed = Self::badge_listings(&mut tx, &[*member_id]).await?;
                out.positions_ended += Self::transfer(&mut tx, *member_id, to.id, date, "").await?;
                let moved = Self::badge_listings(&mut tx, &[*member_id]).await?;
                Self::move_badges_due(&mut tx, &listed, &moved).await?;
                Self::adjust_stats(&mut tx, &old_path, status, -1).await?;
                Self::adjust_stats(&mut tx, &to.path, status, 1).await?;
                if status.is_active() {
                    Self::adjust_cohorts(&mut tx, *member_id, &old_path, -1).await?;
                    Self::adjust_cohorts(&mut tx, *member_id, &to.path, 1).await?;
                }
                if status == crate::domain::MemberStatus::Probationary {
                    Self::adjust_probations(&mut tx, *member_id, &old_path, -1).await?;
                    Self::adjust_probations(&mut tx, *member_id, &to.path, 1).await?;
                }
                let admitted: chrono::NaiveDate =
                    sqlx::query_scalar("SELECT admission_date FROM members WHERE id = $1")
                        .bind(member_id)
                        .fetch_one(&mut *tx)
                        .await?;
                let year = chrono::Datelike::year(&admitted);
                Self::adjust_admissions(&mut tx, &old_path, year, -1).await?;
                Self::adjust_admissions(&mut tx, &to.path, year, 1).await?;
                if status.is_active() {
                    Self::count_member_figures(&mut tx, *member_id, &old_path, -1).await?;
                    Self::count_member_figures(&mut tx, *member_id, &to.path, 1).await?;
                }
                out.members_moved = 1;
                out.focus = Some(to.code);
                structural = false;
            }
            Change::SetStatus { member_id, status } => {
                let old = Self::member_status(&mut tx, *member_id).await?;
                let (_, path) = Self::member_cell(&mut tx, *member_id).await?;
                let listed = Self::badge_listings(&mut tx, &[*member_id]).await?;
                let full_date = (*status == crate::domain::MemberStatus::Full
                    && old == crate::domain::MemberStatus::Probationary)
                    .then_some(date);
                sqlx::query(
                    "UPDATE members SET status = $1, full_membership_date = COALESCE($2, full_membership_date), \
                     version = version + 1, updated_at = $3 WHERE id = $4",
                )
                .bind(status.as_str())
                .bind(full_date)
                .bind(chrono::Utc::now())
                .bind(member_id)
                .execute(&mut *tx)
                .await?;
                if !status.is_active() {
                    sqlx::query("UPDATE memberships SET valid_to = $1 WHERE member_id = $2 AND valid_to IS NULL")
                        .bind(date)
                        .bind(member_id)
                        .execute(&mut *tx)
                        .await?;
                    out.positions_ended +=
                        Self::end_positions(&mut tx, *member_id, None, date).await?;
                }
                Self::adjust_stats(&mut tx, &path, old, -1).await?;
                Self::adjust_stats(&mut tx, &path, *status, 1).await?;
                let now_listed = Self::badge_listings(&mut tx, &[*member_id]).await?;
                Self::move_badges_due(&mut tx, &listed, &now_listed).await?;
                let counted = match (old.is_active(), status.is_active()) {
                    (true, false) => -1,
                    (false, true) => 1,
                    _ => 0,
                };
                if counted != 0 {
                    Self::adjust_cohorts(&mut tx, *member_id, &path, counted).await?;
                    Self::count_member_figures(&mut tx, *member_id, &path, counted).await?;
                }
                let probationary =
                    |s: crate::domain::MemberStatus| s == crate::domain::MemberStatus::Probationary;
                match (probationary(old), probationary(*status)) {
                    (true, false) => {
                        Self::adjust_probations(&mut tx, *member_id, &path, -1).await?
                    }
                    (false, true) => Self::adjust_probations(&mut tx, *member_id, &path, 1).await?,
                    _ => {}
                }
                structural = false;
            }
        }
        if structural {
            Self::rebuild_stats(&mut tx).await?;
        }
        out.members_after = Self::active_members(&mut tx).await?;
        if commit {
            let mut entry = audit.clone();
            // The backup taken before the change, when there is one.
            let backup = audit.after.as_ref().and_then(|a| a.get("backup")).cloned();
            entry.after =
                Some(serde_json::json!({ "change": dated, "outcome": out, "backup": backup }));
            Self::write_audit(&mut tx, &entry).await?;
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        Ok(out)
    }
}

impl This {
    pub(super) async fn active_members(conn: &mut Conn) -> Result<i64, crate::store::StoreError> {
        Ok(sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM members WHERE status IN {}",
            crate::store::structure::ACTIVE
        ))
        .fetch_one(&mut *conn)
        .await?)
    }

    pub(super) async fn open_unit(
        conn: &mut Conn,
        code: &str,
    ) -> Result<crate::store::model::Unit, crate::store::StoreError> {
        let row: Option<crate::store::UnitRow> = sqlx::query_as(
            "SELECT id, code, name, kind, parent_id, path, valid_from, valid_to FROM units \
             WHERE code = $1 AND valid_to IS NULL",
        )
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
        row.ok_or(crate::store::StoreError::NotFound)?.try_into()
    }

    pub(super) async fn unit_by_id_tx(
        conn: &mut Conn,
        id: i64,
    ) -> Result<crate::store::model::Unit, crate::store::StoreError> {
        let row: Option<crate::store::UnitRow> = sqlx::query_as(
            "SELECT id, code, name, kind, parent_id, path, valid_from, valid_to FROM units WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        row.ok_or(crate::store::StoreError::NotFound)?.try_into()
    }

    pub(super) async fn insert_unit(
        conn: &mut Conn,
        parent: &crate::store::model::Unit,
        kind: crate::domain::UnitKind,
        code: &str,
        name: &str,
        date: chrono::NaiveDate,
    ) -> Result<crate::store::model::Unit, crate::store::StoreError> {
        use crate::domain::text::{collation_key, fold, nfc};
        let name = nfc(name.trim());
        let depth = parent.path.matches('/').count() as i32 - 1;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO units (code, name, kind, parent_id, path, depth, valid_from, created_at, sort_key, search_key) \
             VALUES ($1, $2, $3, $4, '', $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(code)
        .bind(&name)
        .bind(kind.as_str())
        .bind(parent.id)
        .bind(depth)
        .bind(date)
        .bind(chrono::Utc::now())
        .bind(collation_key(&name))
        .bind(fold(&name))
        .fetch_one(&mut *conn)
        .await?;
        let path = format!("{}{id}/", parent.path);
        sqlx::query("UPDATE units SET path = $1 WHERE id = $2")
            .bind(&path)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "INSERT INTO unit_parents (unit_id, parent_id, valid_from) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(parent.id)
        .bind(date)
        .execute(&mut *conn)
        .await?;
        Self::event(conn, id, "create", date, None, "").await?;
        Self::unit_by_id_tx(conn, id).await
    }

    pub(super) async fn event(
        conn: &mut Conn,
        unit_id: i64,
        kind: &str,
        date: chrono::NaiveDate,
        related: Option<i64>,
        note: &str,
    ) -> Result<(), crate::store::StoreError> {
        sqlx::query(
            "INSERT INTO unit_events (unit_id, kind, event_date, related_unit_id, note, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(unit_id)
        .bind(kind)
        .bind(date)
        .bind(related)
        .bind(note)
        .bind(chrono::Utc::now())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// The unit and its subtree go under `parent` from `date`.
    pub(super) async fn reparent(
        conn: &mut Conn,
        unit: &crate::store::model::Unit,
        parent: &crate::store::model::Unit,
        date: chrono::NaiveDate,
    ) -> Result<(), crate::store::StoreError> {
        sqlx::query(
            "UPDATE unit_parents SET valid_to = $1 WHERE unit_id = $2 AND valid_to IS NULL",
        )
        .bind(date)
        .bind(unit.id)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO unit_parents (unit_id, parent_id, valid_from) VALUES ($1, $2, $3)",
        )
        .bind(unit.id)
        .bind(parent.id)
        .bind(date)
        .execute(&mut *conn)
        .await?;
        let new_path = format!("{}{}/", parent.path, unit.id);
        let shift = new_path.matches('/').count() as i64 - unit.path.matches('/').count() as i64;
        sqlx::query(
            "UPDATE units SET path = $1 || substr(path, CAST($2 AS INTEGER)), depth = depth + $3 \
             WHERE path >= $4 AND path < $5",
        )
        .bind(&new_path)
        .bind(unit.path.len() as i64 + 1)
        .bind(shift)
        .bind(&unit.path)
        .bind(crate::store::path_upper_bound(&unit.path))
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE units SET parent_id = $1 WHERE id = $2")
            .bind(parent.id)
            .bind(unit.id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Closes the unit, its parent link and its positions; returns
    /// how many positions ended.
    pub(super) async fn close_unit(
        conn: &mut Conn,
        unit_id: i64,
        date: chrono::NaiveDate,
    ) -> Result<i64, crate::store::StoreError> {
        sqlx::query("UPDATE units SET valid_to = $1 WHERE id = $2")
            .bind(date)
            .bind(unit_id)
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "UPDATE unit_parents SET valid_to = $1 WHERE unit_id = $2 AND valid_to IS NULL",
        )
        .bind(date)
        .bind(unit_id)
        .execute(&mut *conn)
        .await?;
        let ended = sqlx::query(
            "UPDATE positions SET valid_to = $1 WHERE unit_id = $2 AND (valid_to IS NULL OR valid_to > $1)",
        )
        .bind(date)
        .bind(unit_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        Ok(ended as i64)
    }

    /// Every active member of cell `from` goes to `to` on `date`;
    /// returns how many, and how many positions ended with it.
    pub(super) async fn move_members(
        conn: &mut Conn,
        from: i64,
        to: i64,
        date: chrono::NaiveDate,
        note: &str,
    ) -> Result<(i64, i64), crate::store::StoreError> {
        let ids: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT id FROM members WHERE cell_id = $1 AND status IN {}",
            crate::store::structure::ACTIVE
        ))
        .bind(from)
        .fetch_all(&mut *conn)
        .await?;
        let mut positions = 0;
        for id in &ids {
            positions += Self::transfer(conn, *id, to, date, note).await?;
        }
        Ok((ids.len() as i64, positions))
    }

    /// One member to cell `to`: the open membership closes, a new one
    /// opens, positions held in the old cell end. Returns those.
    pub(super) async fn transfer(
        conn: &mut Conn,
        member_id: i64,
        to: i64,
        date: chrono::NaiveDate,
        note: &str,
    ) -> Result<i64, crate::store::StoreError> {
        let (old_cell, _) = Self::member_cell(conn, member_id).await?;
        sqlx::query(
            "UPDATE memberships SET valid_to = $1 WHERE member_id = $2 AND valid_to IS NULL",
        )
        .bind(date)
        .bind(member_id)
        .execute(&mut *conn)
        .await?;
        sqlx::query("INSERT INTO memberships (member_id, unit_id, valid_from, note) VALUES ($1, $2, $3, $4)")
            .bind(member_id)
            .bind(to)
            .bind(date)
            .bind(note)
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "UPDATE members SET cell_id = $1, version = version + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(to)
        .bind(chrono::Utc::now())
        .bind(member_id)
        .execute(&mut *conn)
        .await?;
        Self::end_positions(conn, member_id, Some(old_cell), date).await
    }

    /// Ends the member's open positions (in `unit` only, when given).
    pub(super) async fn end_positions(
        conn: &mut Conn,
        member_id: i64,
        unit: Option<i64>,
        date: chrono::NaiveDate,
    ) -> Result<i64, crate::store::StoreError> {
        let done = sqlx::query(
            "UPDATE positions SET valid_to = $1 WHERE member_id = $2 \
             AND ($3 IS NULL OR unit_id = $3) AND (valid_to IS NULL OR valid_to > $1)",
        )
        .bind(date)
        .bind(member_id)
        .bind(unit)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() as i64)
    }

    pub(super) async fn member_cell(
        conn: &mut Conn,
        member_id: i64,
    ) -> Result<(i64, String), crate::store::StoreError> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT c.id, c.path FROM members m JOIN units c ON c.id = m.cell_id WHERE m.id = $1",
        )
        .bind(member_id)
        .fetch_optional(&mut *conn)
        .await?;
        row.ok_or(crate::store::StoreError::NotFound)
    }

    pub(super) async fn member_status(
        conn: &mut Conn,
        member_id: i64,
    ) -> Result<crate::domain::MemberStatus, crate::store::StoreError> {
        let s: String = sqlx::query_scalar("SELECT status FROM members WHERE id = $1")
            .bind(member_id)
            .fetch_one(&mut *conn)
            .await?;
        crate::store::org::parse_status(&s)
    }

    /// Adds `delta` members of `status` to every unit on `path`.
    pub(super) async fn adjust_stats(
        conn: &mut Conn,
        path: &str,
        status: crate::domain::MemberStatus,
        delta: i64,
    ) -> Result<(), crate::store::StoreError> {
        use crate::domain::MemberStatus;
        let column = match status {
            MemberStatus::Full => "full_members",
            MemberStatus::Probationary => "probationary_members",
            MemberStatus::Exempt => "exempt_members",
            _ => return Ok(()),
        };
        let ids = crate::domain::org::path_ids(path)
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        if ids.is_empty() {
            return Ok(());
        }
        sqlx::query(&format!(
            "UPDATE unit_stats SET {column} = {column} + $1 WHERE unit_id IN ({ids})"
        ))
        .bind(delta)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
