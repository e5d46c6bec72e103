//! Platform administration: verifying organisations, the audit log.

use crate::routes::Routes;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
}
