//! CPU-heavy work (password hashing, spreadsheets, drawings) runs on tokio's
//! blocking pool, a few jobs of each kind at a time, so that a flood of it
//! never stalls the async workers that answer every other page.
//!
//! The permit moves into the blocking closure: a job whose client has gone
//! away still holds its place until it has really finished, so the limit
//! counts the work that runs, not the requests still waiting for it.

use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// A kind of heavy work and how many of its jobs may run at once.
pub struct Lane {
    name: &'static str,
    permits: std::sync::OnceLock<Arc<Semaphore>>,
    size: usize,
    /// How long a job may wait for a place before it is refused.
    wait: Duration,
}

/// A place taken in a lane: the job that runs in it holds it to the end.
pub struct Place {
    name: &'static str,
    permit: tokio::sync::OwnedSemaphorePermit,
}

impl Place {
    pub async fn run<T, F>(self, job: F) -> Result<T, Busy>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let Place { name, permit } = self;
        tokio::task::spawn_blocking(move || {
            let out = job();
            drop(permit);
            out
        })
        .await
        .map_err(|e| {
            tracing::error!(lane = name, error = %e, "blocking job failed");
            Busy::Failed(name)
        })
    }
}

/// Why a job did not run.
#[derive(Debug, thiserror::Error)]
pub enum Busy {
    /// Every place stayed taken for the whole wait.
    #[error("{0}: too busy")]
    Full(&'static str),
    /// The job panicked or was cancelled (logged).
    #[error("{0}: the job failed")]
    Failed(&'static str),
}

impl Busy {
    /// 503 with `Retry-After` and a sentence in both languages when full
    /// (heavy work is refused before anything is written, so trying again is
    /// safe); 500 when the job failed.
    pub fn response(&self) -> Response {
        match self {
            Busy::Full(_) => crate::serving::busy(),
            Busy::Failed(_) => crate::serving::failed(),
        }
    }
}

impl IntoResponse for Busy {
    fn into_response(self) -> Response {
        self.response()
    }
}

impl Lane {
    pub const fn new(name: &'static str, size: usize, wait: Duration) -> Self {
        Lane {
            name,
            permits: std::sync::OnceLock::new(),
            size,
            wait,
        }
    }

    fn semaphore(&self) -> Arc<Semaphore> {
        self.permits
            .get_or_init(|| Arc::new(Semaphore::new(self.size.max(1))))
            .clone()
    }

    /// A place in the lane (waiting at most the lane's wait), to be used by
    /// [`Place::run`]: taken before anything is written, so that a refusal
    /// leaves no trace.
    pub async fn place(&self) -> Result<Place, Busy> {
        let permit = tokio::time::timeout(self.wait, self.semaphore().acquire_owned())
            .await
            .map_err(|_| Busy::Full(self.name))?
            .map_err(|_| Busy::Full(self.name))?;
        Ok(Place {
            name: self.name,
            permit,
        })
    }

    /// Runs `job` on the blocking pool once a place is free.
    pub async fn run<T, F>(&self, job: F) -> Result<T, Busy>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        self.place().await?.run(job).await
    }

    /// Places free right now (for tests and figures).
    pub fn available(&self) -> usize {
        self.semaphore().available_permits()
    }
}

/// Password hashing and verification (Argon2id: about 20 MB and tens of
/// milliseconds each); logins beyond these wait their turn.
pub static PASSWORDS: Lane = Lane::new("passwords", 4, Duration::from_secs(10));

/// Spreadsheets, drawings and their rasterization.
pub static EXPORTS: Lane = Lane::new("exports", 2, Duration::from_secs(30));

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_lane_refuses_after_its_wait_and_frees_places_when_jobs_end() {
        static LANE: Lane = Lane::new("test", 1, Duration::from_millis(100));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let first = tokio::spawn(LANE.run(move || rx.recv().is_ok()));
        // Let the first job take the only place.
        while LANE.available() > 0 {
            tokio::task::yield_now().await;
        }
        assert!(matches!(LANE.run(|| ()).await, Err(Busy::Full("test"))));
        // The first request is abandoned, but its job still holds the place.
        first.abort();
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(LANE.available(), 0);
        tx.send(()).unwrap();
        assert_eq!(LANE.run(|| 7).await.unwrap(), 7);
        assert_eq!(LANE.available(), 1);
    }

    #[test]
    fn busy_is_a_503_with_retry_after() {
        use axum::http::{StatusCode, header};
        let res = Busy::Full("x").response();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(res.headers().contains_key(header::RETRY_AFTER));
    }
}
