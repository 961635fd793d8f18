//! A proposal dossier's files (PDF, DOCX, PNG, JPEG), as plain forms and
//! links, so they work without JavaScript:
//! - `POST /khen-thuong/{id}/tep` (multipart, field `tep`): adds a file,
//!   then back to the proposal (`?loi-tep=code` when refused);
//! - `GET /tep-ho-so/{id}`: downloads one, as it was kept;
//! - `POST /tep-ho-so/{id}/xoa`: removes one, then back to the proposal.
//!
//! Adding and removing are the proposer's, while the dossier is a draft or
//! returned; reading is for whoever may read the dossier (others get 404,
//! as for the proposal). The type is told by the content, never the name;
//! a file is at most 10 MB and a dossier holds at most 20.

use crate::http::{AppState, HttpError, SignedIn, Text};
use app::domain::attachment::{self, Kind};
use app::domain::authz::{Action, Actor, Target, User, can};
use app::domain::proposal::ProposalState;
use app::domain::text::url_escape;
use app::paths::flagged;
use app::store::commendations::{NewAttachment, ProposalHead};
use app::store::model::AuditEntry;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sha2::{Digest, Sha256};

/// The multipart field of the file.
const FIELD: &str = "tep";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/khen-thuong/{id}/tep", post(upload))
        .route("/tep-ho-so/{id}", get(download))
        .route("/tep-ho-so/{id}/xoa", post(remove))
        // A little over the file's limit: the form's other bytes.
        .layer(DefaultBodyLimit::max(attachment::MAX_BYTES + 64 * 1024))
}

fn back(proposal: i64, problem: Option<&str>) -> Response {
    let page = app::paths::proposal(proposal);
    let to = match problem {
        Some(code) => format!("{}#ho-so", flagged(&page, "loi-tep", code)),
        None => format!("{}#ho-so", flagged(&page, "da-luu", 1)),
    };
    Redirect::to(&to).into_response()
}

fn target(h: &ProposalHead) -> Target<'_> {
    Target::Unit {
        kind: h.proposer.kind,
        path: &h.proposer.path,
    }
}

/// Whether the caller may change the proposal's dossier now: the
/// proposal, or the answer (a dossier already sent is said on its page).
async fn editable(
    state: &AppState,
    user: &User,
    id: i64,
) -> Result<Result<ProposalHead, Response>, HttpError> {
    let actor = Actor::User(user.clone());
    let h = state
        .store
        .proposal_head(id)
        .await?
        .ok_or_else(HttpError::not_found)?;
    if !can(&actor, Action::ViewProposal, target(&h)) {
        return Err(HttpError::not_found());
    }
    if !can(&actor, Action::ProposeCommendation, target(&h)) {
        return Err(HttpError::Forbidden(Text::of(|s| s.kt_not_your_proposal)));
    }
    if !matches!(h.state, ProposalState::Draft | ProposalState::Returned) {
        return Ok(Err(back(id, Some("da-trinh"))));
    }
    Ok(Ok(h))
}

async fn audit(
    state: &AppState,
    user: &User,
    action: &str,
    after: serde_json::Value,
) -> AuditEntry {
    let label = app::api::context::actor_label(&state.store, user).await;
    AuditEntry::new(Some(user.user_id), label, action).after(after)
}

/// The file field's name and bytes, or the page's error code.
async fn received(state: &AppState, req: Request) -> Result<(String, Vec<u8>), &'static str> {
    let mut form = Multipart::from_request(req, state)
        .await
        .map_err(|_| "khong-co-tep")?;
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Err("khong-co-tep"),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err("qua-lon"),
            Err(_) => return Err("khong-doc-duoc"),
        };
        if field.name() != Some(FIELD) {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        let mut too_large = false;
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    // Past the limit the rest is read and dropped, so that
                    // the answer is the page's, not a cut connection.
                    if too_large || bytes.len() + chunk.len() > attachment::MAX_BYTES {
                        too_large = true;
                        bytes = Vec::new();
                    } else {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err("qua-lon"),
                Err(_) => return Err("khong-doc-duoc"),
            }
        }
        if too_large {
            return Err("qua-lon");
        }
        if bytes.is_empty() {
            return Err("khong-co-tep");
        }
        return Ok((name, bytes));
    }
}

async fn upload(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<i64>,
    req: Request,
) -> Result<Response, HttpError> {
    // Who may, before the body is read.
    if let Err(sent) = editable(&state, &user, id).await? {
        return Ok(sent);
    }
    let (name, bytes) = match received(&state, req).await {
        Ok(file) => file,
        Err(code) => return Ok(back(id, Some(code))),
    };
    let Some(kind) = attachment::sniff(&bytes) else {
        return Ok(back(id, Some("sai-loai")));
    };
    // Hashing 10 MB is work for the blocking pool, not the async workers.
    let hashed = tokio::task::spawn_blocking(move || {
        let digest = Sha256::digest(&bytes);
        (bytes, format!("{digest:x}"))
    })
    .await;
    let (bytes, sha256) = hashed.map_err(|e| HttpError::internal("hashing a file", e))?;
    let file = NewAttachment {
        name: attachment::clean_name(&name, kind),
        kind,
        data: bytes,
        sha256,
        uploaded_by: Some(user.user_id),
    };
    let entry = audit(
        &state,
        &user,
        "proposal.attach",
        serde_json::json!({ "name": file.name, "type": kind.content_type(), "size": file.data.len() }),
    )
    .await;
    match state.store.add_attachment(id, &file, &entry).await {
        Ok(_) => Ok(back(id, None)),
        Err(app::store::StoreError::Invalid(_)) => Ok(back(id, Some("qua-nhieu"))),
        Err(e) => Err(e.into()),
    }
}

async fn download(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, HttpError> {
    let actor = Actor::User(user);
    let (row, proposal) = state
        .store
        .attachment(id)
        .await?
        .ok_or_else(HttpError::not_found)?;
    let h = state
        .store
        .proposal_head(proposal)
        .await?
        .ok_or_else(HttpError::not_found)?;
    if !can(&actor, Action::ViewProposal, target(&h)) {
        return Err(HttpError::not_found());
    }
    let data = state
        .store
        .attachment_data(id)
        .await?
        .ok_or_else(HttpError::not_found)?;
    // The type it was kept with (told by its content), never a guess.
    let kind = Kind::from_content_type(&row.content_type).unwrap_or(Kind::Pdf);
    let disposition = format!(
        "attachment; filename=\"tep-{id}.{}\"; filename*=UTF-8''{}",
        kind.extension(),
        url_escape(&row.name)
    );
    Ok((
        [
            (header::CONTENT_TYPE, kind.content_type().to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        data,
    )
        .into_response())
}

async fn remove(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, HttpError> {
    let (row, proposal) = state
        .store
        .attachment(id)
        .await?
        .ok_or_else(HttpError::not_found)?;
    if let Err(sent) = editable(&state, &user, proposal).await? {
        return Ok(sent);
    }
    let entry = audit(
        &state,
        &user,
        "proposal.detach",
        serde_json::json!({ "name": row.name }),
    )
    .await;
    state.store.remove_attachment(id, &entry).await?;
    Ok(back(proposal, None))
}
