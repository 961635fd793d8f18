//! One dataset builder, two profiles: the Hậu Giang demo (`crate::demo`, the
//! figures of DOMAIN.md) and, with the `tools` feature, an organisation of
//! the same shape at national scale (`crate::national`, by member count).
//! The profiles say what an organisation looks like; the builder, the random
//! draws and the e-mail names are shared.

mod builder;
pub mod draw;
mod mailbox;
pub mod names;

pub use builder::{Builder, Holder};
pub use mailbox::Mailboxes;

use app::store::model::Dataset;

/// Which organisation to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// The Hậu Giang bloc at the end of 2020, always the same.
    HauGiang,
    /// The demo's shape for `members` members; the same seed gives the same data.
    #[cfg(feature = "tools")]
    National { members: usize, seed: u64 },
}

impl Profile {
    /// The whole organisation, ready for `load_dataset` into an empty store.
    /// `progress(members_done)` is called now and then on long builds.
    #[cfg_attr(not(feature = "tools"), allow(unused_variables))]
    pub fn build(self, progress: &dyn Fn(u64)) -> Result<Dataset, String> {
        match self {
            Profile::HauGiang => Ok(crate::demo::generate()),
            #[cfg(feature = "tools")]
            Profile::National { members, seed } => {
                crate::national::generate(members, seed, progress)
            }
        }
    }
}

/// A digest of everything in a dataset, to pin a profile's output in tests:
/// the demo's logins and the national figures of the README depend on every
/// draw staying where it is.
#[cfg(test)]
pub fn fingerprint(ds: &Dataset) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(format!("{ds:?}"));
    format!("{:x}", hash.finalize())
}
