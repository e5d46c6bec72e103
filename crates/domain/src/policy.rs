//! The access policy: the one place that says who may do what to which resource. Every
//! route in the web layer names an [`Action`] (carrying the id of the organisation or
//! network it touches) and asks [`authorize`] before it touches the store; a test in the
//! web crate walks every route with every kind of caller.

use crate::account::{Membership, OrgKind, Role, Scope};

/// A signed-in user, with what the policy needs to know about them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignedIn {
    /// The user.
    pub user_id: i64,
    /// Operator of the installation.
    pub platform_admin: bool,
    /// Their organisations and roles.
    pub memberships: Vec<Membership>,
    /// Networks they administer.
    pub network_admin_of: Vec<i64>,
    /// Networks one of their organisations is a member of.
    pub member_of_networks: Vec<i64>,
    /// Working groups they lead.
    pub leads_groups: Vec<i64>,
    /// Whether this session was confirmed with a second factor (TOTP). Case work needs
    /// it: personal data of people seeking advice is shown only to staff who signed in
    /// with two factors.
    pub second_factor: bool,
}

impl SignedIn {
    /// The user's role in `org`, if a member.
    pub fn role_in(&self, org: i64) -> Option<Role> {
        self.memberships
            .iter()
            .find(|m| m.org_id == org)
            .map(|m| m.role)
    }
}

/// An API token: acts for its one organisation, within its scopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenCaller {
    /// The token.
    pub token_id: i64,
    /// Its organisation.
    pub org_id: i64,
    /// What it may do.
    pub scopes: Vec<Scope>,
}

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// Nobody signed in: the public.
    Anonymous,
    /// A signed-in user (a session).
    User(SignedIn),
    /// An API token.
    Token(TokenCaller),
}

/// Everything a caller can ask bleibe to do, with the resource it is done to.
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
    /// Read public pages: start page, legal notices, API description, health,
    /// organisation profiles, network portals.
    ViewPublicPages,
    /// Read operational metrics (`/metrics`). Open: they hold counts only; operators
    /// who want them private restrict the path at their proxy.
    ViewMetrics,
    /// Sign up, sign in, confirm an address, reset a password, accept an invitation:
    /// open to everyone (these forms are how one stops being anonymous).
    Authenticate,
    /// See and change one's own account, sign out.
    ManageOwnAccount,
    /// Found a new organisation (the founder becomes its admin).
    CreateOrganisation,
    /// See an organisation's workspace: its jobs including drafts, its members.
    ViewWorkspace(i64),
    /// Create, change, publish, unpublish, expire, duplicate and delete the
    /// organisation's jobs, and see its unpublished ones.
    WriteJobs(i64),
    /// Change the organisation's profile (name, description, places, logo).
    EditOrganisation(i64),
    /// Invite members and change their roles.
    ManageMembers(i64),
    /// Create and revoke the organisation's API tokens.
    ManageTokens(i64),
    /// Administer a network: its members, verifying its organisations.
    AdminNetwork(i64),
    /// Platform administration: verify any organisation, create networks, read the
    /// audit log.
    AdminPlatform,
    /// See a network's members-only records: measures, ideas, working groups, events,
    /// the contact persons of the member directory.
    ViewNetworkInternal(i64),
    /// Take part in a network: submit and comment on ideas, join working groups, list
    /// oneself as a contact person, register for members-only events.
    ContributeToNetwork(i64),
    /// Create and change the organisation's measures.
    WriteMeasures(i64),
    /// Create and change the organisation's events and see their registrations.
    ManageEvents(i64),
    /// Move an idea through the pipeline: the network's admins, or the lead of the
    /// working group that handles it.
    DecideIdea {
        /// The idea's network.
        network: i64,
        /// Its working group.
        group: Option<i64>,
    },
    /// Manage a working group (members, tasks, meetings): its lead or the network's
    /// admins.
    LeadWorkingGroup {
        /// The group's network.
        network: i64,
        /// The group.
        group: i64,
    },
    /// Edit a place's profile: platform admins, and the editors and admins of a verified
    /// municipality whose place it is.
    EditPlaceProfile {
        /// The place (GeoNames id).
        place_id: i64,
    },
    /// Ask a welcome center for advice (the public intake form): open to everyone.
    RequestCounselling,
    /// See one's own case, its access log and one's data (a signed-in person).
    ViewOwnCase,
    /// Case work for the organisation's cases: persons, cases, steps, notes, documents,
    /// appointments, consents. Members of a verified welcome center, signed in with a
    /// second factor.
    ManageCases(i64),
    /// Case administration: templates, sharing overrides, erasure. Admins of a verified
    /// welcome center, signed in with a second factor.
    AdminCases(i64),
    /// See the parts of other organisations' cases that people consented to share with
    /// this organisation. Members of a verified organisation of any kind (or any
    /// employer), signed in with a second factor; what they see is decided per case by
    /// the consents ([`crate::casework::consent`]).
    ViewSharedCases(i64),
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
    /// The caller has the right, but this session was not confirmed with a second
    /// factor (TOTP), which the action needs.
    #[error("second factor required")]
    SecondFactorRequired,
}

/// Allowed only when the session was confirmed with a second factor.
fn with_second_factor(u: &SignedIn, ok: bool) -> Result<(), Denied> {
    match (ok, u.second_factor) {
        (false, _) => Err(Denied::Forbidden),
        (true, false) => Err(Denied::SecondFactorRequired),
        (true, true) => Ok(()),
    }
}

fn allow(ok: bool) -> Result<(), Denied> {
    if ok {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

/// Decides whether `caller` may perform `action`.
///
/// Platform admins moderate: they may act on any organisation's jobs and see its
/// workspace, and verify organisations, but they do not manage another organisation's
/// members, tokens or profile. API tokens act only for their own organisation, only
/// within their scopes, and never on accounts, members or tokens.
pub fn authorize(caller: &Caller, action: Action) -> Result<(), Denied> {
    use Action::*;
    if matches!(
        action,
        SearchJobs
            | ViewJob
            | ViewPlaces
            | ViewReferenceData
            | ViewPublicPages
            | ViewMetrics
            | Authenticate
            | RequestCounselling
    ) {
        return Ok(());
    }
    match caller {
        Caller::Anonymous => Err(Denied::Unauthenticated),
        Caller::Token(t) => match action {
            WriteJobs(org) => allow(t.org_id == org && t.scopes.contains(&Scope::JobsWrite)),
            EditOrganisation(org) => {
                allow(t.org_id == org && t.scopes.contains(&Scope::OrganisationWrite))
            }
            _ => Err(Denied::Forbidden),
        },
        Caller::User(u) => {
            let role = |org: i64| u.role_in(org);
            match action {
                ManageOwnAccount | CreateOrganisation => Ok(()),
                ViewWorkspace(org) => allow(u.platform_admin || role(org).is_some()),
                WriteJobs(org) => {
                    allow(u.platform_admin || role(org).is_some_and(|r| r >= Role::Editor))
                }
                EditOrganisation(org) | ManageMembers(org) | ManageTokens(org) => {
                    allow(role(org) == Some(Role::Admin))
                }
                AdminNetwork(net) => allow(u.platform_admin || u.network_admin_of.contains(&net)),
                AdminPlatform => allow(u.platform_admin),
                ViewNetworkInternal(net) | ContributeToNetwork(net) => allow(
                    u.platform_admin
                        || u.network_admin_of.contains(&net)
                        || u.member_of_networks.contains(&net),
                ),
                WriteMeasures(org) | ManageEvents(org) => {
                    allow(u.platform_admin || role(org).is_some_and(|r| r >= Role::Editor))
                }
                DecideIdea { network, group } => allow(
                    u.platform_admin
                        || u.network_admin_of.contains(&network)
                        || group.is_some_and(|g| u.leads_groups.contains(&g)),
                ),
                LeadWorkingGroup { network, group } => allow(
                    u.platform_admin
                        || u.network_admin_of.contains(&network)
                        || u.leads_groups.contains(&group),
                ),
                EditPlaceProfile { place_id } => allow(
                    u.platform_admin
                        || u.memberships.iter().any(|m| {
                            m.kind == OrgKind::Municipality
                                && m.kind_rights()
                                && m.place_id == place_id
                                && m.role >= Role::Editor
                        }),
                ),
                ViewOwnCase => Ok(()),
                ManageCases(org) => with_second_factor(
                    u,
                    u.memberships.iter().any(|m| {
                        m.org_id == org && m.kind == OrgKind::WelcomeCenter && m.kind_rights()
                    }),
                ),
                AdminCases(org) => with_second_factor(
                    u,
                    u.memberships.iter().any(|m| {
                        m.org_id == org
                            && m.kind == OrgKind::WelcomeCenter
                            && m.kind_rights()
                            && m.role == Role::Admin
                    }),
                ),
                ViewSharedCases(org) => with_second_factor(
                    u,
                    u.memberships
                        .iter()
                        .any(|m| m.org_id == org && m.kind_rights()),
                ),
                SearchJobs | ViewJob | ViewPlaces | ViewReferenceData | ViewPublicPages
                | ViewMetrics | Authenticate | RequestCounselling => Ok(()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(org: i64, role: Role) -> Membership {
        Membership {
            org_id: org,
            org_name: format!("Org {org}"),
            kind: OrgKind::Employer,
            verified: false,
            role,
            place_id: 2830085,
        }
    }

    fn user(memberships: Vec<Membership>) -> Caller {
        Caller::User(SignedIn {
            user_id: 1,
            memberships,
            ..SignedIn::default()
        })
    }

    #[test]
    fn the_public_reads_but_does_not_write() {
        let anon = Caller::Anonymous;
        assert_eq!(authorize(&anon, Action::SearchJobs), Ok(()));
        assert_eq!(authorize(&anon, Action::Authenticate), Ok(()));
        assert_eq!(
            authorize(&anon, Action::WriteJobs(1)),
            Err(Denied::Unauthenticated)
        );
        assert_eq!(
            authorize(&anon, Action::ManageOwnAccount),
            Err(Denied::Unauthenticated)
        );
    }

    #[test]
    fn roles_rank_within_their_own_organisation_only() {
        let editor = user(vec![member(1, Role::Editor)]);
        assert_eq!(authorize(&editor, Action::WriteJobs(1)), Ok(()));
        assert_eq!(
            authorize(&editor, Action::WriteJobs(2)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&editor, Action::ManageTokens(1)),
            Err(Denied::Forbidden)
        );
        let plain = user(vec![member(1, Role::Member)]);
        assert_eq!(authorize(&plain, Action::ViewWorkspace(1)), Ok(()));
        assert_eq!(
            authorize(&plain, Action::WriteJobs(1)),
            Err(Denied::Forbidden)
        );
        let admin = user(vec![member(1, Role::Admin)]);
        assert_eq!(authorize(&admin, Action::ManageMembers(1)), Ok(()));
        assert_eq!(
            authorize(&admin, Action::AdminPlatform),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn tokens_act_for_their_organisation_within_scope() {
        let t = Caller::Token(TokenCaller {
            token_id: 1,
            org_id: 7,
            scopes: vec![Scope::JobsWrite],
        });
        assert_eq!(authorize(&t, Action::WriteJobs(7)), Ok(()));
        assert_eq!(authorize(&t, Action::WriteJobs(8)), Err(Denied::Forbidden));
        assert_eq!(
            authorize(&t, Action::EditOrganisation(7)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&t, Action::ManageTokens(7)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&t, Action::ManageOwnAccount),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn network_and_platform_admins() {
        let net = Caller::User(SignedIn {
            user_id: 2,
            network_admin_of: vec![3],
            ..SignedIn::default()
        });
        assert_eq!(authorize(&net, Action::AdminNetwork(3)), Ok(()));
        assert_eq!(
            authorize(&net, Action::AdminNetwork(4)),
            Err(Denied::Forbidden)
        );
        let platform = Caller::User(SignedIn {
            user_id: 3,
            platform_admin: true,
            ..SignedIn::default()
        });
        assert_eq!(authorize(&platform, Action::AdminNetwork(4)), Ok(()));
        assert_eq!(authorize(&platform, Action::WriteJobs(9)), Ok(()));
        assert_eq!(
            authorize(&platform, Action::ManageTokens(9)),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn network_members_see_inside_only_their_networks() {
        let member = Caller::User(SignedIn {
            user_id: 4,
            memberships: vec![member(1, Role::Member)],
            member_of_networks: vec![5],
            leads_groups: vec![9],
            ..SignedIn::default()
        });
        assert_eq!(authorize(&member, Action::ViewNetworkInternal(5)), Ok(()));
        assert_eq!(
            authorize(&member, Action::ViewNetworkInternal(6)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(&Caller::Anonymous, Action::ViewNetworkInternal(5)),
            Err(Denied::Unauthenticated)
        );
        // A plain member writes no measures; the group lead decides only their group's ideas.
        assert_eq!(
            authorize(&member, Action::WriteMeasures(1)),
            Err(Denied::Forbidden)
        );
        let decide = |group| Action::DecideIdea { network: 5, group };
        assert_eq!(authorize(&member, decide(Some(9))), Ok(()));
        assert_eq!(authorize(&member, decide(Some(8))), Err(Denied::Forbidden));
        assert_eq!(authorize(&member, decide(None)), Err(Denied::Forbidden));
        let token = Caller::Token(TokenCaller {
            token_id: 1,
            org_id: 1,
            scopes: vec![Scope::JobsWrite, Scope::OrganisationWrite],
        });
        assert_eq!(
            authorize(&token, Action::ViewNetworkInternal(5)),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn verified_municipalities_edit_their_own_place_profile() {
        const SPREMBERG: i64 = 2830085;
        let edit = |place_id| Action::EditPlaceProfile { place_id };
        let town = |role, verified| {
            user(vec![Membership {
                kind: OrgKind::Municipality,
                verified,
                ..member(1, role)
            }])
        };
        assert_eq!(
            authorize(&town(Role::Editor, true), edit(SPREMBERG)),
            Ok(())
        );
        assert_eq!(authorize(&town(Role::Admin, true), edit(SPREMBERG)), Ok(()));
        // Another place, a plain member, an unverified municipality, an employer.
        for (caller, place) in [
            (town(Role::Editor, true), 2898304),
            (town(Role::Member, true), SPREMBERG),
            (town(Role::Admin, false), SPREMBERG),
            (user(vec![member(1, Role::Admin)]), SPREMBERG),
        ] {
            assert_eq!(authorize(&caller, edit(place)), Err(Denied::Forbidden));
        }
        let platform = Caller::User(SignedIn {
            user_id: 3,
            platform_admin: true,
            ..SignedIn::default()
        });
        assert_eq!(authorize(&platform, edit(2898304)), Ok(()));
        assert_eq!(
            authorize(&Caller::Anonymous, edit(SPREMBERG)),
            Err(Denied::Unauthenticated)
        );
        let token = Caller::Token(TokenCaller {
            token_id: 1,
            org_id: 1,
            scopes: vec![Scope::JobsWrite, Scope::OrganisationWrite],
        });
        assert_eq!(authorize(&token, edit(SPREMBERG)), Err(Denied::Forbidden));
    }
}
