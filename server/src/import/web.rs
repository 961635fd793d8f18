//! The import page's form posts and the templates.
//!
//! `POST /nhap-du-lieu` takes either the upload (a multipart form: the file
//! is read and checked, nothing written) or the confirmation (a plain form:
//! write all rows, or only the valid ones, or cancel). Both answer with a
//! redirect to the page, which shows the report or the outcome; scripts that
//! send the upload themselves (for its progress) ask with
//! `X-Requested-With: XMLHttpRequest` and get the redirect's target as text.
//!
//! Between the check and the confirmation the checked rows stay on the
//! server, never with the browser: the client cannot change what was checked,
//! and a 10 MB file is not sent twice. They are kept as a record of their own
//! in the session store (the database table every instance shares, with its
//! expiry and clean-up), under a random id; the user's own session holds only
//! that id and the report, so it stays small for every other request. The
//! confirmation must name the id in the session, the record must belong to
//! the same account, and the rows are checked once more against the database
//! as it is then.

use crate::export::Address;
use crate::http::{AppState, Caller, ClientAddr, HttpError, Text};
use app::api::import::{
    DONE_KEY, Done, IMPORT_PAGE, PENDING_KEY, Pending, SHOWN_ERRORS, may_import,
};
use app::domain::UnitKind;
use app::domain::authz::{Action, Actor, Target, can};
use app::domain::import::{Batch, MAX_FILE_BYTES, Sheet, lookups, recheck};
use app::domain::text::clean;
use app::store::StoreError;
use app::store::model::AuditEntry;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, FromRequest, Multipart, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::str::FromStr;
use tower_sessions::Session;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::SessionStore;

/// Bodies up to this size are read to the end, so that a file over the
/// limit gets the page's message rather than a cut connection.
const BODY_CAP: usize = 4 * MAX_FILE_BYTES;
/// How long checked rows wait for the confirmation.
const PENDING_MINUTES: i64 = 60;
/// The multipart field of the file.
const FILE_FIELD: &str = "tep";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/nhap-du-lieu/mau.xlsx", get(template_xlsx))
        .route("/nhap-du-lieu/mau.csv", get(template_csv))
        .route(IMPORT_PAGE, post(submit))
        .layer(DefaultBodyLimit::max(BODY_CAP))
}

async fn template_xlsx() -> Result<Response, HttpError> {
    let bytes = super::template::xlsx().map_err(|e| HttpError::internal("import template", e))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "mau-nhap-du-lieu.xlsx",
    ))
}

#[derive(Deserialize)]
struct TemplateQuery {
    bang: Option<String>,
}

async fn template_csv(Address(Query(q)): Address<Query<TemplateQuery>>) -> Response {
    let (sheet, name) = match q.bang.as_deref() {
        Some("don-vi") => (Sheet::Units, "mau-don-vi.csv"),
        _ => (Sheet::Members, "mau-dang-vien.csv"),
    };
    download(super::template::csv(sheet), "text/csv; charset=utf-8", name)
}

fn download(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

fn failed(e: impl std::fmt::Display) -> HttpError {
    HttpError::internal("import", e)
}

fn refused(actor: &Actor) -> HttpError {
    HttpError::refusal(actor, Text::of(|s| s.import_forbidden))
}

/// Back to the page (with an error code for it to explain).
fn back(xhr: bool, error: Option<&str>) -> Response {
    let url = match error {
        Some(code) => format!("{IMPORT_PAGE}?loi={code}"),
        None => IMPORT_PAGE.to_string(),
    };
    if xhr {
        ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], url).into_response()
    } else {
        crate::redirect::to(&url)
    }
}

/// Whether `actor` may add a unit or member under the unit (`kind`, `path`).
fn may_change(actor: &Actor) -> impl Fn(UnitKind, &str) -> bool + Sync + '_ {
    move |kind, path| can(actor, Action::ChangeStructure, Target::Unit { kind, path })
}

async fn submit(
    State(state): State<AppState>,
    session: Session,
    Caller(actor): Caller,
    ClientAddr { audit: address, .. }: ClientAddr,
    req: Request,
) -> Result<Response, HttpError> {
    if !may_import(&actor) {
        return Err(refused(&actor));
    }
    let xhr = req
        .headers()
        .get("x-requested-with")
        .is_some_and(|v| v.as_bytes() == b"XMLHttpRequest");
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if multipart {
        upload(state, session, actor, req, xhr).await
    } else {
        confirm(state, session, actor, address, req).await
    }
}

/// The uploaded file: its name and bytes, or the page's error code.
async fn received_file(state: &AppState, req: Request) -> Result<(String, Vec<u8>), &'static str> {
    let mut form = Multipart::from_request(req, state)
        .await
        .map_err(|_| "khong_co_tep")?;
    let mut found = None;
    let mut too_large = false;
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err("qua_lon"),
            Err(_) => return Err("khong_doc_duoc"),
        };
        if field.name() != Some(FILE_FIELD) {
            continue;
        }
        let name = clean(field.file_name().unwrap_or_default());
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    // Past the limit the rest is read and dropped.
                    if too_large || bytes.len() + chunk.len() > MAX_FILE_BYTES {
                        too_large = true;
                        bytes = Vec::new();
                    } else {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err("qua_lon"),
                Err(_) => return Err("khong_doc_duoc"),
            }
        }
        found = Some((name, bytes));
    }
    if too_large {
        return Err("qua_lon");
    }
    match found {
        Some((name, bytes)) if !(name.is_empty() && bytes.is_empty()) => Ok((name, bytes)),
        _ => Err("khong_co_tep"),
    }
}

async fn upload(
    state: AppState,
    session: Session,
    actor: Actor,
    req: Request,
    xhr: bool,
) -> Result<Response, HttpError> {
    let Actor::User(me) = &actor else {
        return Err(refused(&actor));
    };
    let (file_name, bytes) = match received_file(&state, req).await {
        Ok(file) => file,
        Err(code) => return Ok(back(xhr, Some(code))),
    };
    let today = chrono::Utc::now().date_naive();
    let (report, batch) = match super::check(&state.store, bytes, today, &may_change(&actor)).await
    {
        Ok(checked) => checked,
        Err(super::CheckError::File(e)) => {
            tracing::info!(error = %e, file = %file_name, "import file refused");
            return Ok(back(xhr, Some(e.code())));
        }
        Err(super::CheckError::Store(e)) => return Err(e.into()),
    };
    // The rows wait in a record of their own (see the module's comment).
    let mut record = Record {
        id: Id::default(),
        data: Default::default(),
        expiry_date: tower_sessions::cookie::time::OffsetDateTime::now_utc()
            + tower_sessions::cookie::time::Duration::minutes(PENDING_MINUTES),
    };
    record.data.insert("import_user".into(), me.user_id.into());
    let rows = serde_json::to_value(&batch).map_err(failed)?;
    record.data.insert("import_batch".into(), rows);
    state.sessions.create(&mut record).await.map_err(failed)?;
    forget_pending(&state, &session).await;
    let error_count = report.errors.len();
    let mut shown = report;
    shown.errors.truncate(SHOWN_ERRORS);
    let pending = Pending {
        token: record.id.to_string(),
        file_name,
        report: shown,
        error_count,
    };
    session
        .insert(PENDING_KEY, &pending)
        .await
        .map_err(failed)?;
    Ok(back(xhr, None))
}

/// Drops the waiting rows of an earlier upload, if any.
async fn forget_pending(state: &AppState, session: &Session) {
    if let Ok(Some(old)) = session.remove::<Pending>(PENDING_KEY).await
        && let Ok(id) = Id::from_str(&old.token)
        && let Err(e) = state.sessions.delete(&id).await
    {
        tracing::warn!(error = %e, "could not drop an earlier import");
    }
}

#[derive(Deserialize)]
struct ConfirmForm {
    token: String,
    /// "tat-ca" (all rows; only when there is no error), "hop-le" (the valid
    /// rows), "huy" (cancel).
    mode: String,
}

async fn confirm(
    state: AppState,
    session: Session,
    actor: Actor,
    address: String,
    req: Request,
) -> Result<Response, HttpError> {
    let Actor::User(me) = &actor else {
        return Err(refused(&actor));
    };
    let Ok(Form(form)) = Form::<ConfirmForm>::from_request(req, &state).await else {
        return Ok(back(false, Some("thieu")));
    };
    let pending = session.get::<Pending>(PENDING_KEY).await.ok().flatten();
    let Some(pending) = pending.filter(|p| p.token == form.token) else {
        return Ok(back(false, Some("het_han")));
    };
    if form.mode == "huy" {
        forget_pending(&state, &session).await;
        return Ok(back(false, None));
    }
    let all = match form.mode.as_str() {
        "tat-ca" => true,
        "hop-le" => false,
        _ => return Ok(back(false, Some("thieu"))),
    };
    if all && pending.error_count > 0 {
        return Ok(back(false, Some("con_loi")));
    }
    let Ok(id) = Id::from_str(&pending.token) else {
        return Ok(back(false, Some("het_han")));
    };
    let record = state.sessions.load(&id).await.map_err(failed)?;
    let batch: Option<Batch> = record
        .filter(|r| r.data.get("import_user") == Some(&me.user_id.into()))
        .and_then(|mut r| r.data.remove("import_batch"))
        .and_then(|v| serde_json::from_value(v).ok());
    let Some(batch) = batch else {
        forget_pending(&state, &session).await;
        return Ok(back(false, Some("het_han")));
    };
    if batch.is_empty() {
        return Ok(back(false, Some("khong_co_dong")));
    }
    // The database may have changed since the check, and so may the
    // importer's positions.
    let (codes, cards) = lookups_of(&batch);
    let existing = state.store.import_lookup(&codes, &cards).await?;
    let (again, batch) = recheck(&batch, &existing, &may_change(&actor));
    if !again.is_clean() {
        forget_pending(&state, &session).await;
        return Ok(back(false, Some("da_thay_doi")));
    }
    let label = match state.store.user_by_id(me.user_id).await {
        Ok(Some(u)) => u.username,
        _ => format!("user #{}", me.user_id),
    };
    let skipped = pending.report.invalid_rows();
    // An import writes many rows at once: a backup first, named in its
    // audit entry, lets a restore undo it.
    let backup = match &state.backups {
        Some(b) => {
            use app::api::backups::BackupCatalog;
            Some(
                b.before_change("import.apply", (me.user_id, &label))
                    .await
                    .map_err(failed)?,
            )
        }
        None => None,
    };
    let entry = AuditEntry::new(Some(me.user_id), label, "import.apply")
        .about("import", Some(pending.file_name.clone()))
        .after(serde_json::json!({
            "file": pending.file_name,
            "mode": if all { "all" } else { "valid_rows" },
            "units": batch.units.len(),
            "members": batch.members.len(),
            "skipped_rows": skipped,
            "backup": backup,
        }))
        .from_address(address)
        .in_unit(batch.scope_path.clone());
    let today = chrono::Utc::now().date_naive();
    let outcome = match state
        .store
        .apply_import(&batch, today, &entry, &|_, _| {})
        .await
    {
        Ok(o) => o,
        Err(StoreError::Invalid(reason)) => {
            tracing::info!(%reason, "import refused by the store");
            forget_pending(&state, &session).await;
            return Ok(back(false, Some("da_thay_doi")));
        }
        Err(e) => return Err(e.into()),
    };
    // Units and members added: every dashboard reads its figures again.
    state.live.publish(app::api::live::Moved {
        path: "/".into(),
        year: None,
    });
    forget_pending(&state, &session).await;
    let done = Done {
        file_name: pending.file_name,
        units: outcome.units,
        members: outcome.members,
        skipped,
    };
    session.insert(DONE_KEY, &done).await.map_err(failed)?;
    Ok(back(false, None))
}

/// The codes and card numbers a batch refers to.
fn lookups_of(batch: &Batch) -> (Vec<String>, Vec<String>) {
    let file = app::domain::import::ReadFile {
        units: batch.units.clone(),
        members: batch.members.clone(),
        ..Default::default()
    };
    lookups(&file)
}
