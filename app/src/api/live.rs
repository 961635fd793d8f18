//! Figures that moved, told to the open dashboards. A write that changes
//! what a dashboard shows publishes, after its transaction committed, the
//! smallest subtree it touched — a path and a year, no personal data — and
//! each open dashboard whose unit is on that path (above or below) reads its
//! own figures again, within its viewer's scope (`server/src/live.rs`).
//!
//! One instance: this in-process broadcast. Several on PostgreSQL: each
//! instance also relays what the others publish (`LISTEN`), see the server.

use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, watch};

/// Where figures moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    /// The subtree (a unit's path) holding every change.
    pub path: String,
    /// The year of the figures; `None`: every year (a structural change).
    pub year: Option<i32>,
}

impl Moved {
    /// Whether a dashboard of the unit at `path`, for `year`, shows
    /// figures this moved: the unit is above the change, or inside it.
    pub fn concerns(&self, path: &str, year: i32) -> bool {
        self.year.is_none_or(|y| y == year)
            && (self.path.starts_with(path) || path.starts_with(&self.path))
    }
}

/// The PostgreSQL channel on which every write tells every instance
/// (`NOTIFY` in the writing transaction, one `LISTEN` per instance; a
/// [`Moved`] as JSON).
pub const CHANNEL: &str = "dangbo_figures";

/// The bus. Slow listeners lose messages (and read everything again).
pub struct Live {
    tx: broadcast::Sender<Moved>,
    open: watch::Sender<bool>,
    /// The database tells every instance, this one included (PostgreSQL):
    /// what the server functions publish would come twice.
    relayed: std::sync::atomic::AtomicBool,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            tx: broadcast::channel(1024).0,
            open: watch::channel(true).0,
            relayed: false.into(),
        }
    }
}

impl Live {
    /// What a server function publishes after its write committed; left to
    /// the relay when there is one.
    pub fn publish(&self, moved: Moved) {
        if !self.relayed.load(std::sync::atomic::Ordering::Relaxed) {
            self.relay(moved);
        }
    }

    /// From now on, the database's notices are the only source.
    pub fn relayed_by_database(&self) {
        self.relayed
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Tells the open streams.
    pub fn relay(&self, moved: Moved) {
        // Nobody listening is not an error.
        let _ = self.tx.send(moved);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Moved> {
        self.tx.subscribe()
    }

    /// Ends every stream (the server is shutting down).
    pub fn close(&self) {
        self.open.send_replace(false);
    }

    /// Resolves once [`Live::close`] was called.
    pub fn closed(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.open.subscribe();
        async move {
            let _ = rx.wait_for(|open| !open).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_concerns_the_units_above_and_inside_it() {
        let moved = Moved {
            path: "/1/2/3/".into(),
            year: Some(2021),
        };
        assert!(moved.concerns("/1/", 2021));
        assert!(moved.concerns("/1/2/", 2021));
        assert!(moved.concerns("/1/2/3/", 2021));
        assert!(!moved.concerns("/1/2/4/", 2021));
        assert!(!moved.concerns("/1/5/", 2021));
        assert!(!moved.concerns("/1/", 2020));
        let org = Moved {
            path: "/1/2/".into(),
            year: None,
        };
        assert!(org.concerns("/1/2/3/", 2020));
        assert!(
            !org.concerns("/1/22/", 2020),
            "a sibling whose id starts alike"
        );
    }

    #[tokio::test]
    async fn listeners_hear_what_is_published_and_when_it_closes() {
        let live = Live::default();
        let mut rx = live.subscribe();
        live.publish(Moved {
            path: "/1/".into(),
            year: None,
        });
        assert_eq!(rx.recv().await.unwrap().path, "/1/");
        let closed = live.closed();
        live.close();
        closed.await;
    }
}
