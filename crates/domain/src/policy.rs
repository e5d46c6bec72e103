//! The access policy: the one place that says who may do what. Every route in the web
//! layer names an [`Action`] and asks [`authorize`] before it touches the store.

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// Nobody signed in: the public.
    Anonymous,
}

/// Everything a caller can ask bleibe to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Search and list published jobs.
    SearchJobs,
    /// Read one published job.
    ViewJob,
    /// Read places and their public profile.
    ViewPlaces,
    /// Read reference data (occupations).
    ViewReferenceData,
    /// Read public pages: start page, legal notices, API description, health.
    ViewPublicPages,
    /// Read operational metrics (`/metrics`). Open for now: they hold counts only;
    /// operators who want them private restrict the path at their proxy.
    ViewMetrics,
    /// Create, change or withdraw jobs (employers, importers).
    WriteJobs,
}

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The caller must sign in first.
    #[error("sign-in required")]
    Unauthenticated,
    /// The caller is known but lacks the right.
    #[error("not permitted")]
    Forbidden,
}

/// Decides whether `caller` may perform `action`.
pub fn authorize(caller: &Caller, action: Action) -> Result<(), Denied> {
    use Action::*;
    match (caller, action) {
        (
            _,
            SearchJobs | ViewJob | ViewPlaces | ViewReferenceData | ViewPublicPages | ViewMetrics,
        ) => Ok(()),
        (Caller::Anonymous, WriteJobs) => Err(Denied::Unauthenticated),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_reads_but_does_not_write() {
        let anon = Caller::Anonymous;
        assert_eq!(authorize(&anon, Action::SearchJobs), Ok(()));
        assert_eq!(authorize(&anon, Action::ViewJob), Ok(()));
        assert_eq!(authorize(&anon, Action::ViewPlaces), Ok(()));
        assert_eq!(
            authorize(&anon, Action::WriteJobs),
            Err(Denied::Unauthenticated)
        );
    }
}
