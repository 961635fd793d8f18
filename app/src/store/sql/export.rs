//! The export statements, compiled once per backend: the including module names its
//! store type `This` and its database `Db`.

use super::{Db, This};

#[allow(dead_code)]
type Conn = <Db as sqlx::Database>::Connection;

#[async_trait::async_trait]
impl crate::store::export::ExportStore for This {
    async fn export_units(
        &self,
        root: &crate::store::model::Unit,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<crate::store::export::ExportUnit>, crate::store::StoreError> {
        use crate::store::export::UnitRow;
        let today = chrono::Utc::now().date_naive();
        // $1/$2 the subtree's path range, $3 the cursor, $4 the limit, $5 today.
        let rows: Vec<UnitRow> = sqlx::query_as(
            "SELECT u.code, u.name, u.kind, p.code AS parent_code, \
             COALESCE(s.full_members, 0) AS full_members, \
             COALESCE(s.probationary_members, 0) AS probationary_members, \
             (SELECT m.full_name FROM positions ps JOIN members m ON m.id = ps.member_id \
              WHERE ps.unit_id = u.id AND ps.role = 'secretary' AND ps.valid_from <= $5 \
              AND (ps.valid_to IS NULL OR ps.valid_to > $5) \
              ORDER BY ps.valid_from DESC LIMIT 1) AS secretary, \
             u.valid_from, u.path \
             FROM units u LEFT JOIN units p ON p.id = u.parent_id \
             LEFT JOIN unit_stats s ON s.unit_id = u.id \
             WHERE u.path >= $1 AND u.path < $2 AND u.path > $3 AND u.valid_to IS NULL \
             ORDER BY u.path LIMIT $4",
        )
        .bind(&root.path)
        .bind(crate::store::path_upper_bound(&root.path))
        .bind(after.unwrap_or(""))
        .bind(limit)
        .bind(today)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(UnitRow::into_unit).collect()
    }

    async fn export_members(
        &self,
        root: &crate::store::model::Unit,
        after: Option<&crate::store::export::MemberCursor>,
        limit: i64,
    ) -> Result<Vec<crate::store::export::ExportMember>, crate::store::StoreError> {
        use crate::store::export::MemberRow;
        let start = crate::store::export::MemberCursor::default();
        let after = after.unwrap_or(&start);
        // Keyset on (cell path, name key, id), spelt out: both backends
        // use the (path, ...) order of the indexes alike.
        let rows: Vec<MemberRow> = sqlx::query_as(
            "SELECT m.id, m.card_number, m.full_name, m.name_key, m.gender, m.birth_date, \
             m.admission_date, m.status, m.job_title, c.code AS cell_code, c.name AS cell_name, \
             c.path AS cell_path \
             FROM members m JOIN units c ON c.id = m.cell_id \
             WHERE c.path >= $1 AND c.path < $2 \
             AND m.status IN ('probationary', 'full', 'exempt') \
             AND (c.path > $3 OR (c.path = $3 AND (m.name_key > $4 OR (m.name_key = $4 AND m.id > $5)))) \
             ORDER BY c.path, m.name_key, m.id LIMIT $6",
        )
        .bind(&root.path)
        .bind(crate::store::path_upper_bound(&root.path))
        .bind(&after.cell_path)
        .bind(&after.name_key)
        .bind(after.id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(MemberRow::into_member).collect()
    }

    async fn count_export_units(
        &self,
        root: &crate::store::model::Unit,
        at_most: i64,
    ) -> Result<i64, crate::store::StoreError> {
        // The inner LIMIT stops the scan: a check, not a census.
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM (SELECT 1 FROM units u \
             WHERE u.path >= $1 AND u.path < $2 AND u.valid_to IS NULL LIMIT $3) t",
        )
        .bind(&root.path)
        .bind(crate::store::path_upper_bound(&root.path))
        .bind(at_most.max(0))
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    async fn count_export_members(
        &self,
        root: &crate::store::model::Unit,
        at_most: i64,
    ) -> Result<i64, crate::store::StoreError> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM (SELECT 1 FROM members m JOIN units c ON c.id = m.cell_id \
             WHERE c.path >= $1 AND c.path < $2 \
             AND m.status IN ('probationary', 'full', 'exempt') LIMIT $3) t",
        )
        .bind(&root.path)
        .bind(crate::store::path_upper_bound(&root.path))
        .bind(at_most.max(0))
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }
}
