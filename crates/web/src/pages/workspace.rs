//! The organisation workspace: founding an organisation, its jobs (create, edit, preview, publish, unpublish, expire, duplicate, delete), its profile and logo, members and invitations, API tokens.

use crate::routes::Routes;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
}
