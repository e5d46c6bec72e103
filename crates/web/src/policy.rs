//! Enforcement of the domain access policy in the web layer: the caller is extracted from
//! the request, and handlers call [`Caller::authorize`] with the action they perform.

use crate::problem::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use bleibe_domain::policy::{self, Action, Denied};

/// The caller of a request. Until accounts exist every caller is anonymous.
#[derive(Debug, Clone)]
pub struct Caller(pub policy::Caller);

impl Caller {
    /// Asks the policy; a refusal becomes 401 or 403.
    pub fn authorize(&self, action: Action) -> Result<(), AppError> {
        policy::authorize(&self.0, action).map_err(|d| match d {
            Denied::Unauthenticated => AppError::unauthorized(),
            Denied::Forbidden => AppError::forbidden(),
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Caller(policy::Caller::Anonymous))
    }
}
