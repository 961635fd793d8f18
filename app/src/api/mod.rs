//! Server functions, one module per capability. Each is thin:
//! authenticate → authorize (domain) → store → emit event.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod backups;
pub mod badges;
pub mod bodies;
pub mod change;
pub mod commendations;
pub mod commitments;
pub mod error;
pub mod export;
pub mod good_models;
pub mod import;
pub mod inbox;
pub mod org;
pub mod stats;
pub mod summary;
pub mod targets;
pub mod years;

pub use error::ApiError;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod one_time;

/// A unit's name for lists that mix organisations: cells and lower units get
/// their parent's name, since "Chi bộ Văn phòng" exists in many committees.
#[cfg(feature = "ssr")]
pub async fn unit_label(
    store: &crate::store::DynStore,
    unit: &crate::store::model::Unit,
) -> Result<String, crate::store::StoreError> {
    use crate::domain::UnitKind;
    if matches!(
        unit.kind,
        UnitKind::Bloc | UnitKind::GrassrootsCommittee | UnitKind::GrassrootsCell
    ) {
        return Ok(unit.name.clone());
    }
    Ok(match unit.parent_id {
        Some(id) => match store.unit_by_id(id).await? {
            Some(parent) => format!("{} ({})", unit.name, parent.name),
            None => unit.name.clone(),
        },
        None => unit.name.clone(),
    })
}
