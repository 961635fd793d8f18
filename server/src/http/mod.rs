//! What the handlers share: the app's state and its parts (`state`), the
//! one error a handler answers with, in the caller's language (`error`),
//! and what a handler takes from a request besides its form (`extract`).

pub mod error;
pub mod extract;
pub mod state;

pub use error::{HttpError, Text};
pub use extract::{Caller, ClientAddr, SignedIn};
pub use state::AppState;
