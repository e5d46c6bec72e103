//! Networks: the portal page `/n/{slug}`, network administration, and the `/embed/jobs` widget.

use crate::routes::Routes;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
}
