//! An organisation's team: members, invitations and roles, and its API tokens.

use crate::routes::Routes;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
}
