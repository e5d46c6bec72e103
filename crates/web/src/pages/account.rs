//! Sign-up, sign-in and out, e-mail confirmation, password reset and change, invitations, and the account page.

use crate::routes::Routes;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
}
